"""The ranking SQL counts every alternative's occurrences, including alternatives
looked for only inside another (建房子 only where 建房 is), as Python counts them."""

import math

from django.db import connection

import pytest

from search.backends import ranking

pytestmark = pytest.mark.django_db

TEXTS = [
    ("农村建房审批", "建房子要先申请宅基地，农村建房子的材料。", "自然资源窗口"),
    ("户口迁移", "户口簿和户籍证明", ""),
    ("盖房子", "", "建房窗口"),
]
OPTIONS = ["建房", "农村建房", "建房子", "农村建房子", "宅基地", "户口", "户口簿", "窗口"]


def _expected(texts, options):
    title, body, context = texts
    content = sum(
        ranking.TITLE_WEIGHT * title.count(o) + ranking.BODY_WEIGHT * body.count(o) for o in options
    )
    around = sum(ranking.CONTEXT_WEIGHT * context.count(o) for o in options)
    size = sum(len(t.encode()) if connection.vendor == "postgresql" else len(t) for t in texts)
    norm = 1 + math.log(1 + size)
    return content / norm, (content + around) / norm


def test_sql_scores_count_every_alternative():
    rows = " UNION ALL ".join(
        f"SELECT {n} AS k, %s AS title, %s AS body, %s AS context" for n in range(len(TEXTS))
    )
    sql, params = ranking.ranking_sql(
        connection.vendor, f"({rows}) AS t", "k", ("title", "body", "context"), OPTIONS, "1 = 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *(t for texts in TEXTS for t in texts)])
        found = {k: (float(a), float(b)) for k, a, b in cursor.fetchall()}
    for n, texts in enumerate(TEXTS):
        assert found[n] == pytest.approx(_expected(texts, OPTIONS))
