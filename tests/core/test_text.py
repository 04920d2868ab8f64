"""The shared Chinese text primitives: the width fold and the numeral parser."""

import pytest

from core.text import fold, fold_width, half_width
from core.text.numerals import parse_int


def test_fold_width_is_nfkc_and_takes_none():
    assert fold_width("５个工作日（ＡＢ）　１") == "5个工作日(AB) 1"
    assert fold_width("①㎡") == "1m2"
    assert fold_width(None) == ""


def test_half_width_keeps_one_character_for_one():
    text = "０８５１－（１２３）　ＡＢ①"
    assert half_width(text) == "0851-(123) AB①"
    assert len(half_width(text)) == len(text)


def test_half_width_can_fold_only_some_characters():
    assert half_width("０８５１－（１）　ＡＢ，", "0123456789") == "0851－（1）　ＡＢ，"
    assert half_width("０８５１－（１）　ＡＢ，", "0123456789-() ") == "0851-(1) ＡＢ，"


def test_fold_is_width_then_simplified_then_lower_case():
    assert fold("戶口遷移 ＡＢＣ１２３") == "户口迁移 abc123"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # What the catalogue's time limits, visits and copies use.
        ("5", 5),
        ("15", 15),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("三十", 30),
        ("一百零五", 105),
        ("一千二百", 1200),
        ("零", 0),
        ("〇", 0),
        ("一", 1),
        ("两", 2),
        ("两千", 2000),
        ("一十二", 12),
        # Messy input as typed or pasted.
        ("１５", 15),
        ("２０", 20),
        (" 十五 ", 15),
        ("兩", 2),
        ("贰拾", 20),
        ("壹佰零伍", 105),
        ("廿五", 25),
        ("卅", 30),
        ("卅一", 31),
        ("卌", 40),
        ("百", 100),
        ("千五", 1500),
        ("一百一", 110),
    ],
)
def test_numbers(text, number):
    assert parse_int(text) == number


@pytest.mark.parametrize(
    "text",
    ["", "  ", "十五个", "5个", "2千", "负五", "一点五", "5.5", "-3", "abc", "二十零", "十十"],
)
def test_not_a_whole_number(text):
    assert parse_int(text) is None


@pytest.mark.parametrize("text", ["三五", "一两", "二三", "二〇一六"])
def test_digits_without_units_are_a_range_not_a_number(text):
    assert parse_int(text) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [("二〇一六", 2016), ("二零零八", 2008), ("二○一九", 2019), ("一九九八", 1998), ("三五", 35)],
)
def test_digits_read_one_by_one_when_asked(text, number):
    assert parse_int(text, digits=True) == number
