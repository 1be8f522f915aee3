"""Round 13, notes about several people: how a note is cut into people (lists whose lines open
with a name or a given name, people inside running paragraphs tied to a role, a number on a
line going to that line's person), on invented notes in several languages."""

from __future__ import annotations

import pytest

from tests.owner_notes import people

_NOTES = [
    ("Coffee with the Lumenfield team in Leeds. People:\n\n"
     "Priya Nair - COO (priya@lumenfield.example)\nTeo, their data lead\n"
     "Morgan Blake - CFO, 0113 496 0571, morgan@lumenfield.example\n",
     ["Priya Nair", "Teo", "Morgan Blake"]),
    ("Met three at the Oslo energy summit:\n"
     "Astrid Holm, CEO of Fjordvolt (astrid@fjordvolt.example)\nKai - sales lead, no card\n"
     "Leif Berg, the founder of Nordgrid, leif@nordgrid.example\n",
     ["Astrid Holm", "Kai", "Leif Berg"]),
    ("Dinner with Harbourline Partners at Osteria Blu. Sat next to Clara Voss (partner, "
     "clara@harbourline.example) and Ivo, their CFO - lots of questions. Their analyst Rhea "
     "Mont was across from me, 212 555 0177.",
     ["Clara Voss", "Ivo", "Rhea Mont"]),
    ("Heute auf der Logimat in Stuttgart:\n"
     "- Katrin Weiß, Leiterin Einkauf, Hafenlog GmbH, katrin.weiss@hafenlog.example\n"
     "- Ralf - Vertrieb, 0171 2345678\n- Dr. Uwe Brandt, Geschäftsführer von Brandt Antriebe\n",
     ["Katrin Weiß", "Ralf", "Uwe Brandt"]),
    ("Salon Vivatech à Paris, trois contacts :\n"
     "- Julie Marchand, directrice marketing chez Lumio, julie@lumio.example\n"
     "- Hugo, développeur, 06 12 34 56 78\n"
     "- Bastien Roy, fondateur de Kelp, bastien@kelp.example\n",
     ["Julie Marchand", "Hugo", "Bastien Roy"]),
    ("Feria de Valencia, tres personas:\n"
     "- Lucía Prieto Sanz, directora comercial, Citrícola S.L., lucia@citricola.example\n"
     "- Pablo, técnico, 612 345 678\n"
     "- Irene Vidal, fundadora de Huerta Viva, irene@huertaviva.example\n",
     ["Lucía Prieto Sanz", "Pablo", "Irene Vidal"]),
    ("Fiera di Bologna, tre contatti:\n"
     "- Giulia Serra, responsabile acquisti, Ortofrutta Srl, giulia@ortofrutta.example\n"
     "- Matteo, tecnico, 347 123 4567\n"
     "- Paolo Conti, fondatore di Agrilab, paolo@agrilab.example\n",
     ["Giulia Serra", "Matteo", "Paolo Conti"]),
    ("Call with Ashanti Grains today. Ama Boateng (CEO, ama@ashanti.example) joined with her "
     "ops guy Kojo, 024 555 0190.", ["Ama Boateng", "Kojo"]),
    ("Two folks from Brightkeel: Owen Price (CTO) and Lena Park (product), both keen on a pilot.",
     ["Owen Price", "Lena Park"]),
    ("Lunch at Quayside. Joined by:\n* Sam Oduya - founder, Tideway Labs, sam@tideway.example\n"
     "* Bea, head of ops\n* Rohan Mehta - partner at Kestrel VC, 020 7946 0321\n",
     ["Sam Oduya", "Bea", "Rohan Mehta"]),
    ("Met at the Bergen ocean expo:\nNils Aas, CEO, Havdrift AS, nils@havdrift.example, "
     "912 34 567\nIngrid - head of service, Havdrift AS, 415 56 677\n", ["Nils Aas", "Ingrid"]),
    ("Workshop day at the Solvane lab. Dr. Mara Lind wants pilot partners - mara@solvane.example. "
     "Her postdoc Tomas Greer gave me his number, 0161 496 0733. Then the founder of Brisklet, "
     "Noor Haddad, raising a seed, noor@brisklet.example.",
     ["Mara Lind", "Tomas Greer", "Noor Haddad"]),
]


@pytest.mark.parametrize(("note", "names"), _NOTES)
def test_each_person_of_the_note_in_order(note: str, names: list[str]) -> None:
    assert [c.full_name for c in people(note)] == names


def test_a_number_on_a_later_line_goes_to_that_line() -> None:
    found = people(_NOTES[2][0])
    assert found[0].phones == ()
    assert found[2].phones == ("+12125550177",)


def test_a_peer_named_in_passing_is_no_one() -> None:
    found = people("Met Ilse Moor in Ghent yesterday, head of growth at Veldkrop, "
                   "ilse@veldkrop.example. Her co-founder Bram came by too, no details.")
    assert [c.full_name for c in found] == ["Ilse Moor"]


def test_a_scope_after_a_title_is_no_name() -> None:
    found = people("Conosciuto oggi Piero Sala, direttore vendite Nord Europa di Latteria "
                   "Monviso Srl, piero@monviso.example")
    assert [c.full_name for c in found] == ["Piero Sala"]


def test_a_country_opening_a_title_scope_is_no_name() -> None:
    found = people("Fiera di Verona oggi: Elena Bruni, responsabile vendite Italia Centro, "
                   "Vigneti Colli Srl, elena@colli.example, 348 555 1290")
    assert [c.full_name for c in found] == ["Elena Bruni"]
    assert found[0].phones == ("+393485551290",)


def test_a_role_after_a_given_name_closed_by_a_dash() -> None:
    found = people("Drinks with Quarrel & Co. Sat with Dana Holt (partner, dana@quarrel.example) "
                   "and Pim, their COO - very sharp on margins.")
    assert [(c.full_name, c.title) for c in found] == [("Dana Holt", "partner"), ("Pim", "COO")]


def test_a_pronoun_that_is_a_given_name_opens_a_listed_name() -> None:
    found = people("Spoke with two from Corvane at the fintech summit: Ella Marsh (head of risk, "
                   "ella@corvane.example) and Jakob Fenn, product, 07700 900456.")
    assert [(c.full_name, c.emails) for c in found] == [
        ("Ella Marsh", ("ella@corvane.example",)), ("Jakob Fenn", ())]


def test_a_colleague_item_with_a_number_is_a_person_and_keeps_it() -> None:
    found = people("Gestern beim Branchentreff in Graz:\n"
                   "- Martina Huber, Einkauf, Stahlwerk Mur GmbH, martina.huber@stahlmur.example\n"
                   "- ihr Kollege Peter, Technik, 0664 1234567\n")
    assert [(c.full_name, c.phones) for c in found] == [
        ("Martina Huber", ()), ("Peter", ("+436641234567",))]


@pytest.mark.parametrize(("note", "names"), [
    ("Cena en Madrid con el equipo de Trevia. Me senté entre Laura Méndez (socia, "
     "laura@trevia.example) y Jorge, su director financiero. Su analista Sara Gil me pasó su "
     "móvil, 611 222 333.", ["Laura Méndez", "Jorge", "Sara Gil"]),
    ("Dîner à Lyon avec l'équipe de Marbelle. Assis entre Claire Dumas (associée, "
     "claire@marbelle.example) et Théo, leur directeur financier. Leur analyste Inès Laurent "
     "m'a donné son portable, 06 11 22 33 44.", ["Claire Dumas", "Théo", "Inès Laurent"]),
    ("Cena con i soci di Valmetra a Torino. Accanto a me Chiara Fontana (CEO, "
     "chiara@valmetra.example) e Luca, il loro CFO. Il loro analista Marco Greco mi ha dato il "
     "numero, 333 555 1234.", ["Chiara Fontana", "Luca", "Marco Greco"]),
])
def test_a_firms_dinner_in_other_languages(note: str, names: list[str]) -> None:
    assert [c.full_name for c in people(note)] == names


@pytest.mark.parametrize("note", [
    "Drinks with the Ostrava Rail team. Sat with Jana Dvorak (CEO, jana@ostravarail.example) "
    "and Milo, their CTO. Their analyst Pia Kral was there too, 777 123 456.",
    "Dîner avec Ostrava Rail à Lille. À côté de Jana Dvorak (PDG, jana@ostravarail.example) et "
    "Milo, leur directeur technique. Leur analyste Pia Kral m'a donné son numéro, 06 98 76 54 32.",
])
def test_their_role_is_at_the_firm_of_the_note(note: str) -> None:
    found = people(note)
    assert [c.full_name for c in found] == ["Jana Dvorak", "Milo", "Pia Kral"]
    assert {c.company for c in found} == {"Ostrava Rail"}


def test_her_helper_gets_no_firm() -> None:
    found = people("Ama Boateng, CEO at Ashanti Grains, ama@ashanti.example\n"
                   "her assistant-to-be Kofi Mensah 024 555 0190")
    assert found[-1].company is None


def test_a_group_firm_before_lower_case_words() -> None:
    found = people("Two folks from Quillfield both keen: Ada Park (CTO) and Rui Maia (sales), "
                   "rui@quillfield.example")
    assert [(c.full_name, c.company) for c in found] == [
        ("Ada Park", "Quillfield"), ("Rui Maia", "Quillfield")]


@pytest.mark.parametrize(("note", "rows"), [
    ("Stand tour at the Lyon packaging fair:\n\n"
     "Stand 44 - Cartonova. Spoke to Elise Fabre, buyer. elise@cartonova.example\n"
     "Stand 210 - Briquet Emballages, owner Luc Briquet. wrote down his cell 06 22 33 44 55\n"
     "Stand 318 (Papyra) - Nina Sorel, export sales, nina@papyra.example\n",
     [("Elise Fabre", "Cartonova"), ("Luc Briquet", "Briquet Emballages"),
      ("Nina Sorel", "Papyra")]),
    ("Recorrido por el pabellón 5 hoy:\n"
     "Stand C7 - Bombas Ibéricas, gerente Luis Mora, 611 555 012\n"
     "Stand D2 (Juntas Norte) - Eva Marín, compras, eva.marin@juntasnorte.example\n",
     [("Luis Mora", "Bombas Ibéricas"), ("Eva Marín", "Juntas Norte")]),
])
def test_a_stand_line_gives_its_firm_to_its_own_person(note: str,
                                                       rows: list[tuple[str, str]]) -> None:
    assert [(c.full_name, c.company) for c in people(note)] == rows


def test_the_next_persons_introduction_is_no_title_of_ours() -> None:
    found = people("webdev meetup last night. 2 worth it: tara quinn (pixelmoss) "
                   "tara@pixelmoss.example + a designer named felix, only got his # 206 555 0143.")
    assert len(found) == 2
    assert found[0].title is None
    assert found[1].phones == ("+12065550143",)
