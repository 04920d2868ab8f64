"""The scanner's built-in knowledge: ad phrasing, contact ids, domains, categories.

Kept apart from the county's lexicon (InjectionTerm rows) because these are
shapes, not words: an ad says "注册送88元" or "加微信 abc123" whatever brand it
pushes. All patterns run on folded text (half-width, lower case, simplified).
"""

from __future__ import annotations

import re
from typing import NamedTuple


def _words(text: str) -> frozenset[str]:
    """A set written as one string, for long word lists."""
    return frozenset(text.split())


CATEGORY_LABELS = {
    "gambling": "博彩",
    "lottery": "彩票",
    "app": "应用下载",
    "official-site": "冒充官网",
    "adult": "色情低俗",
    "finance": "贷款理财诈骗",
    "other": "其他",
    "link": "可疑网址",
    "hidden": "隐藏内容",
}
# A finding at or above this score is reported.
THRESHOLD = 5

_ID = r"[a-z][-_a-z0-9]{5,19}"
_WECHAT = r"(?:微信号?|威信|薇信|v信|vx|wx|加v)"


class Pattern(NamedTuple):
    """`key` names the pattern: a lexicon term with the same text and weight 0 silences it."""

    key: str
    regex: re.Pattern[str]
    category: str
    weight: int


def _p(key: str, regex: str, category: str, weight: int) -> Pattern:
    return Pattern(key, re.compile(regex), category, weight)


AD_PATTERNS: tuple[Pattern, ...] = (
    _p("百家乐", r"百家乐", "gambling", 5),
    _p("体育投注", r"体育投注|足球投注|篮球投注", "gambling", 5),
    _p("彩金", r"彩金", "gambling", 5),
    _p("返水", r"返水", "gambling", 5),
    _p("首存", r"首存", "gambling", 5),
    _p("真人荷官", r"真人荷官|真人视讯", "gambling", 5),
    _p("网上赌场", r"(?:网上|线上|网络|在线)赌场", "gambling", 5),
    _p("老虎机", r"老虎机", "gambling", 4),
    _p("时时彩", r"时时彩|六合彩|北京赛车|pk10|幸运飞艇", "lottery", 5),
    _p("注册送", r"(?:注册|开户|充值|首充)(?:即|就)?送\s*\d+", "gambling", 5),
    _p("日赚", r"日赚\s*\d+|日入\s*\d+|躺赚|稳赚不赔", "finance", 5),
    _p("加微信", rf"加\s*(?:{_WECHAT}|qq|扣扣)\s*[:：]?\s*(?:{_ID}|\d{{5,11}})", "other", 4),
    _p("官方网站下载", r"(?:官方网站|官网|官方)\s*(?:app)?\s*(?:下载|入口)", "app", 3),
    _p("扫码下载", r"扫码(?:下载|注册|领取)|扫描二维码(?:下载|注册)", "app", 2),
    _p("app下载", r"app\s*(?:官方)?\s*下载|下载\s*app", "app", 2),
)

# Contact ids: as findings they need context; as context they weigh a lot.
CONTACT_PATTERNS: tuple[Pattern, ...] = (
    _p("qq", r"(?<![a-z])(?:qq|扣扣|企鹅)(?:号|群)?\s*[:：]?\s*\d{5,11}(?!\d)", "other", 2),
    _p("微信", rf"{_WECHAT}\s*[:：]?\s*{_ID}(?![a-z0-9])", "other", 2),
)
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")

# Words that make a nearby weak term look like an ad: (regex, value, name).
CONTEXT_WORDS: tuple[tuple[re.Pattern[str], int, str], ...] = tuple(
    (re.compile(regex), value, name)
    for regex, value, name in (
        (r"送\s*\d+|彩金|返水|首存|提现|出款|秒到|稳赚|日赚|包赔|赔率|投注|下注", 2, "返利"),
        (r"下载|app|扫码|手机版", 1, "下载"),
        (r"注册|开户|充值|登录|入口", 1, "注册"),
        (r"官网|官方网站|网址|最新地址|备用网址", 1, "官网"),
        (r"代理|加盟|优惠|点击进入", 1, "推广"),
    )
)
# A sentence warning *against* gambling or fraud is not an advert for it.
WARNING_WORDS = re.compile(
    r"打击|严禁|禁止|禁赌|谨防|防范|警惕|举报|违法|犯罪|反诈|诈骗|拒绝|远离|取缔|查处|整治|抵制|"
    r"不法|非法|诱骗|骗局|陷阱|上当|受骗|危害|参赌|涉赌|警示"
)

# Lottery draws: a 4+ digit number or a row of 2-digit numbers, near both of these.
LOTTERY_NUMBER = re.compile(
    r"(?<![\d\-/.〔\[])(?:\d{4,}|(?:\d{1,2}[ ,，、]){4,}\d{1,2})(?![\d年\-/])"
)
LOTTERY_WORDS = re.compile(
    r"开奖|中奖|特码|必中|包中|稳中|投注|下注|赔率|一码|平特|六合|时时彩|期期|买码|码报|澳彩|港彩"
)
MONEY_WORDS = re.compile(r"元|万|奖金|彩金|赔|返|送|¥|￥|倍")

# Domains: full URLs and bare host names (the TLD list keeps "1.5" and "图1.jpg" out).
_TLDS = (
    "com|cn|net|org|vip|cc|top|xyz|app|bet|me|tv|info|io|co|club|win|shop|site|online|live|"
    "fun|pw|tk|ws|asia|hk|tw|mo|us|biz|ink|ltd|link|xin|casino|games|game|bet|porn|sex|icu|"
    "buzz|love|work|wang|ren|pro|red|kim|best|cyou|one|ai"
)
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'，。、；：！？（）()【】“”]+"
    rf"|(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})(?![a-z0-9-])"
    r"(?::\d+)?(?:/[^\s<>\"'，。、；！？（）()【】“”]*)?"
)
IP_HOST = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
SUSPICIOUS_TLDS = _words(
    "vip cc top xyz bet win club tk pw fun live shop site online app casino games game ws "
    "asia ink me tv porn sex icu buzz love wang cyou"
)
# Government TLDs and a few national sites a county page links to; extended by
# settings.SCANNER_ALLOWED_DOMAINS.
DEFAULT_ALLOWED_DOMAINS = (
    "gov.cn",
    "政务",
    "公益",
    "edu.cn",
    "people.com.cn",
    "xinhuanet.com",
    "news.cn",
    "cctv.com",
    "weixin.qq.com",
    "12306.cn",
)

# Substitution heuristics.
BRAND_SUFFIXES = {
    "体育": "gambling",
    "娱乐": "gambling",
    "娱乐城": "gambling",
    "娱乐场": "gambling",
    "棋牌": "gambling",
    "真人": "gambling",
    "电竞": "gambling",
    "赌场": "gambling",
    "网投": "gambling",
    "捕鱼": "gambling",
    "国际": "gambling",
    "彩票": "lottery",
    "app": "app",
    "官网": "official-site",
    "官方网站": "official-site",
}
# Latin words common in Chinese government text; never "out of place".
COMMON_LATIN = _words(
    "app pdf doc docx xls xlsx wps ofd jpg jpeg png gif zip rar txt html http https www "
    "com gov cn net org edu ems gps gdp cpi ppp etc usb wifi pos atm sim tel fax email "
    "ukey ocr sms api covid ipv ipv6 nfc pdf ca ic id no ok vip qq wechat"
)
# Scripts that have no business in a Chinese county text (minority scripts excluded).
FOREIGN_RUN = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff"
    r"\uac00-\ud7af\u0900-\u097f]{2,}"
)
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"(?<![a-z0-9])[a-z][a-z0-9]{2,}(?![a-z0-9])")
