"""Parsing cell text into guide values: numbers, choices, and multi-value cells."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from core.text import fold_width
from core.text.numerals import parse_int
from pages.models.guide import (
    AUDIENCE_CHOICES,
    HANDLING_MODE_CHOICES,
    ITEM_TYPE_CHOICES,
    LEVEL_CHOICES,
    MATERIAL_MEDIUM_CHOICES,
    MATERIAL_ORIGINAL_CHOICES,
)

_NUMBER = r"(\d+|[零〇一二两三四五六七八九十百千]+)"
_INSTANT = re.compile(r"(即办件?|即时办结|即来即办|立即办结|当场办结|当场办理|当场)(\(.*\))?")
_DAYS = re.compile(rf"(?:不超过)?{_NUMBER}个?(工作日|日|天)?(?:内|以内)?")
_MAX_SMALL = 32767


def fold(text: str) -> str:
    """Full-width digits, letters and punctuation folded to ASCII, spaces removed."""
    return re.sub(r"\s+", "", fold_width(text))


def parse_days(text: str, header: str) -> int | None:
    """'5个工作日' → 5, '即办'/'当场办结' → 0, '' → None; anything else is an error."""
    value = fold(text)
    if not value:
        return None
    if _INSTANT.fullmatch(value):
        return 0
    match = _DAYS.fullmatch(value)
    number = parse_int(match.group(1)) if match else None
    if number is None:
        raise ValueError(f"{header}“{text}”无法识别，请填写工作日数（如“5个工作日”）或“即办”")
    if number > _MAX_SMALL:
        raise ValueError(f"{header}“{text}”过长")
    return number


def parse_visits(text: str) -> int | None:
    """'最多跑一次' → 1, '零跑动' → 0, '需到现场 2 次' → 2, '' → None (keep)."""
    value = fold(text)
    if not value:
        return None
    core = re.sub(r"^(需到现场|到现场|最多跑|跑)", "", value)
    core = re.sub(r"(次|跑动)$", "", core)
    number = parse_int(core)
    if number is None or number > _MAX_SMALL:
        raise ValueError(f"到现场次数“{text}”无法识别，请填写数字（如“1”）或“最多跑一次”“零跑动”")
    return number


_FREE_WORDS = {"不收费", "免费", "无", "否", "0", "0元", "不收取费用", "免收"}


def parse_fee(text: str) -> tuple[bool, str]:
    """(fee_free, fee_amount). A blank cell is 'not disclosed', not 'free'."""
    value = text.strip()
    if fold(value) in _FREE_WORDS:
        return True, ""
    return False, value


def _choice_map(choices, extra: dict[str, str]) -> dict[str, str]:
    mapping = {fold(str(label)): value for value, label in choices}
    mapping.update({value: value for value, _ in choices})
    mapping.update({fold(k): v for k, v in extra.items()})
    return mapping


_CHOICES: dict[str, tuple[dict[str, str], Sequence]] = {
    "item_type": (
        _choice_map(
            ITEM_TYPE_CHOICES,
            {
                "公共服务事项": "public",
                "便民服务事项": "convenience",
                "党务服务事项": "party",
                "其它": "other",
            },
        ),
        ITEM_TYPE_CHOICES,
    ),
    "handling_mode": (
        _choice_map(
            HANDLING_MODE_CHOICES,
            {
                "即办": "immediate",
                "承诺": "promised",
                "联办": "joint",
                "上报": "referred",
                "代办": "agency",
            },
        ),
        HANDLING_MODE_CHOICES,
    ),
    "level": (
        _choice_map(
            LEVEL_CHOICES,
            {
                "乡镇": "township",
                "乡镇级": "township",
                "镇级": "township",
                "村级": "village",
                "村(社区)代办": "village",
            },
        ),
        LEVEL_CHOICES,
    ),
    "audience": (
        _choice_map(
            AUDIENCE_CHOICES,
            {
                "自然人": "individual",
                "公民": "individual",
                "企业": "legal",
                "法人和其他组织": "legal",
                "法人或其他组织": "legal",
                "个人、法人": "both",
                "个人,法人": "both",
                "自然人、法人": "both",
                "自然人和法人": "both",
                "全部": "both",
            },
        ),
        AUDIENCE_CHOICES,
    ),
}


_LABELS: dict[int, dict[str, str]] = {}


def label(choices: Sequence, value: str) -> str:
    """A choice's Chinese label. Cached by the choices list's identity: hashing or
    formatting lazy translations thousands of times dominates an export otherwise."""
    labels = _LABELS.get(id(choices))
    if labels is None:
        labels = _LABELS[id(choices)] = {key: str(name) for key, name in choices}
    return labels.get(value, value)


def parse_choice(key: str, text: str, header: str) -> str | None:
    """Chinese label (行政许可) or stored value (license) → value; '' → None (keep)."""
    value = fold(text)
    if not value:
        return None
    mapping, choices = _CHOICES[key]
    for candidate in (value, value.removesuffix("类"), value.removesuffix("事项")):
        if candidate in mapping:
            return mapping[candidate]
    allowed = "、".join(str(name) for _, name in choices)
    raise ValueError(f"{header}“{text}”无法识别，可填写：{allowed}")


_ENUMERATOR = re.compile(
    r"^\s*(?:[(（]\s*\d+\s*[)）]|(?:\d+|[一二三四五六七八九十]+)\s*[.、．:：)）])\s*"
)


def split_items(text: str, *, arrows: bool = False) -> list[str]:
    """Split a multi-value cell: by line if it has line breaks, otherwise by ；
    (and → for procedures); leading '1.' / '（2）' numbering is dropped."""
    if "\n" in text:
        parts = text.split("\n")
    elif arrows and re.search(r"→|->", text):
        parts = re.split(r"→|->", text)
    else:
        parts = re.split(r"[；;]", text)
    if arrows and "\n" in text:
        parts = [piece for part in parts for piece in re.split(r"→|->", part)]
    items = [_ENUMERATOR.sub("", part).strip() for part in parts]
    return [item for item in items if item]


@dataclass(frozen=True)
class LegalBasisSpec:
    law: str
    articles: str = ""

    def __str__(self) -> str:
        return f"《{self.law}》{self.articles}"


@dataclass(frozen=True)
class MaterialSpec:
    name: str
    original_or_copy: str = "original"
    copies: int = 1
    medium: str = "paper"
    required: bool = True
    condition: str = ""

    def __str__(self) -> str:
        parts = [label(MATERIAL_ORIGINAL_CHOICES, self.original_or_copy)]
        if self.copies != 1:
            parts.append(f"{self.copies}份")
        if self.medium != "paper":
            parts.append(label(MATERIAL_MEDIUM_CHOICES, self.medium))
        if not self.required:
            parts.append("非必须" + (f"：{self.condition}" if self.condition else ""))
        elif self.condition:
            parts.append(f"必须：{self.condition}")
        return f"{self.name}（{'，'.join(parts)}）"


@dataclass(frozen=True)
class StepSpec:
    title: str
    description: str = ""

    def __str__(self) -> str:
        return f"{self.title}：{self.description}" if self.description else self.title


_ARTICLES = re.compile(r"^(?P<law>.+?)\s*(?P<articles>第[0-9零〇一二两三四五六七八九十百千]+条.*)$")


def parse_legal_bases(text: str) -> tuple[LegalBasisSpec, ...]:
    """'《社会救助暂行办法》第九条' → law + articles; a bare name is a law without articles."""
    specs = []
    for item in split_items(text):
        match = re.match(r"^《(?P<law>[^》]+)》\s*(?P<articles>.*)$", item)
        if match is None:
            match = _ARTICLES.match(item)
        if match is None:
            specs.append(LegalBasisSpec(item))
        else:
            specs.append(LegalBasisSpec(match["law"].strip(), match["articles"].strip()))
    return tuple(specs)


_ORIGINAL_WORDS = {
    "原件": "original",
    "复印件": "copy",
    "原件和复印件": "both",
    "原件及复印件": "both",
    "原件、复印件": "both",
    "原件或复印件": "both",
}
_MEDIUM_WORDS = {
    "纸质": "paper",
    "纸质版": "paper",
    "电子": "electronic",
    "电子版": "electronic",
    "纸质或电子": "both",
    "纸质或电子版": "both",
    "纸质和电子": "both",
}
_OPTIONAL_WORDS = ("非必须", "非必需", "非必要", "选交", "可选")


def _material_qualifiers(text: str) -> dict[str, Any] | None:
    """'复印件，2份，非必须：家中有残疾人的' → fields; None if it is part of the name."""
    found: dict[str, Any] = {}
    rest = text.strip()
    while rest:
        for word in (*_OPTIONAL_WORDS, "必须", "必需"):
            if rest.startswith(word):
                after = rest[len(word) :]
                if after[:1] in ("：", ":"):
                    found["condition"] = after[1:].strip()
                    rest = ""
                elif after[:1] in ("", "，", ","):
                    rest = after[1:].strip()
                else:
                    return None
                found["required"] = word in ("必须", "必需")
                break
        else:
            part, _, rest = _partition(rest, "，,")
            folded = fold(part)
            copies = re.fullmatch(rf"{_NUMBER}份", folded)
            if part in _ORIGINAL_WORDS or folded in _ORIGINAL_WORDS:
                form = _ORIGINAL_WORDS.get(part) or _ORIGINAL_WORDS[folded]
                # "原件，复印件" names both forms.
                found["original_or_copy"] = (
                    "both" if found.get("original_or_copy", form) != form else form
                )
            elif folded in _MEDIUM_WORDS:
                found["medium"] = _MEDIUM_WORDS[folded]
            elif copies and parse_int(copies.group(1)):
                found["copies"] = parse_int(copies.group(1))
            else:
                return None
    return found or None


def parse_materials(text: str) -> tuple[MaterialSpec, ...]:
    """'居民身份证（原件和复印件）' → name + form; only a trailing bracket of known words counts."""
    specs = []
    for item in split_items(text):
        match = re.match(r"^(?P<name>.*\S)\s*[（(](?P<inner>[^（()）]*)[)）]$", item)
        qualifiers = _material_qualifiers(match["inner"]) if match else None
        if match and qualifiers is not None:
            specs.append(MaterialSpec(name=match["name"].strip(), **qualifiers))
        else:
            specs.append(MaterialSpec(name=item))
    return tuple(specs)


def parse_steps(text: str) -> tuple[StepSpec, ...]:
    """'受理→审核→办结', one per line, or '受理：材料齐全当场受理' (title：description)."""
    specs = []
    for item in split_items(text, arrows=True):
        title, _, description = _partition(item, "：:")
        specs.append(StepSpec(title, description))
    return tuple(specs)


def _partition(text: str, separators: str) -> tuple[str, str, str]:
    """Split at the first of `separators` (full- or half-width), stripping both halves."""
    match = re.search(f"[{re.escape(separators)}]", text)
    if match is None:
        return text.strip(), "", ""
    return text[: match.start()].strip(), match.group(), text[match.end() :].strip()


def parse_themes(text: str) -> list[str]:
    return [name for name in re.split(r"[,，、;；/\s]+", text.strip()) if name]
