"""What the merchant reads about each checklist item, translated (rules.json holds the rest).

Kept in Python so the strings are found by makemessages; tests assert that every item of
rules.json has its texts here and nothing here is left without an item.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, slots=True)
class ItemTexts:
    label: Promise
    help: Promise  # what a good upload looks like: the "what to do" of a missing item


ITEM_TEXTS: dict[str, ItemTexts] = {
    "business_licence": ItemTexts(
        _("Business licence (营业执照)"),
        _(
            "A photo or scan of the whole original licence, or the PDF of your electronic "
            "licence (电子营业执照). All four corners, the red seal and the Unified Social "
            "Credit Code must be readable."
        ),
    ),
    "legal_rep_id": ItemTexts(
        _("Legal representative's ID card (居民身份证)"),
        _(
            "Both sides of the legal representative's resident ID card: the portrait side "
            "with the ID number and the national emblem side with the validity period."
        ),
    ),
    "company_registration": ItemTexts(
        _("Company registration document"),
        _(
            "Your certificate of incorporation or business registration, showing the "
            "company name and registration number in your profile."
        ),
    ),
    "representative_id": ItemTexts(
        _("Representative's photo ID"),
        _(
            "The passport photo page, national ID card or driving licence of the person who "
            "legally represents the business. It must be valid, in colour and not a screenshot."
        ),
    ),
    "bank_account_proof": ItemTexts(
        _("Bank account proof"),
        _(
            "A bank letter, account opening permit (开户许可证) or recent statement showing "
            "the account holder's name (your business) and the account number for payouts."
        ),
    ),
    "icp_filing": ItemTexts(
        _("ICP filing of your website (ICP备案)"),
        _(
            "A screenshot of your website's ICP filing record from the MIIT filing system, "
            "in the same company name as your licence."
        ),
    ),
    "industry_licence": ItemTexts(
        _("Industry licence"),
        _(
            "The permit your trade needs, e.g. a food business licence (食品经营许可证), a "
            "travel agency licence, or an online culture operation licence for games."
        ),
    ),
    "storefront_photo": ItemTexts(
        _("Storefront photo (门头照)"),
        _("A clear photo of your shop front with the shop sign, taken from across the street."),
    ),
    "beneficial_owner_id": ItemTexts(
        _("Beneficial owners' photo IDs"),
        _(
            "A photo ID of every person who owns 25 percent or more of the business. Put several "
            "owners' IDs into one PDF."
        ),
    ),
    "address_proof": ItemTexts(
        _("Proof of business address"),
        _("A utility bill or bank statement from the last three months, showing your address."),
    ),
    "ownership_proof": ItemTexts(
        _("Proof of ownership or directorship"),
        _("A register of shareholders or directors, or a similar official extract."),
    ),
}

SIDE_LABELS: dict[str, Promise] = {
    "front": _("Front: the portrait side (人像面)"),
    "back": _("Back: the national emblem side (国徽面)"),
}
