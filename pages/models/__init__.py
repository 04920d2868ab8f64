"""Page types, one module each: county home → township center → village station."""

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
    "NoticePage",
    "ServiceGuidePage",
    "ServiceWindow",
    "SectionPage",
    "ServiceCenterPage",
    "VillageAgent",
    "VillageStationPage",
]
