"""Words a draft needs in the person's language: when you met ("yesterday", "gestern", "hier",
"ayer") and where, with the article the place needs ("at the Rust meetup" but "at PyCon",
"beim Rust-Meetup", "au salon", "en la feria").

Pure and small on purpose: templates decide the sentence, these functions only supply the
pieces a template cannot work out by itself (the weekday names, the gender of "salon").
Languages: en, de, fr, es; anything else reads as English.
"""

from __future__ import annotations

import datetime as dt
import re

LANGUAGES = ("en", "de", "fr", "es")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MONTHS = {
    "en": "January February March April May June July August September October November "
          "December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
          "diciembre",
}
_WEEKDAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
}
# today, yesterday, this week's day, last week's day, last week, weeks ago, month, other year,
# a day still to come
_WHEN = {
    "en": ("today", "yesterday", "on {wd}", "last {wd}", "last week",
           "a couple of weeks ago", "in {month}", "in {month} {year}", "on {day} {month}"),
    "de": ("heute", "gestern", "am {wd}", "letzten {wd}", "letzte Woche",
           "vor ein paar Wochen", "im {month}", "im {month} {year}", "am {day}. {month}"),
    "fr": ("aujourd'hui", "hier", "{wd}", "{wd} dernier", "la semaine dernière",
           "il y a quelques semaines", "en {month}", "en {month} {year}", "le {day} {month}"),
    "es": ("hoy", "ayer", "el {wd}", "el {wd} pasado", "la semana pasada",
           "hace un par de semanas", "en {month}", "en {month} de {year}", "el {day} de {month}"),
}  # fmt: skip


def language_of(code: str | None) -> str:
    """One of LANGUAGES: the code's own, else English."""
    code = (code or "").lower()[:2]
    return code if code in LANGUAGES else "en"


def describe_when(met_on: dt.date | None, today: dt.date, language: str | None = "en"
                  ) -> str | None:
    """When they met, in the words one would write: "yesterday", "on Tuesday", "last week"."""
    if met_on is None:
        return None
    lang = language_of(language)
    words, days = _WHEN[lang], (today - met_on).days
    values = {"wd": _WEEKDAYS[lang].split()[met_on.weekday()], "day": met_on.day,
              "month": _MONTHS[lang].split()[met_on.month - 1], "year": met_on.year}
    if days < 0:
        index = 8
    elif days <= 1:
        index = days
    elif days < 7:
        index = 2 if met_on.isocalendar()[:2] == today.isocalendar()[:2] else 3
    else:
        index = 4 if days < 14 else 5 if days < 28 else 6 if met_on.year == today.year else 7
    return words[index].format(**values)


# --- places --------------------------------------------------------------------------

_EVENT_WORDS = _set("""
conference conf summit meetup meet-up dinner breakfast lunch brunch panel session forum fair
expo party reception mixer workshop hackathon festival gala launch bootcamp roundtable webinar
drinks event talk keynote offsite retreat congress symposium convention show barcamp
unconference demo day night week happy hour booth stand
messe konferenz tagung kongress veranstaltung treffen stammtisch abendessen frühstück
mittagessen feier vortrag workshop ausstellung
salon conférence soirée dîner déjeuner petit-déjeuner congrès rencontre réunion journée
foire forum atelier colloque séminaire évènement événement
congreso feria cena comida desayuno jornada reunión fiesta charla evento encuentro
conferencia taller seminario exposición quedada
""")
# Meals and institutions read without an article in English: "at lunch", "at work".
_BARE_EN = _set("lunch dinner breakfast brunch coffee drinks home work school church "
                     "university college uni")
_DETERMINER = re.compile(
    r"^(?:the|a|an|our|my|his|her|their|this|that|der|die|das|dem|den|des|ein|eine|einem|"
    r"einer|unser\w*|le|la|les|l['’]|un|une|du|au|aux|notre|el|los|las|una|nuestr\w*)\b",
    re.IGNORECASE,
)
_FEMININE = {
    "de": _set("messe konferenz tagung veranstaltung party feier ausstellung sitzung "
                    "session show gala diskussion podiumsdiskussion präsentation demo hochzeit "
                    "vorlesung runde reise fahrt jobmesse weihnachtsfeier"),
    "fr": _set("conférence soirée réunion foire fête journée rencontre session formation "
                    "exposition expo présentation table gala"),
    "es": _set("conferencia feria cena comida jornada reunión fiesta charla sesión "
                    "exposición presentación quedada mesa gala boda"),
}


def _words(place: str) -> list[str]:
    return re.findall(r"[^\W_][\w'’-]*", place)


def place_kind(place: str | None) -> str | None:
    """ "event" when the place names a gathering (meetup, Messe, salon, feria), "place"
    for anything else (a city, an office, a café's name), None when unknown."""
    if not place:
        return None
    words = [w.lower() for w in _words(place)]
    parts = {p for w in words for p in w.split("-")}
    return "event" if parts & _EVENT_WORDS else "place"


def needs_article(place: str | None) -> bool:
    """True when the place is a common noun without an article of its own ("Rust meetup",
    "fintech breakfast"), so that English reads "at the Rust meetup"; False for names
    ("PyCon", "Web Summit", "Berlin"), phrases with their own article ("a dinner at Anna's")
    and bare meals or institutions ("lunch", "work")."""
    words = _words(place or "")
    if not words or _DETERMINER.match(place or "") or re.search(r"['’]s$", words[0]):
        return False
    if len(words) == 1 and words[0].lower() in _BARE_EN:
        return False
    # "Rust meetup" (the last word), "feria de Sevilla" (the first word, before "de Y")
    first, head = words[0], words[-1]
    lower_head = head[0].islower() and not head[0].isdigit()
    return lower_head or (first[0].islower() and first.lower() in _EVENT_WORDS)


def at_place(place: str | None, language: str | None = "en") -> str:
    """The place with the preposition (and article) the language needs: "at the Rust meetup",
    "at PyCon", "beim Rust-Meetup", "bei der Tagung", "au salon", "à la conférence",
    "en la feria", "en el congreso"; "" when the place is unknown."""
    if not place:
        return ""
    lang = language_of(language)
    if lang == "en":
        return f"at the {place}" if needs_article(place) else f"at {place}"
    place = re.sub(r"^the\s+", "", place, flags=re.IGNORECASE)  # an English note's article
    head = _head_noun(place, lang)
    if _DETERMINER.match(place):
        return _with_own_article(place, lang)
    if head is None:
        return {"de": "bei", "fr": "à", "es": "en"}[lang] + f" {place}"
    feminine = head in _FEMININE[lang]
    if lang == "de":
        return f"bei der {place}" if feminine else f"beim {place}"
    if lang == "fr":
        if feminine:
            return f"à l'{place}" if _vowel(place) else f"à la {place}"
        return f"à l'{place}" if _vowel(place) else f"au {place}"
    return f"en la {place}" if feminine else f"en el {place}"


def _head_noun(place: str, lang: str) -> str | None:
    """The gathering word the article agrees with, when the place has one: German puts it
    last ("Rust-Meetup"), French and Spanish first ("salon de l'auto"), English loans last."""
    words = [w.lower() for w in _words(place)]
    parts = [p for w in words for p in w.split("-")]
    order = parts[::-1] if lang == "de" else [*parts[:1], *parts[:0:-1]]
    return next((p for p in order if p in _EVENT_WORDS), None)


def _with_own_article(place: str, lang: str) -> str:
    if lang == "fr":
        fused = re.sub(r"^(?:le|Le)\s", "au ", place)
        fused = re.sub(r"^(?:les|Les)\s", "aux ", fused)
        return fused if fused != place else f"à {place}"
    return {"de": "bei", "es": "en"}[lang] + f" {place}"


def _vowel(word: str) -> bool:
    """Elision before a vowel ("à l'atelier"), not before a name ("au Hannover Messe")."""
    return word[:1] in "aeiouhéèêàâîôû"
