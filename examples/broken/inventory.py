"""A tiny stock keeper with two bugs a linter can see: run `smallcode fix` on it."""

from dataclasses import dataclass, field


@dataclass
class Item:
    name: str
    price: float
    quantity: int = 0


@dataclass
class Inventory:
    items: dict[str, Item] = field(default_factory=dict)

    def add(self, name: str, price: float, quantity: int = 1) -> Item:
        item = self.items.get(name)
        if item is None:
            item = self.items[name] = Item(name, price)
        item.quantity += quantity
        return item

    def total_value(self) -> float:
        return sum(item.price * item.quantity for item in self.items.values())

    def cheapest(self) -> Item | None:
        if not self.items:
            return None
        return min(self.items.values(), key=lambda item: itme.price)

    def report(self) -> str:
        lines = [f"{i.name}: {i.quantity} x {i.price:.2f}" for i in self.items.values()]
        lines.append(f"total: {self.total_value():.2f}")
        return "\n".join(lines) + "\n" + json.dumps({"items": len(self.items)})
