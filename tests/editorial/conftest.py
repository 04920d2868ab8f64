"""Two centers, each with an editor and a director, logged in over HTTP."""

from dataclasses import dataclass

from django.test import Client

import pytest

from tests import shared
from tests.factories import ServiceCenterPageFactory, make_site_tree, make_user, publish


@dataclass
class Town:
    center: object
    workspace: object
    editor: object
    director: object

    def client(self, who: str) -> Client:
        """One logged-in browser per person (so messages survive a redirect)."""
        clients = self.__dict__.setdefault("_clients", {})
        if who not in clients:
            clients[who] = Client()
            clients[who].force_login(getattr(self, who))
        return clients[who]


def _town(center, name: str) -> Town:
    from editorial.models import CenterWorkspace

    workspace = CenterWorkspace.objects.get(center=center)
    editor = make_user(f"{name}-editor")
    editor.email = f"{name}-editor@example.invalid"
    editor.save()
    editor.groups.add(workspace.editor_group)
    director = make_user(f"{name}-director")
    director.email = f"{name}-director@example.invalid"
    director.save()
    director.groups.add(workspace.reviewer_group)
    return Town(center, workspace, editor, director)


@pytest.fixture
def towns(shared_data, db, request):
    """Town A (the tree's center, with its sections) and town B beside it (built once per module,
    see tests/shared.py)."""
    return shared_data.get("towns", request.node)


@shared.builds("towns")
def _build_towns(data):
    from pages.models import SectionPage

    tree = make_site_tree()
    center_b = publish(
        ServiceCenterPageFactory(
            parent=tree["home"],
            title="石桥镇便民服务中心",
            slug="shiqiao",
            official_name="青石县石桥镇便民服务中心",
            township_name="石桥镇",
        )
    )
    a, b = _town(tree["center"], "a"), _town(center_b, "b")
    a.guides = SectionPage.objects.child_of(a.center).get(kind="guides")
    b.guides = SectionPage.objects.child_of(b.center).get(kind="guides")
    return a, b
