"""Talking to systemd (sd_notify): READY, STATUS, WATCHDOG, RELOADING and STOPPING.

The protocol is one datagram per message on the AF_UNIX socket named by $NOTIFY_SOCKET
(sd_notify(3)); a name starting with "@" is in the abstract namespace. Outside systemd the
variable is unset and every call is a no-op. The watchdog is on when systemd set
$WATCHDOG_USEC (from `WatchdogSec=`) and $WATCHDOG_PID is ours or unset (sd_watchdog_enabled(3)):
a child we start must not inherit the duty, so the variables are taken out of os.environ
(the socket's address too: only the main process speaks to systemd, NotifyAccess=main).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Mapping, MutableMapping

log = logging.getLogger("followup.notify")

# As sd_notify(unset_environment=1): the programs we run are not the service's main process
_CHILD_HIDDEN = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")


def watchdog_interval(env: Mapping[str, str], pid: int) -> float | None:
    """Seconds systemd waits for a WATCHDOG=1 before it kills us, or None when off."""
    usec = env.get("WATCHDOG_USEC", "")
    owner = env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    if owner and (not owner.isdigit() or int(owner) != pid):
        return None
    return int(usec) / 1_000_000


class Notifier:
    """A sender of sd_notify messages; thread-safe, never raises."""

    def __init__(self, env: MutableMapping[str, str] | None = None, pid: int | None = None
                 ) -> None:
        env = os.environ if env is None else env
        self.address = env.get("NOTIFY_SOCKET", "")
        self.watchdog = watchdog_interval(env, os.getpid() if pid is None else pid)
        for name in _CHILD_HIDDEN:  # a tesseract or password command must not see them
            env.pop(name, None)
        self._lock = threading.Lock()
        self._last_status = ""

    @property
    def enabled(self) -> bool:
        return bool(self.address)

    def send(self, message: str) -> None:
        if not self.address:
            return
        address = self.address
        if address.startswith("@"):
            address = "\0" + address[1:]
        try:
            with self._lock, socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.connect(address)
                sock.sendall(message.encode("utf-8", "replace"))
        except OSError as exc:
            log.debug("sd_notify %r failed: %s", message[:40], exc)

    def ready(self) -> None:
        self.send("READY=1")

    def status(self, text: str) -> None:
        """STATUS=, one line (`systemctl status` shows it); repeated text is not resent."""
        line = " ".join(text.split())
        if line != self._last_status:
            self._last_status = line
            self.send(f"STATUS={line}")

    def pet(self) -> None:
        self.send("WATCHDOG=1")

    def reloading(self, monotonic_usec: int) -> None:
        # MONOTONIC_USEC lets systemd 253+ (Type=notify-reload) match it to its own clock
        self.send(f"RELOADING=1\nMONOTONIC_USEC={monotonic_usec}")

    def stopping(self) -> None:
        self.send("STOPPING=1")
