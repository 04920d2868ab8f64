"""Policy documents printed in the national official-document format (GB/T 9704-2012).

Offices file and re-circulate documents on paper, so the PDF must look like
the real thing: A4, a 156 × 225 mm text block 37 mm from the top and 28 mm
from the binding edge, 22 lines of 28 characters in 16 pt, the title in
22 pt, "— N —" page numbers on the outside edge. The grid is computed here,
in millimetres, so that every line lands where the standard puts it.
The fonts are the official faces where installed, Noto CJK otherwise
(OFFICIAL_DOCUMENT_FONTS overrides them per role).
"""

from __future__ import annotations

import html as html_lib
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.template import engines
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe

import lxml.html

from printing.cache import cached_pdf, content_key
from printing.products import A4, Product
from printing.render import PrintError

DEFAULT_FONTS = {
    "title": '"方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "小标宋", '
    '"Noto Serif CJK SC"',
    "body": '"仿宋_GB2312", "仿宋", "FangSong_GB2312", "FangSong", "STFangsong", '
    '"Noto Serif CJK SC"',
    "heading1": '"黑体", "SimHei", "STHeiti", "Noto Sans CJK SC"',
    "heading2": '"楷体_GB2312", "楷体", "KaiTi_GB2312", "KaiTi", "STKaiti", "Noto Serif CJK SC"',
    "page_number": '"宋体", "SimSun", "Noto Serif CJK SC"',
}
# Noto has no 小标宋 or 黑体; its bold weight is the nearest look for those roles.
_BOLD_WHEN_NOTO = {"title", "heading1"}

PT_MM = 25.4 / 72
BLOCK_MM = (156.0, 225.0)
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 22, 14
# Rounded down so 22 lines and 28 characters always fit in the block; the
# letter spacing keeps 0.001 mm in hand for Pango's 1/1024 px rounding, or
# the 28th character wraps (the line is then 0.03 mm short of 156 mm).
PITCH_MM = int(BLOCK_MM[1] / LINES * 10**4) / 10**4
CHAR_MM = int(BLOCK_MM[0] / CHARS * 10**4) / 10**4
LETTER_SPACING_MM = CHAR_MM - BODY_PT * PT_MM - 0.001

_CSS_FAMILY = re.compile(r"[^\w\s\"',\-\u3000-\u9fff]")


def fonts() -> dict[str, str]:
    """Font-family lists per role, safe to put inside a <style> element."""
    configured = {**DEFAULT_FONTS, **getattr(settings, "OFFICIAL_DOCUMENT_FONTS", {})}
    return {role: _CSS_FAMILY.sub("", stack) for role, stack in configured.items()}


@lru_cache(maxsize=1)
def _installed_families() -> frozenset[str]:
    listing = subprocess.run(  # noqa: S603 - fixed arguments
        ["/usr/bin/fc-list", ":", "family"], capture_output=True, text=True, check=True
    ).stdout
    return frozenset(
        name.strip().lower() for line in listing.splitlines() for name in line.split(",")
    )


def font_weight(role: str, stack: str) -> int:
    """700 where the role falls back to Noto and needs weight, else the face's own 400."""
    if role not in _BOLD_WHEN_NOTO:
        return 400
    installed = _installed_families()
    for family in (f.strip().strip("\"'") for f in stack.split(",")):
        if family.lower() in installed:
            return 700 if family.lower().startswith("noto ") else 400
    return 400


# --- the editor's rich text, reduced to what the document format prints ----------

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "b", "strong", "ol", "ul", "li", "br"}
_DROPPED_WITH_CONTENT = {
    "script", "style", "template", "iframe", "object", "noscript", "svg", "math",
    "textarea", "select", "title", "head",
}  # fmt: skip


class _Sanitiser(HTMLParser):
    """Keeps the editor's structural tags without any attribute and every text as text.

    Links become their text and images disappear: print fetches nothing remote,
    and a URL on paper is text anyway.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping += 1
        elif not self.skipping and tag in ALLOWED_TAGS:
            if tag in ("p", "li") and self.open and self.open[-1] == tag:
                self.out.append(f"</{self.open.pop()}>")  # HTML's implied end tag
            self.out.append(f"<{tag}>")
            if tag != "br":
                self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        if not self.skipping and tag == "br":
            self.out.append("<br>")

    def handle_endtag(self, tag):
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        elif not self.skipping and tag in self.open:
            while self.open:
                closing = self.open.pop()
                self.out.append(f"</{closing}>")
                if closing == tag:
                    break

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(html_lib.escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{t}>" for t in reversed(self.open))


def sanitise_body(body: str) -> str:
    parser = _Sanitiser()
    parser.feed(body or "")
    return parser.result()


# --- the document -------------------------------------------------------------

TEMPLATE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ page.title }}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; padding-right: {{ g.char }}mm; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; padding-left: {{ g.char }}mm; } }
@page { @bottom-right { font: {{ g.page_number_pt }}pt/1 {{ f.page_number }};
  white-space: nowrap; vertical-align: top; padding-top: 3.9mm; }
  @bottom-left { font: {{ g.page_number_pt }}pt/1 {{ f.page_number }};
  white-space: nowrap; vertical-align: top; padding-top: 3.9mm; } }
html { font-family: {{ f.body }}; font-size: {{ g.body_pt }}pt; line-height: {{ g.pitch }}mm;
  letter-spacing: {{ g.letter }}mm; orphans: 1; widows: 1; color: #000; }
body { margin: 0; }
p, h1, h2, h3, h4, ol, ul, li, table, td { margin: 0; padding: 0; font-size: inherit;
  font-weight: 400; line-height: inherit; }
.number { text-align: center; }
h1 { font: {{ w.title }} {{ g.title_pt }}pt/{{ g.pitch }}mm {{ f.title }}; letter-spacing: 0;
  text-align: center; margin: {% if page.document_number %}{{ g.pitch }}mm{% else %}0{% endif %}
  0 {{ g.pitch }}mm; }
.body p, .body li, .body h2, .body h3, .body h4 { text-indent: {{ g.indent }}mm;
  text-align: justify; overflow-wrap: anywhere; }
.body h2 { font-family: {{ f.heading1 }}; font-weight: {{ w.heading1 }}; }
.body h3 { font-family: {{ f.heading2 }}; }
.body h2, .body h3, .body h4 { break-after: avoid; }
.body ol, .body ul { list-style-position: inside; }
.body ul { list-style: none; }
.attachments { margin: {{ g.pitch }}mm 0 0 {{ g.indent }}mm; }
.attachments table { width: 100%; border-collapse: collapse; }
.attachments td { vertical-align: top; white-space: nowrap; }
.attachments td.name { white-space: normal; width: 100%; }
.signature { margin-top: {{ g.pitch }}mm; text-align: right; padding-right: {{ g.indent }}mm;
  break-inside: avoid; }
/* §7.3.5: the 落款 never stands alone: the last paragraph, the attachments and
   the signature form one block that moves to the next page whole. */
.closing { break-inside: avoid; }
{{ extra_css }}
</style></head>
<body>
{% if page.document_number %}<p class="number">{{ page.document_number }}</p>{% endif %}
<h1>{{ page.title }}</h1>
{% if page.addressees %}<p class="addressees">{{ page.addressees }}</p>{% endif %}
<div class="body">{{ body|safe }}</div>
<div class="closing">
{% if closing_paragraph %}<div class="body">{{ closing_paragraph|safe }}</div>{% endif %}
{% if attachments %}<div class="attachments"><table>{% for a in attachments %}<tr>
<td>{% if forloop.first %}附件：{% endif %}</td>
{% if numbered %}<td>{{ forloop.counter }}.</td>{% endif %}<td class="name">{{ a.title }}</td>
</tr>{% endfor %}</table></div>{% endif %}
<div class="signature">{% for name in organisations %}<p>{{ name }}</p>{% endfor %}
{% if date %}<p>{{ date }}</p>{% endif %}</div></div>
</body></html>
"""


def _grid() -> dict:
    return {
        "pitch": f"{PITCH_MM:.4f}",
        "char": f"{CHAR_MM:.4f}",
        "indent": f"{2 * CHAR_MM:.4f}",
        "letter": f"{LETTER_SPACING_MM:.5f}",
        "body_pt": BODY_PT,
        "title_pt": TITLE_PT,
        "page_number_pt": PAGE_NUMBER_PT,
    }


def split_closing_paragraph(body: str) -> tuple[str, str]:
    """(the body without its last block, that block): the last block goes with the 落款.

    A body of one block keeps it: the closing block then holds only the
    signature, which still never starts a page alone (it follows the title).
    """
    blocks = lxml.html.fragments_fromstring(body) if body.strip() else []
    if len(blocks) < 2 or isinstance(blocks[0], str):
        return body, ""

    def serialise(element) -> str:
        return lxml.html.tostring(element, encoding="unicode")

    return "".join(serialise(b) for b in blocks[:-1]), serialise(blocks[-1])


def chinese_date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def official_document_html(page) -> str:
    """The page (live or a draft revision) as a GB/T 9704 document, ready for render_pdf."""
    body, closing = split_closing_paragraph(sanitise_body(page.body))
    return official_html(
        title=page.title,
        number=page.document_number,
        addressees=page.addressees,
        body_html=mark_safe(body),  # noqa: S308 - sanitised above
        closing_html=mark_safe(closing),  # noqa: S308 - sanitised above
        attachments=[a.title for a in page.attachments.all()],
        organisations=[o.name for o in page.organisations.all()],
        date=page.written_date or page.publish_date,
    )


def official_html(
    *,
    title: str,
    body_html: str,
    number: str = "",
    addressees: str = "",
    closing_html: str = "",
    attachments: list[str] | tuple[str, ...] = (),
    organisations: list[str] | tuple[str, ...] = (),
    date=None,
    extra_css: str = "",
) -> str:
    """Any text in the official-document format: a policy document, a reply letter
    (告知书), an annual report. `body_html` and `closing_html` are trusted markup
    (built by the caller from escaped parts); every other argument is text."""
    stacks = fonts()
    context = {
        "page": {"title": title, "document_number": number, "addressees": addressees},
        "g": _grid(),
        "f": {role: mark_safe(stack) for role, stack in stacks.items()},  # noqa: S308
        "w": {role: font_weight(role, stack) for role, stack in stacks.items()},
        "body": body_html,
        "closing_paragraph": closing_html,
        "attachments": [{"title": a} for a in attachments],
        "numbered": len(attachments) > 1,
        "organisations": list(organisations),
        "date": chinese_date(date),
        "extra_css": mark_safe(extra_css),  # noqa: S308 - the caller's constant stylesheet
    }
    return engines["django"].from_string(TEMPLATE).render(context)


def official_document_pdf(page) -> bytes:
    return cached_pdf(official_document_html(page))[0]


_UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def pdf_filename(page) -> str:
    stem = _UNSAFE_IN_FILENAME.sub("", page.title or "").strip()[:80]
    return f"{stem or f'official-document-{page.pk}'}.pdf"


def official_document_response(request, page, *, public: bool) -> HttpResponse:
    return official_pdf_response(
        request, official_document_html(page), pdf_filename(page), public=public
    )


def official_pdf_response(request, html: str, filename: str, *, public: bool) -> HttpResponse:
    """Any official-format HTML as a PDF over HTTP: unchanged, it answers 304 or comes
    from the cache."""
    etag = f'"{content_key(html)}"'
    cache_control = "public, max-age=600" if public else "private, no-cache"
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        try:
            pdf, _cached = cached_pdf(html)
        except PrintError as exc:
            return HttpResponse(exc.message, status=422, content_type="text/plain; charset=utf-8")
        response = HttpResponse(pdf, content_type="application/pdf")
        stem = _UNSAFE_IN_FILENAME.sub("", filename).strip()
        response["Content-Disposition"] = content_disposition_header(False, stem or "document.pdf")
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


@dataclass(frozen=True)
class OfficialDocument(Product):
    """A Product whose HTML comes from the page itself rather than a template file."""

    def html(self) -> str:
        return official_document_html(self.context["page"])


def official_document(page) -> Product:
    return OfficialDocument(
        key=f"official-document-{page.pk}",
        title=f"标准格式公文（GB/T 9704，A4）· {page.title}",
        width_mm=A4[0],
        height_mm=A4[1],
        template="",
        context={"page": page},
    )
