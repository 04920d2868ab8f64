"""The official outcome categories of a disclosure request (办理结果).

They are the rows of the annual report's table 三、本年度办理结果 (国办公开办函〔2021〕30号),
so a case's outcome is counted in exactly one cell: a reply is one of these or
nothing. Each group's letter cites the 条例 article it answers under.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Group:
    key: str
    label: str | Promise  # the report's row heading, e.g. "（三）不予公开"
    outcomes: tuple[tuple[str, str | Promise], ...]  # (code, label); one row each in the report
    article: str | Promise  # the 条例 article the reply letter cites


GROUPS: tuple[Group, ...] = (
    Group("open", _("（一）予以公开"), (("open", _("予以公开")),), _("第三十六条第（二）项")),
    Group(
        "partial",
        _("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        (("partial", _("部分公开")),),
        _("第三十七条"),
    ),
    Group(
        "refuse",
        _("（三）不予公开"),
        (
            ("refuse_secret", _("1.属于国家秘密")),
            ("refuse_law", _("2.其他法律行政法规禁止公开")),
            ("refuse_safety", _("3.危及“三安全一稳定”")),
            ("refuse_third_party", _("4.保护第三方合法权益")),
            ("refuse_internal", _("5.属于三类内部事务信息")),
            ("refuse_process", _("6.属于四类过程性信息")),
            ("refuse_enforcement", _("7.属于行政执法案卷")),
            ("refuse_query", _("8.属于行政查询事项")),
        ),
        _("第三十六条第（三）项"),
    ),
    Group(
        "unavailable",
        _("（四）无法提供"),
        (
            ("unavailable_not_held", _("1.本机关不掌握相关政府信息")),
            ("unavailable_needs_making", _("2.没有现成信息需要另行制作")),
            ("unavailable_unclear", _("3.补正后申请内容仍不明确")),
        ),
        _("第三十六条第（四）项、第（五）项"),
    ),
    Group(
        "not_handled",
        _("（五）不予处理"),
        (
            ("not_handled_petition", _("1.信访举报投诉类申请")),
            ("not_handled_repeat", _("2.重复申请")),
            ("not_handled_publication", _("3.要求提供公开出版物")),
            ("not_handled_mass", _("4.无正当理由大量反复申请")),
            ("not_handled_confirm", _("5.要求行政机关确认或重新出具已获取信息")),
        ),
        _("第三十六条第（六）项、第三十九条"),
    ),
    Group(
        "other",
        _("（六）其他处理"),
        (
            (
                "other_no_correction",
                _("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ),
            (
                "other_no_fee",
                _("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ),
            ("other", _("3.其他")),
        ),
        _("第三十条、第四十二条"),
    ),
)

# Grouped choices (<optgroup>s): "（三）不予公开" › "1.属于国家秘密".
OUTCOME_CHOICES: list = [(group.label, list(group.outcomes)) for group in GROUPS]
OUTCOME_CODES: tuple[str, ...] = tuple(code for g in GROUPS for code, _label in g.outcomes)
_GROUP_OF = {code: g for g in GROUPS for code, _label in g.outcomes}


def group_of(code: str) -> Group:
    """The group an outcome belongs to; KeyError for a code not in the official list."""
    return _GROUP_OF[code]


def outcome_label(code: str) -> str:
    group = group_of(code)
    label = dict(group.outcomes)[code]
    return str(label) if len(group.outcomes) == 1 else f"{group.label}·{label}"
