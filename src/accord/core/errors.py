"""Domain errors. Views, the API and the CLI turn them into a 4xx or an exit code
with the same message, so the message must be something a person can act on."""

from __future__ import annotations


class AccordError(Exception):
    """Base class of every error a service raises on purpose."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(AccordError):
    """The input is wrong; nothing was changed."""


class PermissionDenied(AccordError):
    status_code = 403
    code = "forbidden"


class NotFound(AccordError):
    status_code = 404
    code = "not_found"


class Conflict(AccordError):
    """The object changed since the caller read it, or the state forbids the action."""

    status_code = 409
    code = "conflict"
