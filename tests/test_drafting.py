"""Drafting: headers and encodings, injection and sandbox attempts, templates and packaging."""

from __future__ import annotations

import datetime as dt
import email
import importlib.resources
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from email import policy
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from jinja2.exceptions import SecurityError, UndefinedError

from followup.drafting import (
    DraftContext,
    DraftError,
    DraftingError,
    RenderedDraft,
    TemplateFormatError,
    TemplateMissingError,
    TemplateRenderError,
    describe_when,
    first_name_of,
    make_environment,
    render_draft,
)

ROOT = Path(__file__).resolve().parents[1]
BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)  # Wednesday
KEY = "3f9a1c0d2b4e6f8a1b2c3d4e.0.1@followup"
DEFAULT_TEMPLATES = ("nice-to-meet-you", "check-in", "follow-up")


def context(**overrides: object) -> DraftContext:
    values: dict[str, object] = {
        "full_name": "Ada Lovelace",
        "emails": ("ada@example.org", "ada@work.example"),
        "company": "Analytical Engines Ltd",
        "title": "CTO",
        "met_at": "PyCon",
        "met_on": dt.date(2026, 11, 24),
        "note": "Talked about Bernoulli numbers.\nSend her the paper.",
        "tags": ("math",),
        "forwarded_subject": None,
        # the forwarded message's Message-ID: with it a draft may say "Re:" (see below)
        "thread_message_id": "<orig-1@acme.example>",
        "owner_name": "Sam Owner",
        "owner_address": "sam@owner.example",
        "step": 1,
        "due_on": dt.date(2026, 11, 25),
        "tz": BERLIN,
    }
    values.update(overrides)
    return DraftContext(**values)  # type: ignore[arg-type]


def render(template: str = "nice-to-meet-you", env_dirs: tuple[Path, ...] = (),
           **overrides: object) -> RenderedDraft:
    return render_draft(make_environment(env_dirs), template, context(**overrides),
                        now=NOW, draft_key=KEY)


def parse(raw: bytes) -> EmailMessage:
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def content(raw: bytes) -> str:
    """The decoded body as the owner's mail client shows it (line ends normalised)."""
    text = parse(raw).get_content()
    assert isinstance(text, str)
    return text.replace("\r\n", "\n")


def user_template(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / f"{name}.txt.j2").write_text(text, encoding="utf-8")
    return tmp_path


# --- the message ------------------------------------------------------------------------------


def test_headers_of_a_draft() -> None:
    draft = render()
    msg = parse(draft.raw)
    assert msg["From"] == "Sam Owner <sam@owner.example>"
    assert msg["To"] == "Ada Lovelace <ada@example.org>"
    assert msg["Subject"] == "Great meeting you at PyCon" == draft.subject
    assert msg["Date"].datetime == NOW
    assert msg["Date"] == "Wed, 25 Nov 2026 10:30:00 +0100"  # the owner's local time
    assert msg["Message-ID"] == "<followup.3f9a1c0d2b4e6f8a1b2c3d4e.0.1.followup@owner.example>"
    assert msg["X-Followup-Id"] == KEY
    assert msg["MIME-Version"] == "1.0"
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert msg["Content-Transfer-Encoding"] == "7bit"
    assert draft.to == "ada@example.org"
    assert "Bcc" not in msg and "Cc" not in msg


def test_raw_message_uses_crlf_only_and_ascii_only() -> None:
    raw = render(full_name="Zoë Ångström", note="Café ☕ talk").raw
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b"\r" not in raw.replace(b"\r\n", b"")
    assert raw.isascii()  # quoted-printable body, RFC 2047 headers
    assert all(len(line) <= 78 for line in raw.split(b"\r\n"))


def test_rendering_is_deterministic() -> None:
    assert render().raw == render().raw


def test_body_greets_by_first_name_and_says_where_and_when() -> None:
    body = content(render(full_name="Dr. Ada King Lovelace").raw)
    assert body.startswith("Hi Ada,\n")
    assert "great to meet you at PyCon yesterday." in body
    assert "Analytical Engines Ltd" in body
    assert "[followup: add a sentence of your own here" in body


def test_note_block_is_clearly_marked() -> None:
    body = content(render().raw)
    start = body.index("[followup: your note - delete this block before sending]")
    end = body.index("[followup: end of your note]")
    block = body[start:end]
    assert "Talked about Bernoulli numbers.\nSend her the paper." in block
    assert "Tags: math" in block
    assert body.index("Best,") < start  # after the signature: one cut removes it


def test_non_ascii_names_and_subjects_round_trip() -> None:
    draft = render(full_name="Zoë Ångström-Łukasiewicz", owner_name="Søren Kierkegård",
                   forwarded_subject="Fwd: Schöne Grüße aus Köln — 日本語")
    raw_headers = draft.raw.split(b"\r\n\r\n")[0]
    assert b"=?utf-8?" in raw_headers
    msg = parse(draft.raw)
    assert msg["To"].addresses[0].display_name == "Zoë Ångström-Łukasiewicz"
    assert msg["To"].addresses[0].addr_spec == "ada@example.org"
    assert msg["From"].addresses[0].display_name == "Søren Kierkegård"
    assert msg["Subject"] == "Re: Schöne Grüße aus Köln — 日本語" == draft.subject
    assert content(draft.raw).startswith("Hi Zoë,\n")
    assert msg["Content-Transfer-Encoding"] == "quoted-printable"


def test_names_with_specials_are_quoted_not_split() -> None:
    msg = parse(render(full_name='O\'Brien, "Ada" <x@evil.example>').raw)
    (address,) = msg["To"].addresses
    assert address.addr_spec == "ada@example.org"
    assert "evil.example" not in str(address.addr_spec)


def test_long_subject_folds_and_decodes() -> None:
    long = "Über " + "sehr lange Betreffzeile " * 6
    msg = parse(render(forwarded_subject=long.strip()).raw)
    assert msg["Subject"] == "Re: " + " ".join(long.split())


def test_idn_domain_is_punycoded() -> None:
    draft = render(emails=("ada@bücher.example",))
    assert draft.to == "ada@xn--bcher-kva.example"
    assert parse(draft.raw)["To"].addresses[0].domain == "xn--bcher-kva.example"


# --- injection --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "evil",
    [
        "Ada\r\nBcc: victim@example.net",
        "Ada\nBcc: victim@example.net",
        "Ada\rBcc: victim@example.net",
        "Ada\x00\r\n\r\nInjected body",
        "Ada\u2028Bcc: victim@example.net",
        "Ada\x85Bcc: victim@example.net",
    ],
)
def test_line_breaks_in_name_and_subject_cannot_add_headers(evil: str) -> None:
    draft = render(full_name=evil, forwarded_subject=evil, owner_name=evil)
    msg = parse(draft.raw)
    assert "Bcc" not in msg
    assert "victim" not in str(msg.get("Cc", ""))
    headers = draft.raw.split(b"\r\n\r\n")[0].split(b"\r\n")
    assert not any(h.lower().startswith(b"bcc") for h in headers)
    assert b"\x00" not in draft.raw
    for name in ("To", "From", "Subject"):
        assert "\n" not in msg[name] and "\r" not in msg[name]
    assert msg["To"].addresses[0].addr_spec == "ada@example.org"


def test_bidi_overrides_and_zero_width_characters_are_stripped_from_headers() -> None:
    draft = render(full_name="Ada \u202egpj.exe\u202c Lovelace\u200b",
                   forwarded_subject="Invoice \u202efdp.exe")
    msg = parse(draft.raw)
    assert msg["To"].addresses[0].display_name == "Ada gpj.exe Lovelace"
    assert msg["Subject"] == "Re: Invoice fdp.exe"
    assert "\u202e" not in content(draft.raw).split("[followup: your note")[0]


ECHO = ("Subject: {{ subject }} | {{ full_name }}\n\n"
        "{{ name }}|{{ company }}|{{ title }}|{{ met_at }}|{{ note }}|{{ tags | join(',') }}\n")


@pytest.mark.parametrize(
    "field", ["note", "company", "full_name", "met_at", "forwarded_subject", "title"],
)
@pytest.mark.parametrize(
    "payload",
    ["{{ 7*7 }}", "{% for x in range(3) %}X{% endfor %}", "{# gone #}", "{{ ''.__class__ }}"],
)
def test_data_is_never_template_source(tmp_path: Path, field: str, payload: str) -> None:
    user_template(tmp_path, "echo", ECHO)
    draft = render("echo", env_dirs=(tmp_path,), **{field: f"Zed {payload}"})
    shown = draft.subject + "\n" + draft.body
    assert payload in shown
    assert "49" not in shown and "XXX" not in shown


def test_note_with_template_syntax_is_literal_in_the_default_draft() -> None:
    note = "{{ 7*7 }} {% for x in range(3) %}X{% endfor %} {% include 'check-in.txt.j2' %}"
    body = render(note=note, company="{{ 6*7 }} Inc", full_name="{{ 8*8 }} Smith").body
    assert note in body and "{{ 6*7 }} Inc" in body
    assert "49" not in body and "42" not in body and "64" not in body and "XXX" not in body
    assert "Checking in" not in body


def test_contact_without_email_gets_no_draft() -> None:
    with pytest.raises(DraftError, match="no email address"):
        render(emails=())


@pytest.mark.parametrize(
    "address", ["ada@example.org\r\nBcc: x@y.z", "not an address", "ada", "jürgen@example.de",
                "ada@exa mple.org", "ada@\u202eexample.org"],
)
def test_unusable_contact_address_is_refused(address: str) -> None:
    with pytest.raises(DraftError, match="address"):
        render(emails=(address,))


def test_owner_address_is_required() -> None:
    with pytest.raises(DraftError, match="owner"):
        render(owner_address="")


def test_draft_key_must_be_header_safe() -> None:
    with pytest.raises(ValueError, match="draft key"):
        render_draft(make_environment(), "check-in", context(), now=NOW, draft_key="a\r\nBcc: x")


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="tz-aware"):
        render_draft(make_environment(), "check-in", context(), now=dt.datetime(2026, 1, 1),
                     draft_key=KEY)


# --- the sandbox and user templates -----------------------------------------------------------


@pytest.mark.parametrize(
    "attack",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ note.__class__ }}",
        "{{ lipsum.__globals__['os'] }}",
    ],
)
def test_sandbox_stops_attribute_escapes_in_user_templates(tmp_path: Path, attack: str) -> None:
    user_template(tmp_path, "evil", f"Subject: hi\n\n{attack}\n")
    with pytest.raises(TemplateRenderError, match="'evil'") as info:
        render("evil", env_dirs=(tmp_path,))
    assert isinstance(info.value.__cause__, (SecurityError, UndefinedError))
    assert isinstance(info.value, DraftingError)


def test_user_folder_overrides_a_default_and_falls_back_for_others(tmp_path: Path) -> None:
    user_template(tmp_path, "check-in", "Subject: Mine, {{ name }}\n\nMy own words.\n")
    assert render("check-in", env_dirs=(tmp_path,)).subject == "Mine, Ada"
    assert render("check-in", env_dirs=(tmp_path,)).body == "My own words.\n"
    assert render("nice-to-meet-you", env_dirs=(tmp_path,)).subject == "Great meeting you at PyCon"


def test_user_template_can_include_the_default_note_block(tmp_path: Path) -> None:
    user_template(tmp_path, "short", 'Subject: Hi\n\nHello!\n{% include "note-block.txt.j2" %}')
    assert "[followup: your note - delete this block" in render("short", env_dirs=(tmp_path,)).body


def test_missing_template_names_the_folders_searched(tmp_path: Path) -> None:
    with pytest.raises(TemplateMissingError) as info:
        render("no-such-template", env_dirs=(tmp_path,))
    message = str(info.value)
    assert "no-such-template.txt.j2" in message
    assert str(tmp_path) in message
    assert str(importlib.resources.files("followup.templates")) in message


def test_missing_user_folder_is_reported_when_the_environment_is_built(tmp_path: Path) -> None:
    with pytest.raises(TemplateMissingError, match="templates_dir"):
        make_environment([tmp_path / "nope"])


@pytest.mark.parametrize("name", ["../etc/passwd", "/abs", "", "a b", "x\ny"])
def test_template_names_cannot_walk_out_of_the_folders(name: str) -> None:
    with pytest.raises(TemplateMissingError, match="template name"):
        render(name)


def test_misspelt_variable_is_an_error(tmp_path: Path) -> None:
    user_template(tmp_path, "typo", "Subject: hi\n\nHi {{ frist_name }}\n")
    with pytest.raises(TemplateRenderError, match="frist_name") as info:
        render("typo", env_dirs=(tmp_path,))
    assert str(tmp_path / "typo.txt.j2") in str(info.value)


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    user_template(tmp_path, "broken", "Subject: hi\n\n{% if name %}\nno end\n")
    with pytest.raises(TemplateRenderError, match=r"broken.txt.j2:4\)"):
        render("broken", env_dirs=(tmp_path,))


def test_include_of_a_missing_file_is_a_render_error(tmp_path: Path) -> None:
    user_template(tmp_path, "inc", 'Subject: hi\n\n{% include "gone.txt.j2" %}\n')
    with pytest.raises(TemplateRenderError, match=r"gone\.txt\.j2"):
        render("inc", env_dirs=(tmp_path,))


def test_template_without_subject_line_is_a_clear_error(tmp_path: Path) -> None:
    user_template(tmp_path, "nosubject", "Hi {{ name }}\n")
    with pytest.raises(TemplateFormatError, match="Subject"):
        render("nosubject", env_dirs=(tmp_path,))


def test_environment_is_plain_text() -> None:
    draft = render(full_name="Ada <b>O'Brien</b> & Co")
    assert "Hi Ada,\n" in draft.body
    assert "&amp;" not in draft.body and "&#39;" not in draft.body
    assert render(company="R&D <Labs>").body.count("R&D <Labs>") == 1


# --- missing values ---------------------------------------------------------------------------


@pytest.mark.parametrize("template", DEFAULT_TEMPLATES)
def test_default_templates_handle_every_value_missing(template: str) -> None:
    draft = render_draft(
        make_environment(), template,
        DraftContext(full_name=None, emails=("x@example.org",), owner_address="me@example.com"),
        now=NOW, draft_key=KEY,
    )
    assert draft.body.startswith("Hi there,\n")
    assert "None" not in draft.body and "None" not in draft.subject
    assert "[followup: your note" not in draft.body  # no note, no block
    assert "  " not in draft.body and " ." not in draft.body
    assert draft.subject in ("Great meeting you", "Checking in", "Following up")


@pytest.mark.parametrize("template", DEFAULT_TEMPLATES)
@pytest.mark.parametrize(
    "missing", [{"met_at": None}, {"met_on": None}, {"company": None}, {"note": None, "tags": ()},
                {"met_at": None, "met_on": None}],
)
def test_default_templates_with_some_values_missing(template: str,
                                                    missing: dict[str, object]) -> None:
    draft = render(template, **missing)
    assert "None" not in draft.body and "None" not in draft.subject
    assert " ." not in draft.body and "  " not in draft.body
    assert draft.body.startswith("Hi Ada,\n")


def test_a_re_draft_carries_in_reply_to_and_references() -> None:
    msg = parse(render(forwarded_subject="Fwd: Slides from today").raw)
    assert msg["Subject"] == "Re: Slides from today"
    assert msg["In-Reply-To"] == "<orig-1@acme.example>"
    assert msg["References"] == "<orig-1@acme.example>"


@pytest.mark.parametrize("thread", [None, "", "not-an-id", "<a@b>\r\nBcc: x@evil.example",
                                    "<no-at-sign>", "<a b@c>"])
def test_a_draft_that_cannot_be_threaded_says_no_re(thread: str | None) -> None:
    draft = render(forwarded_subject="Fwd: Slides from today", thread_message_id=thread)
    msg = parse(draft.raw)
    assert draft.subject == "Great meeting you at PyCon" == msg["Subject"]
    assert msg["In-Reply-To"] is None and msg["References"] is None and msg["Bcc"] is None
    # a user's template that writes "Re:" by itself loses it too
    assert not render("follow-up", forwarded_subject="Slides",
                      thread_message_id=thread).subject.lower().startswith("re:")


def test_default_subjects_use_the_forwarded_subject() -> None:
    assert render(forwarded_subject="FW: Re: Slides from today").subject == "Re: Slides from today"
    # a check-in replies in the conversation too (after a sent follow-up: to that one)
    assert render("check-in", forwarded_subject="Slides").subject == "Re: Slides"
    assert render("check-in", forwarded_subject="Slides",
                  thread_message_id=None).subject == "Checking in after PyCon"
    assert render("follow-up", forwarded_subject="Fwd: Slides").subject == "Re: Slides"
    assert render("follow-up").subject == "Following up from PyCon"


def test_references_carry_the_parents_chain_checked_and_folded() -> None:
    chain = ("<a@x.example>", "<b@x.example>\r\nBcc: evil@x.example", "<c@x.example>",
             "<orig-1@acme.example>")
    msg = parse(render(thread_references=chain).raw)
    assert msg["In-Reply-To"] == "<orig-1@acme.example>"
    assert str(msg["References"]).split() == ["<a@x.example>", "<c@x.example>",
                                              "<orig-1@acme.example>"]
    assert msg["Bcc"] is None
    long = tuple(f"<{'r' * 60}{i}@x.example>" for i in range(30))
    raw = render(thread_references=long).raw
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    refs = str(parse(raw)["References"]).split()
    assert len(refs) == 21 and refs[-1] == "<orig-1@acme.example>"


def test_met_at_with_its_own_preposition_is_not_doubled() -> None:
    assert "meet you at the Berlin meetup" in render(met_at="at the Berlin meetup").body


# --- small helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("met_on", "expected"),
    [
        (dt.date(2026, 11, 25), "today"),
        (dt.date(2026, 11, 24), "yesterday"),
        (dt.date(2026, 11, 23), "on Monday"),  # same week as Wednesday the 25th
        (dt.date(2026, 11, 20), "last Friday"),
        (dt.date(2026, 11, 16), "last week"),
        (dt.date(2026, 11, 5), "a couple of weeks ago"),
        (dt.date(2026, 9, 14), "in September"),
        (dt.date(2025, 12, 31), "in December 2025"),
        (dt.date(2026, 12, 2), "on 2 December"),
        (None, None),
    ],
)
def test_describe_when(met_on: dt.date | None, expected: str | None) -> None:
    assert describe_when(met_on, dt.date(2026, 11, 25)) == expected


def test_met_when_uses_the_owner_local_day() -> None:
    # 23:30 UTC on the 24th is already the 25th in Auckland: the 24th reads as "yesterday".
    late = dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.UTC)
    ctx = context(tz=ZoneInfo("Pacific/Auckland"), met_on=dt.date(2026, 11, 24))
    body = render_draft(make_environment(), "nice-to-meet-you", ctx, now=late, draft_key=KEY).body
    assert "at PyCon yesterday." in body


@pytest.mark.parametrize(
    ("full", "first"),
    [("Ada Lovelace", "Ada"), ("Dr. Ada King", "Ada"), ("Lovelace, Ada", "Ada"),
     ("Zoë", "Zoë"), (None, None), ("", None), ("  ", None)],
)
def test_first_name(full: str | None, first: str | None) -> None:
    assert first_name_of(full) == first


# --- packaging --------------------------------------------------------------------------------


def test_default_templates_are_found_through_importlib_resources() -> None:
    root = importlib.resources.files("followup.templates")
    assert root == ROOT / "templates"  # the editable install maps the top-level folder
    names = {p.name for p in root.iterdir()}
    assert {f"{n}.txt.j2" for n in DEFAULT_TEMPLATES} <= names
    assert "note-block.txt.j2" in names


def test_every_folder_of_the_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(p.relative_to(ROOT).parts)
        for p in [ROOT / "followup", *(ROOT / "followup").rglob("*")]
        if p.is_dir() and p.name != "__pycache__"
    }
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert config["tool"]["setuptools"]["package-dir"]["followup.templates"] == "templates"


@pytest.mark.slow  # about 4 s alone, over 10 s on a busy machine: pip builds in an isolated env
def test_wheel_contains_the_default_templates(tmp_path: Path) -> None:
    # Built from a copy so the build never writes into the working tree others are using.
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "pyproject.toml", src)
    for folder in ("followup", "templates"):
        shutil.copytree(ROOT / folder, src / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
         str(src)],
        capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("followup-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (*DEFAULT_TEMPLATES, "note-block"):
        assert f"followup/templates/{template}.txt.j2" in names
    assert "followup/templates/__init__.py" in names
    assert "followup/drafting.py" in names
    assert not any(n.startswith("templates/") for n in names)  # no stray top-level package
    # Installed from the wheel (a pure wheel unpacked is an install), the defaults render.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import datetime as dt, followup.drafting as d\n"
        "env = d.make_environment()\n"
        "ctx = d.DraftContext(full_name='Ada', emails=('a@b.example',),"
        " owner_address='o@b.example')\n"
        "r = d.render_draft(env, 'check-in', ctx, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),"
        " draft_key='k')\n"
        "print(d.default_templates_dir(), r.subject, sep='|')\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=60, cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert run.returncode == 0, run.stderr[-2000:]
    folder, subject = run.stdout.strip().split("|")
    assert Path(folder) == site / "followup" / "templates"
    assert subject == "Checking in"
    assert time.monotonic() - started < 120


_ROUND_TRIP = [
    "Ada Lovelace",
    'Ada "the Countess" Lovelace \\ of Ockham',
    "O'Brien, Ada (Acme) <ceo@evil.example>; Bcc: x@evil.example",
    "=?utf-8?q?Bcc=3A_x=40evil=2Eexample?=",
    "Zoë Ångström-Łukasiewicz 日本語 ☕",
    "Ada " + "Longname" * 30,
    "Ádá " + "Ünïcode name " * 20,
    "\u202eAda\u200b  \t Lovelace",
]


@pytest.mark.parametrize("value", _ROUND_TRIP)
def test_every_header_value_reads_back_as_written_and_adds_no_header(value: str) -> None:
    """Names and subjects of every shape (specials, quotes, backslashes, look-alike encoded
    words, non-ASCII, longer than a line) read back, after a standard parser, as the
    cleaned value: one To, one From, one Subject, and no line longer than RFC 5322 allows."""
    draft = render(full_name=value, owner_name=value, forwarded_subject=value,
                   thread_message_id="<orig@example.org>")
    msg = parse(draft.raw)
    head = draft.raw.split(b"\r\n\r\n")[0]
    names = [line.split(b":")[0].lower() for line in head.split(b"\r\n")
             if not line[:1].isspace()]
    assert sorted(names) == sorted(
        {b"from", b"to", b"subject", b"date", b"message-id", b"in-reply-to", b"references",
         b"x-followup-id", b"content-type", b"content-transfer-encoding", b"mime-version"})
    assert all(len(line) <= 998 for line in draft.raw.split(b"\r\n"))
    assert head.isascii()
    cleaned = " ".join(value.replace("\u202e", "").replace("\u200b", "").split())[:200].strip()
    (to,) = msg["To"].addresses
    assert to.addr_spec == "ada@example.org"
    # a long name is several encoded words; RFC 2047 drops the white space between them,
    # CPython's address parser keeps it ("na me"): compare without white space
    for name in (to.display_name, msg["From"].addresses[0].display_name):
        assert name.split() == cleaned.split() or "".join(name.split()) == "".join(
            cleaned.split())
    # the subject line is cut to 200 characters as a whole, "Re: " included
    assert msg["Subject"] == draft.subject == ("Re: " + cleaned)[:200].strip()
