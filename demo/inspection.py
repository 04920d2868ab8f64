"""The demo's 网站检查 case: 城关街道 neglects two columns, so the county fails 栏目不更新.

Its 工作动态 column was last updated a month ago (and that item links to the
township's old website, which is gone); its 街道要闻 column was opened and never
filled. With the other townships' six-month-old 政策文件 columns that makes five
columns not updated, the inspection's threshold. Publishing into 工作动态 and
removing 街道要闻 turns the item green. 云溪镇 has a draft notice with a wrong state
name, which the wording checker flags when it is published.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.sections import SectionKind
from inspection.services import linkcheck, report
from pages.models import NoticePage, SectionPage, ServiceCenterPage

# The township's website before the portal: switched off, so the link is broken.
OLD_SITE = "http://127.0.0.1:9/chengguan/2019/notice.html"
STALE_DAYS = 30


def _column(center: ServiceCenterPage, slug: str, title: str) -> SectionPage:
    column = SectionPage.objects.child_of(center).filter(slug=slug).first()
    if column is None:
        column = SectionPage(title=title, slug=slug, kind=SectionKind.NEWS)
        center.add_child(instance=column)
        column.save_revision().publish()
    return column


def _notice(
    column: SectionPage, slug: str, title: str, start: dt.date, body: str, publish: bool = True
) -> NoticePage:
    """Create-only: a demo that was changed by hand keeps the change."""
    notice = NoticePage.objects.child_of(column).filter(slug=slug).first()
    if notice is None:
        notice = NoticePage(
            title=title,
            slug=slug,
            kind="notice",
            notice_start=start,
            notice_end=start + dt.timedelta(days=7),
            expire_on_end=False,
            body=body,
            live=False,
        )
        column.add_child(instance=notice)
        revision = notice.save_revision()
        if publish:
            revision.publish()
    return notice


def load_inspection() -> list[str]:
    today = timezone.localdate()
    done = []
    chengguan = ServiceCenterPage.objects.filter(slug="chengguan", locale__language_code="zh-hans")
    if center := chengguan.first():
        news = _column(center, "work-news", "工作动态")
        _column(center, "street-news", "街道要闻")  # opened, never filled: 空白栏目
        _notice(
            news,
            "archive-moved",
            "街道原网站信息迁移说明",
            today - dt.timedelta(days=STALE_DAYS),
            f'<p>街道原网站的历史信息可在<a href="{OLD_SITE}">原网站存档</a>查阅。</p>',
        )
        done.append("城关街道：工作动态 30 天未更新（含一个失效外链），街道要闻为空白栏目")
    yunxi = ServiceCenterPage.objects.filter(slug="yunxi", locale__language_code="zh-hans")
    if (center := yunxi.first()) and (notices := SectionPage.of_kind(center, "notices").first()):
        _notice(
            notices,
            "law-week-draft",
            "宪法宣传周活动通知（草稿）",
            today,
            "<p>为弘扬宪法精神，定于本周开展《中华人民共合国宪法》宣传活动。</p>",
            publish=False,
        )
        done.append("云溪镇：草稿“宪法宣传周活动通知”含错误表述，发布时提示")
    # A first run, so that admin → 网站检查 shows the county's state straight away (the
    # external links wait for `check_links --external`, as on a real site's timer).
    linkcheck.check_site()
    result = report.run()
    done.append(f"首次检查：{result['verdict']}，预估得分 {result['score']}")
    return done
