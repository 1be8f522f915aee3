"""Round 11 (p-lang11), notes about one person typed in German, Spanish, French, Catalan and
Italian, and mixed-language notes: another person's signature pasted under the owner's line
after a sign-off of any language, and a city named in the language of the note (an exonym:
"Mailand", "Marsella") deciding the country of a national number. Invented notes; each
expected person is (name, company, title, email, phone), None where the note leaves it open."""

from __future__ import annotations

import pytest

from tests.owner_notes import people

_Row = tuple[str | None, str | None, str | None, str | None, str | None]

_NOTES: list[object] = [
    # a sign-off over someone else's signature: her block, not the owner's
    ('Met her at the booth, please add.\n\nMit freundlichen Grüßen\nDr. Jutta Brenneke\n'
     'Leiterin Qualitätssicherung\nWeserland Fluidtechnik GmbH\nTel. +49 421 590 3318\n'
     'jutta.brenneke@weserland.example',
     [('Jutta Brenneke', 'Weserland Fluidtechnik GmbH', 'Leiterin Qualitätssicherung',
       'jutta.brenneke@weserland.example', '+494215903318')]),
    ('A añadir, seguimiento la semana que viene.\n\nAtentamente,\nTomás Echeverría Luna\n'
     'Gerente de Operaciones\nMinera Puna Alta S.A.\nTel. +56 2 2417 8830\n'
     'techeverria@punaalta.example',
     [('Tomás Echeverría Luna', 'Minera Puna Alta S.A.', 'Gerente de Operaciones',
       'techeverria@punaalta.example', '+56224178830')]),
    ('Vue au stand, à ajouter.\n\nCordialement,\nOdile Vasseur\nResponsable export\n'
     'Biscuiterie Vasseur SAS\nTél. 03 22 45 17 90\nodile@biscuiterie-vasseur.example',
     [('Odile Vasseur', 'Biscuiterie Vasseur SAS', 'Responsable export',
       'odile@biscuiterie-vasseur.example', '+33322451790')]),
    ('Da aggiungere.\n\nCordiali saluti\nSimone Ardizzone\nResponsabile acquisti\n'
     'Vetreria Lariana srl\nTel. 031 278 4410\ns.ardizzone@lariana.example',
     [('Simone Ardizzone', 'Vetreria Lariana srl', 'Responsabile acquisti',
       's.ardizzone@lariana.example', '+390312784410')]),
    # a city written in the note's language decides the country of a national number
    ('Heute auf der Messe in Mailand Chiara Benvenuti kennengelernt, Einkäuferin bei '
     'Tessuti Comaschi S.p.A., Handy 338 419 2267.',
     [('Chiara Benvenuti', None, None, None, '+393384192267')]),
    ('Ayer en una feria en Marsella conocí a Gilles Arnaud, móvil 06 71 22 48 93.',
     [('Gilles Arnaud', None, None, None, '+33671224893')]),
]


def _row(c: object) -> _Row:
    from followup.model import ParsedContact

    assert isinstance(c, ParsedContact)
    return (c.full_name, c.company, c.title, c.emails[0] if c.emails else None,
            c.phones[0] if c.phones else None)


@pytest.mark.parametrize(("body", "want"), _NOTES)
def test_one_person_notes_in_five_languages(body: str, want: list[_Row]) -> None:
    got = [_row(c) for c in people(body)]
    assert len(got) == len(want), got
    for g, w in zip(got, want, strict=True):
        for gv, wv in zip(g, w, strict=True):
            if wv is not None:
                assert gv == wv, (g, w)


def test_the_owner_signature_under_a_sign_off_is_still_hers() -> None:
    from followup.parsing.ownertext import split_owner_text

    text = ("Met him at the fair.\n\nViele Grüße\nOwen Marsh\nowen@own.example")
    assert split_owner_text(text, ["Owen Marsh"], frozenset({"owen@own.example"})).note == \
        "Met him at the fair."
    other = ("Met him at the fair.\n\nViele Grüße\nRainer Kolb\nr.kolb@kolbtech.example")
    assert "Rainer Kolb" in split_owner_text(other, ["Owen Marsh"],
                                             frozenset({"owen@own.example"})).note
