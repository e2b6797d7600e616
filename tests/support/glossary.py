"""The glossary's rules as the tests use them: the table "Ruled out" of ``docs/glossary.md``, one pattern a row.

The same rules check the text catalog (``tests/pages/test_glossary.py``) and every page as it is drawn in Russian
(``tests/pages/test_shown_text.py``), so a decision is written once, in the glossary, for people and tests alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"
# Parts of a text that are not prose: code spans and links' addresses keep a program's numbers (``lr=0.001``).
NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|https?://\S+|\?\w+=[^\s)&]*(?:&\w+=[^\s)&]*)*")
E_NOTATION = re.compile(r"\d[eE][+−-]?\d")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    instead: str

    def offends(self, text: str) -> bool:
        return bool(self.pattern.search(NOT_PROSE.sub(" ", text)))

    def context(self, text: str, around: int = 60) -> str:
        """The part of ``text`` that breaks the rule, with ``around`` characters either side."""
        prose = NOT_PROSE.sub(" ", text)
        match = self.pattern.search(prose)
        return prose[max(match.start() - around, 0):match.end() + around] if match else ""


def ruled_out() -> list[Rule]:
    """The rows of the glossary's table "Ruled out": `pattern` | write instead."""
    section = GLOSSARY.read_text(encoding="utf-8").split("## Ruled out", 1)[1]
    rules = []
    for line in section.splitlines():
        match = re.match(r"\|\s*`(.+)`\s*\|\s*(.+?)\s*\|$", line)
        if match:
            rules.append(Rule(re.compile(match[1].replace(r"\|", "|"), re.IGNORECASE), match[2]))
    return rules


def e_notation(text: str) -> bool:
    """Whether ``text`` writes a number as a program prints it (``6.89e+03``), in any language."""
    return bool(E_NOTATION.search(NOT_PROSE.sub(" ", text)))
