"""The full-text structure for the database in use, and the starting synonyms.

SQLite: an FTS5 table whose rowid is SearchEntry.id. PostgreSQL: a weighted
tsvector column with a GIN index. Both index the pre-segmented token
streams, so the engine's own tokenizer only splits on spaces.
"""

from django.db import migrations

SYNONYMS = [
    "社保，社会保险，社会保障",
    "医保，医疗保险，医疗保障",
    "新农合，新型农村合作医疗，城乡居民医保，城乡居民医疗保险",
    "低保，最低生活保障，低报",
    "户口，户籍，户口本，户口簿",
    "身份证，居民身份证",
    "残疾证，残疾人证",
    "养老金，养老保险",
    "建房，农村建房，住宅建设，宅基地，盖房，盖房子，建房子",
    "审批，许可，审核",
    "生育，计生，生育登记，准生证，生育服务证，生孩子，生小孩",
    "补贴，补助",
    "高龄津贴，高龄补贴，老年人补贴，老人补贴，高龄老人津贴",
    "种粮补贴，耕地地力保护补贴，地力补贴",
    "去向，去向公示",
]


def create_fulltext(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS portal_search_fts USING fts5("
                "title_chars, title_words, body_chars, body_words, "
                "tokenize = 'unicode61 remove_diacritics 0', detail = full)"
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE portal_search_searchentry ADD COLUMN search_vector tsvector"
            )
            cursor.execute(
                "CREATE INDEX portal_search_vector_gin ON portal_search_searchentry "
                "USING gin (search_vector)"
            )


def drop_fulltext(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS portal_search_fts")
        elif connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE portal_search_searchentry DROP COLUMN search_vector")


def seed_synonyms(apps, schema_editor):
    group = apps.get_model("portal_search", "SynonymGroup")
    for terms in SYNONYMS:
        group.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [
        migrations.RunPython(create_fulltext, drop_fulltext),
        migrations.RunPython(seed_synonyms, migrations.RunPython.noop),
    ]
