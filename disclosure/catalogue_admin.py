"""The standard catalogue in the admin, each unit's staff on their own unit only.

标准目录 (menu) → the units the user works for → one unit's page: which areas apply
(checkboxes) and every row with its status (services.catalogue, as the public page
shows it), each row opening its entry — the date its information formed or
changed and the pages that publish it — in the CatalogueEntry snippet, scoped to
the unit by editorial.scoping. County administrators choose any unit, the county's
own included.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.models import Locale, Page
from wagtail.snippets.models import register_snippet

from editorial.scoping import CenterScopedForm, CenterScopedViewSet
from editorial.services.roles import center_ids_for, is_county_admin
from pages.models import CountyHomePage, ServiceCenterPage

from .models import CatalogueEntry
from .services import catalogue
from .services.addresses import column_url

MANAGE = "disclosure.change_cataloguearea"


def units_for(user):
    """The units whose catalogue the user keeps: a center's staff their centers, the
    county administrators the county and every center (default locale)."""
    if not user.has_perm(MANAGE):
        return Page.objects.none()
    if is_county_admin(user):
        default = Locale.get_default()
        ids = [
            *CountyHomePage.objects.filter(locale=default).values_list("pk", flat=True),
            *ServiceCenterPage.objects.filter(locale=default).values_list("pk", flat=True),
        ]
    else:
        ids = list(center_ids_for(user))
    return Page.objects.filter(pk__in=ids).order_by("path")


def _unit_for(request, unit_id: int) -> Page:
    """The unit, if the user keeps it; another unit's is not there (404)."""
    unit = units_for(request.user).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit.specific


class CatalogueEntryForm(CenterScopedForm):
    """The unit among the user's, the row among those of the unit's chosen areas."""

    scope_field = "unit"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(self.for_user) if self.for_user is not None else Page.objects.none()
        if self.instance.pk is not None:
            units = units | Page.objects.filter(pk=self.instance.unit_id)
        self.fields["unit"] = forms.ModelChoiceField(
            units.order_by("path"), label=gettext_lazy("公开单位"), initial=self.instance.unit_id
        )
        only = self.instance.unit if self.instance.pk is not None else None
        if only is None and units.count() == 1:
            only = units.first()
        if only is not None:
            choices = catalogue.row_choices(catalogue.chosen_areas(only), catalogue.level_of(only))
        else:
            choices = catalogue.row_choices(a.code for a in catalogue.catalogue().areas)
        self.fields["key"] = forms.ChoiceField(
            choices=[("", "---------"), *choices],
            label=gettext_lazy("目录条目"),
            help_text=gettext_lazy("本单位已选领域中本级公开的事项"),
        )

    def clean(self):
        cleaned = super().clean()
        unit, key = cleaned.get("unit"), cleaned.get("key")
        if unit is not None and key:
            row = catalogue.catalogue().rows.get(key)
            if (
                row is None
                or row.area not in catalogue.chosen_areas(unit)
                or catalogue.level_of(unit) not in row.levels
            ):
                self.add_error("key", _("该事项不在本单位所选领域的本级目录中。"))
        return cleaned


class CatalogueEntryViewSet(CenterScopedViewSet):
    model = CatalogueEntry
    scope_field = "unit"
    icon = "list-ol"
    menu_label = gettext_lazy("标准目录条目")
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["__str__", "unit", "changed_on"]
    list_filter = ["unit"]
    panels = [
        FieldPanel("unit"),
        FieldPanel("key"),
        FieldPanel("changed_on"),
        FieldPanel("note"),
        InlinePanel("links", label=gettext_lazy("公开载体（页面）"), panels=[FieldPanel("page")]),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=CatalogueEntryForm).bind_to_model(self.model)


entry_viewset = CatalogueEntryViewSet()
register_snippet(entry_viewset)


class AreasForm(forms.Form):
    areas = forms.MultipleChoiceField(
        label=gettext_lazy("适用的公开领域"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("请至少选择一个公开领域。")},
    )

    def __init__(self, *args, level: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = [
            (
                area.code,
                _("%(code)s %(name)s（本级 %(count)s 项）")
                % {"code": area.code, "name": area.name, "count": len(area.rows_at(level))},
            )
            for area in catalogue.catalogue().areas
        ]


def catalogue_index(request):
    units = list(units_for(request.user))
    if not units:
        raise Http404
    if len(units) == 1:
        return redirect("disclosure_catalogue_unit", units[0].pk)
    return TemplateResponse(request, "disclosure/admin/catalogue_index.html", {"units": units})


def catalogue_unit(request, unit_id: int):
    unit = _unit_for(request, unit_id)
    level = catalogue.level_of(unit)
    initial = {"areas": catalogue.chosen_areas(unit)}
    form = AreasForm(request.POST or None, initial=initial, level=level)
    if request.method == "POST" and form.is_valid():
        catalogue.set_areas(unit, form.cleaned_data["areas"])
        messages.success(request, _("已保存适用的公开领域。"))
        return redirect("disclosure_catalogue_unit", unit.pk)
    areas = catalogue.unit_catalogue(unit, timezone.localdate(), public_only=False)
    return TemplateResponse(
        request,
        "disclosure/admin/catalogue.html",
        {
            "unit": unit,
            "level": level,
            "form": form,
            "chosen": catalogue.has_chosen(unit),
            "areas": areas,
            "public_url": f"{column_url(unit)}standard-catalogue/",
            "edit_url_name": entry_viewset.get_url_name("edit"),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def catalogue_row(request, unit_id: int, key: str):
    """Open the row's entry, made on first use (a row has one entry per unit)."""
    unit = _unit_for(request, unit_id)
    row = catalogue.catalogue().rows.get(key)
    if row is None or catalogue.level_of(unit) not in row.levels:
        raise Http404
    entry, _created = CatalogueEntry.objects.get_or_create(unit=unit, key=key)
    return redirect(entry_viewset.get_url_name("edit"), entry.pk)


class CatalogueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE)


@hooks.register("register_admin_urls")
def _catalogue_urls():
    return [
        path("disclosure/catalogue/", catalogue_index, name="disclosure_catalogue"),
        path(
            "disclosure/catalogue/<int:unit_id>/",
            catalogue_unit,
            name="disclosure_catalogue_unit",
        ),
        path(
            "disclosure/catalogue/<int:unit_id>/rows/<str:key>/",
            catalogue_row,
            name="disclosure_catalogue_row",
        ),
    ]


@hooks.register("register_admin_menu_item")
def _catalogue_menu_item():
    return CatalogueMenuItem(
        gettext_lazy("标准目录"), reverse("disclosure_catalogue"), icon_name="list-ol", order=254
    )
