"""Yes/no facts about the caller's application that journey steps need, loaded with the user.

A step that lives in another app (the survey is done, providers are chosen) registers an
expression correlated to the user's application; every registered fact is added to the one
query that loads the user with their team (auth_backends.with_team), so the layout's stepper
costs no query of its own. Contexts built another way (tests, workers) carry no facts, and
the step asks the database itself.
"""

from collections.abc import Callable

from django.db.models import Expression, OuterRef

_FACTS: dict[str, Callable[[OuterRef], Expression]] = {}
_PREFIX = "journey_fact_"


def register_journey_fact(name: str, build: Callable[[OuterRef], Expression]) -> None:
    """``build(application)`` returns a boolean expression; ``application`` is an OuterRef to
    the loaded user's application (through the team joins the user query already makes)."""
    _FACTS[name] = build


def journey_fact_annotations(application_path: str) -> dict[str, Expression]:
    """The facts as annotations of a query whose ``application_path`` leads to the
    application (see auth_backends.with_team)."""
    application = OuterRef(application_path)
    return {_PREFIX + name: build(application) for name, build in _FACTS.items()}


def move_journey_facts(source, user) -> None:
    """Facts annotated on another row (a session) belong to its user."""
    for name in _FACTS:
        if hasattr(source, _PREFIX + name):
            setattr(user, _PREFIX + name, getattr(source, _PREFIX + name))


def journey_facts_of(user) -> dict[str, bool]:
    """The facts loaded with this user instance (empty if it was loaded another way)."""
    return {
        name: bool(getattr(user, _PREFIX + name))
        for name in _FACTS
        if hasattr(user, _PREFIX + name)
    }
