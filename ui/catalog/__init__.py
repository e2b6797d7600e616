"""The text catalog: every string a user sees, in English and Russian.

Texts shared by every page live in the modules of ``ui/catalog`` (``common.py``, ``classroom.py``); each
lesson keeps its own texts beside its page, in ``pages/<lesson>/text.py``, so one folder holds everything of a
lesson. Each module is ``TEXT = {key: {"en": ..., "ru": ...}}``; ``CATALOG`` merges them all into one dictionary.

Checked at import, so a mistake stops the app before anyone sees it:
- a lesson's keys start with its folder name (``optimizer_lab.title`` in ``pages/optimizer_lab``);
- the shared keys start with none of the lesson folders' names;
- no key is defined twice, and every text exists in every language.
"""

import importlib
import pkgutil

import pages

LANGUAGES = ("en", "ru")
TextTable = dict[str, dict[str, str]]


def lesson_folders() -> list[str]:
    """The lesson folders under ``pages/`` (each a package with its page script and texts)."""
    return sorted(info.name for info in pkgutil.iter_modules(pages.__path__) if info.ispkg)


def _check_languages(source: str, table: TextTable) -> None:
    incomplete = sorted(key for key, texts in table.items() if set(texts) != set(LANGUAGES))
    if incomplete:
        raise ValueError(f"{source}: texts not in exactly {LANGUAGES}: {incomplete}")


def _merge() -> TextTable:
    lessons = lesson_folders()
    merged: TextTable = {}

    def add(source: str, table: TextTable) -> None:
        _check_languages(source, table)
        clash = merged.keys() & table.keys()
        if clash:
            raise ValueError(f"text keys defined twice: {sorted(clash)}")
        merged.update(table)

    for module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
        table = importlib.import_module(f"{__name__}.{module}").TEXT
        stray = sorted(key for key in table if key.split(".")[0] in lessons)
        if stray:
            raise ValueError(f"shared texts named after a lesson belong in its folder: {stray}")
        add(f"ui/catalog/{module}.py", table)
    for lesson in lessons:
        table = importlib.import_module(f"pages.{lesson}.text").TEXT
        source = f"pages/{lesson}/text.py"
        foreign = sorted(key for key in table if not key.startswith(lesson + "."))
        if foreign:
            raise ValueError(f"{source}: keys must start with '{lesson}.': {foreign}")
        add(source, table)
    return merged


CATALOG = _merge()
