"""Phone numbers: E.164 normalisation, finding phones among other numbers, region hints."""

from __future__ import annotations

import pytest

from followup.parsing.phones import (
    classify_phone_label,
    country_code_for,
    find_phones,
    normalize_declared_phone,
    normalize_phone,
    phone_label_before,
    region_hint,
)


@pytest.mark.parametrize(
    ("raw", "region", "want"),
    [
        ("+1 415 555 0134", "US", "+14155550134"),
        ("(312) 555-0147", "US", "+13125550147"),
        ("917-555-0163", "US", "+19175550163"),
        ("07700 900412", "GB", "+447700900412"),  # Ofcom drama range: possible, not valid
        ("089 5550 1234", "DE", "+498955501234"),
        ("0171 5550987", "DE", "+491715550987"),
        ("04 65 71 23 45", "FR", "+33465712345"),
        ("+44 (0)20 7946 0000", "US", "+442079460000"),  # written trunk zero dropped
        ("+49 (0) 89 5550 1234", "US", "+498955501234"),
        ("0044 20 7946 0000", "GB", "+442079460000"),
        ("tel:+1-347-555-0129", "US", "+13475550129"),
        ("tel:+234-2033-12-3456;ext=12", "US", "+2342033123456"),
        ("+81 3-5555-0123", "US", "+81355550123"),
        ("+1 415 555 0134", "", "+14155550134"),  # empty region falls back to US
    ],
)
def test_normalize_phone(raw: str, region: str, want: str) -> None:
    assert normalize_phone(raw, region) == want


@pytest.mark.parametrize(
    "raw", ["", "hello", "2026", "12345", "94107", "call me maybe", "+", "tel:", "\x00" * 9]
)
def test_normalize_phone_rejects(raw: str) -> None:
    assert normalize_phone(raw, "US") is None


def test_normalize_phone_bad_region_does_not_raise() -> None:
    assert normalize_phone("415 555 0134", "XX") is None
    assert normalize_phone("+1 415 555 0134", "not a region") == "+14155550134"


def test_numbers_that_are_not_phones() -> None:
    text = (
        "She's the one to chase about PO 4415-550-1923 (the banners, still not shipped). "
        "Direct line 480-555-0165, email p.nwosu@bellbrookprint.example.\n"
        "They promised delivery by 06/19/2026, invoice ref 2026-0612-88. Order #123456789, "
        "order no. 5550 1234 55, zip 94107, Springfield, IL 62701, since 2019, at 10:30, "
        "ticket 4155550100, IBAN DE89 3704 0044 0532 0130 00, account 1234567890."
    )
    assert [p[0] for p in find_phones(text, "US")] == ["+14805550165"]


def test_german_references_dates_and_postcodes_are_not_phones() -> None:
    text = (
        "Adresse: Lindwurmstraße 88, 80337 München. Bestellnr. 4711 0815. Am 21.04.2026 um "
        "14:30. Rechnung 2026/0412. Kto 1234567890. Tel.: 089 5550 1234\nMobil: 0171 5550987"
    )
    assert [p[0] for p in find_phones(text, "DE")] == ["+498955501234", "+491715550987"]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("raised $1,250,000 at a 12,500,000 cap", "US"),
        ("budget 2.500.000 EUR, 1 500 000 €", "DE"),
        ("fee $ 4155550134 total", "US"),
        ("tracking 1Z999AA10123456784", "US"),
        ("ref 20260514-0012, between 2019-2021, version 1.2.3.4", "US"),
        ("open 9:00-17:00, room 1204, SSN 123-45-6789", "US"),
        ("ISBN 978-3-16-148410-0", "US"),
        ("Invoice INV-2026-0042, PO# 4500012345", "US"),
        ("Kundennummer: 0815 4711 12, Rechnungsnr. 2026 0412 99", "DE"),
        ("25/04/2026 14h30, montant 1 234 567 890", "FR"),
        ("90 days, 12 months, 24/7, 35 employees in 2025", "US"),
        ("call 123-456-7890 (a placeholder), epoch 1767225600", "US"),
        ("07700900412", "GB"),  # an unformatted digit run in a fictional range
    ],
)
def test_more_numbers_that_are_not_phones(text: str, region: str) -> None:
    assert find_phones(text, region) == []


@pytest.mark.parametrize(
    ("text", "region", "want"),
    [
        ("415.555.0134", "US", "+14155550134"),
        ("M:+1 415 555 0134", "US", "+14155550134"),
        ("cell:4155550134", "US", "+14155550134"),
        ("T +33 (0)1 99 00 24 68", "US", "+33199002468"),
        ("Tel: 0049 89 5550 1234", "DE", "+498955501234"),
        ("Tel. 030 / 555 788 12", "DE", "+493055578812"),
        ("Tel 06-12345678", "NL", "+31612345678"),
        ("tel. 02 1234 5678", "IT", "+390212345678"),
        ("55 5555 0133", "MX", "+525555550133"),
        ("(0)20 7946 0000", "GB", "+442079460000"),
    ],
)
def test_phone_forms(text: str, region: str, want: str) -> None:
    assert [p[0] for p in find_phones(text, region)] == [want]


def test_spans_and_raw_text() -> None:
    text = "Owen · Kitehill · +44 (0)20 7946 0715 · cell 646 555 0182"
    found = find_phones(text, "US")
    assert [p[0] for p in found] == ["+442079460715", "+16465550182"]
    for _e164, raw, start, end in found:
        assert text[start:end] == raw
    assert found[0][1] == "+44 (0)20 7946 0715"


def test_fax_is_skipped_unless_asked() -> None:
    text = "Tel +31 10 555 0123\nFax: +31 10 555 0124\nMob +31 6 5550 1234"
    assert [p[0] for p in find_phones(text, "US")] == ["+31105550123", "+31655501234"]
    assert len(find_phones(text, "US", include_fax=True)) == 3


def test_every_occurrence_with_its_span() -> None:
    text = "M: +1 (628) 555-0171 or (628) 555-0171; Tel. +47 22 55 01 23, Mobile +47 412 34 567"
    found = find_phones(text, "US")
    assert [p[0] for p in found] == [
        "+16285550171",
        "+16285550171",
        "+4722550123",
        "+4741234567",
    ]
    assert [p[1] for p in found[:2]] == ["+1 (628) 555-0171", "(628) 555-0171"]


def test_region_decides_national_numbers() -> None:
    assert [p[0] for p in find_phones("mob: 07700 900412", "GB")] == ["+447700900412"]
    assert [p[0] for p in find_phones("Port. : 06 39 98 41 27", "FR")] == ["+33639984127"]


@pytest.mark.parametrize("text", ["", "no numbers here", "1 2 3 4 5", "\x00\ud800+1", "9" * 5000])
def test_find_phones_never_raises(text: str) -> None:
    assert isinstance(find_phones(text, "US"), list)
    assert isinstance(find_phones(text, "??"), list)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Tel. +47 22 55 01 23", "NO"),
        ("+1 415 555 0100 and +44 20 7946 0000, +44 7700 900412", "GB"),  # most frequent
        ("Zoë, design lead at Quillstone (based in Manchester, UK). mob: 07700 900412", "GB"),
        ("Adresse: Lindwurmstraße 88, 80337 München", "DE"),
        ("ingénieur R&D chez Valmont Énergie, Lyon", "FR"),
        ("Calle de Colón 18, 46004 Valencia", "ES"),
        ("2-4-1 Shibakoen, Minato-ku, Tokyo 105-0011, Japan", "JP"),
        ("k.vogel@wendelstein.de", "DE"),
        ("see www.firma.co.uk/contact", "GB"),
        ("IBAN DE89 3704 0044 0532 0130 00, Lindwurmstraße 88, München", "DE"),  # not +44
        ("hello@startup.io", None),  # vanity TLD
        ("nice guy, met at the gym", None),  # "Nice" the city needs no lower-case match
        ("talked about paris agreements", None),
        ("Florence Adeyemi and Sydney Park, intro via Milan Novak and India Holland", None),
        ("", None),
    ],
)
def test_region_hint(text: str, want: str | None) -> None:
    assert region_hint(text) == want


@pytest.mark.parametrize(
    ("label", "want"),
    [
        ("M:", "mobile"),
        ("Mobile", "mobile"),
        ("Mobil:", "mobile"),
        ("Portable", "mobile"),
        ("Port. :", "mobile"),
        ("Cell", "mobile"),
        ("Handy", "mobile"),
        ("Móvil:", "mobile"),
        ("Tel.", "other"),
        ("Tél. :", "other"),
        ("Phone", "other"),
        ("Office", "work"),
        ("Direct line", "work"),
        ("Büro", "work"),
        ("Fax", "fax"),
        ("Telefax:", "fax"),
        ("Home", "home"),
        ("Email", None),
        ("", None),
    ],
)
def test_classify_phone_label(label: str, want: str | None) -> None:
    assert classify_phone_label(label) == want


def test_phone_label_before() -> None:
    text = "Tel.: +34 963 55 01 22 | Móvil: 655 12 34 56\nFax +34 963 55 01 23"
    found = find_phones(text, "ES", include_fax=True)
    kinds = [phone_label_before(text, start) for _e, _r, start, _end in found]
    assert kinds == ["other", "mobile", "fax"]


@pytest.mark.parametrize(
    ("name", "want"),
    [("Japan", "JP"), ("jp", "JP"), ("UK", "GB"), ("Deutschland", "DE"), ("USA", "US"),
     ("Narnia", None), ("", None)],
)  # fmt: skip
def test_country_code_for(name: str, want: str | None) -> None:
    assert country_code_for(name) == want


def test_fuzz_never_raises_and_spans_match() -> None:
    import random

    rng = random.Random(4155550134)
    pieces = ["+", "(0)", "0", "415", "555", "0134", "-", ".", "/", " ", "Tel:", "Fax:",
              "PO", "IBAN", "DE89", "€", "x", "ext.", "+44", "7946", "\n", "İ"]  # fmt: skip
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for region in ("US", "GB", "DE", ""):
            for e164, raw, start, end in find_phones(text, region):
                assert text[start:end] == raw
                assert e164.startswith("+") and e164[1:].isdigit()
        region_hint(text)


def test_many_numbers_on_one_line_stay_linear() -> None:
    import time

    text = "call +1 415 555 0134 " * 3000
    start = time.process_time()
    assert len(find_phones(text, "US")) == 3000
    assert time.process_time() - start < 5.0  # ~0.35 s; unbounded look-behinds took 5+ s


def test_one_letter_label_of_the_next_number_is_no_amount() -> None:
    # "M:" after the office number labels the mobile; it is not "million"
    found = find_phones("W: (503) 555-0147   M: (503) 555-0178", "US")
    assert [e for e, *_ in found] == ["+15035550147", "+15035550178"]
    assert find_phones("they closed 2125550199 m last year", "US") == []


def test_foreign_national_number_is_no_default_region_number() -> None:
    assert normalize_phone("06 12 34 56 78", "US") is None
    assert normalize_phone("06 12 34 56 78", "FR") == "+33612345678"
    assert normalize_phone("+33 6 12 34 56 78", "US") == "+33612345678"
    assert normalize_phone("(646) 555-0199", "US") == "+16465550199"


def test_region_hint_reads_well_known_places_typed_in_lower_case() -> None:
    assert region_hint("drinks after the stockholm fintech night") == "SE"
    assert region_hint("sat next to him on the flight to amsterdam") == "NL"
    assert region_hint("gave her some fine china and a cork board") is None


def test_country_spellings_of_address_books() -> None:
    assert [country_code_for(c) for c in ("U.S.A.", "United States of America",
                                          "The Netherlands", "U.K.")] == ["US", "US", "NL", "GB"]


def test_a_declared_phone_keeps_a_north_american_number_of_the_right_shape() -> None:
    # a vCard TEL says it is a phone: 555 numbers stay; shapes NANP has not do not
    assert normalize_declared_phone("555 555 1111") == "+15555551111"
    assert normalize_declared_phone("06 12 34 56 78") is None  # French, not +1 061...
    assert normalize_declared_phone("123 456 7890") is None  # no area code starts with 1
    assert normalize_declared_phone("+1 (212) 204-34456") is None  # a digit too many
    assert normalize_declared_phone("06 12 34 56 78", "FR") == "+33612345678"
