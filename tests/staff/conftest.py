"""A center with two windows, an AB pair on each, a director, and a second center."""

import pytest

from tests import shared
from tests.factories import (
    ServiceCenterPageFactory,
    StaffMemberFactory,
    make_user,
    make_window,
    publish,
)


@pytest.fixture
def hall(shared_data, tree, request):
    """Built once per module with the tree (see tests/shared.py)."""
    return shared_data.get("hall", request.node)


@shared.builds("hall")
def _build_hall(data):
    tree = data["tree"]
    center = tree["center"]
    civil = make_window(center, 1, "民政救助窗口", "民政办")
    social = make_window(center, 2, "人社窗口", "人社服务中心")
    director = StaffMemberFactory(
        center=center, name="周主任", title="中心主任", is_leadership=True, can_manage_board=True
    )
    a = StaffMemberFactory(center=center, name="张民政", window=civil, mobile="13811112222")
    b = StaffMemberFactory(center=center, name="李民政", window=civil, ab_partner=a)
    a.ab_partner = b
    a.save()
    solo = StaffMemberFactory(center=center, name="王人社", window=social)
    other_center = publish(
        ServiceCenterPageFactory(parent=tree["home"], slug="other", market_day_calendar="none")
    )
    outsider = StaffMemberFactory(
        center=other_center, name="赵外镇", can_manage_board=True, is_leadership=True
    )
    return {
        "center": center,
        "other_center": other_center,
        "director": director,
        "a": a,
        "b": b,
        "solo": solo,
        "outsider": outsider,
        "civil": civil,
        "users": {
            "director": make_user("director", director),
            "a": make_user("staff-a", a),
            "b": make_user("staff-b", b),
            "outsider": make_user("outsider", outsider),
        },
    }
