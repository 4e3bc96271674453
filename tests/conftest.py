import shutil

import pytest
from django.conf import settings
from django.core.cache import cache

from onboarding.models import Membership, Role
from onboarding.page_cache import clear_pages
from onboarding.templatetags.fragments import clear_fragments
from tests.factories import UserFactory, make_merchant


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path, settings):
    """Each test gets its own private storage and outbox, and a cache without old rate limits."""
    settings.PRIVATE_STORAGE_DIR = tmp_path / "private"
    settings.OUTBOX_DIR = tmp_path / "outbox"
    # Assigned, not mutated in place: the assignment resets Django's cached storage objects
    # (and is undone after the test), so each test really writes to its own folder.
    private = {"location": str(tmp_path / "private"), "base_url": None}
    settings.STORAGES = {
        **settings.STORAGES,
        **{
            alias: {**settings.STORAGES[alias], "OPTIONS": private}
            for alias in ("default", "private")
        },
    }
    cache.clear()
    clear_pages()
    clear_fragments()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _remove_test_var_dir():
    yield
    shutil.rmtree(settings.VAR_DIR, ignore_errors=True)


@pytest.fixture
def user_factory(db):
    return UserFactory


@pytest.fixture
def merchant_factory(db):
    return make_merchant


@pytest.fixture
def owner(db):
    merchant = make_merchant(legal_name="Alpha Owner Trading Ltd")
    return merchant.memberships.get(role=Role.OWNER).user


@pytest.fixture
def merchant(owner):
    return owner.membership.merchant


@pytest.fixture
def member_factory(db):
    def make(merchant, role=Role.DEVELOPER):
        user = UserFactory()
        Membership.objects.create(user=user, merchant=merchant, role=role)
        return user

    return make


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True, email="staff@kaitong.local")


@pytest.fixture
def staff_with_mfa(staff_user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(staff_user, generate_totp_secret())
    return staff_user


@pytest.fixture
def auth_client(client):
    def login(user):
        client.force_login(user)
        return client

    return login
