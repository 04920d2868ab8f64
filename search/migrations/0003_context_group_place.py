"""Group, place and the low-weight context field; the FTS5 table gets two context
columns, so it is rebuilt from the stored token streams and every entry is queued
(PendingIndexUpdate) to be re-read with its new fields by the next replay."""

from django.db import migrations, models

COLUMNS = ["title_chars", "title_words", "body_chars", "body_words"]
CONTEXT = ["context_chars", "context_words"]


def _rebuild_fts(schema_editor, columns):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return  # PostgreSQL: the tsvector column takes the context as it is re-indexed
    stored = ", ".join(c if c in COLUMNS else "''" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS portal_search_fts")
        cursor.execute(
            f"CREATE VIRTUAL TABLE portal_search_fts USING fts5({', '.join(columns)}, "
            "tokenize = 'unicode61 remove_diacritics 0', detail = full)"
        )
        cursor.execute(
            f"INSERT INTO portal_search_fts(rowid, {', '.join(columns)}) "  # noqa: S608
            f"SELECT id, {stored} FROM portal_search_searchentry"
        )


def add_context_columns(apps, schema_editor):
    _rebuild_fts(schema_editor, COLUMNS + CONTEXT)
    entry = apps.get_model("portal_search", "SearchEntry")
    pending = apps.get_model("portal_search", "PendingIndexUpdate")
    keys = entry.objects.values_list("key", flat=True)
    pending.objects.bulk_create([pending(key=k) for k in keys], ignore_conflicts=True)


def drop_context_columns(apps, schema_editor):
    _rebuild_fts(schema_editor, COLUMNS)


class Migration(migrations.Migration):

    dependencies = [
        ('portal_search', '0002_fulltext_and_synonyms'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchentry',
            name='context',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='context_chars',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='context_words',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='group',
            field=models.CharField(blank=True, db_index=True, max_length=100),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='place',
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.RunPython(add_context_columns, drop_context_columns),
    ]
