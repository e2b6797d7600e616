"""The text catalog: every string a user sees, in English and Russian.

Each module of this package holds the texts of one part of the app as
``TEXT = {key: {"en": ..., "ru": ...}}``; ``CATALOG`` merges them into one dictionary.
Keys are prefixed by their part (``home.``, ``scaling.``, ...) so they never collide.
"""

from ui.catalog import common, feature_scaling, home

LANGUAGES = ("en", "ru")


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"text keys defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


CATALOG = _merge(common.TEXT, home.TEXT, feature_scaling.TEXT)
