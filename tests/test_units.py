"""The shipped systemd units: `systemd-analyze verify` and `security` (where systemd-analyze
exists), and the daemon's needs checked against the system unit's sandbox.

No systemd runs in the test sandbox (PID 1 is not systemd), so the daemon cannot be started
under the unit itself. Instead it runs one real pass (Dovecot, SQLite, a card photo for
tesseract, a password command) under strace, and the trace must show nothing the unit
forbids: files written only in the state directory and /tmp (PrivateTmp=), programs run
only our own Python (the parse worker), tesseract and the password command, system calls
only from SystemCallFilter='s list, no writable and executable memory
(MemoryDenyWriteExecute=), connections only to loopback (IPAddressAllow=localhost) and
local sockets.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from daemon_harness import COMMON, OWNER, ImapBox, imap_table, wait_until
from dovecot import Dovecot

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_UNIT = ROOT / "contrib" / "system" / "followup.service"
USER_UNIT = ROOT / "contrib" / "followup.service"
CARD = Path(__file__).resolve().parent / "fixtures" / "cards" / "card-classic.png"

analyze = pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                             reason="systemd-analyze is not installed (apt-get install systemd)")


def _installed(unit: Path, tmp_path: Path) -> Path:
    """The unit with ExecStart pointing at this checkout's followup (verify checks that the
    program exists; the unit names /opt/followup or ~/.local/bin)."""
    program = Path(sys.executable).parent / "followup"
    assert program.exists(), program
    text = re.sub(r"^ExecStart=\S+", f"ExecStart={program}", unit.read_text(), flags=re.M)
    target = tmp_path / "units" / unit.name
    target.parent.mkdir(exist_ok=True)
    target.write_text(text)
    return target


def _analyze(tmp_path: Path, *args: str, user: bool = False) -> subprocess.CompletedProcess[str]:
    runtime = tmp_path / "runtime"  # --user needs a runtime directory, even offline
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "SYSTEMD_LOG_COLOR": "0"}
    command = ["systemd-analyze", *(["--user"] if user else []), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60,
                          cwd=tmp_path, check=False)


def _exposure(output: str) -> float:
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d)", output)
    assert match, output
    return float(match.group(1))


@analyze
@pytest.mark.parametrize(("unit", "user"), [(SYSTEM_UNIT, False), (USER_UNIT, True)],
                         ids=["system", "user"])
def test_unit_verifies(unit: Path, user: bool, tmp_path: Path) -> None:
    done = _analyze(tmp_path, "verify", str(_installed(unit, tmp_path)), user=user)
    assert done.returncode == 0 and "followup.service" not in done.stderr, done.stderr


@analyze
def test_system_unit_exposure_is_at_most_2(tmp_path: Path) -> None:
    done = _analyze(tmp_path, "security", "--offline=true", "--threshold=20",
                    str(_installed(SYSTEM_UNIT, tmp_path)))
    assert done.returncode == 0, done.stdout + done.stderr
    assert _exposure(done.stdout) <= 2.0


@analyze
def test_user_unit_is_hardened_as_far_as_a_user_manager_allows(tmp_path: Path) -> None:
    # A user manager has no DynamicUser=, capability bounding set or IP filters: the rest
    # is set, which takes the user unit from 8.5 ("EXPOSED") to under 4 ("OK").
    done = _analyze(tmp_path, "security", "--offline=true", "--threshold=40",
                    str(_installed(USER_UNIT, tmp_path)), user=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _exposure(done.stdout) < 4.0


def test_system_unit_sets_what_the_readme_promises() -> None:
    settings = dict(line.split("=", 1) for line in SYSTEM_UNIT.read_text().splitlines()
                    if "=" in line and not line.startswith("#"))
    assert settings["DynamicUser"] == "yes" and settings["StateDirectory"] == "followup"
    assert settings["ConfigurationDirectory"] == "followup"
    assert settings["LoadCredential"].startswith("imap-password:")
    assert settings["Type"] == "notify" and settings["WatchdogSec"]
    assert settings["ExecReload"] == "/bin/kill -HUP $MAINPID"
    assert settings["RestrictAddressFamilies"] == "AF_UNIX AF_INET AF_INET6"
    assert settings["IPAddressDeny"] == "any"


# --- what the daemon does, against what the system unit allows -----------------------------

_WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")
_WRITING_CALLS = {"mkdir", "mkdirat", "rename", "renameat", "renameat2", "unlink",
                  "unlinkat", "rmdir", "link", "linkat", "symlink", "symlinkat", "chmod",
                  "fchmodat", "truncate", "creat"}
# Kernel pseudo-files PrivateDevices= keeps (and Python's own cache files, whose write
# failure on a read-only /opt Python ignores).
_HARMLESS = re.compile(r"^/dev/(null|urandom|random|tty)$|\.pyc(\.\d+)?$|/__pycache__(/|$)")


def _card_note() -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Sam Owner <{OWNER}>"
    msg["To"] = "notes@owner.example"
    msg["Subject"] = "card from the booth"
    msg["Message-ID"] = "<card-1@owner.example>"
    msg.set_content("met her at the booth; follow up in 2 weeks")
    msg.add_attachment(CARD.read_bytes(), maintype="image", subtype="png", filename="card.png")
    return msg.as_bytes()


def _syscalls(group: str) -> set[str]:
    """The system calls of a systemd syscall group, nested groups expanded."""
    text = subprocess.run(["systemd-analyze", "syscall-filter", group], capture_output=True,
                          text=True, check=True, timeout=30).stdout
    names: set[str] = set()
    for line in text.splitlines()[1:]:
        entry = line.strip()
        if entry and not entry.startswith("#"):
            names |= _syscalls(entry) if entry.startswith("@") else {entry}
    return names


def _trace_calls(trace: Path) -> list[tuple[str, str, list[str]]]:
    """(syscall, full line, quoted paths) of every traced call, resumed calls joined."""
    calls = []
    unfinished: dict[str, str] = {}  # pid -> the start of a call another thread interrupted
    for line in trace.read_text(errors="replace").splitlines():
        pid = line.split(maxsplit=1)[0] if line.strip() else ""
        if line.endswith("<unfinished ...>"):
            unfinished[pid] = line[: -len("<unfinished ...>")]
            continue
        resumed = re.match(r"^\d+\s+<\.\.\. \w+ resumed>(.*)$", line)
        if resumed and pid in unfinished:
            line = unfinished.pop(pid) + resumed.group(1)
        match = re.match(r"^\d+\s+(\w+)\(", line)
        if match:
            calls.append((match.group(1), line, re.findall(r'"((?:[^"\\]|\\.)*)"', line)))
    return calls


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_the_daemon_needs_nothing_the_system_unit_forbids(
        dovecot: Dovecot, dovecot_user: str, box: ImapBox, tmp_path: Path) -> None:
    state = tmp_path / "state"  # StateDirectory= (and HOME, XDG_DATA_HOME)
    etc = tmp_path / "etc"  # ConfigurationDirectory=, read-only for the service
    credentials = tmp_path / "credentials"  # $CREDENTIALS_DIRECTORY
    for d in (state, etc, credentials):
        d.mkdir(mode=0o700)
    (credentials / "imap-password").write_text(dovecot.password + "\n")
    (credentials / "imap-password").chmod(0o400)  # as systemd hands it over
    table = imap_table(dovecot, dovecot_user, credentials / "imap-password").replace(
        f'password_file = "{credentials / "imap-password"}"',
        'password_credential = "imap-password"')  # $CREDENTIALS_DIRECTORY, as the unit has it
    common = COMMON.format(db="", daemon_extra="", owner_extra="").replace(
        'url = "sqlite:///"', "")  # the default database: $XDG_DATA_HOME/followup
    config = etc / "config.toml"
    config.write_text(table + common)
    box.append(_card_note())

    trace = tmp_path / "strace.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "FOLLOWUP_"))}
    env.update(HOME=str(state), XDG_DATA_HOME=str(state), FOLLOWUP_CONFIG=str(config),
               TMPDIR="/tmp", CREDENTIALS_DIRECTORY=str(credentials))
    log = tmp_path / "daemon.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            ["strace", "-f", "-qq", "-o", str(trace), sys.executable, "-m", "followup", "run"],
            cwd=state, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        assert wait_until(lambda: "drafted 1 follow-up" in log.read_text(), timeout=120), \
            log.read_text()
    finally:
        # the daemon is strace's child: strace itself would only detach on SIGTERM
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        os.kill(int(children[0]), signal.SIGTERM)
        code = proc.wait(timeout=30)  # strace exits with its tracee's status
    assert code == 0, log.read_text()
    assert "card" in log.read_text()

    calls = _trace_calls(trace)
    writes = sorted({os.path.abspath(os.path.join(state, paths[0]))
                     for name, line, paths in calls if paths and (
                         name in _WRITING_CALLS or (name in ("open", "openat") and any(
                             f in line for f in _WRITE_FLAGS)))})

    def allowed(path: str) -> bool:
        # the state directory; /tmp (private to the service), but not the rest of this
        # test's own folder under /tmp (config and credentials are read-only there)
        if path == str(state) or path.startswith(f"{state}/") or _HARMLESS.search(path):
            return True
        return path.startswith("/tmp/") and not path.startswith(f"{tmp_path}/")

    outside = [p for p in writes if not allowed(p)]
    assert not outside, f"writes outside the state directory and /tmp: {outside}"
    assert any(p.startswith(str(state)) for p in writes)  # the database is there

    programs = {paths[0] for name, line, paths in calls
                if name == "execve" and paths and "= 0" in line.rsplit(")", 1)[-1]}
    python = {sys.executable, os.path.realpath(sys.executable)}
    tesseract = {shutil.which("tesseract"), os.path.realpath(shutil.which("tesseract") or "")}
    # prlimit caps tesseract's memory (followup/cardimage.py); no shell: the password comes
    # from the credential, and commands never run through one unless the owner asks
    helpers = {shutil.which("prlimit"), "/usr/bin/strace"}
    unexpected = programs - python - tesseract - helpers
    assert not unexpected, f"programs the unit does not expect: {unexpected}"
    assert programs & tesseract, "the card photo was not read by tesseract"

    if shutil.which("systemd-analyze"):
        # the unit's SystemCallFilter= lines in order: the first allows, "~" takes away,
        # a later plain one gives back. SQLite fchown()s its journal to the database's
        # owner only when running as root (as this test does; the unit never runs as root).
        allowed_calls: set[str] = set()
        for line in SYSTEM_UNIT.read_text().splitlines():
            if line.startswith("SystemCallFilter="):
                value = line.split("=", 1)[1]
                names = set().union(*(_syscalls(n) if n.startswith("@") else {n}
                                      for n in value.lstrip("~").split()))
                allowed_calls = (allowed_calls - names if value.startswith("~")
                                 else allowed_calls | names)
        denied = {name for name, _line, _paths in calls} - allowed_calls
        assert denied <= ({"fchown"} if os.geteuid() == 0 else set()), denied

    # MemoryDenyWriteExecute=: no mapping both writable and executable, none made
    # executable later (a JIT, libffi closures without static trampolines)
    write_exec = [line for name, line, _paths in calls
                  if name in ("mmap", "mprotect", "pkey_mprotect") and "PROT_EXEC" in line
                  and ("PROT_WRITE" in line or name != "mmap")]
    assert not write_exec, write_exec[:5]

    inet = [line for name, line, _paths in calls
            if name == "connect" and ("AF_INET" in line)]
    assert inet and all("127.0.0.1" in line or "::1" in line for line in inet), inet
