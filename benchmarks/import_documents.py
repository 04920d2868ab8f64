"""Policy document import speed: 1,000 varied old documents (txt / html / docx) as drafts.

Target: the whole batch (read, extract, check duplicates, create drafts with a
revision each) in under 60 s on the 2-core development machine, on a
throwaway SQLite database (or DATABASE_URL).

    .venv/bin/python benchmarks/import_documents.py [--files 1000]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

TARGET_SECONDS = 60
ISSUERS = [
    ("青石县人民政府办公室", "青府办发"),
    ("青石县民政局", "青民发"),
    ("青石县财政局", "青财发"),
]
TOPICS = ["便民服务", "社会救助", "农村公路养护", "防汛抗旱", "乡村医疗", "村级事务公开"]
KINDS = ["通知", "实施意见", "管理办法", "工作方案"]


def paragraphs(n: int) -> tuple[str, list[str]]:
    """A fictional Qingshi county document, different for every n."""
    issuer, short = ISSUERS[n % len(ISSUERS)]
    topic, kind = TOPICS[n % len(TOPICS)], KINDS[n % len(KINDS)]
    year = 2008 + n % 15
    number = [f"{short}〔{year}〕{n}号", f"{short}[{year}]{n}号", f"{short}({year}){n}号"][n % 3]
    lines = [
        f"{issuer}关于加强{topic}工作的{kind}（第{n}号批次）",
        number,
        "各乡镇人民政府，县直各部门：",
        f"为做好第{n}批{topic}工作，经县人民政府同意，现就有关事项通知如下。",
        "附件：1. 工作任务分解表 2. 联系人名单",
        issuer,
        f"{year}年{n % 12 + 1}月{n % 28 + 1}日",
    ]
    for chapter in range(1, 4):
        lines.append(f"{'一二三'[chapter - 1]}、第{chapter}项重点任务")
        lines.append(f"（一）明确责任。各乡镇要把{topic}纳入年度考核，编号{n}-{chapter}。")
        lines.extend(f"{k}. 第{k}项具体措施，落实到村组和责任人。" for k in range(1, 6))
    return number, lines


def write_file(folder: Path, n: int) -> None:
    number, lines = paragraphs(n)
    kind = n % 3
    if kind == 0:
        encoding = "gbk" if n % 2 else "utf-8"
        (folder / f"doc{n:04d}.txt").write_bytes("\n".join(lines).encode(encoding))
    elif kind == 1:
        header = (
            f"<table><tr><td>索引号：</td><td>QSBM/{2008 + n % 15}-{n:05d}</td>"
            f"<td>文号：</td><td>{number}</td></tr></table>"
        )
        body = "".join(f"<p>{line}</p>" for line in lines[1:])
        html = (
            '<html><head><meta charset="utf-8"><script>var a=1;</script></head><body>'
            '<div class="location">您当前的位置：首页 &gt; 政策文件</div>'
            f"{header}<h1>{lines[0]}</h1><div>字体大小：大 中 小 浏览次数：{n}</div>"
            f"{body}<div class='share'>分享到：微信</div></body></html>"
        )
        (folder / f"doc{n:04d}.html").write_text(html, encoding="utf-8")
    else:
        import docx

        document = docx.Document()
        document.add_paragraph(lines[0], style="Title")
        for line in lines[1:]:
            document.add_paragraph(line)
        document.save(folder / f"doc{n:04d}.docx")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="documents to generate")
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from documents.importing.importer import import_paths
        from documents.models import PolicyDocumentPage
        from pages.models import SectionPage
        from tests.factories import make_site_tree

        center = make_site_tree()["center"]
        section = SectionPage.objects.child_of(center).get(kind="documents")
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            start = time.perf_counter()
            for n in range(args.files):
                write_file(folder, n)
            generate = time.perf_counter() - start

            start = time.perf_counter()
            report = import_paths([folder], section)
            seconds = time.perf_counter() - start

            start = time.perf_counter()
            again = import_paths([folder], section, dry_run=True)
            recheck = time.perf_counter() - start

        created = len(report.with_status("created"))
        drafts = PolicyDocumentPage.objects.filter(live=False).count()
        duplicates = len(again.with_status("duplicate"))
        ok = created == args.files == drafts == duplicates and not report.failed
        print(f"generated {args.files} documents (txt/html/docx) in {generate:.1f} s")
        print(
            f"import:   {seconds:6.1f} s  {args.files / seconds:6.1f} files/s  "
            f"({created} created as drafts, {len(report.failed)} failed)"
        )
        for outcome in report.failed[:5]:
            print(f"  failed: {outcome.path.name}: {'；'.join(outcome.problems)}")
        print(
            f"re-check: {recheck:6.1f} s  {args.files / recheck:6.1f} files/s  "
            f"(dry run, {duplicates} recognised as duplicates)"
        )
        met = seconds < TARGET_SECONDS and ok
        print(
            f"target: import of {args.files} documents < {TARGET_SECONDS} s — "
            + ("met" if met else "MISSED" if ok else "MISSED (wrong result)")
        )
        return 0 if met else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
