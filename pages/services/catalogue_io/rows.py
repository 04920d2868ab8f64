"""One spreadsheet row as guide values, and the same values read back from a page;
what the import does with a row (RowOutcome) and the plan the writer carries out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from wagtail.models import Page

from core.text import fold_width
from pages.models import (
    GuideLegalBasis,
    GuideMaterial,
    GuideStep,
    ServiceGuidePage,
)
from pages.services.catalogue_io.columns import COLUMNS, SCALAR_FIELDS
from pages.services.catalogue_io.lookups import CenterLookups
from pages.services.catalogue_io.values import (
    LegalBasisSpec,
    MaterialSpec,
    StepSpec,
    parse_choice,
    parse_days,
    parse_fee,
    parse_legal_bases,
    parse_materials,
    parse_steps,
    parse_visits,
)
from pages.validators import normalise_phone, validate_phone


@dataclass
class GuideRow:
    """One good row: the guide fields its columns set (absent columns are left alone)."""

    row_number: int
    item_code: str
    values: dict[str, Any]

    @property
    def title(self) -> str:
        return self.values.get("title", "")


@dataclass(frozen=True)
class BadRow:
    row_number: int
    item_code: str
    reasons: tuple[str, ...]

    @property
    def message(self) -> str:
        return "；".join(self.reasons)


_MAX_LENGTHS = {
    "item_code": ServiceGuidePage._meta.get_field("item_code").max_length,
    "title": Page._meta.get_field("title").max_length,
    "fee_amount": ServiceGuidePage._meta.get_field("fee_amount").max_length,
    "online_channel": ServiceGuidePage._meta.get_field("online_channel").max_length,
    "law": GuideLegalBasis._meta.get_field("law").max_length,
    "articles": GuideLegalBasis._meta.get_field("articles").max_length,
    "material": GuideMaterial._meta.get_field("name").max_length,
    "condition": GuideMaterial._meta.get_field("condition").max_length,
    "step": GuideStep._meta.get_field("title").max_length,
}


@dataclass
class RowOutcome:
    row_number: int
    item_code: str
    title: str
    action: str  # "create", "update" or "unchanged"
    published: bool = True
    missing: list[str] = field(default_factory=list)  # 八公开 elements lacking (drafts)
    changed: list[str] = field(default_factory=list)  # labels of changed columns (updates)


@dataclass
class _Plan:
    row: GuideRow
    outcome: RowOutcome
    page: ServiceGuidePage | None
    merged: dict[str, Any]


def parse_row(
    row_number: int, cells: Sequence[str], columns: dict[str, int], lookups: CenterLookups
) -> GuideRow | BadRow:
    """Turn one row into typed guide values, or list every reason it is wrong."""
    get = {key: cells[index] for key, index in columns.items()}
    errors: list[str] = []
    values: dict[str, Any] = {}
    code = fold_width(get.get("item_code", "")).strip()

    def attempt(func, *args):
        try:
            return func(*args)
        except ValueError as exc:
            errors.append(str(exc))
            return None

    def too_long(what: str, value: str, limit: int | None) -> None:
        if limit and len(value) > limit:
            errors.append(f"{what}超过 {limit} 个字")

    if not code:
        errors.append("事项编码为空")
    too_long("事项编码", code, _MAX_LENGTHS["item_code"])
    title = get.get("title", "").strip()
    if not title:
        errors.append("事项名称为空")
    too_long("事项名称", title, _MAX_LENGTHS["title"])
    values["title"] = title

    for key in ("item_type", "handling_mode", "level", "audience"):
        if key in get:
            header = next(c.header for c in COLUMNS if c.key == key)
            choice = attempt(parse_choice, key, get[key], header)
            if choice is not None:
                values[key] = choice
    if "window" in get:
        values["window_id"] = attempt(lookups.windows.resolve, get["window"], row_number)
    if "department" in get:
        values["department_id"] = attempt(
            lookups.departments.resolve, get["department"], row_number
        )
    if "themes" in get:
        values["themes"] = attempt(lookups.themes, get["themes"]) or frozenset()
    for key in ("conditions", "fee_basis"):
        if key in get:
            values[key] = get[key].strip()
    if "online_channel" in get:
        values["online_channel"] = get["online_channel"].strip()
        too_long("网上办理渠道", values["online_channel"], _MAX_LENGTHS["online_channel"])
    for key, header in (("statutory_limit_days", "法定时限"), ("promised_limit_days", "承诺时限")):
        if key in get:
            values[key] = attempt(parse_days, get[key], header)
    promised, statutory = values.get("promised_limit_days"), values.get("statutory_limit_days")
    if promised is not None and statutory is not None and promised > statutory:
        errors.append(f"承诺时限（{promised} 个工作日）不能超过法定时限（{statutory} 个工作日）")
    if "visits" in get:
        visits = attempt(parse_visits, get["visits"])
        if visits is not None:
            values["visits"] = visits
    if "fee" in get:
        values["fee_free"], values["fee_amount"] = parse_fee(get["fee"])
        too_long("收费标准", values["fee_amount"], _MAX_LENGTHS["fee_amount"])
    for key, header in (("consultation_phone", "咨询电话"), ("complaint_phone", "投诉电话")):
        if key in get:
            phone = normalise_phone(get[key])
            if phone:
                try:
                    validate_phone(phone)
                except ValidationError as exc:
                    errors.append(f"{header}：{' '.join(exc.messages)}")
            values[key] = phone
    if "legal_bases" in get:
        values["legal_bases"] = parse_legal_bases(get["legal_bases"])
        for basis in values["legal_bases"]:
            too_long(f"办理依据“{basis.law[:20]}”的名称", basis.law, _MAX_LENGTHS["law"])
            too_long(f"办理依据“{basis.law[:20]}”的条款", basis.articles, _MAX_LENGTHS["articles"])
    if "materials" in get:
        values["materials"] = parse_materials(get["materials"])
        for material in values["materials"]:
            name = material.name[:20]
            too_long(f"申报材料“{name}”的名称", material.name, _MAX_LENGTHS["material"])
            too_long(f"申报材料“{name}”的提交情形", material.condition, _MAX_LENGTHS["condition"])
    if "steps" in get:
        values["steps"] = parse_steps(get["steps"])
        for step in values["steps"]:
            if len(step.title) > _MAX_LENGTHS["step"]:
                errors.append(
                    f"办理程序中的步骤“{step.title[:20]}…”过长：步骤名称不超过 "
                    f"{_MAX_LENGTHS['step']} 个字，说明请写成“步骤：说明”"
                )
    if errors:
        return BadRow(row_number, code, tuple(errors))
    return GuideRow(row_number, code, values)


# -- snapshots: the same values read back from a page --------------------------------


def snapshot(page: ServiceGuidePage) -> dict[str, Any]:
    """A guide's importable values, comparable with GuideRow.values."""
    values = {key: getattr(page, key) for key in SCALAR_FIELDS}
    for key in (
        "title",
        "conditions",
        "fee_amount",
        "fee_basis",
        "online_channel",
        "consultation_phone",
        "complaint_phone",
    ):
        values[key] = _text(values[key])
    values["themes"] = frozenset(t.pk for t in page.themes.all())
    values["legal_bases"] = tuple(
        LegalBasisSpec(b.law, b.articles or "") for b in _ordered(page.legal_bases.all())
    )
    values["materials"] = tuple(
        MaterialSpec(m.name, m.original_or_copy, m.copies, m.medium, m.required, m.condition or "")
        for m in _ordered(page.materials.all())
    )
    values["steps"] = tuple(
        StepSpec(s.title, _text(s.description)) for s in _ordered(page.steps.all())
    )
    return values


def _text(value: str | None) -> str:
    """Text as a spreadsheet cell gives it back: admin textareas store CRLF line ends."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n")


def _ordered(children: Iterable) -> list:
    return sorted(children, key=lambda c: (c.sort_order is None, c.sort_order or 0, c.pk or 0))


def changed_fields(values: dict[str, Any], current: dict[str, Any]) -> list[str]:
    return [key for key, value in values.items() if current.get(key) != value]
