import factory
from allauth.account.models import EmailAddress
from django.test import Client

from onboarding.models import Industry, User
from onboarding.services.merchants import merchant_create

PASSWORD = "correct-horse-battery-staple-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


def make_merchant(owner: User | None = None, **profile):
    """A merchant created the way the product creates one: owner, membership, draft application."""
    owner = owner or UserFactory()
    defaults = {
        "legal_name": "Example Trading Ltd",
        "country": "US",
        "registration_number": "EX-123456",
        "industry": Industry.ECOMMERCE,
        "website": "https://shop.example.com",
        "contact_phone": "+1 415 555 0100",
    }
    defaults.update(profile)
    return merchant_create(owner=owner, **defaults)


def signed_in_client(user: User, **kwargs) -> Client:
    """A browser of its own, signed in as ``user`` (tests that need two at once)."""
    client = Client(**kwargs)
    client.force_login(user)
    return client
