"""Check 7: the numbers and the name on the document, against checksums and the profile.

- Chinese business licence: the USCC is found in the text, validated (stdnum.cn.uscc) and
  compared with the profile; the company name is compared, tolerant of OCR noise.
- Chinese resident ID: the 18-character number is validated (stdnum.cn.ric).
- Company registration elsewhere: the profile's number is validated with the country's
  stdnum module where one exists, and looked for in the document's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from django.utils.translation import gettext_lazy as _
from stdnum.at import businessid as at_businessid
from stdnum.au import abn as au_abn
from stdnum.br import cnpj as br_cnpj
from stdnum.ca import bn as ca_bn
from stdnum.ch import uid as ch_uid
from stdnum.cn import ric, uscc
from stdnum.dk import cvr as dk_cvr
from stdnum.es import cif as es_cif
from stdnum.exceptions import ValidationError
from stdnum.fi import ytunnus as fi_ytunnus
from stdnum.fr import siren as fr_siren
from stdnum.it import iva as it_iva
from stdnum.jp import cn as jp_cn
from stdnum.kr import brn as kr_brn
from stdnum.no import orgnr as no_orgnr
from stdnum.pl import regon as pl_regon
from stdnum.se import orgnr as se_orgnr
from stdnum.sg import uen as sg_uen
from stdnum.th import moa as th_moa
from stdnum.tw import ubn as tw_ubn
from stdnum.us import ein as us_ein

from onboarding.verification.base import (
    CheckResult,
    IdentityDocument,
    ItemSpec,
    MerchantFacts,
    Outcome,
    make_result,
    skipped,
)
from onboarding.verification.cn_numbers import (
    find_ric,
    find_uscc,
    looks_like_misread,
    mask,
    normalise_text,
)
from onboarding.verification.company_names import name_similarity

REGISTRATION = "registration_number"
COMPANY_NAME = "company_name"
ID_NUMBER = "id_number"

# At or above this the name counts as found; calibrated so one or two misread characters in
# a ten-character Chinese name still match and another company's name sharing only its
# legal form ("有限公司", "Ltd") does not.
NAME_MATCH_THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class CompanyNumberKind:
    module: ModuleType  # a python-stdnum module: compact() and validate()
    label: str  # the number's own name, shown in messages (not translated: a proper name)


# The company (not tax-person) number each country's registry issues, where python-stdnum
# validates it. Explicit on purpose: a merchant's country must map to exactly one number.
COMPANY_NUMBERS: dict[str, CompanyNumberKind] = {
    "AT": CompanyNumberKind(at_businessid, "Firmenbuchnummer"),
    "AU": CompanyNumberKind(au_abn, "ABN"),
    "BR": CompanyNumberKind(br_cnpj, "CNPJ"),
    "CA": CompanyNumberKind(ca_bn, "Business Number"),
    "CH": CompanyNumberKind(ch_uid, "UID"),
    "CN": CompanyNumberKind(uscc, "统一社会信用代码 (USCC)"),
    "DK": CompanyNumberKind(dk_cvr, "CVR"),
    "ES": CompanyNumberKind(es_cif, "CIF"),
    "FI": CompanyNumberKind(fi_ytunnus, "Y-tunnus"),
    "FR": CompanyNumberKind(fr_siren, "SIREN"),
    "IT": CompanyNumberKind(it_iva, "Partita IVA"),
    "JP": CompanyNumberKind(jp_cn, "法人番号 (Corporate Number)"),
    "KR": CompanyNumberKind(kr_brn, "사업자등록번호 (BRN)"),
    "NO": CompanyNumberKind(no_orgnr, "Organisasjonsnummer"),
    "PL": CompanyNumberKind(pl_regon, "REGON"),
    "SE": CompanyNumberKind(se_orgnr, "Organisationsnummer"),
    "SG": CompanyNumberKind(sg_uen, "UEN"),
    "TH": CompanyNumberKind(th_moa, "MOA"),
    "TW": CompanyNumberKind(tw_ubn, "統一編號 (UBN)"),
    "US": CompanyNumberKind(us_ein, "EIN"),
}

_NO_TEXT = _(
    "The number in your profile is valid; it was not compared with the document because "
    "no text could be read from it."
)


def check_identifiers(
    *, item: ItemSpec, merchant: MerchantFacts, text: str | None
) -> list[CheckResult]:
    """`text` is the OCR (or PDF) text, or None when none could be read (OCR skipped or
    failed). Documents that carry no identifier get no identifier checks."""
    identity = item.identity
    if identity is IdentityDocument.CN_RESIDENT_ID:
        return [check_cn_resident_id(text)]
    if identity is IdentityDocument.NONE:
        return []
    if identity is IdentityDocument.CN_BUSINESS_LICENCE or merchant.country.upper() == "CN":
        number = check_cn_licence_number(merchant.registration_number, text)
    else:
        number = check_company_number(merchant.country, merchant.registration_number, text)
    return [number, check_company_name(merchant.legal_name, text)]


def check_cn_licence_number(profile_number: str, text: str | None) -> CheckResult:
    profile = uscc.compact(profile_number)
    profile_valid = uscc.is_valid(profile)
    invalid_profile = make_result(
        REGISTRATION,
        Outcome.FAIL,
        _(
            "The Unified Social Credit Code in your profile (%(profile)s) is not valid. "
            "Correct it in your profile."
        ),
        {"profile": profile or "—"},
        reason="profile_invalid",
        profile=profile,
    )
    if text is None:
        if not profile_valid:
            return invalid_profile
        return skipped(REGISTRATION, _NO_TEXT, "no_text", profile=profile)

    found = find_uscc(text)
    if profile_valid and profile in found.valid:
        return make_result(
            REGISTRATION,
            Outcome.PASS,
            _("The Unified Social Credit Code on the licence matches your profile."),
            reason="match",
            code=profile,
        )
    if found.valid:
        return make_result(
            REGISTRATION,
            Outcome.FAIL,
            _(
                "The licence shows the Unified Social Credit Code %(document)s, but your "
                "profile says %(profile)s. Upload your own licence or correct your profile."
            ),
            {"document": found.valid[0], "profile": profile or "—"},
            reason="mismatch",
            code=found.valid[0],
            profile=profile,
            profile_valid=profile_valid,
        )
    misreads = [
        bad for bad in found.invalid if profile_valid and looks_like_misread(bad.number, profile)
    ]
    genuine = [bad for bad in found.invalid if bad not in misreads]
    if genuine:
        bad = genuine[0]
        return make_result(
            REGISTRATION,
            Outcome.FAIL,
            _(
                "The Unified Social Credit Code on the licence (%(document)s) is not valid: "
                "its check character should be “%(expected)s”. Make sure this is a genuine "
                "licence and that the photo is sharp."
            ),
            {"document": bad.number, "expected": bad.expected_check or "?"},
            reason="bad_check_character",
            code=bad.number,
            expected_check=bad.expected_check,
            profile=profile,
        )
    if misreads:
        return make_result(
            REGISTRATION,
            Outcome.WARN,
            _(
                "The Unified Social Credit Code on the licence could not be read clearly; it "
                "looks like the one in your profile. A sharper photo lets us confirm it."
            ),
            reason="unclear_read",
            code=misreads[0].number,
            profile=profile,
        )
    if not profile_valid:
        return invalid_profile
    return make_result(
        REGISTRATION,
        Outcome.WARN,
        _(
            "We could not find the Unified Social Credit Code on the licence. Make sure the "
            "whole licence is in the photo and in focus."
        ),
        reason="not_found",
        profile=profile,
    )


def check_company_number(country: str, profile_number: str, text: str | None) -> CheckResult:
    kind = COMPANY_NUMBERS.get(country.upper())
    if kind is None:
        return _look_for_unvalidated(country, profile_number, text)
    try:
        profile = kind.module.validate(profile_number)
    except ValidationError:
        return make_result(
            REGISTRATION,
            Outcome.FAIL,
            _(
                "The %(label)s in your profile (%(profile)s) is not valid. "
                "Correct it in your profile."
            ),
            {"label": kind.label, "profile": profile_number.strip() or "—"},
            reason="profile_invalid",
            profile=profile_number,
        )
    if text is None:
        return skipped(REGISTRATION, _NO_TEXT, "no_text", profile=profile)
    if _contains_number(text, profile):
        return make_result(
            REGISTRATION,
            Outcome.PASS,
            _("The %(label)s in your profile is valid and appears on the document."),
            {"label": kind.label},
            reason="match",
            profile=profile,
        )
    return make_result(
        REGISTRATION,
        Outcome.WARN,
        _(
            "The %(label)s in your profile is valid, but we could not find it on the document. "
            "Check that this is your company's document."
        ),
        {"label": kind.label},
        reason="not_found",
        profile=profile,
    )


def _look_for_unvalidated(country: str, profile_number: str, text: str | None) -> CheckResult:
    if text is not None and profile_number.strip() and _contains_number(text, profile_number):
        return make_result(
            REGISTRATION,
            Outcome.PASS,
            _("The registration number in your profile appears on the document."),
            reason="match_unvalidated",
            country=country,
        )
    return skipped(
        REGISTRATION,
        _("Registration numbers from this country are checked by a reviewer."),
        "no_validator",
        country=country,
        found=False if text is not None else None,
    )


def _squeeze(text: str) -> str:
    return "".join(ch for ch in normalise_text(text) if ch.isalnum())


def _contains_number(text: str, number: str) -> bool:
    """Separators and spacing differ between profile and print ('12-3456789' vs '12 3456789')."""
    wanted = _squeeze(number)
    haystack = "\n".join(_squeeze(line) for line in text.splitlines())
    if wanted.isdigit():
        # Digits-only numbers tolerate the O/I misreads; letters never appear in them.
        haystack = haystack.translate(str.maketrans("OI", "01"))
    return bool(wanted) and wanted in haystack


def check_company_name(legal_name: str, text: str | None) -> CheckResult:
    if not legal_name.strip():
        return skipped(COMPANY_NAME, _("Your profile has no legal name yet."), "profile_missing")
    if text is None:
        return skipped(
            COMPANY_NAME,
            _("The name was not compared because no text could be read from the document."),
            "no_text",
        )
    score = round(name_similarity(legal_name, text), 3)
    if score >= NAME_MATCH_THRESHOLD:
        return make_result(
            COMPANY_NAME,
            Outcome.PASS,
            _("The company name on the document matches your profile."),
            reason="match",
            score=score,
        )
    return make_result(
        COMPANY_NAME,
        Outcome.WARN,
        _(
            "We could not find “%(name)s” on the document. Check that the name in your "
            "profile is exactly the registered name."
        ),
        {"name": legal_name},
        reason="not_found",
        score=score,
    )


def check_cn_resident_id(text: str | None) -> CheckResult:
    if text is None:
        return skipped(
            ID_NUMBER,
            _("The ID number was not checked because no text could be read from the card."),
            "no_text",
        )
    found = find_ric(text)
    if found.valid:
        number = found.valid[0]
        return make_result(
            ID_NUMBER,
            Outcome.PASS,
            _("The ID number on the card is valid."),
            reason="valid",
            number=mask(number),
            birth_date=ric.get_birth_date(number).isoformat(),
        )
    if found.invalid:
        bad = found.invalid[0]
        if bad.reason == "check_character":
            template = _(
                "The ID number on the card (%(number)s) is not valid: its last character "
                "does not match the rest. Check that this is a genuine ID card."
            )
        else:
            template = _(
                "The ID number on the card (%(number)s) is not valid: it holds an impossible "
                "birth date or region. Check that this is a genuine ID card."
            )
        return make_result(
            ID_NUMBER,
            Outcome.FAIL,
            template,
            {"number": mask(bad.number)},
            reason="bad_check_character" if bad.reason == "check_character" else "bad_component",
            number=mask(bad.number),
        )
    return make_result(
        ID_NUMBER,
        Outcome.WARN,
        _(
            "We could not find the 18-character ID number on the card. Photograph the side "
            "with the number, whole and in focus."
        ),
        reason="not_found",
    )
