from .accounts import User
from .applications import Application, ApplicationStatus
from .audit import AuditEvent
from .documents import CheckOutcome, Document, DocumentCheck, DocumentStatus
from .emails import EmailStatus, OutgoingEmail
from .merchants import Industry, Invitation, Membership, Merchant, Role
from .sessions import Session

__all__ = [
    "Application",
    "ApplicationStatus",
    "AuditEvent",
    "CheckOutcome",
    "Document",
    "DocumentCheck",
    "DocumentStatus",
    "EmailStatus",
    "Industry",
    "Invitation",
    "Membership",
    "Merchant",
    "OutgoingEmail",
    "Role",
    "Session",
    "User",
]
