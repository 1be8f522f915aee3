"""Card-photo bench: generated cards through the whole parse path, fields right and CPU s/card.

Run: .venv/bin/python -m bench.cards [--part dev|unseen] [--n 40] [--out DIR]

Each card is scored twice: as the clean rendered PNG and as a photographed-like JPEG (on a
background, turned, in perspective, lit unevenly, blurred, noisy; some a quarter or half turn).
A message From the owner carries the image(s); `parse_message` reads it with the real OCR
reader (followup.cardimage), as the daemon does. Fields: full_name, title, company, email,
phone, website (address, printed on some cards, is counted apart). Scenarios: front and back
as two images (one contact expected) and two or three cards in one photo (one contact each).
Seconds are CPU seconds of this process and its tesseract children (one thread): what one
core spends on a card. The dev parts (seed 1, and seed 5 `dev4`) are for working on; the
unseen parts (seed 2, first round; seed 3, 60 cards with the second round's dark cards and
tables; seeds 4, 6 and 8, 60 cards with the third round's scenarios, `unseen4`, `unseen6`
and `unseen8`) are scored once at the end. Results go to bench/cards-results.json under --label.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import resource
import statistics
import sys
import time
import unicodedata
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from bench import cards_gen as gen

FIELDS = ("full_name", "title", "company", "email", "phone", "website")
SEEDS = {"dev": 1, "unseen": 2, "unseen3": 3, "dev4": 5, "unseen4": 4, "unseen6": 6,
         "unseen8": 8, "dev10": 10, "dev11": 11, "unseen9": 9, "unseen10": 12,
         "unseen11": 13, "dev13": 14, "dev14": 15, "unseen12": 16, "dev15": 17, "dev16": 18,
         "unseen13": 19, "dev17": 20, "dev18": 21}
# parts drawn with the second round's dark and low-contrast cards and tables (cards_gen
# `hard`); "unseen" stays as the first round scored it, for comparison
HARD = {"dev": True, "unseen": False, "unseen3": True, "dev4": True, "unseen4": True,
        "unseen6": True, "unseen8": True, "dev10": True, "dev11": True, "unseen9": True,
        "unseen10": True, "unseen11": True, "dev13": True, "dev14": True, "unseen12": True,
        "dev15": True, "dev16": True, "unseen13": True, "dev17": True, "dev18": True}
SIZE = {"dev": 40, "unseen": 40, "unseen3": 60, "dev4": 40, "unseen4": 60, "unseen6": 60,
        "unseen8": 60, "dev10": 40, "dev11": 40, "unseen9": 60, "unseen10": 60,
        "unseen11": 60, "dev13": 40, "dev14": 40, "unseen12": 60, "dev15": 40, "dev16": 40,
        "unseen13": 60, "dev17": 40, "dev18": 40}
# the third round's scenarios (`_scenarios4`): two to four cards per photo, touching or
# turned differently, and front/back pairs also photographed; the older parts keep theirs
ROUND4 = {"dev4", "unseen4", "unseen6", "unseen8", "dev10", "dev11", "unseen9",
          "unseen10", "unseen11", "dev13", "dev14", "unseen12", "dev15", "dev16",
          "unseen13", "dev17", "dev18"}
KINDS = ("clean", "photo", "front-back", "multi")
RESULTS = Path(__file__).with_name("cards-results.json")


def _norm(value: str | None) -> str:
    text = unicodedata.normalize("NFC", value or "").casefold()
    return re.sub(r"\s+", " ", text).strip(" .,;")


def _site(value: str | None) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", (value or "").lower()).rstrip("/")


def _message(images: list[bytes]) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Sam Owner <sam@owner.example>"
    msg["To"] = "followup@owner.example"
    msg["Subject"] = "card"
    msg["Date"] = "Wed, 02 Dec 2026 09:00:00 +0000"
    msg["Message-ID"] = "<card@owner.example>"
    msg.set_content("Card from the fair.\n")
    for i, data in enumerate(images):
        sub = "png" if data[:4] == b"\x89PNG" else "jpeg"
        msg.add_attachment(data, maintype="image", subtype=sub, filename=f"card{i}.{sub}")
    return msg.as_bytes()


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def parse(images: list[bytes]) -> tuple[list[Any], float, float]:
    from followup.cardimage import read_card_image
    from followup.parsing.assemble import ParseOptions, parse_message

    cpu, wall = _cpu(), time.monotonic()
    note = parse_message(_message(images), ParseOptions(card_reader=read_card_image))
    return list(note.contacts), _cpu() - cpu, time.monotonic() - wall


def score_contact(card: gen.Card, got: Any) -> dict[str, bool]:
    if got is None:
        return {f: False for f in (*FIELDS, *(("address",) if card.address else ()))}
    right = {
        "full_name": _norm(got.full_name) == _norm(card.name),
        "title": _norm(got.title) == _norm(card.title),
        "company": _norm(got.company) == _norm(card.company),
        "email": card.email in got.emails,
        "phone": card.phone_e164 in got.phones,
        "website": _site(got.website) == _site(card.website_url),
    }
    if card.address:
        right["address"] = re.sub(r"\W", "", _norm(got.address)) == re.sub(
            r"\W", "", _norm(card.address))
    return right


def _match(card: gen.Card, contacts: list[Any]) -> Any:
    """The contact that is this card's person: by email, else by name, else the first."""
    for c in contacts:
        if card.email in c.emails:
            return c
    for c in contacts:
        if _norm(c.full_name) == _norm(card.name):
            return c
    return contacts[0] if contacts else None


def run_part(part: str, n: int, out: Path | None, verbose: bool,
             kinds: tuple[str, ...] = KINDS) -> dict[str, Any]:
    seed, hard = SEEDS[part], HARD[part]
    rows: list[dict[str, Any]] = []
    for i in range(n if {"clean", "photo"} & set(kinds) else 0):
        card = gen.make_card(seed, i, hard=hard)
        clean = gen.encode(gen.draw_card(card))
        rng = random.Random(f"photo-{card.key}")
        photo = gen.encode(gen.photograph(gen.draw_card(card), rng, table=card.table), rng,
                           "JPEG")
        for kind, data in (("clean", clean), ("photo", photo)):
            if kind not in kinds:
                continue
            if out:
                (out / f"{card.key}-{kind}.{'png' if kind == 'clean' else 'jpg'}").write_bytes(data)
            contacts, cpu, wall = parse([data])
            right = score_contact(card, _match(card, contacts))
            rows.append({"card": card.key, "kind": kind, "qr": card.qr, "lang": card.lang,
                         "layout": card.layout, "right": right, "cpu": cpu, "wall": wall,
                         "contacts": len(contacts), "dark": gen.is_dark(card),
                         "table": card.table})
            if verbose:
                _show(card, kind, contacts, right, cpu)
    if part in ROUND4:
        rows += _scenarios4(seed, n, out, verbose, kinds)
    else:
        rows += _scenarios(seed, n, out, verbose, hard, kinds)
    return {"rows": rows, "summary": summarise(rows)}


def _scenarios(seed: int, n: int, out: Path | None, verbose: bool,
               hard: bool, kinds: tuple[str, ...] = KINDS) -> list[dict[str, Any]]:
    rows = []
    for j in range(max(3, n // 8) if "front-back" in kinds else 0):
        card = gen.make_card(seed, 1000 + j, hard=hard)
        front, back = gen.draw_front_back(card)
        images = [gen.encode(front), gen.encode(back)]
        contacts, cpu, wall = parse(images)
        right = score_contact(card, _match(card, contacts))
        rows.append({"card": card.key, "kind": "front-back", "right": right, "cpu": cpu,
                     "wall": wall, "contacts": len(contacts), "want_contacts": 1})
        if verbose:
            _show(card, "front-back", contacts, right, cpu)
    for j in range(max(3, n // 8) if "multi" in kinds else 0):
        cards = [gen.make_card(seed, 2000 + 3 * j + k, hard=hard) for k in range(2 + j % 2)]
        for c in cards:
            c.portrait, c.qr = False, None
        table = None
        if hard and j % 2 == 0:  # one card of the photo dark, on a dark or busy table
            pick = random.Random(f"multi-dark-{seed}-{j}")
            gen.make_dark(cards[pick.randrange(len(cards))], pick)
            table = pick.choice([*gen.DARK_TABLES, "busy", "wood"])
        rng = random.Random(f"multi-{seed}-{j}")
        ims = [gen.draw_card(c) for c in cards]
        data = gen.encode(gen.photograph(ims[0], rng, others=ims[1:], table=table), rng, "JPEG")
        if out:
            (out / f"multi-{seed}-{j}.jpg").write_bytes(data)
        contacts, cpu, wall = parse([data])
        for c in cards:
            right = score_contact(c, _match(c, contacts))
            rows.append({"card": c.key, "kind": "multi", "right": right, "cpu": cpu / len(cards),
                         "wall": wall / len(cards), "contacts": len(contacts),
                         "want_contacts": len(cards), "dark": gen.is_dark(c), "table": table})
            if verbose:
                _show(c, "multi", contacts, right, cpu)
    return rows


def _scenarios4(seed: int, n: int, out: Path | None, verbose: bool,
                kinds: tuple[str, ...]) -> list[dict[str, Any]]:
    """Front/back pairs (n/4: every other one photographed, each side on its own) and
    several-card photos (n/5: two to four cards, apart, touching or one turned a quarter,
    every third with a dark card on a dark or busy table)."""
    rows = []
    for j in range(n // 4 if "front-back" in kinds else 0):
        card = gen.make_card(seed, 1000 + j, hard=True)
        card.qr = None
        sides = gen.draw_front_back(card)
        rng = random.Random(f"fb-{seed}-{j}")
        images = [gen.encode(gen.photograph(im, rng, table=card.table), rng, "JPEG")
                  if j % 2 else gen.encode(im) for im in sides]
        if out:
            for k, data in enumerate(images):
                (out / f"fb-{seed}-{j}-{k}.{'jpg' if j % 2 else 'png'}").write_bytes(data)
        contacts, cpu, wall = parse(images)
        right = score_contact(card, _match(card, contacts))
        rows.append({"card": card.key, "kind": "front-back", "right": right, "cpu": cpu,
                     "wall": wall, "contacts": len(contacts), "want_contacts": 1,
                     "photographed": bool(j % 2)})
        if verbose:
            _show(card, "front-back", contacts, right, cpu)
    for j in range(n // 5 if "multi" in kinds else 0):
        pick = random.Random(f"multi4-{seed}-{j}")
        count = pick.choice([2, 2, 3, 3, 4])
        cards = [gen.make_card(seed, 2000 + 4 * j + k, hard=True) for k in range(count)]
        for c in cards:
            c.portrait, c.qr = False, None
        arrangement = gen.ARRANGEMENTS[j % len(gen.ARRANGEMENTS)]
        table = pick.choice(gen.TABLES)
        if j % 3 == 0:  # one card dark, on a dark or busy table
            gen.make_dark(cards[pick.randrange(count)], pick)
            table = pick.choice([*gen.DARK_TABLES, "busy"])
        rng = random.Random(f"multi4-photo-{seed}-{j}")
        data = gen.encode(gen.photograph_many([gen.draw_card(c) for c in cards], rng,
                                              arrangement, table), rng, "JPEG")
        if out:
            (out / f"multi4-{seed}-{j}-{arrangement}.jpg").write_bytes(data)
        contacts, cpu, wall = parse([data])
        for c in cards:
            right = score_contact(c, _match(c, contacts))
            rows.append({"card": c.key, "kind": "multi", "right": right, "cpu": cpu / count,
                         "wall": wall / count, "contacts": len(contacts),
                         "want_contacts": count, "dark": gen.is_dark(c), "table": table,
                         "arrangement": arrangement})
            if verbose:
                _show(c, f"multi-{arrangement[:5]}", contacts, right, cpu)
    return rows


def _show(card: gen.Card, kind: str, contacts: list[Any], right: dict[str, bool],
          cpu: float) -> None:
    wrong = [f for f, ok in right.items() if ok is False]
    print(f"{card.key} {kind:10} {cpu:5.2f}s {len(contacts)}c wrong={wrong}", flush=True)
    for f in wrong:
        got = _match(card, contacts)
        val = None if got is None else {"email": getattr(got, "emails", None),
                                        "phone": getattr(got, "phones", None)}.get(
            f, getattr(got, f, None))
        print(f"      {f}: want {card.expected().get(f) if f != 'phone' else card.phone_e164!r}"
              f" got {val!r}", flush=True)


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in ("clean", "photo", "front-back", "multi"):
        mine = [r for r in rows if r["kind"] == kind]
        if not mine:
            continue
        core = [r["right"][f] for r in mine for f in FIELDS]
        addr = [r["right"]["address"] for r in mine if "address" in r["right"]]
        per_field = {f: round(100 * sum(r["right"][f] for r in mine) / len(mine), 1)
                     for f in FIELDS}
        out[kind] = {
            "cards": len(mine), "fields_pct": round(100 * sum(core) / len(core), 1),
            "per_field": per_field,
            "address_pct": round(100 * sum(addr) / len(addr), 1) if addr else None,
            "cpu_s_mean": round(sum(r["cpu"] for r in mine) / len(mine), 2),
            "cpu_s_median": round(statistics.median(r["cpu"] for r in mine), 2),
            "cpu_s_p90": round(_rank([r["cpu"] for r in mine], 0.90), 2),
            "cpu_s_p95": round(_p95([r["cpu"] for r in mine]), 2),
            "cpu_s_max": round(max(r["cpu"] for r in mine), 2),
            "wall_s_mean": round(sum(r["wall"] for r in mine) / len(mine), 2),
        }
        if "want_contacts" in mine[0]:
            out[kind]["contact_count_right_pct"] = round(100 * sum(
                r["contacts"] == r["want_contacts"] for r in mine) / len(mine), 1)
        for arrangement in gen.ARRANGEMENTS:
            laid = [r for r in mine if r.get("arrangement") == arrangement]
            if laid:
                out[kind][f"fields_pct_{arrangement}"] = round(100 * sum(
                    r["right"][f] for r in laid for f in FIELDS) / (len(laid) * len(FIELDS)), 1)
        dark = [r for r in mine if r.get("dark")]
        if dark:
            out[kind]["dark_cards"] = len(dark)
            out[kind]["fields_pct_dark"] = round(100 * sum(
                r["right"][f] for r in dark for f in FIELDS) / (len(dark) * len(FIELDS)), 1)
        qr = [r for r in mine if r.get("qr")]
        if qr:
            out[kind]["fields_pct_with_qr"] = round(100 * sum(
                r["right"][f] for r in qr for f in FIELDS) / (len(qr) * len(FIELDS)), 1)
    return out


def _p95(values: list[float]) -> float:
    """The 95th percentile, nearest rank: of 40 cards the 38th slowest."""
    return _rank(values, 0.95)


def _rank(values: list[float], share: float) -> float:
    """The `share` percentile, nearest rank."""
    ranked = sorted(values)
    return ranked[max(0, math.ceil(share * len(ranked)) - 1)]


def _use_tree(root: Path) -> None:
    """Import followup from `root` instead of the editable install (whose finder would win)."""
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
    sys.path.insert(0, str(root.resolve()))
    import followup

    print(f"followup from {Path(followup.__file__).parent}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=sorted(SEEDS), default="dev")
    ap.add_argument("--n", type=int, help="cards in the part, each clean + photo (default: "
                    "40, unseen3 60)")
    ap.add_argument("--out", type=Path, help="also write the images here")
    ap.add_argument("--label", default="current", help="key in bench/cards-results.json")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per card")
    ap.add_argument("--only", help="comma-separated kinds to run (clean, photo, front-back, "
                    "multi); the others are not run and not saved")
    ap.add_argument("--impl", type=Path,
                    help="read followup from this source tree (e.g. an older commit's)")
    args = ap.parse_args(argv)
    if args.impl:
        _use_tree(args.impl)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    kinds = tuple(args.only.split(",")) if args.only else KINDS
    result = run_part(args.part, args.n or SIZE[args.part], args.out, args.verbose, kinds)
    print(json.dumps(result["summary"], indent=2))
    if args.only:
        return 0
    saved = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    saved[f"{args.label}/{args.part}"] = result["summary"]
    RESULTS.write_text(json.dumps(saved, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def write_fixtures(out: Path, picks: list[tuple[int, str]], multi: int, pair: int,
                   dark: tuple[int, ...] = ()) -> None:
    """The small fixed subset that tests/test_card_photos.py reads: dev cards `picks`
    ((index, "clean" | "photo")), one several-card photo, one front/back pair and the
    photos of the (hard) dev cards `dark`, at most 1400 px (dark cards on dark tables)."""
    seed = SEEDS["dev"]
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for index, kind in picks:
        card = gen.make_card(seed, index)
        name = f"{card.key}-{kind}.{'png' if kind == 'clean' else 'jpg'}"
        if kind == "clean":
            data = gen.encode(gen.draw_card(card))
        else:
            rng = random.Random(f"photo-{card.key}")
            data = gen.encode(gen.photograph(gen.draw_card(card), rng), rng, "JPEG")
        (out / name).write_bytes(data)
        entries.append({"files": [name], "kind": kind, "qr": card.qr,
                        "expected": [card.expected() | {"phone": card.phone_e164}]})
    cards = [gen.make_card(seed, 2000 + 3 * multi + k) for k in range(2 + multi % 2)]
    for c in cards:
        c.portrait, c.qr = False, None
    rng = random.Random(f"multi-{seed}-{multi}")
    ims = [gen.draw_card(c) for c in cards]
    name = f"multi-{seed}-{multi}.jpg"
    (out / name).write_bytes(gen.encode(gen.photograph(ims[0], rng, others=ims[1:]), rng, "JPEG"))
    entries.append({"files": [name], "kind": "multi", "qr": None,
                    "expected": [c.expected() | {"phone": c.phone_e164} for c in cards]})
    card = gen.make_card(seed, 1000 + pair)
    front, back = gen.draw_front_back(card)
    names = [f"{card.key}-front.png", f"{card.key}-back.png"]
    for n, im in zip(names, (front, back), strict=True):
        (out / n).write_bytes(gen.encode(im))
    entries.append({"files": names, "kind": "front-back", "qr": None,
                    "expected": [card.expected() | {"phone": card.phone_e164}]})
    for index in dark:
        card = gen.make_card(seed, index, hard=True)
        rng = random.Random(f"photo-{card.key}")
        im = gen.photograph(gen.draw_card(card), rng, table=card.table)
        im.thumbnail((1400, 1400))
        name = f"{card.key}-dark-photo.jpg"
        (out / name).write_bytes(gen.encode(im, rng, "JPEG"))
        entries.append({"files": [name], "kind": "photo-dark", "qr": card.qr,
                        "expected": [card.expected() | {"phone": card.phone_e164}]})
    (out / "cards.json").write_text(json.dumps(entries, indent=1, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
