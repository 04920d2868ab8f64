"""Checks a translator's PO upload before wagtail-localize reads it.

wagtail-localize answers a file without its X-WagtailLocalize-TranslationID
header (a PO saved by another tool, or another project's file) with a 500,
and a post without a file likewise. This middleware looks at the upload
first, and sends anything unusable back to the translation with a Chinese
message; a good file goes on to wagtail-localize untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.views import edit_translation

import polib

TRANSLATION_HEADER = "X-WagtailLocalize-TranslationID"
MAX_PO_BYTES = 5 * 2**20


def po_upload_problem(upload) -> str | None:
    """Why this uploaded file cannot be imported, in Chinese; None when it can."""
    if upload is None:
        return _("请选择要上传的 PO 翻译文件。")
    if upload.size > MAX_PO_BYTES:
        return _("PO 文件太大（超过 5 MB），请检查是否选错了文件。")
    with tempfile.NamedTemporaryFile(delete=False, suffix=".po") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    upload.seek(0)
    try:
        # polib reads a file name: never hand it the uploaded text itself.
        po = polib.pofile(handle.name)
    except (OSError, UnicodeDecodeError, ValueError):
        return _("无法读取这个文件：它不是 UTF-8 编码的 PO 翻译文件。")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
    if not po.metadata.get(TRANSLATION_HEADER):
        return _(
            "这个 PO 文件缺少本站的翻译编号（文件头 %(header)s），可能被其他软件改写过，"
            "或者不是从本页面下载的。请重新下载 PO 文件，翻译后原样上传。"
        ) % {"header": TRANSLATION_HEADER}
    return None


def _is_po_upload(view_func) -> bool:
    """The admin wraps its views (require_admin_access); follow __wrapped__ down."""
    while view_func is not None:
        if view_func is edit_translation.upload_pofile:
            return True
        view_func = getattr(view_func, "__wrapped__", None)
    return False


class PoUploadGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not _is_po_upload(view_func):
            return None
        problem = po_upload_problem(request.FILES.get("file"))
        if problem is None:
            return None
        messages.error(request, problem)
        return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
