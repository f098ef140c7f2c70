"""CIDR networks ('10.0.0.0/24'): membership, splitting, merging, allocation."""

from __future__ import annotations

from dataclasses import dataclass

from .ipv4 import MAX, int_to_ip, ip_to_int


@dataclass(frozen=True, order=True)
class Network:
    """A network; `first` is the network address as an integer."""

    first: int
    prefix: int

    def __post_init__(self) -> None:
        if not 0 <= self.prefix <= 32:
            raise ValueError(f"bad prefix length {self.prefix}")
        if self.first & ~self.mask & MAX:
            raise ValueError(f"{int_to_ip(self.first)} has host bits set for /{self.prefix}")

    @classmethod
    def parse(cls, text: str, strict: bool = True) -> "Network":
        """'192.168.1.0/24'; with strict=False host bits are cleared instead of refused."""
        address, sep, prefix_text = text.strip().partition("/")
        prefix = int(prefix_text) if sep else 32
        if not 0 <= prefix <= 32:
            raise ValueError(f"bad prefix length in {text!r}")
        value = ip_to_int(address)
        mask = (MAX << (32 - prefix)) & MAX
        if not strict:
            value &= mask
        return cls(value, prefix)

    @property
    def mask(self) -> int:
        return (MAX << (32 - self.prefix)) & MAX

    @property
    def netmask(self) -> str:
        return int_to_ip(self.mask)

    @property
    def last(self) -> int:
        return self.first | (~self.mask & MAX)

    @property
    def broadcast(self) -> str:
        return int_to_ip(self.last)

    @property
    def size(self) -> int:
        return 2 ** (32 - self.prefix)

    def usable_hosts(self) -> int:
        """Addresses for hosts: all but network and broadcast, except for /31 and /32."""
        if self.prefix >= 31:
            return self.size
        return self.size - 2

    def contains(self, item) -> bool:
        """Whether an address (string) or a whole `Network` lies inside this network."""
        if isinstance(item, Network):
            return self.first <= item.first and item.last <= self.last
        value = ip_to_int(item)
      return self.first <= value <= self.last

    def overlaps(self, other: "Network") -> bool:
        return self.first <= other.last and other.first <= self.last

    def subnets(self, new_prefix: int) -> list["Network"]:
        """Split into equal networks of a longer prefix."""
        if not self.prefix <= new_prefix <= 32:
            raise ValueError(f"cannot split /{self.prefix} into /{new_prefix}")
        step = 2 ** (32 - new_prefix)
        return [Network(start, new_prefix) for start in range(self.first, self.last + 1, step)]

    def supernet(self) -> "Network":
        """The network one bit shorter that contains this one."""
        if self.prefix == 0:
            raise ValueError("0.0.0.0/0 has no supernet")
        prefix = self.prefix - 1
        mask = (MAX << (32 - prefix)) & MAX
        return Network(self.first & mask, prefix)

    def host(self, index: int) -> str:
        """The index-th usable host address (0-based)."""
        offset = 0 if self.prefix >= 31 else 1
        if not 0 <= index < self.usable_hosts():
            raise IndexError(f"{self} has {self.usable_hosts()} hosts")
        return int_to_ip(self.first + offset + index)

    def __str__(self) -> str:
        return f"{int_to_ip(self.first)}/{self.prefix}"


def collapse(networks: list[Network]) -> list[Network]:
    """The smallest sorted list of networks covering exactly the same addresses.

    Contained networks disappear and adjacent sibling networks merge into their supernet.
    """
    result: list[Network] = []
    for net in sorted(networks):
        if result and result[-1].contains(net):
            continue
        result.append(net)
        while len(result) >= 2:
            a, b = result[-2], result[-1]
            if a.prefix == b.prefix and a.prefix > 0 and a.supernet() == b.supernet():
                result[-2:] = [a.supernet()]
            else:
                break
    return result


def from_range(start: str, end: str) -> list[Network]:
    """The networks that exactly cover the addresses start..end (both included)."""
    low, high = ip_to_int(start), ip_to_int(end)
    if low > high:
        raise ValueError("start is after end")
    nets = []
    while low <= high:
        prefix = 32
        while prefix > 0:
            size = 2 ** (32 - (prefix - 1))
            if low % size or low + size - 1 > high:
                break
            prefix -= 1
        net = Network(low, prefix)
        nets.append(net)
        low = net.last + 1
    return nets


class Pool:
    """Hands out subnets of a parent network, first fit, and takes them back."""

    def __init__(self, parent: Network) -> None:
        self.parent = parent
        self.allocated: list[Network] = []

    def allocate(self, prefix: int) -> Network:
        """The first free subnet of the given prefix length (lowest address)."""
        if prefix < self.parent.prefix:
            raise ValueError(f"/{prefix} does not fit in {self.parent}")
        for candidate in self.parent.subnets(prefix):
            if not any(candidate.overlaps(used) for used in self.allocated):
                self.allocated.append(candidate)
                self.allocated.sort()
                return candidate
        raise LookupError(f"no free /{prefix} left in {self.parent}")

    def release(self, network: Network) -> None:
        try:
            self.allocated.remove(network)
        except ValueError:
            raise KeyError(str(network)) from None

    def free(self) -> list[Network]:
        """The unallocated parts of the parent, as collapsed networks."""
        holes = []
        cursor = self.parent.first
        for used in self.allocated:
            if used.first > cursor:
                holes += from_range(int_to_ip(cursor), int_to_ip(used.first - 1))
            cursor = max(cursor, used.last + 1)
        if cursor <= self.parent.last:
            holes += from_range(int_to_ip(cursor), int_to_ip(self.parent.last))
        return collapse(holes)

    def usage(self) -> float:
        """The share of the parent's addresses that is allocated."""
        return sum(n.size for n in self.allocated) / self.parent.size
