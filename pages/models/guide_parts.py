"""The guide's admin form: refuses to publish a guide missing any of the 八公开."""

from django.apps import apps
from django.utils.text import slugify

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from core.forms import GatedPageFormMixin
from pages.services.guides import GuideFacts, describe_missing, missing_disclosures


def _kept_rows(formset) -> int:
    """Rows the editor filled in and did not delete."""
    count = 0
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data and not data.get("DELETE"):
            count += 1
    return count


class GuideFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes = self.fields.get("themes")
        if themes is not None and self.instance.locale_id:
            # The themes of the guide's own language (each theme exists once per locale).
            themes.queryset = themes.queryset.filter(locale_id=self.instance.locale_id)

    def clean(self):
        """A new guide's address comes from its 事项编码 (…/guides/520000-xk-001/), not from
        a Chinese title that browsers show percent-encoded."""
        data = self.cleaned_data
        slug = data.get("slug") or ""
        if self.instance.pk is None and (not slug or not slug.isascii()):
            code_slug = slugify(data.get("item_code") or "")
            if code_slug:
                data["slug"] = self._free_slug(code_slug)
        return super().clean()

    def _free_slug(self, base: str) -> str:
        siblings = (
            Page.objects.child_of(self.parent_page) if self.parent_page else Page.objects.none()
        )
        taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def is_valid(self):
        valid = super().is_valid()
        if not valid or getattr(self, "is_deferred_validation", False):
            return valid
        data = self.cleaned_data
        unit = self._unit()
        consultation = data.get("consultation_phone") or _unit_phone(unit, "consultation")
        complaint = data.get("complaint_phone") or _unit_phone(unit, "complaint")
        facts = GuideFacts(
            name=data.get("title") or "",
            legal_basis_count=_kept_rows(self.formsets["legal_bases"]),
            conditions=data.get("conditions") or "",
            material_count=_kept_rows(self.formsets["materials"]),
            step_count=_kept_rows(self.formsets["steps"]),
            promised_limit_days=data.get("promised_limit_days"),
            fee_free=bool(data.get("fee_free")),
            fee_amount=data.get("fee_amount") or "",
            fee_basis=data.get("fee_basis") or "",
            consultation_phone=consultation,
            complaint_phone=complaint,
        )
        missing = missing_disclosures(facts)
        if missing:
            self.add_error(None, describe_missing(missing))
            return False
        return True

    def _unit(self):
        parent = self.parent_page
        if parent is None:
            return None
        # Up the tree: the types are named by label (see pages.models).
        station_type = apps.get_model("pages", "VillageStationPage")
        center_type = apps.get_model("pages", "ServiceCenterPage")
        station = station_type.objects.ancestor_of(parent, inclusive=True).first()
        return station or center_type.objects.ancestor_of(parent, inclusive=True).first()


def _unit_phone(unit, kind: str) -> str:
    if unit is None:
        return ""
    if kind == "consultation":
        return getattr(unit, "consultation_phone", "") or getattr(unit, "phone", "")
    phone = getattr(unit, "complaint_phone", "")
    if not phone and hasattr(unit, "center"):
        phone = getattr(unit.center, "complaint_phone", "") if unit.center else ""
    return phone


class GuideForm(GatedPageFormMixin, GuideFormMixin, WagtailAdminPageForm):
    pass
