"""The lexicon a new county starts with; counties edit it in 设置 → 植入内容词库.

Weights follow the model's help text: 5 = enough alone (a casino brand),
1–2 = ordinary words that only count next to an ad (棋牌, 彩票, 办证).
"""

from __future__ import annotations

from .models import InjectionTerm

DEFAULT_TERMS: tuple[tuple[str, str, int, str], ...] = (
    # gambling brands and games
    ("澳门新葡京", "gambling", 5, "博彩品牌"),
    ("新葡京", "gambling", 5, "博彩品牌"),
    ("澳门威尼斯人", "gambling", 5, "博彩品牌"),
    ("太阳城集团", "gambling", 5, "博彩品牌"),
    ("金沙娱乐", "gambling", 5, "博彩品牌"),
    ("皇冠体育", "gambling", 5, "博彩品牌"),
    ("亚博体育", "gambling", 5, "博彩品牌"),
    ("开云体育", "gambling", 5, "博彩品牌"),
    ("乐鱼体育", "gambling", 5, "博彩品牌"),
    ("必威体育", "gambling", 5, "博彩品牌"),
    ("bet365", "gambling", 5, "博彩品牌"),
    ("娱乐城", "gambling", 4, ""),
    ("博彩", "gambling", 4, "反赌宣传中也会出现，已按上下文降权"),
    ("赌场", "gambling", 3, ""),
    ("电子游艺", "gambling", 3, ""),
    ("棋牌", "gambling", 1, "正常文体活动也会出现"),
    # lottery
    ("一码中特", "lottery", 5, ""),
    ("特码", "lottery", 4, ""),
    ("开奖直播", "lottery", 4, ""),
    ("彩票计划", "lottery", 4, ""),
    ("彩票平台", "lottery", 3, ""),
    ("彩票", "lottery", 1, "福利彩票、体育彩票是正常业务"),
    # app promotion
    ("官方app", "app", 2, ""),
    ("手机版下载", "app", 2, ""),
    ("安卓版", "app", 1, ""),
    ("苹果版", "app", 1, ""),
    # impersonated official sites
    ("官网入口", "official-site", 4, ""),
    ("最新网址", "official-site", 4, ""),
    ("备用网址", "official-site", 5, ""),
    ("永久网址", "official-site", 5, ""),
    ("官方网站", "official-site", 1, "政府网站本身也这样称呼"),
    # adult
    ("成人视频", "adult", 5, ""),
    ("裸聊", "adult", 5, ""),
    ("约炮", "adult", 5, ""),
    ("同城交友", "adult", 3, ""),
    ("色情", "adult", 2, "扫黄打非通告中会出现"),
    # finance scams
    ("黑户贷款", "finance", 5, ""),
    ("网贷秒批", "finance", 5, ""),
    ("股票配资", "finance", 4, ""),
    ("无抵押贷款", "finance", 3, ""),
    ("高额回报", "finance", 3, ""),
    ("信用卡套现", "finance", 4, ""),
    ("刷单", "finance", 2, "反诈宣传中会出现"),
    # other
    ("代开发票", "other", 5, ""),
    ("代孕", "other", 5, ""),
    ("私家侦探", "other", 4, ""),
    ("办证", "other", 1, "“办证大厅”是正常用语"),
)


def seed_default_lexicon() -> int:
    """Add the default terms that are missing; never touches a county's edits. Returns how many."""
    existing = set(InjectionTerm.objects.values_list("term", flat=True))
    new = [
        InjectionTerm(term=term, category=category, weight=weight, note=note)
        for term, category, weight, note in DEFAULT_TERMS
        if term not in existing
    ]
    InjectionTerm.objects.bulk_create(new)
    return len(new)
