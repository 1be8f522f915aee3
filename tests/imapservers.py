"""Throwaway Cyrus IMAP 3.6 and Courier-IMAP 5.0 servers for tests, beside the suite's Dovecot.

As Debian packages they conflict with dovecot-imapd (installing one removes the other), so
`prepare()` fetches them with `apt-get download` and unpacks them with `dpkg-deb -x` into a
cache directory of the suite's (`FOLLOWUP_TEST_SERVERS`, default
/var/cache/followup-test-servers); their binaries run from there with LD_LIBRARY_PATH, their
own config in a temporary directory, on 127.0.0.1, as `nobody`. Dovecot is never touched.

- Cyrus: `master -C imapd.conf -M cyrus.conf` (every command gets `-C`), SASL auxprop
  sasldb written with the unpacked saslpasswd2 (the realm is `servername`), idled for IDLE,
  the Debian defaults that matter to a client: `.` as hierarchy separator and the `INBOX.`
  prefix for personal folders, RFC 6154 SPECIAL-USE, MOVE.
- Courier: `couriertcpd` + `imaplogin` + `imapd` over a Maildir. Courier's authentication
  library asks authdaemond over a socket whose path is compiled in
  (/run/courier/authdaemon/socket); the server runs in a private mount namespace
  (`unshare -m`) where our directory is bind-mounted there, and a small stand-in authdaemon
  (`_AuthDaemon`, speaking authdaemond's protocol: AUTH/PRE requests, KEY=value answers)
  checks the test passwords. Courier has the `INBOX.` prefix and `.` separator, no
  SPECIAL-USE, no MOVE, and refuses APPEND into a folder the session selected read-only.

`python tests/imapservers.py prepare` (scripts/test calls it) does the download once."""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CYRUS_PACKAGES = ("cyrus-imapd", "cyrus-common", "sasl2-bin", "libxapian30", "libpcre3",
                  "libical3")
COURIER_PACKAGES = ("courier-imap", "courier-base", "courier-authlib", "libcourier-unicode4",
                    "gamin", "libgamin0", "libidn12", "libltdl7")
CACHE = Path(os.environ.get("FOLLOWUP_TEST_SERVERS", "/var/cache/followup-test-servers"))
ROOT = CACHE / "root"
_DONE = CACHE / ".prepared-v2"
COURIER_AUTH_DIR = Path("/run/courier/authdaemon")  # compiled into libcourierauth


def prepare() -> None:
    """Download and unpack both servers' packages into CACHE (once)."""
    if _DONE.exists():
        return
    debs = CACHE / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    os.chmod(debs, 0o777)  # apt-get download runs as _apt where it can
    packages = [*CYRUS_PACKAGES, *COURIER_PACKAGES]
    done = subprocess.run(["apt-get", "download", "-q", *packages], cwd=debs,
                          capture_output=True, text=True)
    if done.returncode != 0:  # a fresh machine has no package lists yet
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True)
        subprocess.run(["apt-get", "download", "-q", *packages], cwd=debs, check=True,
                       capture_output=True)
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(ROOT)], check=True)
    _DONE.write_text("\n".join(packages) + "\n")


def why_not(kind: str) -> str | None:
    """Why this machine cannot run the `kind` test server ('cyrus' or 'courier'), or None."""
    if os.geteuid() != 0:
        return f"the test {kind} server must start as root (its mail runs as nobody)"
    if not _DONE.exists():
        return (f"{kind} is not unpacked: run `python3 tests/imapservers.py prepare` "
                "(scripts/test does)")
    if kind == "courier" and shutil.which("unshare") is None:
        return "courier needs unshare(1) (util-linux) for its authdaemon socket"
    return None


def _library_path() -> str:
    dirs = sorted({str(p.parent) for p in ROOT.rglob("*.so*")})
    return os.pathsep.join(dirs)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class _Server:
    """What the contract and end-to-end tests need of a server: users, start, stop, logs."""

    kind = "imap"

    def __init__(self) -> None:
        base = "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp"
        self.root = Path(tempfile.mkdtemp(prefix=f"fu-{self.kind[:2]}-", dir=base))
        os.chmod(self.root, 0o755)
        self.nobody = pwd.getpwnam("nobody")
        self.host, self.port = "127.0.0.1", _free_port()
        self.password = secrets.token_hex(8)
        self.proc: subprocess.Popen[bytes] | None = None
        self._users = 0
        self.env = {"LD_LIBRARY_PATH": _library_path(), "PATH": "/usr/bin:/bin"}
        self.log = self.root / "server.log"

    def add_user(self) -> str:
        self._users += 1
        name = f"u{self._users}"
        self._create_user(name)
        return name

    def _create_user(self, name: str) -> None:
        raise NotImplementedError

    def _command(self) -> list[str]:
        raise NotImplementedError

    def start(self, timeout: float = 15) -> None:
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(self._command(), stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=out, env=self.env, cwd=self.root,
                                         start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            with contextlib.suppress(OSError), socket.create_connection(
                    (self.host, self.port), timeout=1) as s:
                if s.recv(64).startswith(b"* OK"):
                    return
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{self.kind} did not start:\n{self.logs()}")
            time.sleep(0.05)

    def logs(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def stop(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.proc = None

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


CYRUS_IMAPD_CONF = """\
configdirectory: {root}/conf
defaultpartition: default
partition-default: {root}/spool
proc_path: {root}/run/proc
mboxname_lockpath: {root}/run/lock
idlesocket: {root}/run/socket/idle
notifysocket: {root}/run/socket/notify
lmtpsocket: {root}/run/socket/lmtp
servername: followup-test
cyrus_user: nobody
cyrus_group: nogroup
altnamespace: no
unixhierarchysep: no
allowplaintext: yes
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: {root}/sasldb2
sasl_mech_list: PLAIN LOGIN
autocreate_quota: 0
autocreate_inbox_folders: Drafts | Sent | Trash | Archive
autocreate_subscribe_folders: Drafts | Sent | Trash | Archive
specialusealways: 1
xlist-drafts: Drafts
xlist-sent: Sent
xlist-trash: Trash
xlist-archive: Archive
syslog_prefix: cyrus-test
# idled pushes changes to IDLE sessions; this is how often a session polls besides
imapidlepoll: 1
"""

CYRUS_CONF = """\
START {{
  recover cmd="{bin}/ctl_cyrusdb -C {root}/imapd.conf -r"
}}
SERVICES {{
  imap cmd="{bin}/imapd -C {root}/imapd.conf" listen="127.0.0.1:{port}" prefork=0 maxchild=100
}}
EVENTS {{
}}
DAEMON {{
  idled cmd="{bin}/idled -C {root}/imapd.conf"
}}
"""


class Cyrus(_Server):
    """Cyrus IMAP 3.6 on 127.0.0.1 (plain IMAP; LOGIN allowed on loopback)."""

    kind = "cyrus"

    def __init__(self) -> None:
        super().__init__()
        for d in ("conf", "spool", "run/proc", "run/lock", "run/socket"):
            (self.root / d).mkdir(parents=True)
        bindir = ROOT / "usr/lib/cyrus/bin"
        (self.root / "imapd.conf").write_text(CYRUS_IMAPD_CONF.format(root=self.root))
        (self.root / "cyrus.conf").write_text(CYRUS_CONF.format(root=self.root, bin=bindir,
                                                                port=self.port))
        self._chown()

    def _chown(self) -> None:
        for path in [self.root, *self.root.rglob("*")]:
            os.chown(path, self.nobody.pw_uid, self.nobody.pw_gid)

    def _create_user(self, name: str) -> None:
        subprocess.run([str(ROOT / "usr/sbin/saslpasswd2"), "-p", "-c", "-f",
                        str(self.root / "sasldb2"), "-u", "followup-test", name],
                       input=self.password.encode(), env=self.env, check=True,
                       capture_output=True)
        os.chown(self.root / "sasldb2", self.nobody.pw_uid, self.nobody.pw_gid)

    def _command(self) -> list[str]:
        # Cyrus refuses to run as root: the master and its children run as nobody
        return ["setpriv", f"--reuid={self.nobody.pw_uid}", f"--regid={self.nobody.pw_gid}",
                "--clear-groups", str(ROOT / "usr/lib/cyrus/bin/master"),
                "-C", str(self.root / "imapd.conf"), "-M", str(self.root / "cyrus.conf"),
                "-p", str(self.root / "run/master.pid"), "-D"]


class _AuthDaemon:
    """A stand-in for Courier's authdaemond on a UNIX socket: answers `AUTH n` requests of
    type `login` (user and password lines) and `PRE . imap user` lookups with the user's
    uid, gid, home and Maildir, or FAIL."""

    def __init__(self, path: Path, users: dict[str, str], homes: Path) -> None:
        self.users, self.homes = users, homes
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(str(path))
        os.chmod(path, 0o777)
        self.sock.listen(50)
        self.nobody = pwd.getpwnam("nobody")
        threading.Thread(target=self._serve, daemon=True, name="authdaemon").start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            with contextlib.suppress(OSError):
                while not _complete(data):
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                user = self._user(data)
                conn.sendall(self._record(user) if user else b"FAIL\n")

    def _user(self, data: bytes) -> str | None:
        head, _, rest = _request(data)
        if head.startswith(b"AUTH "):
            _service, kind, *fields = rest.split(b"\n")
            if kind == b"login" and len(fields) >= 2:
                name, password = fields[0].decode(errors="replace"), fields[1].decode(
                    errors="replace")
                return name if self.users.get(name) == password else None
        if head.startswith(b"PRE "):
            name = head.split()[-1].decode(errors="replace")
            return name if name in self.users else None
        return None

    def _record(self, user: str) -> bytes:
        home = self.homes / user
        # UID/GID without USERNAME: USERNAME would make authlib look the user up in passwd
        return (f"UID={self.nobody.pw_uid}\nGID={self.nobody.pw_gid}\nHOME={home}\n"
                f"MAILDIR={home}/Maildir\nADDRESS={user}\n.\n").encode()

    def close(self) -> None:
        self.sock.close()


def _request(data: bytes) -> tuple[bytes, bytes, bytes]:
    """The request line and what follows, past the KEY=value lines imaplogin sends first."""
    while True:
        head, sep, rest = data.partition(b"\n")
        if sep and b"=" in head and not head.startswith((b"AUTH", b"PRE")):
            data = rest
            continue
        return head, sep, rest


def _complete(data: bytes) -> bool:
    head, sep, rest = _request(data)
    if head.startswith(b"AUTH "):
        return len(rest) >= int(head.split()[1])
    return bool(sep) and head.startswith(b"PRE ")


COURIER_ENV = {
    "IMAP_CAPABILITY": "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT "
                       "THREAD=REFERENCES SORT QUOTA IDLE",
    # without FAM/gamin Courier's IDLE looks at the Maildir this often (seconds)
    "IMAP_IDLE_TIMEOUT": "2", "IMAP_USELOCKS": "1", "IMAP_KEYWORDS": "1", "IMAP_ACL": "1",
    "IMAP_TRASHFOLDERNAME": "Trash", "IMAP_MOVE_EXPUNGE_TO_TRASH": "0", "IMAP_ENHANCEDIDLE": "0",
    "IMAP_MAILBOX_SANITY_CHECK": "1", "IMAP_UMASK": "022",
}


class Courier(_Server):
    """Courier-IMAP 5.0 on 127.0.0.1 (plain IMAP) over Maildirs under the temporary root."""

    kind = "courier"

    def __init__(self) -> None:
        super().__init__()
        (self.root / "auth").mkdir()
        self.homes = self.root / "mail"
        self.homes.mkdir()
        self._passwords: dict[str, str] = {}
        self.auth = _AuthDaemon(self.root / "auth" / "socket", self._passwords, self.homes)
        # Courier's IDLE and every command ask gamin's gam_server (FAM) about the Maildir; a
        # missing server costs a second a command while the library tries to spawn one from
        # /usr/libexec. Ours runs beside imapd as nobody, under a client id of this server's.
        self.env.update(COURIER_ENV, IMAP_SHAREDINDEXFILE=str(self.root / "shared-index"),
                        GAM_CLIENT_ID=self.root.name)

    def _create_user(self, name: str) -> None:
        maildir = self.homes / name / "Maildir"
        maildir.parent.mkdir()
        make = str(ROOT / "usr/bin/maildirmake.courier")
        subprocess.run([make, str(maildir)], env=self.env, check=True, capture_output=True)
        for folder in ("Drafts", "Sent", "Trash"):
            subprocess.run([make, "-f", folder, str(maildir)], env=self.env, check=True,
                           capture_output=True)
        for path in [self.homes / name, *(self.homes / name).rglob("*")]:
            os.chown(path, self.nobody.pw_uid, self.nobody.pw_gid)
        self._passwords[name] = self.password

    def fill_maildir(self, messages: list[bytes], user: str) -> None:
        """Deliver raw messages straight into the user's Maildir new/ (tmp/, then rename)."""
        inbox = self.homes / user / "Maildir"
        for i, raw in enumerate(messages):
            raw = raw.replace(b"\r\n", b"\n")  # Courier keeps LF in files, sends CRLF
            name = f"{int(time.time())}.M{i:06d}R{secrets.token_hex(4)}.fill,S={len(raw)}"
            (inbox / "tmp" / name).write_bytes(raw)
            os.chown(inbox / "tmp" / name, self.nobody.pw_uid, self.nobody.pw_gid)
            os.rename(inbox / "tmp" / name, inbox / "new" / name)

    def _command(self) -> list[str]:
        COURIER_AUTH_DIR.mkdir(parents=True, exist_ok=True)  # the mount point only
        serve = (f"{ROOT}/usr/sbin/couriertcpd -address=127.0.0.1 -nodnslookup "
                 f"-noidentlookup -maxprocs=100 -maxperip=100 {self.port} "
                 f"{ROOT}/usr/lib/courier/courier/imaplogin {ROOT}/usr/bin/imapd Maildir")
        gamin = (f"setpriv --reuid={self.nobody.pw_uid} --regid={self.nobody.pw_gid} "
                 f"--clear-groups {ROOT}/usr/libexec/gam_server --notimeout &")
        script = f"mount --bind {self.root}/auth {COURIER_AUTH_DIR} && {gamin} exec {serve}"
        return ["unshare", "-m", "--propagation", "private", "sh", "-c", script]

    def cleanup(self) -> None:
        super().cleanup()
        self.auth.close()


if __name__ == "__main__":
    if sys.argv[1:] == ["prepare"]:
        prepare()
    else:
        sys.exit("usage: imapservers.py prepare")
