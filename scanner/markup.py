"""HTML side of the scanner: block-aware plain text, links, and content hidden
from readers (which is there for search engines, i.e. SEO spam)."""

from __future__ import annotations

import re
from typing import NamedTuple

from bs4 import BeautifulSoup, Tag


def _words(text: str) -> frozenset[str]:
    """A set written as one string, for long word lists."""
    return frozenset(text.split())


BLOCK_TAGS = _words(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article blockquote pre "
    "header footer dt dd hr"
)
_NAMED_COLOURS = {"white": "#ffffff", "black": "#000000", "transparent": "transparent"}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


class Hidden(NamedTuple):
    text: str
    href: str
    how: str
    snippet: str


class Link(NamedTuple):
    text: str
    href: str


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html or "", "html.parser")


def html_text(html: str) -> str:
    """Plain text with a line break per block, inline runs joined ("<b>亚</b>博" → "亚博")."""
    soup = parse(html)
    for tag in soup.find_all(["script", "style", "template"]):
        tag.decompose()
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (line.strip() for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line)


def links(soup: BeautifulSoup) -> list[Link]:
    return [
        Link(a.get_text(" ", strip=True), a["href"].strip())
        for a in soup.find_all("a", href=True)
        if a["href"].strip()
    ]


def _declarations(style: str) -> dict[str, str]:
    result = {}
    for part in style.split(";"):
        name, sep, value = part.partition(":")
        if sep:
            result[name.strip().lower()] = re.sub(
                r"\s+", "", value.lower().replace("!important", "")
            )
    return result


def _colour(value: str) -> str:
    value = _NAMED_COLOURS.get(value, value)
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    numbers = re.fullmatch(r"rgba?\((\d+),(\d+),(\d+)(?:,[\d.]+)?\)", value)
    if numbers:
        value = "#" + "".join(f"{int(n):02x}" for n in numbers.groups())
    return value


def _number(value: str) -> float | None:
    found = _NUMBER.match(value or "")
    return float(found.group()) if found else None


def hiding(decls: dict[str, str]) -> str:
    """Which CSS trick, if any, keeps this element from being seen."""
    if decls.get("display") == "none":
        return "display:none"
    if decls.get("visibility") in ("hidden", "collapse"):
        return "visibility:hidden"
    if decls.get("opacity") in ("0", "0.0"):
        return "opacity:0"
    size = _number(decls.get("font-size", ""))
    if size is not None and size <= 1:
        return "font-size:" + decls["font-size"]
    offsets = [_number(decls.get(k, "")) for k in ("left", "top", "right", "text-indent")]
    if any(n is not None and n <= -500 for n in offsets):
        return "移出屏幕外"
    for box in ("height", "width", "max-height"):
        extent = _number(decls.get(box, ""))
        if extent is not None and extent <= 1 and (extent == 0 or "overflow" in decls):
            return f"{box}:{decls[box]}"
    colour = _colour(decls.get("color", ""))
    background = _colour(decls.get("background-color", decls.get("background", "")))
    if colour and colour == background:
        return "文字颜色与背景相同"
    if colour == "#ffffff" and not background:
        return "白色文字"
    return ""


def _hidden_selectors(soup: BeautifulSoup) -> dict[str, str]:
    """`.class` and `#id` selectors that a <style> block hides."""
    selectors: dict[str, str] = {}
    for style in soup.find_all("style"):
        for names, body in _RULE.findall(style.get_text()):
            how = hiding(_declarations(body))
            if how:
                for name in names.split(","):
                    if re.fullmatch(r"[.#][-\w]+", name.strip()):
                        selectors[name.strip()] = how
    return selectors


def _how(tag: Tag, selectors: dict[str, str]) -> str:
    if tag.has_attr("hidden"):
        return "hidden 属性"
    decls = _declarations(tag.get("style", ""))
    if tag.name == "font" and tag.get("color"):
        decls.setdefault("color", tag["color"].lower())
    how = hiding(decls)
    if how == "白色文字" and any(_has_background(parent) for parent in tag.parents):
        how = ""
    if how:
        return how
    for cls in tag.get("class", []):
        if f".{cls}" in selectors:
            return selectors[f".{cls}"]
    if tag.get("id") and f"#{tag['id']}" in selectors:
        return selectors[f"#{tag['id']}"]
    return ""


def _has_background(tag: Tag) -> bool:
    if not isinstance(tag, Tag):
        return False
    return tag.has_attr("bgcolor") or "background" in (tag.get("style") or "")


def hidden_elements(soup: BeautifulSoup) -> list[Hidden]:
    """The outermost hidden elements that carry text or a link."""
    selectors = _hidden_selectors(soup)
    found: list[Hidden] = []
    reported: set[int] = set()
    for tag in soup.find_all(True):
        if tag.name in ("style", "script", "template", "head", "meta", "br"):
            continue
        if any(id(parent) in reported for parent in tag.parents):
            continue
        how = _how(tag, selectors)
        if not how:
            continue
        text = tag.get_text(" ", strip=True)
        anchor = tag if tag.name == "a" and tag.has_attr("href") else tag.find("a", href=True)
        href = anchor["href"].strip() if anchor else ""
        if text or href:
            reported.add(id(tag))
            found.append(Hidden(text, href, how, str(tag)[:200]))
    return found
