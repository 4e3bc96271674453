from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class Session(AbstractBaseSession):
    """A browser session, with its user's id in a column of its own.

    The column lets a request load its session, user, team and journey facts in one query
    (onboarding/sessions.py). No database constraint: a session may outlive its user until it
    expires, and then it simply finds no user.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "onboarding_session"

    @classmethod
    def get_session_store_class(cls):
        from onboarding.sessions import SessionStore

        return SessionStore
