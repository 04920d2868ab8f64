"""The director's approval of a drafted reply: a confirmation page and its POST."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from editorial.scoping import allows
from editorial.services.roles import REVIEWER, center_ids_for, is_county_admin, source_center

from .models import Letter, LetterImage
from .services import letters


def may_approve(user, letter: Letter) -> bool:
    """The center's reviewers (its director) or the county's administrators."""
    if is_county_admin(user):
        return True
    if not allows(user, letter, "center"):
        return False
    return source_center(letter.center).pk in center_ids_for(user, REVIEWER)


def approve(request, pk: int):
    letter = get_object_or_404(Letter, pk=pk)
    if not allows(request.user, letter, "center"):
        raise Http404  # another center's letter is not there at all
    if not may_approve(request.user, letter):
        messages.error(request, _("只有本中心的审核人员（中心主任）可以批准答复。"))
        return redirect("wagtailsnippets_interaction_letter:edit", pk)
    if letter.status != Letter.Status.DRAFTED:
        messages.error(request, _("这封来信还没有待审核的答复。"))
        return redirect("wagtailsnippets_interaction_letter:edit", pk)
    if request.method == "POST":
        letters.approve(letter, request.user)
        messages.success(request, _("答复已批准并发送给来信人。"))
        return redirect("wagtailsnippets_interaction_letter:list")
    return TemplateResponse(request, "interaction/admin/approve.html", {"letter": letter})


def image(request, pk: int, image_pk: int):
    """A letter's picture, for the staff of the center handling it (and the county)."""
    letter = get_object_or_404(Letter, pk=pk)
    if not allows(request.user, letter, "center"):
        raise Http404
    picture = get_object_or_404(LetterImage, pk=image_pk, letter=letter)
    response = FileResponse(picture.file.open("rb"), content_type=picture.content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response
