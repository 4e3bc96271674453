"""Check 7: USCC, resident ID and company numbers, found in noisy text and compared."""

from __future__ import annotations

from pathlib import Path

import pytest

from onboarding.verification.base import (
    IdentityDocument,
    ItemSpec,
    MerchantFacts,
    Outcome,
    VerificationInput,
)
from onboarding.verification.cn_numbers import find_ric, find_uscc, looks_like_misread
from onboarding.verification.company_names import name_similarity
from onboarding.verification.identifiers import (
    check_cn_licence_number,
    check_cn_resident_id,
    check_company_name,
    check_company_number,
    check_identifiers,
)
from onboarding.verification.pipeline import VerificationOptions, verify_document
from tests.onboarding.verification import corpus, english

CODE = corpus.make_uscc("91310000MA1FL1XX7")  # 91310000MA1FL1XX76
OTHER_CODE = corpus.make_uscc("91440300MA5DC7KX2")  # 91440300MA5DC7KX2H
BAD_CHECK = corpus.with_bad_check_character(CODE)  # 91310000MA1FL1XX7D
NAME = "上海开通科技有限公司"
ID_NUMBER = corpus.make_ric("11010119900307123")  # 110101199003071233


def outcome_of(result) -> tuple[Outcome, str]:
    return result.outcome, result.data["reason"]


# --- finding a USCC in OCR text ---------------------------------------------------------


def test_uscc_split_by_ocr_spaces_is_found() -> None:
    assert find_uscc("统一 社会 信用 代码 9131 0000 MA1F L1XX 76\n").valid == [CODE]


def test_uscc_with_letter_o_and_i_for_zero_and_one_is_repaired() -> None:
    assert find_uscc("代码 913IOOOOMAIFLIXX76").valid == [CODE]


def test_full_width_and_lower_case_uscc_is_found() -> None:
    assert find_uscc("代码：９１３１００００ma1fl1xx76").valid == [CODE]


def test_uscc_glued_to_neighbouring_letters_is_found_by_its_valid_window() -> None:
    assert find_uscc(f"NO{CODE}X").valid == [CODE]


def test_uscc_with_a_bad_check_character_is_reported_with_the_expected_one() -> None:
    found = find_uscc(f"统一社会信用代码 {BAD_CHECK}")
    assert found.valid == []
    assert [(bad.number, bad.reason, bad.expected_check) for bad in found.invalid] == [
        (BAD_CHECK, "check_character", "6")
    ]


def test_text_without_a_uscc_finds_nothing() -> None:
    found = find_uscc("营业执照\n名称 上海开通科技有限公司\n2020年01月01日 REGISTRATION")
    assert (found.valid, found.invalid) == ([], [])


def test_misread_lookalikes_are_told_apart_from_a_different_number() -> None:
    assert looks_like_misread("91310000MALFL1XXT6", CODE)  # 1→L, 7→T
    assert not looks_like_misread(BAD_CHECK, CODE)  # 6→D is not a look-alike
    assert not looks_like_misread(OTHER_CODE, CODE)


# --- the licence's registration number against the profile ---------------------------------


def test_licence_code_matching_the_profile_passes() -> None:
    assert outcome_of(check_cn_licence_number(CODE, f"代码 {CODE}")) == (Outcome.PASS, "match")


def test_profile_code_with_spaces_and_lower_case_still_matches() -> None:
    profile = "9131 0000 ma1f l1xx 76"
    assert outcome_of(check_cn_licence_number(profile, f"代码 {CODE}")) == (Outcome.PASS, "match")


def test_licence_showing_another_valid_code_fails_naming_both() -> None:
    result = check_cn_licence_number(CODE, f"代码 {OTHER_CODE}")
    assert outcome_of(result) == (Outcome.FAIL, "mismatch")
    assert english(result.detail) == (
        f"The licence shows the Unified Social Credit Code {OTHER_CODE}, but your profile says "
        f"{CODE}. Upload your own licence or correct your profile."
    )


def test_licence_code_with_a_bad_check_character_fails_saying_so() -> None:
    result = check_cn_licence_number(CODE, f"代码 {BAD_CHECK}")
    assert outcome_of(result) == (Outcome.FAIL, "bad_check_character")
    assert result.data["expected_check"] == "6"
    assert "its check character should be “6”" in english(result.detail)


def test_licence_code_misread_by_ocr_warns_instead_of_failing() -> None:
    assert outcome_of(check_cn_licence_number(CODE, "代码 91310000MALFL1XXT6")) == (
        Outcome.WARN,
        "unclear_read",
    )


def test_licence_without_a_readable_code_warns() -> None:
    assert outcome_of(check_cn_licence_number(CODE, "营业执照 名称 上海开通")) == (
        Outcome.WARN,
        "not_found",
    )


def test_invalid_profile_code_fails_even_without_text() -> None:
    assert outcome_of(check_cn_licence_number(BAD_CHECK, None)) == (
        Outcome.FAIL,
        "profile_invalid",
    )


def test_valid_profile_code_without_text_is_skipped() -> None:
    assert outcome_of(check_cn_licence_number(CODE, None)) == (Outcome.SKIPPED, "no_text")


# --- company name ---------------------------------------------------------------------------


def test_company_name_split_by_ocr_spaces_matches() -> None:
    result = check_company_name(NAME, "名 称 上 海 开 通 科技 有 限 公司")
    assert (outcome_of(result), result.data["score"]) == ((Outcome.PASS, "match"), 1.0)


def test_company_name_with_one_misread_character_matches() -> None:
    assert outcome_of(check_company_name(NAME, "名称 上海开通科枝有限公司")) == (
        Outcome.PASS,
        "match",
    )


def test_another_company_sharing_only_the_legal_form_does_not_match() -> None:
    result = check_company_name(NAME, "名称 深圳市前海微支付有限公司")
    assert outcome_of(result) == (Outcome.WARN, "not_found")
    assert result.data["score"] < 0.8


def test_english_names_match_across_legal_form_spellings_and_punctuation() -> None:
    assert name_similarity("Kaitong Trading Limited", "KAITONG TRADING LTD.") == 1.0
    assert name_similarity("Kaitong Trading Ltd", "Acme Holdings Ltd") < 0.8


# --- Chinese resident ID --------------------------------------------------------------------


def test_valid_resident_id_number_passes_and_is_masked() -> None:
    result = check_cn_resident_id(f"公民身份号码 {ID_NUMBER}")
    assert outcome_of(result) == (Outcome.PASS, "valid")
    assert (result.data["number"], result.data["birth_date"]) == (
        "110101********1233",
        "1990-03-07",
    )


def test_resident_id_with_a_wrong_check_digit_fails() -> None:
    wrong = ID_NUMBER[:-1] + "5"
    result = check_cn_resident_id(f"公民身份号码 {wrong}")
    assert outcome_of(result) == (Outcome.FAIL, "bad_check_character")
    assert "110101********1235" in english(result.detail)


def test_resident_id_with_an_impossible_birth_date_fails() -> None:
    body = "11010119901307123"  # month 13
    result = check_cn_resident_id(f"公民身份号码 {corpus.make_ric(body)}")
    assert outcome_of(result) == (Outcome.FAIL, "bad_component")


def test_resident_id_with_lower_case_x_check_and_o_for_zero_is_read() -> None:
    candidates = (corpus.make_ric(f"11010119900307{seq:03d}") for seq in range(1000))
    number = next(n for n in candidates if n.endswith("X"))
    noisy = number[:-1].replace("0", "O", 1) + "x"
    assert find_ric(f"号码 {noisy}").valid == [number]


def test_card_without_a_number_warns() -> None:
    assert outcome_of(check_cn_resident_id("姓名 张三")) == (Outcome.WARN, "not_found")


# --- other countries --------------------------------------------------------------------------


def test_singapore_uen_in_profile_is_validated_with_stdnum() -> None:
    assert outcome_of(check_company_number("SG", "197401143D", "UEN 197401143D")) == (
        Outcome.FAIL,
        "profile_invalid",
    )
    assert outcome_of(check_company_number("SG", "197401143C", "UEN: 197401143C")) == (
        Outcome.PASS,
        "match",
    )


def test_us_ein_is_found_on_the_document_whatever_the_separators() -> None:
    result = check_company_number("us", "04-2103594", "Employer Identification Number 04 2103594")
    assert outcome_of(result) == (Outcome.PASS, "match")


def test_valid_number_missing_from_the_document_warns() -> None:
    assert outcome_of(check_company_number("US", "04-2103594", "Some other letter")) == (
        Outcome.WARN,
        "not_found",
    )


def test_country_without_a_validator_is_left_to_a_reviewer_unless_the_number_appears() -> None:
    assert outcome_of(check_company_number("GB", "SC123456", "Company number SC123456")) == (
        Outcome.PASS,
        "match_unvalidated",
    )
    assert outcome_of(check_company_number("GB", "SC123456", "nothing")) == (
        Outcome.SKIPPED,
        "no_validator",
    )


def test_documents_without_an_identifier_get_no_identifier_checks() -> None:
    facts = MerchantFacts("CN", NAME, CODE)
    assert check_identifiers(item=ItemSpec("storefront_photo"), merchant=facts, text="x") == []


def test_company_registration_in_china_uses_the_uscc_rules() -> None:
    item = ItemSpec("registration", identity=IdentityDocument.COMPANY_REGISTRATION)
    results = check_identifiers(
        item=item, merchant=MerchantFacts("CN", NAME, CODE), text=f"{NAME} {OTHER_CODE}"
    )
    assert [outcome_of(r) for r in results] == [
        (Outcome.FAIL, "mismatch"),
        (Outcome.PASS, "match"),
    ]


# --- generated images, read by Tesseract through the whole pipeline --------------------------

LICENCE_ITEM = ItemSpec(
    "business_licence", identity=IdentityDocument.CN_BUSINESS_LICENCE, expiry_required=True
)
ID_ITEM = ItemSpec("legal_rep_id_front", identity=IdentityDocument.CN_RESIDENT_ID)


def identifier_results(image_bytes: bytes, item: ItemSpec, tmp_path: Path) -> dict:
    outcome = verify_document(
        VerificationInput(
            corpus.write(tmp_path, image_bytes), "scan.jpg", item, MerchantFacts("CN", NAME, CODE)
        ),
        options=VerificationOptions(),
    )
    assert next(r for r in outcome.results if r.check == "ocr").outcome is Outcome.PASS
    wanted = {"registration_number", "company_name", "id_number"}
    return {r.check: outcome_of(r) for r in outcome.results if r.check in wanted}


@pytest.fixture(scope="module")
def ocr_available() -> None:
    corpus.require_ocr_environment()


def licence_jpeg(code: str) -> bytes:
    return corpus.jpeg_bytes(corpus.licence_image(corpus.LicenceFace(code)))


def test_licence_image_with_the_profiles_valid_uscc_passes(
    ocr_available: None, tmp_path: Path
) -> None:
    assert identifier_results(licence_jpeg(CODE), LICENCE_ITEM, tmp_path) == {
        "registration_number": (Outcome.PASS, "match"),
        "company_name": (Outcome.PASS, "match"),
    }


def test_licence_image_with_another_uscc_is_flagged_as_a_mismatch(
    ocr_available: None, tmp_path: Path
) -> None:
    assert identifier_results(licence_jpeg(OTHER_CODE), LICENCE_ITEM, tmp_path) == {
        "registration_number": (Outcome.FAIL, "mismatch"),
        "company_name": (Outcome.PASS, "match"),
    }


def test_licence_image_with_a_bad_check_character_is_flagged(
    ocr_available: None, tmp_path: Path
) -> None:
    assert identifier_results(licence_jpeg(BAD_CHECK), LICENCE_ITEM, tmp_path) == {
        "registration_number": (Outcome.FAIL, "bad_check_character"),
        "company_name": (Outcome.PASS, "match"),
    }


def test_id_card_image_with_a_valid_number_passes(ocr_available: None, tmp_path: Path) -> None:
    image = corpus.jpeg_bytes(corpus.id_card_image(ID_NUMBER))
    assert identifier_results(image, ID_ITEM, tmp_path) == {"id_number": (Outcome.PASS, "valid")}
