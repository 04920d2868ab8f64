"""Reading a file into blocks of text, by its type, with one clear Chinese error if we can't.

Every failure is an ImportProblem, never a traceback: operators import folders
of files scraped from old sites, and one bad file must say what is wrong with it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".docx", ".txt", ".html", ".htm", ".pdf")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .docx and old .doc files
CHROME_TAGS = ("script", "style", "nav", "footer", "noscript", "iframe", "form", "aside", "select")
CHROME_MARKERS = re.compile(
    r"breadcrumb|crumb|^nav|navbar|menu|footer|share|sidebar|toolbar|copyright|topbar|dqwz",
    re.IGNORECASE,
)
BLOCK_TAGS = (
    "p", "div", "section", "article", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "pre", "dd", "dt", "dl", "center", "tr", "table", "title",
)  # fmt: skip


class ImportProblem(Exception):
    """A file that can't be imported, with the reason in Chinese for the operator."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Block:
    """One paragraph; `level` 1–6 for a heading the source marked, `cells` for a table row."""

    text: str
    level: int = 0
    cells: tuple[str, ...] = ()


def max_bytes() -> int:
    return int(getattr(settings, "DOCUMENT_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def read_document(path: Path | str) -> list[Block]:
    """The file's paragraphs in order; ImportProblem for anything unreadable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ImportProblem(
            f"不支持的文件类型“{suffix or '无扩展名'}”，只能导入 docx、txt、html、pdf"
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportProblem(f"无法读取文件：{exc.strerror or exc}") from None
    if size == 0:
        raise ImportProblem("文件是空的")
    limit = max_bytes()
    if size > limit:
        raise ImportProblem(
            f"文件太大（{size / 1048576:.1f} MB），超过导入上限 {limit / 1048576:.1f} MB"
        )
    reader = {".docx": _read_docx, ".txt": _read_txt, ".pdf": _read_pdf}.get(suffix, _read_html)
    blocks = [b for b in reader(path) if b.text.strip() or b.cells]
    if not blocks:
        raise ImportProblem("文件中没有可读取的文字")
    return blocks


# --- .docx ---------------------------------------------------------------------


def _read_docx(path: Path) -> list[Block]:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise ImportProblem(
            "文件设有密码（已加密）或是旧版 Word（.doc）文件，请在 Word 中取消密码并另存为 .docx"
        )
    if not zipfile.is_zipfile(path):
        raise ImportProblem("文件已损坏，不是有效的 Word（.docx）文件")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
        names = {style.style_id: style.name or "" for style in document.styles}
        blocks = []
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                blocks.append(Block(item.text, _docx_level(item, names.get(item._p.style, ""))))
            elif isinstance(item, Table):
                blocks.extend(_docx_rows(item))
    except ImportProblem:
        raise
    except Exception:  # noqa: BLE001 — python-docx raises anything on a broken package
        raise ImportProblem("文件已损坏，不是有效的 Word（.docx）文件") from None
    return blocks


def _docx_level(paragraph, name: str) -> int:
    """Title / Heading N styles mark headings; so does a large font on every run.

    `name` comes from a map built once: paragraph.style searches all styles each time."""
    if name.lower() == "title":
        return 1
    match = re.match(r"heading\s*(\d)", name, re.IGNORECASE)
    if match:
        return min(int(match.group(1)) + 1, 6)
    sizes = [run.font.size.pt for run in paragraph.runs if run.font.size and run.text.strip()]
    if sizes and min(sizes) >= 20:  # 二号 (22 pt) titles typed by hand
        return 1
    return 0


def _docx_rows(table) -> list[Block]:
    rows = []
    for row in table.rows:
        cells = tuple(dict.fromkeys(cell.text.strip() for cell in row.cells))  # merged cells
        rows.append(Block(" ".join(c for c in cells if c), cells=cells))
    return rows


# --- .txt ----------------------------------------------------------------------


def _read_txt(path: Path) -> list[Block]:
    data = path.read_bytes()
    return [Block(line) for line in decode_text(data).splitlines()]


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), GB18030/GBK or whatever charset-normalizer finds."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"))
    if b"\x00" in data[:8192]:
        raise ImportProblem("文件不是文本文件（可能是改了扩展名的二进制文件）")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ImportProblem("无法识别文件的文字编码（不是 UTF-8、GBK 或 GB18030）")
    return _checked(str(best))


def _checked(text: str) -> str:
    """Decoded bytes that are mostly control characters were never text."""
    sample = text[:8192]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    if sample and control / len(sample) > 0.02:
        raise ImportProblem("文件不是文本文件（可能是改了扩展名的二进制文件）")
    return text


# --- .html ---------------------------------------------------------------------


def _read_html(path: Path) -> list[Block]:
    from bs4 import BeautifulSoup, NavigableString

    data = path.read_bytes()
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportProblem("文件不是网页文件（可能是改了扩展名的二进制文件）")
    soup = BeautifulSoup(data, "lxml")
    root = soup.body or soup
    for tag in root.find_all(CHROME_TAGS):
        tag.decompose()
    for tag in root.find_all("header"):  # site banner, unless it holds the article's title
        if tag.find("h1") is None:
            tag.decompose()
    for tag in root.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        marks = [tag.get("id") or "", *(tag.get("class") or [])]
        if any(CHROME_MARKERS.search(mark) for mark in marks if mark):
            tag.decompose()
    rows: dict[str, Block] = {}
    for number, tr in enumerate(root.find_all("tr")):
        cells = tuple(
            " ".join(td.get_text(" ").split()) for td in tr.find_all(["td", "th"], recursive=False)
        )
        key = f"\x01row{number}\x01"
        rows[key] = Block(" ".join(c for c in cells if c), cells=cells)
        tr.replace_with(NavigableString(f"\n{key}\n"))
    for tag in root.find_all(BLOCK_TAGS):
        level = int(tag.name[1]) if re.fullmatch(r"h[1-6]", tag.name) else 0
        if level:
            text = " ".join(tag.get_text(" ").split())
            tag.replace_with(NavigableString(f"\n\x02{level}{text}\n"))
        else:
            tag.insert_before(NavigableString("\n"))
            tag.insert_after(NavigableString("\n"))
    blocks = []
    for line in root.get_text().splitlines():
        line = line.strip()
        if line in rows:
            blocks.append(rows[line])
        elif line.startswith("\x02"):
            blocks.append(Block(line[2:], int(line[1])))
        elif line:
            blocks.append(Block(line))
    return blocks


# --- .pdf ----------------------------------------------------------------------


def _read_pdf(path: Path) -> list[Block]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportProblem("PDF 设有密码，请先取消密码")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ImportProblem:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        raise ImportProblem("文件已损坏，不是有效的 PDF 文件") from None
    if not "".join(pages).strip():
        raise ImportProblem("PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）或提供 Word 版")
    blocks = []
    for text in pages:
        blocks.extend(Block(line) for line in unwrap_lines(text.splitlines()))
    return blocks


def unwrap_lines(lines: list[str]) -> list[str]:
    """Join lines the PDF wrapped: a nearly full line not ending a sentence runs on."""
    lines = [line.rstrip() for line in lines if line.strip()]
    if not lines:
        return []
    full = max(len(line) for line in lines)
    merged: list[str] = []
    carry = False
    for line in lines:
        if carry and merged:
            merged[-1] += line.strip()
        else:
            merged.append(line.strip())
        carry = (
            len(line.strip()) >= full * 0.9
            and full >= 20
            and not line.endswith(("。", "：", ":", "；", "！", "？", "”"))
        )
    return merged
