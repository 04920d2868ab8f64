"""Thin admin views: wagtail-localize's screens behind the editorial guards, translation status."""

from django.apps import apps
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.models import Page
from wagtail.snippets.permissions import user_can_edit_snippet_type
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views.convert import convert_to_alias
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .services.roles import center_pages_for, is_county_admin
from .translations import page_translation_statuses


def _page_for_translation_or_404(request, page: Page) -> Page:
    """Translating a page reveals it: only people who may edit it may start or sync it."""
    if not (is_county_admin(request.user) or page.permissions_for_user(request.user).can_edit()):
        raise Http404
    return page


def guarded_submit_page_translation(request, page_id: int):
    """wagtail-localize's submit, limited to the page's editors.

    New translations start as drafts (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE
    is off); only someone who may publish the page gets the translation of a
    live page published in the same step, as wagtail-localize used to do for all.
    """
    page = _page_for_translation_or_404(request, get_object_or_404(Page, pk=page_id))
    with transaction.atomic():
        response = SubmitPageTranslationView.as_view()(request, page_id=page_id)
        if request.method == "POST" and response.status_code == 302:
            _publish_new_translations(request, page.specific, request.POST.getlist("locales"))
    return response


def _publish_new_translations(request, page: Page, locale_ids: list[str]) -> None:
    if not (page.live and page.permissions_for_user(request.user).can_publish()):
        return
    translations = Translation.objects.filter(
        source__object_id=page.translation_key,
        source__specific_content_type=page.content_type_id,
        target_locale_id__in=[pk for pk in locale_ids if pk.isdigit()],
        enabled=True,
    )
    for translation in translations:
        translation.save_target(user=request.user, publish=True)


def guarded_convert_to_alias(request, page_id: int):
    """Converting a translation back into an alias replaces what is live with the
    source page's live content and deletes the translation: a publishing act, so
    it needs the publish right on the page, as any publication does."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise Http404
    if not page.permissions_for_user(request.user).can_publish():
        messages.error(
            request,
            _("您没有发布权限，不能将译文页面转换为别名页面（这会替换已发布的内容并删除译文）。"),
        )
        return redirect("wagtailadmin_pages:edit", page_id)
    return convert_to_alias(request, page_id)


def guarded_update_translations(request, translation_source_id: int):
    """wagtail-localize's sync, limited to the source's editors; only those who may
    publish the page may publish the synced translations in the same step."""
    source = get_object_or_404(TranslationSource, pk=translation_source_id)
    instance = source.get_source_instance()
    if isinstance(instance, Page):
        _page_for_translation_or_404(request, instance)
        if (
            request.method == "POST"
            and not instance.permissions_for_user(request.user).can_publish()
        ):
            request.POST = request.POST.copy()
            request.POST.pop("publish_translations", None)
    return UpdateTranslationsView.as_view()(request, translation_source_id=translation_source_id)


def county_only(view):
    """For wagtail-localize screens that list every center's content."""

    def wrapped(request, *args, **kwargs):
        if not is_county_admin(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


# wagtail-localize's translations report (and the results its filters fetch)
# lists every center's pages, drafts included.
translations_report = county_only(TranslationsReportView.as_view())
translations_report_results = county_only(TranslationsReportView.as_view(results_only=True))


def translation_status(request):
    """翻译状态: the user's centers' translations, with progress and staleness."""
    subtrees = None if is_county_admin(request.user) else center_pages_for(request.user)
    statuses = page_translation_statuses(subtrees) if subtrees != [] else []
    return TemplateResponse(
        request,
        "editorial/translation_status.html",
        {
            "statuses": statuses,
            "out_of_date": sum(1 for s in statuses if s.out_of_date),
        },
    )


def guarded_submit_snippet_translation(request, app_label: str, model_name: str, pk: str):
    """wagtail-localize lets anyone who may translate start a snippet translation;
    here only those who may change that kind of snippet (county-wide themes are
    the county's)."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if not user_can_edit_snippet_type(request.user, model):
        raise Http404
    return SubmitSnippetTranslationView.as_view()(
        request, app_label=app_label, model_name=model_name, pk=pk
    )
