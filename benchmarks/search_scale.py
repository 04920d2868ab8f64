"""Embedded search at county scale: indexing throughput, query latency, index size.

Targets, on the 2-core development machine: indexing (analysis + writes) at
>= 2000 documents/s; queries answered at p95 within the target for the
database and the size (SQLITE_P95_MS, POSTGRES_P95_MS) over a realistic mix of
citizens' queries; and on PostgreSQL the full-text index at most 4x the text
it indexes (SQLite's figure is printed too).
The documents are generated deterministically, outside the timers.

SQLite runs on a throwaway test database (or DATABASE_URL). `--database
postgresql` starts a throwaway PostgreSQL cluster on loopback (or uses the
server at --postgres-url) and a throwaway database in it.

    .venv/bin/python benchmarks/search_scale.py [--documents 100000] [--queries 300]
        [--batch 500] [--seed 20240601] [--database sqlite|postgresql] [--postgres-url URL]
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000, help="documents to index")
    parser.add_argument("--queries", type=int, default=300, help="timed queries")
    parser.add_argument("--batch", type=int, default=500, help="documents per index() call")
    parser.add_argument("--seed", type=int, default=20240601, help="random seed")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--postgres-url", default="", help="an existing PostgreSQL server (default: start one)"
    )
    return parser.parse_args(argv)


ARGS = parse_args() if __name__ == "__main__" else None
if ARGS is not None and ARGS.database == "postgresql":
    # The database is chosen before Django reads its settings.
    if ARGS.postgres_url:
        os.environ["DATABASE_URL"] = ARGS.postgres_url
    else:
        from throwaway_pg import throwaway_cluster  # a script's sibling module

        _cluster = contextlib.ExitStack()
        os.environ["DATABASE_URL"] = _cluster.enter_context(throwaway_cluster())
        atexit.register(_cluster.close)

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tqdm import tqdm  # noqa: E402

from search.analysis import query_terms  # noqa: E402
from search.backends.base import SearchDocument, SearchQuery, SearchResults  # noqa: E402
from search.backends.embedded import TOKEN_COLUMNS, EmbeddedBackend  # noqa: E402

TARGET_DOCS_PER_SECOND = 2000
# (up to this many documents, p95 target in ms): the figures per database.
SQLITE_P95_MS = ((100_000, 50), (500_000, 60))
POSTGRES_P95_MS = ((100_000, 50), (1_000_000, 150))
TARGET_INDEX_RATIO = 4.0  # full-text index bytes per byte of indexed text

# --- vocabularies ----------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


TOWNSHIPS = _words(
    "城关镇 红岩镇 白沙乡 青龙镇 石门乡 柳林镇 黄土岭乡 南河镇 高桥镇 大坪乡 "
    "双河镇 马鞍山乡 龙潭镇 凤凰乡 桃园镇 新店乡 安乐镇 清水乡"
)
VILLAGES = _words(
    "红岩村 石板村 杨家坪村 李家湾村 新民村 团结村 和平村 金竹村 牛角村 庙垭村 "
    "枫香村 板桥村 三合村 大湾村 陈家沟村 河口村 青山村 沙坝村 柏林村 向阳村 "
    "高峰村 中心社区 滨河社区 东街社区"
)
INSTITUTIONS = _words(
    "县人民政府办公室 县民政局 县人力资源和社会保障局 县医疗保障局 县公安局 "
    "县自然资源局 县住房和城乡建设局 县农业农村局 县卫生健康局 县退役军人事务局 "
    "县残疾人联合会 县市场监督管理局 县税务局 县乡村振兴局 县教育局"
)
WINDOWS = _words(
    "社会事务窗口 社保医保窗口 民政窗口 户籍窗口 农业农村窗口 自然资源窗口 "
    "综合受理窗口 退役军人服务窗口 残联窗口"
)
# (item, window): the service items a township center handles.
ITEMS = (
    ("最低生活保障申请", "民政窗口"),
    ("特困人员救助供养申请", "民政窗口"),
    ("临时救助申请", "民政窗口"),
    ("高龄津贴申领", "民政窗口"),
    ("残疾人两项补贴申请", "残联窗口"),
    ("残疾人证办理", "残联窗口"),
    ("城乡居民基本养老保险参保登记", "社保医保窗口"),
    ("城乡居民基本医疗保险参保缴费", "社保医保窗口"),
    ("社会保障卡申领", "社保医保窗口"),
    ("社保卡补办", "社保医保窗口"),
    ("医保异地就医备案", "社保医保窗口"),
    ("养老金领取资格认证", "社保医保窗口"),
    ("居民身份证申领", "户籍窗口"),
    ("出生登记落户", "户籍窗口"),
    ("户口迁移", "户籍窗口"),
    ("户籍证明开具", "户籍窗口"),
    ("农村建房审批", "自然资源窗口"),
    ("宅基地使用权申请", "自然资源窗口"),
    ("耕地地力保护补贴申领", "农业农村窗口"),
    ("农机购置补贴申请", "农业农村窗口"),
    ("生育登记", "社会事务窗口"),
    ("婚姻登记预约", "社会事务窗口"),
    ("殡葬补助申请", "社会事务窗口"),
    ("退役军人优待证申领", "退役军人服务窗口"),
    ("优抚对象抚恤补助", "退役军人服务窗口"),
    ("个体工商户登记", "综合受理窗口"),
    ("食品小作坊登记", "综合受理窗口"),
    ("无犯罪记录证明开具", "综合受理窗口"),
    ("危房改造补助申请", "自然资源窗口"),
    ("独生子女父母奖励", "社会事务窗口"),
)
MATERIALS = _words(
    "居民身份证原件及复印件 户口簿 申请书 家庭收入证明 村（居）民委员会证明 "
    "近期免冠一寸照片 结婚证 出生医学证明 残疾人证 医院诊断证明 银行卡复印件 "
    "不动产权证书 土地承包经营权证 建房设计图 邻里意见书 授权委托书 营业执照 "
    "退役证 死亡证明 火化证明"
)
PROCEDURES = (
    "申请人向村（居）委员会提出书面申请",
    "村（居）委员会入户调查并张榜公示",
    "乡镇便民服务中心窗口受理并审核材料",
    "材料不全的一次性告知需要补正的全部内容",
    "经办人员在系统中录入信息并上报县级主管部门",
    "县级主管部门审批后发放证件或资金",
    "审核通过的在村务公开栏公示七日",
    "符合条件的当场办结，不符合条件的书面说明理由",
    "资金通过社会保障卡按月发放到户",
    "申请人可通过政务服务网在线申请，也可到窗口现场办理",
)
LAWS = _words(
    "《社会救助暂行办法》 《最低生活保障审核确认办法》 《中华人民共和国户口登记条例》 "
    "《居民身份证法》 《中华人民共和国土地管理法》 《中华人民共和国城乡规划法》 "
    "《社会保险法》 《残疾人保障法》 《老年人权益保障法》 《婚姻登记条例》 "
    "《退役军人保障法》 《政府信息公开条例》 《行政许可法》"
)
LEGAL_PHRASES = (
    "为进一步规范工作程序，切实保障困难群众基本生活",
    "按照属地管理、分级负责的原则",
    "各乡镇人民政府要高度重视，明确责任人员",
    "本办法自印发之日起施行，有效期五年",
    "原有规定与本办法不一致的，以本办法为准",
    "对弄虚作假骗取待遇的，依法追回并追究责任",
    "坚持公开、公平、公正的原则，接受社会监督",
    "实行动态管理，做到应保尽保、应退尽退",
    "由县级人民政府民政部门负责解释",
    "加强部门协作和信息共享，推行最多跑一次",
)
NOTICE_TYPES = ("审核结果公示", "拟享受人员名单公示", "资金发放公示", "办理情况公告")
DOC_TOPICS = (
    "最低生活保障", "临时救助", "农村建房管理", "宅基地审批", "城乡居民养老保险",
    "医疗保障待遇", "残疾人补贴", "高龄津贴发放", "政务服务便民化", "特困人员供养",
    "耕地保护补贴", "退役军人优待",
)  # fmt: skip
VALIDITY = ("有效", "有效", "有效", "已修订", "已废止")
SURNAMES = _words("王 李 张 刘 陈 杨 黄 赵 周 吴 徐 孙 马 胡 朱 郭 何 罗 高 林 谭 向 冉 田")
GIVEN = _words("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 华 平 刚 桂英 建国 红梅")
POSITIONS = ("窗口工作人员", "代办员", "中心主任", "副主任", "民政专干", "社保协理员", "村务专干")
DUTIES = (
    "低保、临时救助受理", "社保卡补办和养老保险参保", "户籍证明和身份证受理",
    "农村建房和宅基地审批初审", "残疾人证和两项补贴", "医保缴费和异地就医备案",
    "婚姻登记预约和生育登记", "退役军人优待证申领",
)  # fmt: skip
# A sprinkle of traditional characters, as pasted from older documents.
TRADITIONAL = {
    "办理": "辦理",
    "证明": "證明",
    "户口": "戶口",
    "申请": "申請",
    "医疗保险": "醫療保險",
    "养老": "養老",
    "补贴": "補貼",
    "登记": "登記",
}
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
CENTERS = tuple(f"{t}便民服务中心" for t in TOWNSHIPS)
EPOCH = dt.date(2016, 1, 1)

# --- queries ---------------------------------------------------------------

ONE_CHAR = ("户", "房", "证", "保", "补", "医", "税", "婚")
TWO_CHAR = (
    "社保", "低保", "户口", "建房", "医保", "救助", "补贴", "养老", "婚姻", "残疾",
    "身份证", "宅基地", "公示", "津贴", "生育", "迁移",
)  # fmt: skip
QUESTIONS = (
    "怎么办理低保",
    "农村建房需要什么材料",
    "社保卡丢了在哪里补办",
    "新生儿户口登记需要哪些材料",
    "高龄津贴怎么申请",
    "残疾人两项补贴发放标准",
    "红岩镇便民服务中心电话",
    "城乡居民养老保险每年交多少钱",
    "异地就医备案怎么办",
    "宅基地审批要多长时间",
    "临时救助申请条件",
    "无犯罪记录证明在哪开",
    "白沙乡低保公示名单",
    "退役军人优待证怎么领",
    "医保缴费截止时间",
    "个体工商户营业执照办理流程",
)
FACETED = (
    ("低保", {"kind": "notice"}),
    ("社保", {"center": "城关镇便民服务中心"}),
    ("建房", {"year": "2023"}),
    ("救助", {"validity": "有效"}),
    ("户口迁移", {"kind": "guide"}),
)
NO_MATCH = ("量子计算机", "火星移民签证", "比特币挖矿许可", "xyzzy", "潜水艇驾驶证考试")
# (share of the mix, kind of query)
QUERY_MIX = (
    (0.15, "one"),
    (0.35, "two"),
    (0.30, "question"),
    (0.10, "facet"),
    (0.10, "nothing"),
)


@dataclass(frozen=True)
class BenchQuery:
    text: str
    filters: dict[str, str]


# --- documents -------------------------------------------------------------


def _date(rng: random.Random) -> dt.date:
    return EPOCH + dt.timedelta(days=rng.randrange(3650))


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _phone(rng: random.Random) -> str:
    return f"0719-{rng.randrange(7000000, 8999999)}"


def _guide(rng: random.Random, n: int) -> SearchDocument:
    township = rng.choice(TOWNSHIPS)
    item, window = rng.choice(ITEMS)
    law = rng.choice(LAWS)
    materials = "、".join(rng.sample(MATERIALS, rng.randint(3, 6)))
    steps = "；".join(
        f"（{i}）{p}" for i, p in enumerate(rng.sample(PROCEDURES, rng.randint(3, 5)), 1)
    )
    days = rng.choice((1, 3, 5, 7, 10, 15, 20, 30))
    body = (
        f"事项名称：{item}。实施主体：{township}人民政府。"
        f"设定依据：{law}第{rng.randint(2, 60)}条。"
        f"受理条件：具有本乡镇户籍或在{rng.choice(VILLAGES)}等村（社区）居住满"
        f"{rng.randint(1, 3)}年的居民，符合{item[:4]}相关条件。"
        f"申请材料：{materials}。办理流程：{steps}。"
        f"承诺时限：{days}个工作日，法定时限{days * 2}个工作日。收费标准：不收费。"
        f"办理地点：{township}便民服务中心{window}，"
        f"办公时间：周一至周五上午8:30-12:00，下午14:30-17:30，逢场日照常办公。"
        f"咨询电话：{_phone(rng)}。监督电话：12345。"
    )
    return SearchDocument(
        key=f"bench:{n}",
        kind="guide",
        title=f"{township}{item}办事指南" if rng.random() < 0.5 else item,
        body=body,
        url=f"/bench/{n}/",
        center=f"{township}便民服务中心",
        window=window,
        date=_date(rng),
        boost=1.5,
    )


def _notice(rng: random.Random, n: int) -> SearchDocument:
    township = rng.choice(TOWNSHIPS)
    date = _date(rng)
    item, _window = rng.choice(ITEMS)
    kind_of_notice = rng.choice(NOTICE_TYPES)
    people = "、".join(
        f"{_name(rng)}（{rng.choice(VILLAGES)}，{rng.randint(1, 6)}人，"
        f"月补助{rng.randint(200, 900)}元）"
        for _ in range(rng.randint(4, 10))
    )
    body = (
        f"根据{rng.choice(LAWS)}有关规定，经本人申请、村（居）委员会入户调查、民主评议，"
        f"{township}人民政府审核，现将{date.year}年第{rng.randint(1, 4)}季度{item}"
        f"{kind_of_notice}如下：{people}。"
        f"公示期为{date:%Y年%m月%d日}至{date + dt.timedelta(days=7):%Y年%m月%d日}，"
        f"如有异议，请在公示期内向{township}便民服务中心或{rng.choice(INSTITUTIONS)}反映。"
        f"联系电话：{_phone(rng)}。"
    )
    return SearchDocument(
        key=f"bench:{n}",
        kind="notice",
        title=f"{township}关于{date.year}年{item}{kind_of_notice}",
        body=body,
        url=f"/bench/{n}/",
        center=f"{township}便民服务中心",
        date=date,
        expires=date + dt.timedelta(days=rng.randint(7, 400)) if rng.random() < 0.4 else None,
    )


def _policy(rng: random.Random, n: int) -> SearchDocument:
    institution = rng.choice(INSTITUTIONS)
    topic = rng.choice(DOC_TOPICS)
    date = _date(rng)
    number = f"{institution[1:3]}发〔{date.year}〕{rng.randint(1, 99)}号"
    articles = "".join(
        f"第{cn}条 {phrase}。"
        for cn, phrase in zip(
            "一二三四五六七八", rng.sample(LEGAL_PHRASES, rng.randint(4, 8)), strict=False
        )
    )
    body = (
        f"{number}。各乡镇人民政府，县直有关部门：为做好{topic}工作，"
        f"根据{rng.choice(LAWS)}和{rng.choice(LAWS)}，结合我县实际，制定本办法。"
        f"{articles}"
        f"{date.year}年{topic}标准为每人每月{rng.randint(300, 800)}元，"
        f"涉及{rng.choice(TOWNSHIPS)}、{rng.choice(TOWNSHIPS)}等{rng.randint(3, 18)}个乡镇。"
        f"{institution}　{date:%Y年%m月%d日}"
    )
    return SearchDocument(
        key=f"bench:{n}",
        kind="document",
        title=f"{institution}关于印发《{topic}实施办法》的通知",
        body=body,
        url=f"/bench/{n}/",
        date=date,
        validity=rng.choice(VALIDITY),
    )


def _staff(rng: random.Random, n: int) -> SearchDocument:
    township = rng.choice(TOWNSHIPS)
    name = _name(rng)
    window = rng.choice(WINDOWS)
    position = rng.choice(POSITIONS)
    body = (
        f"{name}，{township}便民服务中心{window}{position}，负责{rng.choice(DUTIES)}，"
        f"兼管{rng.choice(VILLAGES)}、{rng.choice(VILLAGES)}代办服务。联系电话：{_phone(rng)}。"
    )
    return SearchDocument(
        key=f"bench:{n}",
        kind="staff",
        title=f"{name} {position}",
        body=body,
        url=f"/bench/{n}/",
        center=f"{township}便民服务中心",
        window=window,
        boost=0.8,
    )


BUILDERS = ((0.40, _guide), (0.25, _notice), (0.25, _policy), (0.10, _staff))


def _flavour(rng: random.Random, document: SearchDocument) -> SearchDocument:
    """Now and then full-width digits or traditional characters, as pasted in."""
    roll = rng.random()
    if roll < 0.08:
        return replace(document, body=document.body.translate(FULL_WIDTH))
    if roll < 0.12:
        body = document.body
        for simplified, traditional in TRADITIONAL.items():
            body = body.replace(simplified, traditional)
        return replace(document, body=body)
    return document


def generate_documents(count: int, seed: int, batch: int) -> Iterator[list[SearchDocument]]:
    """The documents in batches, generated as they are asked for (1M do not fit in
    memory twice); always the same documents for a seed, whatever the batch size."""
    rng = random.Random(seed)
    weights = [w for w, _ in BUILDERS]
    builders = [b for _, b in BUILDERS]
    for start in range(0, count, batch):
        yield [
            _flavour(rng, rng.choices(builders, weights)[0](rng, n))
            for n in range(start, min(start + batch, count))
        ]


def generate_queries(count: int, seed: int) -> list[BenchQuery]:
    rng = random.Random(seed + 1)
    weights = [w for w, _ in QUERY_MIX]
    kinds = [k for _, k in QUERY_MIX]
    queries = []
    for _ in range(count):
        kind = rng.choices(kinds, weights)[0]
        if kind == "facet":
            text, filters = rng.choice(FACETED)
            queries.append(BenchQuery(text, dict(filters)))
            continue
        pool = {"one": ONE_CHAR, "two": TWO_CHAR, "question": QUESTIONS, "nothing": NO_MATCH}
        queries.append(BenchQuery(rng.choice(pool[kind]), {}))
    return queries


# --- measuring -------------------------------------------------------------


def run_query(backend: EmbeddedBackend, query: BenchQuery) -> SearchResults:
    """As search.service.search does it: all terms first, then any term."""
    terms = query_terms(query.text)
    search_query = SearchQuery(text=query.text, terms=terms, filters=query.filters, per_page=10)
    results = backend.search(search_query)
    if results.total == 0 and len(terms) > 1:
        search_query.match_all_terms = False
        results = backend.search(search_query)
    return results


def _target(targets: tuple[tuple[int, int], ...], documents: int) -> int:
    return next((ms for upto, ms in targets if documents <= upto), targets[-1][1])


def sizes() -> list[tuple[str, int]]:
    """(what, bytes): the indexed text, the full-text index, the entry table."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE portal_search_fts")  # as autovacuum would, after a load
            cursor.execute("VACUUM ANALYZE portal_search_searchentry")
            # portal_search_fts is partitioned: its size is its partitions' sizes.
            cursor.execute(
                "SELECT (SELECT sum(octet_length(title) + octet_length(body) "
                "+ octet_length(context)) FROM portal_search_searchentry), "
                "(SELECT sum(pg_total_relation_size(relid)) "
                " FROM pg_partition_tree('portal_search_fts')), "
                "(SELECT sum(pg_relation_size(i.indexrelid)) "
                " FROM pg_partition_tree('portal_search_fts') t "
                " JOIN pg_index i ON i.indrelid = t.relid "
                " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                " WHERE a.amname = 'gin'), "
                "pg_total_relation_size('portal_search_searchentry')"
            )
            text, index, gin, entries = cursor.fetchone()
            return [
                ("text (title, body, context; UTF-8)", int(text or 0)),
                (
                    "full-text index (portal_search_fts: folded texts and GIN indexes)",
                    int(index or 0),
                ),
                ("  of which GIN indexes", int(gin or 0)),
                ("entry table (what results show)", int(entries)),
            ]
        tokens_sum = " + ".join(f"length(CAST({c} AS BLOB))" for c in TOKEN_COLUMNS)
        cursor.execute(
            "SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB)) + "  # noqa: S608
            f"length(CAST(context AS BLOB))), sum({tokens_sum}) FROM portal_search_searchentry"
        )
        text, tokens = cursor.fetchone()
        found = [("text (title, body, context; UTF-8)", int(text or 0))]
        try:
            cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'portal_search_fts%'")
            fts = int(cursor.fetchone()[0] or 0)
        except Exception:  # dbstat not compiled in
            return [*found, ("token columns (the FTS5 table's external content)", int(tokens))]
        return [
            *found,
            ("full-text index (FTS5 tables and their token columns)", fts + int(tokens or 0)),
            ("  of which token columns (external content)", int(tokens or 0)),
        ]


def main(args: argparse.Namespace) -> int:
    queries = generate_queries(args.queries, args.seed)
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        backend = EmbeddedBackend()
        print(f"database: {connection.vendor}, batches of {args.batch}")

        seconds, characters = 0.0, 0
        with tqdm(total=args.documents, desc="indexing", unit="doc") as progress:
            for batch in generate_documents(args.documents, args.seed, args.batch):
                characters += sum(len(d.title) + len(d.body) for d in batch)
                start = time.perf_counter()  # only the indexing is timed
                with transaction.atomic():
                    backend.index(batch)
                seconds += time.perf_counter() - start
                progress.update(len(batch))
        rate = args.documents / seconds if seconds else float("inf")
        indexed = backend.count()
        print(
            f"indexed {indexed} documents ({characters / max(indexed, 1):.0f} characters on "
            f"average) in {seconds:.1f} s: {rate:.0f} documents/s"
        )
        measured = sizes()
        for label, size_bytes in measured:
            print(f"{label}: {size_bytes / 2**20:.1f} MiB")
        text, index = measured[0][1], measured[1][1]
        ratio = index / text if text else 0.0

        for query in dict.fromkeys((q.text, tuple(q.filters.items())) for q in queries):
            run_query(backend, BenchQuery(query[0], dict(query[1])))  # warm-up pass
        timings: list[float] = []
        totals: list[int] = []
        for query in tqdm(queries, desc="querying", unit="query", leave=False):
            start = time.perf_counter()
            results = run_query(backend, query)
            timings.append((time.perf_counter() - start) * 1000)
            totals.append(results.total)
        p50 = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[18] if len(timings) > 1 else timings[0]
        print(
            f"queries: {len(timings)}, p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"max {max(timings):.1f} ms, mean hits {statistics.fmean(totals):.0f} "
            f"(no hits: {sum(1 for t in totals if not t)})"
        )

        targets = POSTGRES_P95_MS if connection.vendor == "postgresql" else SQLITE_P95_MS
        target_p95 = _target(targets, args.documents)
        met = [
            (
                f"indexing >= {TARGET_DOCS_PER_SECOND} docs/s",
                f"{rate:.0f}",
                rate >= TARGET_DOCS_PER_SECOND,
            ),
            (
                f"query p95 <= {target_p95} ms at {args.documents} documents",
                f"{p95:.1f}",
                p95 <= target_p95,
            ),
        ]
        if connection.vendor == "postgresql":  # the size target is PostgreSQL's
            met.append(
                (
                    f"index <= {TARGET_INDEX_RATIO:.0f}x the text",
                    f"{ratio:.2f}x",
                    ratio <= TARGET_INDEX_RATIO,
                )
            )
        else:
            print(f"index / text: {ratio:.2f}x (the token columns counted as index)")
        for label, value, ok in met:
            print(f"target: {label} — {'met' if ok else 'MISSED'} ({value})")
        return 0 if all(ok for _label, _value, ok in met) else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main(ARGS or parse_args()))
