"""The reply letter (政府信息公开申请答复告知书), printed in the official-document format.

Numbered, dated and signed by the unit, citing the 条例 article of its outcome
and telling the applicant their remedies. It goes to the applicant, so it
names them; it is stored privately with the case, never published.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from documents.official import chinese_date, official_html
from printing.render import render_pdf

from ..outcomes import group_of, outcome_label

_CSS = ".body p.quote { text-indent: 0; }"


def _paragraphs(text: str) -> SafeString:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return format_html_join("", "<p>{}</p>", ((line,) for line in lines))


def reply_letter_html(request) -> str:
    unit = request.center.specific
    organisation = getattr(unit, "official_name", "") or unit.title
    group = group_of(request.outcome)
    opening = format_html(
        "<p>{}</p>",
        _(
            "%(date)s，本机关收到您（单位）通过%(channel)s提出的政府信息公开申请"
            "（申请编号：%(code)s），申请获取“%(what)s”。经审查，现答复如下："
        )
        % {
            "date": chinese_date(request.received_on),
            "channel": request.get_channel_display(),
            "code": request.code,
            "what": request.description,
        },
    )
    decision = format_html(
        "<p>{}</p>",
        _("根据《中华人民共和国政府信息公开条例》%(article)s，本申请的办理结果为：%(outcome)s。")
        % {"article": group.article, "outcome": outcome_label(request.outcome)},
    )
    fee = (
        format_html(
            "<p>{}</p>",
            _("本次收取信息处理费%(fee)s元（%(note)s）。")
            % {"fee": request.fee, "note": request.fee_note},
        )
        if request.fee
        else ""
    )
    remedy = format_html(
        "<p>{}</p>",
        _(
            "如对本答复不服，可以自收到本告知书之日起60日内依法申请行政复议，"
            "或者自收到本告知书之日起6个月内依法提起行政诉讼。"
        ),
    )
    body = mark_safe("".join([opening, decision, _paragraphs(request.reply), fee]))  # noqa: S308
    return official_html(
        title=_("政府信息公开申请答复告知书"),
        number=request.reply_number,
        addressees=f"{request.name}：",  # text: the template escapes it
        body_html=body,
        closing_html=remedy,
        organisations=[organisation],
        date=request.replied_on,
        extra_css=_CSS,
    )


def reply_letter_pdf(request) -> bytes:
    return render_pdf(reply_letter_html(request)).pdf


def store_reply_letter(request) -> None:
    """Print the letter and keep it with the case (private storage)."""
    pdf = reply_letter_pdf(request)
    if request.reply_pdf:
        request.reply_pdf.delete(save=False)
    request.reply_pdf.save(f"{request.code}.pdf", ContentFile(pdf), save=False)
    request.save(update_fields=["reply_pdf"])
