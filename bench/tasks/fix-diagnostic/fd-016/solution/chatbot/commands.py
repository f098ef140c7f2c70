"""Slash commands: '/name args...' lines typed in the chat.

Handlers are registered with `@registry.command("name")` and receive the
positional arguments and options already split; they return the reply text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable

from .args import parse_duration, split_args

Handler = Callable[..., str]


@dataclass
class Command:
    name: str
    handler: Handler
    help: str = ""
    min_args: int = 0


@dataclass
class Registry:
    commands: dict[str, Command] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def command(self, name: str, help: str = "", min_args: int = 0, aliases: tuple[str, ...] = ()):
        def register(handler: Handler) -> Handler:
            self.commands[name] = Command(name, handler, help, min_args)
            for alias in aliases:
                self.aliases[alias] = name
            return handler

        return register

    def resolve(self, name: str) -> Command | None:
        name = self.aliases.get(name, name)
        return self.commands.get(name)

    def dispatch(self, line: str, context: dict | None = None) -> str | None:
        """The reply to a chat line, or None when the line is not a command.

        Unknown commands and missing arguments get an explanatory reply.
        """
        if not line.startswith("/") or line.startswith("//"):
            return None
        name, _, rest = line[1:].partition(" ")
        command = self.resolve(name.lower())
        if command is None:
            return f"unknown command /{name}; try /help"
        try:
            args, options = split_args(rest)
        except ValueError as exc:
            return f"/{command.name}: {exc}"
        if len(args) < command.min_args:
            return f"/{command.name} needs {command.min_args} argument(s): {command.help}"
        return command.handler(args, options, context if context is not None else {})


registry = Registry()


@registry.command("help", "list the commands")
def help_command(args, options, context) -> str:
    names = sorted(registry.commands)
    return "commands: " + ", ".join(f"/{n}" for n in names)


@registry.command("echo", "repeat the text", min_args=1, aliases=("say",))
def echo(args, options, context) -> str:
    text = " ".join(args)
    return text.upper() if options.get("loud") == "true" else text


@registry.command("roll", "roll dice, e.g. /roll 2d6", min_args=1)
def roll(args, options, context) -> str:
    count, _, sides = args[0].lower().partition("d")
    rng = context.get("rng") or random.Random()
    values = [rng.randint(1, int(sides)) for _ in range(int(count or 1))]
    return f"{args[0]}: {' + '.join(map(str, values))} = {sum(values)}"


@registry.command("remind", "remind me: /remind 10m text", min_args=2)
def remind(args, options, context) -> str:
    seconds = parse_duration(args[0])
    context.setdefault("reminders", []).append((seconds, " ".join(args[1:])))
    return f"ok, in {seconds} s"


@registry.command("topic", "set the topic: /topic text [--append]", min_args=1)
def topic(args, options, context) -> str:
    text = " ".join(args)
    if options.get("append") == "true" and context.get("topic"):
        text = context["topic"] + " | " + text
    context["topic"] = text
    return f"topic: {text}"
