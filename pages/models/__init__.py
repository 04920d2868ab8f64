"""Page types, one module each: county home → township center → village station."""

from .center import ServiceCenterPage
from .home import CountyHomePage
from .sections import CENTER_SECTIONS, SectionPage
from .station import VillageAgent, VillageStationPage

__all__ = [
    "CENTER_SECTIONS",
    "CountyHomePage",
    "SectionPage",
    "ServiceCenterPage",
    "VillageAgent",
    "VillageStationPage",
]
