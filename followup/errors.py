"""The error family: every error a user can see carries its exit code and how to fix it."""

from __future__ import annotations


class FollowupError(Exception):
    """Base of errors shown to the user as a message (no traceback unless --debug)."""

    exit_code = 1


class ConfigError(FollowupError):
    """The configuration is missing or wrong; lists every problem at once."""

    exit_code = 2

    def __init__(self, problems: list[str], path: str | None = None) -> None:
        self.problems = problems
        self.path = path
        where = f" in {path}" if path else ""
        lines = "\n".join(f"  - {p}" for p in problems)
        plural = "s" if len(problems) > 1 else ""
        super().__init__(f"configuration problem{plural}{where}:\n{lines}")


class LoginError(FollowupError):
    """The mail server refused our credentials: retrying would only hammer it."""

    exit_code = 3


class InputError(FollowupError):
    """A file named on the command line cannot be read."""

    exit_code = 2


class DraftsFailedError(FollowupError):
    """A pass ran but some follow-ups could not be drafted (e.g. a broken template): they
    wait, planned, until it is fixed; `run --once` says which and exits with this code."""

    exit_code = 5
