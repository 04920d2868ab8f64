"""Content the printed boards are made from, and the policy documents."""

from .organisations import IndexSerial, IssuingOrganisation
from .policy import (
    PolicyAttachment,
    PolicyDocumentPage,
    PolicyInterpretationPage,
    RelatedDocument,
)
from .rules import HallRule
from .scanner import InjectionTerm, ScanClearance

__all__ = [
    "HallRule",
    "IndexSerial",
    "InjectionTerm",
    "IssuingOrganisation",
    "PolicyAttachment",
    "PolicyDocumentPage",
    "PolicyInterpretationPage",
    "RelatedDocument",
    "ScanClearance",
]
