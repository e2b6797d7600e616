"""Result tables as HTML: numbers formatted and right-aligned, text escaped, non-finite numbers readable."""

import numpy as np

from support.apptest import TableCells
from ui.tables import Column, cell_text, table_html


def cells(markup: str) -> list[list[str]]:
    parser = TableCells()
    parser.feed(markup)
    return parser.tables[0]


def test_numbers_follow_their_format_and_text_is_escaped():
    markup = table_html([Column("name <b>", ["a&b", "c"]),
                         Column("x", np.array([1.23456, 2.0]), ".3g", help='say "hi"')])
    assert "<b>" not in markup and "&lt;b&gt;" in markup and 'title="say &quot;hi&quot;"' in markup
    assert cells(markup) == [["name <b>", "x"], ["a&b", "1.23"], ["c", "2"]]
    assert markup.count('<td style="text-align: right; white-space: nowrap">') == 2


def test_non_finite_numbers_and_numpy_integers():
    assert [cell_text(value, ".3e") for value in (np.nan, np.inf, -np.inf)] == ["—", "∞", "−∞"]
    assert cell_text(np.int64(7), "d") == "7" and cell_text(True, "") == "True"


def test_row_colours_mark_the_first_cell():
    markup = table_html([Column("who", ["GD", "Adam"])], colors=["#000000", "#d55e00"])
    assert markup.count("●") == 2 and 'color: #d55e00' in markup
    assert cells(markup)[1:] == [["GD"], ["Adam"]]


def test_a_column_with_numbers_is_right_aligned_throughout():
    markup = table_html([Column("reached at", [12, "—"])])
    assert markup.count("text-align: right") == 2

