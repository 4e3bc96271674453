"""Demo data for a fresh machine: a staff reviewer and a demo merchant, logins printed."""

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from onboarding.models import Industry, Merchant, User
from onboarding.services.merchants import merchant_create

STAFF_EMAIL = "reviewer@kaitong.local"
OWNER_EMAIL = "owner@demo-merchant.local"
DEMO_PASSWORD = "kaitong-demo-2026"  # noqa: S105 (printed demo login)


def _verified_user(email: str, password: str, **extra) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(email=email, defaults=extra)
    if created:
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user, created


class Command(BaseCommand):
    help = "Create the demo staff reviewer and demo merchant (idempotent); print their logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--merchants", type=int, default=0, help="Also create this many extra merchants."
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            _verified_user(STAFF_EMAIL, DEMO_PASSWORD, is_staff=True, full_name="Demo Reviewer")
            owner, created = _verified_user(OWNER_EMAIL, DEMO_PASSWORD, full_name="Demo Owner")
            if created:
                merchant_create(
                    owner=owner,
                    legal_name="深圳开通演示贸易有限公司",
                    country="CN",
                    registration_number="91440300MA5FUTQ54X",
                    industry=Industry.ECOMMERCE,
                    website="https://demo-merchant.example.com",
                    contact_phone="+86 138 0013 8000",
                )
        extra = options["merchants"]
        existing = Merchant.objects.filter(legal_name__startswith="Seeded Merchant ").count()
        # Hash once: a deliberately slow password hash per seeded user would dominate seeding.
        password_hash = make_password(DEMO_PASSWORD)
        for number in range(existing, extra):
            user = User.objects.create(
                email=f"seed{number}@merchants.local", password=password_hash
            )
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
            merchant_create(
                owner=user,
                legal_name=f"Seeded Merchant {number}",
                country="US",
                registration_number=f"SEED-{number:06d}",
                industry=Industry.RETAIL,
                website="",
                contact_phone="+1 415 555 0100",
            )
        self.stdout.write(
            f"\nDemo logins (password for both: {DEMO_PASSWORD})\n"
            f"  staff reviewer : {STAFF_EMAIL}"
            "   (sets up two-factor authentication on first staff page)\n"
            f"  merchant owner : {OWNER_EMAIL}\n"
        )
