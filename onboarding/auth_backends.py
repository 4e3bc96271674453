"""The one authentication backend: allauth's, loading the user's team in the same query.

Every merchant page needs the membership, merchant and application; fetching them with the
user saves a query on each request.
"""

from allauth.account.auth_backends import AuthenticationBackend

from onboarding.models import User


class KaitongBackend(AuthenticationBackend):
    def get_user(self, user_id):
        user = (
            User._default_manager.select_related("membership__merchant__application")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
