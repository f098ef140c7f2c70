"""Support agents and who is on duty."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Agent:
    login: str
    name: str
    skills: set[str] = field(default_factory=set)
    on_duty: bool = True


class Team:
    def __init__(self, agents: list[Agent] | None = None) -> None:
        self.agents = {a.login: a for a in agents or []}

    def add(self, agent: Agent) -> None:
        self.agents[agent.login] = agent

    def on_duty(self, skill: str | None = None) -> list[Agent]:
        """Agents on duty (with `skill` when given), by login."""
        return sorted(
            (a for a in self.agents.values() if a.on_duty and (skill is None or skill in a.skills)),
            key=lambda a: a.login,
        )

    def get(self, login: str) -> Agent:
        try:
            return self.agents[login]
        except KeyError:
            raise KeyError(f"no agent {login!r}") from None
