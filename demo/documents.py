"""Demo policy documents for the fictional 青石县, written for this project.

Shapes follow real disclosure practice (文号, 成文日期 before 发布日期, a
repealed document pointing at the one that replaced it, an interpretation
linked to its document); every name, number and sentence is invented.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from wagtail.models import Locale

from core.sections import SectionKind
from documents.models import IssuingOrganisation, PolicyDocumentPage, PolicyInterpretationPage
from pages.models import SectionPage, ServiceCenterPage

ORGANISATIONS = [
    ("青石县人民政府办公室", "青府办", "QSX001"),
    ("云溪镇人民政府", "云府", "QSX101"),
    ("松林乡人民政府", "松府", "QSX102"),
]

BODY_HOUSING_2019 = (
    "<p>各村（社区）：</p>"
    "<p>为做好2019年农村危房改造工作，结合我镇实际，制定本方案。</p>"
    "<h2>一、改造对象</h2><p>建档立卡贫困户、低保户、农村分散供养特困人员和贫困残疾人家庭。</p>"
    "<h2>二、补助标准</h2><p>（一）拆除重建的，每户补助3.5万元。</p>"
    "<p>（二）维修加固的，每户补助1万元。</p>"
    "<h2>三、工作要求</h2><p>各村于每年3月底前完成摸底，报镇便民服务中心汇总。</p>"
)
BODY_HOUSING_2026 = (
    "<p>各村（社区）、镇直各单位：</p>"
    "<p>为巩固农村低收入群体住房安全保障成果，经镇党委、政府研究同意，现将本方案印发给你们，"
    "请认真抓好落实。</p>"
    "<h2>一、保障对象</h2><p>农村低保对象、农村特困人员、防止返贫监测对象和其他农村低收入群体。</p>"
    "<h2>二、保障方式</h2><p>（一）农户自愿申请，村级评议公示，镇便民服务中心审核。</p>"
    "<p>（二）C级危房以维修加固为主，D级危房原则上拆除重建。</p>"
    "<h2>三、补助标准</h2><p>1. 拆除重建每户补助4万元；</p><p>2. 维修加固每户补助1.2万元。</p>"
    "<h2>四、办理渠道</h2><p>群众可到镇便民服务中心民政救助窗口申请，也可请村代办员代为提交材料。</p>"
)
BODY_CENTER = (
    "<p>各乡镇人民政府、街道办事处，县直各部门：</p>"
    "<p>为推进乡镇（街道）便民服务中心规范化建设，让群众办事“最多跑一次”，现就有关事项通知如下。</p>"
    "<h2>一、统一名称和标识</h2><p>各中心统一使用“青石县××镇便民服务中心”名称，按全县统一样式制作标识标牌。</p>"
    "<h2>二、统一公开事项</h2><p>各中心进驻事项一律公开办理依据、受理条件、申报材料、办理程序、"
    "办理时限、收费标准及依据、咨询电话和监督电话。</p>"
    "<h2>三、落实工作制度</h2><p>严格执行首问负责、一次性告知、限时办结、AB岗等制度。</p>"
)
BODY_FIRST_ASK = (
    "<p>各村（社区），镇直各单位：</p>"
    "<p>《云溪镇便民服务中心首问负责制实施办法》已经镇政府常务会议研究通过，现印发给你们，请遵照执行。</p>"
    "<h2>第一章 总则</h2><p>第一条 为规范便民服务中心首问负责工作，制定本办法。</p>"
    "<h2>第二章 首问责任</h2><p>第二条 群众首先询问的工作人员为首问责任人。</p>"
    "<p>第三条 首问责任人不得以任何理由推诿。</p>"
)
INTERPRETATION = (
    "<h2>一、为什么出台这个方案？</h2><p>原危房改造方案已执行多年，保障对象和补助标准需要调整。</p>"
    "<h2>二、哪些人可以申请？</h2><p>农村低保对象、特困人员、防止返贫监测对象等农村低收入群体。</p>"
    "<h2>三、到哪里申请？</h2><p>到镇便民服务中心民政救助窗口，或请村代办员代办。</p>"
)


def _org(name: str):
    return IssuingOrganisation.objects.get(name=name)


def _documents_section(center):
    return SectionPage.of_kind(center, SectionKind.DOCUMENTS).first()


def _add(section, model, slug: str, organisations=(), **fields):
    existing = model.objects.child_of(section).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    if organisations:
        page.organisations = list(organisations)
    section.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page, True


@transaction.atomic
def load_documents(home) -> int:
    """Create-only: organisations, five documents and one interpretation."""
    for name, short, code in ORGANISATIONS:
        IssuingOrganisation.objects.get_or_create(
            name=name, defaults={"short_name": short, "code": code}
        )
    centers = ServiceCenterPage.objects.child_of(home).filter(locale=Locale.get_default())
    yunxi = _documents_section(centers.filter(slug="yunxi").first())
    songlin = _documents_section(centers.filter(slug="songlin").first())
    if yunxi is None or songlin is None:
        return 0
    created = 0
    county_org, yunxi_org = _org("青石县人民政府办公室"), _org("云溪镇人民政府")
    specs = [
        (
            yunxi,
            "center-standards",
            [county_org],
            {
                "title": "青石县人民政府办公室关于推进乡镇便民服务中心规范化建设的通知",
                "document_number": "青府办发〔2026〕8号",
                "topic": "government",
                "written_date": dt.date(2026, 3, 2),
                "publish_date": dt.date(2026, 3, 5),
                "keywords": "便民服务 规范化 通知",
                "addressees": "各乡镇人民政府、街道办事处，县直各部门：",
                "body": BODY_CENTER,
            },
        ),
        (
            yunxi,
            "first-ask-rule",
            [yunxi_org],
            {
                "title": "云溪镇人民政府关于印发《云溪镇便民服务中心首问负责制实施办法》的通知",
                "document_number": "云府发〔2025〕12号",
                "legal_form": "normative",
                "topic": "government",
                "written_date": dt.date(2025, 6, 10),
                "publish_date": dt.date(2025, 6, 12),
                "keywords": "首问负责 便民服务",
                "body": BODY_FIRST_ASK,
            },
        ),
        (
            yunxi,
            "housing-2026",
            [yunxi_org],
            {
                "title": "云溪镇农村低收入群体住房安全保障实施方案",
                "document_number": "云府发〔2026〕3号",
                "legal_form": "normative",
                "topic": "housing",
                "written_date": dt.date(2026, 2, 20),
                "publish_date": dt.date(2026, 2, 24),
                "keywords": "住房安全 危房改造 低收入群体",
                "body": BODY_HOUSING_2026,
            },
        ),
        (
            songlin,
            "land-transfer",
            [_org("松林乡人民政府")],
            {
                "title": "松林乡人民政府关于规范农村土地经营权流转的意见",
                "document_number": "松府发〔2026〕2号",
                "topic": "agriculture",
                "written_date": dt.date(2026, 1, 8),
                "publish_date": dt.date(2026, 1, 12),
                "keywords": "土地流转 意见",
                "body": "<p>各村（社区）：</p><h2>一、坚持依法自愿有偿</h2><p>流转须签订书面合同，"
                "报乡农业综合服务中心备案。</p>",
            },
        ),
    ]
    pages = {}
    for section, slug, orgs, fields in specs:
        pages[slug], new = _add(section, PolicyDocumentPage, slug, orgs, **fields)
        created += new
    old, new = _add(
        yunxi,
        PolicyDocumentPage,
        "housing-2019",
        [yunxi_org],
        **{
            "title": "云溪镇2019年农村危房改造实施方案",
            "document_number": "云府发〔2019〕5号",
            "legal_form": "normative",
            "topic": "housing",
            "written_date": dt.date(2019, 3, 1),
            "publish_date": dt.date(2019, 3, 4),
            "keywords": "危房改造",
            "body": BODY_HOUSING_2019,
            "validity": "repealed",
            "validity_date": dt.date(2026, 2, 24),
            "replaced_by": pages["housing-2026"],
        },
    )
    created += new
    _interp, new = _add(
        yunxi,
        PolicyInterpretationPage,
        "housing-2026-interpretation",
        **{
            "title": "《云溪镇农村低收入群体住房安全保障实施方案》政策解读",
            "document": pages["housing-2026"],
            "publish_date": dt.date(2026, 2, 24),
            "interpreter": "云溪镇便民服务中心",
            "body": INTERPRETATION,
        },
    )
    return created + new
