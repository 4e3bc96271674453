"""The journey's steps, their state for one merchant, and the next thing to do.

Each step names the page that works on it. A step whose page is not part of the product yet
has no url and shows as "not started" without a link, so the dashboard never links to a
page that does not exist.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from onboarding.models import ApplicationStatus
from onboarding.selectors import MerchantContext

DONE, CURRENT, TODO = "done", "current", "todo"
STATE_LABELS = {DONE: _("Done"), CURRENT: _("Next"), TODO: _("Not started")}


@dataclass(frozen=True)
class Step:
    key: str
    label: Promise
    description: Promise
    url_name: str | None
    is_done: Callable[[MerchantContext], bool]


@dataclass(frozen=True)
class StepState:
    key: str
    number: int
    label: Promise
    description: Promise
    state: str
    url: str | None

    @property
    def state_label(self) -> Promise:
        return STATE_LABELS[self.state]

    @property
    def fragment_key(self) -> tuple:
        """What the step's rendering depends on (its texts follow from the key)."""
        return (self.key, self.number, self.state, self.url)


_PAST_REVIEW = {ApplicationStatus.APPROVED, ApplicationStatus.LIVE}
_SUBMITTED = _PAST_REVIEW | {
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.REJECTED,
}


def _never(ctx: MerchantContext) -> bool:
    return False


STEPS: list[Step] = [
    Step(
        "business",
        _("Business"),
        _("Tell us who you are: legal name, registration number, industry."),
        "business",
        lambda ctx: True,
    ),
    Step(
        "survey",
        _("Survey"),
        _("Describe your customers, channels and expected volume."),
        None,
        _never,
    ),
    Step(
        "providers",
        _("Providers"),
        _("Compare payment providers and choose the ones you want."),
        None,
        _never,
    ),
    Step(
        "documents",
        _("Documents"),
        _("Upload your licence and IDs; we check them in seconds."),
        None,
        lambda ctx: ctx.application.status in _SUBMITTED,
    ),
    Step(
        "review",
        _("Review"),
        _("Our team reviews your application."),
        None,
        lambda ctx: ctx.application.status in _PAST_REVIEW,
    ),
    Step(
        "credentials",
        _("Credentials"),
        _("Enter each provider's API credentials and test them."),
        None,
        _never,
    ),
    Step(
        "golive",
        _("Go live"),
        _("Switch on live payments once every check is green."),
        None,
        lambda ctx: ctx.application.status == ApplicationStatus.LIVE,
    ),
]


def register_step_page(key: str, url_name: str, is_done: Callable[[MerchantContext], bool]):
    """Later capabilities attach their page and completion rule to an existing step."""
    for index, step in enumerate(STEPS):
        if step.key == key:
            STEPS[index] = Step(step.key, step.label, step.description, url_name, is_done)
            return
    raise KeyError(key)


_URLS: dict[tuple[str, str], str | None] = {}


def _url(url_name: str | None) -> str | None:
    """The step's page; reversed once per (name, script prefix), as steps take no arguments."""
    if not url_name:
        return None
    key = (url_name, get_script_prefix())
    if key not in _URLS:
        try:
            _URLS[key] = reverse(url_name)
        except NoReverseMatch:
            _URLS[key] = None
    return _URLS[key]


_NOTE = "onboarding.journey"


def journey_for(ctx: MerchantContext) -> list[StepState]:
    """Each step's state, worked out once per request (the layout and the page both ask)."""
    states = ctx.notes.get(_NOTE)
    if states is None:
        states = ctx.notes[_NOTE] = _journey_states(ctx)
    return states


def forget_journey(ctx: MerchantContext) -> None:
    """For a page that changes a step's state after the journey was worked out."""
    ctx.notes.pop(_NOTE, None)


def _journey_states(ctx: MerchantContext) -> list[StepState]:
    states: list[StepState] = []
    current_given = False
    for number, step in enumerate(STEPS, start=1):
        if step.is_done(ctx):
            state = DONE
        elif not current_given:
            state, current_given = CURRENT, True
        else:
            state = TODO
        states.append(
            StepState(step.key, number, step.label, step.description, state, _url(step.url_name))
        )
    return states


def next_step(states: list[StepState]) -> StepState | None:
    return next((s for s in states if s.state == CURRENT), None)
