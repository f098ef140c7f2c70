"""Read plugin manifests ('name: dep, dep' per line) into a Graph."""

from __future__ import annotations

from .graph import CycleError, Graph


def load_manifest(text: str) -> Graph:
    graph = Graph()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, deps = line.partition(":")
        graph.add(name.strip(), *[d.strip() for d in deps.split(",") if d.strip()])
    return graph


def check_manifest(text: str) -> str:
    """'ok: N packages' or a readable description of the cycle."""
    graph = load_manifest(text)
    try:
        order = graph.topo_order()
    except CycleError as exc:
        return f"error: {' -> '.join(exc.cycle)} depend on each other"
    return f"ok: {len(order)} packages"
