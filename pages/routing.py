"""Routing an address in one query, and the ancestors it found, for the frame.

Wagtail routes a request one path segment at a time: each level looks up its
child by slug and then loads the child's specific row, two queries per level,
so a guide four levels down spent six queries before anything was rendered,
and the frame, the breadcrumb and the guide's unit then looked up the same
ancestors again. The site root's route here reads every page on the path in
one query (by ``url_path``, which Wagtail keeps for every page) and hands over
to Wagtail's own routing at the first page that routes itself (a routable
page whose sub-address matches) or at the deepest page found. The pages it
passed are remembered on the routed page, so ``ancestors`` and ``nearest``
cost nothing more on a routed request.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import Resolver404

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

ANCESTORS = "_portal_ancestors"


class DirectRouteMixin:
    """For the site root's page type: the whole path in one query."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)  # type: ignore[misc]
        chain = _chain(self, path_components)
        if not chain:
            raise Http404
        passed: list[Page] = [self]
        for page in chain:
            page._cached_parent_obj = passed[-1]
            setattr(page, ANCESTORS, list(passed))
            rest = path_components[len(passed) :]
            if page is chain[-1] or _routes_itself(page, rest):
                break
            passed.append(page)
        return _specific(page).route(request, rest)


def _chain(root: Page, components: list[str]) -> list[Page]:
    """The pages on the path below `root`, shallowest first, up to the first gap."""
    prefixes, prefix = [], root.url_path
    for component in components:
        prefix += f"{component}/"
        prefixes.append(prefix)
    found = {
        page.url_path: page
        for page in Page.objects.filter(
            url_path__in=prefixes,
            path__startswith=root.path,
            depth__gt=root.depth,
            depth__lte=root.depth + len(components),
        )
    }
    chain = []
    for level, prefix in enumerate(prefixes, start=1):
        page = found.get(prefix)
        if page is None or page.depth != root.depth + level:
            break
        chain.append(page)
    return chain


def _specific(page: Page) -> Page:
    """The page's specific row, with the relations its type shows on every view
    (``routed_with``) in the same query."""
    model = page.specific_class
    related = getattr(model, "routed_with", ())
    if model is None or not related:
        return page.specific
    specific = model._default_manager.select_related(*related).get(pk=page.pk)
    specific._cached_parent_obj = page._cached_parent_obj
    setattr(specific, ANCESTORS, getattr(page, ANCESTORS))
    return specific


def _routes_itself(page: Page, rest: list[str]) -> bool:
    """Whether Wagtail's routing at `page` would do more than descend to a child."""
    model = page.specific_class
    if model is None or model.route is Page.route:
        return False
    if model.route is RoutablePageMixin.route:
        try:
            model.get_resolver().resolve("/" + "".join(f"{c}/" for c in rest))
        except (Http404, Resolver404):
            return False  # the routable page itself would go on to the child
    return True


def ancestors(page: Page) -> list[Page]:
    """`page`'s ancestors below the tree root, shallowest first.

    From the route when the page was routed from the top of the tree; one
    query otherwise (then remembered on the page).
    """
    known = getattr(page, ANCESTORS, None)
    if known is None or (known and known[0].depth > 2):
        known = list(Page.objects.ancestor_of(page).filter(depth__gt=1).order_by("depth"))
        setattr(page, ANCESTORS, known)
    return known


def nearest(page: Page, *models: type[Page], inclusive: bool = False) -> Page | None:
    """The nearest page of one of `models` above `page` (or `page` itself when
    inclusive), as its specific instance; loaded once and remembered."""
    line = ancestors(page)
    if inclusive and _is_a(page, models):
        return page.specific
    for index in range(len(line) - 1, -1, -1):
        if _is_a(line[index], models):
            line[index] = line[index].specific
            return line[index]
    return None


def _is_a(page: Page, models: tuple[type[Page], ...]) -> bool:
    model = page.specific_class
    return model is not None and issubclass(model, models)
