"""Staff for the demo county: every window staffed, AB pairs, a few away.

Create-only (found by work number), so `load_demo` run twice leaves statuses
that people have since changed alone. Photos are generated portrait cards
with the surname, so the board, the hall display and the API exercise the
photo path without shipping pictures of real people.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model

from PIL import Image, ImageDraw, ImageFont

from editorial.services.roles import workspace_collection_for
from pages.models import ServiceCenterPage, ServiceWindow
from staff.models import StaffMember, WhereaboutsStatus
from staff.services.whereabouts import set_status

DEMO_STAFF_PASSWORD = "Qingshi-staff-2026"  # noqa: S105  (documented demo login, DEBUG only)
_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
_COLOURS = ["#1d4ed8", "#1b7f3b", "#9a3412", "#6d28d9", "#0e7490", "#b91c1c"]

# Per center: (name, title, window number or None for leadership).
# Window staff come in pairs: each is the other's B post (AB岗).
_LEADERS = {
    "yunxi": [("杨明远", "中心主任（镇党委委员、副镇长）"), ("陈晓燕", "中心常务副主任")],
    "songlin": [("龙光辉", "中心主任（副乡长）"), ("杨再芬", "中心常务副主任")],
    "chengguan": [("周丽娟", "中心主任（街道办事处副主任）"), ("郑凯", "中心常务副主任")],
}
_WINDOW_STAFF = {
    "yunxi": [
        "吴国平",
        "罗丹",
        "潘志强",
        "杨秀梅",
        "王海",
        "刘芳",
        "赵德明",
        "黄丽",
        "蒙世勇",
        "石磊",
        "韦春花",
        "田波",
    ],
    "songlin": [
        "吴永昌",
        "欧阳琴",
        "龙海燕",
        "杨通贵",
        "石小梅",
        "潘文",
        "蒋丽萍",
        "吴德胜",
        "龙建国",
        "杨梅",
        "张发明",
        "姚翠",
    ],
    "chengguan": [
        "李静",
        "何伟",
        "孙晓红",
        "冯军",
        "徐丽",
        "马超",
        "胡敏",
        "朱建华",
        "高峰",
        "林雪",
        "郭涛",
        "宋佳",
    ],
}
_WINDOW_TITLES = ["窗口负责人", "窗口经办人"]
# Demo accounts: the deputy director (manages the board) and window 2's A post.
_ACCOUNTS = {
    "yunxi": ("yunxi", "潘志强"),
    "songlin": ("songlin", "龙海燕"),
    "chengguan": ("chengguan", "孙晓红"),
}


@dataclass
class DemoAccount:
    username: str
    name: str
    password: str | None


def load_staff(home, created: list[str]) -> list[DemoAccount]:
    """Staff for every demo center; returns the demo logins created this run."""
    accounts: list[DemoAccount] = []
    statuses = {s.name: s for s in WhereaboutsStatus.objects.all()}
    for center in ServiceCenterPage.objects.child_of(home).filter(slug__in=_LEADERS):
        prefix = center.slug[:2].upper()
        members = _leaders(center, prefix, created) + _window_staff(center, prefix, created)
        new = [m for m in members if m.status_id is None]
        for member in new:
            set_status(member, statuses["在岗"])
        if center.slug == "yunxi" and new:
            _away(center, statuses)
        accounts += _accounts(center, members)
    return accounts


def _member(center, work_number: str, created: list[str], **values) -> StaffMember:
    member = StaffMember.objects.filter(center=center, work_number=work_number).first()
    if member is None:
        member = StaffMember.objects.create(center=center, work_number=work_number, **values)
        member.photo = _photo(member)
        member.save(update_fields=["photo"])
        created.append(f"工作人员: {center.title} {member.name}")
    return member


def _leaders(center, prefix: str, created: list[str]) -> list[StaffMember]:
    (director, director_title), (deputy, deputy_title) = _LEADERS[center.slug]
    first = _member(
        center,
        f"{prefix}-001",
        created,
        name=director,
        title=director_title,
        is_leadership=True,
        can_manage_board=True,
        sort_order=0,
        office_phone=center.consultation_phone,
    )
    second = _member(
        center,
        f"{prefix}-002",
        created,
        name=deputy,
        title=deputy_title,
        is_leadership=True,
        can_manage_board=True,
        sort_order=1,
        office_phone=center.consultation_phone,
        mobile="13908590002",
        mobile_public=True,
    )
    _pair(first, second)
    return [first, second]


def _window_staff(center, prefix: str, created: list[str]) -> list[StaffMember]:
    names = _WINDOW_STAFF[center.slug]
    members = []
    windows = ServiceWindow.objects.filter(unit=center).prefetch_related("departments")
    for index, window in enumerate(windows.order_by("number")):
        departments = list(window.departments.order_by("pk"))
        pair = []
        for slot in range(2):
            position = index * 2 + slot
            if position >= len(names):
                break
            pair.append(
                _member(
                    center,
                    f"{prefix}-{position + 11:03d}",
                    created,
                    name=names[position],
                    title=_WINDOW_TITLES[slot],
                    window=window,
                    department=departments[slot % len(departments)] if departments else None,
                    office_phone=window.phone,
                    mobile=f"1390859{position + 11:04d}",
                    mobile_public=slot == 0 and index % 2 == 0,
                    sort_order=10 + position,
                )
            )
        if len(pair) == 2:
            _pair(*pair)
        members += pair
    return members


def _pair(a: StaffMember, b: StaffMember) -> None:
    if a.ab_partner_id is None and b.ab_partner_id is None:
        a.ab_partner, b.ab_partner = b, a
        a.save(update_fields=["ab_partner"])
        b.save(update_fields=["ab_partner"])


def _away(center, statuses: dict) -> None:
    """A realistic morning in 云溪: one on a village visit, one in training."""
    now = timezone.localtime()
    visits = StaffMember.objects.get(center=center, name="蒙世勇")
    set_status(
        visits,
        statuses["下村走访"],
        note="红岩村宅基地踏勘",
        until=now.replace(hour=16, minute=30, second=0, microsecond=0)
        + (dt.timedelta(days=1) if now.hour >= 16 else dt.timedelta()),
    )
    training = StaffMember.objects.get(center=center, name="黄丽")
    set_status(
        training,
        statuses["学习培训"],
        note="县医保局业务培训",
        until=(now + dt.timedelta(days=1)).replace(hour=17, minute=30, second=0, microsecond=0),
    )


def _accounts(center, members: list[StaffMember]) -> list[DemoAccount]:
    slug, window_name = _ACCOUNTS[center.slug]
    wanted = [
        (f"{slug}-deputy", members[1]),
        (f"{slug}-window", next(m for m in members if m.name == window_name)),
    ]
    accounts = []
    user_model = get_user_model()
    for username, member in wanted:
        if member.user_id is not None or user_model.objects.filter(username=username).exists():
            continue
        password = DEMO_STAFF_PASSWORD if settings.DEBUG else secrets.token_urlsafe(12)
        user = user_model.objects.create_user(username, password=password, first_name=member.name)
        member.user = user
        member.save(update_fields=["user"])
        accounts.append(DemoAccount(username, member.name, password))
    return accounts


def _photo(member: StaffMember):
    """A 240×320 portrait card with the surname; None where the CJK font is missing."""
    if not _FONT.exists():
        return None
    colour = _COLOURS[member.pk % len(_COLOURS)]
    picture = Image.new("RGB", (240, 320), colour)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(str(_FONT), 140)
    draw.text((120, 150), member.name[:1], font=font, fill="white", anchor="mm")
    small = ImageFont.truetype(str(_FONT), 30)
    draw.text((120, 280), member.name, font=small, fill="white", anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = get_image_model()(title=f"{member.name}（演示照片）")
    collection = workspace_collection_for(member.center)
    if collection is not None:
        image.collection = collection
    image.file = ImageFile(buffer, name=f"staff-{member.center.slug}-{member.pk}.png")
    image.save()
    return image
