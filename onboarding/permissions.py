"""Role checks shared by views and API: who may do what inside a merchant's team."""

from onboarding.models import Role

EDIT_PROFILE = frozenset({Role.OWNER})
MANAGE_TEAM = frozenset({Role.OWNER})
# Later steps: developers configure credentials, owners everything.
CONFIGURE_INTEGRATION = frozenset({Role.OWNER, Role.DEVELOPER})


def role_allows(role: str | None, allowed: frozenset[str]) -> bool:
    return role in allowed
