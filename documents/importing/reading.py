"""Reading a file into blocks of text, by its type, with one clear Chinese error if we can't.

Every failure is an ImportProblem, never a traceback: operators import folders
of files scraped from old sites, and one bad file must say what is wrong with it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from bs4 import BeautifulSoup, CData, NavigableString, Tag

from core.limits import ZipCaps, ZipRefused, check_zip
from core.text import encoding

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


DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,20})""", re.I
)


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


@dataclass(frozen=True)
class ReadLimits:
    """What one file may ask of the reader; resolved from settings in the parent process,
    since the child that reads the file has no settings of its own."""

    max_bytes: int = DEFAULT_MAX_BYTES
    zip: ZipCaps = field(default_factory=ZipCaps)

    @classmethod
    def from_settings(cls) -> ReadLimits:
        caps = getattr(settings, "DOCUMENT_IMPORT_ZIP_CAPS", None) or ZipCaps()
        return cls(max_bytes=max_bytes(), zip=caps)


def read_document(path: Path | str, limits: ReadLimits | None = None) -> list[Block]:
    """The file's paragraphs in order; ImportProblem for anything unreadable."""
    path = Path(path)
    limits = limits or ReadLimits.from_settings()
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
    limit = limits.max_bytes
    if size > limit:
        raise ImportProblem(
            f"文件太大（{size / 1048576:.1f} MB），超过导入上限 {limit / 1048576:.1f} MB"
        )
    if suffix == ".docx":
        blocks = _read_docx(path, limits.zip)
    else:
        reader = {".txt": _read_txt, ".pdf": _read_pdf}.get(suffix, _read_html)
        blocks = reader(path)
    blocks = [b for b in blocks if b.text.strip() or b.cells]
    if not blocks:
        raise ImportProblem("文件中没有可读取的文字")
    return blocks


# --- .docx ---------------------------------------------------------------------


def _read_docx(path: Path, caps: ZipCaps) -> list[Block]:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise ImportProblem(
            "文件设有密码（已加密）或是旧版 Word（.doc）文件，请在 Word 中取消密码并另存为 .docx"
        )
    if not zipfile.is_zipfile(path):
        raise ImportProblem("文件已损坏，不是有效的 Word（.docx）文件")
    try:
        check_zip(path, caps)  # before python-docx decompresses anything
    except ZipRefused as exc:
        raise ImportProblem(exc.message) from None
    # heavy: python-docx loads only to read a .docx
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
    except (ImportProblem, MemoryError):  # out of memory is the limit, not a broken file
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
    """UTF-8 (with or without BOM), GB18030/GBK or UTF-16 with a BOM (core.text.encoding)."""
    try:
        text, _codec = encoding.decode_text(data)
    except encoding.EncodingProblem as exc:
        raise ImportProblem(exc.message) from None
    return _checked(text)


def _checked(text: str) -> str:
    """Decoded bytes that are mostly control characters were never text."""
    sample = text[:8192]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    if sample and control / len(sample) > 0.02:
        raise ImportProblem("文件不是文本文件（可能是改了扩展名的二进制文件）")
    return text


# --- .html ---------------------------------------------------------------------


def _read_html(path: Path) -> list[Block]:
    data = path.read_bytes()
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportProblem("文件不是网页文件（可能是改了扩展名的二进制文件）")
    soup = BeautifulSoup(_html_markup(data), "lxml")
    return html_blocks(soup.body or soup)


def _html_markup(data: bytes) -> str | bytes:
    """The page decoded by the text policy (GB18030 for any GB-family charset: pages that
    declare gb2312 use GBK and GB18030 characters); other declared charsets go to bs4."""
    declared = DECLARED_CHARSET.search(data[:4096])
    charset = declared.group(1).decode("ascii").lower() if declared else ""
    if charset and charset not in encoding.GB_FAMILY and charset.replace("_", "-") != "utf-8":
        return data
    try:
        return encoding.decode_text(data)[0]
    except encoding.EncodingProblem:
        return data


@dataclass
class _Frame:
    """An open element during the walk; a <header> collects its output in its own list,
    kept only if an <h1> turns up inside (a site banner otherwise)."""

    children: object  # iterator over the element's contents
    parts: list
    newline_after: bool = False
    header: bool = False
    has_h1: bool = False


def html_blocks(root) -> list[Block]:
    """Paragraphs, headings and table rows of a parsed page, in one pass over the tree.

    Nothing is modified or re-walked (no decompose, insert or get_text per element),
    so the work is linear in the page, and the explicit stack takes any depth of
    nesting: site chrome is skipped, a table row gives its cells, a heading its text."""
    text_types = (NavigableString, CData)  # what get_text() yields: no comments, <rt>, …
    parts: list = []
    stack = [_Frame(iter(root.contents), parts)]
    while stack:
        frame = stack[-1]
        node = next(frame.children, None)
        if node is None:
            stack.pop()
            if frame.newline_after:
                frame.parts.append("\n")
            if stack:
                parent = stack[-1]
                parent.has_h1 = parent.has_h1 or frame.has_h1
                if frame.header and frame.has_h1:
                    parent.parts.extend(frame.parts)
            continue
        if isinstance(node, NavigableString):
            if type(node) in text_types:
                frame.parts.append(str(node))
            continue
        if not isinstance(node, Tag) or _is_chrome(node):
            continue
        name = node.name
        if name == "tr":
            cells = tuple(
                _text_of(td, text_types)
                for td in node.contents
                if isinstance(td, Tag) and td.name in ("td", "th") and not _is_chrome(td)
            )
            frame.parts.append(Block(" ".join(c for c in cells if c), cells=cells))
        elif re.fullmatch(r"h[1-6]", name):
            frame.parts.append(Block(_text_of(node, text_types), int(name[1])))
            frame.has_h1 = frame.has_h1 or name == "h1"
        else:
            block = name in BLOCK_TAGS
            if block:
                frame.parts.append("\n")
            header = name == "header"
            stack.append(_Frame(iter(node.contents), [] if header else frame.parts, block, header))
    return _assemble(parts)


def _is_chrome(tag) -> bool:
    """Navigation, scripts, share buttons, footers: by tag name, or by id or class."""
    if tag.name in CHROME_TAGS:
        return True
    marks = [tag.get("id") or "", *(tag.get("class") or [])]
    return any(CHROME_MARKERS.search(mark) for mark in marks if isinstance(mark, str) and mark)


def _text_of(tag, text_types: tuple[type, ...]) -> str:
    """The element's text with whitespace folded, without chrome inside it (iteratively)."""
    words: list[str] = []
    stack = [iter(tag.contents)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif isinstance(node, NavigableString):
            if type(node) in text_types:
                words.extend(node.split())
        elif isinstance(node, Tag) and not _is_chrome(node):
            stack.append(iter(node.contents))
    return " ".join(words)


def _assemble(parts: list) -> list[Block]:
    """Text runs split into lines; rows and headings stand on lines of their own."""
    blocks: list[Block] = []
    run: list[str] = []

    def flush() -> None:
        for line in "".join(run).splitlines():
            line = line.strip()
            if line:
                blocks.append(Block(line))
        run.clear()

    for part in parts:
        if isinstance(part, Block):
            flush()
            blocks.append(part)
        else:
            run.append(part)
    flush()
    return blocks


# --- .pdf ----------------------------------------------------------------------


def _read_pdf(path: Path) -> list[Block]:
    # heavy: pypdf loads only to read a PDF
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
