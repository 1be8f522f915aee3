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
    # a card's firm line with a comma before its legal form is one firm, not a person
    ('Datos de contacto:\nLic. Fabiola Treviño Garza\nJefa de Compras\n'
     'Empaques del Golfo, S.A. de C.V.\nTel. 81 8123 4455\nftrevino@empgolfo.example',
     [('Fabiola Treviño Garza', 'Empaques del Golfo, S.A. de C.V.', 'Jefa de Compras',
       'ftrevino@empgolfo.example', '+528181234455')]),
    ('Kontaktdaten:\nGernot Aichinger\nVertriebsleiter\nAichinger Antriebe, GmbH & Co. KG\n'
     'Tel. 0711 98 76 54\ng.aichinger@aichinger.example',
     [('Gernot Aichinger', 'Aichinger Antriebe, GmbH & Co. KG', 'Vertriebsleiter',
       'g.aichinger@aichinger.example', '+49711987654')]),
    # a trade noun opens a firm's line, never a person's name
    ('Dades de contacte:\nSra. Roser Pujadas\nCap de compres\nCellers Pujadas del Montsant SL\n'
     'Tel. 977 82 11 40\nroser@cellerspujadas.example',
     [('Roser Pujadas', 'Cellers Pujadas del Montsant SL', 'Cap de compres',
       'roser@cellerspujadas.example', '+34977821140')]),
    ('Recapiti:\nIng. Davide Carminati\nDirettore tecnico\nOfficine Carminati del Serio, srl\n'
     'Tel. 035 66 12 890\nd.carminati@officinecarminati.example',
     [('Davide Carminati', 'Officine Carminati del Serio, srl', 'Direttore tecnico',
       'd.carminati@officinecarminati.example', '+390356612890')]),
    # the labels and titles of a contact block say its language, and so the number's country
    ('Recapiti:\nIng. Marta Oberti\nDirettrice acquisti\nOfficine Meccaniche Sebine\n'
     'Tel. 035 44 81 276',
     [('Marta Oberti', 'Officine Meccaniche Sebine', None, None, '+390354481276')]),
    # French with a "GSM" label: a Belgian note
    ('Coordonnées :\nM. Thibault Wauters\nDirecteur technique\nImprimerie Wauters SRL\n'
     'Tél. 02 511 42 80\nGSM 0476 33 21 09\nt.wauters@impwauters.example',
     [('Thibault Wauters', 'Imprimerie Wauters SRL', 'Directeur technique',
       't.wauters@impwauters.example', '+3225114280')]),
    # typed in lower case: "title de department de firm", and "de department a/en firm"
    ('anoche en la cena del club conoci a rodrigo paz ibarra, gerente de ventas de '
     'semillas del litoral. cel 341 15 577 2290',
     [('Rodrigo Paz Ibarra', 'Semillas Del Litoral', 'gerente de ventas', None, None)]),
    ('ahir a la fira vaig conèixer la berta solé, responsable de compres a conserves del '
     'delta sl, 686 55 12 90',
     [('Berta Solé', 'Conserves Del Delta SL', 'responsable de compres', None, '+34686551290')]),
    # a card's street line is the address, not a person ("Chaussée", "Carretera", "Viale")
    ('Coordonnées :\nMme Ilse Verhaegen\nResponsable achats\nBrasserie du Canal SRL\n'
     'Chaussée de Gand 96, 1080 Molenbeek\nTél. 02 411 20 30\nilse@brasseriecanal.example',
     [('Ilse Verhaegen', 'Brasserie du Canal SRL', 'Responsable achats',
       'ilse@brasseriecanal.example', None)]),
    ('Dades de contacte:\nSr. Arnau Pijoan\nCap de vendes\nEmbotits Pijoan SL\n'
     'Carretera de Ripoll, km 4, 08560 Manlleu\nTel. 938 51 22 40',
     [('Arnau Pijoan', 'Embotits Pijoan SL', 'Cap de vendes', None, '+34938512240')]),
    # the word that heads a contact line is no part of a name
    ('Contacto de Expoagro (Junín), lo conocí el martes\n\nDatos de contacto\n'
     'Nombre: Hernán Ledesma\nCargo: Gerente Comercial\nCelular: 236 15 455 1290',
     [('Hernán Ledesma', None, 'Gerente Comercial', None, None)]),
    # typed in lower case, the verb last: the firm between the name and the verb
    ('gestern mit jana roth von kessler antrieb gmbh gesprochen, handy 0171 2345678',
     [('Jana Roth', 'Kessler Antrieb GmbH', None, None, '+491712345678')]),
    ('heute mit tobias brand bei brand maschinenbau kennengelernt. tel 0711 998877',
     [('Tobias Brand', 'Brand Maschinenbau', None, None, '+49711998877')]),
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
