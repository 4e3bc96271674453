"""The one authentication backend: allauth's, loading the user's team in the same query.

Every merchant page needs the membership, merchant, application and the journey's facts;
fetching them with the user saves queries on each request, and the query is prepared once
(see prepared.py).
"""

from contextvars import ContextVar

from allauth.account.auth_backends import AuthenticationBackend
from django.db.models import QuerySet

from onboarding.journey_facts import journey_fact_annotations
from onboarding.models import User
from onboarding.prepared import PreparedQuery

_TEAM = "membership__merchant__application"


def with_team(queryset: QuerySet, user_path: str = "") -> QuerySet:
    """The user (at ``user_path`` of the queryset's model, e.g. "user__" from a session)
    with membership, merchant, application and the journey's facts, in the same query."""
    team = f"{user_path}{_TEAM}"
    return queryset.select_related(team).annotate(**journey_fact_annotations(team))


_USER_WITH_TEAM: PreparedQuery[User] = PreparedQuery(
    lambda user_id: with_team(User._default_manager.filter(pk=user_id)), "user_id"
)


# The session store loads the session's user with the session (onboarding/sessions.py) and
# hands it over here; it is taken once, and only for the same user id.
_preloaded: ContextVar[User | None] = ContextVar("kaitong_preloaded_user", default=None)


def preload_user(user: User | None) -> None:
    _preloaded.set(user)


class KaitongBackend(AuthenticationBackend):
    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        user = _preloaded.get()
        if user is not None:
            _preloaded.set(None)
        if user is None or user.pk != user_id:
            user = _USER_WITH_TEAM.first(user_id=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
