"""Read-only JSON for other tools: a center's monthly ratings and its letter
statistics. Counts only: no letter, no name, no number."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from pages.services.centers import center_for_slug

from .models import Letter, Rating
from .services import letters, ratings


@require_GET
def center_ratings(request, slug: str):
    center = center_for_slug(request, slug)
    months = ratings.monthly(Rating.objects.filter(center=center))
    return JsonResponse(
        {
            "center": center.official_name,
            "months": [
                {
                    "month": month.month.strftime("%Y-%m"),
                    "total": month.total,
                    "good_rate": month.good_rate,
                    "levels": {
                        str(Rating.Level(level).label): n for level, n in month.by_level.items()
                    },
                }
                for month in months
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def center_letter_stats(request, slug: str):
    center = center_for_slug(request, slug)
    stats = letters.stats(Letter.objects.filter(center=center).exclude(kind=Letter.Kind.ERROR))
    return JsonResponse(
        {
            "center": center.official_name,
            "received": stats.received,
            "answered": stats.answered,
            "answered_on_time": stats.on_time,
            "average_working_days": stats.average_days,
        },
        json_dumps_params={"ensure_ascii": False},
    )
