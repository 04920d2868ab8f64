"""Whole numbers as staff and old county sites write them: '15', '１５', '十五',
'一百零五', '两千', '贰拾', '廿五', and a year digit by digit ('二〇一六').

cn2an reads the Chinese; what it lacks is added here: 卅 (30) and 卌 (40),
○ typed for 〇, a bare leading unit ('百' for 一百), the colloquial range
('三五天', three to five days) that must not become 35, and one rule for every
caller — a non-negative whole number, or None.
"""

from __future__ import annotations

import re
from functools import lru_cache

import cn2an

from core.text import fold_width

CHINESE_DIGITS = "零〇一二两三四五六七八九"
CHINESE_UNITS = "十百千万亿"
# The characters a Chinese numeral may consist of (lower and upper case, 廿 卅 卌).
CHINESE_NUMERAL_CHARS = CHINESE_DIGITS + CHINESE_UNITS + "壹贰叁肆伍陆柒捌玖拾佰仟兩廿卅卌○◯"
_UNIT_CHARS = CHINESE_UNITS + "拾佰仟廿卅卌"

_CHINESE = re.compile(f"[{CHINESE_NUMERAL_CHARS}]+")
_SPELLED_OUT = str.maketrans({"○": "〇", "◯": "〇", "卅": "三十", "卌": "四十"})


@lru_cache(maxsize=4096)
def parse_int(text: str, *, digits: bool = False) -> int | None:
    """The number `text` is, Arabic or Chinese (not a mix); None if it is not one.

    Surrounding whitespace is ignored, any other character makes it not a
    number: '十五个' is None; callers cut units off first. Chinese digits
    without a unit ('二〇一六', '三五') are read digit by digit only when
    `digits` is set (years, numbers on a document); otherwise they are a
    range or a slip, and None.
    """
    value = fold_width(text).strip()
    if not value:
        return None
    if value.isdecimal():  # any script's decimal digits, as int() reads them
        return int(value)
    if value.isascii():
        return None
    if not _CHINESE.fullmatch(value):
        return None
    if len(value) > 1 and not digits and not any(char in _UNIT_CHARS for char in value):
        return None
    value = value.translate(_SPELLED_OUT)
    if value[0] in "百千佰仟":  # '百' alone, '千五' (一千五百 said short) read with a leading 一
        value = "一" + value
    try:
        number = cn2an.cn2an(value, "normal")
    except Exception:  # ValueError for bad input, and KeyError ('二十零') from cn2an itself
        return None
    if isinstance(number, float):
        if not number.is_integer():
            return None
        number = int(number)
    return number if number >= 0 else None
