"""A merchant uploads a licence and an ID, watches the checks arrive, fixes a flagged side by
replacing it, and submits. A real Celery worker runs the checks; the page polls with htmx."""

from __future__ import annotations

import base64

import pytest
from playwright.sync_api import expect

from onboarding.models import Document
from tests.e2e.helpers import log_in
from tests.integration.conftest import live_worker as live_worker
from tests.integration.sqlite_sharing import readers_skip_table_locks as readers_skip_table_locks
from tests.onboarding.documents.helpers import CN_CODE, CN_NAME, photo
from tests.onboarding.verification import corpus

pytestmark = [pytest.mark.e2e, pytest.mark.worker, pytest.mark.django_db(transaction=True)]
CHECKS = 60_000  # ms: OCR of a licence takes a second or two on a busy machine
UI = 15_000  # ms: an answer from the page itself, with room for a loaded machine


@pytest.fixture
def owner(user_factory, merchant_factory):
    corpus.require_ocr_environment()
    owner = user_factory(email="licence.owner@example.com")
    merchant_factory(
        owner=owner,
        legal_name=CN_NAME,
        country="CN",
        registration_number=CN_CODE,
        website="",
        industry="ecommerce",
    )
    return owner


def _file(name: str, data: bytes) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": data}


def _drop(page, selector: str, name: str, data: bytes) -> None:
    """Drop a file on a zone as a person dragging it from their desktop would."""
    page.evaluate(
        """([selector, name, payload]) => {
            const bytes = Uint8Array.from(atob(payload), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, {type: "image/jpeg"}));
            const zone = document.querySelector(selector);
            zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true}));
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
        }""",
        [selector, name, base64.b64encode(data).decode()],
    )


def test_upload_watch_checks_fix_a_flagged_side_and_submit(
    readers_skip_table_locks,
    page,
    live_worker,
    owner,
):
    licence = corpus.jpeg_bytes(corpus.licence_image(corpus.LicenceFace(CN_CODE)))
    good_id = corpus.make_ric("11010119900307123")
    bad_id = good_id[:-1] + ("5" if good_id[-1] != "5" else "6")
    log_in(page, "licence.owner@example.com")
    page.get_by_role("link", name="Documents").first.click()
    page.wait_for_url("**/documents/")
    expect(page.locator("html")).to_have_class("js-uploads", timeout=UI)
    expect(page.get_by_role("button", name="Upload the chosen files")).to_be_hidden(timeout=UI)

    # The licence: chosen with the file picker; a progress bar, then the checks arrive.
    page.set_input_files("#file-business_licence-file", _file("营业执照.jpg", licence))
    expect(page.locator("#upload-progress progress")).to_have_count(1, timeout=UI)
    card = page.locator("#item-business_licence")
    expect(card.locator(".doc-check-name").first).to_have_text("File type", timeout=CHECKS)
    expect(card.locator(".doc-badge")).to_have_text("Passed", timeout=CHECKS)
    expect(card).to_contain_text(
        "The Unified Social Credit Code on the licence matches", timeout=UI
    )
    expect(card.locator("img.doc-thumb")).to_be_visible(timeout=UI)

    # The ID card: the back with its expiry date, the front with a wrong check digit.
    page.fill("#expires-legal_rep_id-back", "2036-03-07")
    page.set_input_files("#file-legal_rep_id-back", _file("back.jpg", photo(seed=11)))
    page.set_input_files(
        "#file-legal_rep_id-front",
        _file("front.jpg", corpus.jpeg_bytes(corpus.id_card_image(bad_id))),
    )
    id_card = page.locator("#item-legal_rep_id")
    expect(id_card.locator(".doc-badge")).to_have_text("Needs attention", timeout=CHECKS)
    expect(id_card.locator(".doc-check-fail")).to_contain_text("ID number", timeout=CHECKS)

    # Fixed by replacing the front with the right picture.
    page.set_input_files(
        "#file-legal_rep_id-front",
        _file("front-again.jpg", corpus.jpeg_bytes(corpus.id_card_image(good_id))),
    )
    expect(id_card.locator(".doc-badge")).to_have_text("Passed", timeout=CHECKS)

    # The bank letter, dropped on its zone.
    _drop(page, '.doc-drop[data-requirement="bank_account_proof"]', "bank.jpg", photo(seed=12))
    bank = page.locator("#item-bank_account_proof")
    expect(bank.locator(".doc-badge")).to_have_text("Passed", timeout=CHECKS)
    expect(page.locator("#upload-progress progress")).to_have_count(5, timeout=UI)

    # Everything is in order: the submit panel has refreshed itself.
    submit = page.get_by_role("button", name="Submit my application")
    expect(submit).to_be_visible(timeout=CHECKS)
    submit.click()
    page.wait_for_url("**/dashboard/")
    expect(page.locator(".badge-submitted")).to_be_visible(timeout=UI)
    assert Document.objects.filter(status="passed").count() == 4
    assert not Document.objects.filter(original_filename="front.jpg").exists()


def test_documents_page_fits_a_360px_screen(page, owner):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, "licence.owner@example.com")
    page.goto("/documents/")
    expect(page.locator("#item-legal_rep_id")).to_be_visible(timeout=UI)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    expect(
        page.get_by_label("Choose a file, or drop it here (Business licence (营业执照))")
    ).to_be_attached()
