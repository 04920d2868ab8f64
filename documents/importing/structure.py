"""Body text to the rich text the editor allows: the numbered levels of an official document.

第一章 and 一、 become headings, (一) and 第一条 keep their lead-in in bold, 1. and (1)
stay paragraphs; every piece of text is escaped, since scraped text may hold markup.
"""

import re
from html import escape

CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇]+章")
SECTION = re.compile(r"^第[一二三四五六七八九十百零〇]+节")
ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇]+条")
LEVEL1 = re.compile(r"^[一二三四五六七八九十]+[、.．]")
LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def render_body(body: list[str], title: str) -> str:
    """Rich text the editor allows: 章 / 一、 as headings, (一) and 第一条 lead-ins in bold."""
    inner = re.search(r"《(.+)》", title)
    attached = inner.group(1) if inner else title
    chapters = any(CHAPTER.match(text) for text in body)
    parts = []
    for text in body:
        if attached and text == attached:
            parts.append(f"<h2>{escape(text)}</h2>")
        elif CHAPTER.match(text):
            parts.append(_heading_or_lead(text, 2))
        elif SECTION.match(text):
            parts.append(_heading_or_lead(text, 3))
        elif LEVEL1.match(text):
            parts.append(_heading_or_lead(text, 3 if chapters else 2))
        elif LEVEL2.match(text):
            parts.append(_heading_or_lead(text, 4 if chapters else 3))
        elif ARTICLE.match(text):
            marker = ARTICLE.match(text).group(0)
            rest = text[len(marker) :]
            parts.append(f"<p><strong>{escape(marker)}</strong>{escape(rest)}</p>")
        else:
            parts.append(f"<p>{escape(text)}</p>")
    return "".join(parts)


def _heading_or_lead(text: str, level: int) -> str:
    """A short line is a heading; a long one keeps its lead-in sentence bold."""
    stop = text.find("。")
    if len(text) <= 30 and (stop == -1 or stop == len(text) - 1):
        return f"<h{level}>{escape(text)}</h{level}>"
    if 0 < stop <= 40:
        return f"<p><strong>{escape(text[: stop + 1])}</strong>{escape(text[stop + 1 :])}</p>"
    return f"<p>{escape(text)}</p>"
