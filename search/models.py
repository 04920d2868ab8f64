"""The embedded index's rows, the editable synonym list and the durable queue
of updates waiting for Elasticsearch.

SearchEntry holds what the results page shows plus, on SQLite, the analysed
token streams; the full-text structure itself (an external-content FTS5
table reading those streams on SQLite; on PostgreSQL a table of folded texts
with GIN indexes over their character bigrams, holding the tokens instead of
the entry) is created by migration 0004 for the database in use and
maintained by search.backends.embedded.
"""

from django.db import models
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class SearchEntry(models.Model):
    key = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    center = models.CharField(max_length=80, blank=True, db_index=True)
    window = models.CharField(max_length=60, blank=True)
    date = models.DateField(null=True, blank=True)
    year = models.CharField(max_length=4, blank=True)
    validity = models.CharField(max_length=10, blank=True)
    expires = models.DateField(null=True, blank=True, help_text="e.g. a notice's last day")
    boost = models.FloatField(default=1.0)
    group = models.CharField(max_length=100, blank=True, db_index=True)
    place = models.CharField(max_length=120, blank=True)
    context = models.TextField(blank=True)
    title_chars = models.TextField(blank=True)
    title_words = models.TextField(blank=True)
    body_chars = models.TextField(blank=True)
    body_words = models.TextField(blank=True)
    context_chars = models.TextField(blank=True)
    context_words = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"

    def __str__(self):
        return f"{self.key} {self.title}"


class SynonymGroup(models.Model):
    """Words citizens use interchangeably (社保, 社会保险): a query for one finds all."""

    terms = models.CharField(
        _("同义词"),
        max_length=200,
        help_text=_("用逗号或顿号分隔，例如：社保，社会保险，社会保障"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词")
        ordering = ["pk"]

    def __str__(self):
        return "、".join(self.term_list())

    def term_list(self) -> list[str]:
        cleaned = self.terms.replace("，", ",").replace("、", ",").replace("↔", ",")
        return [t.strip() for t in cleaned.split(",") if t.strip()]

    @classmethod
    def cache_version(cls) -> tuple:
        """Changes whenever any group is added, edited or deleted (one cheap query)."""
        stats = cls.objects.aggregate(n=Count("pk"), latest=Max("updated_at"), top=Max("pk"))
        return (stats["n"], stats["latest"], stats["top"])


class PendingIndexUpdate(models.Model):
    """An update Elasticsearch has not acknowledged yet; replayed when it is back."""

    key = models.CharField(max_length=40, unique=True)
    queued_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["queued_at", "pk"]

    def __str__(self):
        return f"{self.key} (queued {self.queued_at:%Y-%m-%d %H:%M})"
