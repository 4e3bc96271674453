from .accounts import User
from .applications import Application, ApplicationStatus
from .audit import AuditEvent
from .emails import EmailStatus, OutgoingEmail
from .merchants import Industry, Invitation, Membership, Merchant, Role

__all__ = [
    "Application",
    "ApplicationStatus",
    "AuditEvent",
    "EmailStatus",
    "Industry",
    "Invitation",
    "Membership",
    "Merchant",
    "OutgoingEmail",
    "Role",
    "User",
]
