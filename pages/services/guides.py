"""The 八公开 rule: the eight things every service item must publish.

Pure functions over plain values so that the admin form, the catalogue
importer and (later) the approval workflow all apply the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

EIGHT_DISCLOSURES = (
    "事项名称",
    "办理依据",
    "受理条件",
    "申报材料",
    "办理程序",
    "承诺时限",
    "收费标准及依据",
    "咨询及投诉电话",
)


@dataclass(frozen=True)
class GuideFacts:
    """What the rule looks at, however the guide is being built."""

    name: str = ""
    legal_basis_count: int = 0
    conditions: str = ""
    material_count: int = 0
    step_count: int = 0
    promised_limit_days: int | None = None
    fee_free: bool = True
    fee_amount: str = ""
    fee_basis: str = ""
    consultation_phone: str = ""
    complaint_phone: str = ""


def missing_disclosures(facts: GuideFacts) -> list[str]:
    """The 八公开 elements a guide lacks, in the order citizens read them."""
    missing = []
    if not facts.name.strip():
        missing.append("事项名称")
    if facts.legal_basis_count < 1:
        missing.append("办理依据")
    if not facts.conditions.strip():
        missing.append("受理条件")
    if facts.material_count < 1:
        missing.append("申报材料")
    if facts.step_count < 1:
        missing.append("办理程序")
    if facts.promised_limit_days is None:
        missing.append("承诺时限")
    if not facts.fee_free and not (facts.fee_amount.strip() and facts.fee_basis.strip()):
        missing.append("收费标准及依据")
    if not (facts.consultation_phone.strip() and facts.complaint_phone.strip()):
        missing.append("咨询及投诉电话")
    return missing


def describe_missing(missing: list[str]) -> str:
    """One sentence for the editor, in the spirit of 一次性告知."""
    return _("办事指南缺少“八公开”要素，不能发布：%(missing)s。") % {"missing": "、".join(missing)}


def format_limit(days: int | None) -> str:
    """ "即办" for 0, "5 个工作日" otherwise."""
    if days is None:
        return ""
    return _("即办（当场办结）") if days == 0 else _("%(days)s 个工作日") % {"days": days}
