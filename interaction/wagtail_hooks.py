"""Letters in the admin: each center sees and handles only its own (editorial.scoping).

Saving the form is a step of the handling (services.letters): naming who
handles the letter assigns it, writing the answer drafts it for the
director, whose approval (admin_views.approve) sends and publishes it.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from editorial.scoping import CenterScopedForm, CenterScopedViewSet
from pages.models import CountyHomePage, Department, ServiceCenterPage, ServiceWindow

from . import admin_views
from .models import FollowUp, Letter, Rating
from .panels import panel_for
from .services import letters

_READ_ONLY = (
    "code", "kind", "guide", "subject", "body", "page_url", "name", "mobile", "received_on",
    "due_on",
)  # fmt: skip


class LetterForm(CenterScopedForm):
    """The handler and the answer are what staff write; the rest is the citizen's.
    A letter for someone else is transferred (转办) to that center or the county."""

    transfer_to = forms.ModelChoiceField(
        Page.objects.none(),
        required=False,
        label=_("转办至"),
        help_text=_("不属于本中心办理的来信，转给负责的中心或县级；办理记录随信转交"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The centers of the letter's own county, and the county itself.
        here = self.instance.center if self.instance.center_id else None
        home = CountyHomePage.objects.ancestor_of(here, inclusive=True).first() if here else None
        ids = [home.pk] if home and home.pk != here.pk else []
        if home is not None:
            ids += (
                ServiceCenterPage.objects.descendant_of(home)
                .filter(locale__language_code=settings.LANGUAGE_CODE)
                .live()
                .exclude(pk=here.pk)
                .values_list("pk", flat=True)
            )
        self.fields["transfer_to"].queryset = Page.objects.filter(pk__in=ids).order_by("path")
        if here is not None:
            self.fields["handler"] = self._handler_field(here)

    def _handler_field(self, center) -> forms.ChoiceField:
        """Handled by one of the center's stationed departments or windows (the name is
        kept, so a letter still says who handled it after a window is renamed)."""
        departments = [d.name for d in Department.objects.filter(center=center)]
        windows = [str(w) for w in ServiceWindow.objects.filter(unit=center)]
        choices: list = [("", _("（未指定）"))]
        choices += [(_("进驻部门"), [(name, name) for name in departments])] if departments else []
        choices += [(_("窗口"), [(name, name) for name in windows])] if windows else []
        current = self.instance.handler
        if current and current not in departments + windows:
            choices.append((current, current))
        field = self.fields["handler"]
        return forms.ChoiceField(
            choices=choices,
            required=False,
            label=field.label,
            help_text=_("交给哪个进驻部门或窗口办理"),
        )

    def save(self, commit=True):
        letter = self.instance
        before = Letter.objects.get(pk=letter.pk)
        user = getattr(self, "for_user", None)
        target = self.cleaned_data.get("transfer_to")
        if target is not None and before.status != Letter.Status.REPLIED:
            letters.transfer(before, user, target)
            self.instance = before
            return before
        if self.cleaned_data.get("handler", "") != before.handler:
            letters.assign(before, user, self.cleaned_data["handler"])
        reply = self.cleaned_data.get("reply", "").strip()
        if reply and reply != before.reply and before.status != Letter.Status.REPLIED:
            letters.draft(before, user, reply)
        before.refresh_from_db()
        self.instance = before
        return before


class ApprovalPanel(HelpPanel):
    """A link to the director's approval, once an answer waits for it."""

    class BoundPanel(HelpPanel.BoundPanel):
        def render_html(self, parent_context=None):
            letter = self.instance
            if letter is None or letter.status != Letter.Status.DRAFTED:
                return ""
            url = reverse("interaction_letter_approve", args=[letter.pk])
            return format_html(
                '<p><a class="button" href="{}">{}</a></p>', url, _("批准答复并发送")
            )


class ImagesPanel(HelpPanel):
    """The pictures the citizen attached, opened through the scoped view."""

    class BoundPanel(HelpPanel.BoundPanel):
        def render_html(self, parent_context=None):
            letter = self.instance
            if letter is None or letter.pk is None:
                return ""
            links = format_html_join(
                " · ",
                '<a href="{}" target="_blank" rel="noopener">{}</a>',
                (
                    (
                        reverse("interaction_letter_image", args=[letter.pk, picture.pk]),
                        _("图片 %(n)s") % {"n": n},
                    )
                    for n, picture in enumerate(letter.images.all(), start=1)
                ),
            )
            return format_html("<p>{}</p>", links) if links else ""


class _CitizensOnly(ModelPermissionPolicy):
    """Letters, ratings and their cases start with a citizen: nobody adds one in the
    admin (nor copies one); who may change them is the model's permission."""

    def user_has_permission(self, user, action):
        return action not in ("add", "copy") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


for _model in (Letter, Rating, FollowUp):
    register_permission_policy(_model, _CitizensOnly(_model))


class _CitizensViewSet(CenterScopedViewSet):
    copy_view_enabled = False
    list_export: list[str] = []  # personal data never leaves in a spreadsheet


class LetterViewSet(_CitizensViewSet):
    model = Letter
    icon = "mail"
    menu_label = _("群众来信")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["subject", "kind", "status", "received_on", "due_on", "time_left", "center"]
    list_filter = ["status", "kind"]
    search_fields = ["subject", "code"]
    panels = [
        MultiFieldPanel(
            [*(FieldPanel(f, read_only=True) for f in _READ_ONLY), ImagesPanel()],
            heading=_("来信"),
        ),
        MultiFieldPanel(
            [FieldPanel("handler"), FieldPanel("reply"), FieldPanel("transfer_to")],
            heading=_("办理"),
        ),
        ApprovalPanel(),
    ]

    def get_edit_handler(self):
        form = type("ScopedLetterForm", (LetterForm,), {"scope_field": self.scope_field})
        return ObjectList(self.panels, base_form_class=form).bind_to_model(self.model)


register_snippet(LetterViewSet)


@hooks.register("register_admin_urls")
def _urls():
    return [
        path(
            "interaction/letters/<int:pk>/approve/",
            admin_views.approve,
            name="interaction_letter_approve",
        ),
        path(
            "interaction/letters/<int:pk>/images/<int:image_pk>/",
            admin_views.image,
            name="interaction_letter_image",
        ),
    ]


@hooks.register("construct_homepage_panels")
def _letters_panel(request, panels):
    if (panel := panel_for(request.user)) is not None:
        panels.append(panel)


class FollowUpViewSet(_CitizensViewSet):
    """差评整改: each center's cases, the call back and the result recorded."""

    model = FollowUp
    icon = "warning"
    menu_label = _("差评整改")
    add_to_admin_menu = True
    menu_order = 251
    list_display = ["rating", "visit_due", "rectify_due", "closed_on", "center"]
    list_filter = ["closed_on"]
    panels = [
        FieldPanel("rating", read_only=True),
        FieldPanel("visit_due", read_only=True),
        FieldPanel("rectify_due", read_only=True),
        FieldPanel("visited_on"),
        FieldPanel("result"),
        FieldPanel("closed_on"),
    ]


class RatingViewSet(_CitizensViewSet):
    """Every rating of the center, read only (ratings are the citizens')."""

    model = Rating
    icon = "pick"
    menu_label = _("好差评")
    add_to_admin_menu = True
    menu_order = 252
    list_display = ["created_at", "level", "channel", "window", "guide", "center"]
    list_filter = ["level", "channel"]
    panels = [
        FieldPanel(name, read_only=True)
        for name in ("level", "channel", "guide", "window", "reason", "reason_text")
    ]


register_snippet(FollowUpViewSet)
register_snippet(RatingViewSet)
