"""Validators for the contact data every hall must publish.

Messages are in Chinese because publicity staff read them in the admin.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import half_width

# Landline with area code (0851-12345678, 0851 1234567, (0851)12345678),
# an 11-digit mobile, or a short service hotline (12345, 12315, 110).
_PHONE_PATTERNS = (
    re.compile(r"^(?:\(0\d{2,3}\)|0\d{2,3})[- ]?\d{7,8}(?:-\d{1,6})?$"),
    re.compile(r"^1[3-9]\d{9}$"),
    re.compile(r"^\d{3,5}$"),
    re.compile(r"^400-?\d{3}-?\d{4}$"),
)

CENTER_NAME_SUFFIXES = ("便民服务中心", "便民利民服务中心", "便民服务大厅")
STATION_NAME_SUFFIXES = (
    "便民服务站",
    "便民服务室",
    "便民服务点",
    "代办站",
    "代办点",
)


def normalise_phone(value: str) -> str:
    """Fold full-width digits and dashes so that '０８５１－１２３４５６７８' is accepted."""
    return half_width(value, "0123456789-() ").strip()


def validate_phone(value: str) -> None:
    phone = normalise_phone(value)
    if not any(pattern.match(phone) for pattern in _PHONE_PATTERNS):
        raise ValidationError(
            _(
                "“%(value)s”不是有效的电话号码。请填写带区号的固定电话（如 0851-12345678）、"
                "11 位手机号码或 12345 等服务热线。"
            ),
            code="invalid_phone",
            params={"value": value},
        )


def validate_center_name(value: str) -> None:
    """Official names follow the standard form “XX镇便民服务中心”."""
    if not value.endswith(CENTER_NAME_SUFFIXES) or len(value) <= 6:
        raise ValidationError(
            _(
                "中心全称应采用规范名称，以“便民服务中心”“便民利民服务中心”或“便民服务大厅”结尾，"
                "例如“青石县云溪镇便民服务中心”。"
            ),
            code="invalid_center_name",
        )


def validate_station_name(value: str) -> None:
    """Station names follow “XX村便民服务站” and its recognised variants."""
    if not value.endswith(STATION_NAME_SUFFIXES) or len(value) <= 5:
        raise ValidationError(
            _(
                "站点全称应采用规范名称，以“便民服务站”“便民服务室”“便民服务点”“代办站”或“代办点”结尾，"
                "例如“云溪镇红岩村便民服务站”。"
            ),
            code="invalid_station_name",
        )
