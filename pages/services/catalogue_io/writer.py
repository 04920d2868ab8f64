"""Writing planned guides in bulk, leaving what Wagtail's own publishing would."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Model
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import (
    COMMENTS_RELATION_NAME,
    Locale,
    Page,
    PageLogEntry,
    ReferenceIndex,
    Revision,
    WorkflowState,
)
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published, published

from pages.models import (
    GuideLegalBasis,
    GuideMaterial,
    GuideStep,
    LifeEvent,
    SectionPage,
    ServiceGuidePage,
)
from pages.services.catalogue_io.columns import CHILD_RELATIONS, CHUNK, SCALAR_FIELDS, Progress
from pages.services.catalogue_io.rows import _ordered, _Plan
from search.service import deferred_updates


class _GuideWriter:
    """Creates, publishes and drafts guides in bulk, leaving what Wagtail itself would:
    tree paths, revisions, live/latest revision pointers, audit log, search index and
    reference index. Pages in a workflow, scheduled or aliased go through Wagtail's
    own publishing instead, because those have side effects this class does not copy."""

    def __init__(self, section: SectionPage):
        self.section = section
        self.now = timezone.now()
        self.guide_type = ContentType.objects.get_for_model(ServiceGuidePage)
        self.page_type = ContentType.objects.get_for_model(Page)
        self.themes = {t.pk: t for t in LifeEvent.objects.filter(locale=Locale.get_default())}
        siblings = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        self.slugs = set(siblings.values_list("slug", flat=True))
        last = siblings.order_by("-path").values_list("path", flat=True).first()
        self.next_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1

    def write(self, plans: list[_Plan], progress: Progress) -> None:
        done = 0
        for start in range(0, len(plans), CHUNK):
            chunk = plans[start : start + CHUNK]
            self._create([p for p in chunk if p.page is None])
            updates = [p for p in chunk if p.page is not None]
            special = self._needs_wagtail(updates)
            for plan in updates:
                if _page(plan).pk in special:
                    self._update_one(plan)
            self._publish_updates(
                [p for p in updates if p.outcome.published and _page(p).pk not in special]
            )
            self._draft_updates(
                [p for p in updates if not p.outcome.published and _page(p).pk not in special]
            )
            done += len(chunk)
            progress("写入", done, len(plans))

    # building pages in memory

    def _apply(self, page: ServiceGuidePage, values: dict[str, Any]) -> None:
        """Set values on the page, children and themes in memory only (modelcluster).

        The Django stubs see a child relation only as its reverse manager, a class
        variable, so assigning it a list needs `type: ignore[misc]`."""
        for key in SCALAR_FIELDS:
            if key in values:
                setattr(page, key, values[key])
        if "themes" in values:
            page.themes = [self.themes[pk] for pk in sorted(values["themes"])]
        if "legal_bases" in values:
            page.legal_bases = [  # type: ignore[misc]  # modelcluster takes a list
                GuideLegalBasis(law=s.law, articles=s.articles, sort_order=i)
                for i, s in enumerate(values["legal_bases"])
            ]
        if "materials" in values:
            previous: dict[str, list[GuideMaterial]] = defaultdict(list)
            if page.pk:
                for material in _ordered(page.materials.all()):
                    previous[material.name].append(material)
            materials = []
            for i, spec in enumerate(values["materials"]):
                # Keep what the sheet cannot say (source, blank and sample forms) by name.
                old = previous[spec.name].pop(0) if previous[spec.name] else None
                materials.append(
                    GuideMaterial(
                        name=spec.name,
                        original_or_copy=spec.original_or_copy,
                        copies=spec.copies,
                        medium=spec.medium,
                        required=spec.required,
                        condition=spec.condition,
                        source=old.source if old else "",
                        blank_form_id=old.blank_form_id if old else None,
                        sample_form_id=old.sample_form_id if old else None,
                        sort_order=i,
                    )
                )
            page.materials = materials  # type: ignore[misc]  # modelcluster takes a list
        if "steps" in values:
            page.steps = [  # type: ignore[misc]  # modelcluster takes a list
                GuideStep(title=s.title, description=s.description, sort_order=i)
                for i, s in enumerate(values["steps"])
            ]

    def _new_page(self, plan: _Plan) -> ServiceGuidePage:
        slug = self._slug(plan.row.item_code)
        path = Page._get_path(self.section.path, self.section.depth + 1, self.next_step)
        self.next_step += 1
        live = plan.outcome.published
        page = ServiceGuidePage(
            slug=slug,
            path=path,
            depth=self.section.depth + 1,
            numchild=0,
            url_path=f"{self.section.url_path}{slug}/",
            locale_id=self.section.locale_id,
            content_type=self.guide_type,
            item_code=plan.row.item_code,
            live=live,
            has_unpublished_changes=not live,
            first_published_at=self.now if live else None,
            last_published_at=self.now if live else None,
            latest_revision_created_at=self.now,
        )
        self._apply(page, plan.merged)
        page.draft_title = page.title
        page.faqs = []  # type: ignore[misc]  # modelcluster takes a list
        setattr(page, COMMENTS_RELATION_NAME, [])
        return page

    def _slug(self, code: str) -> str:
        base = slugify(code.lower())[:70] or "guide"
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    # creating

    def _create(self, plans: list[_Plan]) -> None:
        if not plans:
            return
        pages = [self._new_page(plan) for plan in plans]
        _insert_pages(pages)
        Page.objects.filter(pk=self.section.pk).update(numchild=F("numchild") + len(pages))
        self.section.numchild += len(pages)
        self._save_children(pages, relations=CHILD_RELATIONS, themes=True, replace=False)
        revisions = self._revisions(pages, first=True)
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = revision
            if page.live:
                page.live_revision = revision
        _update_rows(pages, ["latest_revision", "live_revision"])
        entries = []
        for page, revision in zip(pages, revisions, strict=True):
            group = uuid.uuid4()
            entries.append(self._log(page, "wagtail.create", revision, group))
            if page.live:
                entries.append(self._log(page, "wagtail.publish", revision, group))
        PageLogEntry.objects.bulk_create(entries)
        self._index(pages)
        self._send_published([(p, r) for p, r in zip(pages, revisions, strict=True) if p.live])

    # updating

    def _needs_wagtail(self, plans: list[_Plan]) -> set[int]:
        """Pages whose publishing has side effects the bulk path does not reproduce."""
        if not plans:
            return set()
        pks = [_page(plan).pk for plan in plans]
        special = set(
            Page.objects.filter(alias_of_id__in=pks).values_list("alias_of_id", flat=True)
        )
        special |= {
            int(pk)
            for pk in WorkflowState.objects.filter(
                base_content_type=self.page_type,
                object_id__in=[str(pk) for pk in pks],
                status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES),
            ).values_list("object_id", flat=True)
        }
        special |= {
            page.pk for page in map(_page, plans) if page.go_live_at and page.go_live_at > self.now
        }
        return special

    def _update_one(self, plan: _Plan) -> None:
        page = _page(plan)
        self._apply(page, plan.row.values)
        revision = page.save_revision(log_action=True, clean=False)
        if plan.outcome.published:
            revision.publish()

    def _publish_updates(self, plans: list[_Plan]) -> None:
        if not plans:
            return
        pages = [_page(plan) for plan in plans]
        old_titles = {page.pk: page.title for page in pages}
        touched: dict[str, list[ServiceGuidePage]] = defaultdict(list)
        for plan in plans:
            self._apply(_page(plan), plan.row.values)
            for key in (*CHILD_RELATIONS, "themes"):
                if key in plan.row.values:
                    touched[key].append(_page(plan))
        # The revision first, as save_revision() before publish(): new children unsaved.
        revisions = self._revisions(pages)
        for key in CHILD_RELATIONS:
            self._save_children(touched[key], relations=(key,), themes=False, replace=True)
        self._save_children(touched["themes"], relations=(), themes=True, replace=True)
        for page, revision in zip(pages, revisions, strict=True):
            page.draft_title = page.title
            page.live = True
            page.has_unpublished_changes = False
            page.expired = False
            page.first_published_at = page.first_published_at or self.now
            page.last_published_at = self.now
            page.latest_revision_created_at = self.now
            page.latest_revision = revision
            page.live_revision = revision
        bookkeeping = [
            "draft_title",
            "live",
            "has_unpublished_changes",
            "expired",
            "first_published_at",
            "last_published_at",
            "latest_revision_created_at",
            "latest_revision",
            "live_revision",
        ]
        fields = sorted({k for plan in plans for k in plan.row.values if k in SCALAR_FIELDS})
        _update_rows(pages, [*fields, *bookkeeping])
        entries = []
        for page, revision in zip(pages, revisions, strict=True):
            group = uuid.uuid4()
            if old_titles[page.pk] != page.title:
                title = {"old": old_titles[page.pk], "new": page.title}
                entries.append(self._log(page, "wagtail.rename", revision, group, {"title": title}))
            entries.append(self._log(page, "wagtail.publish", revision, group))
        PageLogEntry.objects.bulk_create(entries)
        self._index(pages, replace=True)
        self._send_published(list(zip(pages, revisions, strict=True)))

    def _draft_updates(self, plans: list[_Plan]) -> None:
        """New content that lacks 八公开: a revision only; the live version stays as it is."""
        if not plans:
            return
        pages = [_page(plan) for plan in plans]
        for plan in plans:
            self._apply(_page(plan), plan.row.values)
        revisions = self._revisions(pages)
        for page, revision in zip(pages, revisions, strict=True):
            page.draft_title = page.title
            page.has_unpublished_changes = True
            page.latest_revision_created_at = self.now
            page.latest_revision = revision
        _update_rows(
            pages,
            [
                "draft_title",
                "has_unpublished_changes",
                "latest_revision_created_at",
                "latest_revision",
            ],
        )
        PageLogEntry.objects.bulk_create(
            [
                self._log(p, "wagtail.edit", r, uuid.uuid4())
                for p, r in zip(pages, revisions, strict=True)
            ]
        )

    # shared steps

    def _save_children(self, pages, *, relations: Sequence[str], themes: bool, replace: bool):
        if not pages:
            return
        pks = [page.pk for page in pages]
        models: dict[str, type[GuideLegalBasis] | type[GuideMaterial] | type[GuideStep]] = {
            "legal_bases": GuideLegalBasis,
            "materials": GuideMaterial,
            "steps": GuideStep,
        }
        through = ServiceGuidePage.themes.through
        if replace:
            with disable_reference_index_auto_update():
                for name in relations:
                    models[name].objects.filter(guide_id__in=pks).delete()
                if themes:
                    through.objects.filter(serviceguidepage_id__in=pks).delete()
        for name in relations:
            children = []
            for page in pages:
                for child in getattr(page, name).all():
                    child.pk = None
                    child.guide_id = page.pk
                    children.append(child)
            models[name].objects.bulk_create(children)
        if themes:
            through.objects.bulk_create(
                [
                    through(serviceguidepage_id=page.pk, lifeevent_id=theme.pk)
                    for page in pages
                    for theme in page.themes.all()
                ]
            )

    def _revisions(self, pages: list[ServiceGuidePage], first: bool = False) -> list[Revision]:
        return Revision.objects.bulk_create(
            [
                Revision(
                    content_type=self.guide_type,
                    base_content_type=self.page_type,
                    object_id=str(page.pk),
                    created_at=self.now,
                    object_str=page.title,
                    content=_first_revision_content(page) if first else page.serializable_data(),
                )
                for page in pages
            ]
        )

    def _log(self, page, action: str, revision, group, data=None) -> PageLogEntry:
        return PageLogEntry(
            content_type=self.guide_type,
            label=page.title,
            action=action,
            timestamp=self.now,
            data=data or {},
            uuid=group,
            page_id=page.pk,
            revision=revision,
            content_changed=True,
        )

    def _index(self, pages: list[ServiceGuidePage], replace: bool = False) -> None:
        """What the post_save handlers would do: search index and reference index."""
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ServiceGuidePage, pages)
        if not ReferenceIndex.is_indexed(ServiceGuidePage):
            return
        if replace:
            ReferenceIndex.objects.filter(
                base_content_type=self.page_type, object_id__in=[str(p.pk) for p in pages]
            ).delete()
        ReferenceIndex.objects.bulk_create(
            [
                ReferenceIndex(
                    content_type=self.guide_type,
                    base_content_type=self.page_type,
                    object_id=str(page.pk),
                    to_content_type_id=to_type,
                    to_object_id=to_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
                for page in pages
                for to_type, to_id, model_path, content_path in set(
                    ReferenceIndex._extract_references_from_object(page)
                )
            ],
            ignore_conflicts=connection.features.supports_ignore_conflicts,
        )

    def _send_published(self, published_pages) -> None:
        with deferred_updates():  # the search index takes them in one batch
            for page, revision in published_pages:
                page_published.send(sender=ServiceGuidePage, instance=page, revision=revision)
                published.send(sender=ServiceGuidePage, instance=page, revision=revision)


def _page(plan: _Plan) -> ServiceGuidePage:
    """The existing page of an update plan: write() passes only plans that have one."""
    assert plan.page is not None
    return plan.page


def _first_revision_content(page: ServiceGuidePage) -> dict[str, Any]:
    """A new page's first revision as Wagtail saves it: before anything is published
    or recorded as a draft (the admin saves the page, then its first revision)."""
    content = page.serializable_data()
    content.update(
        has_unpublished_changes=False,
        first_published_at=None,
        last_published_at=None,
        latest_revision_created_at=None,
    )
    return content


def _insert_pages(pages: list[ServiceGuidePage]) -> None:
    """INSERT the page rows and the guide rows (multi-table inheritance) in batches;
    Django's bulk_create refuses inherited models, so this does its two steps itself."""
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    guide_fields = list(ServiceGuidePage._meta.local_concrete_fields)
    batch = max(1, connection.ops.bulk_batch_size(page_fields, pages))
    returning = connection.features.can_return_rows_from_bulk_insert
    for start in range(0, len(pages), batch if returning else 1):
        part = pages[start : start + (batch if returning else 1)]
        rows = Page._base_manager._insert(
            part, fields=page_fields, returning_fields=Page._meta.db_returning_fields
        )
        for page, (pk, *_) in zip(part, rows, strict=True):
            page.id = page.page_ptr_id = pk
            page._state.adding = False
            page._state.db = connection.alias
    batch = max(1, connection.ops.bulk_batch_size(guide_fields, pages))
    for start in range(0, len(pages), batch):
        ServiceGuidePage._base_manager._insert(pages[start : start + batch], fields=guide_fields)


def _update_rows(pages: list[ServiceGuidePage], names: Sequence[str]) -> None:
    """UPDATE the named fields of each page, one parameterised statement per table run with
    executemany: bulk_update's CASE expressions cost seconds per thousand pages."""
    by_table: dict[type[Model], list] = defaultdict(list)
    for name in names:
        model_field = ServiceGuidePage._meta.get_field(name)
        by_table[model_field.model].append(model_field)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model, fields in by_table.items():
            # A primary key is a concrete field, so its column is never None.
            table = quote(model._meta.db_table)
            key = quote(model._meta.pk.column)  # type: ignore[arg-type]
            assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
            # Identifiers come from the models' metadata; every value is a parameter.
            sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_save(getattr(page, f.attname), connection) for f in fields]
                    + [page.pk]
                    for page in pages
                ],
            )
