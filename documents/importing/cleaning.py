"""Line-level text rules for scraped documents: site chrome, mojibake, dates, 文号, header keys.

Pure functions; extraction.py applies them to a whole document. Old county sites
mix full- and half-width punctuation, so every pattern accepts both.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from core.text import fold_width, half_width
from core.text.numerals import parse_int

DIGITS = "0123456789"  # full-width digits fold; other full-width characters stay
# A year typed with the letter O for 〇 (二Ｏ一六) is still a year.
LETTER_ZEROS = str.maketrans({"Ｏ": "〇", "O": "〇"})

DATE = r"((?:19|20)\d{2})\s*[年\-/.．]\s*(\d{1,2})\s*[月\-/.．]\s*(\d{1,2})\s*日?"
CN_DATE = (
    r"([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
    r"\s*([一二三四五六七八九十]{1,3})\s*日"
)
DATE_LINE = re.compile(rf"^[（(]?\s*(?:{DATE}|{CN_DATE})\s*[）)]?$")
DOC_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,16}?)\s*[〔\[［(（【]\s*(?P<year>(?:19|20)\d{2})\s*"
    r"[〕\]］)）】]\s*第?\s*(?P<num>\d{1,5})\s*号"
)
ORG_SUFFIX = re.compile(
    r"(人民政府|政府|办公室|办公厅|委员会|局|厅|部|委|办|中心|院|所|站|公司|协会|联合会|"
    r"办事处|党委|县委|镇|乡|街道)$"
)
SENTENCE_PUNCTUATION = re.compile(r"[。，,；;！!？?、“”]")

# Keys of the disclosure header old sites print above a document, by the field they fill.
HEADER_KEYS = {
    "index_number": ("索引号", "索取号"),
    "organisations": ("发布机构", "发布单位", "发文机关", "发文单位", "发文机构", "制发机关"),
    "source": ("信息来源", "来源"),
    "publish_date": ("发布时间", "发布日期", "公开日期", "发文日期"),
    "written_date": ("成文日期", "成文时间", "生成日期"),
    "document_number": ("发文字号", "文号"),
    "keywords": ("主题词", "关键词", "关键字"),
    "disclosure_mode": ("公开方式",),
    "title": ("标题", "文件名称", "信息名称", "名称"),
    "ignored": (
        "公开时限", "公开范围", "主题分类", "体裁分类", "组配分类", "服务对象", "有效性",
        "效力状态", "信息类别", "所属主题", "目录名称", "信息分类", "分类", "作者", "责任编辑",
    ),
}  # fmt: skip
KEY_FIELD = {key: field for field, keys in HEADER_KEYS.items() for key in keys}
_KEYS = "|".join(r"\s*".join(key) for key in sorted(KEY_FIELD, key=len, reverse=True))
HEADER_KEY = re.compile(rf"(?P<key>{_KEYS})\s*[:：]")

MOJIBAKE = re.compile(
    r"(?:锟斤拷)+|(?:烫){2,}|(?:屯){3,}|\ufffd+|\?{2,}|？{3,}|(?<=[\u4e00-\u9fff])\?(?=[\u4e00-\u9fff])"
)
BREADCRUMB = re.compile(r"^(您|你)?(当前|现在)?(所在)?的?位置\s*[:：]|首页\s*[>＞»›→]|^首页\s*$")
WHOLE_LINE_CHROME = re.compile(
    r"^(分享到|扫一扫|微信扫一扫|上一篇|下一篇|相关链接|【?相关文章)|^[-—－–]\s*\d+\s*[-—－–]$|"
    r"^第\s*\d+\s*页(\s*/?\s*共\s*\d+\s*页)?$"
)
CHROME_SEGMENTS = re.compile(
    r"(访问量|浏览次数|阅读次数|点击数|点击量|浏览量|访问次数|阅读量|点击率)\s*[:：]\s*\d*\s*次?|"
    r"[【\[]?\s*字体(大小)?\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?"
    r"\s*[【\[]?\s*小\s*[】\]]?\s*[】\]]?|"
    r"[【\[]\s*(打印(本页|此页|文章|本文)?|关闭(窗口|本页)?|返回(顶部)?|收藏|纠错|分享|我要纠错)\s*[】\]]"
)
CHROME_TOKENS = re.compile(
    r"打印本页|打印此页|打印文章|关闭窗口|关闭本页|返回顶部|加入收藏|收藏本页|我要纠错|"
    r"打印|关闭|返回|收藏|[\s|｜/【】\[\]·]"
)


def clean_line(text: str) -> tuple[str, int]:
    """Whitespace normalised, mojibake removed; returns the line and how many runs went."""
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    text = re.sub(r"[\u200b-\u200f\ufeff]", "", text)
    text, runs = MOJIBAKE.subn("", text)
    return " ".join(text.split()), runs


def strip_chrome(text: str) -> str:
    """The line without site chrome; "" when the line was nothing but chrome."""
    if BREADCRUMB.search(text) or WHOLE_LINE_CHROME.search(text):
        return ""
    text = CHROME_SEGMENTS.sub(" ", text)
    if not CHROME_TOKENS.sub("", text):
        return ""
    return " ".join(text.split())


def parse_date(text: str) -> date | None:
    """The first date written in `text`: 2016年9月8日, 2016-09-08, 二〇一六年九月八日."""
    text = half_width(text, DIGITS)
    found = re.search(DATE, text)
    if found:
        parts = [int(part) for part in found.groups()]
    else:
        found = re.search(CN_DATE, text)
        if not found:
            return None
        year, month, day = found.groups()
        parts = [parse_int(year.translate(LETTER_ZEROS), digits=True)]
        parts += [parse_int(month), parse_int(day)]
    if None in parts:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


def is_date_line(text: str) -> bool:
    return bool(DATE_LINE.match(half_width(text, DIGITS)))


def normalise_doc_number(text: str) -> str:
    """文号 in the official form 青府办发〔2016〕28号; other text comes back stripped."""
    text = half_width(text, DIGITS).strip()
    found = DOC_NUMBER.search(text)
    if not found:
        return text
    return f"{found['prefix']}〔{found['year']}〕{int(found['num'])}号"


def doc_number_line(text: str) -> str:
    """The 文号 when the line is one (maybe after the issuer, or before 签发人), else ""."""
    if len(text) > 60:
        return ""
    plain = half_width(text, DIGITS)
    found = DOC_NUMBER.search(plain)
    if not found:
        return ""
    before, after = plain[: found.start()], plain[found.end() :].strip()
    if before and not before.endswith(" "):
        return ""
    if after and not after.startswith("签发人"):
        return ""
    return normalise_doc_number(found.group(0))


def header_pairs(text: str) -> list[tuple[str, str]]:
    """(field, value) pairs when the line is a "key：value …" header line, else []."""
    keys = list(HEADER_KEY.finditer(text))
    if not keys or keys[0].start() != 0:
        return []
    pairs = []
    for found, following in zip(keys, [*keys[1:], None], strict=True):
        end = following.start() if following else len(text)
        key = re.sub(r"\s", "", found["key"])
        pairs.append((KEY_FIELD[key], text[found.end() : end].strip()))
    return pairs


def row_pairs(cells: tuple[str, ...]) -> list[tuple[str, str]]:
    """Header pairs from a table row: "key | value" cells, or "key：value" cells."""
    pairs: list[tuple[str, str]] = []
    index = 0
    while index < len(cells):
        cell = cells[index].strip()
        key = re.sub(r"[\s:：]", "", cell)
        if key in KEY_FIELD and (cell == key or cell.endswith((":", "："))):
            value = cells[index + 1].strip() if index + 1 < len(cells) else ""
            pairs.append((KEY_FIELD[key], value))
            index += 2
            continue
        pairs.extend(header_pairs(cell))
        index += 1
    return pairs


def is_org_line(text: str) -> bool:
    """A short line of one or more issuer names, as signed under a notice."""
    if not text or len(text) > 60 or SENTENCE_PUNCTUATION.search(text) or "关于" in text:
        return False
    return all(ORG_SUFFIX.search(part) for part in text.split())


def hash_text(text: str) -> str:
    """The same document scraped from two sites hashes alike: NFKC, no whitespace."""
    plain = re.sub(r"\s", "", fold_width(text))
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()
