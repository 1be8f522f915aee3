"""The language a text is written in (ISO 639-1), from its most common short words: which
template a draft takes (`detect_language`), and which country a national phone number in a
note belongs to when nothing else in the note names one (`language_region`).

Notes and mails are short and mixed (an English note about a German mail, names, addresses,
signatures): a statistical model would need more text than a note has, and a library that
guesses on three words guesses wrong. Counting function words ("und", "the", "avec", "para")
is deterministic, fast (one pass) and right for the languages the drafts come in; it
answers None rather than guess when the evidence is thin. The phone-region guess has its
own, stricter markers (field labels such as "Tél", "móvil"; English outvotes them), since a
wrong country turns a number into someone else's.
"""

from __future__ import annotations

import re
from collections import Counter

from followup.parsing import rx

_FUNCTION_WORDS: dict[str, str] = {
    "en": "the and to of you your for with that this is are was were have has will would be "
          "on at it we our us from thanks thank regards best meeting met great hope let me "
          "know looking forward could please next week about follow up talked yesterday today "
          "tomorrow weeks days ping",
    "de": "der die das und ist nicht mit für auf ich sie wir ein eine einen zu den dem des im "
          "am von bei auch über nach wie noch gerne danke grüße grüßen viele herzliche beste "
          "freundlichen uns ihr ihnen haben wäre würde wurde sehr schön gespräch kennengelernt "
          "getroffen gesprochen nachfassen nachhaken heute gestern morgen wochen tagen messe "
          "melden",
    "fr": "le les et est pas avec pour sur je vous nous une des du au aux dans bonjour merci "
          "cordialement votre notre ce cette qui que été très bien être avons avez rencontre "
          "rencontré rencontrée plaisir bonne journée salutations relancer relance hier demain "
          "semaines jours salon mardi",
    "es": "el los las y es con para por que una del al hola gracias saludos reunión su sus "
          "nuestro este esta muy fue estamos usted ustedes encantado gusto conocerte cordial "
          "atentamente un conocí seguimiento semanas días ayer mañana feria congreso hablamos",
    "it": "il gli e è non con per che una della nel ciao grazie saluti cordiali sono questo "
          "molto stato piacere incontro vostro nostro",
    "ca": "els les amb per què una del al hola gràcies salutacions molt aquest aquesta és "
          "som vostre nostre",
    "nl": "het een en is niet met voor op ik je wij van dat dit bedankt groeten hartelijke "
          "graag",
    "pt": "os as com para não uma do da no na obrigado obrigada abraço muito você nosso",
}  # fmt: skip
# Punctuation becomes space, so str.split() gives the words (much faster than a regex).
_SPACES = str.maketrans({c: " " for c in
                         ".,;:!?¿¡()[]{}<>\"«»“”„*/\\|=+_~#@&%$0123456789\t\r\n-–—"})
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _FUNCTION_WORDS.items():
    for _w in _words.split():
        _LANGS_OF[_w] = (*_LANGS_OF.get(_w, ()), _lang)
# Letters only some of the languages write: a few of them tip a close call.
_LETTERS = {"ß": "de", "ä": "de", "ö": "de", "ü": "de", "ñ": "es", "¿": "es", "¡": "es",
            "ç": "fr", "ê": "fr", "è": "fr", "à": "fr", "ò": "it", "ì": "it", "ã": "pt",
            "õ": "pt", "l·l": "ca"}  # fmt: skip
_MIN_HITS = 2  # fewer function words than this is too little to tell
_SCAN_CHARS = 2000  # enough words to tell; a long mail costs no more


def detect_language(text: str | None) -> str | None:
    """The ISO 639-1 code of `text`'s language, or None when it cannot tell."""
    if not text:
        return None
    sample = text[:_SCAN_CHARS].lower()
    scores: Counter[str] = Counter()
    for word in sample.translate(_SPACES).split():
        langs = _LANGS_OF.get(word, ())
        for lang in langs:
            scores[lang] += 1.0 / len(langs)  # type: ignore[assignment]
    for letters, lang in _LETTERS.items():
        if letters in sample:
            scores[lang] += 0.5  # type: ignore[assignment]
    ranked = scores.most_common(2)
    if not ranked or ranked[0][1] < _MIN_HITS:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.3 * ranked[1][1]:
        return None  # mixed or too close to call
    return ranked[0][0]

# Function words, meeting verbs and field labels that are plain in one language only
_MARKERS: dict[str, tuple[str, ...]] = {
    "fr": ("avec", "chez", "au", "aux", "le", "les", "une", "et", "pour", "rencontré",
           "rencontrée", "vu", "salon", "tél", "société", "coordonnées", "adresse", "hier",
           "relancer", "directeur", "directrice", "est", "dans", "sur", "du", "des", "portable",
           "semaines", "jours", "prochain", "prochaine", "l'appeler", "lui", "croisé",
           "croisée",
           # p-lang11: the labels and titles of a French contact block
           "courriel", "fonction", "directeur", "commerciale", "gérant", "gérante", "achats",
           "rue", "chaussée"),
    "de": ("und", "mit", "bei", "beim", "der", "die", "das", "auf", "heute", "gestern",
           "kennengelernt", "gesprochen", "getroffen", "ist", "von", "vom", "kontaktdaten",
           "telefon", "firma", "herr", "frau", "messe", "im", "am", "zum", "ihr", "ihre", "sein",
           "seine", "alle", "beide", "wochen", "tagen", "anschreiben", "nachfassen", "anrufen",
           "mobil", "handy", "geschäftsführer", "geschäftsführerin", "kollege", "kollegin",
           # what a short German note is about: a coffee, a meal, a call, an appointment
           "kaffee", "mittagessen", "abendessen", "frühstück", "termin", "telefonat",
           "gespräch", "ich", "wir", "sehr", "nett",
           # p-lang11: the labels and titles of a German contact block
           "funktion", "anschrift", "leiter", "leiterin", "einkauf",
           "vertrieb", "vertriebsleiter", "vertriebsleiterin", "einkaufsleiter",
           "einkaufsleiterin", "straße", "strasse", "str"),
    "es": ("con", "el", "los", "las", "del", "en", "y", "conocí", "ayer", "hoy", "para",
           "empresa", "teléfono", "móvil", "datos", "contacto", "feria", "congreso", "es",
           "una", "jefa", "jefe", "semanas", "días", "escribir", "llamar", "socio", "socia",
           "sus", "tres", "dos",
           # p-lang11: the labels and titles of a Spanish contact block
           "cargo", "correo", "dirección", "direccion", "nombre", "puesto", "directora",
           "ventas", "calle"),
    "ca": ("amb", "avui", "ahir", "conegut", "coneguda", "vaig", "conèixer", "telèfon",
           "càrrec", "correu", "fira", "congrés", "dels", "i", "mòbil", "empresa",
           # p-sig11: the small words and weekdays of a Catalan mail ("Com vam parlar, t'envio
           # els plànols ... però ens agradaria"), plain in Catalan alone; p-lang11: the labels
           # and titles of a Catalan contact block
           "els", "però", "perquè", "també", "gràcies", "vam", "ens", "tenim", "setmanes",
           "divendres", "dissabte", "dilluns", "dimarts", "dimecres", "dijous", "adreça",
           "dades", "trucar", "contacte", "compres", "vendes", "carrer", "tècnic", "tècnica"),
    "it": ("con", "il", "della", "alla", "al", "di", "ho", "conosciuto", "incontrato", "ieri",
           "oggi", "fiera", "azienda", "ruolo", "cellulare", "cell", "nome", "convegno", "e",
           "responsabile", "sono", "è", "settimane", "giorni", "tra", "conosciuta",
           "sentirla", "sentirlo", "chiamarlo", "chiamarla", "prossimo", "prossima", "ciao",
           "miei", "lascio", "località", "richiamarla", "richiamarlo", "incontrata", "grazie",
           # p-lang11: the labels and titles of an Italian contact block
           "recapiti", "contatti", "indirizzo", "direttore", "direttrice", "tecnico", "tecnica",
           "acquisti", "vendite", "ufficio", "titolare", "viale", "piazza"),
    # people (p-people): the languages of the other countries whose national numbers notes
    # give ("tel. 12 555 12 34" in a Polish note, "mobiel 06 …" in a Dutch one); only words
    # plain in one of them, so that the close ones (Danish, Norwegian) do not outvote each other
    "pl": ("poznałem", "poznałam", "wczoraj", "dzisiaj", "jutro", "się", "jest", "oraz",
           "spotkanie", "spotkana", "spotkany", "tydzień", "tygodnie", "zadzwonić", "odezwać",
           "dyrektor", "kierownik", "sprzedaży", "kom", "komórka", "przez", "będzie", "targi",
           "targach", "także", "dane", "kontaktowe", "stanowisko", "firmy", "który", "która",
           # "kawa z ...", "obiad ze ...": a meal with someone, and the meeting verbs
           "kawa", "kawę", "kawie", "obiad", "obiedzie", "kolacja", "kolacji", "śniadanie",
           "z", "ze", "spotkałem", "spotkałam", "rozmawiałem", "rozmawiałam", "rozmowa"),
    "nl": ("het", "een", "gisteren", "vandaag", "gesproken", "ontmoet", "bellen", "volgende",
           "mobiel", "telefoon", "bedrijf", "functie", "naar", "ook", "hij", "zij", "beurs",
           "weken", "terugbellen", "nabellen", "gesprek", "contactgegevens"),
    "pt": ("não", "hoje", "ontem", "amanhã", "conheci", "encontrei", "ligar", "ligue",
           "telemóvel", "telefone", "próxima", "pessoas", "duas", "semanas", "dias",
           "diretor", "diretora", "contactos", "contatos", "já",
           # p-sig11: the small words of a Portuguese mail ("Conforme conversamos, segue a
           # cotação"; "Prezado", "Atenciosamente"), plain in Portuguese alone
           "segue", "seguem", "conforme", "conversamos", "até", "você", "vocês", "gostaria",
           "prezado", "prezada", "atenciosamente", "precisamos", "cotação", "orçamento",
           "obrigado", "obrigada", "abraços",
           # p-lang12: the labels, titles and verbs of a Portuguese phone note and contact
           # block ("Nome / Cargo / Empresa / Telemóvel / Morada", "almocei com", "trabalha
           # na"); shared ones ("cargo", "empresa", "nome") only count beside the others, and a
           # tie goes to the language listed first
           "nome", "cargo", "empresa", "morada", "endereço", "função", "contato", "tlm",
           "feira", "almocei", "jantei", "jantar", "almoço", "reunião", "conversei", "trabalha",
           "ela", "ele", "dela", "dele", "vendas", "gestora", "responsável", "engenheiro",
           "engenheira", "sexta", "segunda", "terça", "quarta", "quinta", "mandar", "proposta"),
    "sv": ("och", "träffade", "igår", "idag", "nästa", "vecka", "ringa", "företag", "också",
           "mässan", "hör", "av", "sig", "hon", "är", "kontaktuppgifter"),
    "da": ("mødte", "næste", "uge", "virksomhed", "også", "hende", "ham", "messen", "ringes",
           "kontaktoplysninger", "indkøbschef"),
    "no": ("møtte", "neste", "uke", "selskap", "henne", "messa", "kontaktinfo", "innkjøpssjef"),
    "fi": ("tapasin", "eilen", "tänään", "soita", "soitan", "ensi", "viikolla", "yritys",
           "puh", "hän", "messuilla"),
    "cs": ("včera", "dnes", "potkal", "potkala", "zavolat", "týden", "příští", "jsem",
           "také", "ředitel", "ředitelka", "veletrhu"),
    "ro": ("cu", "stimă", "și", "pentru", "mulțumesc", "vânzări", "astăzi", "ieri", "mâine",
           "săptămâna", "sună", "director", "târg", "conferința"),
    "tr": ("saygılarımla", "ve", "için", "teşekkürler", "müdürü", "satış", "bugün", "dün",
           "yarın", "hafta", "fuarda", "görüştük", "aramak"),
}
_REGION = {"fr": "FR", "de": "DE", "es": "ES", "ca": "ES", "it": "IT", "pl": "PL", "nl": "NL",
           "pt": "PT", "sv": "SE", "da": "DK", "no": "NO", "fi": "FI", "cs": "CZ", "ro": "RO",
           "tr": "TR"}
_WORDS = rx.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str) -> str | None:
    """"fr", "de", "es", "ca" or "it" when the note's small words say so clearly, else None
    (English, or too little text to tell)."""
    words = [w.casefold() for w in _WORDS.findall(text[:4000])]
    if len(words) < 3:
        return None
    scores = dict.fromkeys(_MARKERS, 0)
    english = 0
    for w in words:  # one pass, each word looked up once
        for lang in _MARK_LANGS.get(w, ()):
            scores[lang] += 1
        english += w in _ENGLISH
    lang, best = max(scores.items(), key=lambda kv: kv[1] + _letter_bonus(text, kv[0]))
    return lang if best >= 2 and best > english else None


# p-sig11: letters that only one of the marker languages writes: a tie between two close
# languages ("z", "firmy" are Polish and Czech alike) goes to the one whose letters the text
# has ("průmyslu", "čtvrtek" are Czech; "dziękuję", "Łódź" Polish). Only a tie-break: a name
# in another language's letters outvotes no marker.
_OWN_LETTERS = {"cs": "ěřů", "pl": "ąęłśźż", "ro": "ășț", "tr": "ğı"}


def _letter_bonus(text: str, lang: str) -> float:
    letters = _OWN_LETTERS.get(lang)
    return 0.5 if letters and any(ch in text for ch in letters) else 0.0


_MARK_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _marks in _MARKERS.items():
    for _w in _marks:
        _MARK_LANGS[_w] = (*_MARK_LANGS.get(_w, ()), _lang)
_ENGLISH = frozenset({"the", "and", "with", "at", "met", "of", "is", "to"})


# p-lang11: a phone label that only one of the countries sharing a language writes: "GSM" in
# French is Belgium's (France says "portable"), "Natel" Switzerland's in any of its languages
_REGIONAL_LABEL = rx.compile(r"(?<![\w@.])(gsm|natel)(?![\w@])", re.IGNORECASE)
_REGION_OF_LABEL = {("fr", "gsm"): "BE", ("fr", "natel"): "CH", ("de", "natel"): "CH",
                    ("it", "natel"): "CH"}


def language_region(text: str) -> str | None:
    """The country a note's language points at for a national number (Catalan: Spain; French
    with a "GSM" label: Belgium)."""
    lang = guess_language(text)
    if not lang:
        return None
    if lang in ("fr", "de", "it"):
        for m in _REGIONAL_LABEL.finditer(text[:4000]):
            region = _REGION_OF_LABEL.get((lang, m.group(1).casefold()))
            if region:
                return region
    return _REGION.get(lang)
