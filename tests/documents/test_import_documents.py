"""Importing old policy documents as drafts: reading each file type, extracting the
metadata of dirty scraped text, refusing bad files, duplicates, dry runs and the command."""

from datetime import date

from django.core.management import CommandError, call_command

import pytest

from documents.importing import Block, ImportProblem, extract, read_document
from documents.importing.cleaning import parse_date
from documents.importing.importer import find_section, import_paths
from documents.models import IssuingOrganisation, PolicyDocumentPage
from pages.models import SectionPage

NOTICE_TITLE = "青石县人民政府办公室关于印发《青石县乡镇便民服务中心管理办法》的通知"
RULES_TITLE = "青石县乡镇便民服务中心管理办法"  # what the cover notice introduces
COVER = [
    "各乡镇人民政府，县政府各部门：",
    "《青石县乡镇便民服务中心管理办法》已经县人民政府同意，现印发给你们，请认真贯彻执行。",
    "附件：1. 青石县便民服务事项清单",
    "2. 青石县便民服务中心考核表",
    "青石县人民政府办公室",
    "2021年3月15日",
    "青石县乡镇便民服务中心管理办法",
    "第一章 总则",
    "第一条 为规范乡镇便民服务中心运行，方便群众办事，制定本办法。",
    "第二条 本办法适用于本县各乡镇便民服务中心。",
    "第二章 服务要求",
    "一、窗口设置",
    "（一）综合受理。中心设综合受理窗口，实行一窗受理、集成服务。",
    "1. 首问负责。",
    "（1）群众咨询时当场答复。",
]


def write_docx(path, paragraphs, title_style=True):
    import docx

    document = docx.Document()
    document.add_paragraph("青石县人民政府办公室文件")
    document.add_paragraph("青府办发〔2021〕7号")
    document.add_paragraph(NOTICE_TITLE, style="Title" if title_style else None)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


@pytest.fixture
def section(tree):
    return SectionPage.objects.child_of(tree["center"]).get(kind="documents")


# --- extraction from text ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("青府办发〔2016〕28号", "青府办发〔2016〕28号"),
        ("青办[2008]76号", "青办〔2008〕76号"),
        ("青府发(2016)5号", "青府发〔2016〕5号"),
        ("青府函［２０１９］３号", "青府函〔2019〕3号"),
        ("青政办【2020】012号", "青政办〔2020〕12号"),
    ],
)
def test_document_number_forms_are_normalised_to_full_width_brackets(written, normalised):
    doc = extract(["青石县关于加强便民服务的通知", written, "正文内容。"], "x.txt")
    assert doc.document_number == normalised
    assert doc.title == "青石县关于加强便民服务的通知"


def test_signature_block_gives_issuer_and_written_date_and_structure_becomes_html():
    doc = extract([NOTICE_TITLE, "青府办发〔2021〕7号", *COVER], "x.txt")

    assert (doc.title, doc.cover_title, doc.title_confirmed) == (RULES_TITLE, NOTICE_TITLE, True)
    assert doc.organisations == ["青石县人民政府办公室"]
    assert doc.written_date == date(2021, 3, 15)
    assert doc.addressees == "各乡镇人民政府，县政府各部门"
    assert doc.attachments == ["青石县便民服务事项清单", "青石县便民服务中心考核表"]
    html = doc.body_html
    assert "<h2>第一章 总则</h2>" in html
    assert "<p><strong>第一条</strong> 为规范乡镇便民服务中心运行" in html
    assert "<h3>一、窗口设置</h3>" in html  # under 章, 一、 is one level down
    assert "<p><strong>（一）综合受理。</strong>中心设综合受理窗口" in html
    assert "<p>1. 首问负责。</p>" in html and "<p>（1）群众咨询时当场答复。</p>" in html
    assert "<h2>青石县乡镇便民服务中心管理办法</h2>" in html  # the attached text's title
    assert html.startswith(f"<p>{NOTICE_TITLE}</p>")  # the cover notice opens the body
    assert "各乡镇人民政府" not in html and "附件" not in html  # shown by the page itself
    assert doc.warnings == []


def test_chinese_numeral_dates_and_levels_without_chapters():
    doc = extract(
        ["关于做好青石县秋季防汛工作的意见", "一、总体要求", "（一）工作目标", "做好防汛。",
         "青石县水务局", "二〇一九年十月二十一日"],
        "x.txt",
    )  # fmt: skip
    assert doc.written_date == date(2019, 10, 21)
    assert doc.organisations == ["青石县水务局"]
    assert "<h2>一、总体要求</h2><h3>（一）工作目标</h3>" in doc.body_html


def test_disclosure_header_and_site_chrome_and_mojibake():
    text = "\n".join(
        [
            "您当前的位置：首页 > 政务公开 > 政策文件",
            "【字体：大 中 小】 浏览次数：321",
            "索 引 号：QSX001/2016-00028   发布机构：青石县人民政府办公室、青石县财政局",
            "发布时间：2016-09-12 10:30  成文日期：2016年9月8日",
            "文号：青府办发[2016]28号   主题词：便民服务 乡镇",
            "公开方式：依申请公开",
            "青石县人民政府办公室关于进一步规范便民服务的通知",
            "各乡镇人民政府：",
            "为方便群众办事，现就有关事项通知如下???。锟斤拷",
            "打印本页 关闭窗口",
            "分享到：微信 微博 QQ空间",
        ]
    )
    doc = extract(text, "x.txt")

    assert doc.index_number == "QSX001/2016-00028"
    assert doc.organisations == ["青石县人民政府办公室", "青石县财政局"]
    assert doc.publish_date == date(2016, 9, 12)
    assert doc.written_date == date(2016, 9, 8)
    assert doc.document_number == "青府办发〔2016〕28号"
    assert doc.keywords == "便民服务 乡镇"
    assert doc.disclosure_mode == "on-request"
    assert doc.addressees == "各乡镇人民政府"
    assert doc.body_html == "<p>为方便群众办事，现就有关事项通知如下。</p>"
    assert any("乱码 2 处" in w for w in doc.warnings)


def test_scraped_notice_without_its_own_title_keeps_the_cover_notice():
    doc = extract(COVER[:1] + COVER[1:2] + COVER[4:8], "x.txt")
    assert doc.title == "青石县乡镇便民服务中心管理办法"
    assert doc.addressees == "各乡镇人民政府，县政府各部门"
    assert (doc.organisations, doc.written_date) == (["青石县人民政府办公室"], date(2021, 3, 15))
    assert doc.body_html.startswith("<p>《青石县乡镇便民服务中心管理办法》已经县人民政府同意")


def test_a_long_opening_sentence_ending_in_a_colon_is_not_the_addressees():
    opening = "为贯彻落实《青石县便民服务条例》有关要求，进一步方便群众办事，现就有关事项通知如下："
    doc = extract(["关于青石县便民服务的通知", opening, "一、总体要求"], "x.txt")
    assert doc.addressees == ""


def test_body_text_is_escaped_after_markup_residue_goes():
    doc = extract(["关于青石县<script>的通知", "<b>加粗</b> 1<2 且 3>2 & 其他。"], "x.txt")
    assert doc.title == "关于青石县的通知"
    assert doc.body_html == "<p>加粗 1&lt;2 且 3&gt;2 &amp; 其他。</p>"


def test_largest_heading_wins_and_a_title_over_two_lines_is_joined():
    blocks = [Block("青石县人民政府"), Block("关于青石县便民服务的报告", 1), Block("正文。")]
    assert extract(blocks, "x.docx").title == "关于青石县便民服务的报告"
    two_lines = ["青石县民政局关于报送", "《青石县临时救助办法》实施情况的报告", "正文。"]
    joined = "青石县民政局关于报送《青石县临时救助办法》实施情况的报告"
    assert extract(two_lines, "x.txt").title == joined
    cover = extract(["青石县民政局关于印发", "《青石县临时救助办法》的通知", "正文。"], "x.txt")
    assert cover.title == "青石县临时救助办法"
    assert cover.cover_title == "青石县民政局关于印发《青石县临时救助办法》的通知"


def test_no_recognisable_title_takes_the_best_guess_marked_unconfirmed():
    doc = extract(["今天天气很好。", "大家都去赶集了。"], "x.txt")
    assert (doc.problems, doc.title, doc.title_confirmed) == ([], "今天天气很好", False)
    assert doc.warnings[0] == "标题待确认：未能确定标题，暂用“今天天气很好”，请核对"
    assert doc.body_html == "<p>今天天气很好。</p><p>大家都去赶集了。</p>"


def test_same_text_hashes_alike_across_widths_and_spaces():
    one = extract(["关于青石县便民服务的通知", "办理时间(工作日)。"], "a.txt")
    two = extract(["关于青石县便民服务的通知", "办理时间（工作日） 。"], "b.txt")
    assert one.text_hash == two.text_hash


# --- reading each file type -----------------------------------------------------


def test_docx_red_head_number_title_style_and_body(tmp_path):
    doc = extract(read_document(write_docx(tmp_path / "a.docx", COVER)), "a.docx")
    assert (doc.title, doc.cover_title) == (RULES_TITLE, NOTICE_TITLE)
    assert doc.document_number == "青府办发〔2021〕7号"
    assert doc.organisations == ["青石县人民政府办公室"]
    assert "<h2>第一章 总则</h2>" in doc.body_html


def test_gbk_text_file(tmp_path):
    path = tmp_path / "gbk.txt"
    text = "青石县农业农村局关于春耕备耕的通知\r\n青农发[2008]76号\r\n各乡镇：\r\n请做好春耕。\r\n"
    path.write_bytes(text.encode("gbk"))
    doc = extract(read_document(path), path.name)
    assert (doc.title, doc.document_number) == (
        "青石县农业农村局关于春耕备耕的通知",
        "青农发〔2008〕76号",
    )
    assert doc.addressees == "各乡镇"


SCRAPED = """<!doctype html><html><head><meta charset="{charset}"><title>青石县人民政府</title>
<style>.x{{color:red}}</style><script>var hits = 1;</script></head><body>
<div class="topbar">青石县人民政府网 | 无障碍浏览</div>
<nav><a href="/">首页</a><a>政务公开</a></nav>
<div class="location">您当前的位置：<a>首页</a> &gt; <a>政策文件</a></div>
<table class="meta"><tr><td>索引号：</td><td>QSX002/2016-00011</td><td>发布机构：</td>
<td>青石县财政局</td></tr><tr><th>发布日期</th><td>2016年10月9日</td><th>文号</th>
<td>青财发(2016)11号</td></tr><tr><td>主题词：</td><td>资金 管理</td><td>公开方式：</td>
<td>主动公开</td></tr></table>
<h1>青石县财政局关于便民服务中心经费管理的通知</h1>
<div class="tools">字体大小：<a>大</a> <a>中</a> <a>小</a> 浏览次数：<span>87</span>
打印本页 关闭窗口</div>
<div class="content"><p>各乡镇财政所：</p><p>现就经费管理有关事项通知如下：</p>
<p>一、<b>专款专用</b></p><p>经费<em>不得</em>挪作他用。</p>
<p>青石县财政局</p><p>2016年9月30日</p></div>
<div class="bdsharebuttonbox">分享到：<a>微信</a></div><footer>版权所有：青石县人民政府</footer>
</body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_scraped_html_with_chrome_and_header_table(tmp_path, charset):
    path = tmp_path / "page.html"
    path.write_bytes(SCRAPED.format(charset=charset).encode(charset))
    doc = extract(read_document(path), path.name)

    assert doc.title == "青石县财政局关于便民服务中心经费管理的通知"
    assert doc.index_number == "QSX002/2016-00011"
    assert doc.document_number == "青财发〔2016〕11号"
    assert doc.publish_date == date(2016, 10, 9)
    assert doc.written_date == date(2016, 9, 30)
    assert doc.keywords == "资金 管理"
    assert doc.organisations == ["青石县财政局"]
    assert doc.addressees == "各乡镇财政所"
    assert "<h2>一、专款专用</h2><p>经费不得挪作他用。</p>" in doc.body_html
    for chrome in ("位置", "字体", "浏览", "打印", "分享", "版权", "hits", "首页", "无障碍"):
        assert chrome not in doc.text


def pdf_page(body: str) -> str:
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="/static/css/print.css">'
        "<style>@page { size: A3 landscape; margin: 10mm } p { font-size: 10pt }</style>"
        f"</head><body>{body}</body></html>"
    )


def test_pdf_with_a_text_layer(tmp_path):
    from printing.render import render_pdf

    paragraphs = [NOTICE_TITLE, "青府办发〔2021〕7号", *COVER[:2], *COVER[4:8]]
    path = tmp_path / "doc.pdf"
    path.write_bytes(render_pdf(pdf_page("".join(f"<p>{p}</p>" for p in paragraphs))).pdf)
    doc = extract(read_document(path), path.name)
    assert (doc.title, doc.cover_title) == (RULES_TITLE, NOTICE_TITLE)
    assert doc.document_number == "青府办发〔2021〕7号"
    assert doc.written_date == date(2021, 3, 15)
    assert "<h2>第一章 总则</h2>" in doc.body_html


def test_pdf_without_a_text_layer_is_refused(tmp_path):
    from printing.render import render_pdf

    path = tmp_path / "scan.pdf"
    box = '<div style="width: 40mm; height: 20mm; background: #000"></div>'
    path.write_bytes(render_pdf(pdf_page(box)).pdf)
    with pytest.raises(ImportProblem, match="没有文字层"):
        read_document(path)


# --- bad files --------------------------------------------------------------------

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.docx", b"PK\x03\x04 this is not a zip", "已损坏"),
        ("zipped.docx", None, "已损坏"),  # a valid zip, but no Word document inside
        ("locked.docx", OLE_HEADER, "设有密码"),
        ("image.txt", bytes(range(256)) * 8, "不是文本文件"),
        ("empty.txt", b"", "文件是空的"),
        ("empty.docx", b"", "文件是空的"),
        ("broken.pdf", b"%PDF-1.4 garbage", "已损坏"),
        ("sheet.xls", b"data", "不支持的文件类型"),
        ("blank.html", b"<html><body><script>x()</script></body></html>", "没有可读取的文字"),
    ],
)
def test_bad_files_are_refused_with_a_chinese_reason(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        import zipfile

        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "hello")
    else:
        path.write_bytes(content)
    with pytest.raises(ImportProblem, match=message):
        read_document(path)


def test_oversize_file_is_refused_without_reading_it(tmp_path, settings, monkeypatch):
    settings.DOCUMENT_IMPORT_MAX_BYTES = 100
    path = tmp_path / "big.txt"
    path.write_text("关于青石县的通知\n" + "正文。" * 100, encoding="utf-8")
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("file was read"))
    with pytest.raises(ImportProblem, match="文件太大"):
        read_document(path)


# --- importing --------------------------------------------------------------------


def write_txt(path, title, number="", body="", index=""):
    header = f"索引号：{index}\n" if index else ""
    body = body or f"为方便群众办事，特制定《{title}》。"
    path.write_text(
        f"{header}{title}\n{number}\n各乡镇人民政府：\n{body}\n青石县民政局\n2022年5月6日\n",
        encoding="utf-8",
    )
    return path


def test_import_creates_drafts_with_metadata_and_keeps_the_index_number(tmp_path, section):
    from tests.factories import make_user

    user = make_user("editor")
    write_docx(tmp_path / "a.docx", COVER)
    write_txt(
        tmp_path / "b.txt", "关于青石县养老服务的通知", "青民发〔2022〕3号", index="QSX9/2022-00042"
    )
    report = import_paths([tmp_path], section, user=user)

    assert [o.status for o in report.outcomes] == ["created", "created"]
    page = PolicyDocumentPage.objects.get(document_number="青府办发〔2021〕7号")
    assert not page.live and page.get_parent().pk == section.pk
    assert page.latest_revision.user == user
    assert page.title == RULES_TITLE
    assert page.written_date == date(2021, 3, 15)
    assert page.doc_type == "measures"
    assert [a.title for a in page.attachments.all()] == [
        "青石县便民服务事项清单",
        "青石县便民服务中心考核表",
    ]
    assert page.organisation_names == "青石县人民政府办公室"
    assert page.index_number  # generated from the new organisation's code
    other = PolicyDocumentPage.objects.get(document_number="青民发〔2022〕3号")
    assert other.index_number == "QSX9/2022-00042"
    created = IssuingOrganisation.objects.get(name="青石县民政局")
    assert created.code == f"ORG{created.pk:05d}"
    assert any("青石县民政局" in line for line in report.new_organisations)


def test_duplicates_in_site_and_batch_are_skipped(tmp_path, section):
    write_txt(tmp_path / "1.txt", "关于青石县低保审核的通知", "青民发〔2022〕1号")
    import_paths([tmp_path / "1.txt"], section)
    write_txt(
        tmp_path / "2.txt", "关于青石县低保复核的通知", "青民发[2022]1号", body="另一份正文。"
    )
    write_txt(tmp_path / "3.txt", "关于青石县临时救助的通知", body="相同的正文。")
    write_txt(tmp_path / "4.txt", "关于青石县临时救助的通知（转载）", body="相同的正文。")

    report = import_paths([tmp_path / n for n in ("2.txt", "3.txt", "4.txt")], section)

    assert [o.status for o in report.outcomes] == ["duplicate", "created", "duplicate"]
    assert report.outcomes[0].problems == ["重复：与《关于青石县低保审核的通知》相同"]
    assert report.outcomes[2].problems == ["重复：与《关于青石县临时救助的通知》相同"]
    assert PolicyDocumentPage.objects.count() == 2


def test_dry_run_creates_nothing(tmp_path, section):
    write_txt(tmp_path / "a.txt", "关于青石县便民服务的通知", "青民发〔2022〕9号")
    report = import_paths([tmp_path], section, dry_run=True)
    assert report.outcomes[0].status == "dry-run"
    assert report.outcomes[0].document.document_number == "青民发〔2022〕9号"
    assert not PolicyDocumentPage.objects.exists()
    assert not IssuingOrganisation.objects.exists()


def test_batch_continues_past_failures_and_a_failing_file_leaves_nothing(
    tmp_path, section, monkeypatch
):
    (tmp_path / "0-empty.txt").write_bytes(b"")
    write_txt(tmp_path / "1.txt", "关于青石县甲事项的通知", "青民发〔2022〕11号")
    write_txt(tmp_path / "2.txt", "关于青石县乙事项的通知", "青卫发〔2022〕12号")
    (tmp_path / "2.txt").write_text(
        (tmp_path / "2.txt").read_text().replace("青石县民政局", "青石县卫生健康局"), "utf-8"
    )
    (tmp_path / "3-garbled.txt").write_text("锟斤拷锟斤拷\n\u200b\u200b???\n", encoding="utf-8")
    write_txt(tmp_path / "4.txt", "关于青石县丙事项的通知", "青民发〔2022〕14号")
    real = PolicyDocumentPage.save_revision

    def failing(page, *args, **kwargs):
        if page.document_number == "青卫发〔2022〕12号":
            raise RuntimeError("磁盘已满")
        return real(page, *args, **kwargs)

    monkeypatch.setattr(PolicyDocumentPage, "save_revision", failing)
    report = import_paths([tmp_path], section)

    statuses = [(o.path.name, o.status) for o in report.outcomes]
    assert statuses == [
        ("0-empty.txt", "failed"),
        ("1.txt", "created"),
        ("2.txt", "failed"),
        ("3-garbled.txt", "failed"),
        ("4.txt", "created"),
    ]
    assert report.outcomes[2].problems == ["导入时出错：RuntimeError：磁盘已满"]
    assert report.outcomes[3].problems == [
        "文件中没有可用的文字（去除乱码、干扰字符和网页残留后为空）"
    ]
    assert not PolicyDocumentPage.objects.filter(document_number="青卫发〔2022〕12号").exists()
    assert not IssuingOrganisation.objects.filter(name="青石县卫生健康局").exists()
    assert report.new_organisations == [
        "新建发布机构“青石县民政局”（代码 " + _code("青石县民政局") + "）"
    ]


def _code(name):
    return IssuingOrganisation.objects.get(name=name).code


# --- the command ------------------------------------------------------------------


def test_command_dry_run_prints_what_was_extracted(tmp_path, section, tree, capsys):
    write_txt(tmp_path / "a.txt", "关于青石县便民服务的通知", "青民发〔2022〕9号")
    call_command("import_documents", str(tmp_path), "--dry-run", "--section", tree["center"].slug)
    out = capsys.readouterr().out
    assert "[dry-run]" in out and "《关于青石县便民服务的通知》" in out
    assert "文号：青民发〔2022〕9号" in out and "机构：青石县民政局" in out
    assert "成文 2022-05-06" in out and "| 为方便群众办事" in out
    assert not PolicyDocumentPage.objects.exists()


def test_command_imports_and_exits_1_when_a_file_failed(tmp_path, section, capsys):
    from tests.factories import make_user

    make_user("editor")
    write_txt(tmp_path / "a.txt", "关于青石县便民服务的通知", "青民发〔2022〕9号")
    (tmp_path / "b.txt").write_bytes(bytes(range(256)))
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_documents", str(tmp_path), "--section", str(section.pk), "--user", "editor"
        )
    assert caught.value.returncode == 1
    out = capsys.readouterr().out
    assert "[created]" in out and "[failed]" in out and "不是文本文件" in out
    assert PolicyDocumentPage.objects.get().latest_revision.user.username == "editor"


def test_default_section_and_bad_section(section):
    assert find_section().pk == section.pk  # the county has none: the first center's
    with pytest.raises(ImportProblem, match="找不到网址名"):
        find_section("no-such-center")
    other = SectionPage.objects.exclude(kind="documents").first()
    with pytest.raises(ImportProblem, match="不是政策文件栏目"):
        find_section(str(other.pk))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("二〇一六年九月八日", date(2016, 9, 8)),
        ("二○一九年十月二十一日", date(2019, 10, 21)),
        ("二Ｏ一九年十二月三十一日", date(2019, 12, 31)),
        ("（二〇二〇年一月十日）", date(2020, 1, 10)),
        ("２０１６年９月８日", date(2016, 9, 8)),
        ("二〇一六年十十月八日", None),  # was 2016-10-08: a slip is not a date
        ("二〇一六年一二十月八日", None),
        ("二〇一六年二月三十日", None),
    ],
)
def test_dates_in_chinese_numerals(text, day):
    assert parse_date(text) == day
