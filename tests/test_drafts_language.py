"""Drafts in the person's language and the safety of templates: language detection, the
per-language template chosen (sequence, else note, else the plain one), the words templates
get (met_when, at_place, place_needs_article), `check` rendering every template with
StrictUndefined, and a pass whose drafts failed saying so (`run --once` exits 5)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fakes import FakeMailbox, FixedClock

from followup.demo import write_demo
from followup.drafting import (
    DraftContext,
    TemplateRenderError,
    check_rendering,
    make_environment,
    render_draft,
    template_variants,
)
from followup.parsing import parse_message
from followup.parsing.language import detect_language
from followup.phrasing import at_place, describe_when, needs_article, place_kind
from followup.planning import FollowUpSequence, SequenceStep, parse_interval, parse_window
from followup.service import AccountSetup, Drafter, Ingestor, Policy
from followup.store import Store

NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


# -- the words -----------------------------------------------------------------------------
@pytest.mark.parametrize(("days", "want"), [
    (1, ("yesterday", "gestern", "hier", "ayer")),
    (2, ("on Monday", "am Montag", "lundi", "el lunes")),
    (5, ("last Friday", "letzten Freitag", "vendredi dernier", "el viernes pasado")),
    (9, ("last week", "letzte Woche", "la semaine dernière", "la semana pasada")),
    (60, ("in January", "im Januar", "en janvier", "en enero")),
])
def test_met_when_in_each_language(days: int, want: tuple[str, ...]) -> None:
    met = TODAY - dt.timedelta(days=days)
    assert tuple(describe_when(met, TODAY, lang) for lang in ("en", "de", "fr", "es")) == want
    assert describe_when(met, TODAY, "it") == want[0]  # no Italian words: English


@pytest.mark.parametrize(("place", "article", "kind", "en", "de", "fr", "es"), [
    ("Rust meetup", True, "event", "at the Rust meetup", "beim Rust meetup",
     "au Rust meetup", "en el Rust meetup"),
    ("PyCon", False, "place", "at PyCon", "bei PyCon", "à PyCon", "en PyCon"),
    ("Web Summit", False, "event", "at Web Summit", "beim Web Summit", "au Web Summit",
     "en el Web Summit"),
    ("fintech breakfast", True, "event", "at the fintech breakfast",
     "beim fintech breakfast", "au fintech breakfast", "en el fintech breakfast"),
    ("the launch party", False, "event", "at the launch party", "bei der launch party",
     "au launch party", "en el launch party"),
    ("lunch", False, "event", "at lunch", "beim lunch", "au lunch", "en el lunch"),
    ("Hannover Messe", False, "event", "at Hannover Messe", "bei der Hannover Messe",
     "au Hannover Messe", "en el Hannover Messe"),
    ("conférence Devoxx", True, "event", "at the conférence Devoxx", "beim conférence Devoxx",
     "à la conférence Devoxx", "en el conférence Devoxx"),
    ("feria de Sevilla", True, "event", "at the feria de Sevilla", "beim feria de Sevilla",
     "au feria de Sevilla", "en la feria de Sevilla"),
    ("atelier Python", True, "event", "at the atelier Python", "beim atelier Python",
     "à l'atelier Python", "en el atelier Python"),
])
def test_places_get_the_article_they_need(place: str, article: bool, kind: str, en: str,
                                          de: str, fr: str, es: str) -> None:
    assert needs_article(place) is article
    assert place_kind(place) == kind
    assert [at_place(place, lang) for lang in ("en", "de", "fr", "es")] == [en, de, fr, es]


@pytest.mark.parametrize(("text", "want"), [
    ("Hallo Frau Lang, vielen Dank für das nette Gespräch auf der Messe. Beste Grüße", "de"),
    ("heute auf der Messe mit Petra Lang gesprochen, in 2 Wochen nachfassen", "de"),
    ("Bonjour, merci pour cet échange au salon. Je vous envoie la présentation.", "fr"),
    ("rencontré Sophie au salon, relancer mardi", "fr"),
    ("Hola, gracias por la reunión de ayer en el congreso. Un saludo cordial", "es"),
    ("conocí a Ana en la feria, seguimiento en 2 semanas", "es"),
    ("met Jane Doe at PyCon, follow up in 2 weeks about the pilot", "en"),
    ("Jane Doe, VP Eng, Acme, jane@acme.example", None),  # nothing to tell by
    ("", None),
])
def test_detect_language(text: str, want: str | None) -> None:
    assert detect_language(text) == want


def test_the_forwarded_mail_decides_before_the_note() -> None:
    raw = ("From: Sam <sam@owner.example>\r\nTo: n@owner.example\r\nSubject: Fwd: Salon\r\n"
           "Date: Wed, 04 Mar 2026 10:00:00 +0000\r\n\r\n"
           "met her at the fair yesterday, follow up next week\r\n\r\n"
           "---------- Forwarded message ---------\r\n"
           "From: Sophie Martin <sophie@martin.example>\r\n"
           "Date: Tue, 3 Mar 2026 at 18:02\r\nSubject: Salon\r\nTo: Sam <sam@owner.example>\r\n"
           "\r\nBonjour Sam,\r\n\r\nMerci pour notre échange au salon, je vous envoie "
           "la présentation dont nous avons parlé. Bonne journée !\r\n\r\nSophie Martin\r\n")
    assert parse_message(raw.encode()).language == "fr"


# -- choosing the template -------------------------------------------------------------------
def _ctx(language: str | None, **kw: object) -> DraftContext:
    values: dict[str, object] = {
        "full_name": "Jane Doe", "emails": ("jane@acme.example",), "company": "Acme",
        "met_at": "Rust meetup", "met_on": TODAY - dt.timedelta(days=1),
        "owner_name": "Sam Owner", "owner_address": "sam@owner.example", "language": language}
    values.update(kw)
    return DraftContext(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(("language", "subject", "line"), [
    (None, "Great meeting you at the Rust meetup",
     "It was great to meet you at the Rust meetup yesterday."),
    ("de", "Schön, Sie beim Rust meetup kennengelernt zu haben",
     "es war schön, Sie gestern beim Rust meetup kennenzulernen."),
    ("fr", "Suite à notre rencontre au Rust meetup",
     "Ce fut un plaisir d'échanger avec vous au Rust meetup hier."),
    ("es", "Un placer coincidir en el Rust meetup",
     "Fue un placer conversar con usted en el Rust meetup ayer."),
    ("it", "Great meeting you at the Rust meetup",  # no Italian template: the plain one
     "It was great to meet you at the Rust meetup yesterday."),
])
def test_default_templates_in_each_language(language: str | None, subject: str,
                                            line: str) -> None:
    draft = render_draft(make_environment(), "nice-to-meet-you", _ctx(language), now=NOW,
                         draft_key="k.1@followup")
    assert draft.subject == subject
    assert line in draft.body


def test_every_shipped_template_renders_in_every_language() -> None:
    env = make_environment()
    names = ["nice-to-meet-you", "check-in", "follow-up"]
    variants = template_variants(env, names)
    assert {lang for _n, lang in variants} == {None, "de", "fr", "es"}
    assert len(variants) == 12
    assert check_rendering(env, names, NOW) == []
    for name, lang in variants:  # no greeting with a dangling space when the name is unknown
        draft = render_draft(env, name, _ctx(lang, full_name=None, met_at=None, met_on=None,
                                             company=None), now=NOW, draft_key="k.2@followup")
        assert " ," not in draft.body and " :" not in draft.body.split("\n")[0]


def test_a_users_translation_wins_and_falls_back_per_name(tmp_path: Path) -> None:
    (tmp_path / "check-in.de.txt.j2").write_text("Subject: Servus {{ name }}\n\nNa?\n",
                                                 encoding="utf-8")
    env = make_environment([tmp_path])
    assert render_draft(env, "check-in", _ctx("de"), now=NOW,
                        draft_key="k.3@followup").subject == "Servus Jane"
    assert render_draft(env, "nice-to-meet-you", _ctx("de"), now=NOW,
                        draft_key="k.4@followup").subject.startswith("Schön, Sie")


# -- template safety -------------------------------------------------------------------------
def test_check_finds_a_misspelt_variable_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "check-in.fr.txt.j2").write_text(
        "Subject: Bonjour\n\nBonjour,\n{% if company %}\n{{ frist_name }}\n{% endif %}\n",
        encoding="utf-8")
    env = make_environment([tmp_path])
    problems = check_rendering(env, ["nice-to-meet-you", "check-in"], NOW)
    assert len(problems) == 1
    assert "check-in.fr" in problems[0] and "check-in.fr.txt.j2:5" in problems[0]
    assert "frist_name" in problems[0]


def test_a_render_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "nice-to-meet-you.txt.j2").write_text(
        "Subject: hi\n\nHello\n\n{{ name.upper() }} {{ frist_name }}\n", encoding="utf-8")
    with pytest.raises(TemplateRenderError, match=r"nice-to-meet-you\.txt\.j2:5\).*frist_name"):
        render_draft(make_environment([tmp_path]), "nice-to-meet-you", _ctx(None), now=NOW,
                     draft_key="k.5@followup")


def test_sandbox_and_headers_stay_safe_in_a_translation() -> None:
    ctx = _ctx("de", full_name="Eve\r\nBcc: all@evil.example", met_at="{{ 7*7 }}\r\nX: y")
    draft = render_draft(make_environment(), "nice-to-meet-you", ctx, now=NOW,
                         draft_key="k.6@followup")
    msg = email.message_from_bytes(draft.raw, policy=email.policy.default)
    assert msg["Bcc"] is None and msg["X"] is None
    assert "{{ 7*7 }}" in draft.body and "49" not in draft.body


# -- the path of a French note, and a failed pass ----------------------------------------------
OWNER = "sam@owner.example"


def _world(tmp: Path, sequences: dict[str, FollowUpSequence] | None = None,
           templates: Path | None = None) -> tuple[Ingestor, Drafter, FakeMailbox, Store]:
    store = Store.open(f"sqlite:///{tmp / 'f.db'}")
    policy = Policy(sequence=(SequenceStep(parse_interval("0d"), "nice-to-meet-you"),),
                    window=parse_window("00:00-24:00"), timezone=ZoneInfo("UTC"),
                    sequences=sequences or {})
    account = AccountSetup(
        name="default", folder="INBOX", owner_addresses=(OWNER,), authserv_id=None,
        processed_folder="P", review_folder="R", ignored_folder=None, owner_name="Sam Owner",
        max_message_bytes=1_000_000)
    clock = FixedClock(NOW)
    env = make_environment([templates] if templates else [])
    return (Ingestor(store, clock, account, policy),
            Drafter(store, clock, policy, env, {"default": ("Sam Owner", OWNER)}),
            FakeMailbox(), store)


def _note(body: str) -> bytes:
    return (f"From: Sam Owner <{OWNER}>\r\nTo: n@owner.example\r\nSubject: note\r\n"
            f"Date: Wed, 04 Mar 2026 09:00:00 +0000\r\nMessage-ID: <{abs(hash(body))}@x>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()


def _subjects(mailbox: FakeMailbox) -> list[str]:
    return sorted(str(email.message_from_bytes(raw, policy=email.policy.default)["Subject"])
                  for raw in mailbox.messages("Drafts"))


def test_a_french_note_gets_a_french_draft_and_a_sequence_can_force_german(
        tmp_path: Path) -> None:
    german = FollowUpSequence("dach", (SequenceStep(parse_interval("0d"), "nice-to-meet-you"),),
                              language="de")
    ingestor, drafter, mailbox, store = _world(tmp_path, {"dach": german})
    mailbox.deliver(_note("rencontré Sophie Martin, sophie@martin.example, au salon hier"))
    mailbox.deliver(_note("met Petra Lang, petra@lang.example, at the Rust meetup "
                          "yesterday #seq dach"))
    ingestor.ingest(mailbox)
    report = drafter.draft_due({"default": mailbox})
    assert report.drafted == 2 and report.failed_drafts == []
    with store.unit() as u:
        assert sorted(n.language or "" for n in u.list_notes()) == ["en", "fr"]
    assert _subjects(mailbox) == ["Schön, Sie beim Rust meetup kennengelernt zu haben",
                                  "Suite à notre rencontre au salon"]


def test_a_broken_template_fails_the_pass_and_the_follow_up_waits(tmp_path: Path) -> None:
    broken = tmp_path / "tpl"
    broken.mkdir()
    (broken / "nice-to-meet-you.txt.j2").write_text("Subject: Hi\n\n{{ frist_name }}\n",
                                                    encoding="utf-8")
    ingestor, drafter, mailbox, _store = _world(tmp_path, templates=broken)
    mailbox.deliver(_note("met Jane Doe, jane@acme.example, at PyCon"))
    ingestor.ingest(mailbox)
    report = drafter.draft_due({"default": mailbox})
    assert report.drafted == 0 and len(report.failed_drafts) == 1
    assert "nice-to-meet-you.txt.j2:3" in report.failed_drafts[0]
    assert "FAILED" in report.drafts_summary()
    assert mailbox.messages("Drafts") == []
    (broken / "nice-to-meet-you.txt.j2").write_text("Subject: Hi\n\n{{ first_name }}\n",
                                                    encoding="utf-8")
    drafter.env = make_environment([broken])
    assert drafter.draft_due({"default": mailbox}).drafted == 1  # it waited, now it is drafted


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "followup", *args], capture_output=True,
                          text=True, timeout=120)


def test_check_and_run_once_report_a_broken_template(tmp_path: Path) -> None:
    config = write_demo(tmp_path)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "nice-to-meet-you.txt.j2").write_text(
        "Subject: Hi {{ name }}\n\nHello,\n{{ frist_name }}\n", encoding="utf-8")
    text = config.read_text(encoding="utf-8").replace(
        "weekdays_only = false", f'weekdays_only = false\ntemplates_dir = "{templates}"')
    config.write_text(text, encoding="utf-8")
    check = _cli("--config", str(config), "check")
    assert check.returncode == 2
    assert "nice-to-meet-you.txt.j2:4" in check.stderr and "frist_name" in check.stderr
    once = _cli("--config", str(config), "run", "--once")
    assert once.returncode == 5, once.stderr
    assert "draft(s) FAILED (they wait until fixed)" in once.stderr
    (templates / "nice-to-meet-you.txt.j2").write_text(
        "Subject: Hi {{ name }}\n\nHello,\n{{ first_name }}\n", encoding="utf-8")
    assert _cli("--config", str(config), "check").returncode == 0
    again = _cli("--config", str(config), "run", "--once")
    assert again.returncode == 0, again.stderr
    assert "FAILED" not in again.stderr and " 0 draft(s) written" not in again.stderr
