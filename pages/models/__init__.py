"""Page types, one module each: county home → township center → village station.

These modules import each other down the tree only (the home imports the
center, the center its stations and sections, a station its guides); a page
that looks up the tree names the type it looks for by label through the app
registry, as parent_page_types does, so no two of them import each other.
"""

from .aliases import NameAlias
from .catalogue import Department, LifeEvent, ServiceWindow
from .center import ServiceCenterPage
from .guide import GuideFAQ, GuideLegalBasis, GuideMaterial, GuideStep, ServiceGuidePage
from .home import CountyHomePage
from .notice import NoticePage
from .sections import CENTER_SECTIONS, SectionPage
from .station import VillageAgent, VillageStationPage

__all__ = [
    "CENTER_SECTIONS",
    "CountyHomePage",
    "Department",
    "GuideFAQ",
    "GuideLegalBasis",
    "GuideMaterial",
    "GuideStep",
    "LifeEvent",
    "NameAlias",
    "NoticePage",
    "ServiceGuidePage",
    "ServiceWindow",
    "SectionPage",
    "ServiceCenterPage",
    "VillageAgent",
    "VillageStationPage",
]
