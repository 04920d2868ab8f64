"""Policy documents (政策文件), their issuing organisations and 索引号 serials."""

from .interpretation import PolicyInterpretationPage
from .organisations import IndexSerial, IssuingOrganisation
from .policy import (
    DOC_TYPE_CHOICES,
    TOPIC_CHOICES,
    VALIDITY_CHOICES,
    PolicyAttachment,
    PolicyDocumentPage,
    RelatedDocument,
)

__all__ = [
    "DOC_TYPE_CHOICES",
    "TOPIC_CHOICES",
    "VALIDITY_CHOICES",
    "IndexSerial",
    "IssuingOrganisation",
    "PolicyAttachment",
    "PolicyDocumentPage",
    "PolicyInterpretationPage",
    "RelatedDocument",
]
