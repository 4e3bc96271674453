"""Check 5: the duplicate decision, and how far pHash moves for copies versus other documents."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from onboarding.verification.base import (
    CheckResult,
    IdentityDocument,
    ItemSpec,
    MerchantFacts,
    Outcome,
    VerificationInput,
)
from onboarding.verification.duplicates import (
    PHASH_MAX_DISTANCE,
    DuplicateCandidate,
    decide_duplicates,
    perceptual_hash,
    phash_distance,
)
from onboarding.verification.legibility import grey_preview
from onboarding.verification.pipeline import VerificationOptions, verify_document
from tests.onboarding.verification import corpus, english

SHA = "a" * 64
PHASH = "f0f0f0f0f0f0f0f0"


def flip_bits(phash: str, count: int) -> str:
    return f"{int(phash, 16) ^ ((1 << count) - 1):016x}"


def candidate(
    *,
    sha256: str = "b" * 64,
    phash: str | None = None,
    same_merchant: bool = False,
    item: str = "business_licence",
) -> DuplicateCandidate:
    return DuplicateCandidate("doc-7", sha256, phash, same_merchant, item)


def decide(*candidates: DuplicateCandidate, phash: str | None = PHASH) -> CheckResult:
    return decide_duplicates(
        sha256=SHA, phash=phash, item="business_licence", candidates=candidates
    )


def test_no_earlier_upload_passes() -> None:
    result = decide()
    assert (result.outcome, result.data["reason"]) == (Outcome.PASS, "ok")
    assert (result.data["sha256"], result.data["phash"]) == (SHA, PHASH)


def test_same_file_from_another_merchant_fails() -> None:
    result = decide(candidate(sha256=SHA))
    assert (result.outcome, result.data["reason"]) == (Outcome.FAIL, "other_merchant")
    assert result.data["matches"] == [
        {
            "document_id": "doc-7",
            "same_merchant": False,
            "item": "business_licence",
            "match": "sha256",
            "distance": 0,
        }
    ]


def test_near_identical_picture_from_another_merchant_warns_at_the_threshold() -> None:
    result = decide(candidate(phash=flip_bits(PHASH, PHASH_MAX_DISTANCE)))
    assert (result.outcome, result.data["reason"]) == (Outcome.WARN, "other_merchant_similar")
    assert result.data["matches"][0]["match"] == "phash"
    assert result.data["matches"][0]["distance"] == PHASH_MAX_DISTANCE
    assert "another business" in english(result.detail)


def test_identical_file_from_another_merchant_fails_even_beside_a_similar_one() -> None:
    similar = candidate(phash=PHASH)
    identical = candidate(sha256=SHA)
    result = decide(similar, identical)
    assert (result.outcome, result.data["reason"]) == (Outcome.FAIL, "other_merchant")
    assert [m["match"] for m in result.data["matches"]] == ["sha256", "phash"]


def test_another_merchants_similar_picture_outweighs_the_merchants_own_copy() -> None:
    own = candidate(sha256=SHA, same_merchant=True, item="bank_account_proof")
    result = decide(own, candidate(phash=PHASH))
    assert (result.outcome, result.data["reason"]) == (Outcome.WARN, "other_merchant_similar")


def test_picture_one_bit_beyond_the_threshold_is_not_a_duplicate() -> None:
    assert decide(candidate(phash=flip_bits(PHASH, PHASH_MAX_DISTANCE + 1))).outcome is Outcome.PASS


def test_same_merchant_under_another_item_warns_naming_the_item() -> None:
    result = decide(candidate(sha256=SHA, same_merchant=True, item="bank_account_proof"))
    assert (result.outcome, result.data["reason"]) == (Outcome.WARN, "same_merchant_other_item")
    assert "(bank_account_proof)" in english(result.detail)


def test_same_merchant_reuploading_for_the_same_item_passes() -> None:
    assert decide(candidate(sha256=SHA, same_merchant=True)).outcome is Outcome.PASS


def test_another_merchants_identical_file_outweighs_the_merchants_own() -> None:
    own = candidate(sha256=SHA, same_merchant=True, item="bank_account_proof")
    other = candidate(sha256=SHA)
    assert decide(own, other).data["reason"] == "other_merchant"


def test_pdf_without_phash_matches_on_sha256_only() -> None:
    assert decide(candidate(phash=PHASH), phash=None).outcome is Outcome.PASS
    assert decide(candidate(sha256=SHA), phash=None).outcome is Outcome.FAIL


def test_phash_distance_counts_differing_bits() -> None:
    assert phash_distance("0000000000000000", "000000000000000f") == 4
    assert phash_distance(PHASH, PHASH) == 0


@pytest.fixture(scope="module")
def licence() -> Image.Image:
    corpus.require_cjk_font()
    return corpus.licence_image(corpus.LicenceFace(corpus.make_uscc("91310000MA1FL1XX7")))


def _hash(image: Image.Image) -> str:
    return perceptual_hash(grey_preview(image))


@pytest.mark.parametrize(
    "copy",
    [
        lambda im: Image.open(BytesIO(corpus.jpeg_bytes(im, quality=60))),
        lambda im: im.resize((im.width // 2, im.height // 2)),
        lambda im: corpus.blurred(im, 2),
        lambda im: corpus.darkened(im, 0.7),
    ],
    ids=["jpeg-q60", "half-size", "blur-2", "darker"],
)
def test_resaved_copies_of_a_licence_stay_within_the_threshold(licence: Image.Image, copy) -> None:
    assert phash_distance(_hash(licence), _hash(copy(licence))) <= PHASH_MAX_DISTANCE


def test_another_companys_licence_is_beyond_the_threshold(licence: Image.Image) -> None:
    other = corpus.licence_image(
        corpus.LicenceFace(
            corpus.make_uscc("91440300MA5DC7KX2"),
            name="深圳市前海微支付有限公司",
            valid_from=date(2018, 6, 1),
            valid_to=None,
        )
    )
    assert phash_distance(_hash(licence), _hash(other)) > PHASH_MAX_DISTANCE


def test_same_licence_uploaded_by_a_second_merchant_is_flagged_on_the_second(
    licence: Image.Image, tmp_path: Path
) -> None:
    item = ItemSpec("business_licence", identity=IdentityDocument.CN_BUSINESS_LICENCE)
    stored: list[tuple[str, str, str | None]] = []  # (merchant, sha256, phash): the "database"

    def upload(merchant: str) -> str:
        path = corpus.write(tmp_path, corpus.jpeg_bytes(licence))

        def lookup(sha256: str, phash: str | None) -> list[DuplicateCandidate]:
            return [
                DuplicateCandidate(f"{owner}-doc", s, p, owner == merchant, item.document_type)
                for owner, s, p in stored
            ]

        outcome = verify_document(
            VerificationInput(path, "licence.jpg", item, MerchantFacts("CN", "x", "x")),
            options=VerificationOptions(ocr=None),
            find_duplicates=lookup,
        )
        stored.append((merchant, outcome.sha256, outcome.phash))
        duplicates = next(r for r in outcome.results if r.check == "duplicates")
        return str(duplicates.data["reason"])

    assert upload("merchant-a") == "ok"
    assert upload("merchant-b") == "other_merchant"
