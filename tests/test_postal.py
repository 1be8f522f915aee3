"""Postal addresses in the formats of Latin America, the Baltics, Central Europe, France,
the UK, Ireland, Iberia, the Low Countries and Africa: own examples, one shape at a time."""

from __future__ import annotations

import pytest

from followup.parsing.postal import continues_address, find_address, is_address


@pytest.mark.parametrize(("line", "want"), [
    # a street name then its number, no street word: the postcode decides
    ("Narva mnt 7b, 10117 Tallinn, Estonia", "Narva mnt 7b, 10117 Tallinn, Estonia"),
    ("Lõõtsa 5, 11415 Tallinn", "Lõõtsa 5, 11415 Tallinn"),
    ("Karlova 27, 110 00 Praha 1", "Karlova 27, 110 00 Praha 1"),
    ("Prinsengracht 480, 1017 KH Amsterdam", "Prinsengracht 480, 1017 KH Amsterdam"),
    # several words before a street word that follows the name
    ("Brīvības iela 76, Rīga, LV-1001", "Brīvības iela 76, Rīga, LV-1001"),
    ("Vokiečių gatvė 12, LT-01130 Vilnius", "Vokiečių gatvė 12, LT-01130 Vilnius"),
    # Latin America: no postcode, the city closes; units and floors between
    ("Av. Apoquindo 3000, piso 12, Las Condes, Santiago, Chile",
     "Av. Apoquindo 3000, piso 12, Las Condes, Santiago, Chile"),
    ("Calle 93 # 11-26, Oficina 401, Bogotá", "Calle 93 # 11-26, Oficina 401, Bogotá"),
    ("Av. Arequipa 2450, Lince, Lima", "Av. Arequipa 2450, Lince, Lima"),
    ("Bv. Oroño 1120, S2000 Rosario", "Bv. Oroño 1120, S2000 Rosario"),
    ("Av. Juárez 1102 Ote., Col. Centro, 72000 Puebla, Pue.",
     "Av. Juárez 1102 Ote., Col. Centro, 72000 Puebla, Pue."),
    ("Av. Brigadeiro Faria Lima, 3477 - 14º andar, Itaim Bibi, São Paulo - SP, 04538-133",
     "Av. Brigadeiro Faria Lima, 3477 - 14º andar, Itaim Bibi, São Paulo - SP, 04538-133"),
    # Portugal's 4-3 postcode, a labelled line
    ("Morada: Rua de Santa Catarina 250, 4000-447 Porto",
     "Rua de Santa Catarina 250, 4000-447 Porto"),
    # Ireland's Eircode, the UK's unit first
    ("Unit 12, Sandyford Business Park, Dublin 18, D18 T3K9",
     "Unit 12, Sandyford Business Park, Dublin 18, D18 T3K9"),
    # Africa: plots, PO boxes and a region's short name after the city
    ("Plot 45, Kampala Road, Kampala", "Plot 45, Kampala Road, Kampala"),
    ("Ngong Road, P.O. Box 10250-00100, Nairobi", "Ngong Road, P.O. Box 10250-00100, Nairobi"),
    ("Plot 9, Wuse Zone 4, Abuja, FCT", "Plot 9, Wuse Zone 4, Abuja, FCT"),
    # France and Canada: the house number is no postcode
    ("18 rue de la République, 69002 Lyon", "18 rue de la République, 69002 Lyon"),
    ("600 boul. de Maisonneuve O., bureau 1700, Montréal (Québec) H3A 3J2",
     "600 boul. de Maisonneuve O., bureau 1700, Montréal (Québec) H3A 3J2"),
])
def test_address_lines(line: str, want: str) -> None:
    assert find_address(line) == want


@pytest.mark.parametrize("line", [
    "Met Anna at Hall 7, Berlin, nice chat",
    "We sold 3 units, mostly in Madrid",
    "Booth 14, Lisbon",
    "She has 2 kids, lives near Porto",
])
def test_sentences_with_numbers_are_no_addresses(line: str) -> None:
    assert find_address(line) is None


@pytest.mark.parametrize(("seg", "want"), [
    ("Unit 4, Harbour Yard", True),          # the first line of a UK address
    ("Suite 300", True),
    ("P.O. Box 1234", True),
    ("Tallinna 12, 51004 Tartu", True),
    ("T 416 555-0199 poste 12", False),       # a phone line with a Québec extension
    ("Tel: 020 555 7781", False),
    ("Team of 12 engineers", False),
])
def test_signature_lines(seg: str, want: bool) -> None:
    assert is_address(seg) is want


@pytest.mark.parametrize(("line", "want"), [
    ("ZA du Grand Pré, 38170 Seyssinet", "ZA du Grand Pré, 38170 Seyssinet"),
    ("C/ Colón 12, 46004 Valencia", "C/ Colón 12, 46004 Valencia"),
    ("Königstr. 9, 70173 Stuttgart", "Königstr. 9, 70173 Stuttgart"),
    ("Storgata 20, 0184 Oslo", "Storgata 20, 0184 Oslo"),
    ("Bulevardul Eroilor 3, 400129 Cluj-Napoca", "Bulevardul Eroilor 3, 400129 Cluj-Napoca"),
    ("Carrera 43A # 1-50, Medellín", "Carrera 43A # 1-50, Medellín"),
    ("Level 12, 60 Collins St, Melbourne VIC 3000", "Level 12, 60 Collins St, Melbourne VIC 3000"),
    ("500 Oracle Pkwy, Redwood City, CA 94065", "500 Oracle Pkwy, Redwood City, CA 94065"),
])
def test_more_address_shapes(line: str, want: str) -> None:
    assert find_address(line) == want


@pytest.mark.parametrize(("seg", "want"), [
    ("Col. Polanco", True),
    ("Bairro Funcionários", True),
    ("Savassi - Belo Horizonte/MG", True),
    ("30140-120", True),
    ("Estonia", True),
    ("Lietuva", True),
    ("Head of Sales", False),
    ("Tel. +370 5 212 3456", False),
    ("Registered in England and Wales No. 01234567", False),
])
def test_lines_that_go_on_from_an_address(seg: str, want: bool) -> None:
    assert continues_address(seg) is want


def _signature_address(block: str) -> str | None:
    from email.message import EmailMessage

    from followup.parsing import parse_message

    msg = EmailMessage()
    msg["From"] = "Dana Owner <dana@owner.example>"
    msg["To"] = "notes@owner.example"
    msg["Subject"] = "Fwd: hello"
    msg["Date"] = "Wed, 04 Mar 2026 10:00:00 +0100"
    msg["Message-ID"] = "<postal@owner.example>"
    name = block.splitlines()[0]
    msg.set_content(
        "Met at the fair.\n\n---------- Forwarded message ---------\n"
        f"From: {name} <x@firm.example>\nDate: Mon, 2 Mar 2026 at 15:12\nSubject: Hi\n"
        f"To: Dana <dana@owner.example>\n\nHi Dana,\n\nthanks!\n\nBest regards,\n{block}\n")
    contacts = parse_message(msg.as_bytes()).to_json()["contacts"]
    return contacts[0]["address"] if contacts else None


def test_a_signature_address_over_several_lines_keeps_every_line() -> None:
    assert _signature_address(
        "Lucía Fernández\nGerente Comercial\nFirma S.A. de C.V.\nAv. Chapultepec 480, Piso 3\n"
        "Col. Roma Norte\n06700 Ciudad de México\nTel. +52 55 5555 0000"
    ) == "Av. Chapultepec 480, Piso 3, Col. Roma Norte, 06700 Ciudad de México"
    assert _signature_address(
        "Rasa Petrauskienė\nCOO\nFirma UAB\nKonstitucijos pr. 7\nLT-09308 Vilnius\nLietuva\n"
        "+370 600 00000"
    ) == "Konstitucijos pr. 7, LT-09308 Vilnius, Lietuva"
    assert _signature_address(
        "Harriet Cole\nFinance Director\nFirma Ltd\nUnit 9, Canal Wharf\nLeeds LS11 5PS\n"
        "Tel: 0113 496 0000"
    ) == "Unit 9, Canal Wharf, Leeds LS11 5PS"


@pytest.mark.parametrize(("line", "want"), [
    ("Konstitucijos pr. 12, LT-09308 Vilnius", "Konstitucijos pr. 12, LT-09308 Vilnius"),
    ("Savanorių g. 28, LT-03116 Vilnius", "Savanorių g. 28, LT-03116 Vilnius"),
    ("Rävala pst 4, 10143 Tallinn", "Rävala pst 4, 10143 Tallinn"),
    ("Raekoja tn 3, 51004 Tartu", "Raekoja tn 3, 51004 Tartu"),
    ("Raiņa bulvāris 19, Rīga, LV-1586", "Raiņa bulvāris 19, Rīga, LV-1586"),
])
def test_baltic_street_words(line: str, want: str) -> None:
    assert find_address(line) == want


def test_a_phone_after_the_address_is_not_part_of_it() -> None:
    assert find_address("9 Rose Street, Edinburgh EH2 2PR, 07700 900456") == \
        "9 Rose Street, Edinburgh EH2 2PR"
    assert find_address("Av. Paulista 900, São Paulo - SP, 01310-100, +55 11 5555 0000") == \
        "Av. Paulista 900, São Paulo - SP, 01310-100"


@pytest.mark.parametrize(("line", "want"), [
    # Japan: the block number (chōme-banchi-gō) before the district, the ward, the city
    # with its postcode, the country
    ("1-9-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005, Japan",
     "1-9-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005, Japan"),
    ("3-5-12 Sakae, Naka-ku, Nagoya 460-0008", "3-5-12 Sakae, Naka-ku, Nagoya 460-0008"),
    ("4-2 Umeda, Kita-ku, Osaka", "4-2 Umeda, Kita-ku, Osaka"),
    # Korea: road names in -ro, -daero, -gil
    ("152 Teheran-ro, Gangnam-gu, Seoul 06236, South Korea",
     "152 Teheran-ro, Gangnam-gu, Seoul 06236, South Korea"),
    ("Sejong-daero 110, Jung-gu, Seoul", "Sejong-daero 110, Jung-gu, Seoul"),
])
def test_japanese_and_korean_addresses(line: str, want: str) -> None:
    assert find_address(line) == want
    assert is_address(line)


def test_a_japanese_postcode_needs_its_city_or_ward() -> None:
    assert continues_address("Shibuya-ku, Tokyo 150-0002")
    assert is_address("〒150-0002 Shibuya")
    assert not is_address("Mobile 555-0143")
    assert find_address("Seattle 555-0143, ask for Jake") is None


@pytest.mark.parametrize(("text", "want"), [
    ("oficina 55 5250 3300\nAv. Insurgentes Sur 1602, Col. Crédito Constructor, 03940 Ciudad de "
     "México", "Av. Insurgentes Sur 1602, Col. Crédito Constructor, 03940 Ciudad de México"),
    ("office 020 7946 0321\nUnit 5, Riverside Park, Leeds LS10 1AB",
     "Unit 5, Riverside Park, Leeds LS10 1AB"),
    ("bureau 04 72 10 33 90\n12 rue de la République, 69002 Lyon",
     "12 rue de la République, 69002 Lyon"),
])
def test_an_office_word_before_a_phone_number_is_no_unit(text: str, want: str) -> None:
    assert not is_address(text.splitlines()[0])
    assert find_address(text) == want


@pytest.mark.parametrize(("line", "want"), [
    ("Carrera 7 No. 71-21, Torre B, Piso 12, Bogotá",
     "Carrera 7 No. 71-21, Torre B, Piso 12, Bogotá"),
    ("Av. Córdoba 1351, Of. 702, C1055AAD Buenos Aires",
     "Av. Córdoba 1351, Of. 702, C1055AAD Buenos Aires"),
])
def test_a_short_words_dot_before_a_number_ends_no_sentence(line: str, want: str) -> None:
    assert find_address(line) == want


# p-placetime5: the house number before the street's name, without a street word (Vietnam,
# Thailand, Malaysia), is an address when the line ends at a country
@pytest.mark.parametrize(("line", "want"), [
    ("42 Tran Hung Dao, Cua Nam Ward, Hoan Kiem, Hanoi, Viet Nam",
     "42 Tran Hung Dao, Cua Nam Ward, Hoan Kiem, Hanoi, Viet Nam"),
    ("88 Sukhumvit Soi 21, Khlong Toei, Bangkok, Thailand",
     "88 Sukhumvit Soi 21, Khlong Toei, Bangkok, Thailand"),
    ("7 Jalan Ampang, 50450 Kuala Lumpur, Malaysia",
     "7 Jalan Ampang, 50450 Kuala Lumpur, Malaysia"),
    ("3 Days Left, Berlin", None),
    ("12 Angry Men, Netflix", None),
])
def test_a_number_first_street_without_a_street_word(line: str, want: str | None) -> None:
    assert find_address(line) == want
