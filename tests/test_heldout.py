"""The held-out notes (written by the conventions, not used to tune the parser): the
parser must generalise. The test half (h25-h48) is only ever scored as a whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_parse_samples import _score

from followup.parsing import parse_message

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"
# Floors are one point under the figures measured when last set (see the commit message).
FLOORS = {"dev": 99.0, "test": 95.0}


def _half(name: str) -> list[Path]:
    files = sorted(HELDOUT.glob("h*.eml"))
    return files[:24] if name == "dev" else files[24:]


@pytest.mark.parametrize("half", ["dev", "test"])
def test_heldout_half_scores_above_floor(half: str) -> None:
    files = _half(half)
    assert len(files) == 24
    right, total = _score_files(files)
    pct = 100.0 * right / total
    assert pct >= FLOORS[half], f"{half}: {right}/{total} ({pct:.1f}%)"


def _assert_floor(files: list[Path], count: int, floor: float, half: str) -> None:
    assert len(files) == count
    right, total = _score_files(files)
    pct = 100.0 * right / total
    assert pct >= floor, f"{half}: {right}/{total} ({pct:.1f}%)"


def _score_files(files: list[Path]) -> tuple[int, int]:
    """Fields right and fields judged over `files` (each .eml beside its .expected.json)."""
    right = total = 0
    for eml in files:
        expected = json.loads(eml.with_suffix(".expected.json").read_text(encoding="utf-8"))
        got = parse_message(eml.read_bytes()).to_json()
        r, t, _misses = _score(expected, got)
        right, total = right + r, total + t
    return right, total


HELDOUT2 = Path(__file__).parent / "fixtures" / "heldout2"
# The second held-out set (DE/ES/FR/CA/IT notes, scoped titles, 3-4 people, phone country by
# city, legal forms, LatAm/Baltic/FR/UK addresses, multi-card vCards); the test half was
# scored once, at the end of issue 11 (dev 100.0%, test 94.1%). Floors: one point under.
FLOORS2 = {"dev": 99.0, "test": 93.0}


@pytest.mark.parametrize("half", ["dev", "test"])
def test_heldout2_half_scores_above_floor(half: str) -> None:
    _assert_floor(sorted((HELDOUT2 / half).glob("*.eml")), 30, FLOORS2[half], half)


HELDOUT3 = Path(__file__).parent / "fixtures" / "heldout3"
# The third held-out set, written by someone who had not read the parser (its README says
# how); the parser was worked on against dev/ only and test/ was scored once, at the end
# (dev 99.7%, test 90.6%). Floors: dev at the figure reached, test one point under.
FLOORS3 = {"dev": 99.7, "test": 89.6}


@pytest.mark.parametrize("half", ["dev", "test"])
def test_heldout3_half_scores_above_floor(half: str) -> None:
    _assert_floor(sorted((HELDOUT3 / half).glob("*.eml")), 35, FLOORS3[half], half)


# The fourth and fifth held-out sets, each written by an outside author who read neither the
# parser nor its tests (their READMEs say how). The parser was worked on against dev/ only;
# test/ was scored once, at the end of the work (issue 11, fourth round). Figures, fields
# right: heldout4 dev 89.4% -> 98.3%, test 86.3% -> 89.3%; heldout5 dev 84.5% -> 95.6%,
# test 85.5% -> 90.4% (by shared/samples/score_parse.py through `followup parse`; scored in
# process here, heldout4/test is 88.3%: four fields differ). Floors: a point under.
# Since then (fifth round, both halves seen): heldout4 dev 405/406, test 388/389; heldout5 dev
# 436/436, test 425/426. Floors: a point under those.
OUTSIDE_AUTHORS_FLOORS = {
    ("heldout4", "dev"): 98.8, ("heldout4", "test"): 98.7,
    ("heldout5", "dev"): 99.0, ("heldout5", "test"): 98.8,
    # The sixth and seventh sets (fifth round of issue 11), by two more outside authors under
    # the same rules (their READMEs say how): worked on against dev/ only, test/ sealed outside
    # the repository and scored once when the work was merged. Fields right, before -> after
    # the round: heldout6 dev 93.2% -> 100% (397/397), test 89.3% -> 92.9% (365/393); heldout7
    # dev 90.3% -> 100% (392/392), test 93.7% -> 95.9% (379/395). Sixth round (both halves of
    # heldout6 and heldout7 seen since): every half 100%.
    ("heldout6", "dev"): 99.0, ("heldout6", "test"): 99.0,
    ("heldout7", "dev"): 99.0, ("heldout7", "test"): 99.0,
    # heldout8, by a fourth outside author, worked on against dev/ (95.3% -> 99.5%) and test/
    # scored once at the end of the sixth round: 91.0% before the session, 93.5% before the
    # round, 94.7% (391/413) after; since 98.8% (406/411, seen in the seventh round).
    ("heldout8", "dev"): 98.8, ("heldout8", "test"): 98.0,
    # heldout9 (50 notes, 25 a half, a fifth outside author): dev 88.4% -> 97.1% (worked on);
    # test, scored once at the end of the seventh round: 83.2% before the session, 84.7% before
    # the round, 87.5% (239/273) after. Its author left a city after "in"/"a"/"en" and a
    # generic fair word ("salon") out of met_at, where the samples and the earlier sets keep
    # them; nine met_at values were relabelled to the samples' way (its README says which):
    # dev 98.9% (273/276), test 88.6% (242/273) with the code of that round.
    ("heldout9", "dev"): 99.0, ("heldout9", "test"): 98.6,
    # Eighth round (2026-12-03): heldout9's test half seen since (270/271), heldout8's 408/412.
    # Four more sets by four outside authors (50 notes each, 25 a half; their READMEs say
    # what each holds), worked on against dev/ only, test/ sealed outside the repository and
    # scored once when the work was merged, with the code from before the session -> after:
    # heldout10 93.1% -> 95.2% (276/290), heldout11 92.7% -> 93.0% (281/302; 93.7% after
    # four forward dates were relabelled, its README says why), heldout12 88.1% -> 89.7%
    # (279/311), heldout13 88.6% -> 93.6% (321/343). Dev halves after: 100%, 100%, 99.7%,
    # 100%. Floors: a point under.
    ("heldout10", "dev"): 99.0, ("heldout10", "test"): 97.3,
    ("heldout11", "dev"): 99.0, ("heldout11", "test"): 96.0,
    ("heldout12", "dev"): 98.7, ("heldout12", "test"): 97.7,
    ("heldout13", "dev"): 99.0, ("heldout13", "test"): 98.7,
    # Ninth round (2026-12-03): heldout10-13's test halves seen since (material of the
    # round: 285/290, 293/302, 303/307, 340/341; their floors above raised to a point under).
    # Four more sets by four outside authors (heldout14 English notes from 13 countries,
    # heldout15 a dozen European languages, heldout16 forwards from many clients and
    # regions, heldout17 notes about several people), dev worked on, test sealed and scored
    # once at the end, code from before the session -> after: heldout14 91.7% -> 93.4%
    # (281/301), heldout15 89.3% -> 90.7% (263/290), heldout16 92.4% -> 94.8% (313/330),
    # heldout17 70.3% -> 79.5% (341/429). Dev halves after: 96.3%, 98.3%, 99.7%, 96.1%.
    # Floors: a point under.
    ("heldout14", "dev"): 95.3, ("heldout14", "test"): 95.7,
    ("heldout15", "dev"): 97.3, ("heldout15", "test"): 92.8,
    ("heldout16", "dev"): 98.7, ("heldout16", "test"): 99.0,
    ("heldout17", "dev"): 95.9, ("heldout17", "test"): 87.3,
    # Tenth round (2026-12-03): heldout14-17's test halves seen since (material of the
    # round: 290/300, 272/290, 330/330, 376/426; their floors above raised to a point under).
    # Four more sets by four outside authors (heldout18 English notes from Africa, the
    # Middle East, Asia, Oceania and Latin America; heldout19 several people in running
    # prose; heldout20 European languages other than English; heldout21 the person's own
    # emails, threads and signatures), dev worked on, test sealed and scored once at the end,
    # code from before the session -> after: heldout18 85.1% -> 87.0% (240/276), heldout19
    # 50.5% -> 68.5% (267/390), heldout20 79.8% -> 83.2% (218/262), heldout21 93.7% -> 98.2%
    # (327/333). Dev halves after: 96.3%, 78.6%, 92.2%, 100%. Floors: a point under.
    # Eleventh round (2026-12-03): heldout18-21's test halves seen since (material of the
    # round: 251/276, 295/385, 230/260, 330/333; their floors raised to a point under).
    ("heldout18", "dev"): 94.9, ("heldout18", "test"): 89.9,
    ("heldout19", "dev"): 77.6, ("heldout19", "test"): 75.6,
    ("heldout20", "dev"): 91.2, ("heldout20", "test"): 87.5,
    ("heldout21", "dev"): 99.0, ("heldout21", "test"): 98.1,
    # Three more sets by three outside authors (heldout22 a networker's month of inbox: English
    # one-liners, forwards with signatures from outside the US/UK, DE/ES/FR/CA/IT notes and
    # vCards from real clients; heldout23 two to four people a note, lists and prose mixed,
    # half non-English; heldout24 phone notes in German, Spanish, French, Catalan and
    # Italian), dev worked on, test sealed and scored once at the end, code from before the
    # session -> after: heldout22 96.6% -> 97.4% (260/267), heldout23 66.5% -> 75.9%
    # (300/395), heldout24 89.6% -> 91.8% (256/279). Dev halves after: 98.9%, 86.8%, 98.6%.
    # Floors: a point under.
    # Twelfth round (2026-12-03): heldout22-24's test halves seen since (material of the
    # round: 263/267, 318/398, 266/279; their floors raised to a point under).
    ("heldout22", "dev"): 97.9, ("heldout22", "test"): 97.5,
    ("heldout23", "dev"): 87.1, ("heldout23", "test"): 78.9,
    ("heldout24", "dev"): 97.6, ("heldout24", "test"): 94.3,
    # Three more sets by three outside authors (heldout25 two to four people a note, mostly
    # running prose, English from eight countries and a third DE/FR/ES/IT/NL/PT; heldout26
    # one- and two-person phone notes in DE/ES/FR/CA/IT/PT and mixed-language; heldout27
    # everyday English notes, forwards and labelled blocks from thirteen countries), dev
    # worked on, test sealed and scored once at the end, code from before the session ->
    # after: heldout25 82.4% -> 83.8% (284/339), heldout26 94.0% -> 94.0% (251/267),
    # heldout27 95.5% -> 96.3% (257/267). Dev halves after: 90.9%, 99.2%, 100%.
    # Floors: a point under.
    ("heldout25", "dev"): 89.9, ("heldout25", "test"): 82.8,
    ("heldout26", "dev"): 98.2, ("heldout26", "test"): 93.0,
    ("heldout27", "dev"): 99.0, ("heldout27", "test"): 95.3,
}
NOTES_PER_HALF = {"heldout9": 25, "heldout10": 25, "heldout11": 25, "heldout12": 25,
                  "heldout13": 25, "heldout14": 25, "heldout15": 25, "heldout16": 25,
                  "heldout17": 25, "heldout18": 25, "heldout19": 25, "heldout20": 25,
                  "heldout21": 25, "heldout22": 25, "heldout23": 25,
                  "heldout24": 25, "heldout25": 25, "heldout26": 25,
                  "heldout27": 25}  # the others: 35


@pytest.mark.parametrize(("corpus", "half"), sorted(OUTSIDE_AUTHORS_FLOORS))
def test_outside_authors_halves_score_above_floor(corpus: str, half: str) -> None:
    files = sorted((Path(__file__).parent / "fixtures" / corpus / half).glob("*.eml"))
    _assert_floor(files, NOTES_PER_HALF.get(corpus, 35), OUTSIDE_AUTHORS_FLOORS[(corpus, half)],
                  f"{corpus}/{half}")
