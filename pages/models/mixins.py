"""Pieces shared by the page types: contact fields and the publish-time check."""

from django.db import models
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from core.forms import GatedPageFormMixin
from pages.validators import normalise_phone, validate_phone


class PhoneField(models.CharField):
    """A phone number as shown to citizens; full-width digits are folded on save."""

    default_validators = [validate_phone]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname) or ""
        value = normalise_phone(value)
        setattr(model_instance, self.attname, value)
        return value


class ReviewDateMixin(models.Model):
    """A date by which an editor must check the content is still right.

    Service items and their materials change with policy; the freshness
    dashboard lists every page past this date.
    """

    review_by = models.DateField(
        _("下次复核日期"),
        null=True,
        blank=True,
        help_text=_("到期后在“内容健康度”看板提醒编辑复核本页内容"),
    )

    class Meta:
        abstract = True


class ContactRequiredForm(GatedPageFormMixin, WagtailAdminPageForm):
    """Names every missing contact field at once when an editor tries to publish.

    Drafts may be saved incomplete (Wagtail defers required fields on save);
    publishing is refused with one Chinese sentence listing what is missing,
    in the spirit of 一次性告知.
    """

    def clean(self):
        cleaned_data = super().clean()
        if getattr(self, "is_deferred_validation", False):
            return cleaned_data
        missing = [
            str(self.fields[name].label)
            for name in getattr(self.instance, "publish_required_fields", ())
            if name in self.fields and not cleaned_data.get(name)
        ]
        if missing:
            self.add_error(
                None,
                _gettext("发布前还需填写以下信息：%(fields)s。") % {"fields": "、".join(missing)},
            )
        return cleaned_data


OPENING_HOURS_HELP = _("每行一段，例如：周一至周五 上午 8:30—12:00，下午 14:30—17:30")
