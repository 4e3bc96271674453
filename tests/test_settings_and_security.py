"""Deployment settings, security headers, request ids and the translation catalog."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, env):
    # The browser tests' conftest relaxes async safety for this process only.
    env = {k: v for k, v in env.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "p" * 20 + "-Z9x!q$w8E^r7T&y6U*i5O(p4A)s3D_f2G+h1J",
        "ALLOWED_HOSTS": "portal.example.com",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "FIELD_ENCRYPTION_KEYS"]
)
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "portal.example.com",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    }
    del env[missing]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_no_template_carries_an_inline_script(client):
    for template in ROOT.joinpath("templates").rglob("*.html"):
        text = template.read_text()
        for chunk in text.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            assert "src=" in tag or "application/json" in tag, f"inline script in {template}"


def test_every_response_has_a_request_id_and_keeps_a_sane_incoming_one(client, caplog):
    generated = client.get("/ping")["X-Request-ID"]
    assert len(generated) == 32
    assert client.get("/ping", HTTP_X_REQUEST_ID="trace-abc-12345")["X-Request-ID"] == (
        "trace-abc-12345"
    )
    hostile = client.get("/ping", HTTP_X_REQUEST_ID="evil\nheader: injected")
    assert hostile["X-Request-ID"] != "evil\nheader: injected"


def test_log_lines_are_json_with_the_request_id(client):
    import json
    import logging

    from config.logging import JsonFormatter
    from config.request_id import RequestIdFilter

    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client.get("/no-such-page/", HTTP_X_REQUEST_ID="trace-404-abcdef")
    finally:
        logger.removeHandler(handler)
    entry = json.loads(records[-1])
    assert entry["request_id"] == "trace-404-abcdef"
    assert entry["level"] == "WARNING"
    assert "Not Found" in entry["message"]


def test_every_message_is_translated_into_simplified_chinese():
    import polib

    catalog = polib.pofile(str(ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalog if not entry.translated()]
    assert untranslated == []
    assert catalog.percent_translated() == 100
    compiled = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"
    assert (
        compiled.stat().st_mtime
        >= (ROOT / "locale/zh_Hans/LC_MESSAGES/django.po").stat().st_mtime - 1
    )
