"""The A4 forms a hall prints itself, blank for the counter or pre-filled from a guide.

受理告知书 is two parts on one sheet — the applicant's copy on top, the
counterfoil below a cut line — and both parts carry the same serial number.
Serials come in books of BOOK_SIZE sheets: book 1 is 0001–0010, book 2 is
0011–0020, and so on, so reprinting a book gives the same numbers and the
next book never repeats one.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .base import A4, Product
from .public_url import center_rating_qr, guide_rating_qr

BOOK_SIZE = 10
LEDGER_ROWS = 18
LEDGER_PAGES = 5


def _form(key: str, title: str, template: str, **context) -> Product:
    return Product(
        key=key, title=title, width_mm=A4[0], height_mm=A4[1], template=template, context=context
    )


def _suffix(guide) -> str:
    """A pre-filled form is titled after its guide; a blank one says so."""
    return f" · {guide.title}" if guide else gettext("（空白）")


def serial_prefix(center, year: int) -> str:
    return f"{center.slug.upper()}-{year}"


def acceptance_notice_book(
    center,
    book: int = 1,
    guide=None,
    year: int | None = None,
    first: int | None = None,
    books: int = 1,
) -> Product:
    """受理告知书: BOOK_SIZE sheets a book, each an applicant copy and a counterfoil.

    Without `first` this is a specimen (the preview); printed books take `first`
    from SerialCounter.reserve so no serial is ever issued twice.
    """
    year = year or dt.date.today().year
    first = first or (book - 1) * BOOK_SIZE + 1
    last = first + books * BOOK_SIZE - 1
    serials = [f"{serial_prefix(center, year)}-{n:04d}" for n in range(first, last + 1)]
    suffix = f"-{guide.slug}" if guide else ""
    return _form(
        f"form-acceptance-{first:04d}-{last:04d}{suffix}",
        _("受理告知书（%(books)s 本，编号 %(first)04d–%(last)04d）")
        % {"books": books, "first": first, "last": last}
        + (f" · {guide.title}" if guide else ""),
        "print/forms/acceptance.html",
        center=center,
        guide=guide,
        serials=serials,
        parts=(gettext("申请人留存联"), gettext("存根联（窗口留存）")),
        # The applicant's copy leads to the rating of what was applied for (好差评).
        rating_qr=guide_rating_qr(guide.pk) if guide else center_rating_qr(center.slug),
    )


def one_time_notice(center, guide=None) -> Product:
    """一次性告知书: everything the item needs, with boxes to tick what is missing."""
    return _form(
        f"form-one-time{'-' + guide.slug if guide else ''}",
        gettext("一次性告知书") + _suffix(guide),
        "print/forms/one_time.html",
        center=center,
        guide=guide,
        materials=list(guide.materials.all()) if guide else [],
        blank_rows=range(0 if guide else 8),
    )


def materials_receipt(center, guide=None) -> Product:
    """材料接收清单: what the window received, signed by both sides."""
    return _form(
        f"form-receipt{'-' + guide.slug if guide else ''}",
        gettext("材料接收清单") + _suffix(guide),
        "print/forms/receipt.html",
        center=center,
        guide=guide,
        materials=list(guide.materials.all()) if guide else [],
        blank_rows=range(3 if guide else 10),
    )


NOTICE_KINDS = {
    "promised": (
        _("承诺件受理通知单"),
        _("您申请的事项已受理，属承诺件，我们将在承诺时限内办结并通知您。"),
    ),
    "joint": (
        _("联办件通知单"),
        _("您申请的事项已受理，属联办件，需由以下部门联合办理，办结后由本窗口统一通知您。"),
    ),
    "refusal": (
        _("不予办理通知书"),
        _("经审查，您申请的事项不符合办理条件，决定不予办理，理由如下。"),
    ),
}


def notice_slip(center, kind: str, guide=None) -> Product:
    """承诺件受理通知单, 联办件通知单, 不予办理通知书."""
    title, lead = (str(text) for text in NOTICE_KINDS[kind])
    return _form(
        f"form-{kind}{'-' + guide.slug if guide else ''}",
        title + _suffix(guide),
        "print/forms/notice_slip.html",
        center=center,
        guide=guide,
        heading=title,
        lead=lead,
        kind=kind,
    )


def ledger(center) -> Product:
    """办理事项登记本: a blue cover, then ruled table pages."""
    return _form(
        "form-ledger",
        gettext("办理事项登记本（封面 + %(pages)s 页）") % {"pages": LEDGER_PAGES},
        "print/forms/ledger.html",
        center=center,
        pages=range(LEDGER_PAGES),
        rows=range(LEDGER_ROWS),
    )


def blank_forms(center) -> list[Product]:
    return [
        acceptance_notice_book(center),
        one_time_notice(center),
        materials_receipt(center),
        notice_slip(center, "promised"),
        notice_slip(center, "joint"),
        notice_slip(center, "refusal"),
        ledger(center),
    ]


def guide_forms(center, guide) -> list[Product]:
    """The forms pre-filled from one guide (the print menu's 按事项 section)."""
    forms = [one_time_notice(center, guide), materials_receipt(center, guide)]
    if guide.handling_mode in ("promised", "joint"):
        forms.append(notice_slip(center, guide.handling_mode, guide))
    forms.append(acceptance_notice_book(center, guide=guide))
    return forms
