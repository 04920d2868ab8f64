"""The injected-content scanner: detection on spam in the shapes hacked county
sites carry, silence on ordinary government text, the publishing gate and its
clearance, and the review screen over HTTP."""

from django.test import Client
from django.urls import reverse

from wagtail.rich_text import RichText

import pytest
from bs4 import BeautifulSoup

from scanner.detect import Term, scan_text
from scanner.lexicon import DEFAULT_TERMS
from scanner.markup import html_text
from scanner.service import (
    StaleScanError,
    clear,
    injected_content_gate,
    latest,
    page_text,
    scan_page,
    seed_default_lexicon,
)
from tests.editorial import conftest as editorial_fixtures
from tests.editorial.test_workflow import _action, _submit
from tests.factories import make_guide, make_window

towns = editorial_fixtures.towns

LEXICON = [Term(term, category, weight) for term, category, weight, _ in DEFAULT_TERMS]
ALLOWED = ("gov.cn", "edu.cn")


def scan(text, html=None, lexicon=None, allowed=ALLOWED):
    return scan_text(text, html, LEXICON if lexicon is None else lexicon, allowed=allowed)


def places(text, findings):
    return [text[f.start : f.end] for f in findings]


# -- clean government text: nothing to report ----------------------------------

CLEAN = {
    "通知": """关于开展2024年度城乡居民基本医疗保险集中参保缴费工作的通知
各乡镇人民政府，县直各部门：
根据《关于做好2024年城乡居民基本医疗保障工作的通知》（黔医保发〔2023〕15号）精神，现将有关事项通知如下。
一、缴费标准：每人每年380元，特困人员、低保对象由财政全额或定额资助。
二、缴费方式：可通过贵州医保APP、“贵州医保”微信公众号或到村（社区）便民服务站缴费，也可登录国家医保服务平台（https://fuwu.nhsa.gov.cn）办理。
三、咨询电话：0851-88881111，13900000000（代办员王五）。
索引号：413400/2014-00309　联系邮箱：qsxyb@163.com
青石县医疗保障局
2023年9月8日""",
    "办事指南": """最低生活保障申请
事项编码：T-001　办件类型：承诺件　承诺时限：20个工作日　法定时限：30个工作日
受理条件：本县户籍，家庭人均收入低于当地低保标准（2024年为每人每月680元），且家庭财产符合规定的困难家庭。
申报材料：1.居民身份证（原件及复印件各1份）；2.户口簿；3.家庭收入情况说明；4.残疾人证（有残疾的提供）。
办理程序：（1）申请：到镇便民服务中心民政救助窗口提出申请；（2）审核：镇人民政府入户调查，并在村务公开栏公示7天；（3）审批：县民政局审批，20个工作日内办结。
网上办理：登录贵州政务服务网 https://zwfw.guizhou.gov.cn
或扫码下载“贵人服务”APP，注册登录后在线申请。
收费标准：不收费。咨询电话：0851-88884444；投诉电话：0851-88882222、12345；
代办员：李四 13712345678。
办公地址：青石县石桥镇人民路1号，工作时间周一至周五 8:30—12:00，14:00—17:30。""",
    "公示": """石桥镇2024年第二季度临时救助对象公示
根据《社会救助暂行办法》和《贵州省临时救助实施办法》规定，经本人申请、村（社区）评议、镇人民政府审核，拟对以下10户群众给予临时救助，共计发放救助金32000元，现予以公示。
1. 张某某，石桥村3组，因病致困，救助金额5000元；
2. 李某某，河坝村1组，因灾致困，救助金额3000元；
公示期：2024年7月1日至2024年7月7日。公示期内如有异议，请向镇纪委或民政办反映，监督电话：0851-88882222。
青石县石桥镇人民政府
2024年6月30日""",
    "禁赌通告": """关于严厉打击跨境赌博违法犯罪活动的通告
近期，一些不法分子通过网络赌博、百家乐、六合彩等形式诱骗群众参赌，严重危害人民群众财产安全。
严禁任何单位和个人组织、参与赌博活动，严禁为网络赌博平台提供推广、结算服务。
发现赌博违法犯罪线索的，请拨打110或向县公安局举报，举报电话：0851-88886110。
青石县公安局 2024年3月1日""",
    "体育彩票公益金": """青石县体育局关于2024年体育彩票公益金使用情况的公示
2024年我县共使用体育彩票公益金1200万元，用于全民健身设施建设和群众体育赛事活动。
其中，新建乡镇全民健身广场8个，投入资金560万元；举办全县“村BA”篮球赛、棋牌比赛等群众体育活动12场次。
详细情况可登录青石县人民政府网站（http://www.qingshi.gov.cn）政府信息公开栏目查看。""",
    "双语": """青石县便民服务中心 Qingshi Convenience Service Center
服务指南 Service Guide：请携带居民身份证原件办理。
窗口 Window 1：社会保障卡申领；窗口 Window 2：医保参保登记；窗口 Window 3：低保申请。
Qingshi Convenience Service Center 地址：人民路1号；Qingshi County 咨询电话 0851-88881111。
下载申请表：http://www.qingshi.gov.cn/xxgk/bszn/sqb.pdf（PDF格式）。""",
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_ordinary_government_text_has_no_findings(name):
    assert scan(CLEAN[name]) == []


def test_ordinary_rich_text_html_has_no_findings():
    html = (
        "<h2>办理流程</h2><p>申请人可在<a href='https://zwfw.guizhou.gov.cn/'>贵州政务服务网</a>"
        "在线申请，或到<b>便民服务中心</b>办理。</p><ul><li>咨询：0851-88881111</li></ul>"
    )
    assert scan(html_text(html), html) == []


# -- spam in the shapes a hacked site carries ----------------------------------

SHEBAO = (
    "社保卡是政府发放给群众的民生服务卡。办理社保卡需要携带居民身份证到镇便民服务中心。"
    "社保卡丢失后可以在窗口补办，补办社保卡不收费，咨询电话0851-88881111。"
)


def test_gambling_brand_substituted_for_shebao_is_marked_everywhere():
    """No lexicon at all: the made-up brand recurring in place of 社保 gives it away."""
    text = SHEBAO.replace("社保", "乐虎体育")
    findings = scan(text, lexicon=[])
    assert places(text, findings) == ["乐虎体育"] * 4
    starts = [i for i in range(len(text)) if text.startswith("乐虎体育", i)]
    assert [f.start for f in findings] == starts
    assert {f.category for f in findings} == {"gambling"}
    assert all("乐虎体育" in f.excerpt and "反复出现 4 次" in f.reason for f in findings)
    assert findings[1].excerpt.startswith("…") and "办理乐虎体育卡" in findings[1].excerpt


def test_lexicon_brand_substituted_and_written_in_traditional_or_split():
    text = SHEBAO.replace("社保", "亞博體育", 1).replace("社保", "亚博\u200b体育", 1)
    text = text.replace("社保", "亚博体育")
    findings = scan(text)
    assert len(findings) == 4
    assert all(f.category == "gambling" and "词库词语“亚博体育”" in f.reason for f in findings)
    assert places(text, findings)[:2] == ["亞博體育", "亚博\u200b体育"]


def test_latin_brand_and_foreign_script_substitutions():
    latin = SHEBAO.replace("社保", "kaiyun")
    assert places(latin, scan(latin, lexicon=[])) == ["kaiyun"] * 4
    thai = SHEBAO.replace("社保", "สล็อต")
    assert places(thai, scan(thai, lexicon=[])) == ["สล็อต"] * 4


def test_app_download_advert_with_non_government_url():
    text = (
        "关于做好城乡居民养老保险缴费工作的通知\n"
        "开云体育APP官方下载 https://www.ky-sports.vip 注册即送888元彩金，加微信 ky88888 领取。\n"
        "各村（社区）要按时完成征缴工作，咨询电话0851-88881111。"
    )
    findings = scan(text, lexicon=[])
    assert len(findings) == 1
    (ad,) = findings
    marked = text[ad.start : ad.end]
    assert marked.startswith("开云体育APP官方下载") and marked.endswith("ky88888")
    assert ad.category in ("gambling", "app")
    assert "www.ky-sports.vip" in ad.reason and "彩金" in ad.reason
    assert "通知" not in marked and "征缴" not in marked


def test_plain_company_url_alone_is_not_flagged_but_is_with_an_advert():
    text = "可通过中国建设银行网站 www.ccb.com 查询缴费记录。"
    assert scan(text) == []
    ad = "亚博体育官网 www.yabo.com 注册领取优惠"
    assert places(ad, scan(ad))[0].startswith("亚博体育官网 www.yabo.com")


def test_allow_list_setting_exempts_a_domain(settings):
    text = "扫码下载APP 登录 www.qsbank-example.com 注册开户，咨询 13912345678"
    settings.SCANNER_ALLOWED_DOMAINS = []
    assert scan_text(text, None, LEXICON) != []
    settings.SCANNER_ALLOWED_DOMAINS = ["qsbank-example.com"]
    assert scan_text(text, None, LEXICON) == []


def test_low_weight_term_needs_context():
    weak = [Term("棋牌", "gambling", 1)]
    assert scan("社区棋牌活动室每天开放，欢迎老年朋友参加。", lexicon=weak) == []
    ad = "社区棋牌活动室：棋牌游戏下载 www.qp8888.com 充值送88元"
    findings = scan(ad, lexicon=weak)
    assert any("棋牌" in place for place in places(ad, findings))


def test_inactive_term_silences_a_builtin_pattern():
    text = "本次活动为获奖群众发放彩金 200 元。"
    assert scan(text, lexicon=[]) != []
    assert scan(text, lexicon=[Term("彩金", "gambling", 0)]) == []


def test_lottery_advert():
    text = "今晚特码 3568 期期稳中，一注投注100元赔率48倍，联系QQ 88886666。"
    findings = scan(text, lexicon=[])
    assert findings and "3568" in places(text, findings)[0]
    assert findings[0].category == "lottery"


HIDDEN_HTML = """
<p>社会保障卡申领指南</p>
<div style="display:none"><a href="http://www.yabo888.com">亚博体育注册</a></div>
<p style="font-size:0px">澳门新葡京官网</p>
<span style="position:absolute; left:-9999px">皇冠体育</span>
<p style="color:#fff;background-color:#ffffff">同城交友</p>
<style>.seo{height:0;overflow:hidden}</style><div class="seo">真人荷官在线发牌</div>
<p>请携带居民身份证到窗口办理。</p>
<a href="https://www.casino-link.com" style="visibility:hidden"></a>
"""


def test_hidden_links_and_text_in_html():
    text = html_text(HIDDEN_HTML)
    findings = scan(text, HIDDEN_HTML, lexicon=[])
    hidden = [f for f in findings if f.category == "hidden" or "读者看不到" in f.reason]
    marked = [text[f.start : f.end] for f in hidden if f.end > f.start]
    assert marked == ["亚博体育注册", "澳门新葡京官网", "皇冠体育", "同城交友", "真人荷官在线发牌"]
    assert "www.yabo888.com" in hidden[0].reason and "display:none" in hidden[0].reason
    unplaced = [f for f in findings if f.end == f.start]
    assert len(unplaced) == 1 and "casino-link.com" in unplaced[0].reason
    assert "社会保障卡" not in " ".join(marked) and "居民身份证" not in " ".join(marked)


# -- pages, the gate and its clearance -----------------------------------------


SPAM_CONDITIONS = SHEBAO.replace("社保", "乐虎体育") + "<script>alert(1)</script>"


def _spam_guide(town, **overrides):
    values = {"title": "社会保障卡补办", "conditions": SPAM_CONDITIONS}
    values.update(overrides)
    return make_guide(town.guides, make_window(town.center), publish_it=False, **values)


def test_page_text_reads_every_text_field_and_inline_child_of_a_revision(towns):
    from pages.models import GuideFAQ

    a, _ = towns
    faq = GuideFAQ(question="丢了怎么办？", answer="加微信 kf123456 秒办")
    guide = make_guide(a.guides, make_window(a.center), publish_it=False, faqs=[faq])
    guide.conditions = "草稿里的新受理条件。"
    guide.save_revision()
    text, html = page_text(latest(guide))
    lines = text.splitlines()
    assert lines[0] == "最低生活保障申请"
    for piece in ("草稿里的新受理条件。", "居民身份证", "社会救助暂行办法", "加微信 kf123456 秒办"):
        assert piece in lines
    assert "payment" not in text and "guide-" not in text and html == ""


def test_page_text_reads_stream_and_rich_text_fields(towns):
    a, _ = towns
    section = a.guides.specific
    section.intro = '<p>栏目说明<span style="display:none">亚博体育</span></p>'
    section.body = [
        ("heading", {"text": "小标题甲", "level": "h2"}),
        ("paragraph", RichText("<p>正文<b>乙</b>段落</p>")),
        ("notice", {"title": "提示丙", "text": "提示内容丁"}),
    ]
    section.save_revision()
    text, html = page_text(latest(section))
    for piece in ("栏目说明亚博体育", "小标题甲", "正文乙段落", "提示丙", "提示内容丁"):
        assert piece in text.splitlines()
    assert "h2" not in text.split() and 'style="display:none"' in html
    report = scan_page(latest(section), lexicon=[])
    assert [report.text[f.start : f.end] for f in report.findings] == ["亚博体育"]


def test_lexicon_comes_from_active_terms(towns):
    from scanner.models import InjectionTerm

    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), title="青石开心农场兑奖说明")
    term = InjectionTerm.objects.create(term="开心农场兑奖", category="other", weight=5)
    assert scan_page(guide).findings
    term.active = False
    term.save()
    assert not scan_page(guide).findings


def test_seed_default_lexicon_is_idempotent_and_keeps_county_edits(db):
    from scanner.models import InjectionTerm

    assert seed_default_lexicon() == len(DEFAULT_TERMS) >= 40
    assert {t.category for t in InjectionTerm.objects.all()} >= {"gambling", "app", "adult"}
    InjectionTerm.objects.filter(term="棋牌").update(weight=3, active=False)
    assert seed_default_lexicon() == 0
    assert InjectionTerm.objects.values_list("weight", "active").get(term="棋牌") == (3, False)


def test_gate_blocks_until_cleared_and_clearance_needs_the_same_text(towns):
    from scanner.models import ScanClearance

    a, _ = towns
    guide = _spam_guide(a)
    (reason,) = injected_content_gate(latest(guide))
    assert reason.startswith("疑似被植入的内容 4 处（博彩），须经审核人员核实放行后才能发布：")
    assert "乐虎体育" in reason
    assert injected_content_gate(guide) == [reason]  # the live object is the draft here too

    clearance = clear(guide, a.director)
    assert clearance.cleared_by == a.director and len(clearance.findings) == 4
    assert injected_content_gate(latest(guide)) == []
    assert clear(guide, a.director) == clearance  # idempotent

    guide.conditions = SPAM_CONDITIONS + "新增一句。"
    guide.save_revision()
    assert injected_content_gate(latest(guide)) != []
    with pytest.raises(StaleScanError):
        clear(guide, a.director, expected_hash=clearance.text_hash)
    assert ScanClearance.objects.filter(page=guide).count() == 1


def test_clean_guide_passes_the_gate(towns):
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False)
    assert injected_content_gate(latest(guide)) == []


def _review(client, page):
    return client.get(reverse("scanner_review", args=[page.pk]))


def test_review_screen_marks_every_finding_for_an_editor(towns):
    a, b = towns
    guide = _spam_guide(a)
    response = _review(a.client("editor"), guide)
    assert response.status_code == 200
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    marks = soup.select(".scanner-text mark")
    assert [m.contents[0] for m in marks] == ["乐虎体育"] * 4
    assert all(m["data-category"] == "gambling" and "反复出现" in m["title"] for m in marks)
    assert "博彩" in marks[0].get_text()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)" in html
    assert reverse("wagtailadmin_pages:edit", args=[guide.pk]) in html
    assert "核实无误，放行" not in html  # an editor may not publish
    refused = a.client("editor").post(response.request["PATH_INFO"], {"text_hash": "x"})
    assert refused.status_code in (302, 403)  # Wagtail turns PermissionDenied into a redirect
    assert not guide.scan_clearances.exists()
    assert _review(b.client("editor"), guide).status_code == 404
    assert _review(b.client("director"), guide).status_code == 404


def test_director_clears_over_http_with_csrf(towns):
    from scanner.models import ScanClearance

    a, _ = towns
    guide = _spam_guide(a)
    url = reverse("scanner_review", args=[guide.pk])
    page = a.client("director").get(url).content.decode()
    form = BeautifulSoup(page, "html.parser").find("form", action=url)
    assert "核实无误，放行" in form.get_text()
    text_hash = form.find("input", attrs={"name": "text_hash"})["value"]

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(a.director)
    assert strict.post(url, {"text_hash": text_hash}).status_code == 403
    assert not ScanClearance.objects.exists()

    stale = a.client("director").post(url, {"text_hash": "0" * 64}, follow=True)
    assert "页面内容已发生变化" in stale.content.decode()
    assert not ScanClearance.objects.exists()

    response = a.client("director").post(url, {"text_hash": text_hash}, follow=True)
    assert "已核实放行" in response.content.decode()
    assert ScanClearance.objects.get().text_hash == text_hash
    assert "核实无误，放行" not in response.content.decode()
    assert injected_content_gate(latest(guide)) == []


def test_the_gate_is_registered_and_blocks_a_directors_approval(towns):
    from core.gates import registered_gates

    assert injected_content_gate in registered_gates()  # by documents' AppConfig.ready
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False, title="社会保障卡补办")
    _submit(a, guide)
    guide.conditions = SPAM_CONDITIONS
    guide.save_revision(user=a.editor)
    response = _action(a, guide, "approve")
    follow = a.client("director").get(response["Location"]).content.decode()
    assert "疑似被植入的内容" in follow
    guide.refresh_from_db()
    assert not guide.live
    clear(guide, a.director)
    _action(a, guide, "approve")
    guide.refresh_from_db()
    assert guide.live


def test_a_flagged_document_cannot_be_published_directly_either(towns):
    """The director's 发布 button runs the scanner on what was typed."""
    from tests.admin_forms import post_page_form

    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False, title="社会保障卡补办")
    url = f"/admin/pages/{guide.pk}/edit/"
    response = post_page_form(a.client("director"), url, {"conditions": SPAM_CONDITIONS})
    assert response.status_code == 200
    assert "疑似被植入的内容" in response.content.decode()
    guide.refresh_from_db()
    assert not guide.live


def test_admin_registrations(towns):
    """The lexicon's snippet, the review URL and the header button are registered."""
    from django.contrib.auth import get_user_model

    from wagtail.snippets.models import get_snippet_models

    from scanner import wagtail_hooks as scanner_admin
    from scanner.models import InjectionTerm

    a, b = towns
    assert InjectionTerm in get_snippet_models()
    guide = make_guide(a.guides, make_window(a.center), publish_it=False)
    buttons = list(scanner_admin.scanner_header_button(guide, a.editor, "edit"))
    assert [button.label for button in buttons] == ["植入内容核查"]
    assert list(scanner_admin.scanner_header_button(guide, b.editor, "edit")) == []
    edit = a.client("editor").get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
    assert reverse("scanner_review", args=[guide.pk]) in edit.content.decode()

    admin = get_user_model().objects.create_superuser("county-admin", password="x")
    client = Client()
    client.force_login(admin)
    InjectionTerm.objects.create(term="测试词", category="other", weight=2)
    listing = client.get("/admin/snippets/portal_documents/injectionterm/")
    assert listing.status_code == 200 and "测试词" in listing.content.decode()
    sidebar = client.get("/admin/").content.decode()  # menu props are JSON, non-ASCII escaped
    assert "/admin/snippets/portal_documents/injectionterm/" in sidebar
    assert "\\u690d\\u5165\\u5185\\u5bb9\\u8bcd\\u5e93" in sidebar  # 植入内容词库
    assert a.client("editor").get(listing.request["PATH_INFO"]).status_code in (302, 403)
