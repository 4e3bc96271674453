"""A real worker delivers what the web process enqueued on commit, through a real SMTP server."""

import re
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail

from onboarding.health import HEARTBEAT_KEY
from onboarding.models import EmailStatus, OutgoingEmail
from onboarding.services.emails import email_deliver, email_enqueue
from onboarding.services.teams import invitation_create
from tests.integration.conftest import wait_for

pytestmark = pytest.mark.worker


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port},
        }
    }
    yield inbox
    controller.stop()


def test_invitation_email_is_delivered_by_a_worker_over_smtp(
    live_worker, smtp_server, merchant_factory
):
    merchant = merchant_factory(legal_name="Worker Test Ltd")
    owner = merchant.memberships.get().user
    invitation_create(
        merchant=merchant,
        invited_by=owner,
        email="teammate@example.com",
        role="developer",
        base_url="http://portal.example/",
    )
    # Enqueued on commit (no transaction is open here, so at once) and sent by the worker.
    wait_for(lambda: smtp_server.messages)
    envelope = smtp_server.messages[0]
    assert envelope.rcpt_tos == ["teammate@example.com"]
    text = envelope.content.decode()
    assert "Worker Test Ltd" in text
    assert re.search(r"http://portal\.example/invite/[\w-]+/", text)
    assert wait_for(lambda: OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() == 1)


def test_worker_reports_its_heartbeat_to_healthz(live_worker, client):
    from django.core.cache import cache

    wait_for(lambda: cache.get(HEARTBEAT_KEY))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["worker"] == "up"


def test_nothing_is_enqueued_when_the_transaction_rolls_back(live_worker):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        email_enqueue(to="ghost@example.com", subject="never", body_text="never")
        raise RuntimeError("rolled back")
    assert not OutgoingEmail.objects.exists()


def test_delivering_the_same_email_twice_sends_it_once(transactional_db):
    email = OutgoingEmail.objects.create(to="once@example.com", subject="Once", body_text="hi")
    assert email_deliver(email_id=email.pk) is True
    assert email_deliver(email_id=email.pk) is False
    assert [m.subject for m in mail.outbox] == ["Once"]
