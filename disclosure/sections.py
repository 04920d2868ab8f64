"""The 政府信息公开 column (section kind open-government), registered into core.sections.

Every center and the county show the same entries in the same order
(国办公开办函〔2019〕61号 asks for unified names): 指南, 制度, 法定主动公开内容,
年报, and 依申请公开. A new column starts with its 指南, 制度 and 年报 pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.sections import SectionKind, SectionView, register_section_view
from pages.models import SectionPage, ServiceWindow
from pages.services.localized import in_reading_language, reading_language, source_of

from .models import AnnualReportIndexPage, DisclosureGuidePage, DisclosureRulesPage
from .services import officers
from .services.addresses import column_url


@dataclass(frozen=True)
class Entry:
    title: str
    url: str | None
    note: str = ""


def _child_url(section, model) -> str | None:
    child = model.objects.child_of(section).live().public().first()
    return child.url if child is not None else None


def _sibling_url(section, kind: str) -> str | None:
    sibling = SectionPage.of_kind(section.get_parent(), kind).live().public().first()
    return sibling.url if sibling is not None else None


def column_context(section, request) -> dict:
    """The entries, at the Chinese pages' addresses kept in the reader's language
    (a translated column serves the translation where one exists)."""
    section = source_of(section)
    base = column_url(section.get_parent())
    statutory = [
        Entry(_("基层政务公开标准目录"), f"{base}standard-catalogue/"),
        Entry(_("政策文件"), _sibling_url(section, SectionKind.DOCUMENTS)),
        Entry(_("办事指南"), _sibling_url(section, SectionKind.GUIDES)),
        Entry(_("政务公开栏"), _sibling_url(section, SectionKind.DISCLOSURE)),
    ]
    language = reading_language(request)

    def keep(entries: list[Entry]) -> list[Entry]:
        return [
            Entry(e.title, in_reading_language(e.url, language) if e.url else None, e.note)
            for e in entries
        ]

    return {
        "column": keep(
            [
                Entry(_("政府信息公开指南"), _child_url(section, DisclosureGuidePage)),
                Entry(_("政府信息公开制度"), _child_url(section, DisclosureRulesPage)),
                Entry(_("法定主动公开内容"), None),
                Entry(_("政府信息公开年报"), _child_url(section, AnnualReportIndexPage)),
                Entry(_("依申请公开"), f"{base}apply/", _("在线提交政府信息公开申请")),
            ]
        ),
        "statutory": keep([e for e in statutory if e.url]),
        "apply_url": in_reading_language(f"{base}apply/", language),
        "track_url": in_reading_language(f"{base}track/", language),
    }


def populate(section) -> None:
    """The column's first pages, published so the column is complete from day one; the
    editor then completes the 指南 (its address and phone come from the unit)."""
    unit = section.get_parent().specific
    name = getattr(unit, "official_name", "") or unit.title
    window = ServiceWindow.objects.filter(unit=source_of(unit)).exclude(phone="").first()
    pages = [
        DisclosureGuidePage(
            title=_("政府信息公开指南"),
            slug="guide",
            scope=_(
                "<p>本机关主动公开机构职能、政策文件、办事指南、财政预决算、"
                "基层政务公开标准目录所列事项等政府信息，通过本网站“政府信息公开”栏目、"
                "便民服务中心公开栏和村（社区）公示栏公开。</p>"
            ),
            office=name,
            address=getattr(unit, "address", "") or name,
            office_hours=_("法定工作日 上午8:30—12:00，下午14:30—17:30"),
            phone=getattr(unit, "consultation_phone", "")
            or getattr(unit, "hotline", "")
            or (window.phone if window is not None else ""),
            procedure=_(
                "<p>申请人可通过本网站在线申请，或以信函、当面方式提出申请。申请应包括申请人的"
                "姓名或名称、身份证明、联系方式，所需政府信息的名称、文号或便于查询的描述，"
                "以及信息的提供形式。申请内容不明确的，本机关在7个工作日内一次性告知补正。</p>"
            ),
            time_limit=_(
                "<p>能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；"
                "需要延长的，经负责人同意并告知申请人，延长期限最长不超过20个工作日。"
                "征求第三方意见所需时间不计算在内。</p>"
            ),
            fees=_(
                "<p>提供政府信息不收取费用。申请数量、频次明显超过合理范围的，依法收取信息处理费。</p>"
            ),
            remedies=_(
                "<p>认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者"
                "政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>"
            ),
        ),
        DisclosureRulesPage(
            title=_("政府信息公开制度"),
            slug="rules",
            body=_(
                "<h3>政府信息公开发布审查制度</h3><p>拟公开的政府信息由承办人起草，"
                "经负责人审核后发布。</p><h3>依申请公开办理制度</h3><p>申请由信息公开工作人员"
                "登记、承办、答复，全程留痕，按期办结。</p>"
            ),
        ),
        AnnualReportIndexPage(title=_("政府信息公开年报"), slug="annual-reports"),
    ]
    for page in pages:
        page.locale_id = section.locale_id
        section.add_child(instance=page)
        page.save_revision().publish()
    officers.ensure_office(unit)


def ensure_column(unit) -> SectionPage:
    """The unit's column, created with its first pages if it has none (the county's,
    and centers that existed before the column did); idempotent."""
    found = SectionPage.of_kind(unit, SectionKind.OPEN_GOVERNMENT).first()
    if found is not None:
        officers.ensure_office(unit)
        return found
    slug = "open-government"
    taken = SectionPage.objects.child_of(unit).filter(slug=slug).exists()
    section = SectionPage(
        title=_("政府信息公开"),
        slug=f"{slug}-column" if taken else slug,
        kind=SectionKind.OPEN_GOVERNMENT,
        locale_id=unit.locale_id,
    )
    unit.add_child(instance=section)
    section.save_revision().publish()
    populate(section)
    return section


def register() -> None:
    register_section_view(
        SectionKind.OPEN_GOVERNMENT,
        SectionView(column_context, "disclosure/column.html", populate=populate),
    )
