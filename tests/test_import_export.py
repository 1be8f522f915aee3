"""`followup export` / `followup import` through the real entry point: the round trip of
the sample contacts into an empty database, and real clients' vCard exports."""

from __future__ import annotations

import contextlib
import io
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from followup.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "vcards"
# What a round trip must keep of each contact: everything but the new database's own keys.
KEPT = ("full_name", "emails", "phones", "company", "title", "website", "linkedin",
        "address", "met_at", "met_on")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The entry point (`followup.cli.main`) in this process: no interpreter start per
    command (one subprocess test below checks the installed command too)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def empty_config(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "Maildir").mkdir(exist_ok=True)
    config = directory / "config.toml"
    config.write_text(f'[maildir]\npath = "{directory / "Maildir"}"\n\n'
                      '[owner]\naddresses = ["sam@owner.example"]\ntimezone = "UTC"\n\n'
                      f'[database]\nurl = "sqlite:///{directory / "db" / "f.db"}"\n',
                      encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("demo")
    assert run("demo", "--dir", str(directory)).returncode == 0
    config = directory / "config.toml"
    # a person the owner added by hand, with every field and awkward characters
    card = FIXTURES / "clients" / "vcard40_full.vcf"
    assert run("--config", str(config), "import", str(card)).returncode == 0
    return config


def contacts(config: Path) -> list[dict[str, object]]:
    people = json.loads(run("--config", str(config), "contacts", "list", "--json").stdout)
    return sorted(({k: p[k] for k in KEPT} for p in people), key=json.dumps)


def notes_of(config: Path) -> dict[str, list[str]]:
    exported = json.loads(run("--config", str(config), "export", "--format", "json").stdout)
    return {",".join(p["emails"]) or str(p["full_name"]): sorted(n["text"] for n in p["notes"])
            for p in exported}


def listed(config: Path, *command: str, drop: tuple[str, ...] = ("id",)
           ) -> list[dict[str, object]]:
    """A `... list --json` of the config's database, each row without its database ids,
    in a stable order."""
    rows = json.loads(run("--config", str(config), *command, "--json").stdout)
    return sorted(({k: v for k, v in r.items() if k not in drop} for r in rows),
                  key=lambda r: json.dumps(r, sort_keys=True))


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample notes ingested, and a person with only a phone (a reminder, no draft);
    then one follow-up sent, one snoozed, one cancelled, one title set by hand."""
    import datetime as dt

    from followup.bootstrap import open_store
    from followup.config import load_config
    from followup.model import FollowUpStatus

    directory = tmp_path_factory.mktemp("history")
    assert run("demo", "--dir", str(directory)).returncode == 0
    config = directory / "config.toml"
    (directory / "Maildir" / "new" / "karl.eml").write_bytes(
        b"From: Sam Owner <sam@owner.example>\r\nTo: notes@owner.example\r\n"
        b"Subject: karl\r\nMessage-ID: <karl@owner.example>\r\n\r\n"
        b"met Karl Brandt at the Hannover fair, mobile +49 170 1234567, call him\r\n")
    assert run("--config", str(config), "run", "--once").returncode == 0
    drafted = [f for f in json.loads(run("--config", str(config), "followups", "list",
                                         "--json").stdout) if f["status"] == "drafted"]
    sent, snoozed, cancelled = drafted[0], drafted[1], drafted[2]
    store = open_store(load_config(str(config)))
    try:
        with store.unit() as u:  # what tracking records when the draft shows up in Sent
            at = dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.UTC)
            u.change_followup(sent["id"], status=FollowUpStatus.SENT, reason="you sent it",
                              closed_at=at, sent_at=at, thread_message_id="<t1@owner.example>")
            u.touch_contact(sent["contact_id"], at)
            u.correct_contact(snoozed["contact_id"], {"title": "Chief Robot Officer"}, now=at)
    finally:
        store.close()
    for args in (("snooze", str(snoozed["id"]), "1w"), ("cancel", str(cancelled["id"]))):
        done = run("--config", str(config), "followups", *args)
        assert done.returncode == 0, done.stderr
    statuses = {f["status"] for f in listed(config, "followups", "list", "--all")}
    assert {"sent", "planned", "drafted", "cancelled"} <= statuses
    assert {"reminder"} < {f["channel"] for f in listed(config, "followups", "list")}
    assert any(p["emails"] == [] for p in listed(config, "contacts", "list"))
    assert any(p["edited_fields"] == ["title"] and p["last_contact_at"] is None
               for p in listed(config, "contacts", "list"))
    return config


KEYS = ("id", "contact_id", "note_id")


@pytest.mark.parametrize("fmt", ["json", "vcard"])
def test_round_trip_restores_follow_ups_and_notes(history: Path, tmp_path: Path,
                                                   fmt: str) -> None:
    out = tmp_path / f"book.{fmt}"
    assert run("--config", str(history), "export", "--format", fmt, "-o", str(out)
               ).returncode == 0
    fresh = empty_config(tmp_path / "fresh")
    done = run("--config", str(fresh), "import", str(out))
    assert done.returncode == 0 and done.stdout.startswith("5 added, 0 merged, 0 skipped"), \
        done.stdout
    assert listed(fresh, "contacts", "list") == listed(history, "contacts", "list")
    # notes about someone come back as recorded (stranger's ignored mail is about nobody)
    processed = ("notes", "list", "--status", "processed")
    assert listed(fresh, *processed) == listed(history, *processed)
    assert listed(fresh, *processed)  # (the comparison compared something)
    # JSON carries every follow-up; a vCard the open ones (the plan ahead)
    which = ("--all",) if fmt == "json" else ()
    before = listed(history, "followups", "list", *which, drop=KEYS)
    assert listed(fresh, "followups", "list", *which, drop=KEYS) == before
    statuses = {f["status"] for f in before}
    assert statuses == ({"sent", "planned", "drafted", "cancelled"} if fmt == "json"
                        else {"planned", "drafted"})
    # the drafts keep their X-Followup-Id: tracking finds them in Drafts and Sent
    assert {f["draft_key"] for f in before} <= {
        f["draft_key"] for f in listed(fresh, "followups", "list", "--all")}
    restored = [listed(fresh, *c) for c in (("contacts", "list"), ("notes", "list"),
                                             ("followups", "list", "--all"))]
    again = run("--config", str(fresh), "import", str(out))
    assert again.stdout.startswith("0 added, 0 merged, 5 skipped"), again.stdout
    assert [listed(fresh, *c) for c in (("contacts", "list"), ("notes", "list"),
                                        ("followups", "list", "--all"))] == restored


def test_a_phone_s_vcard_plans_nothing(tmp_path: Path) -> None:
    config = empty_config(tmp_path)
    done = run("--config", str(config), "import", str(FIXTURES / "clients" / "gmail-list.vcf"))
    assert done.stdout.startswith("3 added"), done.stdout
    assert listed(config, "followups", "list", "--all") == []


@pytest.mark.parametrize("fmt", ["vcard", "csv", "json"])
def test_round_trip_into_an_empty_database_loses_nothing(demo: Path, tmp_path: Path,
                                                          fmt: str) -> None:
    out = tmp_path / f"book.{fmt}"
    done = run("--config", str(demo), "export", "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    fresh = empty_config(tmp_path / "fresh")
    done = run("--config", str(fresh), "import", str(out))
    assert done.returncode == 0, done.stderr
    before = contacts(demo)
    assert done.stdout.startswith(f"{len(before)} added, 0 merged, 0 skipped")
    assert contacts(fresh) == before
    assert notes_of(fresh) == notes_of(demo)
    # importing the same file again changes nothing
    again = run("--config", str(fresh), "import", str(out))
    assert again.stdout.startswith(f"0 added, 0 merged, {len(before)} skipped"), again.stdout
    assert contacts(fresh) == before


def test_export_json_is_contacts_list_plus_followups(demo: Path) -> None:
    listed = json.loads(run("--config", str(demo), "contacts", "list", "--json").stdout)
    exported = json.loads(run("--config", str(demo), "export", "--format", "json").stdout)
    assert [{k: v for k, v in e.items() if k not in ("followups", "notes")}
            for e in exported] == listed
    jane = next(e for e in exported if "jane@acme.example" in e["emails"])
    assert jane["followups"] and jane["followups"][0]["status"] in ("planned", "drafted")


def test_vcard_export_is_version_4_with_the_meeting_in_note(demo: Path) -> None:
    text = run("--config", str(demo), "export").stdout
    import vobject

    cards = list(vobject.readComponents(text))
    assert cards and all(c.version.value == "4.0" for c in cards)
    jane = next(c for c in cards if c.fn.value == "Jane Doe")
    assert jane.note.value.startswith("Met at PyCon on 2026-05-14.")


def test_csv_header_is_one_outlook_and_google_import(demo: Path) -> None:
    text = run("--config", str(demo), "export", "--format", "csv").stdout
    header = text.splitlines()[0].split(",")
    for column in ("First Name", "Last Name", "E-mail Address", "Mobile Phone", "Company",
                   "Job Title", "Notes"):
        assert column in header


@pytest.mark.parametrize("name, expect", [
    ("gmail-list.vcf", {"asmithk@gmail.com": "Arnold Smith", "chrisy55d@yahoo.com":
                        "Chris Beatle", "dwhite@gmail.com": "Doug White"}),
    ("John_Doe_GMAIL.1.vcf", {"john.doe@ibm.com": "John Richter, James Doe"}),
    ("John_Doe_EVOLUTION.1.vcf", {"john.doe@ibm.com": "John Richter, James Doe"}),
    ("vcard40_full.vcf", {"john.public@example.com": "John Q. Public, III"}),
])
def test_real_client_vcards(tmp_path: Path, name: str, expect: dict[str, str]) -> None:
    config = empty_config(tmp_path)
    done = run("--config", str(config), "import", str(FIXTURES / "clients" / name))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{len(expect)} added, 0 merged, 0 skipped"), done.stdout
    people = json.loads(run("--config", str(config), "contacts", "list", "--json").stdout)
    got = {p["emails"][0]: p["full_name"] for p in people}
    assert set(got) == set(expect)
    for email, full_name in expect.items():
        assert full_name in (got[email] or ""), got
    if name != "gmail-list.vcf":
        person = people[0]
        assert person["phones"] and all(p.startswith("+") for p in person["phones"])
        assert person["company"] and person["title"]
        assert any(notes_of(config).values())  # the card's NOTE is kept


def test_android_and_ios_exports_merge_by_email(tmp_path: Path) -> None:
    config = empty_config(tmp_path)
    for name in ("android_21_qp.vcf", "ios_30.vcf", "two_cards.vcf"):
        done = run("--config", str(config), "import", str(FIXTURES / name))
        assert done.returncode == 0, done.stderr
    # the Evolution and Gmail exports of one person: the second merges into the first
    run("--config", str(config), "import", str(FIXTURES / "clients" / "John_Doe_GMAIL.1.vcf"))
    merged = run("--config", str(config), "import",
                 str(FIXTURES / "clients" / "John_Doe_EVOLUTION.1.vcf"))
    assert merged.stdout.startswith("0 added, 1 merged, 0 skipped"), merged.stdout
    people = json.loads(run("--config", str(config), "contacts", "list", "--json").stdout)
    john = [p for p in people if "john.doe@ibm.com" in p["emails"]]
    assert len(john) == 1 and len(john[0]["phones"]) >= 2


def test_outlook_and_google_csv(tmp_path: Path) -> None:
    config = empty_config(tmp_path)
    outlook = tmp_path / "outlook.csv"
    outlook.write_bytes(
        "First Name,Middle Name,Last Name,Company,Job Title,E-mail Address,Mobile Phone,"
        "Notes\r\nJürgen,,Müller,Acme GmbH,CTO,jm@acme.example,+49 89 1234567,Met at Hannover"
        "\r\n,,,,,,,\r\n".encode("cp1252"))
    google = tmp_path / "google.csv"
    google.write_text(
        "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,"
        "Phone 1 - Value,Organization 1 - Name\nJürgen Müller,Jürgen,Müller,* Work,"
        "jm@acme.example ::: juergen@home.example,Mobile,+49 170 1234567,Acme GmbH\n",
        encoding="utf-8")
    first = run("--config", str(config), "import", str(outlook))
    assert first.stdout.startswith("1 added, 0 merged, 1 skipped"), first.stdout
    assert "row 3" in first.stdout
    second = run("--config", str(config), "import", str(google))
    assert second.stdout.startswith("0 added, 1 merged, 0 skipped"), second.stdout
    [person] = json.loads(run("--config", str(config), "contacts", "list", "--json").stdout)
    assert person["full_name"] == "Jürgen Müller"
    assert person["emails"] == ["jm@acme.example", "juergen@home.example"]
    assert person["phones"] == ["+49891234567", "+491701234567"]
    assert person["title"] == "CTO"


def test_unreadable_file_and_database_is_private(tmp_path: Path) -> None:
    config = empty_config(tmp_path)
    done = run("--config", str(config), "import", str(tmp_path / "missing.vcf"))
    assert done.returncode != 0 and "cannot read" in done.stderr
    junk = tmp_path / "junk.vcf"
    junk.write_text("BEGIN:VCARD\nVERSION:3.0\nNOTE:nothing else\nEND:VCARD\n")
    done = run("--config", str(config), "import", str(junk))
    assert done.returncode == 0 and done.stdout.startswith("0 added, 0 merged, 1 skipped")
    db = tmp_path / "db" / "f.db"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700


def test_import_from_standard_input_through_the_installed_command(tmp_path: Path) -> None:
    config = empty_config(tmp_path)
    card = (FIXTURES / "clients" / "gmail-list.vcf").read_bytes()
    done = subprocess.run([sys.executable, "-m", "followup", "--config", str(config),
                           "import", "-"], input=card, capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith(b"3 added, 0 merged, 0 skipped")


def test_a_damaged_export_skips_the_card_and_says_why(history: Path, tmp_path: Path) -> None:
    exported = json.loads(run("--config", str(history), "export", "--format", "json").stdout)
    exported[0]["notes"][0]["received_at"] = "yesterday"  # edited by hand
    exported[1]["followups"][0]["status"] = "maybe"
    exported[2]["notes"][0]["uid"] = "x" * 201
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(exported))
    fresh = empty_config(tmp_path / "fresh")
    done = run("--config", str(fresh), "import", str(broken))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2 added, 0 merged, 3 skipped"), done.stdout
    assert "entry 1: Invalid isoformat string: 'yesterday'" in done.stdout
    assert "entry 2: 'maybe' is not a valid FollowUpStatus" in done.stdout
    assert "entry 3: uid longer than 200 characters" in done.stdout
    vcard = run("--config", str(history), "export").stdout.replace("STATUS=planned",
                                                                    "STATUS=later", 1)
    (tmp_path / "broken.vcf").write_text(vcard)
    done = run("--config", str(fresh), "import", str(tmp_path / "broken.vcf"))
    assert done.returncode == 0 and "'later' is not a valid FollowUpStatus" in done.stdout
