"""Dates in the owner's words: when they met, and when to follow up, relative to the note's Date.

How phrases resolve (counted from `ref`, the outer Date, in its own UTC offset):

- `tomorrow` +1, `today`/`tonight`/`this morning` +0, `yesterday`/`last night` -1
  (and `gestern (Abend)`, `hier soir`, `ayer`, `anoche`, `ieri`, `gisteren`, `ontem`...).
- `in N days/weeks/months` (also `N days` in a follow-up sentence, `dans N jours`,
  `in 2 Wochen`, `en 3 semanas`, `tra 2 settimane`, `over 2 weken`, `em 2 semanas`,
  number words such as `zwei`, `trois`, `a`): +N days, +7N days, the same day N months on
  (clamped to the month's end). `#followup 3d|1w|2m|1y` likewise. `N ... ago` is past.
- Weekdays: with `next`/`nächsten`/`prochain`/`próximo`... or bare in a follow-up
  sentence (`f/u monday`) the first such day after `ref`; with `last`/`dernier`/
  `pasado`... or bare in a meeting sentence (`on Tuesday`, `am Dienstag`, `el martes`)
  the most recent such day before `ref`.
- `next week` (`nächste Woche`, `la semaine prochaine`, ...) = the Monday of next week:
  the first day on which the owner asked to follow up. `next month` = its 1st day.
- Absolute dates (`21.04.`, `21.4.2026`, `le 2 juin`, `2 de junio`, `16 Feb`,
  `March 3rd`, `2026-05-01`, `5/18`): without a year, a follow-up date already past is
  next year's, a meeting date still to come is last year's. Slashed dates are month
  first in English notes, day first otherwise (or when the first number exceeds 12).
- `week of <date>` = that date; `after <date or weekday>` in a follow-up sentence = the
  day after (`ping her after the conference, it ends June 6` = June 7).
- Also: `the week after next` = the Monday in two weeks; `end of (next) week` = that
  Friday; `end of month` = its last day; `this week` = the next day; `early/mid/late/end
  of June`, `in June`, `fin mai`, `Ende Juni` = day 1/15/20/last (not before ref);
  `Q3` = its first day (the current quarter: ref); `KW 23` = the Monday of ISO week 23;
  `on the 20th` = the next (or, met, last) 20th.
- Hours and minutes (`in 36 hours`, `dans 36 heures`, `48h`, `in 90 minutes`): the day the
  span ends, from ref's own time and offset (the planner drafts on that day's window).
  `à 9h`, `3pm` are clock times; `a 48 hour hackathon` is no span.
- Compact dates as FollowUpThen users write them: `mar3`, `3mar`, `dec24`; business days
  (`in 3 business days`, `in 5 Werktagen`) skip Saturdays and Sundays.
- A count from a date named after it: `a week from Monday`, `3 Tage nach dem 10.3.`,
  `2 days after she's back (she returns March 16)`.
- An ask with no date that points back (`once she's back`, `after that`, `then`, `danach`,
  `après`, `después`, `dopo`) takes the nearest free date before it in its sentence or the
  one before; a date that ends a period (`until the 9th`, `bis 20.3.`, `jusqu'au 15`,
  `hasta el 15 de marzo`) counts from the day after.
- Swedish, Danish, Norwegian and Polish too: `om två veckor`, `za tydzień` (+1 week), `i går`,
  `i tisdags` (last Tuesday), `nästa vecka`, `w przyszłym tygodniu`, `pod koniec miesiąca`.
- `next quarter` = its first day, `end of (the) quarter`/`Ende Q3` = its last day, `mid Q2` =
  the 15th of its middle month; `mid next month` = the 15th of next month; `after New Year` =
  2 January; `J+7`/`D+10` = 7/10 days on; a lone day of the month (`le 23`, `el 9`, `no dia
  12`, `am 20.`, `op de 20e`) is the next such day.
- `find_follow_up_in_addresses`: the plus part of the address a note came in by
  (`followup+3d@`, `notes+tuesday@`, `f+mar20@`, `f+2weeks@`, `f+monday9am@`).
- `no f/u needed`, `no need to follow up`, `kein Follow-up`... -> no follow-up date
  from that sentence. `she'll follow up next week` is the contact's plan, not an ask.
- Which phrase is which: a date belongs to the ask (follow up, f/u, ping her, remind me,
  nachfassen, relancer, seguimiento...) or the meeting word (met, talked, getroffen,
  rencontré, conocí...) of its clause, else of an earlier clause of the sentence;
  `met her last Thursday, follow up next week` gives both. A past phrase with no ask
  around it (`dinner last night was good`) is a meeting date.

Own regular expressions handle all of these: dateparser reads "21.04." as a time,
"2 weeks" as two weeks ago and is slow with language detection, so it is only a lazy,
language-restricted fallback for day-month dates in languages the tables below lack.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from followup.parsing import rx

Mode = Literal["fu", "met"]
Polarity = Literal["past", "future", "neutral"]

# --- vocabulary --------------------------------------------------------------------

_NUMBER_WORDS: dict[str, int] = {
    # en
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "thirteen": 13, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "couple": 2, "a couple": 2,
    "a couple of": 2,
    "couple of": 2, "a few": 3, "few": 3,
    # de
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1, "zwei": 2, "drei": 3,
    "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    "elf": 11, "zwölf": 12, "vierzehn": 14, "zwanzig": 20, "dreißig": 30, "paar": 2, "ein paar": 2,
    # fr
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
    "trente": 30,
    # es
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "quince": 15, "veinte": 20, "treinta": 30,
    # it
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8,
    "nove": 9, "dieci": 10, "quindici": 15, "venti": 20, "trenta": 30,
    # nl
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "zeven": 7,
    "negen": 9, "tien": 10, "veertien": 14, "twintig": 20, "dertig": 30,
    # pt
    "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "sete": 7, "oito": 8, "dez": 10,
    "vinte": 20, "trinta": 30,
    # ca ("set" and "nou" are left out: English "set", Catalan "nou" = new)
    "dues": 2, "cinc": 5, "sis": 6, "vuit": 8, "deu": 10,
    # fi (the genitive a count takes before "päästä"/"kuluttua": "kahden viikon päästä")
    "yhden": 1, "kahden": 2, "kolmen": 3, "neljän": 4, "viiden": 5, "kuuden": 6,
    "kymmenen": 10,
    # el
    "ένα": 1, "μία": 1, "μια": 1, "δύο": 2, "δυο": 2, "τρεις": 3, "τρία": 3, "τέσσερις": 4,
    "πέντε": 5, "δέκα": 10,
    # ro
    "două": 2, "doua": 2, "doi": 2, "trei": 3, "patru": 4, "cinci": 5, "zece": 10,
}  # fmt: skip

_UNITS: dict[str, str] = {}
for _unit, _words in {
    "h": "hours hour hrs hr h stunden stunde std stdn heures heure horas hora ore uur",
    "n": "minutes minute mins min minuten minutos minuto minuti",
    "d": "days day d dys tage tagen tag tg tge jours jour j días dias día dia giorni giorno gg "
    "dagen dag dyas dasy dayz "
    "dies dagar dage dager dni dzień dnia dny dnů dní "
    "päivän päivää päivä ημέρες μέρες ημέρα μέρα zile",
    "w": "weeks week wks wk w woche wochen wo wochn semaines semaine sem semanas semana "
    "weks wekes weeeks weesk wkes tyg tyd "
    "settimane settimana sett weken wkn setmanes setmana veckor vecka veckan uger uge uker uke "
    "tygodnie tygodni tydzień tygodnia týdny týdnů týden týdnu "
    "viikon viikkoa viikko εβδομάδες εβδομάδα εβδομάδων săptămâni saptamani săptămână saptamana",
    "m": "months month mos mo m mths mth mnths monhts montsh moths mnoths "
    "mon mt mte monat monate monaten mois meses mes mês mies měs "
    "mesi mese maanden maand mnd mnden "
    "mesos månader månad måneder måned miesiące miesięcy miesiąc miesiąca měsíce měsíců měsíc "
    "kuukauden kuukautta kuukausi μήνες μήνα",
    "y": "years year yrs yr jahr jahre jahren an ans année années año años anno anni "
    "jaar jaren ano anos anys år rok",
    "f": "fortnight fortnights quinzaine quinzaines",
}.items():
    for _w in _words.split():
        _UNITS[_w] = _unit
for _w in ("business days", "business day", "working days", "working day", "workdays",
           "werktage", "werktagen", "arbeitstage", "arbeitstagen", "jours ouvrés",
           "jours ouvrables", "días hábiles", "dias hábiles", "días laborables",
           "giorni lavorativi", "dies laborables", "dies feiners"):
    _UNITS[_w] = "b"  # business days: Monday to Friday
_UNITS["huitaine"] = "w"  # French "une huitaine" (eight days, said of a week)

# (p-placetime12: and Turkish, "12 Mart'ta", "3 Ekim'de"; its suffix follows an apostrophe)
# p-placetime10: Catalan "febr.", Czech genitives ("15. července"), Finnish partitives
# ("15. toukokuuta"), Romanian and Greek genitives ("12 Μαΐου")
_MONTHS_MORE = {
    1: "ledna tammikuuta tammikuu ianuarie ιανουαρίου ocak",
    2: "febr února unora helmikuuta helmikuu februarie φεβρουαρίου şubat",
    3: "března brezna maaliskuuta maaliskuu martie μαρτίου mart",
    4: "dubna huhtikuuta huhtikuu aprilie απριλίου nisan",
    5: "května kvetna toukokuuta toukokuu μαΐου μαίου mayıs",
    6: "června cervna kesäkuuta kesäkuu iunie ιουνίου haziran",
    7: "července cervence heinäkuuta heinäkuu iulie ιουλίου temmuz",
    8: "srpna elokuuta elokuu αυγούστου ağustos",
    9: "září zari syyskuuta syyskuu septembrie σεπτεμβρίου eylül",
    10: "října rijna lokakuuta lokakuu octombrie οκτωβρίου ekim",
    11: "listopadu marraskuuta marraskuu noiembrie νοεμβρίου kasım",
    12: "prosince joulukuuta joulukuu decembrie δεκεμβρίου aralık",
}  # fmt: skip
_MONTHS: dict[str, int] = {}
for _num, _words in (*enumerate(
    [
        "january jan januar jänner jän janvier janv enero ene gennaio gen januari janeiro gener "
        "stycznia styczeń",
        "february feb februar février fevrier févr fevr fév fev febrero febbraio februari "
        "fevereiro febrer lutego",
        "march mar märz maerz mär mars marzo maart mrt março marco març marts marca marzec",
        "april apr avril avr abril abr aprile kwietnia kwiecień",
        "may mai mayo maggio mag mei maio maig maj maja",
        "june jun juni juin junio giugno giu junho juny czerwca czerwiec",
        "july jul juli juillet juil julio luglio lug julho juliol lipca lipiec",
        "august aug août aout agosto augustus agost augusti sierpnia sierpień",
        "september sep sept septembre septiembre setiembre settembre setembro setembre "
        "września wrzesień",
        "october oct oktober okt octobre octubre ottobre ott outubro octubre października "
        "październik",
        "november nov novembre noviembre novembro listopada listopad",
        "december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro desembre "
        "desember grudnia grudzień",
    ],
    start=1,
), *_MONTHS_MORE.items()):
    for _w in _words.split():
        _MONTHS[_w] = _num
# "set", "out", "ago" (it/pt abbreviations) are left out: they are common English words.

_WEEKDAYS: dict[str, int] = {}
for _num, _words in enumerate(
    [
        "monday montag lundi lunes lunedì lunedi maandag segunda-feira dilluns måndag mandag "
        "poniedziałek pondělí maanantai maanantaina δευτέρα "
        # p-placetime12: the case forms a deadline takes ("do piątku", "do pátku",
        # "perjantaihin mennessä", "cumaya kadar"), Romanian "joi"/"lunea", Turkish days
        "poniedziałku maanantaihin lunea luni pazartesi pazartesiye",
        "tuesday tue tues tuseday tuesay "
        "dienstag mardi martes martedì martedi dinsdag terça-feira terca-feira "
        "dimarts tisdag tirsdag wtorek úterý tiistai tiistaina marți marti τρίτη "
        "wtorku tiistaihin marțea martea marţi marţea salı salıya",
        "wednesday wed weds wednsday wendesday wensday "
        "mittwoch mercredi miércoles miercoles mercoledì mercoledi woensdag "
        "quarta-feira dimecres onsdag środa środę středa středu keskiviikko keskiviikkona "
        "miercuri τετάρτη środy středy keskiviikkoon miercurea çarşamba çarşambaya carsamba",
        "thursday thu thur thurs thrusday thurday thusday "
        "donnerstag jeudi jueves giovedì giovedi donderdag quinta-feira "
        "dijous torsdag czwartek čtvrtek torstai torstaina πέμπτη czwartku čtvrtka torstaihin "
        "joi joia perşembe perşembeye persembe",
        "friday fri firday "
        "freitag vendredi viernes venerdì venerdi vrijdag sexta-feira divendres fredag "
        "piątek pátek perjantai perjantaina vineri παρασκευή piątku pátku perjantaihin "
        "vinerea cuma cumaya",
        "saturday samstag sonnabend samedi sábado sabado sabato zaterdag dissabte lördag lørdag "
        "sobota "
        "sobotę sobotu lauantai lauantaina sâmbătă sambata σάββατο soboty lauantaihin sâmbăta "
        "cumartesi cumartesiye",
        "sunday sonntag dimanche domingo domenica zondag diumenge söndag søndag niedziela "
        "niedzielę neděle neděli sunnuntai sunnuntaina duminică duminica κυριακή niedzieli "
        "sunnuntaihin pazar pazara",
    ]
):
    for _w in _words.split():
        _WEEKDAYS[_w] = _num
# Portuguese weekdays without "-feira" ("na segunda") only after a preposition/modifier.
_PT_SHORT_WEEKDAYS = {"segunda": 0, "terça": 1, "terca": 1, "quarta": 2, "quinta": 3,
                      "sexta": 4}  # fmt: skip

_FUTURE_MODS = (
    r"next|nxt|this\s+coming|coming|this|nächsten|nächster|nächste|kommenden|kommender|"
    r"kommende|diesen|prochain|prochaine|ce|cette|próximo|próxima|proximo|proxima|este|esta|"
    r"prossimo|prossima|questo|questa|volgende|komende|deze|aanstaande|"
    r"nästa|næste|neste|kommande|przyszły|przyszłą|przyszłym|najbliższy|najbliższą|"
    r"nesta|aquest|aquesta|"  # Portuguese "nesta sexta", Catalan "aquest dijous"
    r"gelecek|önümüzdeki|bu"  # Turkish "gelecek salı", "bu cuma"
)
_PAST_MODS = (
    r"last|past|previous|letzten|letzter|letzte|vergangenen|vergangener|vergangene|"
    r"vorigen|dernier|dernière|derniere|pasado|pasada|scorso|scorsa|vorige|afgelopen|"
    r"passado|passada|último|última|ultimo|ultima|"
    r"förra|sidste|forrige|zeszły|zeszłą|ubiegły|ubiegłą|ostatni|ostatnią|geçen|geçtiğimiz"
)
_POST_FUTURE = (r"prochain|prochaine|que\s+viene|prossimo|prossima|que\s+vem|que\s+ve|vinent|"
                r"viitoare|viitor|următoare|următor|urmatoare")  # Romanian "vinerea viitoare"
_POST_PAST = (r"dernier|dernière|derniere|pasado|pasada|scorso|scorsa|passado|passada|"
              r"trecută|trecuta|trecut")
_NEUTRAL_PREPS = r"on|am|le|el|il|op|na|no|a|this|på|we|w|até|ate"

# More ways to say "get in touch again", one group per language: a verb phrase of
# contacting, whatever the tense it is written in, is the owner's ask when it carries a date.
_ASK_VERBS_MORE = (
    r"catch\s+up\b|follow\s+(?:him|her|them)\s+up|catch-up\b|touch\s+base|follow\s+through|drop\s+(?:him|her|them)\s+a\s+line|"
    r"faire\s+(?:le|un)\s+point|refaire\s+un\s+point|reprendre\s+(?:contact|langue)|"
    r"hablar\s+con|(?:volver|vuelve|vuelvo|volvemos|volveré)\s+a\s+(?:hablar|llamar|escribir|contactar)\w*|"
    r"volt(?:ar|a|o|amos|arei)\s+a\s+(?:falar|contactar|ligar|escrever)\w*|falar\s+com|"
    r"tornar\s+a\s+parlar|parlar\s+amb|"
    r"sentire\b|risentir\w*|richiamar\w*|"
    r"terugbellen|terugmailen|contact\s+zoeken|"
    r"zurückmelden|zurueckmelden|sprechen\s+mit|kontakt\s+aufnehmen|"
    r"revisit\b|loop\s+back|get\s+in\s+touch|reach\s+back\s+out|re-?engage\b|"
    r"re-?contactar\w*|re-?contatar\w*|responder-?\w*|"
    r"(?:dar|pediu|pidió|quer|dare)\s+(?:um\s+|un\s+)?retorno|cobrar\b|recall\b|"
    r"sentiamoci|risentiamoci|sentirci|"
    r"fer\s+seguiment|"
    # sv, da, no
    r"följ(?:a)?\s+upp|uppföljning|återkoppl\w*|hör(?:a)?\s+av\s+(?:dig|mig|oss)|"
    r"kontakta\b|ring(?:a|e)?\s+(?:henne|honom|dem|hende|ham|til|upp)\b|påminn\w*|"
    r"følg(?:e)?\s+op(?:p)?\b|opfølgning|oppfølging|vend(?:e)?\s+tilbage|"
    # Norwegian "(å) kontakte ham" (German "Kontakte" is the contacts)
    r"ta\s+kontakt|tage\s+kontakt|å\s+kontakte\b|kontakte\s+(?:ham|henne|dem|han|hun)\b|skriv(?:e)?\s+til\b|minn\s+meg|"
    # pl
    r"odezwa\w*|odezwij|zadzwoni\w*|zadzwoń|skontaktowa\w*|skontaktuj|przypomni\w*|"
    r"przypomnienie|ponowi\w*\s+kontakt|kontakt(?=\s+\d)|napisa[ćł]\w*|napisz\w*|"
    r"mejla\w*|maila\b|e-?posta\b|benaderen|"
    # more Polish: call back, get back to it, ask again, reply ("oddzwonić za tydzień",
    # "wrócić do tematu w maju", "dopytać o ofertę", "odpisać jej", "przypilnować")
    r"oddzwoni\w*|oddzwoń|wr[óo]ci[ćc]\s+do|wracamy\s+do|dopyta\w*|podpyta\w*|odpisa\w*|"
    r"przypilnowa\w*|ponaglić|ponowić|zadzwonię|napiszę|odezwę\s+się|"
    r"wv(?=\s*:?\s*\d)|rückruf\w*|rueckruf\w*|anruf\b|call\s*back\b|ring\s+back\b|"
    r"tornar(?:-hi|-ho|-la|-lo|-li|-los|-les)?\s+a\s+(?:parlar|trucar|escriure|contactar)\w*|"
    # Catalan "tornar-hi" / "insistir-hi" (come back to it) and "fer-li el seguiment"
    r"tornar-hi\b|insistir-hi\b|fer-li\s+(?:el\s+)?seguiment|"
    # the imperative the owner writes to herself, with its pronoun: Catalan "truca-li",
    # Spanish "llámale", Italian "richiamala", French "écris-lui", Portuguese "liga-lhe",
    # German "ruf ihn ... an", Dutch "bel hem"
    r"(?:escriu|truca|torna|contacta|recorda|envia)-(?:li|hi|la|lo|ls|los|les)\b|"
    r"(?:ll[aá]ma|escr[ií]be|cont[aá]cta|m[aá]nda|recu[eé]rda|m[aá]rca)"
    r"(?:le|la|lo|les|los|las)\b|"
    r"(?:ri)?(?:chiama|scrivi|contatta|senti)(?:lo|la|li|le|gli)\b|"
    r"(?:[ée]cris|r[ée][ée]cris|appelle|rappelle|relance|contacte)-(?:lui|leur|le|la|les)\b|"
    r"(?:liga|escreve|manda)-(?:lhe|lhes)\b|liga\s+(?:para|pra)\s+(?:ele|ela)\b|"
    r"ruf(?:e)?\s+(?:ihn|sie|ihm|ihr)\b|schreib(?:e)?\s+(?:ihm|ihr|ihnen)\b|"
    r"(?:bel|mail)\s+(?:hem|haar|ze)\b|"
    # the owner's plan in the first person, present or future, with its object pronoun:
    # Spanish "le escribo", "la llamo", Italian "le scrivo", "la chiamo", French "je lui
    # écris", "je l'appelle", Portuguese "ligo para ela", "escrevo-lhe", Catalan "li escric",
    # German "ich melde mich", "ich rufe ihn ... an"
    r"(?:le|la|lo|les|las|los)\s+(?:escrib|llam|mand|envi|contact|marc)(?:o|é|aré|iré|amos)\b|"
    r"(?:gli|le|la|lo|li)\s+(?:ri)?(?:scriv|chiam|mand|telefon|contatt|sent)(?:o|erò|erò|ò)\b|"
    r"(?:lui|leur|la|le|les|l['’])\s*(?:[ée]cris|[ée]crirai|appelle|appellerai|rappelle|"
    r"rappellerai|t[ée]l[ée]phone|t[ée]l[ée]phonerai|envoie|enverrai|recontacte)\b|"
    r"(?:ligo|ligarei|escrevo|escreverei|mando|mandarei)(?:-lhe|-lhes|\s+(?:para|pra)\s+"
    r"(?:ele|ela|eles|elas))\b|"
    r"(?:li|els|la|el|l['’])\s*(?:escric|escriuré|truco|trucaré|envio|enviaré)\b|"
    r"melde\s+mich|(?:rufe|schreibe)\s+(?:ihn|sie|ihm|ihr|ihnen)\b|"
    # German "(wieder) aufgreifen", "wieder aufnehmen", "wieder ansprechen": take it up again
    r"(?:wieder\s+)?aufgreifen\b|wieder\s+(?:aufnehmen|ansprechen|anschreiben|anrufen)\b|"
    # cs: get in touch, call, write, send, remind ("ozvat se za dva týdny", "zavolat v pondělí",
    # "napsat jí", "poslat nabídku", "připomenout")
    r"ozva[tl]\w*|ozvu\b|ozvi\b|zavola[tl]\w*|zavolám|zavolej\w*|napsat\b|napíšu|napiš\b|"
    r"poslat\b|pošlu|pošli\b|připomen\w*|připomeň|kontaktovat|"
    # tl: "i-follow up", "tawagan" (call)
    r"tawagan\b|i-follow\s+up|"
    # "revert" (reply) in Indian, African and Gulf English; Portuguese and Spanish "retornar"
    r"revert\b|retornar\w*|retorne\b|"
    # p-placetime10: English said casually ("give him a bell", "flick her an email", "shoot
    # them a note", "cb tue" for call back, "pick this up again"), and "follow up" mistyped
    r"give\s+(?:him|her|them)\s+a\s+(?:bell|call|ring|buzz|shout|tinkle)\b|"
    r"(?:flick|shoot|drop|fire|ping)\s+(?:him|her|them)\s+(?:off\s+)?(?:an?\s+)?(?:quick\s+)?"
    r"(?:email|e-mail|mail|note|message|msg|text|line|dm|whatsapp)\b|cb\b|"
    r"pick\s+(?:this|it|that|things)\s+(?:back\s+)?up\b|"
    r"f(?:olow|ollw|llow|olllow|olow)[\s-]*up\b|"
    # p-placetime12: and its letters swapped or doubled ("follwo up", "foollow up", "fololw
    # up"): an f, then o, l and w only, a w among them
    r"f(?=[ol]{0,5}w)[olw]{3,6}[\s-]*up\b|"
    # French, Spanish, Portuguese, Italian, German, Dutch "we meet again / agreed to talk"
    r"(?:fait|fera|faisons|ferons|ferai)\s+(?:le|un)\s+point|"
    r"on\s+se\s+(?:revoit|reverra|voit|verra|rappelle|reparle|retrouve)\b|se\s+revoir\b|"
    r"nous\s+revoir\b|qued(?:amos|é|e|aron|ó)\s+en\s+(?:hablar|llamar|vernos|escribir|"
    r"reunirnos|vern?os|contactar)\w*|nos\s+vemos\b|volver\s+a\s+vernos|"
    r"fic(?:amos|ou|quei)\s+de\s+(?:nos\s+)?(?:falar|ligar|conversar|ver|encontrar)\w*|"
    r"ci\s+(?:vediamo|risentiamo|sentiamo)\b|(?:wir\s+)?sehen\s+uns\b|"
    r"langs(?:\s+)?(?:gaan|komen)\b|afspreken\b|zien\s+elkaar\b|"
    # fi: call, get in touch, send, remind, come back to it
    r"soita\w*|soitto\w*|ota\s+yhteyttä|otetaan\s+yhteyttä|yhteydenotto|lähetä\b|"
    r"muistuta\w*|palataan\b|palaa\s+asiaan|"
    # ro: to come back to, call, write, send, contact
    r"de\s+revenit|revin\b|reveni\w*|de\s+sunat|sun(?:a|ă)-?l\w*|a\s+suna\b|"
    r"de\s+contactat|recontact\w*|de\s+trimis|trimite\w*|"
    # el: call, get in touch, remind, send
    r"τηλεφων(?:ήσω|ήσουμε|ήστε|ήσε|ώ)\w*|τηλεφώνημα|επικοινων(?:ήσω|ήσουμε|ήστε)\w*|υπενθύμ\w*|"
    r"στείλ(?:ω|ουμε|ε)\b|επικοινωνία\b|"
    # p-placetime11: asking again and getting back in German, Swedish, Danish, Norwegian,
    # Romanian ("in 2 Wochen wieder anfragen", "Återkom måndag", "kom tilbake", "să-l sun
    # luni"), and the asks a phone's keyboard mistypes: a letter dropped or doubled
    # ("nachfrgen", "ricontatare", "richiamre", "relancr")
    r"(?:wieder|nochmal|noch\s+mal|erneut)\s+anfragen\b|återkom\w*|kom\s+tilbake|"
    r"s[ăa]-?l\s+sun\w*|s[ăa]-?i\s+(?:scriu|sun|trimit)\w*|"
    r"nachfr?a?gen\b|nachfa?s+en\b|ricont+at+a?r\w*|richiam?r\w*|relanc?r\b|"
    # p-placetime12: Turkish asks, said last ("iki hafta sonra ara", "cumaya kadar dönüş yap",
    # "10 gün sonra mail at", "yarın tekrar aranacak", "takip et"); "ara" (call) only as the
    # clause's last word, as Catalan "ara" (now) is said first
    r"ara(?=\s*(?:[.,;!\n]|$))|ara(?:yalım|yacağım|yacağız|nacak|mak|rım|yın)\b|tekrar\s+ara\w*|"
    r"dönüş\s+(?:yap|ver)\w*|geri\s+dön\w*|(?:e-?posta|mail|mesaj|teklif)\s+(?:at|gönder|yaz)\w*|"
    r"hatırlat\w*|takip\s+et\w*|iletişime\s+geç\w*|"
    # and replying in Spanish, Italian, Portuguese, Polish, Czech, Romanian ("contestar antes
    # del viernes", "odpowiedzieć do piątku", "de răspuns până joi")
    r"contestar\w*|contéstale|rispondergli|risponderle|odpowiedzie\w*|odpověd\w*|"
    r"de\s+r[ăa]spuns|r[ăa]spunde\w*|"
    # p-timing12b: the casual asks with the contact's name in them ("give Ana Ruiz a bell",
    # "drop Tomás a line", "ask Wei again"), a phone's letters swapped in a two-word ask
    # ("cirlce back", "touhc base", "raech out"), and Turkish "meet / talk / write again"
    # ("tekrar görüş", "yeniden konuşalım"; not the past "tekrar görüştük")
    r"give\s+(?:[\w'-]+\s+){1,3}?a\s+(?:bell|call|ring|buzz|shout|tinkle)\b|"
    r"(?:flick|shoot|drop|fire|ping)\s+(?:[\w'-]+\s+){1,3}?(?:an?\s+)?(?:quick\s+)?"
    r"(?:email|e-mail|mail|note|message|msg|text|line|dm|whatsapp)\b|"
    r"ask\s+(?:[\w'-]+\s+){1,3}?again\b|"
    r"c[ircle]{4,7}[\s-]+back\b|t[ouch]{3,6}\s+base\b|r[each]{4,6}\s+out\b|"
    r"(?:tekrar|yeniden|bir\s+daha)\s+(?:görüş|konuş|buluş|yaz)(?!t[üu]|d[ıi]|m[ıi]ş)\w*"
)
_FU_TRIGGER = rx.compile(
    r"(?<![\w#])(?:"
    r"#follow[-_]?up|#fu\b|follow[\s-]*up|followup|f/u\b|f/up\b|fu\b|fup\b|"
    r"ping\b(?!\s+me\b)|reach\s+out|remind(?:er)?\b|check\s+(?:in|back)\b|touch\s+base|"
    r"circle\s+back|get\s+back\s+to|reconnect|chase\b|nudge\b|"
    r"(?:call|email|e-mail|mail|text|write|contact|phone|ring)\s+(?:him|her|them|back)\b|"
    r"nachfassen|nachhaken|wiedervorlage|melden\b|erinner\w*|nachfragen|"
    # more German and Dutch follow-up infinitives ("am 4. Mai nachhalten")
    r"nachhalten|nachtelefonieren|nachhören|nachmailen|anpingen|anmailen|namailen|navragen|"
    # Spanish and Portuguese imperatives with their pronoun ("escríbele", "llámala", "liga-lhe")
    r"escr[íi]bel[ea]s?\b|ll[áa]mal[eoa]s?\b|cont[áa]ctal[eoa]s?\b|liga-lhes?\b|"
    r"liga\s+(?:ao|à|para|pra)\b|escreve-lhes?\b|"
    r"telefonieren\b|(?:e-?mail|mail|nachricht)\s+schreiben\b|"
    r"anrufen|zurückrufen|zurueckrufen|kontaktieren|anschreiben|relancer|appeler\b|relance\b|recontacter|"
    r"rappeler|rappel\b|suivi\b|reprendre\s+contact|revenir\s+vers|"
    r"seguimiento|contactar\w*|llamar\w*|recordar\w*|recordatorio|"
    r"escribir\w*|retomar|ricontattar\w*|risentir\w*|richiamar\w*|ricordami|"
    r"sollecit\w*|riscriver\w*|scriver(?:gli|le)\b|seguiment|recorda'?m\w*|"
    r"contattar\w*|chiamar\w*|telefonar\w*|ricordar\w*|"
    r"(?:lui|leur)\s+(?:écrire|réécrire|répondre|téléphoner)|réécrire|recontacter|"
    r"tornar\s+a\s+(?:escriure|contactar|trucar)\w*|escriure-?\w*|trucar-?\w*|"
    r"sentir(?:la|lo|li|le|ci)\b|promemoria|opvolgen|nabellen|bellen\b|mailen\b|herinner\w*|terugkoppelen|"
    r"contact\s+opnemen|acompanhar|acompanhamento|ligar\b|lembr\w*|"
    # nl/de colloquial: "over 10 dagen even checken", "in 2 Wochen mal checken"
    r"(?:even|eens|mal|nochmal)\s+(?:checken|navragen|nachhaken)\b|"
    r"entrar\s+em\s+contato|retomar\s+contato|contatar|"
    # checking on something is a follow-up in every language ("check if they signed",
    # "revisar si firmaron", "vérifier si", "prüfen, ob", "verificare se", "nagaan of")
    r"(?:check|revisar|verificar|comprobar|chequear|vérifier|prüfen|nachsehen|verificare|"
    r"controllare|nagaan|checken|conferir)\s*,?\s+(?:if|whether|si|ob|se|of)\b|"
    + _ASK_VERBS_MORE +
    r")"
)
_MET_TRIGGER = rx.compile(
    r"(?<![\w#])(?:"
    # Dutch "met" is "with" ("met vakantie tot de 20e", "met haar gebeld")
    r"met\b(?!\s+(?:vakantie|verlof|de|het|een|hem|haar|ons|mijn|zijn|jullie|elkaar)\b)|"
    r"meet\w*|ran\s+into|bumped\s+into|talked|spoke|chat\w*|"
    r"sat\s+next\s+to|saw\b|conversation|introduced|getroffen|kennengelernt|"
    r"gesprochen|unterhalten|gespräch|treffen|trafen|traf\b|begegnet|"
    r"rencontr\w*|croisé\w*|discuté|parlé|échangé|conoc\w*|nos\s+vimos|"
    r"hablamos|hablé|reuni(?:mos|eron|ó)(?!\w)|coincidimos|incontrat\w*|conosciut\w*|"
    r"parlato|chiacchierato|ontmoet\w*|leren\s+kennen|conheci\w*|"
    r"encontr\w*|falamos|conversamos|conegu\w*|vam\s+(?:parlar|coincidir|conèixer)|"
    r"ens\s+vam\s+\w+|vaig\s+(?:conèixer|coneixer|parlar|veure|coincidir)|"
    r"träffa\w*|mötte\w*|pratade|mødt\w*|snakkede|traff\b|møtte\w*|snakket|"
    r"spotka\w*|pozna(?!ń|ni[au]\b)\w*|rozmawia\w*|"
    # cs: met, spoke with, got to know ("potkal jsem", "mluvila s", "seznámili jsme se")
    r"potkal\w*|mluvil\w*|seznámil\w*|setkal\w*|"
    # tl: "nakilala ko si ...", "nakausap ko"
    r"nakilala|nakausap|"
    # fi, ro, el: met, talked with
    r"tavattu|tapasin|tavattiin|tapasimme|juttelin|juttelimme|"
    r"am\s+(?:vorbit|cunoscut|întâlnit|intalnit|discutat)|ne-am\s+(?:întâlnit|intalnit|văzut)|"
    r"γνώρισα|συνάντησα|μίλησα|γνωριστήκαμε|"
    # tr: met, talked ("tanıştım", "görüştük", "konuştuk", "karşılaştık")
    r"tanıştı\w*|görüştü\w*|konuştu\w*|karşılaştı\w*|buluştu\w*"
    r")"
)
_NO_FOLLOW_UP = rx.compile(
    r"(?<![\w#])(?:"
    r"no\s+(?:f/u|fu|fup|follow[\s-]*up|followup)|"
    r"no\s+need\s+(?:to|for)\s+(?:a\s+)?(?:f/u|follow[\s-]*up|followup|ping|reach|chase)|"
    r"(?:don'?t|do\s+not|won'?t|never)\s+(?:need\s+to\s+)?(?:f/u|follow[\s-]*up)|"
    r"nothing\s+to\s+follow|"
    r"kein(?:e|en)?\s+(?:follow[\s-]*up|nachfassen|wiedervorlage)|nicht\s+nachfassen|"
    r"pas\s+(?:de|besoin\s+de)\s+(?:relance|relancer|suivi)|ne\s+pas\s+relancer|"
    r"sin\s+seguimiento|no\s+hace\s+falta\s+(?:hacer\s+)?seguimiento|"
    r"nessun\s+follow[\s-]*up|non\s+(?:serve\s+)?ricontattare|"
    r"geen\s+follow[\s-]*up|niet\s+opvolgen|sem\s+(?:follow[\s-]*up|acompanhamento)"
    r")"
)
# Dutch "na" only as "na de/het": Portuguese "na" means "on the" ("na próxima terça").
_AFTER_WORD = rx.compile(
    r"\b(?:after|nach|après|apres|despu[ée]s(?:\s+del?)?|dopo|na\s+(?:de|het)|depois\s+d[eoa]|"
    r"després(?:\s+del?)?)\b"
)

# A date that ends a period: the owner means the day after it ("until the 9th").
_UNTIL_WORD = rx.compile(
    r"(?<!\w)(?:until|till|til|through|thru|bis(?:\s+(?:zum|zur|am|ende|einschließlich))?|"
    r"jusqu['’](?:au|à|a|en)|jusqu['’]à\s+(?:la|le)|hasta(?:\s+(?:el|la|finales\s+de))?|"
    r"fino\s+(?:al|a|alla|all['’])|fins\s+(?:al|a|el)|tot(?:\s+en\s+met)?|até(?:\s+[ao])?)"
    r"\s+(?:the\s+|end\s+of\s+|le\s+|el\s+)?$"
)
# Words of an ask that refer to a date said before it ("once she's back", "after that").
_POINTS_BACK = rx.compile(
    r"(?<!\w)(?:back|return\w*|after\s+(?:that|this|it|then|she|he|they)|after(?=\s*[.!;]|\s*$)|"
    r"afterwards|then|once|entonces|alors|allora|llavors|zurück|wieder\s+da|danach|anschließend|anschliessend|dann|de\s+retour|rentr\w*|"
    r"après|apres|ensuite|de\s+vuelta|vuelv\w*|regres\w*|después|despues|luego|dopo|"
    r"rientr\w*|poi|després|quan\s+torni|daarna|terug|depois|"
    r"(?:on|at|by)\s+that\s+(?:date|day)|that\s+day|nessa\s+data|nesse\s+dia|naquele\s+dia|"
    r"à\s+cette\s+date|ce\s+jour-là|(?:en\s+)?esa\s+fecha|ese\s+día|an\s+(?:diesem|dem)\s+tag|"
    r"in\s+quella\s+data|quel\s+giorno|op\s+die\s+(?:dag|datum)|aquell\s+dia|"
    r"wieder\s+im\s+büro|zurück\s+ist|retour|rientro|ritorno|rückkehr|rueckkehr|tornada)(?!\w)"
)

_PLUS_ADDRESS = rx.compile(r"^[^@+\s]+\+([^@\s]{1,40})@")
_PLUS_TAG = rx.compile(
    r"(?:(?P<md>[a-z]{3,9}\d{1,2})|(?P<count>\d{1,4})(?P<unit>[a-z]{1,9})|(?P<word>[a-z]{3,20}))"
    r"(?:at)?(?P<time>\d{1,2}(?:am|pm|h)|\d{3,4})?"
)

# --- expressions ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Expr:
    start: int
    end: int
    polarity: Polarity
    kind: str  # "days" | "months" | "weekday" | "date" | "nextweek" | "nextmonth" | "none"
    value: int = 0
    month: int = 0
    day: int = 0
    year: int | None = None


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in rx.longest_first(words))


_NUM = r"(\d{1,3}|" + _alt(list(_NUMBER_WORDS)) + r")"
_UNIT = r"(" + _alt(list(_UNITS)) + r")\.?"
_IN = (
    r"in|within|dans|d'ici|d’ici|sous|en|dentro\s+de|tra|fra|entro|over|binnen|em|"
    r"d'aquí\s+a|d’aquí\s+a|dintre\s+de|"
    r"daqui\s+a|nach|after|om|inom|innen|indenfor|za|w\s+ciągu|peste|în|σε|μέσα\s+σε"
)

_REL_FUTURE = rx.compile(
    rf"(?<![\w#])(?:(?:{_IN})\s+)?(?:about\s+|ca\.?\s+|~\s*|etwa\s+|environ\s+)?{_NUM}"
    rf"(?:\s*[-–]\s*\d{{1,3}})?\s*(?:more\s+)?{_UNIT}(?![\w])",
)
# Swedish/Danish/Norwegian "om en vecka", "om to uger", "om ett år" and Polish "za tydzień",
# "za miesiąc" (no number: one): the short number words count only after these words.
_NORDIC_COUNT = rx.compile(
    r"(?<!\w)(?:om|za)\s+(?:(?P<n>\d{1,3}|[^\W\d_]{2,12})\s+)?(dagar|dage|dager|dag|dni|dzień|"
    r"veckor|vecka|uger|uge|uker|uke|tygodnie|tygodni|tydzień|månader|månad|måneder|måned|"
    r"miesiące|miesięcy|miesiąc|år|rok|dny|dnů|dní|týdny|týdnů|týden|měsíce|měsíců|"
    r"měsíc)(?!\w)"
)
_REL_PAST = rx.compile(
    rf"(?<![\w#])(?:(?:vor|il\s+y\s+a|hace|há|ha|fa)\s+{_NUM}\s*{_UNIT}"  # Catalan "fa dos dies"
    rf"|{_NUM}\s*{_UNIT}\s+(?:ago|fa|geleden|earlier))(?![\w])",
)
_FR_SPAN = rx.compile(r"(?<!\w)sous\s+(huitaine|quinzaine)(?!\w)")
# "J+7", "relance à J+15", "D+10", "T+14": the planner's day count from today
_DAY_PLUS = rx.compile(r"(?<![\w+])[jdt]\s?\+\s?(\d{1,3})(?![\d\w])")
_DIRECTIVE = rx.compile(
    r"#(?:follow[-_]?up|fu)\b\s*:?\s*(?:in\s+)?(\d{1,3})\s*"
    r"(d|w|m|y|days?|weeks?|wks?|months?|mos?|years?)\b",
)
_DAY_WORDS: dict[str, int | None] = {
    # en
    "the day after tomorrow": 2, "day after tomorrow": 2, "tomorrow": 1, "tmrw": 1,
    "tmr": 1, "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
    "this evening": 0, "earlier today": 0, "yesterday": -1, "last night": -1,
    # texting spellings
    "2morrow": 1, "2moro": 1, "2mrw": 1, "tmrow": 1, "tomoz": 1, "tmw": 1, "2day": 0,
    "tonite": 0, "yday": -1, "yest": -1, "ystrdy": -1,
    "last nite": -1,
    "last evening": -1, "the day before yesterday": -2, "day before yesterday": -2,
    # de
    "übermorgen": 2, "morgen": 1, "heute": 0, "heute morgen": 0, "heute früh": 0,
    "heute abend": 0, "heute nachmittag": 0, "gestern": -1, "gestern abend": -1,
    "gestern morgen": -1, "gestern nachmittag": -1, "vorgestern": -2, "am morgen": None,
    "guten morgen": None,
    # fr
    "après-demain": 2, "apres-demain": 2, "demain": 1, "aujourd'hui": 0, "aujourd’hui": 0,
    "ce matin": 0, "ce soir": 0, "cet après-midi": 0, "hier": -1, "hier soir": -1,
    "avant-hier": -2,
    # es
    "pasado mañana": 2, "mañana": 1, "hoy": 0, "esta mañana": 0, "esta tarde": 0,
    "esta noche": 0, "ayer": -1, "anoche": -1, "anteayer": -2, "antier": -2,
    "por la mañana": None, "de la mañana": None,
    # it
    "dopodomani": 2, "domani": 1, "oggi": 0, "stamattina": 0, "stasera": 0,
    "stamani": 0, "ieri": -1, "ieri sera": -1, "l'altro ieri": -2, "altroieri": -2,
    # ca
    "demà passat": 2, "passat demà": 2, "demà": 1, "avui": 0, "aquest matí": 0, "aquesta tarda": 0,
    "aquesta nit": 0, "ahir": -1, "ahir a la nit": -1, "abans d'ahir": -2, "abans-d'ahir": -2,
    # nl
    "overmorgen": 2, "vandaag": 0, "vanmorgen": 0, "vanochtend": 0, "vanavond": 0,
    "vanmiddag": 0, "gisteren": -1, "gisteravond": -1, "eergisteren": -2,
    # pt
    "depois de amanhã": 2, "amanhã": 1, "hoje": 0, "esta manhã": 0, "ontem": -1,
    "ontem à noite": -1, "anteontem": -2,
    # sv, da, no (the "i ..." forms are _NORDIC_DAY_WORDS)
    "idag": 0, "igår": -1, "imorgon": 1, "igår kväll": -1,
    # pl
    "dziś": 0, "dzisiaj": 0, "wczoraj": -1, "wczoraj wieczorem": -1, "jutro": 1,
    "pojutrze": 2, "przedwczoraj": -2, "dziś rano": 0,
    # cs, sk
    "včera": -1, "vcera": -1, "včera večer": -1, "předevčírem": -2, "dnes": 0, "dneska": 0,
    "dnes ráno": 0, "zítra": 1, "zitra": 1, "pozítří": 2, "zajtra": 1,
    # nl, de: a day with its part ("morgenochtend even bellen", "morgen früh anrufen")
    "morgenochtend": 1, "morgenmiddag": 1, "morgenavond": 1, "morgen früh": 1,
    "morgen vormittag": 1, "morgen nachmittag": 1, "gisterochtend": -1, "gistermiddag": -1,
    # fi, ro, el
    "tänään": 0, "eilen": -1, "huomenna": 1, "toissapäivänä": -2, "ylihuomenna": 2,
    "azi": 0, "astăzi": 0, "astazi": 0, "aseară": -1, "aseara": -1, "mâine": 1,
    "poimâine": 2, "poimaine": 2, "alaltăieri": -2, "alaltaieri": -2,
    "σήμερα": 0, "χθες": -1, "χτες": -1, "αύριο": 1, "προχθές": -2,
    # tr
    "yarın": 1, "bugün": 0, "dün": -1, "öbür gün": 2, "yarından sonra": 2, "evvelki gün": -2,
    "dün akşam": -1, "bu sabah": 0, "bu akşam": 0, "yarın sabah": 1,
    # tl: the Tagalog day words of Philippine English notes ("met her kanina", "kahapon")
    "kahapon": -1, "kagabi": -1, "kanina": 0, "ngayon": 0, "bukas": 1,
    # phrases that contain a day word but are not dates
    "in the morning": None, "good morning": None,
}  # fmt: skip
_DAY_WORD_RE = rx.compile(r"(?<![\w-])(" + _alt(list(_DAY_WORDS)) + r")(?![\w-])")
# Swedish, Danish, Norwegian "i går", "i morgen": a pattern of their own, as "i" is frequent
_NORDIC_DAY_WORDS: dict[str, int] = {
    "dag": 0, "går": -1, "morgon": 1, "morgen": 1, "förrgår": -2, "forgårs": -2,
    "går kväll": -1, "går kveld": -1, "går aftes": -1, "aftes": -1, "kväll": 0, "kveld": 0,
    "aften": 0, "morse": 0, "morges": 0, "overmorgen": 2, "övermorgon": 2,
}  # fmt: skip
_NORDIC_DAY_RE = rx.compile(r"(?<![\w-])i\s+(" + _alt(list(_NORDIC_DAY_WORDS)) + r")(?![\w-])")

_NEXT_WEEK = rx.compile(
    r"(?<!\w)(?:(?:early\s+|anfang\s+|début\s+de\s+)?(?:next|nxt|nächste|nächsten|nächster|"
    r"kommende|kommenden|volgende|komende)\s+(week|wk|woche|wo|month|monat|monats)\b\.?|"
    r"(?:la\s+)?(semaine|sem|mois)\.?\s+prochaine?|(?:le\s+)?(mois)\s+prochain|"
    # "próx. semana", "prox mes", "pross. settimana": "next" shortened in Spanish, Portuguese
    # and Italian notes
    r"(?:la\s+|el\s+|na\s+|o\s+|il\s+)?(?:pr[óo]x|pross)\.?\s+(semana|mes|mês|settimana|mese)|"
    # French notes shorten "prochain(e)" to "pro"/"proch." ("relancer semaine pro")
    r"(?:la\s+|le\s+)?(semaine|sem|mois)\.?\s+(?:pro|proch)\b\.?|"
    r"(?:la\s+)?(?:próxima|proxima)\s+(semana)|(?:el\s+)?(?:próximo|proximo)\s+(mes)|"
    r"(?:la\s+)?(semana)\s+que\s+viene|(?:el\s+)?(mes)\s+que\s+viene|"
    r"(?:la\s+)?(?:prossima)\s+(settimana)|(?:la\s+)?(settimana)\s+prossima|"
    r"(?:il\s+)?(?:prossimo)\s+(mese)|(?:il\s+)?(mese)\s+prossimo|"
    r"(?:na\s+)?(semana)\s+que\s+vem|(?:o\s+)?(mês)\s+que\s+vem|"
    r"(?:o\s+)?(?:próximo|proximo)\s+(mês)|"
    r"(?:volgende|komende)\s+(maand)|(?:la\s+)?(setmana)\s+que\s+ve|(?:el\s+)?(mes)\s+que\s+ve|"
    r"(?:la\s+)?propera\s+(setmana)|(?:el\s+)?proper\s+(mes)|(?:la\s+)?(setmana)\s+vinent|"
    r"(?:el\s+)?(mes)\s+vinent|"
    r"(?:nästa|næste|neste|kommande)\s+(vecka|uge|uke|månad|måned)|"
    r"(?:przyszłym|następnym)\s+(tygodniu|miesiącu)|"
    # p-placetime12: Czech "příští týden", "příští měsíc"
    r"(?:příští|pristi|příštím|pristim)\s+(týden|tyden|týdnu|tydnu|měsíc|mesic|měsíci)|"
    # p-placetime10: Romanian, Finnish, Greek ("săptămâna viitoare", "ensi viikolla",
    # "την επόμενη εβδομάδα", "luna viitoare", "ensi kuussa", "τον επόμενο μήνα")
    r"(săptămâna|saptamana|luna)\s+viitoare|ensi\s+(viikolla|kuussa)|"
    # p-placetime12: Turkish "haftaya", "gelecek hafta", "önümüzdeki ay"
    r"(haftaya)|(?:gelecek|önümüzdeki)\s+(hafta|ay)|"
    r"(?:την\s+)?(?:επόμενη|άλλη)\s+(εβδομάδα)|(?:τον\s+)?(?:επόμενο|άλλο)\s+(μήνα))(?!\w)",
)

# "next week Tuesday", "Tuesday next week", "nächste Woche Dienstag", "mardi de la semaine
# prochaine", "el martes de la semana que viene": that day of next week
_NW = (r"(?:next|nxt|nächste|nächsten|nächster|kommende|kommender)\s+(?:week|wk|woche)|"
       r"haftaya|(?:gelecek|önümüzdeki)\s+hafta|"
       r"(?:nästa|næste|neste|kommande)\s+(?:vecka|uge|uke)|(?:w\s+)?(?:przyszłym|następnym)\s+"
       r"tygodniu|(?:příští|pristi)\s+týden|(?:de\s+)?la\s+semaine\s+prochaine|"
       r"(?:de\s+)?la\s+(?:semana\s+que\s+viene|próxima\s+semana|proxima\s+semana)|"
       r"(?:della\s+)?(?:settimana\s+prossima|prossima\s+settimana)|"
       r"(?:van\s+)?(?:de\s+)?(?:volgende|komende)\s+week|"
       r"(?:da\s+)?(?:semana\s+que\s+vem|pr[óo]xima\s+semana)|"
       r"(?:de\s+)?la\s+(?:setmana\s+que\s+ve|propera\s+setmana)")
_NEXT_WEEK_DAY = rx.compile(
    rf"(?<!\w)(?:(?:{_NW}),?\s+(?:on\s+|am\s+|le\s+|el\s+|op\s+|na\s+|no\s+|på\s+|we\s+|w\s+|v\s+|"
    rf"ve\s+)?(?P<wd1>{_alt(list(_WEEKDAYS))})"
    rf"|(?P<wd2>{_alt(list(_WEEKDAYS))})\s+(?:of\s+)?(?:{_NW}))(?!\w)"
)
# "last week Tuesday", "vorige week dinsdag", "letzte Woche Dienstag", "la semaine dernière,
# mardi", "el martes de la semana pasada": that day of the week before this one (not the most
# recent Tuesday, which may be this week's)
_LW = (r"(?:last|previous)\s+week|(?:letzte|letzten|vorige|vorigen|vergangene|vergangenen)\s+woche|"
       r"(?:de\s+)?la\s+semaine\s+derni[èe]re|(?:de\s+)?la\s+semana\s+pasada|"
       r"(?:della\s+)?(?:settimana\s+scorsa|scorsa\s+settimana)|"
       r"(?:van\s+)?(?:de\s+)?(?:vorige|afgelopen)\s+week|(?:da\s+)?semana\s+passada|"
       r"(?:de\s+)?la\s+setmana\s+passada|(?:w\s+)?(?:zeszłym|ubiegłym|poprzednim)\s+tygodniu")
_LAST_WEEK_DAY = rx.compile(
    rf"(?<!\w)(?:(?:{_LW}),?\s+(?:on\s+|am\s+|le\s+|el\s+|il\s+|op\s+|na\s+|no\s+|w\s+)?"
    rf"(?P<wd1>{_alt(list(_WEEKDAYS))})|(?P<wd2>{_alt(list(_WEEKDAYS))})\s+(?:of\s+)?(?:{_LW}))(?!\w)"
)
# "end of the year", "year-end", "Jahresende", "fin d'année", "a finales de año", "fine anno",
# "eind van het jaar", "fim do ano", "a final d'any", "koniec roku": its last day
_YEAR_END = rx.compile(
    r"(?<!\w)(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year|year[\s-]?end|eoy|"
    r"jahresende|ende\s+(?:des|dieses)\s+jahres|"
    r"(?:la\s+)?fin\s+(?:d['’]|de\s+l['’]|de\s+cette\s+)ann[ée]e|"
    r"(?:a\s+)?(?:fin(?:ales)?|final)\s+(?:de|del)\s+(?:este\s+)?año|"
    r"fine\s+(?:dell['’]\s*)?anno|eind\s+(?:van\s+)?(?:het|dit)\s+jaar|jaareinde|"
    r"(?:no\s+)?fi[mn]\s+d[eo]\s+ano|(?:a\s+)?final\s+d['’]any|(?:pod\s+)?koni?ec\s+roku)(?!\w)"
)
_MID_NEXT_WEEK = rx.compile(
    r"(?<!\w)(?:mid|middle\s+of|mitte|mi)[\s-]+(?:next\s+week|(?:der\s+)?nächste[nr]?\s+woche|"
    r"(?:la\s+)?semaine\s+prochaine)(?!\w)"
)
_PERIOD_END = rx.compile(
    r"(?<!\w)(?:(?:end\s+of\s+(?:the\s+)?|ende\s+(?:der\s+|des\s+)?|fin\s+d[eu]\s+(?:la\s+)?|"
    r"(?:la\s+)?fin\s+(?:de\s+(?:la\s+)?|du\s+)|"
    r"finales\s+de\s+(?:la\s+|el\s+)?|fine\s+(?:della\s+|del\s+)?|eind\s+van\s+de\s+|"
    r"fim\s+d[aoe]\s+|eind(?:e)?\s+(?=volgende)|finals\s+de\s+(?:la\s+|el\s+)?|"
    # sv, da, no, pl: "i slutet av månaden", "i slutningen af næste uge", "pod koniec miesiąca"
    r"slutet\s+av\s+|slutningen\s+af\s+|slutten\s+av\s+|koni?ec\s+|"
    # "a final de mes", "final del mes", "eind deze maand", "Ende dieser Woche"
    r"final\s+d(?:e|el)\s+(?:la\s+|el\s+)?|eind(?:e)?\s+(?=deze|dit)|ende\s+(?=diese))"
    r"(?:deze\s+|dit\s+|dieser\s+|diese[ns]\s+)?"
    r"(?P<next>next\s+|nächsten\s+|nächster\s+|próxima\s+|próximo\s+|prossima\s+|"
    r"volgende\s+|nästa\s+|næste\s+|neste\s+|przyszłego\s+)?"
    r"(?P<unit>week|woche|semaine|semana|settimana|month|monats?|mois|mes|mese|maand|mês|"
    r"veckan|vecka|ugen|uge|uken|uke|tygodnia|månaden|månad|måneden|måned|miesiąca)"
    r"(?P<next2>\s+prochaine?|\s+que\s+viene|\s+prossim[ao])?|(?P<eo>eow|eom|monatsende))(?!\w)"
)
# p-placetime12: the end of this week or month in Polish, Czech, Finnish, Romanian, Turkish
# ("do końca tygodnia", "do konce měsíce", "viikon loppuun mennessä", "până la sfârșitul
# lunii", "ay sonuna kadar"; Turkish "hafta sonu" is the weekend, no end of the week)
_PERIOD_END_MORE = rx.compile(
    r"(?<!\w)(?:(?:końca|konca|konce|koncem)\s+(?:(?P<w>tygodnia|týdne|tydne)|"
    r"miesiąca|miesiaca|měsíce|mesice)"
    r"|(?:(?P<w2>viikon)|kuun|kuukauden)\s+loppu(?:un|uun|ssa|un\s+mennessä)?"
    r"|(?:sfârșitul|sfârşitul|sfarsitul|finalul)\s+(?:(?P<w3>săptămânii|saptamanii)|lunii)"
    r"|ay\s+sonu(?:na|nda)?)(?!\w)"
)
_MONTH_PART = rx.compile(
    r"(?<!\w)(?:(?P<part>early|beginning\s+of|start\s+of|mid|middle\s+of|late|end\s+of|"
    r"(?:the\s+)?(?:first|second|third)\s+week\s+of|(?:la\s+)?(?:première|deuxième)\s+semaine|"
    r"(?:die\s+)?(?:erste|zweite)\s+(?:\w+woche|woche)|(?:la\s+)?(?:primera|segunda)\s+semana|"
    r"anfang|mitte|ende|début|debut|mi|fin|principios\s+de|mediados\s+de|finales\s+de|"
    r"inizio|inizi|metà|fine|begin|half|eind|início|inicio|meados\s+de|fim\s+de|"
    r"começo|comienzos?\s+de|principio\s+de|"
    r"principis|començaments?|mitjans|finals|final)[\s-]+"
    r"(?:de\s+|of\s+|di\s+|d['’])?|(?P<prep>in|im|en|a|em|op|from|ab|courant|durante)\s+)"
    r"(?P<m>"
    + "|".join(re.escape(w) for w in rx.longest_first(_MONTHS) if len(w) >= 3)
    + r")\.?(?![\w.])(?!\s*\d)"
)
_MONTH_PART_DAY = {
    "early": 1, "beginning of": 1, "start of": 1, "anfang": 1, "début": 1, "debut": 1,
    "principios de": 1, "inizio": 1, "begin": 1, "início": 1, "inicio": 1, "inizi": 1,
    "começo": 1, "comienzo de": 1, "comienzos de": 1, "principio de": 1,
    "mid": 15, "middle of": 15, "mitte": 15, "mi": 15, "mediados de": 15, "metà": 15,
    "half": 15, "meados de": 15, "late": 20,
    "first week of": 1, "the first week of": 1, "second week of": 8, "the second week of": 8,
    "third week of": 15, "the third week of": 15, "première semaine": 1,
    "la première semaine": 1, "deuxième semaine": 8, "la deuxième semaine": 8,
    "erste woche": 1, "die erste woche": 1, "zweite woche": 8, "die zweite woche": 8,
    "primera semana": 1, "la primera semana": 1, "segunda semana": 8, "la segunda semana": 8,
    "end of": 31, "ende": 31, "fin": 31, "finales de": 31, "fine": 31, "eind": 31,
    "fim de": 31, "principis": 1, "començament": 1, "començaments": 1, "mitjans": 15,
    "finals": 31, "final": 31, "mitjans de": 15, "finals de": 31,
}  # fmt: skip
# "mid next month", "Mitte nächsten Monats", "à la mi-mai du mois prochain": a part of next month
_NEXT_MONTH_PART = rx.compile(
    r"(?<!\w)(?P<part>mid|middle\s+of|late|mitte|ende|mi|mediados\s+de|finales\s+de|metà|fine|"
    r"meados\s+de|fim\s+de|mitjans\s+de|finals\s+de|half|eind)[\s-]+"
    r"(?:the\s+|del\s+|des\s+|du\s+|de\s+|do\s+|el\s+)?"
    r"(?:next\s+month|nächsten\s+monats|kommenden\s+monats|mois\s+prochain|mes\s+que\s+viene|"
    r"pr[óo]ximo\s+mes|mese\s+prossimo|prossimo\s+mese|volgende\s+maand|mês\s+que\s+vem|"
    r"pr[óo]ximo\s+mês|mes\s+que\s+ve|proper\s+mes)(?!\w)"
)
_THIS_WEEK = rx.compile(
    r"(?<!\w)(?:(?:later|sometime|some\s+time)\s+)?(?:this\s+week|diese\s+woche|"
    r"cette\s+semaine|esta\s+semana|questa\s+settimana|deze\s+week)(?!\w)"
)
_DAY_ORDINAL = rx.compile(
    r"(?<!\w)the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)(?!\w)(?!\s*(?:of\s+)?[^\W\d_]{3,}\.?\s*\d)"
    r"(?!\s*(?:of\s+)?(?:" + "|".join(re.escape(w) for w in _MONTHS) + r")\b)"
)
# "jusqu'au 15", "hasta el 20", "bis zum 9.": a bare day that ends a period is a day of month
_UNTIL_DAY = rx.compile(
    r"(?<!\w)(?:jusqu['’]au|hasta\s+el|bis\s+zum|fino\s+al|fins\s+al|until\s+the|till\s+the)"
    r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|\.)?(?![\w.:/,]\d|\w|\s*(?:[:h]\d|%))"
)
# "no dia 20", "el día 20", "il giorno 20", "am 20.", "op de 20e", "le 20", "el 20": a day of
# the month said alone (not "el 20 de marzo", "le 20 heures", "am 20.3.")
_DAY_OF_MONTH = rx.compile(
    r"(?<!\w)(?:(?:no\s+|o\s+|el\s+|al\s+|del\s+)?d[ií]a|(?:il\s+)?giorno|(?:op\s+)?de|le|el|il|"
    r"del|al|am|zum|dem|den)\s+(?P<d>[0-3]?\d)(?P<suffix>e|er|º|ª|\.)?"
    # (nor the first pair of a phone number said in pairs: "c'est le 06 48 22 91 37")
    r"(?![\w.:/,]\d|\w|\s*(?:[:h]\d|%|-|de\s|d['’]|of\s)|\s+\d\d\s+\d\d)(?P<next>\s*[^\W\d_]*)"
)
_Q_DIGIT = rx.compile(r"q[1-4]")
_QUARTER = rx.compile(
    r"(?<![\w-])(?:(?P<qpart>early|anfang|début|debut|inicio|principios\s+de|inizio|begin|"
    r"mid|mitte|mi|mediados\s+de|metà|half|late|end\s+of|ende|fin|fin\s+d[ue]|finales\s+de|"
    r"fine|eind|fim\s+d[eo]|finals\s+de)[\s-]+(?:the\s+|del\s+|des\s+|du\s+|de\s+)?)?"
    r"q([1-4])(?:[\s/-]*((?:20)?\d\d))?(?![\w-])"
)
# "after New Year", "nach Neujahr", "après le nouvel an": the 1st of January (a holiday is
# never the meeting's day, so it is no "date" for find_met_on)
_NEW_YEAR = rx.compile(
    r"(?<!\w)(?:(?:the\s+)?new\s+year(?:'s)?(?:\s+day)?|neujahr|(?:le\s+)?nouvel\s+an|"
    r"(?:el\s+)?año\s+nuevo|capodanno|nieuwjaar|(?:o\s+)?ano\s+novo|cap\s+d'any)(?!\w)"
)
# "next quarter" (its first day), "end of the quarter" (the last day of this one)
_QUARTER_WORDS = rx.compile(
    r"(?<!\w)(?:(?P<next>next\s+quarter|nächste[sn]?\s+quartal|(?:le\s+)?trimestre\s+prochain|"
    r"(?:le\s+)?prochain\s+trimestre|(?:el\s+)?pr[óo]ximo\s+trimestre|"
    r"(?:il\s+)?prossimo\s+trimestre|volgend\s+kwartaal|(?:o\s+)?trimestre\s+que\s+vem|"
    r"nästa\s+kvartal|næste\s+kvartal|neste\s+kvartal|(?:w\s+)?przyszłym\s+kwartale)|"
    r"(?P<end>end\s+of\s+(?:the\s+)?quarter|quartalsende|ende\s+des\s+quartals|"
    r"fin\s+du\s+trimestre|(?:a\s+)?finales\s+del\s+trimestre|fine\s+trimestre|"
    r"eind\s+van\s+het\s+kwartaal|fim\s+do\s+trimestre))(?!\w)"
)
# "KW 12", and the calendar week said with its word in every language ("semaine 12", "semana
# 12", "week 14", "Woche 14"; not "week 2 of the pilot", "semaine 12 de l'essai")
_CAL_WEEK = rx.compile(
    r"(?<!\w)(?:kw|cw|wk|week|woche|semaine|sem\.|semana|settimana|setmana|vecka|uge|uke|"
    r"tydzień|tydzien)\s?(\d{1,2})(?:[\s/-]+((?:20)?\d\d))?(?![\w-])"
    r"(?!\s+(?:of|de|du|des|del|della|di|der|des|van|do|da)\b|\s*[:.,]\d)")
_WEEK_AFTER_NEXT = rx.compile(
    r"(?<!\w)(?:(?:the\s+)?week\s+after\s+next|übernächste\w*\s+woche|"
    r"dans\s+deux\s+semaines\s+exactement)(?!\w)"
)
_WD = _alt(list(_WEEKDAYS))
_PT_WD = _alt(list(_PT_SHORT_WEEKDAYS))
# "Wed the week after next", "Friday of the week after next", "week after next, Thursday",
# "übernächste Woche Dienstag": that weekday two weeks on from this one
_WAN = r"(?:the\s+)?week\s+after\s+next|übernächste[nr]?\s+woche"
_WEEK_AFTER_NEXT_DAY = rx.compile(
    rf"(?<![\w-])(?:(?P<wd1>{_WD})\.?,?\s+(?:of\s+|in\s+)?(?:{_WAN})"
    # "the Monday after next": the Monday after the coming one
    rf"|(?:the\s+)?(?P<wd3>{_WD})\s+after\s+next"
    rf"|(?:{_WAN}),?\s+(?:on\s+|am\s+|den\s+)?(?P<wd2>{_WD}))(?![\w-])"
)
# A count of weeks from a day named with it: British "a week tomorrow", "two weeks on Friday",
# "tomorrow week"; German "morgen in einer Woche", "(am) Montag in zwei Wochen"; Dutch "morgen
# over een week"; French, Spanish, Catalan "demain en huit", "jeudi en quinze", "hoy en
# ocho", "avui en vuit"; Italian and Portuguese "domani a otto", "hoje a oito" (eight days
# counted both ends: a week; fifteen: two weeks)
_ANCHOR_DAYS = {"tomorrow": 1, "tmrw": 1, "today": 0, "morgen": 1, "heute": 0,
                "übermorgen": 2, "demain": 1, "aujourd'hui": 0, "aujourd’hui": 0,
                "après-demain": 2, "mañana": 1, "hoy": 0, "avui": 0, "demà": 1, "domani": 1,
                "oggi": 0, "hoje": 0, "amanhã": 1, "vandaag": 0}  # fmt: skip
_ANCHOR = rf"(?P<day>{_alt(list(_ANCHOR_DAYS))})|(?P<wd>{_WD})"
_ANCHORED_COUNT = rx.compile(
    rf"(?<![\w-])(?:(?P<n>{_NUM})\s+(?:weeks?|wks?)\s+(?:on\s+)?(?:{_ANCHOR})"
    rf"|(?P<eday>tomorrow|tmrw)\s+week"
    rf"|(?:am\s+)?(?:{_ANCHOR.replace('?P<', '?P<g')})\s+(?:in|over)\s+(?P<gn>{_NUM})\s+"
    rf"(?:wochen?|weken|week)"
    rf"|(?:{_ANCHOR.replace('?P<', '?P<r')})\s+(?:en|a)\s+(?P<eight>huit|quinze|ocho|quince|"
    rf"vuit|otto|quindici|oito)(?:\s+(?:jours|d[ií]as|dies|giorni|dias))?)(?![\w-])"
)
_EIGHT_WEEKS = {"huit": 1, "ocho": 1, "vuit": 1, "otto": 1, "oito": 1}


def _anchored(m: re.Match[str]) -> _Expr:
    """ "a week tomorrow" (8 days on) or "a week on Friday" (the next Friday, a week on)."""
    said = m.group("n") or m.group("gn")
    weeks = _number(said) or 1 if said else _EIGHT_WEEKS.get(m.group("eight") or "huit", 2)
    day = m.group("day") or m.group("gday") or m.group("rday")
    wd = m.group("wd") or m.group("gwd") or m.group("rwd")
    if wd is not None:
        return _Expr(m.start(), m.end(), "future", "weekweek", _WEEKDAYS[wd], day=weeks)
    off = 1 if m.group("eday") else _ANCHOR_DAYS[_squeeze(day or "")]
    return _Expr(m.start(), m.end(), "future", "days", off + 7 * weeks)

_WEEKDAY_RE = rx.compile(
    rf"(?<![\w-])(?:(?P<pre>{_FUTURE_MODS}|{_PAST_MODS}|{_NEUTRAL_PREPS})\s+)?"
    rf"(?:(?P<wd>{_WD})\.?|(?P<ptwd>{_PT_WD})(?=\s+(?:passada|que\s+vem)|)|(?P<abbr>mon|sat|sun)\.?)"
    rf"(?:\s+(?P<post>{_POST_FUTURE}|{_POST_PAST}))?(?![\w-])",
)

_MONTH = _alt(list(_MONTHS))
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|e|º|ª|°)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_DATE_DM = rx.compile(
    rf"(?<![\w.-]){_DAY}\.?(?:\s*|-)(?:de\s+|of\s+|d['’])?(?P<m>{_MONTH})\.?"
    rf"(?:(?:,?\s*|-)(?:de\s+)?{_YEAR})?(?![\w])",
)
_DATE_MD = rx.compile(
    # a count of a unit after the day is a span ("mar 3 weeks"), a word that only starts
    # like one is not ("Dec 29 holiday party", "Nov 12 dinner", "Dec 30 year-end party")
    rf"(?<![\w.])(?P<m>{_MONTH})\.?\s+(?:the\s+)?{_DAY}(?![\w:])(?!\s*(?:{_UNIT}(?![\w-])|%))"
    rf"(?:,?\s*{_YEAR})?(?![\w])",
)
# FollowUpThen's compact "mar3", "dec24" (day first, "3mar", is _DATE_DM's)
_DATE_COMPACT_MD = rx.compile(
    rf"(?<![\w.])(?P<m>{_alt([w for w in _MONTHS if len(w) >= 3])})(?P<d>[0-3]?\d)"
    rf"(?:st|nd|rd|th)?(?![\w:])(?P<y>)",
)
_DATE_ISO = rx.compile(r"(?<![\d\w-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])")
_DATE_DOTS = rx.compile(
    r"(?<![\d.\w])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)?\d\d)?(?![\d.]\d)"
)
_DATE_SLASH = rx.compile(
    r"(?<![\d/\w])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?P<y>(?:19|20)?\d\d))?(?![\d/])"
)
# p-placetime5: a day and month joined by a dash, as Dutch, Danish and many others write them
# ("14-01", "03-7-2027"): read only when a part is zero-padded or a full year follows, so a
# range ("10-12 people", "3-5 days") or a time span is not a date; never inside a number
# such as a phone's ("06-14-01-22").
_DATE_DASH = rx.compile(
    r"(?<![\d\w/.+-])(?P<a>[0-3]?\d)-(?P<b>[0-3]?\d)(?:-(?P<y>(?:19|20)\d\d))?"
    r"(?![\d\w/:-])(?!\.\d)(?!\s*(?:h\b|uur|uhr|hrs?\b|%))"
)
# ... or when a preposition of dates stands before it ("op 3-11", "am 3-11", "le 3-11"):
# a range is "3-5 days", never "op 3-5" (English "on 10-12" is left out: ranges)
_DATE_PREP_BEFORE = rx.compile(r"(?<!\w)(?:op|am|le|el|il|no|dia)\s+$")
_WEEKDAY_PREFIX = rx.compile(rf"(?:{_WD}|{_PT_WD})\.?,?\s*(?:the\s+|el\s+|le\s+|den\s+)?$")
_DP_CANDIDATE = rx.compile(
    r"(?<![\w.])(?:\d{1,2}\.?\s+[^\W\d_]{3,12}\.?(?:\s+\d{4})?|[^\W\d_]{3,12}\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?)(?![\w])"
)

# A full stop after a digit ends a sentence too ("ref 2026-0612-88. f/u friday"), except
# in a day-month date ("am 15. Juni") and after a German day ("nach dem 18. nachfassen").
_GERMAN_ORDINAL = "".join(rf"(?<!\b{w}\s\d)(?<!\b{w}\s\d\d)" for w in ("am", "dem", "zum", "den"))
# Nor does the full stop of a unit abbreviated after its number ("in 30 Std. nachfassen",
# "in 2 Wo. melden", "tra 2 sett. sentirla"): the span and its ask stay one sentence.
_UNIT_ABBREVIATIONS = ("std", "wo", "mon", "mt", "mte", "tg", "tge", "min", "hrs", "hr",
                       "wks", "wk", "mths", "mth", "mos", "sem", "sett", "gg", "dys", "wkn",
                       "mnd", "tyg", "tyd", "mies")
# grouped by length (a look-behind has one width); tried only where a stop stands
_UNIT_ABBREVIATION_STOP = "(?=[.!?…])" + "".join(
    rf"(?<!\d(?:{w}))(?<!\d\s(?:{w}))"
    for w in ("|".join(a for a in _UNIT_ABBREVIATIONS if len(a) == n) for n in (2, 3, 4)) if w
)
_SENTENCE_SPLIT = rx.compile(
    rf"\n+|(?<=[^\d\s]){_UNIT_ABBREVIATION_STOP}[.!?…]+(?=\s|$)|(?<=[!?…])\s+"
    rf"|(?<=\d)(?<!\d\.\d)(?<!\d\.\d\d){_GERMAN_ORDINAL}\.(?=\s+(?!(?:{_MONTH})\b)[^\W\d_])",
)
_CLAUSE_SPLIT = rx.compile(
    # "so" / "donc" / "quindi" / "dus" / "daher" before an ask starts the ask's own clause:
    # a date said before it ("she moves in April so ping in 3 wks") is not the ask's
    r"(?<!\s)\s+(?:so|donc|quindi|dus|daher|deshalb|therefore|hence)\s+"
    r"(?=" + _FU_TRIGGER.pattern + r")|"
    r",\s|;\s*|:\s+(?=\S)|\s[–—-]\s|\s\(|\)\s|\s+(?:and|but|und|aber|et|mais|pero|ma|"
    r"maar|mas|then|dann|puis|luego|poi|daarna|depois(?!\s+de\s+amanh))\s+"
    # an infinitive with its pronoun starts a clause of its own in a run-on phone note
    # ("conocí a Marta llamarla en 2 semanas", "conosciuto Luca chiamarlo lunedì")
    r"|\s(?=(?:llamar|escribir|contactar|mandar|enviar|chiamar|scriver|contattar|inviar|"
    r"ligar|trucar|escriure|telefonar)(?:le|la|lo|les|las|los|gli|glie|li|l[ao]s?)\b)",
)

_ENGLISH_HINT = rx.compile(r"\b(?:the|and|with|her|him|met|at|to|in|is|for|on)\b")
_OTHER_HINT = rx.compile(
    r"\b(?:der|die|das|und|mit|ist|le|la|les|et|avec|est|el|los|las|con|es|il|di|che|"
    r"het|een|van|met|de|em|com|não|um|da|na|ela|ele|por|para|que|del|och|på|og|att|jag|"
    r"vi|się|jest|nie|za|od)\b",
)


_WEEK_WORDS = frozenset({"week", "wk", "woche", "wo", "semaine", "sem", "semana", "settimana",
                         "haftaya", "hafta", "týden", "tyden", "týdnu", "tydnu",
                        "setmana", "vecka", "uge", "uke", "tygodniu", "veckan", "ugen", "uken",
                        "tygodnia", "săptămâna", "saptamana", "viikolla", "εβδομάδα"})
_PLURAL_SPANS = frozenset({"hours", "hrs", "stunden", "std", "stdn", "heures", "horas", "ore",
                           "uur",
                           "minutes", "mins", "minuten", "minutos", "minuti"})
# one- or two-letter units are read only right after digits ("3d", "36h", "2 wo")
_LETTER_UNITS = frozenset({"j", "w", "m", "d", "h", "wo", "mo", "sem", "hr", "std", "stdn",
                           "mon", "mt", "mte", "tg", "tge", "mth", "mths", "sett", "wochn",
                           "wkn", "mnd", "mnden"})


def _lower(text: str) -> str:
    """Lower-cased text of the same length (offsets stay valid): the patterns are lower
    case and compiled without IGNORECASE, which makes CPython's re several times slower."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return _month_stops_kept(text, low) if "." in text else low


# The full stop of a month said short after its day ("am 12. Jan. melden", "le 5 avr. svp",
# "on 3 Dec. 2026") ends no sentence when a word in lower case or a number goes on after it;
# a capital ("on 3 Dec. Follow up in 2 weeks") or an ask or meeting word that starts the
# next sentence in lower case ("3 dec. follow up in 2 wks") still ends one. The stop becomes a
# space in the lower-cased text, so that its length, and every offset, stays the same.
_MONTH_STOP = rx.compile(
    rf"(?<=\d)(?:\.|st|nd|rd|th|er|e)?\s+(?:{_MONTH})(?P<stop>\.)"
    r"(?=\s*[:–—-]\s|\s+(?-i:[a-zà-ÿ\d]))"
    # p-timing12b: and a weekday said short before its day ("jeu. 7 janv. : rappeler",
    # "mié. 13 ene.: llamar", "Di. 7. Jan.: anrufen"; not "mar.", also March)
    r"|(?<![\w.])(?:lun|mer|jeu|ven|sam|dim|mi[eé]|jue|vie|s[aá]b|dom|mo|di|mi|do|fr|sa|"
    r"so|gio|ma|wo|vr|za|zo|seg|ter|qua|qui|sex|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
    r"(?P<wstop>\.)(?=\s+\d)",
    re.IGNORECASE)


def _month_stops_kept(orig: str, low: str) -> str:
    stops = [m.start("wstop") if m.group("wstop") else m.start("stop")
             for m in _MONTH_STOP.finditer(orig)
             if m.group("wstop") or not _opens_own_sentence(low, _next_word(low, m.end()))]
    if not stops:
        return low
    chars = list(low)
    for at in stops:
        chars[at] = " "
    return "".join(chars)


def _opens_own_sentence(low: str, pos: int) -> bool:
    """An ask or meeting word with words of its own after it ("follow up in 2 weeks", "ping
    him friday") starts a sentence; one said last ("am 12. Jan. melden.") ends the one before."""
    trigger = _FU_TRIGGER.match(low, pos) or _MET_TRIGGER.match(low, pos)
    if trigger is None:
        return False
    end = _TO_STOP.match(low, trigger.end())
    rest = low[trigger.end() : end.end() if end else len(low)]
    return _COURTESY_REST.fullmatch(rest) is None


_TO_STOP = rx.compile(r"[^.!?\n]{0,80}")
_COURTESY_REST = rx.compile(r"(?:\s|[,;:!]|pls|please|bitte|svp|merci|thx|thanks|danke)*")


def _next_word(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


_SPACES = rx.compile(r"\s+")


def _squeeze(text: str) -> str:
    """`text` with each run of whitespace one space ("next  week" -> "next week")."""
    return _SPACES.sub(" ", text)


def _number(word: str) -> int | None:
    w = _squeeze(word.strip().lower())
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w)


def _day_first(text: str) -> bool:
    other, english = len(_OTHER_HINT.findall(text)), len(_ENGLISH_HINT.findall(text))
    if other == english == 0:
        # "rappel mardi 10/03", "WV 15/4": a word of another language decides
        return any(w in _FOREIGN_WORDS or w.startswith(_FOREIGN_STEMS)
                   for w in _WORD.findall(text))
    if other > english:
        return True
    # p-placetime10: English as written outside the US puts the day first ("met her on 12/10
    # in Sydney", "f/u 3/11, Lagos"): a town or country of a day-first country named, and
    # none of the month-first ones, decides
    if "/" not in text:
        return False
    named = {m.group("place") for m in _place_words().finditer(text)}
    return bool(named) and not named & _month_first_places()


# the places of the countries that write the month first (US, Philippines, Canada in part)
_MONTH_FIRST_CODES = ("US", "PH", "CA", "FM", "MH", "PW")


@lru_cache(maxsize=1)
def _place_words() -> re.Pattern[str]:
    from followup.parsing.places import CITIES, COUNTRY_NAMES  # plain data, read on first use

    words = {w.lower() for table in (CITIES, COUNTRY_NAMES) for names in table.values()
             for w in names if len(w) >= 4}
    # said as a place ("in Nairobi", "(Lagos)", ", Accra"), not as a surname ("Ana Lima")
    return rx.compile(r"(?:\b(?:in|at|from|near|to)\s+(?:the\s+)?|[,(]\s*)(?P<place>" +
                      _alt(sorted(words)) +
                      r")(?![\w-])")


@lru_cache(maxsize=1)
def _month_first_places() -> frozenset[str]:
    from followup.parsing.places import CITIES, COUNTRY_NAMES

    return frozenset(w.lower() for table in (CITIES, COUNTRY_NAMES) for code in _MONTH_FIRST_CODES
                     for w in table.get(code, ()))


_WORD = rx.compile(r"[^\W\d_]+")
_FOREIGN_WORDS = frozenset(w for w in (*_WEEKDAYS, *_MONTHS) if len(w) > 4) - {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "thurs"} | {"wiedervorlage", "erinnerung", "seguimiento",
                                        "recordatorio", "promemoria", "lembrete", "herinnering",
                                        "opvolgen", "nabellen", "wv"}
_FOREIGN_STEMS = ("relance", "rappel", "nachfass", "ricontatt", "richiamar",
                  # p-placetime12: the asks of Portuguese, Polish, Czech, Finnish, Romanian
                  # notes ("ligar dia 12/03", "zadzwonić 5/4", "soita 12/3")
                  "ligar", "retorn", "zadzwo", "odezwa", "zavola", "ozvat", "soita", "sunat",
                  "revenit", "dia")


def _valid_md(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31 and day <= (29 if month == 2 else 31)


def _find_exprs(text: str, day_first: bool, orig: str) -> list[_Expr]:
    """Every date expression in `text` (lower-cased `orig`), non-overlapping (longest
    wins), in text order: each kind of phrase has its own step below."""
    found = [e for step in _EXPR_STEPS for e in step(text, day_first, orig)]
    return _non_overlapping(found)


def _relative_past(text: str, day_first: bool, orig: str) -> Iterator[_Expr]:
    """ "3 days ago", "vor 2 Wochen", "il y a 3 jours", "hace un mes"."""
    for m in _REL_PAST.finditer(text):
        groups = [g for g in m.groups() if g]
        n, unit = _number(groups[0]), _UNITS.get(groups[1].lower().rstrip("."))
        if n is not None and unit:
            yield _rel(m.start(), m.end(), -n, unit, "past")


def _relative_future(text: str, day_first: bool, orig: str) -> Iterator[_Expr]:
    """ "in 2 weeks", "dans 3 jours", "en 36 horas", "#fu 3d"-like counts of a unit."""
    for m in _REL_FUTURE.finditer(text):
        n, word = _number(m.group(1)), m.group(2).lower().rstrip(".")
        unit = _UNITS.get(word)
        if n is None or not unit or n > 400 or not _plausible_count(m, n, word, unit):
            continue
        yield _rel(m.start(), m.end(), n, unit, "future")
    # French "sous huitaine", "sous quinzaine": within a week, a fortnight, said without "une"
    for m in _FR_SPAN.finditer(text) if "aine" in text else ():
        yield _rel(m.start(), m.end(), 1, "w" if m.group(1) == "huitaine" else "f", "future")
    for m in _DAY_PLUS.finditer(text) if "+" in text else ():
        yield _rel(m.start(), m.end(), int(m.group(1)), "d", "future")
    for m in _LOOSE_COUNT.finditer(text) if _has_any(text, _LOOSE_HINTS) else ():
        said = _squeeze(m.group("n") or m.group("n2") or m.group("n3") or "")
        if m.group("u2") and not said and not m.group(0).startswith("într"):
            continue  # "în luna martie" is the month of March, no count
        n = int(said) if said.isdigit() else _LOOSE_NUMBERS.get(said, _NUMBER_WORDS.get(said, 1))
        unit = _LOOSE_UNITS[m.group("u") or m.group("u2") or m.group("u3")]
        yield _rel(m.start(), m.end(), n, unit, "future")
    for m in _NORDIC_COUNT.finditer(text) if "om " in text or "za " in text else ():
        word, said = m.group(2), m.group("n") or ""
        n = int(said) if said.isdigit() else _NORDIC_NUMBERS.get(said, 0 if said else 1)
        if n and word in _UNITS:
            yield _rel(m.start(), m.end(), n, _UNITS[word], "future")


# Number words of Swedish, Danish, Norwegian and Polish, read only after "om"/"za" ("en",
# "to", "ni", "ti" are words of other languages too); "za tydzień" alone is one week.
_NORDIC_NUMBERS = {
    "en": 1, "ett": 1, "et": 1, "ei": 1, "to": 2, "två": 2, "tre": 3, "fyra": 4, "fire": 4,
    "fem": 5, "sex": 6, "seks": 6, "sju": 7, "syv": 7, "åtta": 8, "otte": 8, "åtte": 8,
    "nio": 9, "ni": 9, "tio": 10, "ti": 10, "fjorton": 14, "fjorten": 14,
    "jeden": 1, "jedna": 1, "dwa": 2, "dwie": 2, "trzy": 3, "cztery": 4, "pięć": 5,
    "sześć": 6, "siedem": 7, "osiem": 8, "dziesięć": 10, "czternaście": 14, "kilka": 3,
    "jednu": 1, "dva": 2, "dvě": 2, "tři": 3, "čtyři": 4, "pět": 5, "šest": 6,
    "deset": 10, "několik": 3, "pár": 2, "čtrnáct": 14, "patnáct": 15, "dvacet": 20,
    "dwadzieścia": 20, "trzydzieści": 30,
}  # fmt: skip


# p-placetime12: counts said with their own number words and word order: Turkish "iki hafta
# sonra", "10 gün içinde", "bir ay sonra"; Romanian "peste o lună", "într-o săptămână",
# "peste 3 luni"; Finnish "viikon päästä" (one), "kolmen kuukauden kuluttua"
_LOOSE_NUMBERS = {"bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7,
                  "sekiz": 8, "dokuz": 9, "on": 10, "on beş": 15, "birkaç": 3, "o": 1,
                  "câteva": 3, "cateva": 3, "două": 2}  # fmt: skip
_LOOSE_UNITS = {"gün": "d", "hafta": "w", "ay": "m", "yıl": "y", "sene": "y",
                "zile": "d", "zi": "d", "săptămâni": "w", "saptamani": "w", "săptămână": "w",
                "saptamana": "w", "luni": "m", "lună": "m", "luna": "m", "ani": "y", "an": "y",
                "päivän": "d", "viikon": "w", "kuukauden": "m", "vuoden": "y"}  # fmt: skip
_LOOSE_COUNT = rx.compile(
    r"(?<!\w)(?:(?P<n>\d{1,3}|on\s+beş|bir|iki|üç|dört|beş|altı|yedi|sekiz|dokuz|on|birkaç)\s+"
    r"(?P<u>gün|hafta|ay|yıl|sene)\s+(?:sonra|içinde|içerisinde|zarfında)"
    r"|(?:peste|în|in|într-o|intr-o)\s+(?:(?P<n2>\d{1,3}|o|un|două|doua|doi|trei|patru|cinci|"
    r"zece|câteva|cateva)\s+)?(?P<u2>zile|zi|săptămâni|saptamani|săptămână|saptamana|luni|lună|"
    r"luna|ani|an)"
    r"|(?:(?P<n3>\d{1,3}|" + "|".join(w for w in _NUMBER_WORDS if w.endswith("n") and
                                       _NUMBER_WORDS[w] > 0 and len(w) > 4) + r")\s+)?"
    r"(?P<u3>päivän|viikon|kuukauden|vuoden)\s+(?:päästä|kuluttua))(?!\w)"
)


_AT_CLOCK = rx.compile(r"(?<!\w)(?:à|a\s+las|alle|um|at|om|às|ás|a)\s+$")


def _plausible_count(m: re.Match[str], n: int, word: str, unit: str) -> bool:
    """A number and a unit word that really are a quantity of time."""
    if len(word) == 1 and not m.group(1).isdigit():
        return False  # "a d", "une j" are not quantities
    if word in ("an", "ans") and m.group(1).strip() in ("a", "an"):
        return False  # "in an an" is no phrase; "dans un an", "in 2 ans" are
    if word in _LETTER_UNITS and not re.search(r"\d\s*" + re.escape(m.group(2)), m.group(0)):
        return False
    if word in _LETTER_UNITS and m.string[m.end() : m.end() + 1] in ("'", "’"):
        return False  # "2 d'abril", "3 l'après-midi": an elided article, not a unit
    if unit in ("h", "n"):
        # "à 9h", "um 10 h" are clock times; "in 36h", "48 hours", "dans 2 heures" are spans
        # "a 48 hour hackathon" is an adjective: without "in", only plurals and "36h" count
        # (Dutch "om 3 uur" is three o'clock)
        said_in = re.match(rf"(?:{_IN})\s", m.group(0)) is not None and not m.group(0).startswith(
            "om"
        )
        if not said_in and _AT_CLOCK.search(m.string, max(0, m.start() - 8), m.start()):
            return False  # "à 20 heures", "a las 18 horas", "um 20 Stunden"... is a time
        return said_in or (word in _PLURAL_SPANS and n > 1) or (len(word) <= 3 and n >= 24)
    return True


def _day_words(text: str, day_first: bool, orig: str) -> Iterator[_Expr]:
    """ "tomorrow", "gestern", "après-demain", "pasado mañana"."""
    for m in _NORDIC_DAY_RE.finditer(text) if "i " in text else ():
        yield _day_offset(m, _NORDIC_DAY_WORDS[_squeeze(m.group(1))])
    for m in _DAY_WORD_RE.finditer(text):
        off = _DAY_WORDS[_squeeze(m.group(1).lower())]
        if off is None:
            yield _Expr(m.start(), m.end(), "neutral", "none")
            continue
        yield _day_offset(m, off)


def _day_offset(m: re.Match[str], off: int) -> _Expr:
    pol: Polarity = "past" if off < 0 else "future" if off > 0 else "neutral"
    return _Expr(m.start(), m.end(), pol, "days", off)


def _week_and_month_words(text: str, day_first: bool, orig: str) -> Iterator[_Expr]:
    """ "next week/month", "end of (next) week/month", "the week after next", "this week"."""
    for m in _NEXT_WEEK.finditer(text):
        word = next(g for g in m.groups() if g).lower()
        yield _Expr(m.start(), m.end(), "future",
                    "nextweek" if word in _WEEK_WORDS else "nextmonth")
    for m in _PERIOD_END.finditer(text):
        unit = (m.group("unit") or m.group("eo") or "").lower()
        kind = "endweek" if unit in _WEEK_WORDS or unit == "eow" else "endmonth"
        ahead = 1 if (m.group("next") or m.group("next2")) else 0
        yield _Expr(m.start(), m.end(), "future", kind, ahead)
    for m in _PERIOD_END_MORE.finditer(text) if _has_any(text, _PERIOD_END_HINTS) else ():
        week = m.group("w") or m.group("w2") or m.group("w3")
        yield _Expr(m.start(), m.end(), "future", "endweek" if week else "endmonth", 0)
    for m in _WEEK_AFTER_NEXT.finditer(text):
        yield _Expr(m.start(), m.end(), "future", "nextweek", 1)
    for m in _MID_NEXT_WEEK.finditer(text):  # the Wednesday of next week
        yield _Expr(m.start(), m.end(), "future", "nextweekday", 2)
    for m in _NEXT_WEEK_DAY.finditer(text):
        wd = _WEEKDAYS[m.group("wd1") or m.group("wd2")]
        yield _Expr(m.start(), m.end(), "future", "nextweekday", wd)
    for m in _WEEK_AFTER_NEXT_DAY.finditer(text) if "after next" in text or "über" in text \
            else ():
        if m.group("wd3"):
            yield _Expr(m.start(), m.end(), "future", "weekweek", _WEEKDAYS[m.group("wd3")])
            continue
        wd = _WEEKDAYS[m.group("wd1") or m.group("wd2")]
        yield _Expr(m.start(), m.end(), "future", "nextweekday", wd, day=1)
    for m in _ANCHORED_COUNT.finditer(text) if _has_any(text, _ANCHORED_HINTS) else ():
        yield _anchored(m)
    for m in _YEAR_END.finditer(text) if _has_any(text, _YEAR_END_HINTS) else ():
        yield _Expr(m.start(), m.end(), "future", "endyear")
    for m in _LAST_WEEK_DAY.finditer(text) if "w" in text else ():
        wd = _WEEKDAYS[m.group("wd1") or m.group("wd2")]
        yield _Expr(m.start(), m.end(), "past", "lastweekday", wd)
    for m in _THIS_WEEK.finditer(text):
        yield _Expr(m.start(), m.end(), "future", "days", 1)
    for m in _NEXT_MONTH_PART.finditer(text) if _has_any(text, _MONTH_NOUNS) else ():
        day = _MONTH_PART_DAY.get(_squeeze(m.group("part")), 15)
        yield _Expr(m.start(), m.end(), "future", "nextmonthpart", 0, 0, day)


# Words without which the rarer phrases cannot match: a substring test skips their scan on
# most notes (the parser's hot path).
_ANCHORED_HINTS = ("tomorrow", "tmrw", "today", "week on", "weeks on", "wk on", "wks on",
                   "wochen", "woche", " over ", "en huit", "en quinze", "en ocho", "en quince",
                   "en vuit", "a otto", "a quindici", "a oito", "a quinze")
_PERIOD_END_HINTS = ("końc", "konc", "loppu", "sfâr", "sfar", "finalul", "sonu")
_LOOSE_HINTS = ("sonra", "içinde", "içerisinde", "zarfında", "päästä", "kuluttua", "zile",
                "zi ", "sapt", "săpt", "luni", "lună", "luna", " ani", "peste", "într")
_MONTH_NOUNS = ("month", "monat", "mois", "mes", "maand", "mês")
_QUARTER_NOUNS = ("quart", "trimestr", "kwartaal", "kvartal", "kwartale")
_YEAR_END_HINTS = ("year", "jahr", "ann", "año", "anno", "jaar", "ano", "any", "eoy", "roku")
_NEW_YEAR_HINTS = ("year", "neujahr", "nouvel an", "año nuevo", "capodanno", "nieuwjaar",
                   "ano novo", "cap d'any")


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def _calendar_periods(text: str, day_first: bool, orig: str) -> Iterator[_Expr]:
    """ "early/mid/end of June", "in June", "Q3", "KW 23", "on the 20th"."""
    for m in _MONTH_PART.finditer(text):
        month = _MONTHS.get(m.group("m"))
        if month is None or orig[m.start("m") : m.end("m")] == "may":
            continue
        day = _MONTH_PART_DAY.get(_squeeze(m.group("part") or ""), 1)
        yield _Expr(m.start(), m.end(), "future", "monthpart", 0, month, day)
    for m in _QUARTER.finditer(text) if _Q_DIGIT.search(text) else ():
        month = 3 * (int(m.group(2)) - 1) + 1
        part = _quarter_part(m.group("qpart") or "")
        yield _Expr(m.start(), m.end(), "future", "quarter", part, month, 1, _year(m.group(3)))
    for m in _QUARTER_WORDS.finditer(text) if _has_any(text, _QUARTER_NOUNS) else ():
        yield _Expr(m.start(), m.end(), "future", "quarterword", 1 if m.group("next") else 2)
    for m in _NEW_YEAR.finditer(text) if _has_any(text, _NEW_YEAR_HINTS) else ():
        yield _Expr(m.start(), m.end(), "future", "newyear", 0, 1, 1)
    for m in _CAL_WEEK.finditer(text):
        if 1 <= int(m.group(1)) <= 53:
            yield _Expr(m.start(), m.end(), "future", "isoweek", int(m.group(1)), 0, 0,
                        _year(m.group(2)))
    for m in _DAY_OF_MONTH.finditer(text):
        if _plausible_day_of_month(m):
            yield _Expr(m.start(), m.start("next"), "neutral", "monthday", 0, 0, int(m.group("d")))
    for m in _UNTIL_DAY.finditer(text):
        if 1 <= int(m.group("d")) <= 31:
            yield _Expr(m.start("d"), m.end(), "neutral", "monthday", 0, 0, int(m.group("d")))
    for m in _DAY_ORDINAL.finditer(text):
        if 1 <= int(m.group("d")) <= 31:
            yield _Expr(m.start(), m.end(), "neutral", "monthday", 0, 0, int(m.group("d")))


# Swedish/Danish/Norwegian "i måndags", "i tirsdags": the last such day.
_NORDIC_LAST_WEEKDAY = rx.compile(
    r"(?<!\w)i\s+(?P<wd>måndag|mandag|tisdag|tirsdag|onsdag|torsdag|fredag|lördag|lørdag|"
    r"söndag|søndag)s(?!\w)"
)


_NOT_A_DAY_AFTER = ("étage", "etage", "édition", "edition", "editie", "edición", "edizione",
                    "edição", "verdieping", "anniversa", "aniversario", "jubil")
_NOT_A_DAY_WORD = frozenset({"piso", "andar", "stock", "floor", "place", "plaats", "rang",
                             "posto", "lugar", "jahr", "anno", "año", "ano", "jaar", "an"})


def _plausible_day_of_month(m: re.Match[str]) -> bool:
    """German "am 20." needs its dot, Dutch "de 20e" its "e"; the others a day from 1 to 31,
    and no month or unit after it ("el 20 marzo" is a date, "le 20 heures" a time)."""
    head, suffix = m.group(0).split()[0], m.group("suffix") or ""
    after = m.group("next").strip()
    if not 1 <= int(m.group("d")) <= 31 or after in _MONTHS or (len(after) > 1 and after in _UNITS):
        return False
    if after.startswith(_NOT_A_DAY_AFTER) or after in _NOT_A_DAY_WORD:
        return False  # "le 3e étage", "de 20e editie", "el 5 piso": an ordinal of something else
    if head in ("am", "zum", "dem", "den"):
        return suffix == "."
    if head in ("de", "op"):
        return suffix == "e"
    return True


def _quarter_part(word: str) -> int:
    """0 for the quarter's start ("Q3", "early Q3"), 1 for its middle, 2 for its end."""
    day = _MONTH_PART_DAY.get(_squeeze(word), 1)
    return 2 if day >= 28 or word.startswith("fin") else 1 if day >= 15 else 0


def _weekdays(text: str, day_first: bool, orig: str) -> Iterator[_Expr]:
    """ "next Tuesday", "am Montag", "jeudi dernier", "f/u Mon", "i tisdags"."""
    for m in _NORDIC_LAST_WEEKDAY.finditer(text) if "dags" in text else ():
        yield _Expr(m.start(), m.end(), "past", "weekday", _WEEKDAYS[m.group("wd")])
    for m in _WEEKDAY_RE.finditer(text):
        wd_word = (m.group("wd") or m.group("ptwd") or m.group("abbr") or "").lower()
        if m.group("ptwd") and not (m.group("pre") or m.group("post")) and \
                not _PT_MET_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        if m.group("abbr") and not _weekday_abbreviation(orig, text, m):
            continue
        if _inside_a_name(orig, m):
            continue
        if wd_word == "luni" and _COUNT_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # Romanian "3 luni", "câteva luni" are months; "luni" alone is Monday
        wd = _WEEKDAYS.get(wd_word, _PT_SHORT_WEEKDAYS.get(wd_word, _ABBR_WEEKDAYS.get(wd_word)))
        if wd is None:
            continue
        if (m.group("abbr") or _WEEKDAY_PREFIX.search(text[max(0, m.end() - 40) : m.end()])) \
                and _next_is_date(text, m.end()):
            continue  # "lunes 18 de mayo", "mon 9 nov": the date decides
        mod = _squeeze((m.group("post") or m.group("pre") or "").lower())
        day = _WEEKDAY_THEN_DAY.match(text, m.end())
        if day is not None and 1 <= int(day.group("d")) <= 31:
            # "el viernes 17", "Monday the 16th": that day of the month, the weekday agreeing
            yield _Expr(m.start(), day.end("d"), _weekday_polarity(mod), "wdday", wd,
                        day=int(day.group("d")))
            continue
        week = _DAY_WEEK.match(text, m.end())
        if week is not None and mod in ("", "on"):
            # British and Australian "Thursday week": that weekday a week after the next one
            yield _Expr(m.start(), week.end(), "future", "weekweek", wd)
            continue
        yield _Expr(m.start(), m.end(), _weekday_polarity(mod), "weekday", wd)


_COUNT_BEFORE = rx.compile(r"(?:\d|(?<!\w)(?:două|doua|trei|patru|cinci|șase|șapte|opt|nouă|zece|"
                           r"câteva|cateva|multe|de|ultimele|următoarele))\s+$")
_DAY_WEEK = rx.compile(r"\s+week(?!\w|\s+of\b|\s+\d)")


# "conheci sexta na Fispal": a Portuguese short weekday straight after a meeting verb
_PT_MET_BEFORE = rx.compile(r"(?<!\w)(?:conheci|encontrei|falei|vi|estive|conversei|"
                            r"conhecemos|falamos|encontramos)\s+$")
# a weekday and then a lone day of the month ("viernes 17", "Monday the 16th", "mardi 3"),
# not a clock time ("Friday 10am", "mardi 9h", "Mon 14:00") nor a month's day ("Mon 9 Nov")
_WEEKDAY_THEN_DAY = rx.compile(
    r"\.?,?\s*(?:the\s+|el\s+|le\s+|den\s+|il\s+|o\s+|dia\s+)?(?P<d>[0-3]?\d)"
    r"(?:st|nd|rd|th|er|e|º|ª|\.(?!\d))?(?![\d:.,/h-]?\d|\w|\s*(?:am|pm|h|uhr|uur|hrs?)\b|"
    r"\s*[:.]\d)")
# A capitalised word, the short day, a capitalised word: "Nguyen Thi Thu Ha", "Le Thu Trang"
_NAME_AROUND = rx.compile(r"(?-i:[A-Z][\w'-]*) $")
_TWO_NAMES_BEFORE = rx.compile(r"(?-i:[A-Z][\w'-]*) (?-i:[A-Z][\w'-]*) $")
_NAME_AFTER = rx.compile(r" (?-i:[A-Z][a-z]*)(?![\w-])")


def _inside_a_name(orig: str, m: re.Match[str]) -> bool:
    """A short day word ("Thu", "Wed") between two capitalised words, with no modifier, is a
    part of a name (Vietnamese Thu, Welsh Wed); a month after it keeps it a day."""
    word = m.group("wd") or ""
    if not word or len(word) > 5 or m.group("pre") or m.group("post"):
        return False
    if orig[m.end() - 1] == "." and len(word) > 3:
        return False  # "Rencontré Anne mardi. Relancer ...": a sentence ends on the day
    if not _NAME_AROUND.search(orig, max(0, m.start() - 30), m.start()):
        return False
    after = _NAME_AFTER.match(orig, m.end())
    if after:
        return after.group(0).strip().lower() not in _MONTHS
    # "Met Tran Van Thu yesterday": a day word after it says when; the short day is the name's
    return _DAY_WORD_RE.match(m.string, m.end() + 1) is not None and \
        _TWO_NAMES_BEFORE.search(orig, max(0, m.start() - 40), m.start()) is not None


def _weekday_polarity(mod: str) -> Polarity:
    if rx.fullmatch(_PAST_MODS, mod, re.I) or rx.fullmatch(_POST_PAST, mod, re.I):
        return "past"
    if rx.fullmatch(_FUTURE_MODS, mod, re.I) or rx.fullmatch(_POST_FUTURE, mod, re.I):
        return "neutral" if mod in ("this", "ce", "cette", "este", "esta", "deze", "bu") \
            else "future"
    return "neutral"


def _named_month_dates(text: str, day_first: bool, orig: str) -> Iterator[_Expr]:
    """ "3 March", "le 2 juin", "2 de junio", "March 3rd", and compact "mar3" / "3mar"."""
    for pattern in (_DATE_DM, _DATE_MD, _DATE_COMPACT_MD):
        for m in pattern.finditer(text):
            month = _MONTHS.get(m.group("m").lower().rstrip("."))
            day = int(m.group("d"))
            if month is None or not _valid_md(month, day):
                continue
            if (pattern is not _DATE_DM and orig[m.start("m") : m.end("m")] in _VERB_MONTHS
                    and not _ORDINAL_END.search(m.group("d") + text[m.end("d") : m.end()])):
                # lower-case "may 3" is usually the verb ("we may 2x the budget"), and
                # "Maja 12" a name; "may 5th" is a date
                continue
            year = int(m.group("y")) if m.group("y") else None
            start = _absorb_weekday(text, m.start())
            yield _Expr(start, m.end(), "neutral", "date", 0, month, day, year)


_VERB_MONTHS = frozenset({"may", "Maja", "maja"})
_ORDINAL_END = rx.compile(r"\d(?:st|nd|rd|th)\b")


def _numeric_dates(text: str, day_first: bool, orig: str) -> Iterator[_Expr]:
    """ "2026-03-03", "21.04.", "21.4.2026", "5/18" (month first in English notes)."""
    for m in _DATE_ISO.finditer(text):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if _valid_md(mo, d):
            yield _Expr(m.start(), m.end(), "neutral", "date", 0, mo, d, y)
    for m in _DATE_DOTS.finditer(text):
        d, mo, y_raw = int(m.group("d")), int(m.group("m")), m.group("y")
        if (m.group(0).endswith(".") or y_raw) and _valid_md(mo, d):
            start = _absorb_weekday(text, m.start())
            yield _Expr(start, m.end(), "neutral", "date", 0, mo, d, _year(y_raw))
    for m in _DATE_DOTS_BARE.finditer(text) if "." in text else ():
        d, mo = int(m.group("d")), int(m.group("m"))
        if _valid_md(mo, d) and _bare_dotted_date(text, m):
            yield _Expr(m.start(), m.end(), "neutral", "date", 0, mo, d, None)
    for m in _DATE_SLASH.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        d, mo = (a, b) if a > 12 or (day_first and b <= 12) else (b, a)
        if m.group("y") is None and text[max(0, m.start() - 2) : m.start()].lower() == "f/":
            continue
        if _valid_md(mo, d):
            start = _absorb_weekday(text, m.start())
            yield _Expr(start, m.end(), "neutral", "date", 0, mo, d, _year(m.group("y")))
    for m in _DATE_DASH.finditer(text):
        a_raw, b_raw = m.group("a"), m.group("b")
        if not (m.group("y") or a_raw.startswith("0") or b_raw.startswith("0")
                or _DATE_PREP_BEFORE.search(text, max(0, m.start() - 6), m.start())):
            continue
        a, b = int(a_raw), int(b_raw)
        # day first unless the second part cannot be a month: the dash is a European habit
        d, mo = (b, a) if b > 12 else (a, b)
        if _valid_md(mo, d):
            start = _absorb_weekday(text, m.start())
            yield _Expr(start, m.end(), "neutral", "date", 0, mo, d, _year(m.group("y")))


# "call both on 15.9", "am 3.11 melden", "le 12.4 à 10h": a day and month with no final stop
# are a date after a preposition of dates (a version "2.5" or an amount "1.5m" has none)
_DATE_DOTS_BARE = rx.compile(r"(?<![\d.\w])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)(?![\d.\w])")
_DOTTED_PREP = rx.compile(r"(?<!\w)(?:on|am|le|el|il|op|no|dia|ab|from|by|bis|until|till|"
                          r"vom|zum|au|du|al|del|dal)\s+$")
# ... and not a number with its unit or amount ("on 1.5m", "on 2.5 million", "am 2.5 kg")
_NOT_A_DOTTED_DATE = rx.compile(r"[%\w]|\s*(?:%|m\b|k\b|bn\b|x\b|mio|mrd|million|billion|"
                                r"kg\b|km\b|l\b|eur|usd|€|\$)")


def _bare_dotted_date(text: str, m: re.Match[str]) -> bool:
    return _DOTTED_PREP.search(text, max(0, m.start() - 8), m.start()) is not None and \
        _NOT_A_DOTTED_DATE.match(text, m.end()) is None


_EXPR_STEPS: tuple[Callable[[str, bool, str], Iterable[_Expr]], ...] = (
    _relative_past, _relative_future, _day_words, _week_and_month_words, _calendar_periods,
    _weekdays, _named_month_dates, _numeric_dates,
)  # fmt: skip


_ABBR_WEEKDAYS = {"mon": 0, "sat": 5, "sun": 6}
# Words that may follow a day said after an ask ("f/u mon re the intro", "ping Mon 9am");
# another lower-case word after "mon" makes it French ("relancer mon contact").
_AFTER_ABBR = rx.compile(
    r"(?:\s*(?:$|[^\w\s])|\s+(?:re|about|to|for|with|w/|at|and|or|if|morning|afternoon|"
    r"am|pm)(?!\w)|\s+\d)"
)


def _weekday_abbreviation(orig: str, text: str, m: re.Match[str]) -> bool:
    """ "Mon", "Sat", "Sun" are words too ("sat next to her", "mon ami", "Sun Microsystems"):
    a day after "on/next/last" when capitalised, or straight after an ask ("ping Mon",
    "f/u mon") when nothing but a time or a connective follows it."""
    pre = (m.group("pre") or "").lower()
    capital = orig[m.start("abbr")].isupper()
    if re.fullmatch(r"next|nxt|last|this\s+coming|coming", pre):
        return True  # "next mon", "last sat": an English modifier makes it a day
    if capital and (m.group("pre") or m.group("post")):
        return True
    if not _AFTER_ABBR.match(text, m.end()):
        return False
    return _ask_ends_at(text, m.start())


def _ask_ends_at(text: str, pos: int) -> bool:
    """An ask (and its object pronoun) ends right before `pos`: "ping |", "f/u her |"."""
    window = text[max(0, pos - 40) : pos]
    for a in _FU_TRIGGER.finditer(window):
        if re.fullmatch(r"(?:\s+(?:him|her|them|back|on|next))?\s+", window[a.end() :]):
            return True
    return False


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    y = int(raw)
    return y + 2000 if y < 100 else y


def _rel(start: int, end: int, n: int, unit: str, pol: Polarity) -> _Expr:
    if unit in ("h", "n"):
        return _Expr(start, end, pol, "minutes", n * (60 if unit == "h" else 1))
    if unit == "b":
        return _Expr(start, end, pol, "workdays", n)
    if unit == "d":
        return _Expr(start, end, pol, "days", n)
    if unit == "w":
        return _Expr(start, end, pol, "days", 7 * n)
    if unit == "f":
        return _Expr(start, end, pol, "days", 14 * n)
    if unit == "y":
        return _Expr(start, end, pol, "months", 12 * n)
    return _Expr(start, end, pol, "months", n)


def _next_is_date(text: str, pos: int) -> bool:
    rest = text[pos : pos + 30]
    rest = re.sub(r"^\.?,?\s*(?:the\s+|el\s+|le\s+|den\s+)?", "", rest, flags=re.I)
    return bool(
        _DATE_DM.match(rest) or _DATE_MD.match(rest) or _DATE_DOTS.match(rest)
        or _DATE_SLASH.match(rest) or _DATE_ISO.match(rest)
    )  # fmt: skip


def _absorb_weekday(text: str, start: int) -> int:
    m = rx.search(
        rf"(?<![\w-])(?:{_WD}|{_PT_WD})\.?,?\s*(?:the\s+|el\s+|le\s+|den\s+)?$",
        text[max(0, start - 20) : start],
        re.IGNORECASE,
    )
    return start - len(m.group(0)) if m else start


def _non_overlapping(cands: list[_Expr]) -> list[_Expr]:
    """Longest first; kept spans are disjoint, so one neighbour check (bisect) suffices."""
    starts: list[int] = []
    chosen: list[_Expr] = []
    for c in sorted(cands, key=lambda e: (-(e.end - e.start), e.start)):
        i = bisect.bisect_left(starts, c.end)
        if i > 0 and chosen[i - 1].end > c.start:
            continue
        starts.insert(i, c.start)
        chosen.insert(i, c)
    return chosen


# --- resolution ----------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def _resolve(e: _Expr, ref: dt.date, mode: Mode, clock: dt.time | None = None
             ) -> dt.date | None:
    """The day `e` names, seen from `ref` (at wall time `clock`, for "in 36 hours")."""
    try:
        if e.kind == "minutes":
            moment = dt.datetime.combine(ref, clock or dt.time(12))
            return (moment + dt.timedelta(minutes=e.value)).date()
        if e.kind == "workdays":
            return _add_workdays(ref, e.value)
        if e.kind == "days":
            return ref + dt.timedelta(days=e.value)
        if e.kind == "months":
            return _add_months(ref, e.value)
        if e.kind == "nextweekday":  # that day in the week after this one (`day`: weeks more)
            return ref + dt.timedelta(days=7 - ref.weekday() + e.value + 7 * e.day)
        if e.kind == "endyear":
            return dt.date(ref.year, 12, 31)
        if e.kind == "lastweekday":  # that day in the week before this one
            return ref - dt.timedelta(days=ref.weekday() + 7 - e.value)
        if e.kind == "nextweek":
            return ref + dt.timedelta(days=7 - ref.weekday() + 7 * e.value)
        if e.kind == "isoweek":  # "KW 23": the Monday of that ISO week, this year or next
            for year in (e.year,) if e.year else (ref.year, ref.year + 1):
                try:
                    monday = dt.date.fromisocalendar(year, e.value, 1)
                except ValueError:
                    continue
                if e.year or monday + dt.timedelta(days=6) >= ref:
                    return max(monday, ref)
            return None
        if e.kind == "nextmonth":
            return _add_months(ref.replace(day=1), 1)
        if e.kind == "nextmonthpart":  # "mid next month": that day of next month
            first = _add_months(ref.replace(day=1), 1)
            return first.replace(day=min(e.day, calendar.monthrange(first.year, first.month)[1]))
        if e.kind == "endweek":  # the Friday of this (or next) week; a weekend looks ahead
            friday = ref + dt.timedelta(days=4 - ref.weekday() + 7 * e.value)
            return friday if friday >= ref else friday + dt.timedelta(days=7)
        if e.kind == "endmonth":
            first = _add_months(ref.replace(day=1), e.value)
            return first.replace(day=calendar.monthrange(first.year, first.month)[1])
        if e.kind == "monthpart":
            if e.year is not None:
                return max(dt.date(e.year, e.month, e.day), ref)
            return _resolve_month_part(e.month, e.day, ref)
        if e.kind == "quarterword":  # the next quarter's first day, or this one's last
            start = _add_months(ref.replace(day=1), -((ref.month - 1) % 3))
            nxt = _add_months(start, 3)
            return nxt if e.value == 1 else nxt - dt.timedelta(days=1)
        if e.kind == "quarter":  # its first day; the current quarter means now
            for year in (e.year,) if e.year else (ref.year, ref.year + 1):
                start = dt.date(year, e.month, 1)
                end = _add_months(start, 3) - dt.timedelta(days=1)
                if e.year or end >= ref:
                    # "mid Q2": the 15th of its middle month; "end of Q2": its last day
                    day = (start, _add_months(start, 1).replace(day=15), end)[e.value]
                    return max(day, ref)
            return None
        if e.kind == "monthday":
            return _resolve_month_day(e.day, ref, mode)
        if e.kind == "wdday":
            return _resolve_weekday_day(e, ref, mode)
        if e.kind == "weekweek":  # the next such weekday, and `day` weeks (one unless said) on
            ahead = ((e.value - ref.weekday()) % 7) or 7
            return ref + dt.timedelta(days=ahead + 7 * (e.day or 1))
        if e.kind == "weekday":
            if _ahead(e, mode):
                return ref + dt.timedelta(days=((e.value - ref.weekday()) % 7) or 7)
            return ref - dt.timedelta(days=((ref.weekday() - e.value) % 7) or 7)
        if e.kind in ("date", "newyear"):
            return _resolve_date(e.month, e.day, e.year, ref, mode)
    except (ValueError, OverflowError):
        return None
    return None


def _ahead(e: _Expr, mode: Mode) -> bool:
    """A weekday said to come, or said plainly in a follow-up ask: the next one, not the last."""
    return e.polarity == "future" or (e.polarity == "neutral" and mode == "fu")


def _resolve_weekday_day(e: _Expr, ref: dt.date, mode: Mode) -> dt.date | None:
    """ "el viernes 17": the next (follow-up) or last (meeting) 17th that is a Friday, within
    three months; where none is, the number was an hour ("call Friday 10"): the weekday."""
    future = _ahead(e, mode)
    step = 1 if future else -1
    first = ref.replace(day=1)
    for k in range(3):
        month_start = _add_months(first, step * k)
        if e.day > calendar.monthrange(month_start.year, month_start.month)[1]:
            continue
        cand = month_start.replace(day=e.day)
        if cand.weekday() == e.value and ((future and cand >= ref) or (not future and cand <= ref)):
            return cand
    return _resolve(replace(e, kind="weekday"), ref, mode)


def _add_workdays(day: dt.date, n: int) -> dt.date:
    """`n` Monday-to-Friday days after (n < 0: before) `day`."""
    step = 1 if n >= 0 else -1
    for _ in range(abs(n)):
        day += dt.timedelta(days=step)
        while day.weekday() >= 5:
            day += dt.timedelta(days=step)
    return day


def _resolve_month_part(month: int, day: int, ref: dt.date) -> dt.date:
    """ "early/mid/late/end of June", "in June": day 1/15/20/last of the next such month;
    in the current month, not before ref."""
    year = ref.year if month >= ref.month else ref.year + 1
    day = min(day, calendar.monthrange(year, month)[1])
    return max(dt.date(year, month, day), ref)


def _resolve_month_day(day: int, ref: dt.date, mode: Mode) -> dt.date:
    """ "on the 20th": the next (follow-up) or last (meeting) month that has that day."""
    step = 1 if mode == "fu" else -1
    first = ref.replace(day=1)
    for k in range(13):
        month_start = _add_months(first, step * k)
        if day > calendar.monthrange(month_start.year, month_start.month)[1]:
            continue
        cand = month_start.replace(day=day)
        if (mode == "fu" and cand >= ref) or (mode == "met" and cand <= ref):
            return cand
    raise ValueError("no such day")


def _resolve_date(month: int, day: int, year: int | None, ref: dt.date, mode: Mode) -> dt.date:
    if year is not None:
        return dt.date(year, month, day)
    for y in (
        (ref.year, ref.year + 1, ref.year - 1)
        if mode == "fu"
        else (ref.year, ref.year - 1, ref.year + 1)
    ):
        try:
            cand = dt.date(y, month, day)
        except ValueError:  # 29 February
            continue
        if mode == "fu" and cand >= ref:
            return cand
        if mode == "met" and cand <= ref:
            return cand
    raise ValueError("no such day")


# --- clauses and triggers ------------------------------------------------------------


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    trigger: Mode | None
    trigger_pos: int  # where the (nearest) trigger is, for "after" placement


@lru_cache(maxsize=64)
def _clauses(text: str) -> list[tuple[_Clause, int]]:
    """(clause, sentence index) for every clause, with the trigger it carries or inherits
    (cached: a note's follow-up and meeting look at the same clauses; callers only read)."""
    out: list[tuple[_Clause, int]] = []
    sentence_bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_SPLIT.finditer(text):
        sentence_bounds.append((pos, m.start()))
        pos = m.end()
    sentence_bounds.append((pos, len(text)))
    for s_index, (s_start, s_end) in enumerate(sentence_bounds):
        sentence = text[s_start:s_end]
        if not sentence.strip():
            continue
        raw: list[tuple[int, int, Mode | None, int]] = []
        cpos = 0
        pieces = [(m.start(), m.end()) for m in _CLAUSE_SPLIT.finditer(sentence)]
        for a, b in [*pieces, (len(sentence), len(sentence))]:
            c_start, c_end = s_start + cpos, s_start + a
            raw.append((c_start, c_end, *_trigger(text, c_start, c_end)))
            cpos = b
        lender: tuple[Mode | None, int] = (None, -1)
        for c_start, c_end, trig, tpos in raw:
            if trig is None:
                # Only an earlier clause lends its trigger ("Ping her after the
                # conference, it ends June 6"); a later one would pull in unrelated
                # dates ("delivery by 06/19, f/u friday").
                trig, tpos = lender
            else:
                lender = (trig, tpos)
            out.append((_Clause(c_start, c_end, trig, tpos), s_index))
    return out


# "she'll follow up next week", "he will reach out in June": the contact's own plan, not
# the owner's ask (unlike "he said to ping him next week").
_THIRD_PERSON_SUBJECT = rx.compile(
    r"(?<!\w)(?:he|she|they|he's|she's|they're)(?:'ll|'d|\s+will|\s+would|\s+might|"
    r"\s+may|\s+can|\s+could|\s+is\s+going\s+to|\s+are\s+going\s+to|\s+promised\s+to|"
    r"\s+plans\s+to|\s+wants\s+to|\s+said\s+(?:she|he|they)'?d|\s+(?:is|are)\s+to)?\s+$"
)
_OWN_ASK_AFTER = rx.compile(r"\s+(?:him|her|them|back)\b")


# "Fiona's follow-up", "her follow-up mail": that person's message, not the owner's ask.
_POSSESSOR = rx.compile(r"(?:\w['’]s(?<!\blet['’]s)|\w['’]|(?<!\w)(?:her|his|their|your|its))\s+$",
                        re.IGNORECASE)  # "let's follow up" is the owner's own plan
_ASK_NOUN = rx.compile(r"follow[\s-]*up|followup|f/u|reminder|relance|suivi|seguimiento")

# A planned contact: a verb of planning or wanting with a call/demo/meeting noun ("set a
# call 13 March", "wants a call in two weeks", "proponer llamada el 12", "fissare la demo",
# "einen Termin vereinbaren", "afspraak inplannen"), or a "next step" label. The date it
# carries is the follow-up, in any of the parser's languages.
_CONTACT_NOUNS = (
    r"call|phone\s+call|video\s+call|zoom|demo|meeting|chat|coffee|catch[\s-]*up|session|"
    r"intro\s+call|walkthrough|llamada|videollamada|reuni[oó]n|cita|café|appel|"
    r"rendez-vous|rdv|r[ée]union|d[ée]mo|visio|point|chiamata|telefonata|riunione|incontro|"
    r"appuntamento|chamada|liga[cç][aã]o|reuni[aã]o|trucada|reunió|anruf|telefonat|termin|"
    r"gespräch|afspraak|gesprek|belafspraak"
)
_PLAN_VERBS = (
    r"set(?:\s+up)?|schedule|book|arrange|propose|plan|fix|line\s+up|pencil\s+in|"
    r"wants?|wanted|asked\s+for|asks\s+for|requested|needs?|would\s+like|"
    r"proponer|agendar|programar|fijar|concertar|coordinar|organizar|quiere|pidió|"
    r"proposer|fixer|caler|planifier|organiser|pr[ée]voir|veut|"
    r"fissare|proporre|organizzare|programmare|vuole|"
    r"marcar|propor|quer|"
    r"proposar|fixar|"
    r"vereinbaren|ausmachen|ansetzen|einplanen|planen|"
    r"inplannen|plannen|maken"
)
_DETERMINER = r"(?:a|an|the|une?|la|le|el|una?|il|lo|o|uma?|een|de|het|eine?n?|ein)\s+"
_PLANNED_CONTACT = rx.compile(
    rf"(?:(?:(?<!\w)(?:{_PLAN_VERBS})\s+|['’]d\s+like\s+)"
    rf"(?:{_DETERMINER})?(?:[^\W\d_]+\s+)?(?:{_CONTACT_NOUNS})"
    rf"|(?<!\w)(?:{_DETERMINER})?(?:{_CONTACT_NOUNS})\s+(?:{_PLAN_VERBS})"
    r"|next\s+steps?|nächste[rn]?\s+schritte?|prochaines?\s+[ée]tapes?|"
    r"pr[óo]xim[oa]s?\s+pas(?:o|os|sos?)|prossim[oi]\s+pass[oi]|volgende\s+stap(?:pen)?|"
    r"seg[üu]ents?\s+pas(?:sos)?)(?!\w)"
)

# An order at the head of a clause, in the infinitive or imperative the owner writes to
# herself ("Send pricing in 3 days", "Envoyer la doc demain", "Mandar propuesta el lunes",
# "Marcarle el lunes", "Fissare la demo lunedì", "Offerte sturen"): an ask with its date.
_ORDER_VERBS = (
    r"send|email|e-mail|mail|call|ring|phone|text|write|message|dm|share|intro|introduce|"
    r"envoyer|appeler|[ée]crire|t[ée]l[ée]phoner|proposer|contacter|"
    r"mandar\w*|enviar\w*|llamar\w*|marcar(?:le|la|lo)\b|escribir\w*|contactar\w*|"
    r"inviare|mandare|chiamare|scrivere|contattare|sentire|"
    r"ligar|telefonar|escrever|contatar|"
    r"trucar\w*|escriure\w*|renvoyer|r[ée]envoyer|transmettre|faire\s+suivre|"
    r"inviar\w*|mandar\w*|escrever\w*|"
    r"schicken|senden|anrufen|schreiben|"
    r"sturen|bellen|bel|mailen|versturen|"
    # replying is an order too ("Reply by March 12", "Répondre avant vendredi", "Responder
    # el lunes", "Rispondere entro giovedì", "Antworten bis Freitag", "Antwoorden vóór 3/4")
    r"reply|respond|r[ée]pondre|responder|rispondere|antworten|beantworten|antwoorden|"
    r"reageren"
)
_ORDER_AT_HEAD = rx.compile(
    rf"\s*(?:(?:and|then|pls|please|bitte|svp|x)\s+)?(?:(?:lui|leur|les?|la|l['’])\s*)?"
    rf"(?:{_ORDER_VERBS})(?!\w)"
    # "Call notes", "Email thread", "Text summary": a noun heading a note, no order
    r"(?!\s+(?:notes?|recap|summary|log|report|minutes|debrief|transcript|thread|chain|"
    r"exchange|history|memo)\b)"
    r"(?!\s+(?:with|w/|was|went|is|at|from|via|yesterday|today|last|"
    # "call by the pool" is where; "reply by March 12", "call by Friday" a deadline
    rf"by(?!\s+(?:the\s+)?(?:\d|(?:{_WD}|{_MONTH}|tomorrow|tmrw|eow|eom|end)(?!\w)))|"
    # "call on the customer" is no order with a day, "call on the 3rd" / "on Friday" is,
    # unless the call was held then ("call on Friday went well")
    rf"on(?!\s+(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?|{_WD})(?!\w)"
    r"(?![^.,;\n]{0,12}\s(?:was|went|were|is|had)\b))|"
    # "call this morning was good" is the call held; "call this Thursday" the one to make
    rf"this(?!\s+(?:coming\s+)?(?:{_WD}|week|wk|month)(?!\w)))(?!\w))"
)


# "tmrw 10am call w Priya", "Friday 2pm demo with Acme", "demain 10h appel avec Luc",
# "morgen 10 Uhr Call mit Jonas": a clause that opens with a coming day (and its hour), then
# a call or meeting with someone, is a contact the owner has planned; its day is the follow-up.
_COMING_DAY_WORDS = _alt([w for w, n in _DAY_WORDS.items() if n is not None and n > 0])
_SCHEDULED_CONTACT = rx.compile(
    rf"\s*(?:(?:{_FUTURE_MODS})\s+)?(?:{_COMING_DAY_WORDS}|{_WD})\.?"
    r"(?:,?\s*(?:at|um|à|a\s+las|a\s+la|alle|às|om|@)?\s*\d{1,2}(?:[:.h]\d\d)?\s*"
    r"(?:am|pm|h|uhr|uur)?)?"
    rf"\s*[:,-]?\s*(?:{_DETERMINER})?(?:{_CONTACT_NOUNS})\s+"
    r"(?:with|w/|w|mit|avec|con|com|met|amb)(?!\w)"
)


# p-placetime10: a clause that opens with the call or demo and then its day ("demo call in 3
# weeks", "intro call next Tuesday", "appel dans 2 semaines", "llamada en 10 días") is the
# contact the owner plans; only a coming count or "next" follows (a call held has its past)
_CONTACT_THEN_WHEN = rx.compile(
    rf"\s*(?:(?:{_DETERMINER})?(?:[^\W\d_]+\s+)?(?:{_CONTACT_NOUNS}))\s+"
    r"(?=(?:in|within|dans|en|tra|fra|entro|over|binnen|em|om|za|next|nxt)\s)"
)


# "she asked me to send the deck in 5 days", "he wants to talk after the audit": the contact
# asked the owner for a contact, so its date is the follow-up.
_ASKED_OWNER = rx.compile(
    r"(?<!\w)(?:(?:asked|told|wants|wanted|needs)\s+(?:me|us)\s+to\s+(?:send|e-?mail|mail|call|"
    r"ring|phone|text|write|message|share|introduce|intro|forward)"
    r"|(?:wants?|wanted|would\s+like|keen|happy|asked)\s+to\s+(?:talk|chat|meet|speak|"
    r"catch\s+up|reconnect|hear\s+back)(?:\s+again)?(?=\s*(?:$|[^\w\s]|(?:after|in|next|on|"
    r"by|before|later|when|once|around|early|mid|late|end|this|tomorrow)\b|\d))"
    r"|asked\s+for\s+(?:a\s+)?(?:reply|response|callback|call\s+back))(?!\w)"
)


# German and Dutch put the infinitive of an order after its object and its day ("Angebot
# bis Freitag schicken", "Unterlagen morgen zusenden", "offerte sturen voor vrijdag"): an
# infinitive of sending within a clause's first words, with no subject pronoun, is an order.
_INFINITIVE_ORDER = rx.compile(
    r"\s*(?!(?:[^\s]+\s+){0,8}?(?:sie|er|wir|es|ze|hij|zij|wij|they|he|she)\s)"
    r"(?:[^\s]+\s+){0,8}?(?:schicken|zuschicken|rüberschicken|senden|zusenden|mailen|"
    r"sturen|versturen|opsturen|toesturen|doorsturen|nachreichen|"
    # and of arranging a contact ("Termin in 2 Wochen vereinbaren", "Call nächste Woche
    # ansetzen", "afspraak volgende week inplannen")
    r"vereinbaren|ausmachen|ansetzen|einplanen|inplannen|plannen)(?!\w)")


def _owner_ask(chunk: str, m: re.Match[str]) -> bool:
    if _OWN_ASK_AFTER.match(chunk, m.end()):
        return True
    before = chunk[max(0, m.start() - 40) : m.start()]
    if _ASK_NOUN.fullmatch(m.group(0)) and _POSSESSOR.search(before):
        return False
    return not _THIRD_PERSON_SUBJECT.search(before)


def _ask_in(chunk: str) -> int | None:
    """Where the owner's ask starts in a clause, if it has one."""
    hits = [m.start() for m in _FU_TRIGGER.finditer(chunk) if _owner_ask(chunk, m)][:1]
    hits += [m.start() for m in _PLANNED_CONTACT.finditer(chunk)
             if not _THIRD_PERSON_SUBJECT.search(chunk[max(0, m.start() - 40) : m.start()])][:1]
    asked = _ASKED_OWNER.search(chunk)
    if asked is not None:
        hits.append(asked.start())
    head = _ORDER_AT_HEAD.match(chunk) or _SCHEDULED_CONTACT.match(chunk) or \
        _INFINITIVE_ORDER.match(chunk) or _CONTACT_THEN_WHEN.match(chunk)
    if head is not None:
        hits.append(head.start())
    return min(hits) if hits else None


def _trigger(text: str, start: int, end: int) -> tuple[Mode | None, int]:
    chunk = text[start:end]
    at = _ask_in(chunk)
    met = _MET_TRIGGER.search(chunk)
    if at is not None and (not met or at <= met.start() or _dutch_with(chunk, met)):
        return "fu", start + at
    if met:
        return "met", start + met.start()
    return None, -1


def _dutch_with(chunk: str, met: re.Match[str]) -> bool:
    """Dutch "met" is "with": "op 3 april met Eva contact opnemen" is an ask, said last."""
    return met.group(0) == "met" and any(
        _VERB_FINAL_ASK.fullmatch(chunk, m.start()) for m in _FU_TRIGGER.finditer(chunk, met.end())
    )


@dataclass(frozen=True)
class _Found:
    expr: _Expr
    clause: _Clause
    owner: Mode | None  # the trigger the expression belongs to


@lru_cache(maxsize=256)
def _analyse(orig: str, day_first: bool | None) -> tuple[_Found, ...]:
    text = _lower(orig)
    df = _day_first(text) if day_first is None else day_first
    exprs = _find_exprs(text, df, orig)
    clauses = _clauses(text)
    found: list[_Found] = []
    clause_starts = [c.start for c, _ in clauses]
    for e in exprs:
        index: int | None = bisect.bisect_right(clause_starts, e.start) - 1
        if index is not None and (
            index < 0 or not e.start < max(clauses[index][0].end, clauses[index][0].start + 1)
        ):
            index = None
        clause = clauses[index][0] if index is not None else _Clause(e.start, e.end, None, -1)
        if clause.trigger is None and index is not None and index + 1 < len(clauses):
            # A clause that is nothing but the date leans on the next one
            # ("in 10 days, follow up"; "In zwei Wochen, nachfassen").
            nxt, sentence = clauses[index + 1]
            rest = text[clause.start : e.start] + text[e.end : clause.end]
            if sentence == clauses[index][1] and (
                len(re.findall(r"\w+", rest)) <= 1 or _WAIT_LEAD.fullmatch(rest) is not None
            ):
                clause = _Clause(clause.start, clause.end, nxt.trigger, nxt.trigger_pos)
        owner = clause.trigger
        if (owner is None or (owner == "met" and text.startswith("met", clause.trigger_pos))) \
                and index is not None and _verb_final_ask(text, clauses, index, exprs):
            owner = "fu"
        if owner is None and e.polarity == "future" and _date_alone(text, e):
            owner = "fu"
        if owner is None and e.polarity != "past" and _deadline_alone(text, e):
            # the deadline is the ask's own word: the day itself, not the day after
            owner, clause = "fu", replace(clause, trigger="fu", trigger_pos=e.start)
        if owner is None and e.polarity != "past" and _NOT_BEFORE.search(
                text, max(0, e.start - 40), e.start):
            owner = "fu"  # "not before 2 November" says when to get back in touch
        if owner == "fu" and e.polarity == "past":
            owner = None  # "f/u about the deck from yesterday": not a follow-up date
        if owner == "met" and e.polarity == "future":
            owner = None
        found.append(_Found(e, clause, owner))
    return tuple(found)


# "not before", "no earlier than", "nicht vor", "pas avant", "no antes de", "non prima di",
# "niet voor", "não antes de", "nie wcześniej niż" + a date: the earliest day to get back
_NOT_BEFORE = rx.compile(
    r"(?<!\w)(?:not\s+before|no\s+earlier\s+than|nicht\s+vor|fr[üu]h(?:e)?stens(?:\s+am)?|"
    r"au\s+plus\s+t[ôo]t|(?:don['’]?t|do\s+not|won['’]?t)\s+(?:[a-z-]+\s+){1,3}?before|pas\s+avant|no\s+antes\s+de|"
    r"non\s+prima\s+d[ie]|niet\s+voor|n[ãa]o\s+antes\s+d[eoa]|nie\s+wcze[śs]niej\s+ni[żz])"
    r"(?:\s+(?:the|le|la|el|l|dem|der|de|del|do|da|o|a|al|il|lo))?[\s']*$"
)


# A span to wait before the ask of the next clause: "give it a fortnight, then chase her",
# "let it sit two weeks and ping", "zwei Wochen abwarten, dann nachhaken", "attendre 10 jours
# puis relancer", "esperar dos semanas y luego llamar", "aspettare una settimana poi
# sentirla", "deixar passar 15 dias e depois ligar", "twee weken wachten en dan nabellen".
_WAIT_LEAD = rx.compile(
    r"[\s,;:.-]*(?:(?:(?:let['’]?s|we['’]ll|i['’]ll|just)\s+)?(?:give\s+(?:it|them|him|her)|wait(?:\s+(?:for|about|around))?|"
    r"let\s+(?:it|that|this)\s+(?:sit|rest|breathe|simmer|settle)(?:\s+for)?|"
    r"hold\s+off(?:\s+for)?|sit\s+on\s+it(?:\s+for)?|leave\s+it(?:\s+for)?|"
    # the same said as an order: "dale dos semanas", "laisse passer", "dá-lhe", "dagli"
    r"d[aá]le(?:s)?|laisse(?:z)?\s+passer|laisse(?:z)?-(?:lui|leur)|d[aáê]-lhes?|"
    r"dagli|dalle|dategli|deixa(?:-ho|-lo|-la)?(?:\s+(?:passar|reposar))?|"
    r"lass\s+(?:ihr|ihm|ihnen|es)(?:\s+noch)?|"
    r"(?:noch\s+)?(?:ab)?warten|(?:ihr|ihm|ihnen)\s+(?:noch\s+)?(?:zeit\s+)?lassen|"
    r"attendre|laisser\s+passer|laisser\s+(?:lui|leur)|"
    r"esperar|dejar\s+pasar|dar(?:le|les)?|aspettare|attendere|lasciar(?:e)?\s+passare|"
    r"deixar\s+passar|dar(?:-lhe)?|esperar-se|deixar\s+passar|"
    r"wachten|geef\s+(?:het|haar|hem)|laten\s+rusten)"
    r"(?:\s+(?:y|e|i|und|et|en|and|ca|circa|about|around|environ|etwa|unos|unas|"
    r"some|another|noch|encore|otra?s?|altr[aei]|mais|nog))*)[\s,;:.-]*"
)

# German and Dutch put the ask's infinitive last ("Am Donnerstag bei Lena Vogt (Acme,
# lena@acme.example) nachfassen", "vrijdag met Joost (Bakker BV) opvolgen"): a date in a
# clause with no trigger belongs to that ask when the sentence ends on it and no other date
# stands between them.
_VERB_FINAL_ASK = rx.compile(
    r"(?:nachfassen|nachhaken|nachhalten|nachfragen|nachtelefonieren|nachhören|melden|"
    r"anrufen|anschreiben|anmailen|anpingen|kontaktieren|zurückrufen|erinnern|"
    r"opvolgen|nabellen|namailen|navragen|bellen|mailen|terugbellen|terugkoppelen|"
    r"contacteren|telefonieren|(?:e-?mail|mail|nachricht)\s+schreiben|contact\s+opnemen)"
    # and what it is about ("mailen over het voorstel", "anrufen wegen des Angebots")
    r"(?:\s+(?:over|about|wegen|bezüglich|betreffend|inzake|omtrent)\s+[^.!?\n]{1,60}?)?"
    r"(?:\s+(?:bitte|aub|svp|pls|please))?[\s.!]*"
)


def _verb_final_ask(text: str, clauses: list[tuple[_Clause, int]], index: int,
                    exprs: list[_Expr]) -> bool:
    clause, sentence = clauses[index]
    later = [c for c, s in clauses[index + 1 :] if s == sentence]
    if not later:
        return False
    last = later[-1]
    if last.trigger != "fu" or not last.start <= last.trigger_pos < last.end:
        return False
    if _VERB_FINAL_ASK.fullmatch(text, last.trigger_pos, last.end) is None:
        return False
    return not any(clause.end <= x.start < last.end for x in exprs)


# Words that may stand beside a date said alone ("Next Tuesday pls", "Morgen bitte!").
_COURTESY = rx.compile(
    r"(?:pls|plz|please|thanks|thx|bitte|danke|svp|stp|merci|por\s+favor|porfa|gracias|"
    r"per\s+favore|grazie|obrigad[oa]|alsjeblieft|aub|graci[eè]s|si\s+us\s+plau|"
    r"fwd|fyi|for\s+followup|for\s+follow[\s-]*up|[^\w\s]|\s)*"
)


def _date_alone(text: str, e: _Expr) -> bool:
    """A sentence of the note that is nothing but a future date (and please/thanks) is
    when to follow up: "Next Tuesday pls", "In zwei Wochen.", "la semaine prochaine svp"."""
    span = _short_sentence(text, e)
    if span is None:
        return False
    lo, hi = span
    return (_COURTESY.fullmatch(text[lo : e.start]) is not None
            and _COURTESY.fullmatch(text[e.end : max(e.end, hi)]) is not None)


_SHORT_SENTENCE = 40  # a date said alone has little around it: only this much is looked at


def _short_sentence(text: str, e: _Expr) -> tuple[int, int] | None:
    """The sentence around `e` when it reaches no further than _SHORT_SENTENCE characters
    on either side, else None: found in that window only, so a long note stays linear."""
    a, b = max(0, e.start - _SHORT_SENTENCE), min(len(text), e.end + _SHORT_SENTENCE)
    ends = [m.end() for m in _SENTENCE_SPLIT.finditer(text, a, e.start)]
    lo = ends[-1] if ends else (0 if a == 0 else -1)
    nxt = _SENTENCE_SPLIT.search(text, e.start, b)  # (a date may take a stop: "nächste Wo.")
    hi = nxt.start() if nxt else (len(text) if b == len(text) else -1)
    return None if lo < 0 or hi < 0 else (lo, hi)


# A deadline said alone, in any case ("By Friday pls.", "BY MARCH 12!", "Bis Freitag.",
# "Avant vendredi svp.", "Antes del jueves.", "Entro venerdì.", "Uiterlijk dinsdag."): the
# owner's own reminder of when to get back. "until"/"jusqu'au"/"hasta" are left out: said
# alone they end an absence as often as they set a deadline.
_DEADLINE_LEAD = rx.compile(
    r"(?:by|no\s+later\s+than|before|bis|spätestens(?:\s+(?:am|bis))?|avant|au\s+plus\s+tard|"
    r"antes\s+del?|a\s+m[áa]s\s+tardar|entro|voor|uiterlijk|até|do|senast|innan|inden|"
    r"innen|prima\s+di)\s+(?:the\s+|le\s+|el\s+|il\s+|dem\s+|o\s+)?")


def _deadline_alone(text: str, e: _Expr) -> bool:
    span = _short_sentence(text, e)
    if span is None:
        return False
    lo, hi = span
    head = _COURTESY.match(text, lo, e.start)
    lead = _DEADLINE_LEAD.match(text, head.end() if head else lo, e.start)
    return (lead is not None and lead.end() == e.start
            and _COURTESY.fullmatch(text[e.end : max(e.end, hi)]) is not None)


_FROM_DAY = rx.compile(r"(?<!\w)(?:ab|from|starting|vanaf|dès|des|à\s+partir\s+du|"
                       r"a\s+partir\s+del?|a\s+partire\s+dal|dal|od|fr[åa]n\s+och\s+med)"
                       r"\s+(?:the\s+|dem\s+|le\s+|el\s+|il\s+)?$")


def _after_shift(text: str, f: _Found) -> int:
    """1 when "after" stands between the follow-up trigger and the date."""
    if f.expr.kind not in ("date", "weekday", "monthday", "newyear", "wdday"):
        return 0
    if _CORRECTION.search(text, max(0, f.expr.start - 30), f.expr.start):
        return 0  # "after Eid, say 30 March": the day is said outright
    if _FROM_DAY.search(text, max(0, f.expr.start - 20), f.expr.start):
        return 0  # "nach den Ferien (ab 20.4.)", "after the holidays, from 20 April": that day
    if 0 <= f.clause.trigger_pos < f.expr.start:
        lo = f.clause.trigger_pos
    else:  # the ask comes after the date ("nach ihrem Urlaub (bis 13.3.) nachfassen")
        lo = _sentence_span(text, f.expr.start)[0]
    # Look back within the sentence (the trigger may sit in an earlier clause).
    window = text[max(lo, f.expr.start - 80) : f.expr.start]
    if _WEEK_OF.search(window):
        return 0  # "after the audit - week of 16 March": the week is said outright
    if _DUTCH_NA.match(text, f.expr.start) or (
            window.endswith(("na ", "na\t")) and _DUTCH_NA_BEFORE.search(window)
            and _DIGIT_OR_DE.match(text, f.expr.start)):
        return 1  # Dutch "na 1 november", "na dinsdag": after (Portuguese "na" is "on the")
    if _POLISH_PO.search(window) and text[f.expr.start : f.expr.start + 1].isdigit():
        return 1  # Polish "po 10 listopada": after
    afters = list(_AFTER_WORD.finditer(window))
    if not afters:
        return 0
    after = afters[-1]
    # "después del puente, el 3 de noviembre": the date in apposition after a comma names the
    # day itself ("after the long weekend, on the 3rd"), it is no longer what "after" governs
    return 0 if _APPOSITION.search(window, after.end()) else 1


_APPOSITION = rx.compile(r"\w[^\d,;]*,\s*(?:on|am|le|el|il|op|o|no|the|den)?\s*$")


_DUTCH_NA = rx.compile(r"na\s+(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b")
_DUTCH_NA_BEFORE = rx.compile(r"(?<!\w)na\s+$")
_POLISH_PO = rx.compile(r"(?<!\w)po\s+$")
_DIGIT_OR_DE = rx.compile(r"(?:de\s+)?\d")


_WEEK_OF = rx.compile(
    r"(?<!\w)(?:week\s+of|w/c|(?:in\s+der\s+)?woche\s+vom|semaine\s+du|semana\s+del?|"
    r"settimana\s+del|week\s+van)\s+(?:the\s+)?$"
)


def _until_shift(text: str, f: _Found) -> int:
    """1 for the end of a period said apart from the ask ("Follow up, she's away until March
    20": the 21st); 0 in the ask's own clause, where "bis Freitag melden" means by Friday."""
    own_clause = f.clause.start <= f.clause.trigger_pos < f.clause.end
    return int(not own_clause and _ends_period(text, f.expr))


def _local_ref(ref: dt.datetime) -> dt.date:
    return ref.date()  # ref keeps its own offset: a Friday 22:48 -0500 note is a Friday


# --- dateparser fallback ---------------------------------------------------------------

_DP_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "nb", "pl", "cs", "fi")


@lru_cache(maxsize=2048)
def _dateparser_day_month(fragment: str) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of a day-month fragment in a language the tables lack,
    via dateparser restricted to a fixed language list (no autodetection: slow, and it
    guesses wrong on short fragments). The year is resolved by the caller, not by
    dateparser's PREFER_DATES_FROM (which mishandles weekdays and the current day)."""
    try:
        import dateparser

        parsed = dateparser.parse(
            fragment,
            languages=list(_DP_LANGUAGES),
            settings={
                "REQUIRE_PARTS": ["day", "month"],
                # Naive and fixed: no clock read, and a tz-aware base is mishandled.
                "RELATIVE_BASE": dt.datetime(2000, 1, 1),  # noqa: DTZ001
            },
        )
    except Exception:
        return None
    if parsed is None:
        return None
    year = parsed.year if re.search(r"\b(?:19|20)\d\d\b", fragment) else None
    return parsed.month, parsed.day, year


_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")  # fmt: skip


@lru_cache(maxsize=1)
def _foreign_month_words() -> frozenset[str]:
    """Month names of the fallback languages, from dateparser's locale data, so that
    dateparser is only asked about fragments that can be dates ("15 maj"), not about
    "series 12" in every note that says "follow up"."""
    try:
        from dateparser.languages.loader import default_loader

        words: set[str] = set()
        for code in _DP_LANGUAGES:
            info = default_loader.get_locale(code).info
            for key in _MONTH_KEYS:
                words.update(str(w).lower().rstrip(".") for w in info.get(key, []))
        return frozenset(words - set(_MONTHS))
    except Exception:
        return frozenset()


def _fallback_fu(text: str, clauses: list[tuple[_Clause, int]]) -> _Expr | None:
    for clause, _ in clauses:
        if clause.trigger != "fu":
            continue
        chunk = text[clause.start : clause.end]
        for m in _DP_CANDIDATE.finditer(chunk):
            frag = m.group(0)
            words = re.findall(r"[^\W\d_]+", frag.lower())
            if not words or words[0] in _MONTHS or words[0] in _UNITS:
                continue
            if words[0] not in _foreign_month_words():
                continue
            got = _dateparser_day_month(frag)
            if got:
                month, day, year = got
                s = clause.start + m.start()
                return _Expr(s, s + len(frag), "neutral", "date", 0, month, day, year)
    return None


# --- public API ------------------------------------------------------------------------


def find_follow_up_on(
    text: str, ref: dt.datetime, *, day_first: bool | None = None
) -> dt.date | None:
    """The first day the owner asked to follow up ("follow up in 2 weeks", "#followup 3d",
    "f/u next tuesday", "remind me in a month"), counted from `ref` (the outer Date, in its
    own offset); None when the text asks for nothing or says no follow-up is needed.

    `day_first` decides "5/6" (None: guessed from the note's language). Never raises."""
    try:
        return _follow_up_on(text or "", ref, day_first)
    except Exception:
        return None


def find_follow_up_in_addresses(addresses: Iterable[str], ref: dt.datetime) -> dt.date | None:
    """The day a note's address asks for, as FollowUpThen's are written: the plus part of
    `followup+3d@...`, `notes+tuesday@...`, `f+mar20@...`, `f+2weeks@...`, `f+monday9am@...`.
    Only a plus part that is wholly a timing phrase counts (`jane+news@...` is no date)."""
    for address in addresses:
        m = _PLUS_ADDRESS.match(address.strip().lower())
        phrase = _plus_phrase(m.group(1)) if m else None
        day = find_follow_up_on(f"follow up {phrase}.", ref) if phrase else None
        if day is not None:
            return day
    return None


def _plus_phrase(tag: str) -> str | None:
    """ "3d" -> "in 3 d", "2weeks" -> "in 2 weeks", "20mar" -> "20 mar", "nextweek" ->
    "next week", "monday9am" -> "monday"; None for a tag that is not a timing phrase."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", tag):
        return tag
    m = _PLUS_TAG.fullmatch(tag.replace("-", "").replace("_", ""))
    if m is None:
        return None
    if m.group("count"):
        n, word = m.group("count"), m.group("unit")
        if word in _UNITS:
            return f"in {n} {word}"
        return f"{n} {word}" if word in _MONTHS else None
    word = m.group("word") or ""
    if m.group("md") or word in _WEEKDAYS or word in _DAY_WORDS:
        return m.group("md") or word
    if word.startswith("next") and word[4:] in (*_WEEKDAYS, *_WEEK_WORDS, "month"):
        return f"next {word[4:]}"
    return None


def find_met_on(text: str, ref: dt.datetime, *, day_first: bool | None = None) -> dt.date | None:
    """The day of the meeting when the text names one ("yesterday", "last Thursday",
    "jeudi dernier", "21.04."); None when it says nothing (the caller then uses ref's day).
    Never raises."""
    try:
        return _met_on(text or "", ref, day_first)
    except Exception:
        return None


def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SENTENCE_SPLIT.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            return start, m.start()
    return start, len(text)


def _follow_up_on(orig: str, ref: dt.datetime, day_first: bool | None) -> dt.date | None:
    base = _local_ref(ref)
    text = _lower(orig)
    directive = _DIRECTIVE.search(text)
    if directive:
        n = int(directive.group(1))
        unit = directive.group(2).lower()[0]
        return _resolve(_rel(0, 0, n, unit, "future"), base, "fu")
    # "no f/u needed" cancels the asks of its own sentence; another sentence may still
    # ask ("No need to chase the invoice. Ping her next Tuesday about the demo.").
    negated = [_sentence_span(text, m.start()) for m in _NO_FOLLOW_UP.finditer(text)]
    asked = False
    found = _analyse(orig, day_first)
    wishes = _wishes_before_marker(text, found)
    for f in found:
        if f.owner != "fu" or f.expr.kind == "none" or f in wishes:
            continue
        if any(a <= f.expr.start < b for a, b in negated):
            continue
        if _period_before_dated_ask(text, f, found) or _finer_date_later(text, f, found):
            continue
        asked = True
        said = _corrected(text, f, found, base)
        # "after Eid, say 30 March": the day said again is the day itself, not the day after
        restated = said.expr is not f.expr
        f = said
        finer = _finer_day_after(text, f, orig, day_first, base)
        if finer is not None:
            return finer
        day = _counted_from(text, f, base, day_first, orig) or _resolve(f.expr, base, "fu",
                                                                         ref.time())
        if day is not None:
            if restated:
                return day
            return day + dt.timedelta(days=_after_shift(text, f) or _until_shift(text, f))
    if negated:
        return None
    back = _return_day(orig, text, base, day_first)
    if back is not None:
        return back
    if not asked and _FU_TRIGGER.search(text):
        fb = _fallback_fu(text, _clauses(text))
        if fb is not None:
            return _resolve(fb, base, "fu")
    return None


# What the contact wants ("wants a demo early June") and the owner's own follow-up marker
# with its day ("f/u tue", "Wiedervorlage 3.6.", "relancer mardi"): the marker is the day.
_WISH = rx.compile(r"(?:wants?|wanted|would\s+like|needs?|quiere|veut|vuole|will|möchte)\b")
_MARKER = rx.compile(r"#?(?:follow[\s-]*up|followup|f/u|f/up|fu|fup)\b|wiedervorlage|relance|"
                     r"seguimiento|seguiment|opvolgen")


def _wishes_before_marker(text: str, found: tuple[_Found, ...]) -> tuple[_Found, ...]:
    asks = [f for f in found if f.owner == "fu" and f.expr.kind != "none"]
    if not any(_MARKER.match(text, f.clause.trigger_pos) for f in asks):
        return ()
    # and a deadline for something to send ("Angebot bis 20.10. schicken, Wiedervorlage am
    # 15.10.", "quote by the 20th, f/u on the 15th"): the marker's day is the follow-up
    return tuple(f for f in asks if _WISH.match(text, f.clause.trigger_pos) or (
        not _MARKER.match(text, f.clause.trigger_pos)
        and _DEADLINE_BEFORE.search(text, max(0, f.expr.start - 25), f.expr.start)))


_DEADLINE_BEFORE = rx.compile(
    r"(?<!\w)(?:by|until|till|before|bis(?:\s+(?:zum|zur|am|spätestens))?|spätestens|"
    r"avant(?:\s+le)?|antes\s+del?|entro(?:\s+il)?|voor|uiterlijk|até|do)\s+(?:the\s+)?$")


def _finer_date_later(text: str, f: _Found, found: tuple[_Found, ...]) -> bool:
    """ "Wants a call in May - ping him May 4", "im Juni, am besten am 9.6.": a month said
    first and then, close after it, a date of that month with an ask: the date is the day."""
    if f.expr.kind != "monthpart":
        return False
    return any(g.owner == "fu" and g.expr.kind == "date" and g.expr.month == f.expr.month
               and 0 <= g.expr.start - f.expr.end < 80 for g in found)


# The owner corrects or narrows her own date: "mid-February, let's say the 16th", "Anfang
# Dezember, sagen wir am 2.12.", "début mars, disons le 4", "a mediados, digamos el 16",
# "metà mese, diciamo il 16", "half mei, zeg maar de 14e", "w połowie, powiedzmy 16.":
# the day after the correcting word is the day.
_CORRECTION = rx.compile(
    r"(?<!\w)(?:let['’]?s\s+say|say|or\s+rather|rather|i\.?e\.?|sagen\s+wir|besser|genauer|"
    r"also|d\.\s?h\.|disons|plutôt|plutot|digamos|mejor|diciamo|meglio|cio[èe]|zeg\s+maar|"
    r"laten\s+we\s+zeggen|liever|powiedzmy|raczej|ou\s+seja|melhor|millor)"
    r"[\s,:]*(?:(?:am|le|el|il|op|the|de|o|lo|no|on)\s+)?$"
)


# A vague time and then, set beside it, the day itself: "after new year, Jan 12", "next week
# - Tuesday", "Anfang Mai, am 4.", "début avril : le 7", "a principios de mayo, el 5"
_VAGUE_KINDS = frozenset({"newyear", "monthpart", "nextmonth", "nextweek", "quarter",
                          "quarterword", "nextmonthpart", "endyear", "isoweek"})
_APPOSED = rx.compile(r"\s*[,:–—-]\s*(?:(?:on|am|le|el|il|op|the|de|o|lo|no)\s+)?")


def _apposed(text: str, f: _Found, g: _Found) -> bool:
    return f.expr.kind in _VAGUE_KINDS and g.expr.kind in ("date", "monthday", "wdday") and \
        _APPOSED.fullmatch(text, f.expr.end, g.expr.start) is not None


def _corrected(text: str, f: _Found, found: tuple[_Found, ...], base: dt.date) -> _Found:
    hi = _sentence_span(text, f.expr.end)[1]
    for g in found:
        if f.expr.end < g.expr.start < hi and g.expr.polarity != "past" \
                and g.expr.kind in ("date", "monthday", "weekday", "wdday") \
                and (_CORRECTION.search(text, max(f.expr.end, g.expr.start - 30), g.expr.start)
                     or _apposed(text, f, g)):
            first = _resolve(f.expr, base, "fu")
            if g.expr.kind == "monthday" and first is not None:  # "the 16th" of the month said
                return _Found(replace(g.expr, kind="date", month=first.month,
                                   year=first.year), f.clause, f.owner)
            return _Found(g.expr, f.clause, f.owner)
    return f


def _period_before_dated_ask(text: str, f: _Found, found: tuple[_Found, ...]) -> bool:
    """ "Not raising till Q3 so follow up in 1 month", "away until April 20, so ping her next
    week": the end of a period said before an ask that carries its own date is the reason,
    not the day; the ask's own date wins."""
    pos = f.clause.trigger_pos
    if not f.expr.end <= pos or not _ends_period(text, f.expr):
        return False
    hi = _sentence_span(text, pos)[1]
    return any(g.owner == "fu" and pos <= g.expr.start < hi for g in found)


def _finer_day_after(text: str, f: _Found, orig: str, day_first: bool | None, base: dt.date
                     ) -> dt.date | None:
    """ "reach out in June, after their board meeting on the 9th": a month said first and a
    day after "after" later in the sentence, in that month: the day after that day."""
    if f.expr.kind not in ("monthpart", "nextmonth"):
        return None
    month_start = _resolve(f.expr, base, "fu")
    end = _sentence_span(text, f.expr.end)[1]
    for g in _analyse(orig, day_first):
        if not f.expr.end < g.expr.start < end or g.expr.kind not in ("monthday", "date"):
            continue
        if not _AFTER_WORD.search(text, f.expr.end, g.expr.start) or month_start is None:
            return None
        day = _resolve(g.expr, month_start.replace(day=1), "fu")
        if day is not None and (day.year, day.month) == (month_start.year, month_start.month):
            return day + dt.timedelta(days=1)
        return None
    return None


_FROM_ANCHOR = rx.compile(
    r"\s+(?:after|from|following|nach|après|apres|después\s+de|despues\s+de|dopo|na)\b"
)


def _counted_from(text: str, f: _Found, base: dt.date, day_first: bool | None, orig: str
                  ) -> dt.date | None:
    """ "a week from Monday", "2 days after she's back (she returns March 16)", "3 Tage
    nach dem 10.3.": a count of days or months from a date named after it (in the same
    sentence), rather than from the note's day."""
    if f.expr.kind not in ("days", "months", "workdays") or f.expr.polarity != "future":
        return None
    if not _FROM_ANCHOR.match(text, f.expr.end):
        return None
    end = _sentence_span(text, f.expr.end)[1]
    anchor = next((g.expr for g in _analyse(orig, day_first)
                   if f.expr.end < g.expr.start < end and g.expr.kind != "none"), None)
    start = _resolve(anchor, base, "fu") if anchor is not None else None
    return _resolve(f.expr, start, "fu") if start is not None else None


def _return_day(orig: str, text: str, base: dt.date, day_first: bool | None) -> dt.date | None:
    """An ask with no date of its own that points back at one: "she's on leave until the
    9th, ping her once she's back" (the 10th), "back on March 16, follow up then" (the 16th),
    "bis 20.3. im Urlaub, danach nachfassen" (the 21st). The date is the nearest one before
    the ask, in its sentence or the one before, that belongs to no other ask or meeting; a
    date that ends a period ("until", "bis", "jusqu'au", "hasta") counts from the day after."""
    found = _analyse(orig, day_first)
    starts = [f.expr.start for f in found]
    sentences = [0, *(m.end() for m in _SENTENCE_SPLIT.finditer(text))]
    asks = [(c, i) for c, i in _clauses(text) if c.trigger == "fu"][:_MAX_ASKS]
    for clause, index in asks:
        own = bisect.bisect_left(starts, clause.start), bisect.bisect_left(starts, clause.end)
        if any(f.owner == "fu" for f in found[own[0] : own[1]]):
            continue
        lo = bisect.bisect_left(starts, sentences[max(0, index - 1)])
        earlier = [f for f in found[lo : own[0]] if f.owner is None
                   and f.expr.polarity != "past" and f.expr.kind != "none"]
        if not earlier:
            continue
        f = earlier[-1]
        ends = _ends_period(text, f.expr)
        # an absence that ends ("away until the 9th. Follow up.") needs no "once she's back"
        if not ends and not _POINTS_BACK.search(text, clause.start, clause.end):
            continue
        day = _resolve(f.expr, base, "fu")
        return None if day is None else day + dt.timedelta(days=int(ends))
    return None


_MAX_ASKS = 20  # asks looked at for a date said before them: a note has a few, not thousands


def _ends_period(text: str, e: _Expr) -> bool:
    """ "until the 9th", "bis 20.3.", "jusqu'au 15": the date is the last day of something."""
    return _UNTIL_WORD.search(text[max(0, e.start - 25) : e.start]) is not None


def _met_on(text: str, ref: dt.datetime, day_first: bool | None) -> dt.date | None:
    base = _local_ref(ref)
    found = [f for f in _analyse(text, day_first) if f.expr.kind != "none"]
    # 1. an expression in a meeting sentence ("met her last Thursday", "Gespräch am 21.04.")
    for f in found:
        if f.owner == "met" and f.expr.polarity != "future":
            day = _resolve(f.expr, base, "met")
            if day is not None and day <= base:
                return day
    # 2. a past phrase anywhere outside a follow-up ask ("dinner last night was good",
    #    "José from the meetup on Tuesday")
    low = _lower(text)  # once: the words before a day are read in lower case ("Until Friday")
    for f in found:
        if f.owner is None and f.expr.polarity == "past":
            return _resolve(f.expr, base, "met")
        if f.owner is None and f.expr.kind == "weekday" and f.expr.polarity == "neutral" \
                and not _ends_period(low, f.expr) and not _returning(text, f.clause) \
                and not _DEADLINE_BEFORE.search(low, max(0, f.expr.start - 25), f.expr.start):
            # "Urlaub bis Freitag", "she's back on Monday", "Elle rentre lundi", "quotes by
            # Friday": no meeting
            return _resolve(f.expr, base, "met")
        if f.owner is None and f.expr.kind == "days" and f.expr.value == 0:
            return base
    # 3. an explicit recent date with no ask around it: taken only if already past
    for f in found:
        if f.owner is None and f.expr.kind == "date":
            day = _resolve(f.expr, base, "met")
            recent = day is not None and base - dt.timedelta(days=62) <= day <= base
            if recent and day is not None:
                return day
    return None


# Someone coming back on a day: that day is ahead, never the meeting's
_RETURNING = rx.compile(
    r"(?<!\w)(?:back|returns?|returning|zurück|zurueck|wieder\s+da|wieder\s+im\s+büro|"
    r"rentre\w*|de\s+retour|vuelve\w*|regresa\w*|rientra\w*|torna\w*|terug|volta|"
    r"regressa\w*|tillbaka|tilbage|tilbake)(?!\w)")


def _returning(text: str, clause: _Clause) -> bool:
    return _RETURNING.search(_lower(text[clause.start:clause.end])) is not None


@lru_cache(maxsize=4096)
def starts_with_date(text: str) -> bool:
    """True when `text` opens with a day, date or time phrase ("Mittwoch beim ...",
    "yesterday at ...", "le 3 mars ..."): such a phrase says when, never where."""
    head = text.strip()[:60]
    low = _lower(head)
    # a bare count ("3D Expo", "48h Hackathon") names a thing; "in 3 days" is a time
    return any(e.start == 0 and e.kind != "none"
               and not (e.polarity == "future" and head[:1].isdigit())
               for e in _find_exprs(low, True, head))


def leading_date_end(text: str, weekday: bool = False) -> int:
    """Where a date (or, with `weekday`, a weekday) that opens `text` ends ("Dec 29 holiday
    party" -> 6), 0 when none does: a day said inside an event's name ("the Dec 29 holiday
    party", "the Friday mixer")."""
    head = text[:60]
    low = _lower(head)
    kinds = ("date", "weekday") if weekday else ("date",)
    for e in _find_exprs(low, True, head):
        if e.start == 0 and e.kind in kinds:
            return e.end
    return 0


def is_ask(text: str) -> bool:
    """True when `text` asks to follow up ("ping her", "nachfassen", "relancer"...)."""
    return _FU_TRIGGER.search(_lower(text)) is not None
