"""The language a note is typed in, guessed from its small words and labels: it decides the
country of a national phone number when nothing else in the note names one."""

from __future__ import annotations

import re

# Function words, meeting verbs and field labels that are plain in one language only
_MARKERS: dict[str, tuple[str, ...]] = {
    "fr": ("avec", "chez", "au", "aux", "le", "les", "une", "et", "pour", "rencontré",
           "rencontrée", "vu", "salon", "tél", "société", "coordonnées", "adresse", "hier",
           "relancer", "directeur", "directrice", "est", "dans", "sur", "du", "des", "portable"),
    "de": ("und", "mit", "bei", "beim", "der", "die", "das", "auf", "heute", "gestern",
           "kennengelernt", "gesprochen", "getroffen", "ist", "von", "vom", "kontaktdaten",
           "telefon", "firma", "herr", "frau", "messe", "im", "am", "zum"),
    "es": ("con", "el", "los", "las", "del", "en", "y", "conocí", "ayer", "hoy", "para",
           "empresa", "teléfono", "móvil", "datos", "contacto", "feria", "congreso", "es",
           "una", "jefa", "jefe"),
    "ca": ("amb", "avui", "ahir", "conegut", "coneguda", "vaig", "conèixer", "telèfon",
           "càrrec", "correu", "fira", "congrés", "dels", "i", "mòbil", "empresa"),
    "it": ("con", "il", "della", "alla", "al", "di", "ho", "conosciuto", "incontrato", "ieri",
           "oggi", "fiera", "azienda", "ruolo", "cellulare", "cell", "nome", "convegno", "e",
           "responsabile", "sono", "è"),
}
_REGION = {"fr": "FR", "de": "DE", "es": "ES", "ca": "ES", "it": "IT"}
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str) -> str | None:
    """"fr", "de", "es", "ca" or "it" when the note's small words say so clearly, else None
    (English, or too little text to tell)."""
    words = [w.casefold() for w in _WORDS.findall(text[:4000])]
    if len(words) < 3:
        return None
    scores = {lang: sum(1 for w in words if w in marks) for lang, marks in _MARKERS.items()}
    english = sum(1 for w in words if w in {"the", "and", "with", "at", "met", "of", "is", "to"})
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= 2 and best > english else None


def language_region(text: str) -> str | None:
    """The country a note's language points at for a national number (Catalan: Spain)."""
    lang = guess_language(text)
    return _REGION.get(lang) if lang else None
