"""Content the printed boards are made from, and the policy documents."""

from .organisations import IndexSerial, IssuingOrganisation
from .policy import (
    DOC_TYPE_CHOICES,
    TOPIC_CHOICES,
    VALIDITY_CHOICES,
    PolicyAttachment,
    PolicyDocumentPage,
    PolicyInterpretationPage,
    RelatedDocument,
)
from .rules import HallRule
from .scanner import InjectionTerm, ScanClearance

__all__ = [
    "DOC_TYPE_CHOICES",
    "TOPIC_CHOICES",
    "VALIDITY_CHOICES",
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
