"""Page links for long public lists (catalogue, guides, the board, the county's items).

A list of 10,000 documents or 1,000 guides is shown a page at a time, and the
links to the other pages must work for an elderly citizen on a phone: few,
large targets (previous, next, first, last and the pages around the current
one), the position in words (第 3 页 / 共 50 页), and every filter and search
term of the current list kept in each link, so a filtered list stays filtered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils.http import urlencode

PAGE_PARAM = "page"
# Numbered links on each side of the current page: with first and last, at most
# seven numbers, which still fit one row on a phone in elder mode.
AROUND = 2


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool = False


@dataclass(frozen=True)
class Pager:
    """Everything the shared pagination template shows for one page of a list."""

    number: int
    num_pages: int
    count: int
    links: tuple[PageLink | None, ...]  # None marks a gap (…)
    previous_url: str = ""
    next_url: str = ""

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1


def page_url(params: Mapping[str, str], number: int) -> str:
    """The list's query string at page `number` (page 1 has no page parameter)."""
    kept = {key: value for key, value in params.items() if value and key != PAGE_PARAM}
    if number > 1:
        kept[PAGE_PARAM] = str(number)
    return "?" + urlencode(kept) if kept else "?"


def page_number(params: Mapping[str, str]) -> str:
    """The requested page as the paginator's get_page takes it (bad values: page 1)."""
    value = str(params.get(PAGE_PARAM, "") or "1")
    return value if value.isdigit() else "1"


def numbers_to_show(number: int, num_pages: int, around: int = AROUND) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 50: the first, the last and the pages near the current one."""
    shown = {1, num_pages, *range(number - around, number + around + 1)}
    result: list[int | None] = []
    previous = 0
    for n in sorted(n for n in shown if 1 <= n <= num_pages):
        if n - previous > 1:
            result.append(None)
        result.append(n)
        previous = n
    return result


def pager_for(page: PaginatorPage, params: Mapping[str, str]) -> Pager:
    number, num_pages = page.number, page.paginator.num_pages
    links = tuple(
        None if n is None else PageLink(n, page_url(params, n), n == number)
        for n in numbers_to_show(number, num_pages)
    )
    return Pager(
        number=number,
        num_pages=num_pages,
        count=page.paginator.count,
        links=links,
        previous_url=page_url(params, number - 1) if page.has_previous() else "",
        next_url=page_url(params, number + 1) if page.has_next() else "",
    )


def paginate(
    items, params: Mapping[str, str], per_page: int, count: int | None = None
) -> tuple[PaginatorPage, Pager]:
    """One page of `items` (a queryset is counted and sliced by the database); pass
    `count` when a grouped query has counted them already, to save the COUNT(*)."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # a cached property: set, it is not computed
    page = paginator.get_page(page_number(params))
    return page, pager_for(page, params)
