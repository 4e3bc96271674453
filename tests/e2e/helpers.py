"""Steps the browser tests share."""

from tests.factories import PASSWORD


def log_in(page, email: str, *, lands_on: str | None = "**/dashboard/") -> None:
    """Log in through allauth's form, as a person would, with the factories' password."""
    page.goto("/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if lands_on:
        page.wait_for_url(lands_on)
