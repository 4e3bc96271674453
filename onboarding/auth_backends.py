"""The one authentication backend: allauth's, loading the user's team in the same query.

Every merchant page needs the membership, merchant, application and the journey's facts;
fetching them with the user saves queries on each request, and the query is prepared once
(see prepared.py).
"""

from allauth.account.auth_backends import AuthenticationBackend

from onboarding.journey_facts import journey_fact_annotations
from onboarding.models import User
from onboarding.prepared import PreparedQuery

_USER_WITH_TEAM: PreparedQuery[User] = PreparedQuery(
    lambda user_id: (
        User._default_manager.select_related("membership__merchant__application")
        .filter(pk=user_id)
        .annotate(**journey_fact_annotations())
    ),
    "user_id",
)


class KaitongBackend(AuthenticationBackend):
    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        user = _USER_WITH_TEAM.first(user_id=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
