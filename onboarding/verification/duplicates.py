"""Check 5: has this document, or a near copy of it, been uploaded before?

The hashes are computed here; finding the candidates is a database query that belongs to the
caller, which hands them to `decide_duplicates` (directly, or through the pipeline's
`find_duplicates` argument). The decision itself is a pure function so it can be tested
without a database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import imagehash
from django.utils.translation import gettext_lazy as _
from PIL import Image

from onboarding.verification.base import CheckResult, JSONValue, Outcome, make_result

CHECK = "duplicates"

# Hamming distance between two 64-bit pHashes at or under which two images are "the same
# picture". Measured on generated licences (test_duplicates.py): re-encoding at JPEG q60,
# halving the size, a blur of radius 2 or darkening to 70% move the hash by 0-2 bits. But
# pHash ignores small print: two licences on the same printed template that differ only in
# their text sit 2-6 bits apart. 4 catches re-saved copies of one file while keeping most
# same-template documents apart; it cannot tell a scan of a different licence whose layout
# and text lengths are almost identical, which is why a reviewer sees every match.
PHASH_MAX_DISTANCE = 4
# Because of that, a pHash-only match with another merchant is a warning for the reviewer
# (a possible fraud signal); only an identical SHA-256 from another merchant fails.


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """Another stored document whose hashes the caller's query returned."""

    document_id: str
    sha256: str
    phash: str | None  # 16 hex digits, or None for PDFs
    same_merchant: bool
    item: str  # the candidate's checklist item (ItemSpec.document_type)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def perceptual_hash(image: Image.Image) -> str:
    """pHash (DCT of a 32×32 grey thumbnail) as 16 hex digits. Pass the upright grey preview:
    the hash then ignores EXIF rotation, metadata and JPEG re-encoding."""
    return str(imagehash.phash(image))


def phash_distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def decide_duplicates(
    *,
    sha256: str,
    phash: str | None,
    item: str,
    candidates: Iterable[DuplicateCandidate],
    max_distance: int = PHASH_MAX_DISTANCE,
) -> CheckResult:
    """Fail when another merchant uploaded the very same file (same SHA-256); warn when
    another merchant's picture is only perceptually close, or when this merchant uploaded it
    under another item; a re-upload under the same item is fine.

    A pHash-only match with another business is a warning, not a failure: licences printed
    on the same official template sit 2-6 bits apart, so a near match is a signal for the
    reviewer to compare the two, not proof that the file was copied.
    """
    identical: list[dict[str, JSONValue]] = []
    similar: list[dict[str, JSONValue]] = []
    elsewhere: list[dict[str, JSONValue]] = []
    for candidate in candidates:
        match = _match(sha256, phash, candidate, max_distance)
        if match is None:
            continue
        if not candidate.same_merchant:
            (identical if match["match"] == "sha256" else similar).append(match)
        elif candidate.item != item:
            elsewhere.append(match)
    hashes: dict[str, JSONValue] = {"sha256": sha256, "phash": phash}
    if identical:
        return make_result(
            CHECK,
            Outcome.FAIL,
            _(
                "This file has already been uploaded by another business. A reviewer will "
                "check it; if it is yours, you need do nothing else."
            ),
            reason="other_merchant",
            matches=[*identical, *similar],
            **hashes,
        )
    if similar:
        return make_result(
            CHECK,
            Outcome.WARN,
            _(
                "This picture looks much like a document uploaded by another business. "
                "A reviewer will compare them; you need do nothing else."
            ),
            reason="other_merchant_similar",
            matches=[*similar, *elsewhere],
            **hashes,
        )
    if elsewhere:
        items = sorted({str(m["item"]) for m in elsewhere})
        return make_result(
            CHECK,
            Outcome.WARN,
            _(
                "You uploaded the same picture for another document (%(items)s). "
                "Check that you chose the right file."
            ),
            {"items": ", ".join(items)},
            reason="same_merchant_other_item",
            matches=list(elsewhere),
            **hashes,
        )
    return make_result(
        CHECK,
        Outcome.PASS,
        _("No copy of this file was uploaded before."),
        reason="ok",
        **hashes,
    )


def _match(
    sha256: str, phash: str | None, candidate: DuplicateCandidate, max_distance: int
) -> dict[str, JSONValue] | None:
    found: dict[str, JSONValue] = {
        "document_id": candidate.document_id,
        "same_merchant": candidate.same_merchant,
        "item": candidate.item,
    }
    if candidate.sha256 == sha256:
        return found | {"match": "sha256", "distance": 0}
    if phash is not None and candidate.phash is not None:
        distance = phash_distance(phash, candidate.phash)
        if distance <= max_distance:
            return found | {"match": "phash", "distance": distance}
    return None
