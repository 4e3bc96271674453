"""Sessions in the database, loaded with their user, team and journey facts in one query.

Every signed-in page reads its session and then its user. Keeping the user's id in a column
of the session row lets one prepared statement read both (instead of a cache round trip and
then a database one); the user goes to the authentication backend, which still checks that
the account is active, and Django still verifies the session's password hash.
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from onboarding.auth_backends import preload_user, with_team
from onboarding.journey_facts import move_journey_facts
from onboarding.models import Session
from onboarding.prepared import PreparedQuery

_SESSION_WITH_USER: PreparedQuery[Session] = PreparedQuery(
    lambda session_key: with_team(Session.objects.filter(session_key=session_key), "user__"),
    "session_key",
    text=("session_key",),
)


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        return Session

    def create_model_instance(self, data):
        session = cast(Session, super().create_model_instance(data))
        try:
            session.user_id = int(data[SESSION_KEY])
        except (KeyError, TypeError, ValueError):
            session.user_id = None
        return session

    def load(self):
        preload_user(None)
        if self.session_key is None:
            return {}
        row = _SESSION_WITH_USER.first(session_key=self.session_key)
        if row is None or row.expire_date <= timezone.now():
            self._session_key = None
            return {}
        if row.user is not None:
            move_journey_facts(row, row.user)
            preload_user(row.user)
        return self.decode(row.session_data)
