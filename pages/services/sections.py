"""Give every center its standard sections (栏目), once."""

from wagtail.models import Page

from core.sections import section_view
from pages.models import CENTER_SECTIONS, SectionPage


def ensure_center_sections(center: Page) -> list[Page]:
    """Create the standard sections missing under `center`; return those created.

    Idempotent: a section is recognised by its kind, so renamed or moved-around
    sections are left alone and never duplicated.
    """
    existing = set(SectionPage.objects.child_of(center).values_list("kind", flat=True))
    created = []
    for kind, title, slug in CENTER_SECTIONS:
        if kind in existing:
            continue
        slug_taken = Page.objects.child_of(center).filter(slug=slug).exists()
        section = SectionPage(
            title=title,
            slug=f"{slug}-{kind}" if slug_taken else slug,
            kind=kind,
            locale_id=center.locale_id,
        )
        center.add_child(instance=section)
        section.save_revision().publish()
        view = section_view(kind)
        if view is not None and view.populate is not None:
            view.populate(section)
        created.append(section)
    return created
