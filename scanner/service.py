"""The scanner applied to pages: their text, reports, clearances and the publishing gate.

A clearance is keyed by a hash of exactly the text (and HTML) a reviewer
looked at, so any later edit — the usual way spam comes back — needs a new
look. Pages are scanned as given: the gate receives the revision under
review (core.gates.submitted_problems), the review screen the latest one.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from django.db import models
from django.urls import NoReverseMatch, reverse

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from modelcluster.models import get_all_child_relations

from .detect import Finding, Term, category_label, scan_text
from .lexicon import seed_default_lexicon
from .markup import html_text
from .models import InjectionTerm, ScanClearance

__all__ = [
    "ScanReport",
    "clear",
    "injected_content_gate",
    "is_cleared",
    "load_lexicon",
    "child_relation_names",
    "page_text",
    "prefetch_page_text",
    "scan_page",
    "seed_default_lexicon",
]

# Page's own fields that readers (and search engines) see; the rest is plumbing.
PAGE_TEXT_FIELDS = ("title", "seo_title", "search_description")
MAX_EXAMPLES = 3


class ScanReport(NamedTuple):
    text_hash: str
    findings: list[Finding]
    text: str
    html: str = ""


class StaleScanError(Exception):
    """The page changed after the reviewer looked at it."""


def _is_text_field(field) -> bool:
    if isinstance(field, StreamField):
        return True
    text = isinstance(field, models.CharField | models.TextField)
    return text and not field.choices and not field.primary_key


def _block_parts(block, value) -> Iterator[tuple[str, str]]:
    """(plain text, html) pieces of a StreamField block value, walked by block type."""
    if value is None or isinstance(block, blocks.ChoiceBlock | blocks.MultipleChoiceBlock):
        return  # choice codes ("h2") are not text anyone reads
    if isinstance(block, blocks.RichTextBlock):
        yield html_text(value.source), value.source
    elif isinstance(block, blocks.RawHTMLBlock):
        yield html_text(str(value)), str(value)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _block_parts(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _block_parts(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _block_parts(block.child_block, item)
    elif isinstance(value, str):
        yield value, ""


def _field_parts(obj, field) -> Iterator[tuple[str, str]]:
    """(plain text, html) pieces of one field's value."""
    value = getattr(obj, field.attname, None)
    if not value:
        return
    if isinstance(field, StreamField):
        yield from _block_parts(field.stream_block, value)
    elif isinstance(field, RichTextField):
        yield html_text(value), value
    else:
        yield str(value), ""


def _object_parts(obj, skip_page_fields: bool) -> Iterator[tuple[str, str]]:
    for field in obj._meta.concrete_fields:
        if skip_page_fields and field.model is Page and field.name not in PAGE_TEXT_FIELDS:
            continue
        if _is_text_field(field):
            yield from _field_parts(obj, field)


def page_text(page) -> tuple[str, str]:
    """All the text a page (or revision object) shows, and the HTML of its rich text.

    Title first, then every text-bearing field of the specific page type and
    of its inline children (材料, 步骤, 常见问题 …), one piece per line.
    """
    page = page.specific if type(page) is Page else page
    parts = list(_object_parts(page, skip_page_fields=True))
    for name in child_relation_names(page):
        manager = getattr(page, name, None)
        for child in manager.all() if manager is not None else ():
            parts += _object_parts(child, skip_page_fields=False)
    text = "\n".join(t.strip() for t, _ in parts if t and t.strip())
    html = "\n".join(h for _, h in parts if h)
    return text, html


def child_relation_names(model) -> list[str]:
    """The inline children whose text a page shows; editors' comments and the like are not."""
    return [
        relation.get_accessor_name()
        for relation in get_all_child_relations(model)
        if not relation.related_model._meta.app_label.startswith("wagtail")
    ]


def prefetch_page_text(pages: list) -> list:
    """Load what page_text reads of inline children once per page type, not once per page:
    the bulk readers (link and wording checks over the whole site) call this per chunk."""
    by_type: dict[type, list] = {}
    for page in pages:
        by_type.setdefault(type(page), []).append(page)
    for model, group in by_type.items():
        if names := child_relation_names(model):
            models.prefetch_related_objects(group, *names)
    return pages


def load_lexicon() -> list[Term]:
    """The county's terms; an inactive one (weight 0) also silences the same built-in pattern."""
    return [
        Term(t.term, t.category, t.weight if t.active else 0)
        for t in InjectionTerm.objects.only("term", "category", "weight", "active")
    ]


def text_hash(text: str, html: str) -> str:
    return hashlib.sha256(f"{text}\0{html}".encode()).hexdigest()


def scan_page(page, lexicon: list[Term] | None = None) -> ScanReport:
    """Scan `page` as given (pass `get_latest_revision_as_object()` for a draft)."""
    text, html = page_text(page)
    lexicon = load_lexicon() if lexicon is None else lexicon
    return ScanReport(text_hash(text, html), scan_text(text, html or None, lexicon), text, html)


def is_cleared(page, report: ScanReport) -> bool:
    return ScanClearance.objects.filter(page_id=page.pk, text_hash=report.text_hash).exists()


def latest(page):
    """The page as its latest revision has it (what a reviewer is asked to approve)."""
    page = page.specific if type(page) is Page else page
    return page.get_latest_revision_as_object()


def clear(page, user, *, expected_hash: str | None = None):
    """Record that `user` checked the latest revision's findings and found them legitimate.

    `expected_hash` is the hash the reviewer was shown; if the text has moved
    on since, StaleScanError is raised rather than clearing unseen text.
    """
    report = scan_page(latest(page))
    if expected_hash is not None and expected_hash != report.text_hash:
        raise StaleScanError(report.text_hash)
    clearance, _ = ScanClearance.objects.get_or_create(
        page_id=page.pk,
        text_hash=report.text_hash,
        defaults={"cleared_by": user, "findings": [f._asdict() for f in report.findings]},
    )
    return clearance


def review_url(page) -> str:
    try:
        return reverse("scanner_review", args=[page.pk])
    except NoReverseMatch:  # admin hooks not loaded (e.g. a management command)
        return ""


def _shown(report: ScanReport, finding: Finding) -> str:
    marked = re.sub(r"\s+", " ", report.text[finding.start : finding.end]).strip()
    if not marked:  # only in the HTML source
        return finding.reason
    return marked if len(marked) <= 30 else marked[:30] + "…"


def summary(report: ScanReport) -> str:
    """One Chinese sentence a reviewer can act on: how many, what kind, and what."""
    findings = report.findings
    labels = "、".join(dict.fromkeys(category_label(f.category) for f in findings))
    shown = Counter(_shown(report, f) for f in findings)
    examples = "；".join(
        f"“{text}”" + (f"（{count} 处）" if count > 1 else "")
        for text, count in list(shown.items())[:MAX_EXAMPLES]
    )
    more = "等" if len(shown) > MAX_EXAMPLES else ""
    return (
        f"疑似被植入的内容 {len(findings)} 处（{labels}），"
        f"须经审核人员核实放行后才能发布：{examples}{more}。"
    )


def injected_content_gate(page) -> list[str]:
    """Publishing gate: refuses text with findings until a reviewer clears that exact text."""
    report = scan_page(page)
    if not report.findings or is_cleared(page, report):
        return []
    url = review_url(page)
    return [summary(report) + (f"请在植入内容核查页面处理：{url}" if url else "")]
