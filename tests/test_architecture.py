"""The import rules that keep followup's core pure and make "never sends" structural."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "followup"

# The outer shell: what the pure core never reaches for.
SHELL = ("followup.store", "followup.service", "followup.mailbox", "followup.config",
         "followup.cli", "followup.daemon", "followup.bootstrap", "followup.clock",
         "followup.cardimage", "followup.cardprep", "followup.parseworker",
         "followup.digesting", "followup.notify", "followup.lease", "followup.secrets")
# module (or package prefix) -> our modules it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "followup.model": ("followup.",),
    "followup.parsing": (*SHELL, "followup.planning", "followup.drafting"),
    "followup.planning": (*SHELL, "followup.parsing"),
    "followup.drafting": (*SHELL, "followup.parsing"),
    "followup.phrasing": ("followup.",),  # words for drafts: pure, imports nothing of ours
    "followup.sender": SHELL,
    "followup.digest": (*SHELL, "followup.tracking", "followup.control"),  # pure: takes now
    # the life cycle decides, purely; tracking (a use case, like service) does the reading
    "followup.lifecycle": (*SHELL, "followup.tracking", "imapclient", "apscheduler"),
    "followup.tracking": ("followup.mailbox", "followup.config", "followup.cli",
                          "followup.daemon", "followup.bootstrap", "followup.clock",
                          "followup.service", "imapclient", "apscheduler", "click"),
    "followup.service": ("followup.mailbox", "followup.config", "followup.cli",
                         "followup.daemon", "followup.bootstrap", "followup.clock",
                         "followup.cardimage", "followup.cardprep", "followup.parseworker",
                         "imapclient", "apscheduler", "click"),
    # the owner's words and a contact's TOML are pure; the owner's use cases are service-like
    "followup.ownerwords": (*SHELL, "followup.drafting"),
    "followup.contact_toml": SHELL,
    "followup.control": ("followup.mailbox", "followup.config", "followup.cli",
                         "followup.daemon", "followup.bootstrap", "followup.clock",
                         "imapclient", "apscheduler", "click"),
    "followup.retry": ("followup.mailbox", "followup.config", "followup.cli",
                       "followup.daemon", "followup.bootstrap", "imapclient", "click"),
    "followup.store": ("followup.service", "followup.mailbox", "followup.config",
                       "followup.cli", "followup.daemon", "followup.bootstrap"),
    "followup.mailbox": ("followup.service", "followup.store", "followup.config",
                         "followup.cli", "followup.daemon", "followup.bootstrap"),
}
# Only these may name a concrete adapter.
ADAPTER_USERS = ("followup.bootstrap", "followup.mailbox")
SENDING = (
    "smtplib",
    "email.mime.smtp",
    "smtpd",
    "aiosmtplib",
    "yagmail",
    "sendgrid",
    "mailgun",
    "postmarker",
    "boto3",
    "requests",
    "httpx",
    "urllib.request",
    "http.client",
)


def _modules() -> dict[str, set[str]]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out[name] = _imports(path, name)
    return out


def _imports(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = module.split(".")[: -node.level or None]
                if path.name == "__init__.py":
                    parent = module.split(".")[: len(module.split(".")) - node.level + 1]
                base = ".".join([*parent, base]) if base else ".".join(parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def test_nothing_can_send_mail() -> None:
    for module, imports in _modules().items():
        bad = {i for i in imports for s in SENDING if i == s or i.startswith(s + ".")}
        assert not bad, f"{module} imports {bad}: followup never sends mail"


def test_no_smtp_or_sendmail_calls_in_source() -> None:
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in (
            "SMTP(",
            "SMTP_SSL(",
            ".sendmail(",
            ".send_message(",
            "/usr/sbin/sendmail",
            "sendmail -",
        ):
            assert needle not in text, f"{path} contains {needle!r}"


def test_arrows_point_inward() -> None:
    modules = _modules()
    for module, imports in modules.items():
        for prefix, banned in FORBIDDEN.items():
            if module != prefix and not module.startswith(prefix + "."):
                continue
            bad = {
                i
                for i in imports
                for b in banned
                if (i == b.rstrip(".") or i.startswith(b if b.endswith(".") else b + ".") or i == b)
                and not i.startswith(prefix)
            }
            assert not bad, f"{module} must not import {sorted(bad)}"


def test_only_the_composition_root_names_adapters() -> None:
    for module, imports in _modules().items():
        if module.startswith(ADAPTER_USERS):
            continue
        bad = {i for i in imports if i.startswith("followup.mailbox")
               and not i.startswith("followup.mailbox.backoff")}
        assert not bad, f"{module} names a concrete adapter {bad}; only bootstrap may"


def test_importing_the_package_does_nothing() -> None:
    source = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    kinds = {type(node).__name__ for node in tree.body}
    assert kinds <= {"Expr", "Assign"}, kinds


def test_every_module_says_what_it_owns() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.parts[-2] == "versions":  # alembic revisions carry their own header
            continue
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and doc.strip(), f"{path} has no module docstring"
