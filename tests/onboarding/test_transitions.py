"""The application state machine: only legal moves, each one audited."""

import pytest

from onboarding.errors import DomainError
from onboarding.models import Application, ApplicationStatus, AuditEvent
from onboarding.transitions import APPLICATION_TRANSITIONS, transition

S = ApplicationStatus
LEGAL = [
    (S.DRAFT, S.SUBMITTED),
    (S.SUBMITTED, S.IN_REVIEW),
    (S.IN_REVIEW, S.CHANGES_REQUESTED),
    (S.IN_REVIEW, S.APPROVED),
    (S.IN_REVIEW, S.REJECTED),
    (S.CHANGES_REQUESTED, S.SUBMITTED),
    (S.APPROVED, S.LIVE),
]
ILLEGAL = [(a, b) for a in S.values for b in S.values if a != b and (a, b) not in LEGAL]


def _application_in(merchant, status):
    Application.objects.filter(pk=merchant.application.pk).update(status=status)
    return Application.objects.get(pk=merchant.application.pk)


def test_table_is_exactly_the_designed_machine():
    table = {(a, b) for a, targets in APPLICATION_TRANSITIONS.items() for b in targets}
    assert table == set(LEGAL)
    assert set(APPLICATION_TRANSITIONS) == set(S.values)


@pytest.mark.parametrize(("start", "target"), LEGAL)
def test_legal_transition_changes_status_and_writes_audit_row(merchant, owner, start, target):
    application = _application_in(merchant, start)
    assert transition(application, target, actor=owner, note="because") is True
    application.refresh_from_db()
    assert application.status == target
    event = AuditEvent.objects.get(subject_id=str(application.pk), to_status=target)
    assert (event.actor, event.from_status, event.note) == (owner, start, "because")
    assert event.merchant == merchant


@pytest.mark.parametrize(("start", "target"), ILLEGAL)
def test_illegal_transition_is_refused_with_clear_message(merchant, owner, start, target):
    application = _application_in(merchant, start)
    with pytest.raises(DomainError) as error:
        transition(application, target, actor=owner)
    assert "cannot become" in str(error.value)
    application.refresh_from_db()
    assert application.status == start
    assert not AuditEvent.objects.filter(subject_type="onboarding.application").exists()


def test_same_status_is_a_no_op_without_audit_row(merchant, owner):
    assert transition(merchant.application, S.DRAFT, actor=owner) is False
    assert not AuditEvent.objects.filter(subject_type="onboarding.application").exists()


def test_stale_copy_cannot_overwrite_a_move_made_by_someone_else(merchant, owner):
    stale = Application.objects.get(pk=merchant.application.pk)
    fresh = Application.objects.get(pk=merchant.application.pk)
    transition(fresh, S.SUBMITTED, actor=owner)
    transition(fresh, S.IN_REVIEW, actor=owner)
    stale_again = Application.objects.get(pk=merchant.application.pk)
    stale_again.status = S.DRAFT  # what a stale form would hold
    with pytest.raises(DomainError, match="changed by someone else"):
        transition(stale_again, S.SUBMITTED, actor=owner)
    assert stale.status == S.DRAFT
    assert Application.objects.get(pk=merchant.application.pk).status == S.IN_REVIEW


def test_audit_trail_is_append_only(merchant, owner):
    transition(merchant.application, S.SUBMITTED, actor=owner)
    event = AuditEvent.objects.get(to_status=S.SUBMITTED)
    event.note = "rewritten"
    with pytest.raises(DomainError):
        event.save()
    with pytest.raises(DomainError):
        event.delete()
    with pytest.raises(DomainError):
        AuditEvent.objects.all().update(note="x")
    with pytest.raises(DomainError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).note == ""
