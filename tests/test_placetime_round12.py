"""Where and when (issue 11, round 12), probe-driven: invented notes in the parser's
languages, each with what a careful reader expects by the samples' conventions (no names,
firms or events copied from a held-out set). Dated Wednesday 14 October 2026, 17:30 +0200."""

from __future__ import annotations

import pytest

from followup.model import ParsedNote
from followup.parsing import parse_message

DATE = "Wed, 14 Oct 2026 17:30:00 +0200"
HEAD = ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: note\r\n"
        "Date: {date}\r\nMIME-Version: 1.0\r\n")
FWD = (HEAD + "Content-Type: text/plain; charset=utf-8\r\n\r\n{owner}\r\n\r\n"
       "---------- Forwarded message ---------\r\n"
       "From: Ruth Adler <ruth@adlerworks.example>\r\nDate: Mon, Oct 12, 2026 at 9:14 AM\r\n"
       "Subject: nice meeting you\r\nTo: Owner <owner@own.example>\r\n\r\n{fwd}\r\n\r\n"
       "Ruth Adler\r\nHead of Partnerships, Adler Works\r\n")
VCF = (HEAD + "Content-Type: multipart/mixed; boundary=BB\r\n\r\n--BB\r\n"
       "Content-Type: text/plain; charset=utf-8\r\n\r\n{owner}\r\n--BB\r\n"
       "Content-Type: text/vcard; name=card.vcf\r\n"
       "Content-Disposition: attachment; filename=card.vcf\r\n\r\n"
       "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Timo Lehto\r\nN:Lehto;Timo;;;\r\n"
       "ORG:Saimaa Systems\r\nEMAIL:timo@saimaa.example\r\nTEL;TYPE=CELL:+358401234567\r\n"
       "END:VCARD\r\n--BB--\r\n")
PLAIN = HEAD + "Content-Type: text/plain; charset=utf-8\r\n\r\n{owner}\r\n"


def parse(body: str, date: str | None = None, frame: str = PLAIN, fwd: str = "") -> ParsedNote:
    raw = frame.format(date=date or DATE, owner=body, fwd=fwd)
    return parse_message(raw.encode())


def same_place(got: str | None, want: str | tuple[str, ...]) -> bool:
    wants = want if isinstance(want, tuple) else (want,)
    norm = (got or "").lower().removeprefix("the ")
    return any(norm == w.lower().removeprefix("the ") for w in wants)


@pytest.mark.parametrize(("body", "want", "date"), [
    ('Nordic Maker Faire\nMet Lin Wei, product lead at Tidebyte. '
     'lin@tidebyte.example\nf/u next Tuesday',
     'Nordic Maker Faire', None),
    ('devopsdays zurich\nreto fischer, sre lead, reto@kiesel.example',
     'devopsdays zurich', None),
    ('techweek lisboa\nconheci a Rita Sousa (rita@marinho.example), volta a '
     'falar em 15 dias',
     'techweek lisboa', None),
    ('Auf dem Kongress Digitale Verwaltung in Erfurt mit Jana Krüger '
     'gesprochen, jana.krueger@amt.example',
     'Kongress Digitale Verwaltung in Erfurt', None),
    ('Rencontré Paul Mercier au salon des vins de Bordeaux mardi. '
     'paul@chai.example',
     'salon des vins de Bordeaux', None),
    ('conocí a lucía torres en la feria del libro de guadalajara, '
     'lucia@letras.example',
     'feria del libro de guadalajara', None),
    ('Conosciuto Marco Bianchi al convegno di urbanistica a Bologna ieri, '
     'marco@studio.example',
     'convegno di urbanistica a Bologna', None),
    ('Gesproken met Sanne de Wit op de Dag van de Logistiek in Utrecht. '
     'sanne@vracht.example',
     'Dag van de Logistiek in Utrecht', None),
    ('Conheci o Tiago Alves na feira de startups do Porto, '
     'tiago@alvesdev.example',
     'feira de startups do Porto', None),
    ('Poznałem Annę Nowak na konferencji Fintech w Warszawie, '
     'anna@bankowo.example',
     ('konferencji Fintech w Warszawie', 'konferencja Fintech w Warszawie'), None),
    ("Vaig conèixer la Marta Puig a la fira d'innovació de Girona, "
     'marta@puig.example',
     "fira d'innovació de Girona", None),
    ('met her at the rooftop mixer of the chamber of commerce. amy cole, '
     'amy@cole.example',
     'rooftop mixer of the chamber of commerce', None),
    ('En el foro de energía de Monterrey hablé con Diego Salas, '
     'diego@salas.example',
     'foro de energía de Monterrey', None),
    ('auf der baumesse in graz mit eva huber gesprochen, eva@huberbau.example',
     'baumesse in graz', None),
    ('Ran into Omar Haddad at the fintech breakfast in Canary Wharf this '
     'morning. omar@ledgerly.example',
     'fintech breakfast in Canary Wharf', None),
    ('Met Tom Hale at the cider festival tonight, tom@hale.example. f/u tomorrow',
     'cider festival', 'Wed, 14 Oct 2026 23:40:00 -0500'),
    ('Marek Kowal marek@kowal.example. Spotkaliśmy się wczoraj na targach w '
     'Poznaniu.',
     ('targach w Poznaniu', 'targi w Poznaniu'), None),
    ('ieri alla scuola estiva di fisica di Erice ho conosciuto Paolo Neri, '
     'paolo@neri.example',
     'scuola estiva di fisica di Erice', None),
    ('hoje na semana de inovação de curitiba conheci a bia lopes, '
     'bia@lopes.example',
     'semana de inovação de curitiba', None),
    ('Gisteren op het congres van de tandartsen in Maastricht Eva Jansen '
     'gesproken, eva@jansen.example',
     'congres van de tandartsen in Maastricht', None),
    ('Wczoraj na targach w Poznaniu poznałem Jana Lisa, jan@lis.example. '
     'Odezwać się za 2 tygodnie.',
     ('targach w Poznaniu', 'targi w Poznaniu'), None),
    ('Ahir a la jornada de cooperatives de Reus vaig parlar amb la Núria Soler, '
     'nuria@soler.example',
     'jornada de cooperatives de Reus', None),
    ('Met Ravi Menon at the Koramangala coworking space today, '
     'ravi@menon.example',
     'Koramangala coworking space', None),
    ("Ce matin au petit-déjeuner de la CCI de Nantes, j'ai rencontré Anne "
     'Leroy, anne@leroy.example',
     'petit-déjeuner de la CCI de Nantes', None),
    ('Met Hana Sato at the Shibuya startup mixer last night, hana@sato.example',
     'Shibuya startup mixer', None),
    ('Kennengelernt: Paul Eder, paul@eder.example, beim Gründerfrühstück in Linz',
     'Gründerfrühstück in Linz', None),
    ('Croisé Julie Faure au congrès des notaires à Lille, julie@faure.example',
     'congrès des notaires à Lille', None),
    ('Platiqué con Luis Mora en el encuentro de exportadores en Puebla, '
     'luis@mora.example',
     'encuentro de exportadores en Puebla', None),
    ("ieri al festival dell'economia di Trento conosciuto Sara Villa, "
     'sara@villa.example',
     "festival dell'economia di Trento", None),
    ('Op de netwerkborrel in Rotterdam-Zuid Kees Smit leren kennen, '
     'kees@smit.example',
     'netwerkborrel in Rotterdam-Zuid', None),
    ('Conheci a Joana Reis no encontro de fintechs de Lisboa ontem, '
     'joana@reis.example',
     'encontro de fintechs de Lisboa', None),
    ('Na konferencji logistycznej w Gdańsku rozmawiałem z Piotrem Kalinowskim, '
     'piotr@kal.example',
     ('konferencji logistycznej w Gdańsku',), None),
    ('Coffee at Monmouth in Borough Market with Liz Hart, liz@hart.example',
     ('Monmouth in Borough Market', 'Monmouth'), None),
    ('Web Summit Lisbon\nAna Pires, CTO, ana@pires.example\nf/u Monday',
     'Web Summit Lisbon', None),
])
def test_where_they_met(body: str, want: object, date: str | None) -> None:
    """The place alone as a first line, after a meeting verb in nine languages, in lower case,
    with its district or city; in a lower-case note, a bare locative between day and verb."""
    note = parse(body, date)
    assert same_place(note.met_at, want)  # type: ignore[arg-type]


@pytest.mark.parametrize(("body", "want", "date"), [
    ('Rencontré Paul Mercier au salon des vins de Bordeaux mardi. '
     'paul@chai.example',
     '2026-10-13', None),
    ('Conosciuto Marco Bianchi al convegno di urbanistica a Bologna ieri, '
     'marco@studio.example',
     '2026-10-13', None),
    ('Ran into Omar Haddad at the fintech breakfast in Canary Wharf this '
     'morning. omar@ledgerly.example',
     '2026-10-14', None),
    ('Met Tom Hale at the cider festival tonight, tom@hale.example. f/u tomorrow',
     '2026-10-14', 'Wed, 14 Oct 2026 23:40:00 -0500'),
    ('Met Lara Kim last Thursday, lara@kim.example',
     '2026-10-08', None),
    ('Vorige week dinsdag Joost Mulder gesproken, joost@mulder.example',
     '2026-10-06', None),
    ('Vu Hugo Petit mardi dernier, hugo@petit.example',
     '2026-10-13', None),
    ('Conocí a Sara Ríos el martes pasado, sara@rios.example',
     '2026-10-13', None),
    ('Incontrato Luca Greco lo scorso venerdì, luca@greco.example',
     '2026-10-09', None),
    ('Marek Kowal marek@kowal.example. Spotkaliśmy się wczoraj na targach w '
     'Poznaniu.',
     '2026-10-13', None),
    ('ieri alla scuola estiva di fisica di Erice ho conosciuto Paolo Neri, '
     'paolo@neri.example',
     '2026-10-13', None),
    ('hoje na semana de inovação de curitiba conheci a bia lopes, '
     'bia@lopes.example',
     '2026-10-14', None),
    ('Gisteren op het congres van de tandartsen in Maastricht Eva Jansen '
     'gesproken, eva@jansen.example',
     '2026-10-13', None),
    ('Wczoraj na targach w Poznaniu poznałem Jana Lisa, jan@lis.example. '
     'Odezwać się za 2 tygodnie.',
     '2026-10-13', None),
    ('Ahir a la jornada de cooperatives de Reus vaig parlar amb la Núria Soler, '
     'nuria@soler.example',
     '2026-10-13', None),
    ('Met Ravi Menon at the Koramangala coworking space today, '
     'ravi@menon.example',
     '2026-10-14', None),
    ("Ce matin au petit-déjeuner de la CCI de Nantes, j'ai rencontré Anne "
     'Leroy, anne@leroy.example',
     '2026-10-14', None),
    ('Met Hana Sato at the Shibuya startup mixer last night, hana@sato.example',
     '2026-10-13', None),
    ("ieri al festival dell'economia di Trento conosciuto Sara Villa, "
     'sara@villa.example',
     '2026-10-13', None),
    ('Conheci a Joana Reis no encontro de fintechs de Lisboa ontem, '
     'joana@reis.example',
     '2026-10-13', None),
    ('Joe Kim joe@kim.example. met him at 11pm after the gala, f/u tomorrow',
     '2026-10-14', 'Wed, 14 Oct 2026 23:55:00 +0900'),
])
def test_when_they_met(body: str, want: object, date: str | None) -> None:
    """Past weekdays; last week's Tuesday is that week's day; a late evening in its offset."""
    note = parse(body, date)
    assert note.met_on is not None and note.met_on.isoformat() == want


@pytest.mark.parametrize(("body", "want", "date"), [
    ('Nordic Maker Faire\nMet Lin Wei, product lead at Tidebyte. '
     'lin@tidebyte.example\nf/u next Tuesday',
     '2026-10-20', None),
    ('techweek lisboa\nconheci a Rita Sousa (rita@marinho.example), volta a '
     'falar em 15 dias',
     '2026-10-29', None),
    ('Jon Park jon@park.example - f/u in 10 days',
     '2026-10-24', None),
    ('Lea Braun, lea@braun.example. Nachfassen in zwei Wochen.',
     '2026-10-28', None),
    ('Claire Roy claire@roy.example — relancer dans 3 semaines',
     '2026-11-04', None),
    ('Pablo Gil pablo@gil.example, dar seguimiento el próximo lunes',
     '2026-10-19', None),
    ('Giulia Ferri giulia@ferri.example, ricontattare a fine mese',
     '2026-10-31', None),
    ('Bram Visser bram@visser.example, opvolgen na 1 november',
     '2026-11-02', None),
    ('Kasia Wójcik kasia@wojcik.example, przypomnieć się za 2 tygodnie',
     '2026-10-28', None),
    ('Piotr Zieliński piotr@ziel.example. Zadzwonić za tydzień.',
     '2026-10-21', None),
    ("Nina Shah nina@shah.example. She's away until the 25th, follow up after "
     'that.',
     '2026-10-26', None),
    ("Ken Ito ken@ito.example. Don't contact before 2 November.",
     '2026-11-02', None),
    ('Ava Grant ava@grant.example, ping her the week of Nov 9',
     '2026-11-09', None),
    ('Sam Reid sam@reid.example, call him tomorrow at 9am',
     '2026-10-15', None),
    ('Met Tom Hale at the cider festival tonight, tom@hale.example. f/u tomorrow',
     '2026-10-15', 'Wed, 14 Oct 2026 23:40:00 -0500'),
    ('Max Roth max@roth.example, am 3.11. nachfassen',
     '2026-11-03', None),
    ('Inès Caron ines@caron.example, relance le 3/11',
     '2026-11-03', None),
    ('Dale Moss dale@moss.example, follow up 11/3',
     '2026-11-03', None),
    ('Jens Ott jens@ott.example. Anfang Dezember anrufen, sagen wir am 2.12.',
     '2026-12-02', None),
    ('Rosa Vidal rosa@vidal.example. Volver a llamar después del puente, el 3 '
     'de noviembre.',
     '2026-11-03', None),
    ('Elena Conti elena@conti.example, risentirci tra due settimane',
     '2026-10-28', None),
    ('Daan Bakker daan@bakker.example, over drie weken terugbellen',
     '2026-11-04', None),
    ('Zoe Park zoe@park.example — follow up Monday 9:00',
     '2026-10-19', None),
    ('Ian Ross ian@ross.example, check back in a fortnight',
     '2026-10-28', None),
    ('Ute Kern ute@kern.example. Nächste Woche Donnerstag anrufen.',
     '2026-10-22', None),
    ('Luc Morel luc@morel.example. Le rappeler la semaine prochaine, jeudi.',
     '2026-10-22', None),
    ('Ola Berg ola@berg.example, follow up end of year',
     '2026-12-31', None),
    ('Wiebke Sand wiebke@sand.example. Vor dem 10. November nicht melden.',
     '2026-11-10', None),
    ('Ana Lima ana@lima.example. Retomar o contato depois do dia 20.',
     '2026-10-21', None),
    ('Dorota Lis dorota@lis.example, odezwać się w przyszłym tygodniu',
     ('2026-10-19', '2026-10-21'), None),
    ('Wczoraj na targach w Poznaniu poznałem Jana Lisa, jan@lis.example. '
     'Odezwać się za 2 tygodnie.',
     '2026-10-28', None),
    ('Omar Aziz omar@aziz.example. Bis Ende Oktober im Urlaub, danach anrufen.',
     '2026-11-01', None),
    ('Clara Sanz clara@sanz.example. De vacaciones hasta el 26, después '
     'llamarla.',
     '2026-10-27', None),
    ('Noah Wolf noah@wolf.example. Erst nach dem 20. melden.',
     '2026-10-21', None),
    ('Eva Lind eva@lind.example. Ping her late tonight about the deck.',
     '2026-10-14', None),
    ('Tim Cho tim@cho.example. F/u Friday at 4pm.',
     '2026-10-16', None),
    ('Lia Rossi lia@rossi.example. Sentirla il 3/11.',
     '2026-11-03', None),
    ('Jan de Vries jan@vries.example. Bellen op 3-11.',
     '2026-11-03', None),
    ('Rui Melo rui@melo.example. Ligar-lhe no fim do mês.',
     '2026-10-31', None),
    ('Ewa Nowak ewa@nowak.example. Przypomnieć się w przyszły wtorek.',
     '2026-10-20', None),
    ('Ewa Sowa ewa@sowa.example. Napisać do niej za miesiąc.',
     '2026-11-14', None),
    ('Kai Berg kai@berg.example, follow up the week after next',
     '2026-10-26', None),
    ('Ali Khan ali@khan.example. Will call him first thing Monday.',
     '2026-10-19', None),
    ('Mia Roth mia@roth.example. Nachfassen Anfang nächster Woche.',
     '2026-10-19', None),
    ('Web Summit Lisbon\nAna Pires, CTO, ana@pires.example\nf/u Monday',
     '2026-10-19', None),
    ("Lars Holm lars@holm.example. She's on leave until 3 November; reach out "
     'after that.',
     '2026-11-04', None),
    ('Ines Sola ines@sola.example. Está fuera hasta el viernes, escribirle '
     'después.',
     '2026-10-17', None),
    ('Rita Frey rita@frey.example. Bis Freitag im Urlaub, danach melden.',
     '2026-10-17', None),
    ("Léa Roux lea@roux.example. En congé jusqu'au 2 novembre, la relancer "
     'ensuite.',
     '2026-11-03', None),
    ('Noa Levi noa@levi.example. ping in 48 hours',
     '2026-10-16', None),
    ('Tom Lee tom@lee.example. Follow up at the end of next month.',
     '2026-11-30', None),
    ('Eva Maier eva@maier.example. Nachfassen KW 45.',
     '2026-11-02', None),
    ("Pau Roca pau@roca.example. Trucar-li d'aquí a dues setmanes.",
     '2026-10-28', None),
    ('Ana Faria ana@faria.example. Ligar daqui a 3 semanas.',
     '2026-11-04', None),
    ('Lucas Moll lucas@moll.example. Recontacter mi-novembre.',
     '2026-11-15', None),
    ('Dirk Vos dirk@vos.example. Volgende week vrijdag nabellen.',
     '2026-10-23', None),
    ('Marta Gil marta@gil.example. Llamarla el jueves de la semana que viene.',
     '2026-10-22', None),
    ('Olga Wilk olga@wilk.example. Zadzwonić po 10 listopada.',
     '2026-11-11', None),
    ('Ben Ash ben@ash.example. Not before Q1 - ping early January.',
     '2027-01-01', None),
    ('Joe Kim joe@kim.example. met him at 11pm after the gala, f/u tomorrow',
     '2026-10-15', 'Wed, 14 Oct 2026 23:55:00 +0900'),
])
def test_when_to_follow_up(body: str, want: object, date: str | None) -> None:
    """One timing grammar: spans, weekdays, local date orders, not before X, after X, until X
    and after that, year and month ends, a date the owner corrects, follow-up verbs in
    DE/FR/ES/IT/NL/PT/PL."""
    note = parse(body, date)
    got = note.follow_up_on.isoformat() if note.follow_up_on else None
    assert got in want if isinstance(want, tuple) else got == want


@pytest.mark.parametrize(("body", "want", "date"), [
    ('Kaffee mit Lena Vogt, lena@vogt.example, Tel. 0351 4455667',
     ['+493514455667'], None),
    ('Déjeuner avec Marc Blanc, marc@blanc.example\nTél : 04 72 11 22 33',
     ['+33472112233'], None),
    ('Met Carlos Ruiz in Bogotá, carlos@ruiz.example, cel 310 555 1234',
     ['+573105551234'], None),
    ('Sofia Greco, sofia@greco.example\nVia Roma 12, 20121 Milano\ntel 02 1234 '
     '5678',
     ['+390212345678'], None),
    ('Comida con Raúl Soto, raul@soto.example, móvil 612 34 56 78',
     ['+34612345678'], None),
    ('Koffie met Femke Smit, femke@smit.example, mobiel 06 12345678',
     ['+31612345678'], None),
    ('Kawa z Tomaszem Mazurem, tomasz@mazur.example, tel. 601 234 567',
     ['+48601234567'], None),
    ('Met Kenji Mori from the Osaka office, kenji@mori.example, 06-6123-4567',
     ['+81661234567'], None),
    ('Almoço com Bruno Costa em São Paulo, bruno@costa.example, celular (11) '
     '98765-4321',
     ['+5511987654321'], None),
    ('Lunch with Aoife Byrne in Galway, aoife@byrne.example, mobile 087 123 4567',
     ['+353871234567'], None),
    ('Café avec Luc Girard, luc@girard.example, portable 06 98 76 54 32',
     ['+33698765432'], None),
    ('Met Jonas Berg in Stockholm, jonas@berg.example, mobil 070-123 45 67',
     ['+46701234567'], None),
    ('Lunch with Ama Owusu in Accra, ama@owusu.example, 024 123 4567',
     ['+233241234567'], None),
    ('Cena con Pietro Gallo, pietro@gallo.example, cell 347 123 4567',
     ['+393471234567'], None),
    ('Treffen mit Anna Gruber in Wien, anna@gruber.example, Tel. 0664 1234567',
     ['+436641234567'], None),
    ('Almuerzo con Diego Paz en Lima, diego@paz.example, cel 987 654 321',
     ['+51987654321'], None),
    ('Conocí a Vera Sosa en Montevideo, vera@sosa.example, 099 123 456',
     ['+59899123456'], None),
    ('Kaffee mit Reto Kunz in Zürich, reto@kunz.example, 079 123 45 67',
     ['+41791234567'], None),
    ('Met Kofi Mensah, kofi@mensah.example\nAddress: 12 Ring Road, Accra\nTel '
     '030 212 3456',
     ['+233302123456'], None),
])
def test_phone_country(body: str, want: object, date: str | None) -> None:
    """A national number takes the country of the note's city, address, label or language."""
    note = parse(body, date)
    assert [p for c in note.contacts for p in c.phones] == want


@pytest.mark.parametrize(("frame", "owner", "fwd", "want"), [
    (FWD, 'Met her last Weds at the packaging summit in Lyon. f/u in 2 weeks.',
     "Great to meet you on Monday! Let's talk again in 30 days.",
     {'met_on': '2026-10-07', 'fu': '2026-10-28', 'met_at': 'packaging summit in Lyon'}),
    (FWD, 'Vorige week woensdag op de beurs gesproken. Over twee weken opvolgen.',
     'Graag spreken we over 30 dagen verder.',
     {'met_on': '2026-10-07', 'fu': '2026-10-28'}),
    (FWD, 'Letzten Donnerstag auf dem Logistiktag in Bremen getroffen, in 3 Wochen '
     'nachfassen',
     'Next steps: call on Friday.',
     {'met_on': '2026-10-08', 'fu': '2026-11-04', 'met_at': 'Logistiktag in Bremen'}),
    (VCF, 'Card from the design week in Helsinki. Follow up next Thursday.',
     '',
     {'fu': '2026-10-15', 'met_at': 'design week in Helsinki'}),
    (VCF, 'Visitenkarte vom Stammtisch gestern, in 10 Tagen melden.',
     '',
     {'fu': '2026-10-24', 'met_on': '2026-10-13'}),
    (VCF, 'Tarjeta de la feria de ayer. Escribirle el lunes.',
     '',
     {'fu': '2026-10-19', 'met_on': '2026-10-13'}),
])
def test_the_owners_words_above_a_forward_or_a_card(frame: str, owner: str, fwd: str,
                                                    want: dict[str, object]) -> None:
    """met_at, met_on and follow_up_on from the owner's own words, counted from the outer
    Date; never the forwarded mail's ("in 30 days", "on Friday") or the card's."""
    note = parse(owner, frame=frame, fwd=fwd)
    for key, value in want.items():
        if key == "met_at":
            assert same_place(note.met_at, value)  # type: ignore[arg-type]
        elif key == "met_on":
            assert note.met_on is not None and note.met_on.isoformat() == value
        else:
            assert note.follow_up_on is not None and note.follow_up_on.isoformat() == value
