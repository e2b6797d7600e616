"""The text catalog: every string a user sees, in English and Russian.

Each module of this package holds the texts of one part of the app as
``TEXT = {key: {"en": ..., "ru": ...}}``; ``CATALOG`` merges them all into one dictionary.
Keys are prefixed by their part (``home.``, ``scaling.``, ...) so they never collide: a key
defined twice is an error at import.
"""

import importlib
import pkgutil

LANGUAGES = ("en", "ru")


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
        part = importlib.import_module(f"{__name__}.{module}").TEXT
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"text keys defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


CATALOG = _merge()
