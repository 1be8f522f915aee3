"""Who a note is about, rule by rule (issue 11, fifth round): each test states one kind of
miss seen on outside authors' notes and checks the rule on invented wordings, names, cities
and languages (none copied from a held-out set)."""

from __future__ import annotations

from followup.model import ParsedContact
from followup.parsing import parse_message
from followup.parsing.phones import find_phones
from followup.parsing.signature import parse_signature


def people(body: str, date: str = "Tue, 10 Mar 2026 18:00:00 +0100") -> list[ParsedContact]:
    raw = ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: note\r\n"
           f"Date: {date}\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "\r\n" + body + "\r\n").encode()
    return list(parse_message(raw).contacts)


def one(body: str) -> ParsedContact:
    found = people(body)
    assert len(found) == 1, found
    return found[0]


def test_an_extension_after_a_signature_number_keeps_the_number() -> None:
    def finder(text: str) -> list[str]:
        return [e for e, _r, _s, _e in find_phones(text, "US")]

    for line in ("Direct 415-555-0123 ext. 44", "T: (303) 555-0176 x19",
                 "Tel 604 555 0142 poste 310", "Office: 312.555.0109, Ext 7"):
        body = f"Thanks,\nPriya Raman\nBuyer\nCobalt Freight LLC\n{line}\n"
        info = parse_signature(body, "Priya Raman", "priya@cobaltfreight.example", finder)
        assert len(info.phones) == 1, (line, info)
        assert info.company == "Cobalt Freight LLC"


def test_a_labelled_firm_title_or_address_holds_no_person() -> None:
    c = one("NAME: Dwight Okonkwo\nCOMPANY: Meridian Vale Holdings, Inc.\n"
            "PHONE: 646 555 0199\nEMAIL: dokonkwo@meridianvale.example")
    assert (c.full_name, c.company) == ("Dwight Okonkwo", "Meridian Vale Holdings, Inc.")
    assert c.phones == ("+16465550199",)


def test_designation_and_other_role_labels_give_the_title() -> None:
    c = one("Name: Ananya Iyer\nDesignation: Senior Manager, Treasury Ops\n"
            "Company: Kaveri Capital Ltd\nEmail: ananya@kavericap.example")
    assert (c.title, c.company) == ("Senior Manager, Treasury Ops", "Kaveri Capital Ltd")
    c = one("Nombre: Rocío Peralta\nOcupación: jefa de logística\nEmpresa: Andes Carga SAC\n"
            "Correo: rocio@andescarga.example")
    assert (c.title, c.company) == ("jefa de logística", "Andes Carga SAC")


def test_of_names_the_employer_after_a_title_that_heads_a_firm() -> None:
    c = one("Thabo Ndlovu, MD of Kestrel Pumps, 012 555 0148, met at the water expo")
    assert (c.title, c.company) == ("MD", "Kestrel Pumps")
    c = one("Grace Wanjiru - GM of Savanna Couriers - grace@savannacouriers.example")
    assert (c.title, c.company) == ("GM", "Savanna Couriers")
    # "Head of" names a department, not the employer
    c = one("Liam Byrne, Head of Data, 087 555 1234, Dublin")
    assert c.company is None


def test_a_firm_between_a_name_and_its_number_is_the_company_not_a_second_person() -> None:
    c = one("Wanjiru Kamau, Mavuno Analytics, 0722 555 019 - Nairobi agri forum")
    assert (c.full_name, c.company) == ("Wanjiru Kamau", "Mavuno Analytics")
    c = one("Rohan Mehta - Tidepool Labs - 98201 55512. Pune founders meetup")
    assert (c.full_name, c.company) == ("Rohan Mehta", "Tidepool Labs")
    # an event or a city there is not the firm
    c = one("Kofi Mensah - Accra fintech meetup - 024 555 1870")
    assert c.company is None


def test_a_person_named_after_their_number_takes_the_role_written_with_the_name() -> None:
    c = one("Coffee at the Perth mining summit with Jarrah Collins — Head of Procurement at "
            "Redgum Drilling Pty Ltd. They want a pilot.\nher mobile 0412 555 987")
    assert (c.full_name, c.title, c.company) == ("Jarrah Collins", "Head of Procurement",
                                                 "Redgum Drilling Pty Ltd")
