"""Numbers as a reader writes them: table cells, scale factors, axis ticks."""

import math

from ui.numbers import number


def test_plain_between_a_thousandth_and_a_hundred_thousand():
    assert [number(value) for value in (0.007355, -37.094, 200.0, 0.0, 1.0)] == ["0.00736", "−37.1", "200", "0", "1"]


def test_powers_of_ten_outside():
    assert [number(value) for value in (4.872e-6, 1e-5, 2e6, -1e-9)] == ["4.87×10⁻⁶", "10⁻⁵", "2×10⁶", "−10⁻⁹"]
    assert number(5e4, 1) == "50,000" and number(123456.0, 4) == "1.235×10⁵"
    assert number(0.0001234) == "1.23×10⁻⁴" and number(0.0001234, 3, "ru") == "1,23·10⁻⁴"


def test_russian_groups_thousands_with_a_non_breaking_space_and_writes_a_comma():
    assert [number(value, 5, "ru") for value in (16384, -12345.5, 1234.5)] == ["16\u00a0384", "−12\u00a0346", "1234,5"]


def test_infinities():
    assert (number(math.inf), number(-math.inf)) == ("∞", "−∞")
