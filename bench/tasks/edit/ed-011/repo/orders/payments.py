"""The payment gateway interface and an in-memory gateway for tests and demos."""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol


class PaymentError(Exception):
    pass


class Gateway(Protocol):
    def charge(self, order_id: str, amount: Decimal) -> str: ...

    def refund(self, order_id: str, amount: Decimal) -> str: ...


class MemoryGateway:
    """Keeps charges and refunds in lists; refuses to refund more than was charged."""

    def __init__(self) -> None:
        self.charges: list[tuple[str, Decimal]] = []
        self.refunds: list[tuple[str, Decimal]] = []

    def charged(self, order_id: str) -> Decimal:
        paid = sum((a for o, a in self.charges if o == order_id), Decimal("0"))
        back = sum((a for o, a in self.refunds if o == order_id), Decimal("0"))
        return paid - back

    def charge(self, order_id: str, amount: Decimal) -> str:
        if amount <= 0:
            raise PaymentError("amount must be positive")
        self.charges.append((order_id, amount))
        return f"ch_{len(self.charges)}"

    def refund(self, order_id: str, amount: Decimal) -> str:
        if amount > self.charged(order_id):
            raise PaymentError(f"cannot refund {amount} on order {order_id}")
        self.refunds.append((order_id, amount))
        return f"re_{len(self.refunds)}"
