"""What the model reads. Short, concrete, and with a stable start.

The system text never changes between calls, and the slow-changing context
(related code) comes before the target and the task, so llama.cpp can reuse
its prompt cache; improvement rounds append to the conversation instead of
rewriting it.
"""

from __future__ import annotations

from .units import CodeUnit

SYSTEM_EDIT = """You are an expert programmer working on one piece of code at a time.
You get related code for reference, then a target piece of code and a task.
Reply with the complete new version of the target in a single fenced code block, and nothing else.
Keep the target's name and signature unless the task asks to change them.
Do not leave placeholders such as `pass` or `...` in code you were asked to write."""

SYSTEM_ASK = """You answer questions about a code base, using only the code shown to you.
Name functions, classes and files exactly as they appear in the code shown, in backticks.
Cite where things are as path:line, taken from the `# path:line` headers.
If the code shown does not answer the question, say so. Never guess names that are not shown."""


def fence(lang: str) -> str:
    return {"python": "python", "javascript": "javascript", "typescript": "typescript", "tsx": "tsx", "go": "go"}.get(
        lang, ""
    )


def related_block(related: list[str]) -> str:
    if not related:
        return ""
    return "Related code, for reference (do not rewrite it):\n\n" + "\n\n".join(related) + "\n\n"


def target_block(unit: CodeUnit, rel_path: str, lang: str, note: str = "") -> str:
    extra = f" ({note})" if note else ""
    return (
        f"Target: {unit.label} in {rel_path}, lines {unit.start_line + 1}-{unit.end_line + 1}{extra}:\n"
        f"```{fence(lang)}\n{unit.text}\n```\n"
    )


def new_file_block(rel_path: str, lang: str) -> str:
    return f"Target: the new file {rel_path}, which does not exist yet. Reply with its whole content.\n"


def new_symbol_block(unit: CodeUnit, rel_path: str, lang: str, enclosing_class: str) -> str:
    if enclosing_class:
        return (
            f"Target: a new method `{unit.name}`, to add at the end of this class in {rel_path}:\n"
            f"```{fence(lang)}\n{enclosing_class}\n```\n"
        )
    return f"Target: a new function `{unit.name}`, to add at the end of {rel_path}.\n"


def new_symbol_task(unit: CodeUnit, instruction: str, lang: str) -> str:
    kind = "method" if "." in unit.name else "function"
    name = unit.name.rpartition(".")[2]
    return (
        f"Task: {instruction}\n\n"
        f"Write only the new {kind} `{name}`, nothing else from the file, in one ```{fence(lang)} block."
    )


def fix_task(unit: CodeUnit, problems: list[str], lang: str) -> str:
    listed = "\n".join(f"- {p}" for p in problems)
    imports = " If the fix needs an import, put the import line first in the block." if lang == "python" else ""
    return (
        f"Problems in the target:\n{listed}\n\n"
        f"Fix these problems and change nothing else. Reply with the whole fixed {_what(unit)} "
        f"in one ```{fence(lang)} block.{imports}"
    )


def implement_task(unit: CodeUnit, lang: str) -> str:
    return (
        f"The target is a stub. Implement it so that it does what its name, signature, docstring and callers "
        f"say. Keep the signature and the docstring. Reply with the whole {_what(unit)} in one "
        f"```{fence(lang)} block."
    )


def example_request(name: str, module: str, top: str) -> str:
    return (
        f"Now write a short Python script that shows `{name}` at work: start with `from {module} import {top}`, "
        "build what it needs the way the code above does, call it two or three times with ordinary inputs its "
        "docstring describes, and print each result with `print(...)`, one call per line. After the closing "
        "parenthesis of each print, on the same line, add a comment `# expect: ` followed by the exact value the "
        "docstring says it should give. "
        "No tests, no asserts, no files. "
        "Reply with the script in one ```python block."
    )


def expected_values(misses: list[str]) -> str:
    listed = "\n".join(f"  - {m}" for m in misses)
    return (
        f"your example call printed other values than it expected:\n{listed}\n"
        "  Check each against the docstring: where the docstring agrees with the expected value, the code is "
        "wrong; where it agrees with the printed one, leave that part of the code as it is"
    )


def example_repair(error: str) -> str:
    return (
        f"The script failed on its own, before the code could show anything: {error}. "
        "Fix the script. Reply with the whole script in one ```python block."
    )


def edit_task(unit: CodeUnit, instruction: str, lang: str, done_elsewhere: str = "") -> str:
    context = f"\n{done_elsewhere}\n" if done_elsewhere else ""
    return (
        f"Task: {instruction}{context}\n"
        f"Apply the task to the target only. If the target needs no change for this task, reply with it "
        f"unchanged. Reply with the whole {_what(unit)} in one ```{fence(lang)} block."
    )


def retry_task(unit: CodeUnit, problems: list[str], lang: str) -> str:
    listed = "\n".join(f"- {p}" for p in problems)
    return (
        f"That version still has problems:\n{listed}\n\n"
        f"Fix them. Reply with the whole {_what(unit)} again in one ```{fence(lang)} block."
    )


NO_CODE = "Your reply had no code block for the target. Reply with the whole target in one fenced code block."


def ask_task(question: str) -> str:
    return f"Question: {question}\n\nAnswer briefly, citing path:line for every piece of code you mention."


def ask_left_out(left: list[tuple[str, str]]) -> str:
    """One more round for what the answer left out of the facts: sentences to add, not a new answer
    (a small model asked to answer again drops what it had right)."""
    listed = "\n".join(f"- `{name}` ({why})" for name, why in left)
    return (
        f"Your answer does not mention code that takes part in this:\n{listed}\n\n"
        "For each, write one sentence on what it does here, citing its path:line. Write only the new sentences."
    )


def _what(unit: CodeUnit) -> str:
    if unit.kind == "file":
        return "file"
    if unit.kind == "window":
        return f"code of {unit.name}"
    name = unit.symbol.name if unit.symbol is not None else unit.name
    return f"{unit.kind} `{name}`"
