"""Two centers (tests.editorial.conftest) and their 信息公开 officers."""

from django.test import Client

import pytest

from tests.editorial.conftest import _build_towns, towns  # noqa: F401
from tests.factories import make_user


@pytest.fixture
def officer():
    """officer(town) -> a logged-in client of a new officer of that town's center."""

    def make(town, name: str = "") -> Client:
        from disclosure.services.officers import ensure_office

        user = make_user(name or f"officer-{town.center.pk}")
        user.groups.add(ensure_office(town.center).group)
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return make


@pytest.fixture
def today(monkeypatch):
    """today(date): the site's "today" from now on (the clock, the receipt, the admin)."""
    from django.utils import timezone

    def set_to(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return set_to


VALID = {
    "applicant_type": "person",
    "name": "欧阳明轩",
    "id_type": "id_card",
    "id_number": "11010519491231002X",
    "phone": "13812345678",
    "address": "云溪镇河街12号",
    "description": "2026年云溪镇城乡低保对象名单",
    "document_number": "",
    "purpose": "了解本村低保情况",
    "supply_form": "paper",
    "delivery": "post",
}
