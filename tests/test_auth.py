"""Logging in, against real Dovecot: XOAUTH2 and OAUTHBEARER through Dovecot's oauth2 passdb and
a local token-introspection endpoint (a token command, an expired token renewed, a reconnect
mid-IDLE), and the mistakes a new user makes: each answered at once, naming the setting."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import secret_watch
from daemon_harness import COMMON, Daemons, ImapBox, owner_note, wait_until
from dovecot import Dovecot, why_no_dovecot
from oauth_server import IntrospectionServer, TokenQueue

from followup.bootstrap import open_mailbox, shared_secret
from followup.config import AccountConfig, parse_config
from followup.errors import ConfigError, LoginError
from followup.mailbox.imap import ImapMailbox
from followup.ports import MailboxUnavailable
from followup.secrets import SecretError

pytestmark = pytest.mark.imap


@pytest.fixture(autouse=True)
def _fresh_secrets() -> None:
    """The process keeps one Secret per source; each test here configures its own."""
    shared_secret.cache_clear()


@pytest.fixture(scope="module")
def introspection() -> Iterator[IntrospectionServer]:
    server = IntrospectionServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def oauth_dovecot(dovecot: Dovecot, introspection: IntrospectionServer) -> Iterator[Dovecot]:
    """A second Dovecot whose XOAUTH2/OAUTHBEARER logins ask `introspection` about tokens."""
    reason = why_no_dovecot()
    if reason:
        pytest.skip(reason)
    server = Dovecot(tls_from=dovecot.tls, oauth2_url=introspection.url)
    server.start()
    yield server
    server.cleanup()


def account(server: Dovecot, user: str, tmp_path: Path, *, port: int | None = None,
            security: str = "starttls", **keys: Any) -> AccountConfig:
    """The account of a config file with these [imap] keys, parsed as `followup` would."""
    lines = "".join(f"{k} = {json.dumps(v)}\n" for k, v in keys.items())
    text = (f'[imap]\nhost = "{server.host}"\nport = {port or server.port}\n'
            f'security = "{security}"\nusername = "{user}"\nca_file = "{server.cafile}"\n'
            f"socket_timeout = 10\n{lines}"
            f'[owner]\naddresses = ["me@example.org"]\n'
            f'[database]\nurl = "sqlite:///{tmp_path / "f.db"}"\n')
    return parse_config(text).accounts[0]


# --- OAuth2 against a real SASL exchange -----------------------------------------------------

@pytest.mark.parametrize("auth", ["xoauth2", "oauthbearer"])
def test_token_command_logs_in(auth: str, oauth_dovecot: Dovecot,
                               introspection: IntrospectionServer, tmp_path: Path) -> None:
    user = oauth_dovecot.add_user()
    token = introspection.issue(user)
    tokens = TokenQueue(tmp_path, [token])
    mailbox = open_mailbox(account(oauth_dovecot, user, tmp_path, auth=auth,
                                   oauth2_token_command=tokens.argv))
    try:
        assert mailbox.scan().refs == []
    finally:
        mailbox.close()
    assert introspection.asked[-1] == token  # Dovecot really asked about our token
    assert tokens.count == 1
    assert f"user=<{user}>, method={auth.upper()}" in oauth_dovecot.logs(tail=20000)


def test_token_file_logs_in(oauth_dovecot: Dovecot, introspection: IntrospectionServer,
                            tmp_path: Path) -> None:
    user = oauth_dovecot.add_user()
    token_file = tmp_path / "token"
    token_file.write_text(introspection.issue(user) + "\n")
    token_file.chmod(0o600)
    mailbox = open_mailbox(account(oauth_dovecot, user, tmp_path, auth="oauthbearer",
                                   oauth2_token_file=str(token_file)))
    try:
        mailbox.scan()
    finally:
        mailbox.close()


def test_expired_token_is_fetched_again_once(oauth_dovecot: Dovecot,
                                             introspection: IntrospectionServer,
                                             tmp_path: Path,
                                             caplog: pytest.LogCaptureFixture) -> None:
    """The helper's cached token expired under it: the server refuses, the command runs again
    and its new token is taken; no LoginError."""
    user = oauth_dovecot.add_user()
    stale, fresh = introspection.issue(user), introspection.issue(user)
    introspection.expire(stale)
    tokens = TokenQueue(tmp_path, [stale, fresh])
    mailbox = open_mailbox(account(oauth_dovecot, user, tmp_path, auth="xoauth2",
                                   oauth2_token_command=tokens.argv))
    with caplog.at_level(logging.INFO, logger="followup"):
        try:
            mailbox.scan()
        finally:
            mailbox.close()
    assert tokens.count == 2
    assert introspection.asked[-2:] == [stale, fresh]
    assert "fetching it again" in caplog.text and "oauth2_token_command" in caplog.text


def test_token_refused_twice_is_a_login_error(oauth_dovecot: Dovecot,
                                              introspection: IntrospectionServer,
                                              tmp_path: Path) -> None:
    user = oauth_dovecot.add_user()
    bad = [introspection.issue(user), introspection.issue(user)]
    for token in bad:
        introspection.expire(token)
    tokens = TokenQueue(tmp_path, bad)
    mailbox = open_mailbox(account(oauth_dovecot, user, tmp_path, auth="oauthbearer",
                                   oauth2_token_command=tokens.argv))
    with pytest.raises(LoginError) as info:
        mailbox.scan()
    assert tokens.count == 2  # once, then once again: never a loop
    message = str(info.value)
    assert "oauth2_token_command (python" in message and "also after fetching it again" in message
    assert "[AUTHENTICATIONFAILED]" in message and "b'" not in message
    assert '{"status":' in message  # the server's SASL error (RFC 7628 JSON), as it said it
    assert info.value.exit_code == 3


def test_token_for_another_user_is_refused(oauth_dovecot: Dovecot,
                                           introspection: IntrospectionServer,
                                           tmp_path: Path) -> None:
    user, other = oauth_dovecot.add_user(), oauth_dovecot.add_user()
    tokens = TokenQueue(tmp_path, [introspection.issue(other)])
    mailbox = open_mailbox(account(oauth_dovecot, user, tmp_path, auth="xoauth2",
                                   oauth2_token_command=tokens.argv))
    with pytest.raises(LoginError):
        mailbox.scan()


def test_reconnect_mid_idle_renews_the_expired_token(oauth_dovecot: Dovecot,
                                                     introspection: IntrospectionServer,
                                                     tmp_path: Path) -> None:
    """An hour into IDLE the server drops the session; by then the token has expired. The
    reconnect fetches a token (the stale one, from the helper's cache), is refused, runs the
    command again and goes on with the new one."""
    user = oauth_dovecot.add_user()
    first, second = introspection.issue(user), introspection.issue(user)
    tokens = TokenQueue(tmp_path, [first, first, second])
    mailbox = open_mailbox(account(oauth_dovecot, user, tmp_path, auth="xoauth2",
                                   oauth2_token_command=tokens.argv))
    try:
        mailbox.scan()
        introspection.expire(first)
        kicker = threading.Timer(0.5, oauth_dovecot.kick, args=(user,))
        kicker.start()
        with pytest.raises(MailboxUnavailable):
            mailbox.wait(timeout=20)
        kicker.join()
        mailbox.scan()  # the reconnect
    finally:
        mailbox.close()
    assert tokens.count == 3
    assert introspection.asked[-2:] == [first, second]


def test_failing_token_command_later_is_network_trouble(oauth_dovecot: Dovecot,
                                                        introspection: IntrospectionServer,
                                                        tmp_path: Path) -> None:
    """The helper fails (its provider unreachable) at a reconnect: the daemon waits and
    retries (MailboxUnavailable). At the very first login the same failure is a SecretError
    (exit 2): a new user sees the helper's message at once."""
    user = oauth_dovecot.add_user()
    flag = tmp_path / "offline"
    script = tmp_path / "helper.py"
    script.write_text(
        "import pathlib, sys\n"
        f"if pathlib.Path({str(flag)!r}).exists():\n"
        "    sys.exit('token endpoint unreachable: Temporary failure in name resolution')\n"
        f"print({introspection.issue(user)!r})\n")
    acct = account(oauth_dovecot, user, tmp_path, auth="xoauth2",
                   oauth2_token_command=[sys.executable, str(script)])
    flag.touch()
    with pytest.raises(SecretError, match="Temporary failure in name resolution") as first:
        open_mailbox(acct).scan()
    assert first.value.exit_code == 2
    flag.unlink()
    mailbox = open_mailbox(acct)
    try:
        mailbox.scan()
        flag.touch()
        oauth_dovecot.kick(user)
        seen: list[str] = []
        for _ in range(50):  # the kick lands within a moment; then the reconnect
            try:
                mailbox.scan()
            except MailboxUnavailable as exc:  # a SecretError would fail the test
                seen.append(str(exc))
                if "name resolution" in seen[-1]:
                    break
            time.sleep(0.1)
        assert seen and "name resolution" in seen[-1], seen
    finally:
        mailbox.close()


def test_server_without_xoauth2_says_what_it_offers(dovecot: Dovecot, dovecot_user: str,
                                                    tmp_path: Path) -> None:
    tokens = TokenQueue(tmp_path, ["ya29.never-sent-anywhere"])
    mailbox = open_mailbox(account(dovecot, dovecot_user, tmp_path, auth="xoauth2",
                                   oauth2_token_command=tokens.argv))
    with pytest.raises(LoginError, match=r"does not offer XOAUTH2 \(it offers .*PLAIN"):
        mailbox.scan()


# --- a refused login names the source actually configured ------------------------------------

def _password_sources(tmp_path: Path, password: str,
                      monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, Any]]:
    pw_file = tmp_path / "pw"
    pw_file.write_text(password + "\n")
    pw_file.chmod(0o600)
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "imap").write_text(password)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    monkeypatch.setenv("FOLLOWUP_TEST_PW", password)
    return {
        "password_file": {"password_file": str(pw_file)},
        "password_command": {"password_command": ["printf", "%s\\n", password]},
        "password_env": {"password_env": "FOLLOWUP_TEST_PW"},
        "password_credential": {"password_credential": "imap"},
    }


@pytest.mark.parametrize("source", ["password_file", "password_command", "password_env",
                                    "password_credential"])
def test_each_password_source_logs_in(source: str, dovecot: Dovecot, dovecot_user: str,
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = _password_sources(tmp_path, dovecot.password, monkeypatch)[source]
    mailbox = open_mailbox(account(dovecot, dovecot_user, tmp_path, **keys))
    try:
        mailbox.scan()
    finally:
        mailbox.close()


@pytest.mark.parametrize("source", ["password_file", "password_command", "password_env",
                                    "password_credential"])
def test_refused_login_names_the_source(source: str, dovecot: Dovecot, dovecot_user: str,
                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = "wrong-" + dovecot.password[::-1]
    secret_watch.register(wrong)
    keys = _password_sources(tmp_path, wrong, monkeypatch)[source]
    mailbox = open_mailbox(account(dovecot, dovecot_user, tmp_path, **keys))
    with pytest.raises(LoginError) as info:
        mailbox.scan()
    message = str(info.value)
    assert source in message
    assert "[AUTHENTICATIONFAILED] Authentication failed." in message and "b'" not in message
    assert wrong not in message and dovecot.password not in message


# --- the mistakes a new user makes --------------------------------------------------------------

def _followup(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "followup", "--config", str(config), *args],
                            capture_output=True, text=True, timeout=60)
    secret_watch.scan(result.stdout + result.stderr, f"followup {' '.join(args)}")
    return result


def _config_file(tmp_path: Path, server: Dovecot, user: str, imap: str) -> Path:
    password = tmp_path / "password"
    password.write_text(server.password + "\n")
    password.chmod(0o600)
    config = tmp_path / "config.toml"
    config.write_text(f'[imap]\nhost = "{server.host}"\nusername = "{user}"\n'
                      f'password_file = "{password}"\nsocket_timeout = 60\n{imap}'
                      f'[owner]\naddresses = ["me@example.org"]\n'
                      f'[database]\nurl = "sqlite:///{tmp_path / "f.db"}"\n')
    return config


def test_check_with_a_missing_ca_file_is_a_config_error(dovecot: Dovecot, dovecot_user: str,
                                                       tmp_path: Path) -> None:
    missing = tmp_path / "no-such-ca.pem"
    config = _config_file(tmp_path, dovecot, dovecot_user,
                          f'port = {dovecot.port}\nsecurity = "starttls"\nca_file = "{missing}"\n')
    result = _followup(config, "check")
    assert result.returncode == 2, result.stderr
    assert str(missing) in result.stderr and "ca_file" in result.stderr
    assert "valid" not in result.stdout


def test_ca_file_gone_after_the_config_was_read(dovecot: Dovecot, dovecot_user: str,
                                                tmp_path: Path) -> None:
    """Removed while the daemon runs: the adapter says so as a ConfigError, no retry loop."""
    ca = tmp_path / "ca.pem"
    ca.write_bytes(Path(dovecot.cafile).read_bytes())
    acct = account(dovecot, dovecot_user, tmp_path, password_env="FOLLOWUP_UNUSED")
    assert acct.imap is not None
    ca.unlink()
    settings = open_mailbox(acct).settings  # type: ignore[attr-defined]
    mailbox = ImapMailbox(type(settings)(**{**vars(settings), "ca_file": str(ca)}))
    with pytest.raises(ConfigError, match=r"ca_file.*No such file"):
        mailbox.scan()


@pytest.mark.parametrize(("security", "imaps_port", "advice"), [
    ("starttls", True, 'set security = "tls" to keep port'),
    ("none", True, 'set security = "tls" to keep port'),
    ("tls", False, 'set security = "starttls" to keep port'),
])
def test_security_that_does_not_fit_the_port_is_told_at_once(
        security: str, imaps_port: bool, advice: str, dovecot: Dovecot, dovecot_user: str,
        tmp_path: Path) -> None:
    """Not a 60 s timeout and a retry loop: a config error within seconds, saying which
    setting and which port to use."""
    port = dovecot.ssl_port if imaps_port else dovecot.port
    config = _config_file(tmp_path, dovecot, dovecot_user,
                          f'port = {port}\nsecurity = "{security}"\n'
                          f'ca_file = "{dovecot.cafile}"\n')
    started = time.monotonic()
    result = _followup(config, "check")
    took = time.monotonic() - started
    assert result.returncode == 2, result.stderr
    assert f"{advice} {port}" in result.stderr
    assert ("usually port = 143" if imaps_port else "usually port = 993") in result.stderr
    assert "valid" not in result.stdout
    assert took < 30, took  # seconds, not the 60 s socket_timeout of this config


def test_check_with_a_wrong_password_names_the_file(dovecot: Dovecot, dovecot_user: str,
                                                    tmp_path: Path) -> None:
    config = _config_file(tmp_path, dovecot, dovecot_user,
                          f'port = {dovecot.port}\nsecurity = "starttls"\n'
                          f'ca_file = "{dovecot.cafile}"\n')
    wrong = "nope-" + dovecot.password[::-1]
    secret_watch.register(wrong)
    (tmp_path / "password").write_text(wrong + "\n")
    result = _followup(config, "check")
    assert result.returncode == 3, result.stderr
    assert f"password_file '{tmp_path / 'password'}'" in result.stderr
    assert "[AUTHENTICATIONFAILED] Authentication failed." in result.stderr
    assert "b'" not in result.stderr and "valid" not in result.stdout


def test_check_says_valid_last_when_all_is_well(dovecot: Dovecot, dovecot_user: str,
                                                tmp_path: Path) -> None:
    config = _config_file(tmp_path, dovecot, dovecot_user,
                          f'port = {dovecot.ssl_port}\nsecurity = "tls"\n'
                          f'ca_file = "{dovecot.cafile}"\n')
    result = _followup(config, "check")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("config: ") and lines[-1].endswith("is valid (1 account(s))")
    assert "password from password_file" in result.stdout


def test_debug_check_with_oauth2_never_shows_the_token(oauth_dovecot: Dovecot,
                                                       introspection: IntrospectionServer,
                                                       tmp_path: Path) -> None:
    """`--debug` logs imapclient's protocol trace: the SASL payload (the token, in base64)
    must not be in it, nor anywhere in check's output."""
    user = oauth_dovecot.add_user()
    token = introspection.issue(user)
    tokens = TokenQueue(tmp_path, [token])
    config = tmp_path / "config.toml"
    config.write_text(
        f'[imap]\nhost = "{oauth_dovecot.host}"\nport = {oauth_dovecot.port}\n'
        f'security = "starttls"\nusername = "{user}"\nca_file = "{oauth_dovecot.cafile}"\n'
        f'auth = "xoauth2"\noauth2_token_command = {json.dumps(tokens.argv)}\n'
        f'[owner]\naddresses = ["me@example.org"]\n'
        f'[database]\nurl = "sqlite:///{tmp_path / "f.db"}"\n')
    before = len(secret_watch.leaks)
    result = _followup(config, "--debug", "check")
    assert result.returncode == 0, result.stderr
    assert "AUTHENTICATE" in result.stderr  # the protocol trace was there to look at
    assert "XOAUTH2 from oauth2_token_command (python)" in result.stdout
    assert secret_watch.leaks[before:] == [] and token not in result.stdout + result.stderr


def test_daemon_over_xoauth2_turns_a_note_into_a_draft(oauth_dovecot: Dovecot,
                                                       introspection: IntrospectionServer,
                                                       tmp_path: Path, procs: Daemons) -> None:
    """The real `followup run` with a token command, end to end: login by XOAUTH2, a note
    read, its draft appended; the token never in the daemon's log (the watch reads it)."""
    user = oauth_dovecot.add_user()
    tokens = TokenQueue(tmp_path, [introspection.issue(user)])
    config = tmp_path / "config.toml"
    config.write_text(
        f'[imap]\nhost = "{oauth_dovecot.host}"\nport = {oauth_dovecot.port}\n'
        f'security = "starttls"\nusername = "{user}"\nca_file = "{oauth_dovecot.cafile}"\n'
        f'socket_timeout = 10\nauth = "xoauth2"\n'
        f'oauth2_token_command = {json.dumps(tokens.argv)}\n'
        + COMMON.format(db=tmp_path / "f.db", daemon_extra="", owner_extra=""))
    daemon = procs.start(config)
    oauth_dovecot.fill_maildir([owner_note(1)], user=user)
    box = ImapBox(oauth_dovecot, user)
    try:
        assert wait_until(lambda: len(box.messages("Drafts")) == 1, timeout=60), daemon.log()
    finally:
        box.close()
    code, log = daemon.stop()
    assert code == 0, log
    assert tokens.count >= 1 and "method=XOAUTH2" in oauth_dovecot.logs(tail=50000)


def test_check_names_the_account_whose_setting_is_wrong(dovecot: Dovecot, dovecot_user: str,
                                                        tmp_path: Path) -> None:
    password = tmp_path / "password"
    password.write_text(dovecot.password + "\n")
    password.chmod(0o600)
    accounts = "".join(
        f'[[accounts]]\nname = "{name}"\n[accounts.imap]\nhost = "{dovecot.host}"\n'
        f'port = {port}\nsecurity = "tls"\nusername = "{dovecot_user}"\n'
        f'password_file = "{password}"\nca_file = "{dovecot.cafile}"\n'
        for name, port in (("home", dovecot.ssl_port), ("work", dovecot.port)))
    config = tmp_path / "config.toml"
    config.write_text(accounts + '[owner]\naddresses = ["me@example.org"]\n'
                      f'[database]\nurl = "sqlite:///{tmp_path / "f.db"}"\n')
    result = _followup(config, "check")
    assert result.returncode == 2, result.stderr
    assert "account 'home':" in result.stdout  # the good one passed first
    assert "account 'work': 'imap.security' = \"tls\"" in result.stderr
    assert "valid" not in result.stdout
