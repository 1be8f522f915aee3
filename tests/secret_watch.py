"""The suite's check that no password or token it hands out ever shows in a log line, an
exception or command output: tests register every secret they create, and every log record
of the test process, every CLI run and every daemon log is searched for them (also base64,
as a SASL exchange carries them)."""

from __future__ import annotations

import base64
import logging
import os
import threading

_secrets: dict[str, list[str]] = {}  # secret -> the forms searched for
_lock = threading.Lock()
leaks: list[str] = []  # "where: which secret (masked)", never the secret itself


def register(*values: str) -> None:
    """Watch these values from now on (short or common ones would only give false alarms)."""
    with _lock:
        _secrets.update((v, _forms(v)) for v in values if len(v) >= 8 and v not in _secrets)


def _forms(secret: str) -> list[str]:
    """The secret as text and as it looks inside base64 at each of the three alignments."""
    forms = [secret]
    raw = secret.encode()
    for pad in range(3):
        encoded = base64.b64encode(b"\0" * pad + raw).decode()
        inner = encoded[4 if pad else 0:-4]  # characters that depend on the secret only
        if len(inner) >= 8:
            forms.append(inner)
    return forms


def scan(text: str, where: str) -> None:
    """Record a leak for every watched secret found in `text`."""
    with _lock:
        watched = list(_secrets.items())
    for secret, forms in watched:
        if any(form in text for form in forms):
            leaks.append(f"{where}: a test secret ({secret[:2]}...{len(secret)} chars)")


class LeakHandler(logging.Handler):
    """Searches every log record of the test process, traceback included."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # a bad record is not ours to judge here
            return
        test = os.environ.get("PYTEST_CURRENT_TEST", "outside a test").split(" ")[0]
        scan(text, f"log record of {record.name} in {test}")


HANDLER = LeakHandler()


def install() -> None:
    """(Re)attach the handler: the CLI's logging set-up replaces the root's handlers."""
    root = logging.getLogger()
    if HANDLER not in root.handlers:
        root.addHandler(HANDLER)
