"""Round 12 (p-lang12), notes about one person typed in German, Spanish, French, Catalan,
Italian and Portuguese: a form's given-name and family-name labels, the verb of working
naming the employer, Portuguese labels and weekdays, lower-case names with particles, a role
ended by "and" and a verb, a lower-case firm after "title department of". Invented notes; each
expected person is (name, company, title, email, phone), None where the note leaves it open."""

from __future__ import annotations

import pytest

from tests.owner_notes import people

_Row = tuple[str | None, str | None, str | None, str | None, str | None]

_NOTES: list[object] = [
    # a form that asks for the given and the family name on lines of their own
    ('Nom : Delacroix\nPrénom : Margaux\nFonction : directrice juridique\n'
     'Société : Cabinet Delacroix Avocats\nTél : 01 44 55 66 77',
     [('Margaux Delacroix', 'Cabinet Delacroix Avocats', 'directrice juridique', None,
       '+33144556677')]),
    ('Apellidos: Fernández Ruiz\nNombre: Alba\nCargo: jefa de proyectos\n'
     'Empresa: Construcciones Mediterráneo SA\nTel: 963 22 11 00',
     [('Alba Fernández Ruiz', 'Construcciones Mediterráneo SA', 'jefa de proyectos', None,
       '+34963221100')]),
    ('Nachname: Oberhauser\nVorname: Lukas\nPosition: Leiter IT\n'
     'Firma: Tiroler Datenwerk GmbH\nTel: 0512 22 33 44',
     [('Lukas Oberhauser', 'Tiroler Datenwerk GmbH', 'Leiter IT', None, None)]),
    ('Nome: Chiara\nCognome: Bellandi\nRuolo: responsabile marketing\n'
     'Azienda: Dolciaria Toscana srl\nCell: 333 222 1100',
     [('Chiara Bellandi', 'Dolciaria Toscana srl', 'responsabile marketing', None,
       '+393332221100')]),
    # Portuguese labels say the note's language, and so the number's country
    ('Nome: Joana Ribeiro Lopes\nCargo: Diretora de Marketing\nEmpresa: Têxtil Minho S.A.\n'
     'Telemóvel: 917 654 321\nEmail: joana.lopes@textilminho.example',
     [('Joana Ribeiro Lopes', 'Têxtil Minho S.A.', 'Diretora de Marketing',
       'joana.lopes@textilminho.example', '+351917654321')]),
    # the verb of working names the employer, never where they met
    ('Conocí a Lucía Pardo Villar, trabaja en Grupo Nortemar, tel 981 22 33 44',
     [('Lucía Pardo Villar', 'Grupo Nortemar', None, None, '+34981223344')]),
    ('Conheci o Tiago Barros na conferência em Lisboa, trabalha na Vinhos do Douro Superior. '
     'Tlm 936 221 455',
     [('Tiago Barros', 'Vinhos do Douro Superior', None, None, '+351936221455')]),
    ('ayer conocí a maría de la fuente en la feria de valencia, trabaja en cerámicas levante '
     'sa. móvil 612 44 55 66',
     [('María de la Fuente', 'Cerámicas Levante SA', None, None, '+34612445566')]),
    # typed in lower case: a name with particles, Portuguese "na" after it
    ('gestern mit jan van der berg gesprochen, einkaufsleiter bei der holtkamp logistik gmbh, '
     'handy 0151 22334455',
     [('Jan van der Berg', 'Holtkamp Logistik GmbH', 'einkaufsleiter', None,
       '+4915122334455')]),
    ('ontem conheci a giulia lo presti na feira, ela trabalha na ceramiche etna srl.',
     [('Giulia Lo Presti', 'Ceramiche Etna Srl', None, None, None)]),
    # a form of address with its dot before the name is no name of its own
    ('Tive uma reunião com o Eng. Paulo Sardinha. Enviar proposta na sexta.',
     [('Paulo Sardinha', None, None, None, None)]),
    # the role after "she is", ended by "and" and a verb
    ('heute auf der Messe in Köln mit Henrike Albers von Kaltenbach GmbH gesprochen, sie ist '
     'Einkaufsleiterin und sucht neue Lieferanten.',
     [('Henrike Albers', 'Kaltenbach GmbH', 'Einkaufsleiterin', None, None)]),
    ('hier au salon rencontré Paul Roy de Biscuits Morvan SAS, il est directeur achats et '
     'cherche un fournisseur.',
     [('Paul Roy', 'Biscuits Morvan SAS', 'directeur achats', None, None)]),
    ('ayer conocí a Ana Gil de Lácteos del Sur SA, ella es jefa de compras y busca '
     'proveedores nuevos.',
     [('Ana Gil', 'Lácteos del Sur SA', 'jefa de compras', None, None)]),
    ('ieri ho conosciuto Marco Neri di Ottica Lario srl, è responsabile acquisti e cerca '
     'fornitori.',
     [('Marco Neri', 'Ottica Lario srl', 'responsabile acquisti', None, None)]),
    ('ontem conheci a Ana Reis da Têxteis Minho Lda, ela é diretora de compras e procura '
     'fornecedores.',
     [('Ana Reis', 'Têxteis Minho Lda', 'diretora de compras', None, None)]),
    ('heute mit Jens Ober von Ober Bau GmbH gesprochen, er ist sehr nett und will ein Angebot.',
     [('Jens Ober', 'Ober Bau GmbH', None, None, None)]),
    # the word for a firm names the employer after it, and is no part of a name
    ('heute mit Sabine Krüger von der Firma Rheinwerk Medien gesprochen, soll ich anrufen',
     [('Sabine Krüger', 'Rheinwerk Medien', None, None, None)]),
    ('ayer hablé con rocío méndez de la empresa frutas del sur, quiere catálogo. 655 44 33 22',
     [('Rocío Méndez', 'Frutas Del Sur', None, None, '+34655443322')]),
    ("rencontré aujourd'hui claire morel de la société vignobles morel, 06 12 34 56 78",
     [('Claire Morel', 'Vignobles Morel', None, None, '+33612345678')]),
    # "name = role bei firm", typed on a phone
    ('hanne = CFO bei nordlicht energie gmbh, hanne.sorensen@nordlicht.example',
     [('Hanne', 'Nordlicht Energie GmbH', 'CFO', None, None)]),
    # an English role with the German feminine ending; Portuguese roles
    ('Gestern beim Gründertreffen mit Lea Brandt gesprochen, Cofounderin von Zahlwerk Labs.',
     [('Lea Brandt', 'Zahlwerk Labs', 'Cofounderin', None, None)]),
    ('Almocei com o Dr. Henrique Vasconcelos, administrador da Cortiçarte S.A.; ligar-lhe '
     'daqui a duas semanas. Telemóvel 935 667 788',
     [('Henrique Vasconcelos', 'Cortiçarte S.A.', 'administrador', None, '+351935667788')]),
    # a Portuguese day word before a lower-case name is no part of it
    ('conheci hoje o joão pedro da silva santos, diretor comercial da vinícola serra gaúcha '
     'ltda. cel 54 99988 7766',
     [('João Pedro da Silva Santos', 'Vinícola Serra Gaúcha Ltda.', 'diretor comercial', None,
       None)]),
    # a sentence opened by "is" without a pronoun gives the role and its firm; a meal's verb
    ('Ahir vaig dinar amb en Jordi Mas al fòrum de Vic. És director comercial de Vins Osona SL. '
     'Telèfon 938 12 34 56.',
     [('Jordi Mas', 'Vins Osona SL', 'director comercial', None, '+34938123456')]),
    ('Ayer comí con Jordi Mas en Vic. Es jefe de compras de Aceites Osona SL. Teléfono 938 12 '
     '34 56.',
     [('Jordi Mas', 'Aceites Osona SL', 'jefe de compras', None, '+34938123456')]),
    ('Ieri ho pranzato con Sara Colombo. È responsabile acquisti di Pastificio Brianza srl.',
     [('Sara Colombo', 'Pastificio Brianza srl', 'responsabile acquisti', None, None)]),
    ('Ontem no jantar da associação estive com o Eng. Duarte Moreira Pinto, administrador da '
     'Calçado Vizela S.A. Telemóvel 936 111 222',
     [('Duarte Moreira Pinto', None, 'administrador', None, '+351936111222')]),
    # the "i" joining two Catalan family names stays lower case
    ('ahir a la fira de Lleida vaig conèixer la marta vilaseca i puig, cap de compres de '
     'fruites segrià sl. mòbil 619 22 33 44',
     [('Marta Vilaseca i Puig', 'Fruites Segrià SL', 'cap de compres', None,
       '+34619223344')]),
]


def _row(c: object) -> _Row:
    from followup.model import ParsedContact

    assert isinstance(c, ParsedContact)
    return (c.full_name, c.company, c.title, c.emails[0] if c.emails else None,
            c.phones[0] if c.phones else None)


@pytest.mark.parametrize(("body", "want"), _NOTES)
def test_one_person_notes_in_six_languages(body: str, want: list[_Row]) -> None:
    got = [_row(c) for c in people(body)]
    assert len(got) == len(want), got
    for g, w in zip(got, want, strict=True):
        for gv, wv in zip(g, w, strict=True):
            if wv is not None:
                assert gv == wv, (g, w)


def test_sehr_nett_is_no_title() -> None:
    (person,) = people('heute mit Jens Ober von Ober Bau GmbH gesprochen, er ist sehr nett '
                       'und will ein Angebot.')
    assert person.title is None


@pytest.mark.parametrize("body", [
    'Hoje conheci o Rui Tavares, gerente da Padaria Central. Ligar na segunda-feira.',
    'Tive uma reunião com o Eng. Paulo Sardinha. Enviar proposta até sexta-feira.',
])
def test_a_portuguese_weekday_is_no_fair(body: str) -> None:
    from followup.parsing import parse_message

    raw = ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: note\r\n"
           "Date: Tue, 10 Mar 2026 18:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8"
           "\r\n\r\n" + body + "\r\n").encode()
    assert parse_message(raw).met_at is None


@pytest.mark.parametrize(("after", "want"), [
    (", resp. acquisti di salumificio val brembana. molto", ("resp. acquisti",
                                                             "salumificio val brembana")),
    (", responsabile acquisti di zona nord, tel", None),
    (", jefa de compras de conservas ria de arousa, tel", ("jefa de compras",
                                                            "conservas ria de arousa")),
])
def test_lower_case_title_and_firm(after: str, want: tuple[str, str] | None) -> None:
    from followup.parsing import lowercase
    from followup.parsing.lexicon import protect, restore

    got = lowercase.title_and_firm(protect(after))
    assert ((restore(got[0]), got[1]) if got else None) == want
