"""The embedded email backend: one .eml file per message in OUTBOX_DIR, viewable by staff."""

import re
import uuid
from email import policy
from email.parser import BytesParser
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

_NAME = re.compile(r"^[0-9]{8}T[0-9]{12}-[0-9a-f]{32}\.eml$")


def outbox_dir() -> Path:
    folder = Path(settings.OUTBOX_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = outbox_dir()
        for message in email_messages:
            name = f"{timezone.now():%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex}.eml"
            tmp = folder / f".{name}.tmp"
            tmp.write_bytes(message.message().as_bytes())
            tmp.rename(folder / name)  # atomic: a reader never sees half a message
        return len(email_messages)


def list_messages(limit: int = 200) -> list[dict]:
    names = sorted((p.name for p in outbox_dir().glob("*.eml")), reverse=True)[:limit]
    return [read_message(name) for name in names]


def read_message(name: str) -> dict | None:
    if not _NAME.match(name):
        return None
    path = outbox_dir() / name
    if not path.is_file():
        return None
    parsed = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    body = parsed.get_body(preferencelist=("plain", "html"))
    return {
        "name": name,
        "to": parsed["To"],
        "subject": parsed["Subject"],
        "date": parsed["Date"],
        "body": body.get_content() if body else "",
    }
