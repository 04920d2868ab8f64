"""Importers against crafted files: each gets one clear Chinese message, the batch goes on.

Every crafted file is generated here and is small on disk (zip bombs are deflated
zeros or spaces); limits that would take long by default are set small in settings.
"""

import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from django.core.management import CommandError, call_command

import openpyxl
import pytest

from core.limits import Sandbox
from core.text import segmenter
from documents.importing.importer import READER_MODULES, import_paths, reader_limits
from documents.models import PolicyDocumentPage
from pages.models import SectionPage
from pages.services.catalogue_io import CatalogueError, read_table

GOOD_TITLE = "关于青石县便民服务的通知"
ROOT = Path(__file__).resolve().parents[2]


def write_txt(path, title=GOOD_TITLE, number="青民发〔2022〕9号"):
    path.write_text(
        f"{title}\n{number}\n各乡镇人民政府：\n为方便群众办事，特制定《{title}》。\n"
        f"青石县民政局\n2022年5月6日\n",
        encoding="utf-8",
    )
    return path


def write_big5(path):
    """A Traditional-Chinese notice as old Taiwanese and Hong Kong tools save it."""
    path.write_bytes(
        "臺灣省政府關於加強便民服務中心管理的通知\n各鄉鎮公所：\n"
        "為方便民眾辦理各項業務，現就有關事項通知如下。\n縣政府辦公室\n2021年3月15日\n".encode(
            "big5"
        )
    )
    return path


def write_nested_html(path, depth):
    """A scraped page whose body sits under `depth` nested <div>s (2 MB at 190,000)."""
    path.write_text(
        f"<html><body><h1>{GOOD_TITLE}（嵌套）</h1>"
        + "<div>" * depth
        + "<p>为方便群众办事，特制定本办法。</p>"
        + "</div>" * depth
        + "<p>青石县民政局</p></body></html>",
        encoding="utf-8",
    )
    return path


def write_zip_bomb(path, valid: bytes, member: str, megabytes: int, filler=b"\0"):
    """`valid` (a real .docx/.xlsx) with `member` replaced by many MB of deflated filler,
    spliced inside the XML where a parser would have to read through it."""
    with (
        zipfile.ZipFile(io.BytesIO(valid)) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename != member:
                bomb.writestr(info, data)
                continue
            cut = data.index(b">", data.index(b"<", 1)) + 1  # after the root's start tag
            with bomb.open(member, "w", force_zip64=True) as out:
                out.write(data[:cut])
                chunk = filler * 2**20
                for _ in range(megabytes):
                    out.write(chunk)
                out.write(data[cut:])
    return path


def docx_bytes():
    import docx

    document = docx.Document()
    document.add_paragraph("关于青石县压缩炸弹的通知", style="Title")
    document.add_paragraph("正文。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def section(tree):
    return SectionPage.objects.child_of(tree["center"]).get(kind="documents")


def outcomes_by_name(report):
    return {o.path.name: o for o in report.outcomes}


# --- documents: one batch with every crafted file ----------------------------------


def test_crafted_documents_each_get_one_clear_message_and_the_good_files_import(tmp_path, section):
    folder = tmp_path / "batch"
    folder.mkdir()
    write_txt(folder / "a-good.txt")
    write_zip_bomb(folder / "b-bomb.docx", docx_bytes(), "word/document.xml", 200, b" ")
    write_big5(folder / "c-big5.txt")
    write_nested_html(folder / "d-nested.html", 190_000)
    (folder / "e-passwd.txt").symlink_to("/etc/passwd")
    (folder / "f-loop").symlink_to(folder, target_is_directory=True)
    outside = write_txt(tmp_path / "outside.txt", "关于青石县外部文件的通知", "青民发〔2022〕8号")
    (folder / "g-outside.txt").symlink_to(outside)

    started = time.monotonic()
    report = import_paths([folder], section)
    seconds = time.monotonic() - started

    found = outcomes_by_name(report)
    assert sorted(found) == [
        "a-good.txt", "b-bomb.docx", "c-big5.txt", "d-nested.html", "e-passwd.txt", "f-loop",
        "g-outside.txt",
    ]  # fmt: skip
    assert found["a-good.txt"].status == "created"
    assert found["d-nested.html"].status == "created"
    assert found["d-nested.html"].title == f"{GOOD_TITLE}（嵌套）"
    expected = {
        "b-bomb.docx": "压缩炸弹",
        "c-big5.txt": "Big5 编码",
        "e-passwd.txt": "所选文件夹以外的符号链接",
        "f-loop": "指向文件夹的符号链接",
        "g-outside.txt": "所选文件夹以外的符号链接",
    }
    for name, words in expected.items():
        assert found[name].status == "failed", name
        assert len(found[name].problems) == 1 and words in found[name].problems[0], name
    assert "未能识别标题" not in found["c-big5.txt"].problems[0]
    assert PolicyDocumentPage.objects.count() == 2
    assert not PolicyDocumentPage.objects.filter(title__contains="外部文件").exists()
    assert seconds < 60  # a 2 MB nested page no longer takes minutes


def test_a_reader_child_loads_the_dictionary_before_any_files_clock_starts():
    """The noise detector's dictionary takes a second to load: on a busy machine that
    second, counted against the file after a restarted child, failed a small file."""
    with Sandbox(reader_limits(), preload=READER_MODULES) as sandbox:
        # Asked in the child, before any job has used the segmenter.
        assert sandbox.run(segmenter.is_loaded)


def test_a_file_over_the_time_limit_fails_alone(tmp_path, section, settings):
    settings.DOCUMENT_IMPORT_TIMEOUT_SECONDS = 0.5
    write_txt(tmp_path / "a.txt", "关于青石县甲事项的通知", "青民发〔2022〕1号")
    write_nested_html(tmp_path / "b-slow.html", 190_000)  # seconds to parse: over 0.5 s
    write_txt(tmp_path / "c.txt", "关于青石县乙事项的通知", "青民发〔2022〕2号")

    report = import_paths([tmp_path], section)

    found = outcomes_by_name(report)
    assert [found[n].status for n in ("a.txt", "b-slow.html", "c.txt")] == [
        "created",
        "failed",
        "created",
    ]
    assert found["b-slow.html"].problems == [
        "读取该文件时超过时间限制（0.5 秒），已停止处理：文件过大或结构异常，其余文件照常导入"
    ]


def test_a_file_over_the_memory_limit_fails_alone(tmp_path, section, settings):
    from core.limits import ZipCaps

    # Zip checks off, so only the child's address-space limit stands in the way.
    settings.DOCUMENT_IMPORT_ZIP_CAPS = ZipCaps(member_bytes=2**40, total_bytes=2**40, ratio=10**9)
    settings.DOCUMENT_IMPORT_MEMORY_MB = 200
    write_txt(tmp_path / "a.txt", "关于青石县甲事项的通知", "青民发〔2022〕1号")
    write_zip_bomb(tmp_path / "b-bomb.docx", docx_bytes(), "word/document.xml", 400, b" ")
    write_txt(tmp_path / "c.txt", "关于青石县乙事项的通知", "青民发〔2022〕2号")

    report = import_paths([tmp_path], section)

    found = outcomes_by_name(report)
    assert [found[n].status for n in ("a.txt", "b-bomb.docx", "c.txt")] == [
        "created",
        "failed",
        "created",
    ]
    assert found["b-bomb.docx"].problems == [
        "读取该文件时超过内存限制（200 MB），已停止处理：文件过大或结构异常，其余文件照常导入"
    ]


def test_the_command_prints_each_file_as_it_finishes(tmp_path, section, capsys):
    write_txt(tmp_path / "a.txt")
    write_big5(tmp_path / "b.txt")
    with pytest.raises(CommandError):
        call_command("import_documents", str(tmp_path), "--section", str(section.pk))
    out = capsys.readouterr().out
    assert "[1/2] [created]" in out and "a.txt" in out
    assert "[2/2] [failed]" in out and "Big5" in out


# --- the catalogue -------------------------------------------------------------------

HEADERS = ["事项编码", "事项名称", "承诺时限"]


def test_xlsx_with_one_cell_at_xfd1048576_is_refused_naming_the_limits(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(["QS-001", "居民身份证申领", "即办"])
    sheet["XFD1048576"] = "x"
    path = tmp_path / "far.xlsx"
    workbook.save(path)
    assert path.stat().st_size < 10_000

    with pytest.raises(CatalogueError) as caught:
        read_table(path)
    message = str(caught.value)
    assert "最多 20000 行、100 列" in message and "第 1048576 行" in message


def test_a_far_column_is_refused_and_empty_far_cells_are_ignored(tmp_path, settings):
    settings.CATALOGUE_IMPORT_MAX_COLUMNS = 30
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(["QS-001", "居民身份证申领", "即办"])
    sheet["AZ5000"].number_format = "0.00"  # formatted, empty: not content
    path = tmp_path / "formatted.xlsx"
    workbook.save(path)
    assert [cells[:2] for _, cells in read_table(path).rows] == [["QS-001", "居民身份证申领"]]

    sheet["XFD2"] = "远处的内容"
    workbook.save(path)
    with pytest.raises(CatalogueError, match="第 2 行第 16384 列有内容"):
        read_table(path)


def test_zip_bomb_xlsx_is_refused_before_parsing(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADERS)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = write_zip_bomb(
        tmp_path / "bomb.xlsx", buffer.getvalue(), "xl/worksheets/sheet1.xml", 300, b" "
    )
    assert path.stat().st_size < 2_000_000

    with pytest.raises(CatalogueError, match="压缩炸弹"):
        read_table(path)


def write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(HEADERS) + "\n")
        for n in range(rows):
            handle.write(f"QS-{n:06d},便民服务事项{n},{n % 20}个工作日\n")
    return path


def peak_rss_of_reading(path: Path, max_rows: int) -> tuple[int, int, str]:
    """Read `path` as a catalogue in a fresh Python: (baseline KB, peak KB, outcome)."""
    code = f"""
import resource, django
django.setup()
from django.conf import settings
settings.CATALOGUE_IMPORT_MAX_ROWS = {max_rows}
from pages.services.catalogue_io import CatalogueError, read_table
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    outcome = f"rows={{len(read_table({str(path)!r}).rows)}}"
except CatalogueError as exc:
    outcome = str(exc)
print(base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, outcome, sep="\\n")
"""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    base, peak, outcome = done.stdout.strip().split("\n", 2)
    return int(base), int(peak), outcome


def test_a_100k_row_csv_is_refused_at_the_row_cap_in_bounded_memory(tmp_path):
    path = write_csv(tmp_path / "huge.csv", 100_000)

    base, peak, outcome = peak_rss_of_reading(path, 20000)

    assert "最多 20000 行" in outcome and "第 20002 行有内容" in outcome
    assert peak - base < 60 * 1024, f"reading took {(peak - base) // 1024} MB"


def test_the_100k_row_csv_dry_run_command_gives_the_row_cap_message(tmp_path, tree):
    path = write_csv(tmp_path / "huge.csv", 100_000)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(CommandError, match="最多 20000 行"):
        call_command("import_catalogue", str(path), "--center", tree["center"].slug, "--dry-run")
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown < 100 * 1024, f"the dry run grew this process by {grown // 1024} MB"


def test_a_big5_csv_gets_an_encoding_message(tmp_path):
    path = tmp_path / "big5.csv"
    path.write_bytes(("事項編碼,事項名稱\nQS-001,居民身份證申領\n" * 20).encode("big5"))
    with pytest.raises(CatalogueError, match="文字编码"):
        read_table(path)
