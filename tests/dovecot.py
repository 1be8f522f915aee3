"""A throwaway Dovecot IMAP server for tests: config, TLS, users, start/stop/crash, delivery."""

from __future__ import annotations

import contextlib
import grp
import itertools
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import secret_watch

CONF = """\
instance_name = dovecot-{inst}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/log/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{root}/tls/server.pem
ssl_key = <{root}/tls/server.key
disable_plaintext_auth = no
auth_mechanisms = plain login{auth_mechanisms}
auth_failure_delay = 0 secs
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
{passdb_extra}}}
{oauth2_passdb}
# Dovecot refuses uid 0 for mail processes ("userdb returned 0 as uid"): mail runs as nobody
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={root}/mail/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
  mailbox {drafts} {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
  mailbox Archive {{
    special_use = \\Archive
    auto = subscribe
  }}
}}
protocol imap {{
  mail_max_userip_connections = 200
{imap_extra}}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {sport}
    ssl = yes
  }}
}}
# no growing login delay for repeated bad passwords from 127.0.0.1
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""

# With oauth2_url: XOAUTH2 and OAUTHBEARER checked by Dovecot's oauth2 passdb against a token
# introspection endpoint (RFC 7662, POSTed as token=...), as a provider's would be
OAUTH2_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
"""
OAUTH2_CONF = """\
introspection_mode = post
introspection_url = {url}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
"""

# users written before start (see add_user); a session's tests use one each
POOL = 300

_SERVER_EXT = (
    "basicConstraints=critical,CA:FALSE\n"
    "keyUsage=critical,digitalSignature,keyEncipherment\n"
    "extendedKeyUsage=serverAuth\n"
    "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
    "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
)


def why_no_dovecot() -> str | None:
    """Why this machine cannot run the test server, or None when it can."""
    missing = [tool for tool in ("dovecot", "doveadm", "openssl") if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not installed (apt-get install dovecot-imapd openssl)"
    if os.geteuid() != 0:
        return "the test Dovecot must start as root (its mail runs as nobody)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def make_tls(tls: Path) -> None:
    """A test CA and a leaf signed by it (CA:FALSE, serverAuth, SANs localhost and 127.0.0.1),
    so Python's default verification passes with the CA file, also under VERIFY_X509_STRICT."""

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=tls, check=True, capture_output=True)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=followup-test-ca",
        "-keyout", "ca.key", "-out", "ca.pem",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
        "-keyout", "server.key", "-out", "server.csr")
    (tls / "server.ext").write_text(_SERVER_EXT)
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.pem")


class Dovecot:
    """One Dovecot on 127.0.0.1 (plain+STARTTLS on `port`, IMAPS on `ssl_port`).

    Lives in a short directory under /dev/shm: Dovecot's UNIX sockets must fit in 108 bytes,
    and the directory must be enterable by `dovecot` (auth) and `nobody` (mail)."""

    def __init__(
        self, tls_from: Path | None = None, drafts: str = "Drafts", capabilities: str | None = None,
        oauth2_url: str | None = None,
    ) -> None:
        """`tls_from`: reuse the TLS files of another server; `drafts`: the name of the
        SPECIAL-USE \\Drafts folder; `capabilities`: replaces the post-login CAPABILITY list
        (a server "without" MOVE or IDLE, as a client sees it); `oauth2_url`: also offer
        XOAUTH2 and OAUTHBEARER, tokens checked at this introspection URL (passwords still
        work as everywhere else)."""
        base = "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp"
        self.root = Path(tempfile.mkdtemp(prefix="fu-dv-", dir=base))
        os.chmod(self.root, 0o755)  # mkdtemp makes 0700: nobody and dovecot could not enter
        for d in ("run", "state", "log", "tls", "mail"):
            (self.root / d).mkdir()
        self.uid = pwd.getpwnam("nobody").pw_uid
        self.gid = grp.getgrnam("nogroup").gr_gid
        os.chown(self.root / "mail", self.uid, self.gid)
        self.tls = self.root / "tls"
        if tls_from is not None:  # RSA key generation is most of a server's set-up time
            for name in ("ca.pem", "server.pem", "server.key"):
                shutil.copy(tls_from / name, self.tls / name)
        else:
            make_tls(self.tls)
        self.cafile = str(self.tls / "ca.pem")
        self.password = secrets.token_hex(8)
        secret_watch.register(self.password)
        self.passwd = self.root / "passwd"
        self.passwd.write_text("")
        os.chmod(self.passwd, 0o644)  # read by the auth process, which runs as user dovecot
        self._users = itertools.count(1)
        self._pool: list[str] = []
        self.user = "test"
        self._write_users([self.user])
        self._pool = [f"u{next(self._users)}" for _ in range(POOL)]
        self._write_users(self._pool)
        self.host, self.port, self.ssl_port = "127.0.0.1", free_port(), free_port()
        self.conf = str(self.root / "dovecot.conf")  # absolute: doveadm -c needs it
        extra = f"  imap_capability = {capabilities}\n" if capabilities else ""
        oauth = {"auth_mechanisms": "", "passdb_extra": "", "oauth2_passdb": ""}
        if oauth2_url:
            conf_ext = self.root / "oauth2.conf.ext"
            conf_ext.write_text(OAUTH2_CONF.format(url=oauth2_url))
            os.chmod(conf_ext, 0o644)  # read by the auth process (user dovecot)
            oauth = {"auth_mechanisms": " xoauth2 oauthbearer",
                     "passdb_extra": "  mechanisms = plain login\n",
                     "oauth2_passdb": OAUTH2_PASSDB.format(root=self.root)}
        Path(self.conf).write_text(CONF.format(root=self.root, inst=self.root.name,
                                               port=self.port, sport=self.ssl_port,
                                               drafts=drafts, imap_extra=extra, **oauth))
        self.log = self.root / "log" / "dovecot.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None

    # --- users and mail -------------------------------------------------------------------

    def add_user(self, name: str | None = None) -> str:
        """A user of its own, with an empty mailbox (same password as every user here).

        Dovecot's passwd-file re-reads the file at most once a second (it compares mtime
        and size once per ioloop second), so a user appended right after a login may not be
        seen yet: users come from a pool written ahead, and a new batch waits a second."""
        if name is not None:
            self._write_users([name])
            time.sleep(1.1)
            return name
        if not self._pool:
            self._pool = [f"u{next(self._users)}" for _ in range(POOL)]
            self._write_users(self._pool)
            if self.proc is not None:
                time.sleep(1.1)
        return self._pool.pop(0)

    def _write_users(self, users: Sequence[str]) -> None:
        with open(self.passwd, "a") as f:
            f.writelines(f"{user}:{{PLAIN}}{self.password}\n" for user in users)

    def maildir(self, user: str, folder: str = "INBOX") -> Path:
        """INBOX is ~/Maildir; folder A/B is ~/Maildir/.A.B (Maildir++, separator /)."""
        base = self.root / "mail" / user / "Maildir"
        return base if folder == "INBOX" else base / ("." + folder.replace("/", "."))

    def fill_maildir(self, messages: Sequence[bytes], user: str | None = None,
                     folder: str = "INBOX", seen: bool = False) -> None:
        """Deliver raw messages straight into the maildir (10,000 in ~0.3 s).

        Safe while the server runs (tmp/ then rename into new/ or cur/); UIDs follow the
        order of `messages`. Every directory must belong to nobody or SELECT fails."""
        path = self.maildir(user or self.user, folder)
        for sub in ("", "cur", "new", "tmp"):
            d = path / sub
            d.mkdir(parents=True, exist_ok=True)
            os.chown(d, self.uid, self.gid)
        p = path.parent
        while p != self.root / "mail":
            os.chown(p, self.uid, self.gid)
            p = p.parent
        base = int(time.time()) - len(messages)
        token = secrets.token_hex(4)  # unique per call: two calls in the same second don't collide
        for i, raw in enumerate(messages):
            name = f"{base + i}.M{i:06d}P{os.getpid()}R{token}.fill,S={len(raw)}"
            tmp = path / "tmp" / name
            tmp.write_bytes(raw)
            os.chown(tmp, self.uid, self.gid)
            os.utime(tmp, (base + i, base + i))  # INTERNALDATE
            if seen:
                os.rename(tmp, path / "cur" / (name + ":2,S"))
            else:
                os.rename(tmp, path / "new" / name)

    def doveadm(self, *args: str) -> str:
        out = subprocess.run(["doveadm", "-c", self.conf, *args], check=True,
                             capture_output=True, text=True)
        return out.stdout

    def set_uidvalidity(self, value: int, user: str | None = None, folder: str = "INBOX") -> None:
        """Change a folder's UIDVALIDITY; Dovecot drops sessions that have it selected."""
        self.doveadm("mailbox", "update", "--uid-validity", str(value), "-u", user or self.user,
                     folder)

    def uidvalidity(self, user: str | None = None, folder: str = "INBOX") -> int:
        out = self.doveadm("mailbox", "status", "-u", user or self.user, "uidvalidity", folder)
        return int(out.strip().split("=")[1])

    # --- lifecycle ------------------------------------------------------------------------

    def start(self, timeout: float = 10) -> None:
        # -F: stay in the foreground, so this process reaps it (no zombie pid in master.pid);
        # start_new_session: the master leads its own group, so killpg reaches the sessions too
        self._stderr = open(self.root / "log" / "stderr.log", "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(["dovecot", "-F", "-c", self.conf], stdin=subprocess.DEVNULL,
                                     stdout=self._stderr, stderr=self._stderr,
                                     start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as s:
                    if s.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"dovecot did not start:\n{self.logs()}")
            time.sleep(0.01)

    def logs(self, tail: int = 3000) -> str:
        out = []
        for f in (self.root / "log" / "stderr.log", self.log):
            if f.exists():
                out.append(f.read_text(errors="replace")[-tail:])
        return "\n".join(out)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Signal the whole process group: every session gets BYE (SIGTERM) or EOF (SIGKILL).
        Signalling the master alone would leave open sessions running."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, sig)
        self.proc.wait(timeout=10)
        self.proc = None
        if self._stderr is not None:
            self._stderr.close()
        (self.root / "run" / "master.pid").unlink(missing_ok=True)  # stale after SIGKILL

    def restart(self) -> None:
        self.stop()
        self.start()

    def crash_and_restart(self) -> None:
        self.stop(signal.SIGKILL)  # clients see EOF, no BYE
        self.start()

    def kick(self, user: str | None = None) -> bool:
        """Drop the user's sessions; the server stays up (clients get BYE, then EOF).
        False when the user had no session (doveadm exits 68, "no users kicked")."""
        out = subprocess.run(["doveadm", "-c", self.conf, "kick", user or self.user],
                             capture_output=True, text=True)
        if out.returncode == 68:
            return False
        out.check_returncode()
        return True

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
