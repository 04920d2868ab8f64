"""Per-center isolation for snippets in the admin: others' rows are not there.

A snippet model that belongs to a center (a department, a window, a staff
record) names the page field that places it in the tree. Staff of one center
then neither list, open, choose nor save another center's rows; county
administrators see everything. Pages, documents and images are isolated by
Wagtail's own page and collection permissions (see services.roles).
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _gettext

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.models import Page
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from .services.roles import center_pages_for, is_county_admin

# Each scoped snippet model and the field placing it in the tree, recorded by its viewset:
# forms of other snippets offering its rows in a list label and scope them by it.
SCOPE_FIELDS: dict[type, str] = {}


def scope_q(user, field: str) -> Q | None:
    """A filter keeping rows under the user's centers; None means no limit.

    It filters on the foreign key's own column (``<field>_id``), never on a
    related page's path: the admin search backend can only filter on fields
    declared as ``index.FilterField`` of the snippet itself.
    """
    if is_county_admin(user):
        return None
    pages = Q(pk__in=[])
    for page in center_pages_for(user):
        pages |= Q(path__startswith=page.path)
    return Q(**{f"{field}_id__in": Page.objects.filter(pages).values("pk")})


def scope_queryset(queryset, user, field: str):
    q = scope_q(user, field)
    return queryset if q is None else queryset.filter(q)


def allows(user, obj, field: str) -> bool:
    if is_county_admin(user):
        return True
    page = getattr(obj, field, None)
    if page is None:
        return False
    return any(page.path.startswith(center.path) for center in center_pages_for(user))


class _ScopedView:
    """Mixed into every view of a scoped viewset."""

    scope_field = ""

    def _scoped_rows(self, queryset):
        """Scope querysets of the snippet itself; a view listing something else about one
        row (its history's log entries, its usage) is guarded by get_object instead."""
        if not issubclass(queryset.model, self.model):
            return queryset
        return scope_queryset(queryset, self.request.user, self.scope_field)

    def get_base_queryset(self):
        return self._scoped_rows(super().get_base_queryset())

    def get_object_list(self):
        return self._scoped_rows(super().get_object_list())

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not allows(self.request.user, obj, self.scope_field):
            raise Http404
        return obj


def _scoped(view_class, field: str):
    return type(f"Scoped{view_class.__name__}", (_ScopedView, view_class), {"scope_field": field})


def place_label(obj, field: str) -> str:
    """A row named with its place: "红岩村便民服务站 · 1号 综合代办窗口".

    Every center and station has its "1号 综合代办窗口"; without the place, the
    rows of a chooser differ only by their phone. The model's own str() stays
    short, since print products (hanging plates, badges) use it under a heading
    that already names the place."""
    place = getattr(obj, field, None) if field else None
    return f"{place.title} · {obj}" if place is not None else str(obj)


class _PlaceLabelledView:
    """Mixed into a scoped chooser's views: titles name each row's place."""

    scope_field = ""

    def get_object_list(self):
        # Each row's label reads its place: one join instead of a query per row.
        return super().get_object_list().select_related(self.scope_field)

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = self.get_display_title
        return column

    def get_display_title(self, instance):
        return place_label(instance, self.scope_field)


class ScopedChooserViewSet(SnippetChooserViewSet):
    scope_field = ""

    def construct_view(self, view_class, **kwargs):
        labelled = type(
            f"PlaceLabelled{view_class.__name__}",
            (_PlaceLabelledView, view_class),
            {"scope_field": self.scope_field},
        )
        return super().construct_view(_scoped(labelled, self.scope_field), **kwargs)

    @property
    def base_widget_class(self):
        """The form field's chooser shows the chosen row with its place, as the modal does."""
        field = self.scope_field

        def get_display_title(widget, instance):
            return place_label(instance, field)

        return type(
            "PlaceLabelledSnippetChooser",
            (AdminSnippetChooser,),
            {"get_display_title": get_display_title},
        )


class CenterScopedViewSet(SnippetViewSet):
    """A SnippetViewSet whose every view (index, edit, history, chooser …) is scoped."""

    scope_field = "center"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if isinstance(getattr(cls, "model", None), type):
            SCOPE_FIELDS[cls.model] = cls.scope_field

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(_scoped(view_class, self.scope_field), **kwargs)

    def get_edit_handler(self):
        panels = getattr(self, "panels", None) or self.model.panels
        form = type("ScopedForm", (CenterScopedForm,), {"scope_field": self.scope_field})
        return ObjectList(panels, base_form_class=form).bind_to_model(self.model)

    @property
    def chooser_viewset_class(self):
        return type(
            f"Scoped{self.model.__name__}ChooserViewSet",
            (ScopedChooserViewSet,),
            {"scope_field": self.scope_field},
        )


class CenterScopedForm(WagtailAdminModelForm):
    """Refuses to place a row in a center the editor does not work for."""

    scope_field = "center"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelMultipleChoiceField):
                self._place_choices(field)

    def _place_choices(self, field) -> None:
        """A list of another scoped snippet's rows (a window's departments) offers only the
        editor's own rows, each named with its place: every center has its 民政办."""
        scope = SCOPE_FIELDS.get(field.queryset.model)
        if not scope:
            return
        queryset = field.queryset.select_related(scope)
        if self.for_user is not None:
            queryset = scope_queryset(queryset, self.for_user, scope)
        field.queryset = queryset
        field.label_from_instance = lambda obj: place_label(obj, scope)

    def clean(self):
        cleaned_data = super().clean()
        field = self.scope_field
        user = getattr(self, "for_user", None)
        page = cleaned_data.get(field)
        if user is not None and page is not None:
            probe = type("Probe", (), {field: page})()
            if not allows(user, probe, field):
                message = _gettext("只能选择您所在的便民服务中心。")
                self.add_error(field, forms.ValidationError(message))
        elif (
            # A row without a center applies county-wide (name aliases): the county's to make.
            user is not None
            and field in self.fields
            and field not in self.errors
            and not is_county_admin(user)
        ):
            message = _gettext("请选择您所在的便民服务中心；全县通用的记录由县级管理员维护。")
            self.add_error(field, forms.ValidationError(message))
        return cleaned_data
