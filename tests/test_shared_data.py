"""The shared fixtures (tests/shared.py) never let one test's data reach another.

The tests of this module run in file order: two on the tree, one on the towns,
one on nothing; each checks that it sees exactly the data it asked for.
"""

from pages.models import CountyHomePage, ServiceCenterPage
from tests.editorial import conftest as editorial_fixtures
from tests.factories import ServiceCenterPageFactory, publish

towns = editorial_fixtures.towns

CHANGED = "改过的中心名称"


def test_a_test_changes_the_shared_tree(tree):
    center = tree["center"]
    center.title = CHANGED
    center.save()
    publish(ServiceCenterPageFactory(parent=tree["home"], slug="extra"))
    tree["home"].title = CHANGED  # an instance changed in memory only


def test_the_next_test_gets_the_tree_as_built(tree):
    assert ServiceCenterPage.objects.get().pk == tree["center"].pk
    assert tree["center"].title != CHANGED
    assert tree["home"].title != CHANGED
    assert not ServiceCenterPage.objects.filter(slug="extra").exists()


def test_a_test_asking_for_other_data_sees_none_of_the_tree(towns):
    a, b = towns
    assert CountyHomePage.objects.count() == 1
    assert set(ServiceCenterPage.objects.values_list("pk", flat=True)) == {a.center.pk, b.center.pk}


def test_a_test_asking_for_nothing_sees_no_county(db):
    assert not CountyHomePage.objects.exists()
