"""The text catalog: every string a user sees, in English and Russian.

Texts shared by every page live in the modules of ``ui/catalog`` (``common.py``, ``classroom.py``) and are here from
the start. Each lesson keeps its own texts beside its page, in ``pages/<lesson>/text.py``, and the course hands them
in when it is imported (``pages/__init__.py`` calls :func:`add_lesson_texts`): ``ui`` knows no lesson. Each module is
``TEXT = {key: {"en": ..., "ru": ...}}``; ``CATALOG`` holds them all in one dictionary.

Checked as they arrive, so a mistake stops the app before anyone sees it:
- a lesson's keys start with its folder name (``optimizer_lab.title`` in ``pages/optimizer_lab``);
- no shared key starts with a lesson's name;
- no key is defined twice, and every text exists in every language.
"""

import importlib
import pkgutil

LANGUAGES = ("en", "ru")
TextTable = dict[str, dict[str, str]]

CATALOG: TextTable = {}
_lessons: set[str] = set()


def _add(source: str, table: TextTable) -> None:
    incomplete = sorted(key for key, texts in table.items() if set(texts) != set(LANGUAGES))
    if incomplete:
        raise ValueError(f"{source}: texts not in exactly {LANGUAGES}: {incomplete}")
    clash = CATALOG.keys() & table.keys()
    if clash:
        raise ValueError(f"text keys defined twice: {sorted(clash)}")
    CATALOG.update(table)


def add_lesson_texts(lesson: str, table: TextTable) -> None:
    """Add the texts of ``pages/<lesson>/text.py`` (once; a second call for the same lesson does nothing)."""
    if lesson in _lessons:
        return
    source = f"pages/{lesson}/text.py"
    foreign = sorted(key for key in table if not key.startswith(lesson + "."))
    if foreign:
        raise ValueError(f"{source}: keys must start with '{lesson}.': {foreign}")
    stray = sorted(key for key in _SHARED if key.split(".")[0] == lesson)
    if stray:
        raise ValueError(f"shared texts named after the lesson {lesson} belong in its folder: {stray}")
    _add(source, table)
    _lessons.add(lesson)


for _module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
    _add(f"ui/catalog/{_module}.py", importlib.import_module(f"{__name__}.{_module}").TEXT)
_SHARED = frozenset(CATALOG)
