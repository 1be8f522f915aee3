"""Drafts: sandboxed Jinja2 templates -> a plain-text RFC 5322 message with safe headers.

Template files are named ``NAME.txt.j2`` (NAME is what a `[[sequence]]` step names). The
rendered text starts with one ``Subject: ...`` line, then a blank line, then the body::

    Subject: Great meeting you{% if met_at %} at {{ met_at }}{% endif %}

    Hi {{ name or "there" }},
    ...

Everything that comes from mail (the note, names, company, subjects) reaches a template only as
a variable, never as template source, so ``{{ 7*7 }}`` in a note stays literal. Templates run in
Jinja2's sandbox with StrictUndefined: a misspelt variable is an error, and every variable below
is always defined (None when unknown), so templates test for None explicitly.

Variables: name (first name, else full name, else None), first_name, full_name, email, emails,
company, title, met_at, met_on (date), met_when ("yesterday", "on Tuesday", "last week"...,
in the draft's language), met_at_kind ("event" | "place" | None), place_needs_article,
language (the draft's ISO 639-1 code), note, tags, subject (the forwarded message's subject
without Fwd:, None when the draft cannot be threaded to it: a "Re:" draft carries
In-Reply-To/References), owner_name, owner_first_name, owner_address, step, due_on (date).
Filter: ``{{ met_at | at_place }}`` -> "at the Rust meetup" / "beim Rust-Meetup" / "au salon".

Languages: ``NAME.LL.txt.j2`` (``nice-to-meet-you.de.txt.j2``) is used for a draft in
language LL when it exists, else ``NAME.txt.j2``.

Pure: the caller passes `now`; nothing here reads the clock. The Message-ID is derived from the
draft key (not from the clock or a random source) so that re-rendering a draft after a crash
yields the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import quopri
import re
import traceback
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from email.header import Header
from email.headerregistry import Address
from email.utils import format_datetime, formataddr
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_context,
)
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from followup.phrasing import at_place, describe_when, needs_article, place_kind

TEMPLATE_SUFFIX = ".txt.j2"
DEFAULTS_PACKAGE = "followup.templates"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_SUBJECT_RE = re.compile(r"^subject:[ \t]*(.*)$", re.IGNORECASE)
_FWD_RE = re.compile(r"^\s*((fwd?|wg|tr|rv|re|aw|sv)\s*:\s*)+", re.IGNORECASE)
_AT_RE = re.compile(r"^\s*at\s+", re.IGNORECASE)
_KEY_RE = re.compile(r"^[\x21-\x7e]{1,200}$")
_THREAD_ID_RE = re.compile(r"^<[\x21-\x3b\x3d\x3f-\x7e]{1,250}@[\x21-\x3b\x3d\x3f-\x7e]{1,250}>$")
_RE_RE = re.compile(r"^\s*re\s*:\s*", re.IGNORECASE)
_HEADER_LIMIT = 200  # characters of one header value; longer is junk, not a subject
# Unicode categories never allowed in a header: controls (CR, LF, NUL...), format characters
# (bidi overrides such as U+202E, zero-width joiners), line/paragraph separators, surrogates,
# private use and unassigned code points.
_BLANKED = {"Cc", "Zl", "Zp"}
_DROPPED = {"Cf", "Cs", "Co", "Cn"}
_LANGUAGE_RE = re.compile(r"^[a-z]{2}$")


class DraftingError(Exception):
    """A draft cannot be made; the message says why. Catch this one to skip a follow-up."""


class DraftError(DraftingError, ValueError):
    """This contact or owner cannot get a draft (e.g. no usable email address)."""


class TemplateMissingError(DraftingError, LookupError):
    """A sequence names a template that no template folder holds (or a folder is missing)."""


class TemplateFormatError(DraftingError, ValueError):
    """A template rendered to something that is not ``Subject: ...``, a blank line and a body."""


class TemplateRenderError(DraftingError):
    """A template failed: syntax error, unknown variable, or a sandbox violation."""


@dataclass(frozen=True)
class DraftContext:
    """The values a draft is made from: the person, the meeting, the owner and the step."""

    full_name: str | None
    emails: tuple[str, ...]
    company: str | None = None
    title: str | None = None
    met_at: str | None = None
    met_on: dt.date | None = None
    note: str | None = None
    tags: tuple[str, ...] = ()
    forwarded_subject: str | None = None
    owner_name: str | None = None
    owner_address: str = ""
    step: int = 1
    due_on: dt.date | None = None
    tz: dt.tzinfo = dt.UTC  # the owner's time zone: dates in the draft are theirs
    # the Message-ID the draft replies to; without one a draft never says "Re:"
    thread_message_id: str | None = None
    # the References chain ending with thread_message_id (empty: just that one)
    thread_references: tuple[str, ...] = ()
    language: str | None = None  # ISO 639-1: the draft's language (None: the plain template)

    @property
    def first_name(self) -> str | None:
        return first_name_of(self.full_name)

    def variables(self, today: dt.date) -> dict[str, Any]:
        """What a template sees. Every key is always present (None when unknown)."""
        first = self.first_name
        full = _clean_text(self.full_name)
        met_at = _clean_text(_AT_RE.sub("", self.met_at or ""))
        return {
            "name": first or full,
            "first_name": first,
            "full_name": full,
            "email": self.emails[0] if self.emails else None,
            "emails": tuple(self.emails),
            "company": _clean_text(self.company),
            "title": _clean_text(self.title),
            "met_at": met_at,
            "met_at_kind": place_kind(met_at),
            "place_needs_article": needs_article(met_at),
            "met_on": self.met_on,
            "met_when": describe_when(self.met_on, today, self.language),
            "language": self.language or "en",
            "note": (_clean_body(self.note).strip() or None) if self.note else None,
            "tags": tuple(self.tags),
            # "Re: {{ subject }}" only where the draft can be threaded to that message
            "subject": (_clean_text(_FWD_RE.sub("", self.forwarded_subject or ""))
                        if _thread_id(self.thread_message_id) else None),
            "owner_name": _clean_text(self.owner_name),
            "owner_first_name": first_name_of(self.owner_name),
            "owner_address": self.owner_address,
            "step": self.step,
            "due_on": self.due_on,
        }


@dataclass(frozen=True)
class RenderedDraft:
    """A draft ready for APPEND: `raw` is the whole message with CRLF line ends."""

    to: str  # the recipient's address
    subject: str
    body: str
    raw: bytes


@functools.lru_cache(maxsize=1024)  # nameparser takes ~0.1 ms; the owner's is asked per draft
def first_name_of(full_name: str | None) -> str | None:
    """The given name, as nameparser reads it ("Dr. Ada King" -> "Ada")."""
    cleaned = _clean_text(full_name)
    if not cleaned:
        return None
    from nameparser import HumanName  # imported here: only drafting needs it

    first = _clean_text(str(HumanName(cleaned).first))
    return first or None


def default_templates_dir() -> Path:
    """The folder of the default templates installed with the package."""
    root = resources.files(DEFAULTS_PACKAGE)
    if not isinstance(root, Path):  # a zipped install: Jinja2 needs real files
        raise TemplateMissingError(f"{DEFAULTS_PACKAGE} is not installed as plain files: {root}")
    return root


class DraftEnvironment(SandboxedEnvironment):
    """The sandboxed environment drafts render in; remembers its folders for error messages."""

    folders: tuple[Path, ...] = ()


def make_environment(template_dirs: Sequence[Path] = ()) -> DraftEnvironment:
    """A sandboxed plain-text environment: the user's folders first, then the defaults."""
    users = tuple(Path(d).expanduser() for d in template_dirs)
    for folder in users:
        if not folder.is_dir():
            raise TemplateMissingError(
                f"template folder {folder} does not exist or is not a folder "
                "(check [drafting] templates_dir)"
            )
    folders = (*users, default_templates_dir())
    env = DraftEnvironment(
        loader=FileSystemLoader([str(f) for f in folders]),
        undefined=StrictUndefined,
        autoescape=False,  # plain-text mail: HTML escaping would corrupt names like "O'Brien"
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.folders = folders
    env.filters["at_place"] = _at_place_filter
    return env


@pass_context
def _at_place_filter(context: Context, place: str | None) -> str:
    """`{{ met_at | at_place }}`: the place with the preposition and article the draft's
    language needs ("at the Rust meetup", "at PyCon", "beim Rust-Meetup", "au salon")."""
    return at_place(place, context.get("language"))


def render_draft(
    env: DraftEnvironment,
    template: str,
    ctx: DraftContext,
    *,
    now: dt.datetime,
    draft_key: str,
) -> RenderedDraft:
    """Render `template` for `ctx` into a complete message dated `now`."""
    if now.tzinfo is None:
        raise ValueError("now must be tz-aware")
    to = _recipient(ctx)
    sender = _sender(ctx)
    local_now = now.astimezone(ctx.tz)
    compiled = _load(env, template, ctx.language)
    text = _render(compiled, template, ctx.variables(local_now.date()))
    subject, body = _split(template, text)
    thread = _thread_id(ctx.thread_message_id)
    if thread is None:
        subject = _RE_RE.sub("", subject) or subject  # a reply to nothing confuses everyone
    headers = [
        ("From", _address_value(sender)),
        ("To", _address_value(to)),
        ("Subject", _text_value("Subject", subject)),
        ("Date", format_datetime(local_now)),
        ("Message-ID", _message_id(draft_key, sender.domain)),
    ]
    if thread is not None:
        # the chain as the parent gave it, each id checked like every value from mail
        chain = [i for i in (_thread_id(r) for r in ctx.thread_references[-20:])
                 if i is not None and i != thread]
        ids = [*chain, thread]
        # folded between ids when long (each id is at most 503 characters)
        references = " ".join(ids) if len(" ".join(ids)) <= 66 else "\r\n ".join(ids)
        headers += [("In-Reply-To", thread), ("References", references)]
    headers.append(("X-Followup-Id", draft_key))
    return RenderedDraft(to=to.addr_spec, subject=subject, body=body,
                         raw=_compose(headers, body))


def _compose(headers: Sequence[tuple[str, str]], body: str) -> bytes:
    """A text/plain UTF-8 message from header values already made safe (ASCII, one logical
    line each: folded only by the email package's encoders) and a body with LF ends.

    Written out here rather than with `EmailMessage` because its header registry parses and
    refolds every value again (about 1 ms of a draft's 1.5 ms); the values are the same
    ones: names and subjects cleaned of control characters and encoded by `formataddr` and
    `Header` (RFC 2047), addresses checked by `Address`, the others checked ASCII tokens."""
    cte = _transfer_encoding(body)
    lines = [f"{name}: {value}" for name, value in headers]
    lines += ['Content-Type: text/plain; charset="utf-8"',
              f"Content-Transfer-Encoding: {cte}", "MIME-Version: 1.0"]
    head = "\r\n".join(lines).encode("ascii")  # a non-ASCII header value is a bug: fail
    if cte == "7bit":
        data = body.replace("\n", "\r\n").encode("ascii")
    else:
        data = quopri.encodestring(body.encode("utf-8")).replace(b"\n", b"\r\n")
    return head + b"\r\n\r\n" + data


def _address_value(address: Address) -> str:
    """`Name <local@domain>`: the name quoted when it has specials, RFC 2047-encoded when it
    is not plain ASCII; the address already checked by `Address` (no spaces, controls, commas)."""
    name, spec = address.display_name, address.addr_spec
    if _plain(name):
        return formataddr((name, spec))
    return f"{_encoded(name, 'To')} <{spec}>"


def _text_value(header: str, text: str) -> str:
    """An unstructured header value: as it is when it is short plain ASCII, else encoded
    (RFC 2047 for non-ASCII) and folded."""
    if _plain(text) and len(header) + 2 + len(text) <= 78:
        return text
    return _encoded(text, header)


def _encoded(text: str, header: str) -> str:
    """`text` as RFC 2047 encoded words (ASCII without "=?": only folded), lines CRLF-joined.
    The text was cleaned of every CR/LF: a line break here is the encoder's folding."""
    charset = "us-ascii" if _plain(text) else "utf-8"
    return Header(text, charset, header_name=header).encode(linesep="\r\n")


def _plain(text: str) -> bool:
    # ASCII that a reader will not decode: "=?utf-8?q?...?=" written by a stranger would
    # read as whatever it encodes (the email package's own folding writes such a name out
    # decoded: "=?utf-8?q?Bcc=3A_x=40evil=2Eexample?=" became the group "Bcc: x@evil..."),
    # so it is encoded itself
    return text.isascii() and "=?" not in text


def _render(compiled: Template, template: str, variables: dict[str, Any]) -> str:
    try:
        return compiled.render(variables)
    except TemplateError as exc:
        raise TemplateRenderError(
            f"template {template!r} ({_where(exc, compiled)}) failed: {exc}") from exc


def _where(exc: BaseException, compiled: Template) -> str:
    """file:line of the template line that failed. Jinja2 rewrites its tracebacks so that
    template frames carry the template's file and line (an included file's, when that one
    failed)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.endswith(TEMPLATE_SUFFIX)]
    if frames:
        return f"{frames[-1].filename}:{frames[-1].lineno}"
    lineno = getattr(exc, "lineno", None)
    return f"{compiled.filename}:{lineno}" if lineno else str(compiled.filename)


def check_templates(env: DraftEnvironment, names: Sequence[str]) -> None:
    """Load every named template now, so a misspelt name or a syntax error is a
    configuration error at start-up rather than a failed draft every run."""
    for name in names:
        _load(env, name)


def template_variants(env: DraftEnvironment, names: Sequence[str]
                      ) -> list[tuple[str, str | None]]:
    """(name, language) of every file a draft named `names` may come from: NAME.txt.j2
    (language None) and each NAME.LL.txt.j2 in the template folders."""
    out: list[tuple[str, str | None]] = []
    for name in dict.fromkeys(names):
        out.append((name, None))
        pattern = re.compile(rf"{re.escape(name)}\.([a-z]{{2}}){re.escape(TEMPLATE_SUFFIX)}")
        langs = {m.group(1) for folder in env.folders if folder.is_dir()
                 for path in folder.glob(f"{name}.*{TEMPLATE_SUFFIX}")
                 if (m := pattern.fullmatch(path.name))}
        out.extend((name, lang) for lang in sorted(langs))
    return out


def check_rendering(env: DraftEnvironment, names: Sequence[str], now: dt.datetime
                    ) -> list[str]:
    """Render every variant of every named template with a sample context, once with every
    variable set and once with every optional one None, under StrictUndefined: a misspelt
    variable (`{{ frist_name }}`) or a missing branch is found here, with its file:line,
    rather than at the first real draft. Returns the problems (empty: all render)."""
    problems: list[str] = []
    for name, language in template_variants(env, names):
        for ctx in _sample_contexts(language):
            try:
                render_draft(env, name, ctx, now=now, draft_key="check.sample@followup")
            except DraftingError as exc:
                problems.append(f"{name}{'.' + language if language else ''}: {exc}")
                break
    return problems


def _sample_contexts(language: str | None) -> tuple[DraftContext, DraftContext]:
    full = DraftContext(
        full_name="Jane Doe", emails=("jane@example.org",), company="Acme", title="VP Eng",
        met_at="Rust meetup", met_on=dt.date(2026, 3, 3), note="talked about robots",
        tags=("investor",), forwarded_subject="Fwd: our chat", owner_name="Sam Owner",
        owner_address="sam@example.org", step=2, due_on=dt.date(2026, 3, 17),
        language=language)
    sparse = DraftContext(full_name=None, emails=("x@example.org",),
                          owner_address="sam@example.org", language=language)
    return full, sparse


def _load(env: DraftEnvironment, template: str, language: str | None = None) -> Template:
    """`template` in `language` (NAME.LL.txt.j2) when there is one, else NAME.txt.j2."""
    if not _NAME_RE.match(template):
        raise TemplateMissingError(
            f"invalid template name {template!r}: use letters, digits, '-', '_' or '.'"
        )
    if language and _LANGUAGE_RE.match(language):
        try:
            return env.get_template(f"{template}.{language}{TEMPLATE_SUFFIX}")
        except TemplateNotFound:
            pass  # no translation: the plain template
        except TemplateSyntaxError as exc:
            raise TemplateRenderError(
                f"template {template!r} ({exc.filename}:{exc.lineno}): {exc.message}"
            ) from exc
    try:
        return env.get_template(template + TEMPLATE_SUFFIX)
    except TemplateSyntaxError as exc:
        raise TemplateRenderError(
            f"template {template!r} ({exc.filename}:{exc.lineno}): {exc.message}"
        ) from exc
    except TemplateNotFound:
        searched = ", ".join(str(f) for f in env.folders) or "(no folders)"
        raise TemplateMissingError(
            f"no template {template!r}: looked for {template}{TEMPLATE_SUFFIX} in {searched}"
        ) from None


def _split(template: str, text: str) -> tuple[str, str]:
    first, _, rest = text.partition("\n")
    match = _SUBJECT_RE.match(first.rstrip("\r"))
    if match is None:
        raise TemplateFormatError(
            f"template {template!r} must start with a 'Subject: ...' line, then a blank line, "
            f"then the body; it started with {first[:60]!r}"
        )
    subject = _clean_text(match.group(1)) or ""
    body = _clean_body(rest).lstrip("\n")
    body = re.sub(r"\n{3,}", "\n\n", body).rstrip() + "\n"
    return subject, body


def _recipient(ctx: DraftContext) -> Address:
    if not ctx.emails:
        raise DraftError(f"{ctx.full_name or 'this contact'} has no email address: no draft")
    return _address(ctx.full_name, ctx.emails[0], "contact")


def _sender(ctx: DraftContext) -> Address:
    if not ctx.owner_address:
        raise DraftError("the owner's address is not set: a draft needs a From address")
    return _address(ctx.owner_name, ctx.owner_address, "owner")


def _address(name: str | None, email: str, whose: str) -> Address:
    spec = email.strip()
    local, at, domain = spec.rpartition("@")
    if not at or any(_unsafe(ch) or ch.isspace() for ch in spec):
        raise DraftError(f"the {whose}'s address {email!r} is not a usable email address")
    if not local.isascii():
        raise DraftError(f"the {whose}'s address {email!r} needs SMTPUTF8, which drafts avoid")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
        return Address(display_name=_clean_text(name) or "", addr_spec=f"{local}@{ascii_domain}")
    except (UnicodeError, ValueError, IndexError) as exc:
        raise DraftError(f"the {whose}'s address {email!r} is not valid: {exc}") from None


def _message_id(draft_key: str, domain: str) -> str:
    if not _KEY_RE.match(draft_key):
        raise ValueError(f"draft key {draft_key!r} must be printable ASCII without spaces")
    return f"<{draft_message_id_local(draft_key)}@{domain}>"


def draft_message_id_local(draft_key: str) -> str:
    """The part before '@' of the Message-ID a draft with this key gets (so its sent copy
    is recognised when the mail client dropped X-Followup-Id but kept the Message-ID)."""
    local = re.sub(r"[^A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]", ".", draft_key).strip(".")
    return f"followup.{local}"


def _thread_id(value: str | None) -> str | None:
    """A Message-ID fit for In-Reply-To: one `<...>` of printable ASCII, else None (it came
    from mail, so it is checked like every other header value)."""
    if value and _THREAD_ID_RE.match(value):
        return value
    return None


def _transfer_encoding(body: str) -> str:
    # 7bit when it is: readable in any client's source view; quoted-printable keeps UTF-8
    # and long lines safe through servers that are not 8-bit clean.
    if body.isascii() and all(len(line) <= 998 for line in body.split("\n")):
        return "7bit"
    return "quoted-printable"


def _unsafe(ch: str) -> bool:
    return unicodedata.category(ch) in _BLANKED | _DROPPED


def _clean_text(value: str | None) -> str | None:
    """One line of text safe for a header: no control, bidi or separator characters."""
    if value is None:
        return None
    kept = []
    for ch in value:
        category = unicodedata.category(ch)
        if category in _BLANKED:
            kept.append(" ")
        elif category not in _DROPPED:
            kept.append(ch)
    text = " ".join("".join(kept).split())[:_HEADER_LIMIT].strip()
    return text or None


def _clean_body(text: str) -> str:
    """Body text with LF line ends and no control characters but tabs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
