"""Requests in the admin: each unit's 信息公开 officers see and handle only their own.

The list and the case page are the officers' (services.officers.scope); a
paper application is entered through the same form as online ones; every
step of the clock and the reply is taken on the handling page (admin_views),
through services.requests, so no admin path skips the rules.
"""

from __future__ import annotations

from django import forms
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .forms import ApplicationForm
from .models import DisclosureRequest
from .panels import panel_for
from .services import officers
from .services import requests as cases

APPLICATION_FIELDS = ApplicationForm.Meta.fields


class PaperApplicationForm(WagtailAdminModelForm):
    """Creating a request in the admin is entering a paper one: the same checks as the
    online form (ApplicationForm), the unit among the officer's, the day it arrived."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            for field in self.fields.values():
                field.disabled = True  # what the applicant wrote stays as written
            return
        if "center" in self.fields and self.for_user is not None:
            self.fields["center"] = forms.ModelChoiceField(
                officers.units_for(self.for_user), label=_("受理机关")
            )
        if "channel" in self.fields:
            self.fields["channel"].choices = [
                c for c in DisclosureRequest.Channel.choices if c[0] != "online"
            ]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            return cleaned
        check = ApplicationForm(
            {k: ("" if v is None else v) for k, v in cleaned.items() if k in APPLICATION_FIELDS},
            staff=True,
        )
        if not check.is_valid():
            for field, errors in check.errors.items():
                for error in errors:
                    self.add_error(field if field in self.fields else None, error)
        else:
            cleaned.update(check.cleaned_data)
        return cleaned

    def save(self, commit=True):
        if self.instance.pk is not None:
            return self.instance  # a case changes only through its handling steps
        data = self.cleaned_data
        self.instance = cases.receive(
            data["center"],
            received_on=data["received_on"],
            user=self.for_user,
            channel=data["channel"],
            **{name: data[name] for name in APPLICATION_FIELDS},
        )
        return self.instance


class ClockPanel(HelpPanel):
    """Where the clock stands, and the way to the handling page."""

    class BoundPanel(HelpPanel.BoundPanel):
        def render_html(self, parent_context=None):
            case = self.instance
            if case is None or case.pk is None:
                return ""
            return format_html(
                '<p>{} <a class="button" href="{}">{}</a></p>',
                case.time_left(),
                reverse("disclosure_request_handle", args=[case.pk]),
                _("办理（补正、延期、答复）"),
            )


class _OfficersOnly(ModelPermissionPolicy):
    """Nobody deletes or copies a case; the rest is the model permissions (officers')."""

    def user_has_permission(self, user, action):
        return action not in ("delete", "copy") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(DisclosureRequest, _OfficersOnly(DisclosureRequest))


class _Scoped:
    """Mixed into every view: other units' requests are not there at all."""

    def _rows(self, queryset):
        if not issubclass(queryset.model, DisclosureRequest):
            return queryset
        return officers.scope(queryset, self.request.user)

    def get_base_queryset(self):
        return self._rows(super().get_base_queryset())

    def get_object_list(self):
        return self._rows(super().get_object_list())

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not officers.handles(self.request.user, obj.center_id):
            raise Http404
        return obj


_IDENTITY = ["applicant_type", "name", "id_type", "id_number", "contact_name", "phone", "email",
             "address", "postcode"]  # fmt: skip
_WANTED = ["description", "document_number", "purpose", "supply_form", "delivery"]


class DisclosureRequestViewSet(SnippetViewSet):
    model = DisclosureRequest
    icon = "doc-full"
    menu_label = _("依申请公开")
    menu_order = 253
    add_to_admin_menu = True
    copy_view_enabled = False
    list_export: list[str] = []  # identity data never leaves in a spreadsheet
    list_display = ["code", "applicant_type", "status", "received_on", "due_on", "time_left",
                    "center"]  # fmt: skip
    list_filter = ["status", "channel", "outcome"]
    search_fields = ["code"]

    def construct_view(self, view_class, **kwargs):
        scoped = type(f"Scoped{view_class.__name__}", (_Scoped, view_class), {})
        return super().construct_view(scoped, **kwargs)

    def get_edit_handler(self):
        """Adding: the paper application's fields. Editing: all read only, the clock, and
        the way to the handling page."""
        return ObjectList(
            [
                MultiFieldPanel(
                    [FieldPanel("center"), FieldPanel("channel"), FieldPanel("received_on")],
                    heading=_("收到申请"),
                ),
                MultiFieldPanel([FieldPanel(f) for f in _IDENTITY], heading=_("申请人")),
                MultiFieldPanel([FieldPanel(f) for f in _WANTED], heading=_("所需信息")),
                ClockPanel(),
            ],
            base_form_class=PaperApplicationForm,
        ).bind_to_model(self.model)


register_snippet(DisclosureRequestViewSet)


@hooks.register("register_admin_urls")
def _urls():
    return [
        path(
            "disclosure/requests/<int:pk>/handle/",
            admin_views.handle,
            name="disclosure_request_handle",
        ),
        path(
            "disclosure/requests/<int:pk>/letter/",
            admin_views.reply_letter,
            name="disclosure_request_letter",
        ),
    ]


@hooks.register("construct_homepage_panels")
def _requests_panel(request, panels):
    if (panel := panel_for(request.user)) is not None:
        panels.append(panel)
