"""Round 11, structure: labelled contact blocks, academic signatures (title, unit, institution)
and forwards, on invented notes in several languages (no names or wordings of any set)."""

from __future__ import annotations

import pytest

from followup.model import ParsedContact
from followup.parsing import parse_message
from followup.parsing.signature import is_unit
from tests.owner_notes import one, people


def forwarded(note: str, sender: str, header: str, body: str) -> list[ParsedContact]:
    """An owner's note above a forwarded message whose header block is `header`."""
    raw = ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: Fwd: hola\r\n"
           "Date: Tue, 10 Mar 2026 18:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n"
           f"\r\n{note}\r\n\r\n{header.format(sender=sender)}\r\n\r\n{body}\r\n").encode()
    return list(parse_message(raw).contacts)


_GMAIL = ("---------- Forwarded message ---------\nFrom: {sender}\n"
          "Date: Mon, Mar 9, 2026 at 4:10 PM\nSubject: hola\nTo: Owner <owner@own.example>")


# --- an institution under a unit is the employer; the unit scopes the title -------------

@pytest.mark.parametrize(("sig", "title", "company"), [
    ("Catedràtica, Departament de Física\nUniversitat de Lleida",
     "Catedràtica, Departament de Física", "Universitat de Lleida"),
    ("Senior Lecturer, Department of Geography\nUniversity of Dundee",
     "Senior Lecturer, Department of Geography", "University of Dundee"),
    ("Ricercatrice, Dipartimento di Chimica\nUniversità di Pavia",
     "Ricercatrice, Dipartimento di Chimica", "Università di Pavia"),
    ("Jefa de grupo\nLaboratorio de Virología\nInstituto de Salud Andina",
     "Jefa de grupo, Laboratorio de Virología", "Instituto de Salud Andina"),
    ("Professorin\nInstitut für Mikrobiologie\nUniversität Rostock",
     "Professorin, Institut für Mikrobiologie", "Universität Rostock"),
    ("Wissenschaftliche Mitarbeiterin\nLehrstuhl für Statik\nTechnische Universität Kassel",
     "Wissenschaftliche Mitarbeiterin, Lehrstuhl für Statik", "Technische Universität Kassel"),
    ("Maître de conférences\nLaboratoire de Chimie Douce\nUniversité de Poitiers",
     "Maître de conférences, Laboratoire de Chimie Douce", "Université de Poitiers"),
    ("Oberärztin, Klinik für Neurologie\nUniversitätsklinikum Ulm",
     "Oberärztin, Klinik für Neurologie", "Universitätsklinikum Ulm"),
])
def test_academic_signature_unit_scopes_title(sig: str, title: str, company: str) -> None:
    found = forwarded("Vom Kongress, in 2 Wochen melden.", "Ines Marlow <im@uni-x.example>",
                      _GMAIL, f"Hi,\n\nsee you soon.\n\nBest,\n\nInes Marlow\n{sig}\n"
                              "Tel. +44 20 7946 0321")
    person = next(c for c in found if c.full_name == "Ines Marlow")
    assert (person.title, person.company) == (title, company)


def test_signature_name_with_honorific_is_no_company() -> None:
    found = forwarded("Dal convegno, risentirlo il 20.", "Marco Vitali <mv@polimi-x.example>",
                      _GMAIL, "Ciao,\n\na presto.\n\nCordiali saluti,\n\nProf. Marco Vitali\n"
                              "Responsabile Laboratorio\nPolitecnico di Bari\n"
                              "Tel. +39 080 596 1111")
    person = next(c for c in found if c.full_name == "Marco Vitali")
    assert person.company == "Politecnico di Bari"


def test_institution_line_in_owner_block_is_no_person() -> None:
    person = one("Ahir al congrés vaig parlar amb en Pere Soler i Puig.\n\nDades de contacte:\n"
                 "Dr. Pere Soler i Puig\nCap de grup, Laboratori de Genòmica\n"
                 "Institut de Ciències del Mar\nPasseig Marítim 37, 08003 Barcelona\n"
                 "Tel. 932 30 95 00\npsoler@icm.example\n")
    assert person.full_name == "Pere Soler i Puig"
    assert person.company == "Institut de Ciències del Mar"
    assert person.title == "Cap de grup, Laboratori de Genòmica"


@pytest.mark.parametrize("line", ["Departament de Bioquímica", "Department of Physics",
                                  "Dipartimento di Fisica", "Institut für Informatik",
                                  "Laboratoire de Chimie", "Servicio de Cardiología"])
def test_units(line: str) -> None:
    assert is_unit(line)


@pytest.mark.parametrize("line", ["Universitat de Girona", "Institut Pasteur", "Acme Labs",
                                  "Department Store Group"])
def test_not_units(line: str) -> None:
    assert not is_unit(line)


# --- labelled blocks: the labels are the labelled person's, without their labels ---------

def test_block_after_this_person_es() -> None:
    person = one("El jueves en la Expo Láctea en Rafaela estuve con esta persona:\n\n"
                 "Datos de contacto\nNombre: Tomás Ignacio Quiroga\n"
                 "Empresa: Semillas del Centro S.R.L.\nCargo: Jefe de Ventas, Cono Sur\n"
                 "Email: tquiroga@semcentro.example\nDirección: Av. Colón 850, X5000 Córdoba\n\n"
                 "Seguimiento en 3 semanas\n")
    assert person.full_name == "Tomás Ignacio Quiroga"
    assert person.company == "Semillas del Centro S.R.L."
    assert person.title == "Jefe de Ventas, Cono Sur"


def test_block_after_another_name_fr() -> None:
    found = people("Au salon Vinexpo, parlé avec Léa Gauthier puis avec cette personne :\n\n"
                   "Coordonnées :\nNom : Bastien Royer\n"
                   "Société : Domaine des Trois Chênes SARL\nFonction : Responsable export, Asie\n"
                   "Tél : 05 56 12 34 56\nCourriel : b.royer@troischenes.example\n")
    person = next(c for c in found if c.full_name == "Bastien Royer")
    assert person.company == "Domaine des Trois Chênes SARL"
    assert person.title == "Responsable export, Asie"


def test_block_de() -> None:
    person = one("Heute auf der Messe mit dieser Person gesprochen:\n\nKontaktdaten:\n"
                 "Name: Henrike Albers\nFirma: Nordlager Systeme GmbH\n"
                 "Funktion: Leiterin Einkauf, Region Nord\nE-Mail: h.albers@nordlager.example\n")
    assert (person.company, person.title) == ("Nordlager Systeme GmbH",
                                              "Leiterin Einkauf, Region Nord")


@pytest.mark.parametrize(("label", "title", "company"), [
    ("Poste actuel : Responsable logistique, Entrepôts Beauce inc.",
     "Responsable logistique", "Entrepôts Beauce inc."),
    ("Puesto actual: Director de Operaciones, Transportes Sierra Norte S.A.",
     "Director de Operaciones", "Transportes Sierra Norte S.A."),
    ("Current role: Head of Fulfilment at Larkspur Freight Ltd",
     "Head of Fulfilment", "Larkspur Freight Ltd"),
])
def test_current_role_label(label: str, title: str, company: str) -> None:
    person = one(f"Call this morning with Julien Ortega (found via a friend).\n{label}\n"
                 "Email: jortega@mail.example\n")
    assert (person.title, person.company) == (title, company)


# --- a forward of a forward: the innermost writer's signature, read by position -----------

_OUTLOOK_FR = ("De : {sender}\nEnvoyé : 9 mars 2026 10:31\nÀ : Recrutement <jobs@own.example>\n"
               "Objet : Candidature")


@pytest.mark.parametrize(("title", "company"), [
    ("Conseillère principale, Gestion de patrimoine", "Caisse Laurentienne"),
    ("Chargé de mission, Filière bois", "Coopérative des Hautes-Fagnes"),
])
def test_signature_lines_by_position_in_nested_forward(title: str, company: str) -> None:
    inner = _OUTLOOK_FR.format(sender="Odile Vasseur-Ndiaye <odile.vn@courriel.example>")
    found = forwarded("Transmis par un collègue, à appeler jeudi.",
                      "Paul Girard <paul.girard@own-partner.example>", _GMAIL,
                      f"Pour toi.\n\nP.\n\n{inner}\n\nBonjour,\n\nVoici mon CV.\n\n"
                      f"Cordialement,\n\nOdile Vasseur-Ndiaye\n{title}\n{company}\n"
                      "514 555-0147\n")
    person = next(c for c in found if c.full_name == "Odile Vasseur-Ndiaye")
    assert (person.title, person.company) == (title, company)


# --- addresses: kilometre posts, a house number before its comma, a card's address line ---

@pytest.mark.parametrize("line", ["Km 12 vía Pereira - Armenia, Quindío",
                                  "Autopista Norte km 21, Chía",
                                  "Transversal 5 # 12-40, Tunja"])
def test_road_addresses(line: str) -> None:
    from followup.parsing.postal import is_address

    assert is_address(line)


@pytest.mark.parametrize(("text", "address"), [
    ("Adresse : 7, rue des Tanneurs – 67000 Strasbourg",
     "7, rue des Tanneurs – 67000 Strasbourg"),
    ("Dirección: 22 bis, boulevard Carnot, 31000 Toulouse",
     "22 bis, boulevard Carnot, 31000 Toulouse"),
])
def test_house_number_before_comma(text: str, address: str) -> None:
    from followup.parsing.postal import find_address

    assert find_address(text) == address


@pytest.mark.parametrize(("line", "address"), [
    ("Av. Vitacura 2939, of. 701, Vitacura, Santiago",
     "Av. Vitacura 2939, of. 701, Vitacura, Santiago"),
    ("Viña Los Boldos S.A., Calle Los Aromos 118, Talca",
     "Calle Los Aromos 118, Talca"),
    ("5, place des Halles – Chambéry", "5, place des Halles – Chambéry"),
])
def test_card_address_line(line: str, address: str) -> None:
    person = one("Ayer en la feria estuve con Rocío Valdivia Soto.\n\nDatos de contacto:\n"
                 f"Rocío Valdivia Soto\nSubgerenta Comercial\nViña Los Boldos S.A.\n{line}\n"
                 "rvaldivia@losboldos.example\n")
    assert person.address == address


# --- notes typed in lower case: the name ends at a title, or at the firm its email spells ---

@pytest.mark.parametrize(("body", "name", "title"), [
    ("vue ce matin au salon Vivatech à Paris : claire bonnet-roux directrice commerciale chez "
     "Helio Grid SAS. tél : 06 11 22 33 44 / c.bonnet@heliogrid.example. relancer dans 10 jours",
     "claire bonnet-roux", "directrice commerciale"),
    ("ieri alla fiera conosciuto marco ferri responsabile acquisti presso Delta Mobili Srl "
     "mail m.ferri@deltamobili.example risentirlo tra 2 settimane",
     "marco ferri", "responsabile acquisti"),
])
def test_lower_case_name_ends_at_title(body: str, name: str, title: str) -> None:
    person = one(body)
    assert (person.full_name or "").casefold() == name
    assert (person.title or "").casefold() == title


def test_lower_case_name_ends_at_firm_of_its_domain() -> None:
    person = one("gestern auf der logimat mit jana brückner von kessler antriebstechnik "
                 "gesprochen, ist leiterin einkauf dort. mail j.brueckner@kessler-antrieb.example "
                 "in 2 wochen nachfassen")
    assert (person.full_name or "").casefold() == "jana brückner"
    assert person.company == "kessler antriebstechnik"
    assert person.title == "leiterin einkauf"


# --- forward headers of more Outlook languages, and their dates ------------------------------

@pytest.mark.parametrize("header", [
    "No: {sender}\nNosūtīts: pirmdiena, 2026. gada 9. martā 16:10\nKam: Owner <owner@own.example>"
    "\nTēma: piedāvājums",
    "Nuo: {sender}\nIšsiųsta: 2026 m. kovo 9 d. 16:10\nKam: Owner <owner@own.example>\n"
    "Tema: pasiūlymas",
    "Kimden: {sender}\nGönderildi: 9 Mart 2026 Pazartesi 16:10\nKime: Owner <owner@own.example>"
    "\nKonu: teklif",
    "De la: {sender}\nTrimis: luni, 9 martie 2026 16:10\nCătre: Owner <owner@own.example>\n"
    "Subiect: ofertă",
    "-----Original Message-----\nFrom: Sandoval, Teresa <teresa.sandoval@ormeno.example>\n"
    "Sent: Monday, March 9, 2026 4:10 PM\nTo: Owner <owner@own.example>\nSubject: quote",
])
def test_forward_headers_of_more_languages(header: str) -> None:
    raw = ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: Fwd: x\r\n"
           "Date: Tue, 10 Mar 2026 18:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "\r\nFrom the fair, follow up in 2 weeks.\r\n\r\n"
           + header.format(sender="Teresa Sandoval <teresa.sandoval@ormeno.example>")
           + "\r\n\r\nHello,\r\n\r\nthe offer.\r\n\r\nRegards,\r\n\r\nTeresa Sandoval\r\n"
           "Export Manager\r\nOrmeño Conservas S.L.\r\n+34 915 555 123\r\n").encode()
    note = parse_message(raw)
    assert note.forwarded is not None
    assert (note.forwarded.date or "").startswith("2026-03-09T16:10")
    person = note.contacts[0]
    assert (person.full_name, person.title, person.company) == (
        "Teresa Sandoval", "Export Manager", "Ormeño Conservas S.L.")


# --- a card's title line keeps its short words and its lower-case scope ----------------------

@pytest.mark.parametrize(("title_line", "firm"), [
    ("Kierownik ds. Eksportu", "Meblex Sp. z o.o."),
    ("Kierownik ds. eksportu, region południowy", "Meblex Sp. z o.o."),
    ("Stellv. Leiter Einkauf", "Holmberg Werkzeuge GmbH"),
    ("Jefa de ventas, zona norte", "Conservas Ribera S.L."),
])
def test_card_title_line_kept_whole(title_line: str, firm: str) -> None:
    person = one(f"Wczoraj na targach, nowy kontakt:\n\nBarbara Zielińska\n{title_line}\n{firm}\n"
                 "b.zielinska@meblex.example\n")
    assert (person.title, person.company) == (title_line, firm)


# --- HTML notes: a table of labels and values reads as a labelled block --------------------

def _html_note(html: str) -> list[ParsedContact]:
    raw = ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: contact\r\n"
           "Date: Tue, 10 Mar 2026 18:00:00 +0100\r\nContent-Type: text/html; charset=utf-8\r\n"
           "\r\n" + html).encode()
    return list(parse_message(raw).contacts)


@pytest.mark.parametrize(("rows", "name", "company", "title"), [
    ([("Name:", "Moritz Haag"), ("Firma:", "Kartonwerk Süd GmbH"), ("Funktion:", "Leiter Vertrieb"),
      ("E-Mail:", "m.haag@kartonwerk.example")], "Moritz Haag", "Kartonwerk Süd GmbH",
     "Leiter Vertrieb"),
    ([("Nom", "Élodie Marchal"), ("Société", "Hydrovia SAS"), ("Poste", "Directrice technique"),
      ("Tél.", "04 72 55 12 34")], "Élodie Marchal", "Hydrovia SAS", "Directrice technique"),
])
def test_html_table_block(rows: list[tuple[str, str]], name: str, company: str,
                          title: str) -> None:
    cells = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    found = _html_note(f"<p>Vom Stand heute.</p><table><tr><th>Kontakt</th></tr>{cells}</table>"
                       "<p>In zwei Wochen nachfassen.</p>")
    assert [(c.full_name, c.company, c.title) for c in found] == [(name, company, title)]


def test_html_table_signature_cells() -> None:
    from followup.parsing.html import html_to_text

    text = html_to_text("<table><tr><td><b>Hugo Lefèvre</b></td><td>|</td><td>Responsable</td>"
                        "</tr><tr><td>Batiplus SARL</td><td>|</td><td>06 12 34 56 78</td></tr>"
                        "</table>", 10_000, [])
    assert "Hugo Lefèvre | Responsable" in text and "---" not in text
