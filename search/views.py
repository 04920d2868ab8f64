"""The public results page and the autocomplete endpoint."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from . import service
from .backends.base import FACETS, KIND_LABELS
from .highlight import mark, snippet

PER_PAGE = 10
MAX_QUERY = 100
# Offered when nothing matches: what citizens most often come for.
POPULAR = ("社保", "医保", "低保", "户口", "建房", "养老", "残疾人", "生育", "补贴", "去向")


@require_GET
def search(request):
    text = request.GET.get("q", "").strip()[:MAX_QUERY]
    sort = "date" if request.GET.get("sort") == "date" else "relevance"
    filters = {key: request.GET.get(key, "").strip() for key, _ in FACETS if request.GET.get(key)}
    try:
        page_number = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        page_number = 1
    context = {"query": text, "sort": sort, "filters": filters, "popular": POPULAR}
    if text:
        answer = service.search(text, filters, sort, page_number, PER_PAGE)
        results = answer.results
        hits = [
            {
                "hit": hit,
                "kind_label": KIND_LABELS.get(hit.kind, ""),
                "title": mark(hit.title, answer.terms),
                "snippet": snippet(hit.body, answer.terms),
                # Copies elsewhere: "可在 N 个地点办理" with a link to each place's copy.
                "places": hit.places if hit.place_count > 1 else (),
                "more_places": hit.place_count - len(hit.places),
            }
            for hit in results.hits
        ]
        paginator = Paginator(range(results.total), PER_PAGE)
        context.update(
            total=results.total,
            more=results.more,
            hits=hits,
            notices=answer.notices,
            facets=_facets(results.facets, text, sort, filters),
            page_obj=paginator.get_page(page_number) if results.total else None,
            base_query=urlencode({"q": text, "sort": sort, **filters}),
            other_sort_url="?"
            + urlencode({"q": text, **filters, "sort": "relevance" if sort == "date" else "date"}),
        )
    return render(request, "search/results.html", context)


def _facets(facets, text, sort, filters):
    """Each value with its count and the URL that toggles it."""
    out = []
    for key, label in FACETS:
        values = []
        for value in facets.get(key, []):
            chosen = filters.get(key) == value.value
            params = {"q": text, "sort": sort, **filters}
            if chosen:
                params.pop(key)
            else:
                params[key] = value.value
            values.append(
                {
                    "label": KIND_LABELS.get(value.value, value.value)
                    if key == "kind"
                    else value.value,
                    "count": value.count,
                    "chosen": chosen,
                    "url": "?" + urlencode(params),
                }
            )
        if values:
            out.append({"key": key, "label": label, "values": values})
    return out


@require_GET
def suggest(request):
    text = request.GET.get("q", "").strip()[:MAX_QUERY]
    return JsonResponse(
        {"suggestions": service.suggest(text)}, json_dumps_params={"ensure_ascii": False}
    )
