"""From blocks of text to a policy document's metadata and body HTML (pure, no database).

Old documents arrive as Word files, scraped pages and text dumps; the shape
is the same (DOMAIN.md §5): disclosure header, title, 文号, 主送, cover notice
signed by the issuer with a date, numbered levels, 附件 list. What we can't
find becomes a warning, so the editor checks the draft before publishing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import cleaning as c
from . import titles
from .denoising import denoise
from .reading import Block, ReadLimits, read_document
from .structure import ARTICLE, CHAPTER, LEVEL1, LEVEL2, SECTION, render_body

HEADER_ZONE = 40  # disclosure headers sit above the text
DOC_TYPE_END = re.compile(
    r"(通知|意见|办法|规定|方案|决定|批复|报告|公告|通告|细则|规划|制度|函|纪要|条例|要点|指南|规则|"
    r"措施|标准|命令|议案|决议|请示|通报|实施意见|实施方案|》)$"
)
ATTACHMENTS = re.compile(r"^附\s*件\s*[:：]\s*(.*)$")
NUMBERED = re.compile(r"^\d{1,2}\s*[.．、]\s*(.+)$")
ITEM_SPLIT = re.compile(
    r"(?:^|(?<=[\s；;。，]))\d{1,2}\s*[.．、]\s*|(?<=[\u4e00-\u9fff》）)])\d{1,2}[.．、]"
)


@dataclass
class ExtractedDocument:
    filename: str
    title: str = ""
    document_number: str = ""
    organisations: list[str] = field(default_factory=list)
    written_date: date | None = None
    publish_date: date | None = None
    index_number: str = ""
    keywords: str = ""
    disclosure_mode: str = "active"
    addressees: str = ""
    attachments: list[str] = field(default_factory=list)
    body_html: str = ""
    text: str = ""
    text_hash: str = ""
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    title_confirmed: bool = True  # False: the best guess, marked 标题待确认 on the draft
    cover_title: str = ""  # the 印发通知 the title was introduced by
    noise: list[str] = field(default_factory=list)  # what was stripped, for the report
    injected: list[InjectedSpan] = field(default_factory=list)  # the scanner's, see importer


@dataclass(frozen=True)
class InjectedSpan:
    """A passage the injected-content scanner flags: the text, around it, and why."""

    text: str
    excerpt: str
    label: str
    reason: str


@dataclass
class _Line:
    text: str
    level: int = 0
    used: bool = False  # taken as metadata, not body


def extract(source: str | Sequence[Block | str], filename: str = "") -> ExtractedDocument:
    """Everything we can recognise in one document; `problems` non-empty means don't import."""
    doc = ExtractedDocument(filename=filename)
    header: dict[str, str] = {}
    blocks, doc.noise = denoise(_blocks(source))
    if doc.noise:
        doc.warnings.append("已清理干扰字符：" + "；".join(doc.noise) + "，请核对原件")
    lines = _clean(blocks, doc, header)
    if not lines and not header:
        doc.problems.append("文件中没有可用的文字（去除乱码、干扰字符和网页残留后为空）")
        return doc
    _read_header(lines, header, doc)
    _find_title(lines, header, doc)
    if not doc.title:
        doc.title, doc.title_confirmed = doc.filename.rsplit(".", 1)[0], False
    if not doc.title_confirmed:
        doc.warnings.insert(0, f"{titles.UNCONFIRMED}：未能确定标题，暂用“{doc.title}”，请核对")
    body = [line for line in lines if not line.used]
    _addressees(body, doc)
    _attachments(body, doc)
    _signature(body, doc, header)
    _keywords_footer(body, doc)
    body = [line for line in body if not line.used]
    doc.text = "\n".join(line.text for line in body)
    doc.text_hash = c.hash_text(doc.text)
    doc.body_html = render_body([line.text for line in body], doc.title)
    if not body:
        doc.warnings.append("未能识别正文")
    if doc.written_date is None:
        doc.warnings.append("未能识别成文日期")
    if not doc.organisations:
        doc.warnings.append("未能识别发布机构")
    return doc


def extract_file(path: str, limits: ReadLimits) -> ExtractedDocument:
    """Read and extract one file: what an import runs in a child under time and memory limits."""
    return extract(read_document(path, limits), Path(path).name)


def _blocks(source: str | Sequence[Block | str]) -> list[Block]:
    if isinstance(source, str):
        return [Block(line) for line in source.splitlines()]
    return [item if isinstance(item, Block) else Block(item) for item in source]


def _clean(blocks: list[Block], doc: ExtractedDocument, header: dict[str, str]) -> list[_Line]:
    """Chrome and mojibake out; table rows of a disclosure header straight into `header`."""
    lines, runs = [], 0
    for block in blocks:
        if block.cells:
            pairs = c.row_pairs(block.cells)
            if pairs:
                _note(header, pairs)
                continue
        text, removed = c.clean_line(block.text)
        runs += removed
        text = c.strip_chrome(text)
        if text:
            lines.append(_Line(text, block.level))
    if runs:
        doc.warnings.append(f"已删除乱码 {runs} 处（如“???”“锟斤拷”），文字可能缺失，请核对原件")
    return lines


def _note(header: dict[str, str], pairs: list[tuple[str, str]]) -> None:
    for key, value in pairs:
        if value and key not in header:
            header[key] = value


def _read_header(lines: list[_Line], header: dict[str, str], doc: ExtractedDocument) -> None:
    for line in lines[:HEADER_ZONE]:
        pairs = c.header_pairs(line.text)
        if pairs:
            _note(header, pairs)
            line.used = True
    doc.index_number = header.get("index_number", "")
    if header.get("document_number"):
        doc.document_number = c.normalise_doc_number(header["document_number"])
    doc.publish_date = c.parse_date(header.get("publish_date", ""))
    doc.written_date = c.parse_date(header.get("written_date", ""))
    doc.keywords = " ".join(header.get("keywords", "").replace("；", " ").split())
    mode = header.get("disclosure_mode", "")
    doc.disclosure_mode = "on-request" if "申请" in mode else "active"
    if "不予" in mode or "不公开" in mode:
        doc.warnings.append(f"原公开方式为“{mode}”，请确认能否公开")
    names = header.get("organisations", "")
    doc.organisations = [n for n in re.split(r"[、，,；;\s]+", names) if n]
    source = header.get("source", "")
    if not doc.organisations and source and c.ORG_SUFFIX.search(source):
        doc.organisations = [source]


def _title_like(text: str) -> bool:
    return (
        3 <= len(text) <= 100
        and not text.endswith(("。", "；", "，", "：", ":", "文件"))
        and not c.is_date_line(text)
        and not c.doc_number_line(text)
        and not _marker(text)
        and not ATTACHMENTS.match(text)
    )


def _marker(text: str) -> bool:
    return any(p.match(text) for p in (CHAPTER, SECTION, ARTICLE, LEVEL1, LEVEL2, NUMBERED))


def _find_title(lines: list[_Line], header: dict[str, str], doc: ExtractedDocument) -> None:
    """Set doc.title and the 文号 from its line; mark the lines that are not body as used."""
    number_at = -1
    for index, line in enumerate(lines[:HEADER_ZONE]):
        number = c.doc_number_line(line.text)
        if number and not line.used:
            number_at, line.used = index, True
            doc.document_number = doc.document_number or number
            break
    free = [(i, line) for i, line in enumerate(lines) if not line.used]
    index = _pick_title(free, number_at, header.get("title", ""))
    if index is None:
        wanted = " ".join(header.get("title", "").split())
        doc.title = wanted or _introduced_or_guessed(free, doc)
        return
    title = lines[index].text
    following = next((line for i, line in free if i > index), None)
    if (
        following
        and not DOC_TYPE_END.search(title)
        and _title_like(following.text)
        and DOC_TYPE_END.search(following.text)
        and len(following.text) <= 40
    ):
        title, following.used = title + following.text, True  # title over two lines
    doc.title = title
    _above_title([line for line in lines[:index] if not line.used], doc)
    lines[index].used = True
    after = next((line for i, line in free if i > index and not line.used), None)
    if after and c.is_date_line(after.text) and after.text.startswith(("(", "（")):
        doc.written_date = doc.written_date or c.parse_date(after.text)
        after.used = True
    introduced = titles.introduced_title(title)
    if introduced:  # the cover notice opens the body; the text it introduces names the page
        doc.cover_title, doc.title = title, _attached(free, index, introduced)
        lines[index].text, lines[index].used = title, False


def _attached(free: list[tuple[int, _Line]], after: int, introduced: str) -> str:
    """The introduced title as the attached text writes it (with （试行）, say)."""
    for i, line in free:
        if i > after and titles.same_title(line.text, introduced):
            return line.text.strip("《》")
    return introduced


def _introduced_or_guessed(free: list[tuple[int, _Line]], doc: ExtractedDocument) -> str:
    """No title line: the one a cover sentence introduces, else the best guess (unconfirmed)."""
    for _, line in free[:HEADER_ZONE]:
        introduced = titles.introduced_title(line.text)
        if introduced:
            return _attached(free, -1, introduced)
    index, guess = titles.guess_title([line.text for _, line in free])
    if index >= 0:
        free[index][1].used = True
    doc.title_confirmed = False
    return guess


def _above_title(above: list[_Line], doc: ExtractedDocument) -> None:
    """Above the title: a red-head issuer (kept as 发布机构) and leftovers go; sentences, a
    主送 line and a signature stay, for scraped notices that lost their own title."""
    for k, line in enumerate(above):
        text = line.text
        before = above[k - 1].text if k else ""
        after = above[k + 1].text if k + 1 < len(above) else ""
        signed = (c.is_org_line(text) and c.is_date_line(after)) or (
            c.is_date_line(text) and c.is_org_line(before)
        )
        if signed or "。" in text or text.endswith((":", "：")):
            continue
        if not doc.organisations and c.is_org_line(text.removesuffix("文件")):
            doc.organisations = text.removesuffix("文件").split()
        line.used = True


def _pick_title(free: list[tuple[int, _Line]], number_at: int, wanted: str) -> int | None:
    wanted = " ".join(wanted.split())
    if wanted:
        return next((i for i, line in free if line.text == wanted), None)
    headings = [
        (line.level, i) for i, line in free[:HEADER_ZONE] if line.level and not _marker(line.text)
    ]
    if headings:
        return min(headings)[1]
    if number_at >= 0:
        before = [(i, line) for i, line in free if i < number_at]
        after = [(i, line) for i, line in free if i > number_at]
        if before and _title_like(before[-1][1].text) and not c.is_org_line(before[-1][1].text):
            return before[-1][0]
        if after and _title_like(after[0][1].text):
            return after[0][0]
    for i, line in free[:15]:
        text = line.text
        wording = "关于" in text or DOC_TYPE_END.search(text)
        if wording and _title_like(text) and not c.header_pairs(text):
            return i
    return None


def _addressees(body: list[_Line], doc: ExtractedDocument) -> None:
    for line in body[:3]:
        text = line.text
        parts = re.split(r"[，,、；;]", text[:-1])
        if (
            text.endswith((":", "："))
            and len(text) <= 300
            and not re.search(r"[。《“]", text)
            and all(len(part) <= 25 for part in parts)
            and not ATTACHMENTS.match(text)
            and not _marker(text)
        ):
            doc.addressees, line.used = text[:-1].strip(), True
            return


def _attachments(body: list[_Line], doc: ExtractedDocument) -> None:
    """附件：1. … 2. …, on one line or one item a line; the page lists them itself."""
    for index, line in enumerate(body):
        found = ATTACHMENTS.match(line.text)
        if not found:
            continue
        line.used = True
        rest = found.group(1).strip()
        items = [item for item in ITEM_SPLIT.split(rest) if item.strip()] if rest else []
        for following in body[index + 1 :]:
            item = NUMBERED.match(following.text)
            if not item or len(following.text) > 80 or following.text.endswith("。"):
                break
            items.append(item.group(1))
            following.used = True
        doc.attachments = [item.strip(" ；;。，,") for item in items if item.strip(" ；;。，,")]
        return


def _signature(body: list[_Line], doc: ExtractedDocument, header: dict[str, str]) -> None:
    """Issuer lines and a date under the cover notice (or at the end): 成文日期 and 发布机构."""
    for index, line in enumerate(body):
        if not c.is_date_line(line.text) or index == 0:
            continue
        signers = []
        for above in reversed(body[max(0, index - 3) : index]):
            if not c.is_org_line(above.text):
                break
            signers = above.text.split() + signers
        if signers:
            doc.written_date = doc.written_date or c.parse_date(line.text)
            if not header.get("organisations"):
                doc.organisations = list(dict.fromkeys(signers))
            return
    if doc.written_date is None:
        dated = next((line for line in body if c.is_date_line(line.text)), None)
        doc.written_date = c.parse_date(dated.text) if dated else None


def _keywords_footer(body: list[_Line], doc: ExtractedDocument) -> None:
    """主题词 printed in the 版记 at the end of paper documents."""
    for line in body:
        pairs = c.header_pairs(line.text)
        if pairs and pairs[0][0] == "keywords":
            doc.keywords = doc.keywords or " ".join(pairs[0][1].split())
            line.used = True
