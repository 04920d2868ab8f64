"""Translation status for editors: what is translated, how far, and what is out of date.

wagtail-localize keeps a snapshot of the source (TranslationSource) that
translators work from; when the Chinese page is published again after that
snapshot, the translation no longer says what the original says. This
service finds those cases so the 翻译状态 screen can say "原文已更新，需同步".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation


@dataclass(frozen=True)
class TranslationStatus:
    source: Page
    target: Page | None
    language: str
    total: int
    done: int
    synced_at: dt.datetime
    source_changed_at: dt.datetime | None
    translation_id: int
    source_id: int

    @property
    def out_of_date(self) -> bool:
        """The Chinese original was published after the translators' snapshot."""
        return self.source_changed_at is not None and self.source_changed_at > self.synced_at

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)


def page_translation_statuses(subtrees: list[Page] | None) -> list[TranslationStatus]:
    """Statuses of page translations under `subtrees` (None: every page)."""
    default = Locale.get_default()
    sources = Page.objects.filter(locale=default)
    if subtrees is not None:
        q = Q(pk__in=[])
        for root in subtrees:
            q |= Q(path__startswith=root.path)
        sources = sources.filter(q)
    by_key = {str(p.translation_key): p for p in sources.specific()}
    page_types = ContentType.objects.get_for_models(*{type(p) for p in by_key.values()}).values()
    translations = (
        Translation.objects.filter(
            enabled=True,
            source__object_id__in=list(by_key),
            source__specific_content_type__in=list(page_types),
        )
        .select_related("source", "target_locale")
        .order_by("source__object_id", "target_locale__language_code")
    )
    targets = {
        (str(p.translation_key), p.locale_id): p
        for p in Page.objects.filter(translation_key__in=list(by_key)).exclude(locale=default)
    }
    statuses = []
    for translation in translations:
        source = by_key[str(translation.source.object_id)]
        total, done = translation.get_progress()
        statuses.append(
            TranslationStatus(
                source=source,
                target=targets.get((str(source.translation_key), translation.target_locale_id)),
                language=translation.target_locale.get_display_name(),
                total=total,
                done=done,
                synced_at=translation.source.last_updated_at,
                source_changed_at=source.last_published_at,
                translation_id=translation.pk,
                source_id=translation.source_id,
            )
        )
    return statuses
