"""Reads for the documents step: the checklist with each slot's state, and documents.

A checklist costs three queries whatever the number of documents: the documents with
their checks (two) and the providers chosen (one, once the payments app has them), plus the
survey's channels (one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from onboarding.models import Application, Document, DocumentCheck, DocumentStatus, Merchant
from onboarding.models.documents import GOOD, IN_PROGRESS
from onboarding.requirements.rules import Expiry, Requirement, Side, evaluate, load_rules
from onboarding.requirements.sources import merchant_facts, provider_catalog, provider_name
from onboarding.requirements.texts import ITEM_TEXTS, SIDE_LABELS, ItemTexts
from onboarding.services.documents import EDITABLE
from onboarding.verification.base import describe_formats
from onboarding.verification.pipeline import planned_checks


class SlotState(StrEnum):
    MISSING = "missing"
    CHECKING = "checking"
    PASSED = "passed"
    ATTENTION = "attention"

    @property
    def label(self) -> Promise:
        return STATE_LABELS[self]


STATE_LABELS = {
    SlotState.MISSING: _("Missing"),
    SlotState.CHECKING: _("Checking"),
    SlotState.PASSED: _("Passed"),
    SlotState.ATTENTION: _("Needs attention"),
}


CHECK_LABELS: dict[str, Promise] = {
    "content_type": _("File type"),
    "decode": _("File opens"),
    "resolution": _("Resolution"),
    "sharpness": _("Sharpness"),
    "exposure": _("Lighting"),
    "rendition": _("Clean copy"),
    "duplicates": _("Not uploaded before"),
    "ocr": _("Text read"),
    "registration_number": _("Registration number"),
    "company_name": _("Company name"),
    "id_number": _("ID number"),
    "expiry": _("Expiry date"),
}


@dataclass(frozen=True)
class ProgressRow:
    name: str
    check: DocumentCheck | None  # None while the check has not run yet

    @property
    def label(self) -> Promise | str:
        return CHECK_LABELS.get(self.name, self.name)

    @property
    def outcome(self) -> str:
        return self.check.outcome if self.check is not None else "pending"


def slot_state(document: Document | None) -> SlotState:
    if document is None:
        return SlotState.MISSING
    if document.status in IN_PROGRESS:
        return SlotState.CHECKING
    if document.status in GOOD:
        return SlotState.PASSED
    return SlotState.ATTENTION


@dataclass
class Slot:
    item_key: str
    side: Side
    document: Document | None
    planned: tuple[str, ...]  # the check names this slot's document gets, in order

    @property
    def key(self) -> str:
        return self.side.key

    @property
    def label(self) -> Promise | None:
        return SIDE_LABELS.get(self.side.key)

    @property
    def state(self) -> SlotState:
        return slot_state(self.document)

    @property
    def asks_expiry(self) -> bool:
        return self.side.expiry is not Expiry.NONE

    @property
    def expiry_required(self) -> bool:
        return self.side.expiry is Expiry.REQUIRED

    @property
    def field_name(self) -> str:
        return f"file__{self.item_key}__{self.side.key}"

    @property
    def expiry_field_name(self) -> str:
        return f"expires_on__{self.item_key}__{self.side.key}"

    def progress(self) -> list[ProgressRow]:
        """Each planned check with its stored result (None while pending), in run order."""
        checks = {c.name: c for c in self.document.checks.all()} if self.document else {}
        return [ProgressRow(name, checks.get(name)) for name in self.planned]


@dataclass
class ChecklistItem:
    requirement: Requirement
    texts: ItemTexts
    slots: list[Slot]
    providers: list[str]  # display names of the providers asking for it

    @property
    def key(self) -> str:
        return self.requirement.key

    @property
    def mandatory(self) -> bool:
        return self.requirement.mandatory

    @property
    def state(self) -> SlotState:
        states = {slot.state for slot in self.slots}
        for state in (SlotState.ATTENTION, SlotState.MISSING, SlotState.CHECKING):
            if state in states:
                return state
        return SlotState.PASSED

    @property
    def in_progress(self) -> bool:
        return any(slot.state is SlotState.CHECKING for slot in self.slots)

    @property
    def accepted_formats(self) -> str:
        return describe_formats(self.requirement.item.formats)

    @property
    def accept_attribute(self) -> str:
        extensions = {"jpeg": ".jpg,.jpeg", "png": ".png", "pdf": ".pdf"}
        return ",".join(extensions[f.value] for f in sorted(self.requirement.item.formats))


@dataclass
class Checklist:
    application: Application
    items: list[ChecklistItem]
    others: list[Document] = field(default_factory=list)  # no longer asked for
    rules_version: int = 0

    @property
    def editable(self) -> bool:
        return self.application.status in EDITABLE

    @property
    def in_progress(self) -> bool:
        return any(item.in_progress for item in self.items)

    @property
    def documents(self) -> list[Document]:
        found = [s.document for i in self.items for s in i.slots if s.document is not None]
        return found + self.others

    def blockers(self) -> list[str]:
        """What stands between the merchant and submitting, in plain words."""
        if self.application.status not in EDITABLE:
            return [str(_("Your application has already been submitted."))]
        problems: list[str] = []
        for item in self.items:
            if not item.mandatory:
                continue
            for slot in item.slots:
                name = f"{item.texts.label} — {slot.label}" if slot.label else str(item.texts.label)
                message = {
                    SlotState.MISSING: _("Upload: %(document)s"),
                    SlotState.CHECKING: _("Wait for the checks of: %(document)s"),
                    SlotState.ATTENTION: _("Fix or replace: %(document)s"),
                }.get(slot.state)
                if message is not None:
                    problems.append(str(message) % {"document": name})
        return problems

    @property
    def can_submit(self) -> bool:
        return not self.blockers()


def application_documents(application: Application) -> QuerySet[Document]:
    return Document.objects.filter(application=application).prefetch_related("checks")


def checklist_for(merchant: Merchant, application: Application) -> Checklist:
    rules = load_rules()
    catalog = provider_catalog()
    requirements = evaluate(rules, merchant_facts(merchant, application, catalog))
    by_slot = {(d.requirement, d.side): d for d in application_documents(application)}
    items: list[ChecklistItem] = []
    for requirement in requirements:
        slots = [
            Slot(
                requirement.key,
                side,
                by_slot.pop((requirement.key, side.key), None),
                planned_checks(requirement.item.spec(side.key, max_bytes=0)),
            )
            for side in requirement.item.sides
        ]
        items.append(
            ChecklistItem(
                requirement,
                ITEM_TEXTS[requirement.key],
                slots,
                [provider_name(slug, catalog) for slug in requirement.asked_by],
            )
        )
    return Checklist(application, items, list(by_slot.values()), rules.version)


def document_for_member(merchant: Merchant, pk: int) -> Document:
    """One of the merchant's documents, or 404 (another merchant's id is simply not found)."""
    document = (
        Document.objects.filter(merchant=merchant, pk=pk)
        .select_related("merchant", "application")
        .prefetch_related("checks")
        .first()
    )
    if document is None:
        raise Http404
    return document


def expiring_documents(checklist: Checklist, *, within_days: int, today) -> list[Document]:
    return sorted(
        (
            d
            for d in checklist.documents
            if d.valid_until is not None and (d.valid_until - today).days < within_days
        ),
        key=lambda d: d.valid_until,
    )


def staff_documents(status: str | None = None) -> QuerySet[Document]:
    documents = Document.objects.select_related("merchant").order_by("-status_changed_at")
    if status in DocumentStatus.values:
        documents = documents.filter(status=status)
    return documents


def staff_document(pk: int) -> Document:
    document = (
        Document.objects.select_related("merchant", "application", "uploaded_by")
        .prefetch_related("checks")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    return document
