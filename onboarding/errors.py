"""The one domain error: services raise it with a message a merchant understands."""

from typing import Any


class DomainError(Exception):
    def __init__(self, message: Any, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}

    def __str__(self) -> str:
        return str(self.message)
