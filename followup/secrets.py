"""Where the IMAP password or OAuth2 access token comes from: a command, a file, an environment
variable, a systemd credential or the system keyring. Every failure names its source, never
the secret.

Commands run without a shell: a string is split into words as a shell would (quotes work,
`~` is expanded) but pipes, `$VARS` and redirections are refused by the config check; a list
is the argv itself, so `["sh", "-c", "pass show x | head -1"]` is how to ask for a shell.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from followup.errors import FollowupError

PASSWORD_SOURCES = ("password_command", "password_file", "password_env", "password_credential",
                    "password_keyring")
TOKEN_SOURCES = ("oauth2_token_command", "oauth2_token_file")


class SecretError(FollowupError):
    """A configured secret cannot be obtained (the command failed, the file is unsafe...)."""

    exit_code = 2


@dataclass(frozen=True)
class SecretSpec:
    """One configured source: its config key and what it points at.

    `target`: the argv of a command, the path of a file, the name of an environment variable
    or systemd credential, or (service, username) in the keyring."""

    key: str
    target: tuple[str, ...]
    timeout: float = 60.0

    @property
    def is_token(self) -> bool:
        return self.key in TOKEN_SOURCES

    def describe(self) -> str:
        """The source as a user wrote it, safe to show: a command by its program only (its
        arguments could hold anything), a file by its path, a variable by its name."""
        if self.key.endswith("_command"):
            return f"{self.key} ({Path(self.target[0]).name})"
        if self.key == "password_keyring":
            return f"password_keyring (service {self.target[0]!r}, user {self.target[1]!r})"
        return f"{self.key} {self.target[0]!r}"


@dataclass
class Secret:
    """A callable giving the secret: `secret()` or, after a refusal, `secret(renew=True)`.

    A password is read once and kept (a command may ask for a passphrase); an OAuth2 token
    is fetched at every call, since tokens expire within the hour and helpers cache them."""

    spec: SecretSpec
    _read: Callable[[SecretSpec], str] = field(repr=False)
    _value: str | None = field(default=None, repr=False)

    @property
    def source(self) -> str:
        return self.spec.describe()

    def __call__(self, renew: bool = False) -> str:
        if self._value is not None and not renew and not self.spec.is_token:
            return self._value
        value = self._read(self.spec)
        if not self.spec.is_token:
            self._value = value
        return value


def make_secret(spec: SecretSpec) -> Secret:
    readers: dict[str, Callable[[SecretSpec], str]] = {
        "password_command": run_command, "oauth2_token_command": run_command,
        "password_file": read_private_file, "oauth2_token_file": read_private_file,
        "password_env": read_env, "password_credential": read_credential,
        "password_keyring": read_keyring,
    }
    return Secret(spec, readers[spec.key])


def _first_line(text: str, spec: SecretSpec, what: str) -> str:
    lines = text.splitlines()
    value = lines[0] if lines else ""
    if spec.is_token:
        value = value.strip()  # a token never has spaces; helpers may pad it
    if not value:
        raise SecretError(f"{spec.describe()}: {what} is empty (its first line should be the "
                          f"{'access token' if spec.is_token else 'password'})")
    return value


def run_command(spec: SecretSpec) -> str:
    """The first line of the command's output (as mbsync's PassCmd, aerc's
    source-cred-cmd); no shell, stdin closed, a timeout, stderr shown on failure."""
    try:
        done = subprocess.run(list(spec.target), capture_output=True, timeout=spec.timeout,
                              check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise SecretError(f"{spec.describe()} did not finish within {spec.timeout:g} s "
                          "(does it wait for a passphrase it cannot ask for?)") from None
    except OSError as exc:
        raise SecretError(f"{spec.describe()} cannot be run: {exc.strerror} "
                          f"({spec.target[0]})") from None
    if done.returncode != 0:
        err = done.stderr.decode(errors="replace").strip()[-500:]
        raise SecretError(f"{spec.describe()} failed with exit code {done.returncode}: "
                          f"{err or '(nothing on stderr)'}")
    return _first_line(done.stdout.decode(errors="replace"), spec, "its output")


def read_private_file(spec: SecretSpec) -> str:
    """The first line of a file that only its owner may read (as ssh insists for keys)."""
    path = Path(spec.target[0])
    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise SecretError(
                f"{spec.describe()} is open to group or others (mode {stat.S_IMODE(mode):04o}): "
                f"run chmod 600 {path}")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SecretError(f"{spec.describe()}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SecretError(f"{spec.describe()} cannot be read: "
                          f"{getattr(exc, 'strerror', None) or exc}") from None
    return _first_line(text, spec, "the file")


def read_env(spec: SecretSpec) -> str:
    value = os.environ.get(spec.target[0], "")
    if not value:
        raise SecretError(f"{spec.describe()}: the environment variable is not set or empty")
    return value


def read_credential(spec: SecretSpec) -> str:
    """A systemd credential ($CREDENTIALS_DIRECTORY/<name>, from LoadCredential= or
    LoadCredentialEncrypted=); systemd makes the file readable by the service only."""
    base = os.environ.get("CREDENTIALS_DIRECTORY")
    if not base:
        raise SecretError(
            f"{spec.describe()}: $CREDENTIALS_DIRECTORY is not set; systemd sets it for a "
            f"unit with LoadCredential={spec.target[0]}:/path/to/file")
    try:
        text = (Path(base) / spec.target[0]).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SecretError(f"{spec.describe()} cannot be read from {base}: "
                          f"{getattr(exc, 'strerror', None) or exc}") from None
    return _first_line(text, spec, "the credential")


def read_keyring(spec: SecretSpec) -> str:
    """The system keyring (Secret Service, KWallet, macOS Keychain) via the optional
    `keyring` package."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        raise SecretError(f"{spec.describe()} needs the optional 'keyring' package: "
                          "pipx inject followup keyring (or pip install 'followup[keyring]')"
                          ) from None
    service, username = spec.target
    try:
        value = keyring.get_password(service, username)
    except KeyringError as exc:
        raise SecretError(f"{spec.describe()}: the keyring refused: {exc}") from None
    if not value:
        raise SecretError(f"{spec.describe()}: no such entry in the keyring (store it with "
                          f"keyring set {service} {username})")
    return value
