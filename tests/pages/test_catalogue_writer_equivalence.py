"""The catalogue's bulk writer leaves what Wagtail's own publishing would.

The same two imports (creations, then updates, publications and drafts) run
once through the bulk writer and once through `save_revision().publish()`,
each inside a savepoint that is rolled back; the pages, their children,
revisions, reference index and search entries they leave must be the same,
ids and timestamps aside. Wagtail's background tasks (reference index, its
own search index) run at once here, as in production.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.forms.models import model_to_dict
from django.test import override_settings

from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

import pytest

from pages.models import SectionPage, ServiceGuidePage
from pages.services.catalogue_io import import_catalogue, importer
from pages.services.catalogue_io.writer import _GuideWriter
from search.models import PendingIndexUpdate, SearchEntry
from tests.pages import test_catalogue_io as catalogue_tests

center = catalogue_tests.center  # two windows, a department and two themes
item, write_csv = catalogue_tests.item, catalogue_tests.write_csv

IGNORED_INDEX = {"id", "title_norm"}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# What differs between two runs by nature: database ids, random keys, clocks.
VOLATILE = {"id", "pk", "page_ptr", "guide", "translation_key", "latest_revision", "live_revision"}


class WagtailPathWriter(_GuideWriter):
    """Every guide through Wagtail's public API, as an editor in the admin would:
    add_child and a revision for a new guide, then publish() if it is complete."""

    def write(self, plans, progress):
        for plan in plans:
            if plan.page is None:
                self._create_one(plan)
            else:
                self._update_one(plan)  # save_revision(), then publish() if complete

    def _create_one(self, plan):
        """As the admin's create view does: a page to publish is added live (the
        model's default), a draft not live, then the first revision is saved."""
        page = ServiceGuidePage(slug=self._slug(plan.row.item_code), item_code=plan.row.item_code)
        self._apply(page, plan.merged)
        page.live = plan.outcome.published
        self.section.add_child(instance=page)
        revision = page.save_revision(clean=False)
        log(instance=page, action="wagtail.create", revision=revision, content_changed=True)
        if plan.outcome.published:
            revision.publish()


def _normalised(value):
    """JSON with ids and random keys reduced to whether they are set, times to whether given."""
    if isinstance(value, dict):
        return {
            key: (
                value[key] is not None
                if key in VOLATILE or key.endswith("_at")
                else _normalised(value[key])
            )
            for key in sorted(value)
        }
    if isinstance(value, list):
        return [_normalised(v) for v in value]
    if isinstance(value, dt.datetime | uuid.UUID):
        return True
    return value


def _rows(manager, *exclude):
    return [
        _normalised({k: v for k, v in model_to_dict(row).items() if k not in exclude})
        for row in manager.order_by("sort_order", "pk")
    ]


def _state(section: SectionPage) -> dict:
    """Everything the import leaves, keyed by tree path (the same in both runs)."""
    section.refresh_from_db()
    guides = list(ServiceGuidePage.objects.child_of(section).order_by("path"))
    path_of = {str(page.pk): page.path for page in Page.objects.all()}
    state = {"section numchild": section.numchild, "pages": {}, "revisions": {}}
    for guide in guides:
        fields = {f.attname: getattr(guide, f.attname) for f in guide._meta.concrete_fields}
        state["pages"][guide.path] = {
            "fields": _normalised({k.removesuffix("_id"): v for k, v in fields.items()}),
            "legal_bases": _rows(guide.legal_bases),
            "materials": _rows(guide.materials),
            "steps": _rows(guide.steps),
            "faqs": _rows(guide.faqs),
            "themes": sorted(guide.themes.values_list("slug", flat=True)),
        }
        state["revisions"][guide.path] = [
            (_normalised(r.content), r.object_str, r.approved_go_live_at, r.user_id)
            for r in Revision.objects.for_instance(guide).order_by("created_at", "pk")
        ]
    state["reference index"] = sorted(
        (
            path_of[row.object_id],
            row.content_type_id,
            row.to_content_type_id,
            row.to_object_id,
            row.model_path,
            row.content_path,
        )
        for row in ReferenceIndex.objects.filter(object_id__in=[str(g.pk) for g in guides])
    )
    state["search entries"] = sorted(
        (
            _key_path(entry.key, path_of),
            _normalised(model_to_dict(entry, exclude=["id", "key", "indexed_at"])),
        )
        for entry in SearchEntry.objects.all()
    )
    state["pending index updates"] = PendingIndexUpdate.objects.count()
    # title_norm is left out: Wagtail's database backends set it from the average
    # title length of the entries there when a batch is added, so it depends on
    # how many arrive at once, however they are written.
    columns = [f.attname for f in IndexEntry._meta.concrete_fields if f.name not in IGNORED_INDEX]
    state["wagtail search index"] = sorted(
        (path_of.get(row.pop("object_id"), "?"), sorted(row.items()))
        for row in IndexEntry.objects.filter(object_id__in=[str(g.pk) for g in guides]).values(
            *columns
        )
    )
    return state


def _differences(ours, theirs, where="") -> list[str]:
    """Where two states part, leaf by leaf, so that a failure says what differs."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        found = []
        for key in sorted(set(ours) | set(theirs), key=str):
            if key not in ours or key not in theirs:
                found.append(f"{where}/{key}: only in {'ours' if key in ours else 'theirs'}")
            else:
                found += _differences(ours[key], theirs[key], f"{where}/{key}")
        return found
    if isinstance(ours, list | tuple) and isinstance(theirs, list | tuple):
        if len(ours) != len(theirs):
            only_ours = [repr(x)[:200] for x in ours if x not in theirs]
            only_theirs = [repr(x)[:200] for x in theirs if x not in ours]
            return [f"{where}: only in ours {only_ours}, only in theirs {only_theirs}"]
        return [
            d
            for i, pair in enumerate(zip(ours, theirs, strict=True))
            for d in _differences(*pair, f"{where}[{i}]")
        ]
    return [] if ours == theirs else [f"{where}: {ours!r} != {theirs!r}"]


def _key_path(key: str, path_of: dict[str, str]) -> str:
    kind, _, pk = key.partition(":")
    return f"{kind}:{path_of[pk]}" if kind == "page" and pk in path_of else key


def _import_twice(center, tmp_path) -> list[dict]:
    first = write_csv(
        tmp_path / "first.csv",
        [
            item("E-001", "最低生活保障申请"),
            item("E-002", "高龄津贴申领", 承诺时限="即办", 办理窗口="3号", 实施部门="人社服务中心"),
            item("E-003", "临时救助申请", 受理条件=""),  # lacks 受理条件: a draft
        ],
    )
    second = write_csv(
        tmp_path / "second.csv",
        [
            item(
                "E-001",
                "最低生活保障金申请",  # renamed, and its materials changed
                申报材料="居民身份证（原件）；收入证明（复印件，2份）",
            ),
            item("E-002", "高龄津贴申领", 受理条件=""),  # now incomplete: a draft over the live
            item("E-003", "临时救助申请", 办理程序="申请→审批"),  # completed: published
            item("E-004", "残疾人两项补贴申请", 主题="社会救助"),  # new
        ],
    )
    section = SectionPage.objects.child_of(center).get(kind="guides")
    states = []
    for path in (first, second):
        report = import_catalogue(path, center)
        assert report.applied and not report.bad_rows, report
        states.append(_state(section))
    return states


def _run(center, tmp_path, monkeypatch, writer=None) -> list[dict]:
    """Both imports in a savepoint rolled back afterwards, so the next run starts alike."""
    if writer is not None:
        monkeypatch.setattr(importer, "_GuideWriter", writer)
    with transaction.atomic():
        states = _import_twice(center, tmp_path)
        transaction.set_rollback(True)
    monkeypatch.undo()
    return states


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_the_bulk_writer_leaves_what_wagtails_publishing_would(center, tmp_path, monkeypatch):
    bulk = _run(center, tmp_path / "bulk", monkeypatch)
    wagtail = _run(center, tmp_path / "wagtail", monkeypatch, writer=WagtailPathWriter)
    assert len(bulk[0]["pages"]) == 3 and len(bulk[1]["pages"]) == 4
    assert bulk[1]["reference index"] and bulk[1]["search entries"]
    for stage, (ours, theirs) in enumerate(zip(bulk, wagtail, strict=True), start=1):
        differences = _differences(ours, theirs)
        assert not differences, f"import {stage}:\n" + "\n".join(differences)


@pytest.fixture(autouse=True)
def _paths(tmp_path):
    (tmp_path / "bulk").mkdir()
    (tmp_path / "wagtail").mkdir()
