"""People in the owner's own words: free-text and labelled notes, in four languages."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from followup.parsing import lowercase, multilang, prose, rx, urls
from followup.parsing.lexicon import (
    COMMA,
    COMPANY_SUFFIX,
    DEPARTMENT_ONLY,
    EMPLOYER_AFTER_NAME,
    EMPLOYER_AFTER_TITLE,
    EMPLOYER_FOR,
    FIRM_WORDS,
    GIVEN_NAME_ARTICLES,
    HONORIFICS,
    INSTITUTION,
    LEGAL_FORM,
    LOWER_ONLY_PARTICLES,
    NAME_PARTICLES,
    PEER_NOUNS,
    POSSESSIVES_BEFORE,
    POSSESSIVES_OURS,
    QUALIFIER_PATTERN,
    RELATION_NOUNS,
    TITLE_WORDS,
    VENUE_WORDS,
    has_scope_comma,
    preps_pattern,
    protect,
    restore,
    words_pattern,
)
from followup.parsing.names import (
    clean_name,
    drop_honorifics,
    fold,
    letters,
    local_part_matches,
    name_tokens,
)
from followup.parsing.phones import NAME_LIKE_CITIES
from followup.parsing.postal import (
    HOUSE_NUMBER,
    STREET,
    continues_address,
    find_address,
    is_address,
    street_start,
)
from followup.parsing.signature import SignatureInfo, is_unit, read_card, spelled_by_domain

# (E.164, start, end) of each phone number in a text
PhoneSpans = Callable[[str], list[tuple[str, int, int]]]

_LABELS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "nom", "nombre", "contact", "kontakt", "contacto", "person",
             "who", "wer", "qui", "quién", "quien", "nome", "naam", "contact name", "nom i cognoms",
             "nom complet", "nome e cognome", "nombre y apellidos", "vorname name",
             "nom et prénom", "prénom nom", "nome completo", "imię i nazwisko", "navn", "namn",
             "nimi", "nombre completo", "vor- und nachname", "ansprechpartner",
             "ansprechpartnerin", "interlocuteur", "interlocutrice", "persona de contacto",
             "referente", "contactpersoon", "kontaktperson", "contact person"),
    "company": ("company", "firma", "unternehmen", "société", "societe", "entreprise", "empresa",
                "organisation", "organization", "org", "compañía", "employer", "arbeitgeber",
                "azienda", "bedrijf", "firm", "business", "organización", "compagnie",
                "società", "ditta", "entitat", "organització", "co", "werkgever", "organizacja",
                "företag", "virksomhed", "selskap", "empresa/org", "company name",
                "institution", "institución", "institut",
                "razón social", "raison sociale", "ragione sociale", "firmenname", "bedrijfsnaam",
                "yritys", "firma name", "organisation name", "organization name", "school",
                "university", "universidad", "universidade", "università", "hochschule",
                # (sig9) the kinds of institution a research or health contact block names
                "centre", "centro", "center", "centrum", "organisme", "organismo",
                "einrichtung", "institució", "instituto", "istituto", "universitat",
                "université", "hospital", "hôpital", "ospedale", "klinik", "clinic",
                "laboratori", "laboratoire", "laboratorio", "lab"),
    "title": ("title", "job title", "position", "role", "rolle", "funktion", "poste", "fonction",
              "titre", "cargo", "puesto", "rôle", "job", "titel", "rol", "ruolo", "functie",
              "càrrec", "carrec", "qualifica", "mansione", "incarico", "berufsbezeichnung",
              "stelle", "beruf", "stanowisko", "funkcja", "função", "roll", "stilling",
              # India, Latin America, the Nordics and the rest: what a role is called there
              "designation", "job role", "job position", "occupation", "ocupación", "profesión",
              "profession", "funzione", "posizione", "posición", "poste occupé", "cargo actual",
              "tittel", "befattning", "stillingsbetegnelse", "titolo", "ruolo aziendale",
              # blocks (p-blocks8): the role someone holds now, as recruiters' notes label it
              "poste actuel", "poste occupé actuel", "fonction actuelle", "titre actuel",
              "puesto actual", "càrrec actual", "ruolo attuale", "posizione attuale",
              "current role", "current title", "current position", "aktuelle position",
              "aktuelle funktion", "huidige functie", "cargo atual", "função atual"),
    "email": ("email", "e-mail", "mail", "courriel", "correo", "e-mail-adresse", "correu",
              "correo electrónico", "correu electrònic", "posta elettronica", "adresse e-mail",
              "mél", "mel"),
    "phone": ("phone", "tel", "tel.", "telefon", "téléphone", "tél", "tél.", "teléfono",
              "telefono", "mobile", "mobil", "mob", "cell", "handy", "portable", "port.",
              "móvil", "movil", "celular", "direct", "office", "fon", "cellphone", "phone number",
              "telèfon", "mòbil", "cellulare", "cel", "tél. portable", "numéro", "número",
              "numero", "whatsapp", "tlf", "tlf.", "puh", "puhelin", "telefone", "telemóvel",
              "telefoonnummer", "ph", "contact no",
              "contact number", "mobile no", "mob no", "tel no", "handynummer", "natel"),
    "website": ("website", "web", "site", "url", "portfolio", "homepage", "webseite", "site web",
                "sitio web", "www", "blog"),
    "linkedin": ("linkedin", "linked in"),
    "address": ("address", "adresse", "dirección", "direccion", "anschrift", "addr", "indirizzo",
                "adres", "endereço", "postal address", "office address", "adreça", "domicilio",
                "sede", "siège", "dirección postal", "postanschrift", "morada", "adress",
                "osoite", "adresas", "aadress", "adrese"),
}
_LABEL_OF = {alias: key for key, aliases in _LABELS.items() for alias in aliases}
# one line each: "Kontaktdaten:\nName: …" is a heading, then a label (a value may stand on the
# line under its label: "Name:\nJo Park")
_LABEL_LINE = rx.compile(r"^[ \t]*(?:[-*•][ \t]*)?([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .\-]{0,20}?)[ \t]*:[ \t]*"
                         r"(.*?)[ \t]*$",
                         re.MULTILINE)

# Words that never start or continue a person's name.
_STOP = {
    # "he conegut dues persones de …", "two folks from …": people counted, not named
    "people", "folks", "persones", "personas", "pessoas", "persone", "personnes", "leute",
    "personen", "mensen", "osoby", "ludzi", "personer",
    # (p-people7) "con esta persona", "avec cette personne", "mit dieser Person": one person
    # pointed at, not named
    "person", "persona", "personne", "pessoa", "persoon", "osoba", "esta", "este", "cette",
    "questa", "questo", "diese", "dieser", "deze", "dit", "aquesta", "aquest", "essa", "esse",
    "a", "an", "the", "and", "or", "but", "at", "from", "frm", "of", "in", "on", "with", "w",
    "for", "to", "by", "via", "is", "was", "are", "be", "he", "she", "they", "him", "her",
    "his", "hers", "them", "their", "we", "i", "me", "my", "our", "you", "your", "it", "its",
    "this", "that", "these", "those", "met", "meet", "meeting", "ran", "into", "sat", "next",
    "talked", "spoke", "chat", "add", "please", "new", "contact", "intro", "introduced",
    "who", "where", "when", "what", "why", "how", "as", "if", "so", "no", "not", "yes",
    "quick", "one", "nice", "guy", "great", "good", "call", "email", "mail", "phone", "cell",
    "mobile", "tel", "follow", "up", "f/u", "fu", "ping", "re", "fwd", "fw", "hi", "hello",
    "hey", "dear", "thanks", "today", "yesterday", "tomorrow", "tonight", "last", "night",
    "morning", "afternoon", "evening", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "both", "all", "three", "two",
    "also", "plus", "dazu", "además", "inoltre", "aussi",
    "just", "very", "really", "about", "after", "before", "then", "than", "here",
    "there", "card", "note", "notes", "see", "attached", "below", "above", "forwarding",
    "rencontré", "rencontrée", "chez", "et", "le", "les", "un", "une", "des", "au", "aux",
    "avec", "pour", "sur", "dans", "und", "mit", "bei", "vom", "im", "am", "ein", "eine",
    "der", "die", "das", "den", "dem", "auf", "für", "kontakt", "y", "con", "en", "el", "los",
    "las", "por", "para", "lo", "conocí", "team", "ceo", "cto", "cfo", "coo", "vp",
    "ea", "pa", "cc", "bcc", "ps", "asap", "fyi", "tbd", "todo", "name", "company", "title",
    "based", "wants", "likes", "needs", "runs", "works", "sent", "iphone", "ipad", "from:",
    "seeing", "catching", "caught", "grabbed", "grabbing", "had", "having", "saw", "lunch",
    "coffee", "dinner", "drinks", "breakfast", "brunch", "chatted", "bumped",
    # meeting verbs and time words of notes typed in German, French, Spanish, Catalan, Italian
    "vu", "vue", "croisé", "croisée", "rencontre", "rencontrés", "réunion", "déjeuner", "dîner",
    "café", "aujourd'hui", "hier", "ce", "soir", "matin", "elle", "il", "lui",
    "conocida", "conocido", "conocimos", "reunión", "reunion", "cena", "comida", "almuerzo",
    "desayuno", "hoy", "ayer", "ella", "él", "es", "ha", "hemos", "mañana",
    "conegut", "coneguda", "conèixer", "vaig", "avui", "ahir", "amb", "reunió", "dinar",
    "conosciuto", "conosciuta", "incontrato", "incontrata", "ho", "abbiamo", "oggi", "ieri",
    "pranzo", "riunione", "caffè", "lei", "e", "ed", "al", "alla",
    "gesprochen", "getroffen", "kennengelernt", "gesehen", "treffen", "heute", "gestern",
    "er", "sie", "ist", "war", "mittagessen", "abendessen", "termin", "herr", "herrn",
    "frau", "von", "zum", "zur", "beim", "dr", "prof", "mme", "mlle", "dott", "dott.ssa",
    "sra", "srta", "dra", "ing", "mag", "mr", "mrs", "ms", "mx",
    # event nouns: "auf der Hannover Messe Claudia Becker" names an event, then a person
    "messe", "expo", "summit", "conference", "congress", "kongress", "congreso", "congrès",
    "congresso", "convegno", "fair", "feria", "fira", "fiera", "salon", "salone", "forum",
    "meetup", "festival", "jornada", "jornadas", "tagung", "workshop", "webinar", "week",
    "trade", "show", "stand", "booth",
    # (p-lang12) Portuguese gatherings ("na feira", "na conferência", "no encontro")
    "feira", "conferência", "conferencia", "encontro", "palestra", "almoço", "jantar",
    # days and months opening a clause in the other languages ("am Dienstag Timo Schröder
    # getroffen", "lunes Ana Gil"): never part of a name
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes",
    "miércoles", "jueves", "viernes", "sábado", "domingo", "lunedì", "martedì", "mercoledì",
    "giovedì", "venerdì", "dilluns", "dimarts", "dimecres", "dijous", "divendres", "dissabte",
    "diumenge", "terça", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
    "zaterdag", "zondag", "januar", "februar", "märz", "oktober", "dezember", "janvier",
    "février", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    "enero", "febrero", "septiembre", "octubre", "noviembre", "diciembre", "gennaio",
    "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
    "übermorgen", "vorgestern", "demain", "anteayer", "domani",
    # (p-lang12) Portuguese days said relative to today ("conheci hoje o joão …")
    "hoje", "ontem", "amanhã", "anteontem",
    # (left out: days and months that are also names, "Domingo", "Julio", "Avril", "Abril")
    # meeting verbs of Nordic, Dutch, Polish and Portuguese notes that open a line
    # ("Träffade Anna Berg", "Mødte i går …", "Poznałem Adama Nowaka")
    "träffade", "träffat", "mötte", "mødte", "møtte", "traff", "traf", "trafen", "ontmoet",
    "ontmoette", "sprak", "spraken", "poznałem", "poznałam", "spotkałem", "spotkałam",
    "rozmawiałem", "rozmawiałam", "conheci", "encontrei", "falei", "pratade", "talade",
    "talte", "snakket", "snakkede",
    # (p-multi10) words that open a sentence about the next person: "Über Claudia Becker habe
    # ich …", "Afterwards Greta Solberg …", "Danach kam …"
    "über", "afterwards", "danach", "außerdem", "ausserdem", "daarna", "después", "ensuite",
    # (p-lang12) the words for a firm ("de la empresa X", "von der Firma Y"): never a name's
    "empresa", "société", "ditta", "azienda", "società", "companyia", "compañía", "firma",
    "entreprise",
    # (p-lang11) the words that head a contact block or its line in the parser's languages
    # ("Contacto de Agroexpo", "Coordonnées de la personne …", "Kontaktdaten von …")
    "contacto", "contactos", "contatto", "contatti", "contacte", "kontaktdaten",
    "coordonnées", "coordonnees", "recapiti", "recapito", "datos", "dades",
}
_STOP = {fold(w) for w in _STOP} | multilang.NEVER_IN_NAME
def _is_particle(word: str) -> bool:
    folded = fold(word)
    return folded in NAME_PARTICLES and (word.islower() or folded not in LOWER_ONLY_PARTICLES)
# (sp12c) after `\b` the verbs' first letters, so the ~300 verbs are not tried at a word's end
_MEET_BEFORE = rx.compile(
    r"(?:\b(?=[a-pr-vé])(?:met|meet|meeting|ran into|run into|bumped into|sat next to|talked to|"
    r"talked with|spoke (?:to|with)|chatted with|add|please add|intro to|introduced to|"
    r"(?:lunch|coffee|dinner|breakfast|brunch|drinks|call|chat|meeting|catch-up|catchup) "
    r"(?:with|w/)|"
    r"introduce|rencontré|rencontrée|rencontre|croisé|conocí a|conocí|conocimos a|"
    # (p-people8) as typed on a phone without accents
    r"conoci a|conoci|conocimos a|cafe con|reunio con|cafe amb|reunio amb|"
    r"kennengelernt|getroffen|traf|contact|"
    # (p-people12) "saw ana ruiz at …", "caught up with …", "Gesprochen mit Herrn Jörg Bosch"
    r"saw|caught up with|gesprochen mit|telefoniert mit|unterhalten mit|se acercó|se acerco|"
    r"new contact|kontakt|vu|vue|croisée|conocido a|"
    r"conocida a|conocer a|reunión con|reunion con|cena con|comida con|almuerzo con|"
    r"café con|conegut|coneguda|conèixer|dinar amb|sopar amb|reunió amb|cafè amb|"
    r"conosciuto|conosciuta|incontrato|incontrata|cena con|pranzo con|caffè con|"
    r"riunione con|déjeuner avec|dîner avec|café avec|réunion avec|"
    r"(?:gespräch|mittagessen|abendessen|kaffee|termin|treffen) mit|"
    # Spanish, Portuguese, Italian, French, Dutch, Polish and Nordic meeting verbs
    r"vi a|hablé con|hable con|charlé con|estuve con|conheci|encontrei|falei com|"
    r"almoço com|jantar com|reunião com|café com|ho parlato con|parlato con|"
    r"ho conosciuto|discuté avec|parlé avec|échangé avec|ontmoet|gesproken met|"
    r"gesprek met|lunch met|koffie met|poznałem|poznałam|rozmawiałem z|rozmawiałam z|"
    r"spotkanie z|träffade|pratade med|mødte|talte med|møtte|snakket med|"
    r"parlar amb|parlat amb|vaig conèixer|presentaron a|presentó a|presentaram|apresentou|"
    r"apresentaram|mi hanno presentato|vorgestellt wurde mir|introduced me to|"
    # (p-people11, p-multi11b) the one introduced: "qui m'a présenté Nadia Haddad", "mi ha
    # presentato", "me presentó a", "em va presentar", "stelde me voor aan"
    r"m['’]a présentée?|m['’]a presentee?|nous a présentée?|m['’]a fait rencontrer|"
    r"mi ha presentato|ci ha presentato|em va presentar|ens va presentar|me presentó a|"
    r"nos presentó a|me presento a|me presentó|nos presentó|me apresentou a|me apresentou|"
    r"stelde me voor aan|heeft me voorgesteld aan|"
    # (p-lang12) a meal or a talk had with someone, as the verb in the past: "comí con",
    # "cené con", "almocei com", "jantei com", "conversei com", "ho pranzato con", "dîné avec"
    r"comí con|comi con|cené con|cene con|almorcé con|desayuné con|conversé con|"
    r"almocei com|jantei com|conversei com|estive com|ho pranzato con|ho cenato con|pranzato con|"
    r"cenato con|déjeuné avec|dîné avec|dejeune avec)\s+"
    # (p-people8) a day word between the verb and the name: "incontrato oggi Gianni Riva"
    r"(?:(?:today|yesterday|heute|gestern|hoy|ayer|hier|aujourd'hui|oggi|ieri|hoje|ontem|"
    r"avui|ahir|vandaag|gisteren|dzisiaj|wczoraj)\s+)?"
    r"(?:with\s+|mit\s+|a\s+|en\s+|na\s+|la\s+|el\s+|l'|il\s+|lo\s+|le\s+|den\s+|die\s+|"
    r"der\s+|o\s+)?"
    # (p-people10: any form of address the lexicon knows, "met Atty. Ana Cruz", "Lic. Ana")
    # (p-people12: and a doctorate's qualifiers, "Dr. med.", "Dr. rer. nat.")
    r"(?:(?:(?:herrn?|dra|" + "|".join(re.escape(h) for h in rx.longest_first(HONORIFICS)) +
    r")\.?|" + QUALIFIER_PATTERN + r")\s+){0,4})$",
    re.IGNORECASE,
)
# a capitalised word, then spaces: what follows it continues a name ("Bayanihan Contact ...")
_CAPITAL_BEFORE = rx.compile(r"[A-ZÀ-Ý][\w'’&-]*[ \t]+$")


def _inside_capital_run(before: str, at: int) -> bool:
    """A meeting word written with a capital right after another capitalised word is part of a
    firm's or event's name ("Manila Contact Centres", "Nordic Kontakt AB"), not a verb."""
    while at < len(before) and before[at].isspace():
        at += 1
    return at < len(before) and before[at].isupper() and bool(_CAPITAL_BEFORE.search(before, 0, at))


_COPY_ONLY = rx.compile(
    r"\b(?:cc|bcc|cc'?d|copy (?:in|her|him|them)|copied|loop(?:ing)? (?:\w+ )?in|"
    r"keep \w+ in the loop|in kopie|in cc|en copie|mettre en copie|en copia|con copia)\b",
    re.IGNORECASE,
)
_OWNER_OWN = rx.compile(
    r"(?:\b(?:my|mine|meine?|mon|ma|mes|mi|mis)\s+(?:\w+\s+){0,2}(?:address|email|e-mail|mail|"
    r"gmail|inbox|account|number|phone|cell|mobile|adresse|nummer|numéro|correo|número|site|"
    r"website|handy)\b[^@\n]{0,20}"
    r"|\b(?:reach|contact|email|call|text|ping)\s+me\s+(?:at|on|via|@)\s*)$",
    re.IGNORECASE,
)
_WORD = rx.compile(r"[^\W\d_](?:[\w'’\-]*[^\W\d_])?\.?", re.UNICODE)


@dataclass
class Person:
    """One person found in a note, with where they are first named."""

    pos: int
    name: str | None = None
    strong: bool = False
    listed: bool = False  # opens an item of a list of people
    in_list: bool = False  # one of several names listed inside a sentence ("A, B and C")
    met: bool = False  # named by a paragraph's wording as someone met ("her boss Colin Ward")
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str | None = None
    title: str | None = None
    website: str | None = None
    linkedin: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class NoteContext:
    """What the free-text reader needs besides the note."""

    phone_spans: PhoneSpans
    owner_emails: frozenset[str] = frozenset()
    owner_phones: frozenset[str] = frozenset()
    owner_hosts: frozenset[str] = frozenset()
    owner_names: tuple[str, ...] = ()
    link_names: dict[str, str] = field(default_factory=dict)  # mailto address -> link text
    extra_emails: tuple[str, ...] = ()  # addresses only in HTML links
    extra_linkedins: tuple[str, ...] = ()
    require_details: bool = False  # in a forward or vCard note, only people with an address


# ----------------------------------------------------------------------------- labels

_NEXT_LINE_VALUE = rx.compile(r"\n[ \t]*([^\s:][^:\n]*?)[ \t]*(?=\n|$)")


# A form that asks for the given name and the family name on lines of their own ("Nom : Roux /
# Prénom : Léa", "Apellidos: Gil Sanz / Nombre: Eva", "Nachname / Vorname", "Cognome / Nome",
# "Apelido / Nome"): the two make one name, the given name first. Beside a given-name label,
# a plain name label ("Nom", "Name") holds the family name; beside a family-name label, it
# ("Nombre", "Nome") holds the given name.
_GIVEN_LABELS = frozenset({
    "prénom", "prenom", "vorname", "nombre de pila", "nom de pila", "nome próprio",
    "nome proprio", "primeiro nome", "voornaam", "first name", "given name", "firstname",
    "forename"})
_FAMILY_LABELS = frozenset({
    "nom de famille", "nachname", "familienname", "apellidos", "apellido", "cognome",
    "cognom", "cognoms", "apelido", "apelidos", "sobrenome", "último nome", "ultimo nome",
    "achternaam", "last name", "surname", "family name", "lastname"})
_SPLIT_NAME_GAP = 200  # the two labels of one name stand a few lines apart at most


def _split_name_labels(split: list[tuple[str, str, int]],
                       out: dict[str, list[tuple[str, int]]]) -> None:
    """Join each given name with the family name labelled beside it into one `name` value."""
    names = out.get("name", [])
    for part, value, at in split:
        if part != "given":
            continue
        fam = [(v, p) for k, v, p in split if k == "family" and abs(p - at) <= _SPLIT_NAME_GAP]
        fam = fam or [(v, p) for v, p in names if abs(p - at) <= _SPLIT_NAME_GAP]
        if fam:
            family, fpos = min(fam, key=lambda f: abs(f[1] - at))
            names = [(v, p) for v, p in names if p != fpos]
            full = family if fold(value) in fold(family).split() else f"{value} {family}"
            names.append((full, min(at, fpos)))
    for part, family, fpos in split:
        if part != "family" or any(p <= fpos < p + len(v) + 1 for v, p in names):
            continue
        given = [(v, p) for v, p in names if abs(p - fpos) <= _SPLIT_NAME_GAP and
                 len(v.split()) == 1]
        if given:
            value, at = min(given, key=lambda g: abs(g[1] - fpos))
            names = [(v, p) for v, p in names if p != at]
            names.append((f"{value} {family}", min(at, fpos)))
    if names:
        out["name"] = sorted(names, key=lambda n: n[1])


def read_labels(text: str) -> dict[str, list[tuple[str, int]]]:
    """`Field: value` lines of a note, by field key, with their positions."""
    out: dict[str, list[tuple[str, int]]] = {}
    split: list[tuple[str, str, int]] = []
    for m in _LABEL_LINE.finditer(text):
        label = m.group(1).strip().lower().rstrip(".")
        if label in _GIVEN_LABELS or label in _FAMILY_LABELS:
            value, at = m.group(2), m.start(2)
            if value and "@" not in value and not re.search(r"\d", value):
                split.append(("given" if label in _GIVEN_LABELS else "family", value, at))
            continue
        key = _LABEL_OF.get(label)
        if key is None and m.group(1).strip().lower().startswith(("tel", "mob", "phone")):
            key = "phone"
        value, at = m.group(2), m.start(2)
        if key and not value:
            nxt = _NEXT_LINE_VALUE.match(text, m.end())
            value, at = (nxt.group(1), nxt.start(1)) if nxt else ("", at)
        if key and value:
            out.setdefault(key, []).append((value, at))
    if split:
        _split_name_labels(split, out)
    return out


# ----------------------------------------------------------------------------- names

def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


def _joinable(text: str, end: int, start: int) -> bool:
    """Only plain spaces between two words of one name (no punctuation, no line break), or
    a nickname blanked out between them (see _blank_inner_nicknames)."""
    gap = text[end:start]
    if _NICK_FILL in gap:
        return gap.strip(" \t" + _NICK_FILL) == ""
    return bool(gap) and gap.strip(" \t") == "" and len(gap) <= 3


# "Siddharth "Sid" Rao", "Nomvula (Vula) Dube": a nickname between the given and the family
# name. The name readers see it blanked with WORD JOINERs (positions kept), so the name runs
# on; the contact's name is written without it
_NICK_FILL = "\u2060"
_INNER_NICK = rx.compile(
    r"(?<=[^\W\d_][ \t])(\([^\W\d_][\w'’-]{1,15}\)|[\"“‘'][^\W\d_][\w'’-]{1,15}[\"”’'])"
    r"(?=[ \t]+[A-ZÀ-Ý][^\W\d_])")


def _blank_inner_nicknames(text: str) -> str:
    if "(" not in text and '"' not in text and "“" not in text and "'" not in text and \
            "‘" not in text:
        return text

    def blank(m: re.Match[str]) -> str:
        nick = m.group(1)[1:-1]
        before = text[max(0, m.start() - 30):m.start()].split()
        if TITLE_WORDS.search(nick) or nick.isupper() or not before or \
                not before[-1][:1].isupper() or fold(before[-1]) in _STOP:
            return m.group(1)  # "(CEO) Anna", "met (Ana) Gil": no nickname
        return _NICK_FILL * len(m.group(1))

    return _INNER_NICK.sub(blank, text)


# people (p-people3): "Wilhelmina Hartmann (goes by Mina) … mina@…", "Jo Park, aka JP": the
# name someone goes by, said after their full name, names the same person; the address
# written with the short name belongs to the full one
_GOES_BY = rx.compile(r"[ \t]*[(,–—-]?[ \t]*(?i:goes by|go by|known as|aka|a\.k\.a\.?|"
                      r"called|genannt|alias|dit|dite|llamad[oa]|detto|detta|"
                      r"conhecid[oa] como)[ \t]+$")


def _full_name_of_nickname(text: str, found: tuple[int, str],
                           spans: list[tuple[int, int]]) -> tuple[int, str]:
    cue = _GOES_BY.search(text, max(0, found[0] - 40), found[0])
    if not cue:
        return found
    full = [(s, e) for s, e in spans if e <= cue.start() and not text[e:cue.start()].strip()]
    return (full[-1][0], text[full[-1][0]:full[-1][1]]) if full else found


def _is_name_word(word: str) -> bool:
    w = word.rstrip(".")
    return bool(w) and fold(w) not in _STOP and w not in _LOWER_STOP and \
        not any(c.isdigit() for c in w)


# p-lang12: Portuguese "in the", "at a" as typed in lower case ("conheci a giulia lo presti na
# feira"): never a word of a name, where capitalised "Na", "No" may be (a Korean "Na", "Do")
_LOWER_STOP = frozenset({"na", "no", "nas", "nos", "em", "num", "numa", "nesta", "neste"})


# given names written short that open a name ("Ma. Luisa Santos", "Md. Rafiq Islam", "Mohd.
# Azlan", "Fco. Javier Ruiz"): their dot ends no sentence
_GIVEN_ABBR = frozenset({"Ma.", "Md.", "Mohd.", "Muhd.", "Muh.", "Moh.", "Mhd.", "Fco.", "Wm.",
                         "Jos.", "Ma.ª", "Mª.", "Sta.", "Sto."})


# syllables of Vietnamese, Chinese and Korean names that are short words of other languages
# ("Nguyen Thi Thu Ha", "Chan Ka Ho", "Kim Ji An"): capitalised after a name, part of it
_LAST_SYLLABLES = frozenset({"Ha", "Ho", "Lei", "An"})
# people (p-people3): Italian family names that open with an article, capitalised ("Lo
# Presti", "Lo Bianco", "Lo Russo"): inside a name and before a capitalised word, part of it
_SURNAME_ARTICLES = frozenset({"Lo"})


# people (p-people3): particles that are also the preposition of an employer ("von Zephyr
# Robotics", "de Fintech Lab", "di Banca Tiberina")
_EMPLOYER_PARTICLES = frozenset({"von", "vom", "de", "da", "di", "du", "del", "do",
                                 # (p-people8) "Sergio Galli dei Fratelli Rinaldi Spa"
                                 "dei", "degli", "della", "delle", "des", "dos", "das"})


def _firm_run_at(words: list[tuple[str, int, int]], i: int) -> bool:
    """The capitalised run that starts at word `i` holds a word of firms' names."""
    for w, _s, _e in words[i:i + 4]:
        if not w[:1].isupper():
            return False
        if fold(w.rstrip(".")) in FIRM_WORDS or LEGAL_FORM.fullmatch(w):
            return True
    return False


# people (p-people10): one to four capitalised words, then a legal form (in any case)
# (a note typed in lower case: "kessler antrieb gmbh")
_LOWER_FORM_AFTER_RUN = rx.compile(
    rf"[^\W\d_][\w&'’-]*(?:[ \t]+[^\W\d_][\w&'’-]*){{0,3}}[ \t]+"
    rf"(?i:{LEGAL_FORM.pattern})(?!\w)")
_FORM_AFTER_RUN = rx.compile(
    rf"[A-ZÀ-Ý][\w&'’-]*(?:[ \t]+(?:&[ \t]+)?[A-ZÀ-Ý][\w&'’-]*){{0,3}}[ \t]+"
    rf"(?i:{LEGAL_FORM.pattern})")


# multi (p-multi9): pronouns that are also given names ("Ella", "Elle"): capitalised and right
# before a capitalised name word ("…: Ella Marsh (head of risk, …)"), they open a name
_PRONOUN_NAMES = frozenset({"Ella", "Elle"})


def _pronoun_opens_name(text: str, words: list[tuple[str, int, int]], i: int) -> bool:
    if words[i][0] not in _PRONOUN_NAMES or i + 1 >= len(words):
        return False
    nxt = words[i + 1][0]
    return nxt[:1].isupper() and _is_name_word(nxt) and not _is_particle(nxt) and \
        _joinable(text, words[i][2], words[i + 1][1])


def _name_spans(text: str, max_words: int = 5) -> list[tuple[int, int]]:
    """Every run of 1..max_words name-like words, as (start, end) character spans."""
    return list(_kept_name_spans(text, max_words))


# read_people asks for one note's spans of up to four words twice (its strong names, then the
# list beside them): they depend on nothing but the text, so the last few are kept
@functools.lru_cache(maxsize=8)
def _kept_name_spans(text: str, max_words: int) -> tuple[tuple[int, int], ...]:
    words = _words(text)
    spans: list[tuple[int, int]] = []
    for i, (w, s, _e) in enumerate(words):
        if (not _is_name_word(w) and not _pronoun_opens_name(text, words, i)) or _is_particle(w):
            continue
        if i + 1 < len(words) and multilang.role_opens_name(w, words[i + 1][0]) and \
                _joinable(text, words[i][2], words[i + 1][1]):
            continue  # (p-multi10b) "Vertriebsleiterin Anna Roth": the role opens no name
        if w[:1] == "l" and w[1:2] in "'’" and w[2:3].isupper():
            s += 2  # (p-multi11b) Catalan "amb l'Arnau Serra": the article is no part of it
        end = i
        while True:
            last = words[end][0]
            possessive = re.search(r"['’]s$", last)
            if possessive:  # "ana's number": the name ends before the 's
                if end > i or len(last) > 3:
                    spans.append((s, words[end][2] - 2))
                break
            # "Chen." ends a sentence; "Q." is an initial
            spans.append((s, words[end][2] - (1 if last.endswith(".") and len(last) > 2 else 0)))
            nxt = end + 1
            if nxt >= len(words) or sum(not _is_particle(x[0]) for x in words[i:nxt]) >= max_words:
                break
            if not _joinable(text, words[end][2], words[nxt][1]):
                break
            nw = words[nxt][0]
            if not (_is_name_word(nw) or _is_particle(nw) or nw in _LAST_SYLLABLES or (
                    # "de los Ríos", "de las Heras": the article after "de" is the name's
                    fold(nw) in {"los", "las"} and fold(words[end][0]) == "de") or (
                    nw in _SURNAME_ARTICLES and nxt + 1 < len(words) and
                    words[nxt + 1][0][:1].isupper())):
                break
            if nw in _EMPLOYER_PARTICLES and (_firm_run_at(words, nxt + 1) or (
                    nxt - i >= 2 and nxt + 1 < len(words) and
                    _FORM_AFTER_RUN.match(text, words[nxt + 1][1]))):
                break  # "Carla Nunes da Silva von Zephyr Robotics": "von" opens her firm
                # (p-people10: as does a run a legal form closes, "Ana Gil de Conservas
                # Delta S.L.", "Ugo Neri di Ottica Lario srl")
            if nxt + 1 < len(words) and multilang.employer_follows(
                    nw, [x[0] for x in words[i:nxt]], words[nxt + 1][0],
                    bool(_LOWER_FORM_AFTER_RUN.match(text, words[nxt + 1][1]))):
                break  # (p-multi10b) "Sem Jansen van Koffie Jansen": his firm, not his name
            if _and_opens_second_name(words, i, nxt, text):
                break  # (p-people8) "Pablo Ruiz y Marta Gil": two people, not one name
            if _title_not_name(nw):
                break  # (p-people7) "Jan Roth GF Roth AG", "ana gil directora comercial"
            if words[end][0].endswith(".") and len(words[end][0]) > 2 and \
                    words[end][0] not in _GIVEN_ABBR:
                break
            end = nxt
    return tuple(spans)


# the conjunctions that are also name particles ("Ortega y Gasset", "Puig i Soler")
_AND_PARTICLES = frozenset({"y", "i", "e"})


# the articles Catalan, Portuguese and Italian speech puts before a given name
_PERSONAL_ARTICLES = frozenset(GIVEN_NAME_ARTICLES)
# ... as a pattern ("la|el|en|...")
_GIVEN_ART = "(?:" + "|".join(rx.longest_first(GIVEN_NAME_ARTICLES)) + ")"


def _and_opens_second_name(words: list[tuple[str, int, int]], i: int, nxt: int,
                           text: str) -> bool:
    """A double surname joins one family name after "y"/"i" ("Puig i Soler"); a given and a
    family name after it, when a given and a family name stand before it, are a second
    person ("Pablo Ruiz y Marta Gil", "ana gil i pere vila")."""
    if words[nxt][0] not in _AND_PARTICLES or nxt + 2 >= len(words):
        return False
    before = [w for w, _s, _e in words[i:nxt] if not _is_particle(w)]
    first = nxt + 1
    if words[first][0] in _PERSONAL_ARTICLES and first + 2 < len(words) and \
            words[first + 1][0][:1].isupper():
        first += 1  # (p-multi11b) "Arnau Serra i la Núria Pons": the article of a given name
    after = words[first:first + 2]
    return len(before) >= 2 and all(
        _is_name_word(w) and not _is_particle(w) and not _title_not_name(w)
        for w, _s, _e in after) and \
        _joinable(text, words[first - 1][2], after[0][1]) and \
        _joinable(text, after[0][2], after[1][1])


def _title_not_name(word: str) -> bool:
    """A title written short in capitals ("GF", "CEO") or a title word in lower case: it
    ends a name ("Jan Roth GF Roth AG", "ana gil directora comercial"); a capitalised one may
    be a family name ("Dean", "Head")."""
    if word.isupper():
        return 2 <= len(word) <= 4 and TITLE_WORDS.fullmatch(word) is not None
    return word.islower() and len(word) > 3 and TITLE_WORDS.fullmatch(word) is not None


_BEFORE_FORM = rx.compile(rf"[ \t]+(?:{LEGAL_FORM.pattern})")


# particles that, capitalised and last, are family names ("Priyanka Das", "Minh Le")
_PARTICLE_SURNAMES = frozenset({"Das", "Le", "Du", "Do", "Dal", "Van"})


# people (p-people8): a preposition and article that only a place or event follows ("auf der",
# "beim", "at the", "alla", "op de"): the capitalised word after them is the event's, never a
# given name (the name particles "de la", "da", "do" are left out: they open family names)
_EVENT_ARTICLE_BEFORE = rx.compile(
    r"(?:\b(?:auf|bei)\s+(?:der|dem)|\b(?:at|on)\s+the|\bà\s+la|\b(?:alla|sulla|nella)|"
    r"\bop\s+(?:de|het)|\b(?:zur|zum|beim))\s+$", re.IGNORECASE)


def _town_inside(text: str, start: int, words: list[str]) -> bool:
    """After a locative and a fair's word ("op de beurs", "auf der Messe", "na feira"), the
    capitalised words up to a town are the fair's name and town ("op de beurs Woonform
    Kortrijk Elke Peeters"): a run that holds that town is no person's name."""
    from followup.parsing.geoplaces import region_of_place

    if not _FAIR_WORD.search(text, max(0, start - 60), start):
        return False  # (the cheap test first)
    ctx = _FAIR_BEFORE.search(text, max(0, start - 60), start)
    return ctx is not None and any(
        w[:1].isupper() and (_is_place(w) or (len(w) > 3 and region_of_place(w) is not None))
        for w in words[:-1])


_FAIR_NOUNS = (r"beurs|vakbeurs|messe|fachmesse|fair|salon|feria|fiera|feira|fira|veletrh\w*|"
               r"targ\w*|mässan|messa|messen|expo")
_FAIR_WORD = rx.compile(rf"\b(?:{_FAIR_NOUNS})\b", re.IGNORECASE)
_FAIR_BEFORE = rx.compile(
    rf"\b(?:op\s+de|auf\s+der|bei\s+der|at\s+the|au|na|no|på|alla|en\s+la|en\s+el|a\s+la)\s+"
    rf"(?:{_FAIR_NOUNS})\s+(?:(?-i:[A-ZÀ-Ý])[\w'-]*\s+){{0,2}}$", re.IGNORECASE)


def _span_ok(text: str, span: tuple[int, int]) -> bool:
    words = [w for w in text[span[0]:span[1]].split() if w.strip(_NICK_FILL)]
    if _BEFORE_FORM.match(text, span[1]) or LEGAL_FORM.fullmatch(words[-1]) or \
            _COMMA_FORM_AFTER.match(text, span[1]):
        return False  # "… von Alpbank AG", "Officine Riva, srl": the last word names a firm
    if _is_particle(words[-1]) and not (len(words) > 1 and words[-1] in _PARTICLE_SURNAMES):
        return False
    if len(words) > 1 and _EVENT_ARTICLE_BEFORE.search(text, max(0, span[0] - 12), span[0]):
        return False  # (p-people8) "auf der Agritechnica Stefan Kühn": the fair, then the name
    if len(words) > 1 and _CITY_PREP.search(text, max(0, span[0] - 8), span[0]) and \
            _is_place(words[0]):
        return False  # "auf der Buchmesse in Leipzig Anja Roth getroffen": the city
    if len(words) >= 2 and words[0][:1].isupper() and _event_city_before(
            text[max(0, span[0] - 40):span[0] + len(words[0]) + 1]):
        return False  # (p-multi12) "At Payments Week Amsterdam Lena Park": the event's
        # city, then the name; a name runs on through no city after an event
    if len(words) > 1 and _town_inside(text, span[0], words):
        return False  # (p-placetime9) "op de beurs Woonform Kortrijk Elke Peeters": the fair
        # and its town, then the person; a name runs on through no town
    if len(words) > 3 and any(w in _TOWN_PREPS and _is_place(words[k + 1])
                              for k, w in enumerate(words[1:-2], 1)):
        return False  # (p-placetime10) "på Fastighetsdagen i Malmö Karin Lund": an event
        # and its town, then the person; a name runs on through no "i/in/à + town"
    caps = [w[0].isupper() or bool(_ELIDED.match(w)) for w in words
            if not _is_particle(w) and fold(w) not in {"los", "las"}]
    return all(caps) or not any(caps)


_TOWN_PREPS = frozenset({"i", "in", "à", "en", "w", "a"})


# a preposition that a sentence opens with, capitalised, before a name ("Über Claudia Becker
# habe ich …"): no part of the name
_LEAD_PREPOSITIONS = frozenset(fold(w) for w in (
    "über", "durch", "via", "grâce", "através", "tramite"))


def _without_lead_role(start: int, cand: str) -> tuple[int, str]:
    """people (p-people10): "mit Vertriebsleiterin Anna Roth", "son associé thomas durand",
    "ihr mitgründer felix hagen": a role word (or an opening preposition) before a given name
    and a surname is no part of the name; one before a single word may be a family name
    ("Dean Smith", "Sergeant")."""
    words = cand.split()
    if len(words) >= 4 and fold(words[0]) in _POSSESSIVES and (
            TITLE_WORDS.fullmatch(words[1]) or _PEER.fullmatch(words[1])):
        # "ihr mitgründer felix hagen", "son associé thomas roy", "his colleague tom ode"
        cut = cand.index(words[2], len(words[0]) + len(words[1]) + 1)
        return start + cut, cand[cut:]
    if len(words) >= 3 and (fold(words[0]) in _LEAD_PREPOSITIONS or (
            TITLE_WORDS.fullmatch(words[0]) and len(words[0]) > 4 and
            not TITLE_WORDS.fullmatch(words[1]))):
        cut = cand.index(words[1], len(words[0]))
        return start + cut, cand[cut:]
    return start, cand


def _cut_lower_at_title(cand: str) -> str:
    """blocks (p-blocks8): in a note typed in lower case a name runs on into the title after
    it ("jana brückner leiterin einkauf", "paul roy directeur commercial"): a title word past
    the given name and surname is where the name has ended."""
    words = cand.split()
    if len(words) < 3 or cand != cand.lower():
        return cand
    for k in range(2, len(words)):
        if TITLE_WORDS.match(words[k]):
            return " ".join(words[:k])
        if len(words) - k > 2 and words[k] in _EMPLOYER_PREPS_LOWER and \
                not _is_particle(words[k]):
            # (p-people11) "urs weber vo gartenbau weber ag"; a particle ("von", "di") is
            # left to the email domain (_split_lower_name_firm), which keeps the firm as typed
            return " ".join(words[:k])
    return cand


# (p-people11) after a given name and a surname, "von"/"vo"/"bei"/"di" and two words or more
# open the firm, not the rest of the name
_EMPLOYER_PREPS_LOWER = multilang.EMPLOYER_AFTER_SURNAME | {"vo"}


def _split_lower_name_firm(person: Person) -> None:
    """blocks (p-blocks8): "ana ruiz de agrotech sur" beside ana@agrotechsur.example: in a
    lower-case note the words after a particle that the person's email domain spells are her
    firm, not the rest of her name."""
    name = person.name or ""
    words = name.split()
    if len(words) < 4 or name != name.lower() or not person.emails:
        return
    for k in range(2, len(words) - 1):
        tail = " ".join(words[k + 1:])
        if _is_particle(words[k]) and spelled_by_domain(tail, person.emails):
            person.name = " ".join(words[:k])
            person.company = person.company or tail
            return


# people (p-people3): an elided particle written onto the family name ("dell'Aquila",
# "d'Amico", "dall'Olio", "De'Longhi"): capitalised after the apostrophe
_ELIDED = rx.compile(r"(?i:d|dell|dall|nell|sull|de|degl)['’](?=[A-ZÀ-Ý])")


def _name_for_email(text: str, email: str, at: int,
                    spans: list[tuple[int, int]]) -> tuple[int, str] | None:
    """The name in `text` that the address's local part spells, nearest to the address
    (within a page of it: a long note must not cost addresses x names)."""
    local = email.split("@")[0]
    best: tuple[int, int, int, int, str] | None = None  # (-score, after, distance, -len, name)
    for s, e in spans:
        if not at - 1500 <= s <= at + 500 or not _span_ok(text, (s, e)):
            continue
        cand = text[s:e]
        score = local_part_matches(local, cand)
        if score < 2:
            continue
        first = cand.split()[0]
        if cand.islower() and " " in cand and (multilang.opens_no_name(first) or
                                               multilang.is_role_word(first)):
            continue  # (p-multi11b) "sua figlia anna (anna@…)": her name is the last word
        # names come before their address, and near it
        key = (-score, 0 if s <= at else 1, abs(at - s) // 60, -(e - s), cand)
        if best is None or key[:4] < best[:4]:
            best = key
            best_pos = s
    return (best_pos, _cut_lower_at_title(best[4])) if best else None


# A possessive opens a relation ("his cofounder", "su socia", "ihr Chef", "son associé")
_RELATION = rf"(?:{words_pattern(POSSESSIVES_BEFORE)})\s"
# "her EA Nadia", "his assistant Tim": people to copy or schedule through, not contacts
# (the words are prose's; there a comma may follow them)
_HELPER_BEFORE = rx.compile(rf"\b(?:{prose.HELPER_WORDS})\s*$", re.IGNORECASE)
# An item's mark: "1.", "1)", "1-" (a number then a dash, as typed on phones), a bullet, a
# dash, a "+" adding one more person ("+ Ana Ruiz, CTO"), or an emoji ("👤 Ana Ruiz – CTO")
# (p-multi10: and a letter in a bracket, "a) Dr. Lakshmi Rao - …", "(b) Imran …")
_MARK = (r"(?:\d{1,2}(?:[.)]|[-–](?=[ \t]))|\(?(?-i:[a-h])\)|[-*•–—+▪►·]|"
         r"[\U0001F300-\U0001FAFF\u2600-\u27BF][\uFE0F]?)")
_LIST_MARK = rx.compile(rf"[ \t]*{_MARK}[ \t]+")
# "• Dr. Sneha Rao – CMO", "- Prof. Ines Kahl": an honorific may open the item before the name
# (p-people7: every form of address of the shared list, longest first)
_ITEM_HONORIFIC = r"(?i:(?:(?:" + "|".join(
    re.escape(h) for h in rx.longest_first(HONORIFICS)) + r")\.?|" + QUALIFIER_PATTERN + \
    r")[ \t]+){0,3}"
# (p-multi11b) the article Catalan, Portuguese and Italian speech puts before a given name,
# and "and" opening the last item, in a list: "- la Montse Ribas", "- en Pere Albà", "- o Rui
# Costa", "- e la Giulia Neri", "- i en Pol Serra" (lower case: an article is never a name)
_ITEM_PREFIX = rx.compile(rf"[ \t]*{_MARK}?[ \t]*{_ITEM_HONORIFIC}")
_LISTED_PREFIX = rx.compile(rf"{_LIST_MARK.pattern}{_ITEM_HONORIFIC}")
_ARTICLE_ITEM_PREFIX = rx.compile(
    rf"[ \t]*{_MARK}[ \t]+(?:(?-i:i|e|y|et|und|and)[ \t]+)?(?:(?-i:{_GIVEN_ART})[ \t]+|"
    rf"(?-i:l)['’])[ \t]*{_ITEM_HONORIFIC}")


def _item_prefix(prefix: str) -> bool:
    """The words before a name on its line open a list item: a mark, perhaps a form of
    address, or (after a mark) an article ("- la Montse Ribas", "- en Pere Albà")."""
    return bool(_ITEM_PREFIX.fullmatch(prefix) or _ARTICLE_ITEM_PREFIX.fullmatch(prefix))


# German puts the verb last: "auf der Messe Claudia Becker kennengelernt", "mit Petra Lang
# gesprochen"; Italian and Spanish may too ("Paolo Conti conosciuto ieri")
# the German participles that close a clause about meeting someone
_DE_MEET_PARTICIPLES = (r"kennengelernt|getroffen|gesprochen|gesehen|wiedergesehen|geredet|gredet|"
                        r"geplaudert|unterhalten")
_MEET_VERB_LAST = (rf"(?:(?:heute|gestern|kurz|lange|\w+\s+)?(?:{_DE_MEET_PARTICIPLES})|"
                   r"(?:conosciut[oa]|incontrat[oa]|"
                   r"conocid[oa])\b|"
                   # (p-people7) Dutch: "Femke de Vries leren kennen", "… gesproken"
                   r"(?:(?:vandaag|gisteren|even|kort)\s+)?(?:leren kennen|ontmoet|gesproken|"
                   r"gezien)\b)")
# (p-people3: "Jana Pereira da Costa von Nordwind Robotics kennengelernt": her firm may stand
# between the name and the verb; _is_strong checks that the run holds a firm's word)
_MEET_AFTER = rx.compile(rf"(?:\s+(?:von|vom|bei|de|di|da)(?P<firm>(?:\s+(?-i:[A-ZÀ-Ý])[\w&.'’-]*)"
                         rf"{{1,4}}))?\s+{_MEET_VERB_LAST}", re.IGNORECASE)
# (p-people11) typed in lower case: "mit jana vogt von kessler technik gmbh gesprochen",
# "mit jana vogt, inhaberin von kessler, gesprochen" (Swiss "vo" for "von")
_MEET_AFTER_LOWER = rx.compile(rf"(?:\s+(?:von|vom|vo|bei|de|di|da)(?:\s+[\w&.'’-]+){{1,4}}?|"
                               rf",[^,.;:\n]{{2,60}}?,)?\s+{_MEET_VERB_LAST}", re.IGNORECASE)
_VERB_LAST_END = rx.compile(rf"\s+(?:{_DE_MEET_PARTICIPLES})$", re.IGNORECASE)
# p-lang11: in lower case, the firm between the name and the verb at the end ("mit jana
# roth von kessler antrieb gmbh gesprochen", "urs keller vo gartenbau keller ag"): a legal
# form or a trade noun says it is a firm
_LOWER_FIRM_MEET = rx.compile(
    rf"[ \t]+(?:von|vom|vo|bei|de|di|da)((?:[ \t]+[a-zà-ÿ][\w&.'’-]*){{1,4}})[ \t]+"
    rf"{_MEET_VERB_LAST}", re.IGNORECASE)


def _lower_firm_then_meet(after: str) -> bool:
    m = _LOWER_FIRM_MEET.match(after)
    return m is not None and any(
        fold(w) in FIRM_WORDS or bool(lowercase.is_legal_form(w)) for w in m.group(1).split())


# "Jonas Hoffmann und Lea Schulz kennengelernt": both are the ones met
_AND_NAME_THEN_MEET = rx.compile(
    rf"\s+(?:und|and|et|y|e|i|sowie|en|og|och)\s+(?:(?-i:[A-ZÀ-Ý])[\w'’-]+\s+){{1,3}}"
    rf"{_MEET_VERB_LAST}", re.IGNORECASE)
# "…: Ana Costa (CMO, …)", "Rui Almeida, CFO,", "Pedro Santos, +351 …": a capitalised name
# that a list gives with its role, phone or address right after it (a scoped role's comma is
# protected as U+201A: "Ji-ho Park, VP, Global Sales, 010 …")
_LISTED_AFTER = rx.compile(r"[ \t]+\+?\(?\d[\d ().-]{6,}\d|"
                           r"\s*[,(;–—-]\s*(?:\+?\(?\d|\s{6,}|(?:the\s+|a\s+|an\s+)?"
                           # (p-people7: and a scope's protected dash, "Head of Risk – Retail")
                           r"[\w&/'’-]+(?:[\s\u201a\u2010\u2043\u2015]+[\w&/'’-]+){0,4}"
                           r"\s*(?:[,;)]|\.(?:\s|$)|$|"
                           r"\s[-–—]\s|"
                           r"\s(?:at|@|de|en|di|bei|chez)\s))")
# (and "with": "dinner with Sipho Nkosi (CEO) and …" names its people as a list does)
# (p-people8: and the article Portuguese, Catalan and Italian put before a name: "e a Inês
# Ferreira (…)", "i en Pau Roca, CTO", "e la Giulia Neri")
# (p-people11: and "w/", the "with" typed on phones: "lunch at the Ritz w/ Ana Ruiz - CFO")
_LIST_BEFORE = rx.compile(r"(?:[:;,]|\)\s*,|\b(?:and|und|et|y|e|i|and also|with|w/|mit|con|avec|"
                          r"amb|com|met)(?:\s+" + _GIVEN_ART + r")?|^)\s*$",
                          re.IGNORECASE)


# "mit Lukas Meier von Alpbank AG gesprochen": "with" and the verb at the end of the clause
_WITH_BEFORE = rx.compile(r"\b(?:mit|con|avec|amb|with|w/)\s+$", re.IGNORECASE)
_MEET_LATER = rx.compile(r"[^.\n!?;]{0,80}?\b(?:gesprochen|getroffen|kennengelernt|unterhalten|"
                         r"gegessen|parlato|parlé|hablado|hablé|parlat)\b", re.IGNORECASE)


# "2) ihr Chef Markus Frei, Geschäftsführer", "- his cofounder Tom Lee": a list item that
# says how the person relates to the one before
# (p-people4: at a line's start without a list mark too: "her associate Ian Wu 9123 4567")
# (p-people5) a line that adds someone opens with "and", "plus", "dazu", "y su colega":
# "dazu Petra Frei (Leiterin Vertrieb, …)", "y su colega Rosa Quispe (jefa de compras)"
_ADDED = r"(?:and|y|e|et|und|i|plus|also|dazu|además|inoltre|aussi|sowie|ainsi que)\s+"
_RELATION_WORD = rf"{_RELATION}\s*[^\W\d_]+(?:-[^\W\d_]+)?[ \t]+"
# (p-people7) "il collega Paolo Neri, …", "the colleague Ann Roe": an article and a colleague
_ARTICLE_COLLEAGUE = (r"(?:il|la|el|le|lo|the|der|die|o|a|un|una|une|ein|eine)\s+(?:colleague|"
                      r"coworker|co-worker|collègue|colega|collega|kollege|kollegin|col·lega)\s+")
_ITEM_RELATION = rx.compile(rf"(?:{_LIST_MARK.pattern}|[ \t]*)(?:{_ADDED}(?:{_RELATION_WORD}|"
                            rf"{_ARTICLE_COLLEAGUE})?|{_RELATION_WORD}|{_ARTICLE_COLLEAGUE})",
                            re.IGNORECASE)


def _listed_with_details(cand: str, before: str, after: str) -> bool:
    """A person in a run-on list: "…: Ana Costa (CMO, Ondas), Rui Almeida, CFO, and …"."""
    m = _LISTED_AFTER.match(after)
    if not m or not _LIST_BEFORE.search(before) or \
            any(len(w) > 1 and w.isupper() for w in cand.split()):
        return False  # "…, Harbor AI, data lead": a firm (an acronym is no part of a name)
    role = after[:m.end()]
    if TITLE_WORDS.search(role) or re.match(r"[ \t]+\+?\(?\d", role):
        return True  # "…, Ramon Cruz 0917 555 1234": a number right after a name is theirs
    # "- Liam Ross, founder, Tidewater Energy — 0412 …": after a title, a firm's name
    prev = re.split(r"[,;(]", before.split("\n")[-1].rstrip(" ,"))[-1]
    if before.rstrip(" ").endswith(",") and TITLE_WORDS.search(prev) and \
            not prev.rstrip().endswith(")"):
        return False  # (a role in brackets is closed: "Ana Gil (CFO), Luis Paz, 600 …")
    return bool(re.match(r"\s*[,(;–—-]\s*(?:\+?\(?\d|\s{6,})", role))


# (p-people5) "Met Jan de Wit & Thandi Nkosi at …", "conocí a Ana Gil y Luis Paz": a name
# joined by "and" to a name the meeting verb points at is met as well
_NAME_AND = rx.compile(r"(?:[A-ZÀ-Ý][\w'’-]+|[a-z]{1,3})(?:[ \t]+(?:[A-ZÀ-Ý][\w'’-]+|"
                       # (p-people7: the shared particles, less those that are also "and")
                       r"(?-i:" + "|".join(rx.longest_first(NAME_PARTICLES - {"i", "y", "e"}))
                       + r")))*"
                       r"[ \t]+(?:and|&|y|und|et|e|i|en)[ \t]+(?:" + _GIVEN_ART + r"[ \t]+)?$")
# (p-multi11b) Dutch "en" joins two names only in a Dutch clause: in Spanish and Catalan "en"
# after a name opens a place ("conocí a Ana Gil en Casa Lola")
_DUTCH_CLAUSE = rx.compile(r"\b(?:met|gesproken|ontmoet|gisteren|vandaag|koffie|beiden|op\s+de|"
                           r"zijn|haar|hun|bij)\b", re.IGNORECASE)


def _met_with_another(before: str) -> bool:
    line = before[before.rfind("\n") + 1:]
    if not _AND_END.search(line):
        return False  # (cheap first)
    if line.rstrip().endswith(" en") and not _DUTCH_CLAUSE.search(line):
        return False
    for word in _WORD_START.finditer(line):
        if _NAME_AND.fullmatch(line, word.start()):
            meet = _MEET_BEFORE.search(line[:word.start()])
            if meet and not _inside_capital_run(line[:word.start()], meet.start()):
                return True
    return False


_AND_END = rx.compile(r"\s(?:and|&|y|und|et|e|i|en)[ \t]+(?:" + _GIVEN_ART + r"[ \t]+)?$")
_WORD_START = rx.compile(r"(?:(?<!\S)|(?<=\sl['’]))[A-ZÀ-Ý]")


def _meet_after(after: str) -> bool:
    m = _MEET_AFTER.match(after)
    if not m:
        return False
    return not m.group("firm") or any(
        fold(w) in FIRM_WORDS or bool(LEGAL_FORM.fullmatch(w)) for w in m.group("firm").split())


def _is_strong(cand: str, before: str, prefix: str, after: str) -> bool:
    """A name the wording points at: after "met", opening a line or list item, after a colon."""
    words = cand.split()
    capital = cand[0].isupper()
    if COMPANY_SUFFIX.search(cand) or TITLE_WORDS.search(cand) or _HELPER_BEFORE.search(before):
        return False
    if any(fold(w) in FIRM_WORDS for w in words):
        return False  # "Nordwind Robotics kennengelernt": a firm, not a person
    if _COMMA_FORM_AFTER.match(after):
        return False  # (p-lang11) "Aceros del Sur, S.A. de C.V.": a firm with its legal form
    if capital and len(words) >= 2 and (_meet_after(after) or
                                        _AND_NAME_THEN_MEET.match(after) or
                                        _listed_with_details(cand, before, after) or
                                        (_WITH_BEFORE.search(before) and
                                         _MEET_LATER.match(after))):
        return True
    if not capital and len(words) in (2, 3) and _item_prefix(prefix) and \
            _LOWER_TITLE_THEN_DETAIL.match(after):
        return True  # (p-people8) "tomas gil gerente general x sas cel 310 …": a lower-case card
    # (p-lang12: the particles of a name not counted, "jan van der berg", "maria de la fuente")
    if not capital and sum(not _is_particle(w) for w in words) in (2, 3) and \
            _WITH_BEFORE.search(before) and \
            (_MEET_AFTER_LOWER.match(after) or _lower_firm_then_meet(after)) and \
            not any(_title_not_name(w) for w in words):
        return True  # (p-people8) "heute mit jurgen muller gesprochen": typed in lower case
    # (p-multi11b: the particles of a name not counted, "montse ribas i soler")
    if not capital and _item_prefix(prefix) and \
            sum(not _is_particle(w) for w in words) in (2, 3) and \
            re.match(r"\s*(?:[,(–—]|-\s|from\b|frm\b|of\b|@)", after + " "):
        return True
    if not capital and _ARTICLE_ITEM.fullmatch(prefix) and \
            sum(not _is_particle(w) for w in words) in (2, 3) and re.match(r"\s*[,(–—]", after):
        return True  # (p-people11) "- la montse ribas i soler, responsable …", "- en pere albà,"
    if capital and len(words) >= 2 and (_COLLEAGUE_BEFORE.search(before) or (
            _LIST_BEFORE.search(before) and _THEIR_OFFICE.match(after))):
        return True  # (p-people7) "et son collègue Hugo Brun", "and Tom Ode from their … office"
    meet = _MEET_BEFORE.search(before)
    if meet and not _inside_capital_run(before, meet.start()):
        return capital or len(words) >= 2
    if capital and len(words) >= 2 and _met_with_another(before):
        return True
    if capital and len(words) == 1 and _LISTED_PREFIX.fullmatch(prefix):
        return _given_name_item(cand, after.split("\n")[0])
    if capital and len(words) == 1 and _item_prefix(prefix) and \
            after.startswith(","):
        return _given_name_titled(cand, after.split("\n")[0])
    if not capital or len(words) < 2:
        return False
    if (_item_prefix(prefix) or _ITEM_RELATION.fullmatch(prefix)) and \
            rx.match(r"\s*(?:[,(–—:·|]|-\s|/\s|$|\n)|[ \t]+\+?\(?\d[\d ().-]{6,}\d", after + "\n"):
        return True
    if (_item_prefix(prefix) and _AND_PARTNER_ITEM.match(after)) or (
            _PARTNER_ITEM_PREFIX.fullmatch(prefix) and re.match(r"[ \t]*[,(]", after)):
        return True  # (p-people8) "Jana Busch und Olaf Brandt, beide Brandl (…)"
    if _item_prefix(prefix) and _FROM_FIRM_ITEM.match(after):
        return True  # (p-people7) "- Ana Kask from Merevaik OÜ, CFO", "Jan Nowak von X s.r.o."
    if _SENTENCE_OPENED.search(prefix) and _DETAIL_AFTER.match(after) and \
            _REACH.search(after.split("\n")[0]) and not _is_place(cand):
        return True  # (p-people11) "Slush, Helsinki. Aino Lahti - CTO, Kuura. +358 …": a
        # sentence opened by a name, what they do, and a way to reach them on the line
    return bool(_COLON_BEFORE.search(before) and re.match(r"\s*[,(]", after))


# (p-people11) a list item opening with the article Catalan, Spanish, Italian and Portuguese
# put before a given name ("- la montse …", "- en pere …", "• il marco …", "- o joão …")
_ARTICLE_ITEM = rx.compile(rf"{_LIST_MARK.pattern}{_GIVEN_ART}[ \t]+")
_SENTENCE_OPENED = rx.compile(r"[a-zà-ÿ)][.!?][ \t]+$")
_DETAIL_AFTER = rx.compile(r"[ \t]*(?:[,(–—]|-[ \t])")
# p-lang11: a comma, then a legal form that ends the line or the phrase ("Plásticos del
# Norte, S.A. de C.V.", "Weber Antriebe, GmbH & Co. KG"): what stands before it is the firm's
# name, as Mexican, Spanish and German signatures write it, never a person and her firm
# (in lower case too, the forms that are no word of a language: "Officine Riva, srl", the
# ones lowercase.is_legal_form knows)
_FORM_AFTER_COMMA = rf"(?:{LEGAL_FORM.pattern}|{lowercase.LOWER_FORM})"
_COMMA_FORM_AFTER = rx.compile(rf"[ \t]*,[ \t]*{_FORM_AFTER_COMMA}\.?[ \t]*(?:$|\n|[,;|–—])")


# people (p-people7): a name opening a line or list item, then "from"/"von"/"de" and a
# capitalised firm, and on the same line a legal form or a way to reach them: the item is that
# person ("- Tomas Kask from Meri Logistika UAB, Head of Sales", "Milan Novák von
# Strojtech s.r.o., nur Mobilnummer +420 …")
_FROM_FIRM_ITEM = rx.compile(
    r"[ \t]+(?:from|frm|of|von|vom|bei|de|di|da|chez|z|ze|iš|no)[ \t]+(?-i:[A-ZÀ-Ý])"
    r"(?=[^\n]*?(?:\S@\S|\d[\d ()./-]{6,}\d|" + LEGAL_FORM.pattern + "))")


# people (p-people8): in a note typed in lower case, a line opening with a name, a title word
# right after it and a way to reach them (or a legal form) on that line is a person's card
_LOWER_TITLE_THEN_DETAIL = rx.compile(
    rf"[ \t]+(?=(?i:{TITLE_WORDS.pattern}))[a-zà-ÿ][^\n]*?(?:\S@\S|\d[\d ()./-]{{6,}}\d|"
    rf"(?<=[ \t])(?:sas|srl|sl|ltda|gmbh|bv|sccl|spa|sarl|llc|ltd|lda|snc)\b)")


# people (p-people8): a line or list item opening with two full names joined by "and", then a
# comma or bracket saying who they are ("Jana Busch und Olaf Brandt, beide Brandl (…)",
# "- Ben Ford and Cara Singh (both Lumora)"): two people of the list
_AND = r"(?:und|and|y|e|et|i|en|oraz|a|og|och)"
_FULL_NAME = r"(?-i:[A-ZÀ-Ý])[\w'’-]+(?:[ \t]+(?-i:[A-ZÀ-Ý])[\w'’-]+){1,2}"
_AND_PARTNER_ITEM = rx.compile(rf"[ \t]+{_AND}[ \t]+{_FULL_NAME}[ \t]*[,(]")
_PARTNER_ITEM_PREFIX = rx.compile(rf"{_ITEM_PREFIX.pattern}{_FULL_NAME}[ \t]+{_AND}[ \t]+")


# "Worth watching: Prof. Ama Owusu, …": a colon, perhaps an honorific, then the name
_COLON_BEFORE = rx.compile(rf"(?:\):\s*|:\s+){_ITEM_HONORIFIC}$")


def _given_name_item(cand: str, rest: str) -> bool:
    """"- Javier, de inversión, 622 555 123": a list item that is one given name and a way to
    reach them (a word in capitals is a firm's, not a person's)."""
    return len(cand) >= 3 and not cand.isupper() and rest.startswith((",", ":")) and bool(
        re.search(r"\S@\S|(?:\d[ ./()-]?){7,}", rest))


# people (p-people3): "Aoife, COO - met at …", "Mireille, directrice commerciale. Vue au
# salon …": a line that opens with one given name, a comma and a title closed by a dash or a
# full stop, and goes on to say they met or how to reach them, is about that person
_TITLE_CLOSED = rx.compile(r",[ \t]*(?P<ti>[^\W\d_][^,.;:()\n–—]{1,40}?)[ \t]*(?:[.;(–—]|\s-\s|$)")
_REACH = rx.compile(r"\S@\S|(?:\d[ ./()-]?){7,}")


def _given_name_titled(cand: str, rest: str) -> bool:
    m = _TITLE_CLOSED.match(rest)
    if not m or len(cand) < 3 or cand.isupper() or _is_place(cand) or \
            not TITLE_WORDS.match(m.group("ti")) or not _tidy_title(m.group("ti")):
        return False
    tail = rest[m.end():]
    if fold(cand) in _NOTE_OPENERS or _OTHER_NAMED.search(tail):
        return False  # "Update, sales lead - met Anna Berg": a heading, and someone else met
    return bool(_MET_EARLIER.search(tail) or _REACH.search(tail))


# people (p-people9): in a list whose other lines open with full names, a line that opens
# with a given name alone and says who they are or how to reach them is one more person
# ("Per, head of service, mobile 41 55 66 77", "- Wes from Gantry Labs, just a cell: …",
# "Sol, their lead designer", "Hana - product lead, no card", "Tunde (finance side), 0805 …")
# (not "del", "van", "bij" after one word: "Empaques del Golfo" is a firm's line, no person)
_GIVEN_ITEM_LINKS = tuple(w for w in EMPLOYER_AFTER_NAME if w not in {"del", "van", "bij", "frm"})
_GIVEN_ITEM_REST = rx.compile(
    r"(?:[ \t]*,[ \t]*(?:(?:their|his|her|our|the|a|an|su|sus|leur|son|sa|il|la|el|le|ihr|"
    r"ihre|sein|seine)[ \t]+)?|[ \t]+[-–—|/][ \t]+|[ \t]*\([ \t]*)(?P<what>[^\n]{2,80})"
    r"|[ \t]+" + preps_pattern(_GIVEN_ITEM_LINKS) + r"[ \t]+(?P<firm>(?-i:[A-ZÀ-Ý])[^\n]{1,60})",
    re.IGNORECASE)
_FULL_NAME_ITEM = rx.compile(
    rf"[ \t]*{_MARK}?[ \t]*{_ITEM_HONORIFIC}(?-i:[A-ZÀ-Ý])[\w'’-]+(?:[ \t]+(?:"
    r"(?-i:[A-ZÀ-Ý])[\w'’-]+|de|da|di|van|von|del|la|le)){1,3}[ \t]*(?:[,(–—:-]|$)")


def _given_name_in_list(text: str, line_start: int, start: int, cand: str) -> bool:
    if cand.islower():
        return _lower_given_item(text, line_start, start, cand)
    if " " in cand or len(cand) < 3 or cand.isupper() or not cand[0].isupper() or \
            not _ITEM_PREFIX.fullmatch(text, line_start, start):
        return False
    line_end = text.find("\n", start)
    rest = text[start + len(cand):line_end if line_end >= 0 else len(text)]
    m = _GIVEN_ITEM_REST.match(rest)
    if m is None or fold(cand) in _NOTE_OPENERS or fold(cand) in _EVENT_WORDS or \
            fold(cand) in FIRM_WORDS or TITLE_WORDS.fullmatch(cand) or _is_place(cand):
        return False
    what = m.group("what") or ""
    # (p-multi12b: or a role of the other languages, "Max, Azubi", "Davide | stagista")
    if not (m.group("firm") or TITLE_WORDS.search(what) or _REACH.search(what) or
            multilang.is_role_word(what.split()[0] if what.split() else "")):
        return False
    if rest.rstrip().endswith(":") or _OWN_RELATION_LEAD.match(what):
        return False  # "Tres de Kuali S.A.:" heads a list; "Pierre (mon associé)" is the owner's
    return _beside_named_item(text, line_start, line_end)


# multi (p-multi11): in a list typed in lower case a line may open with a given name alone
# ("- yusuf - ops manager, mob …", "- jon / pinecrest too / cto", "rosa (runs Lark Ceramics)
# 617 …", "- theo from Marlow Bio 646 …"): a separator, then a title, a firm or a way to reach
# them. The word must be no word a list line opens with otherwise (a verb, a thing, a time).
_LOWER_GIVEN_REST = rx.compile(
    r"(?:[ \t]*,[ \t]*|[ \t]+[-–—/|][ \t]+|[ \t]*\([ \t]*)(?P<what>[^\n]{2,80})"
    r"|[ \t]+(?:from|frm|of|at|@)[ \t]+(?P<firm>[^\n]{2,60})")
_MET_IN_LINE = rx.compile(r"\b(?i:met|meet|spoke|talked|chatted|ran into)\b")
_NOT_GIVEN = frozenset({
    "met", "call", "ping", "send", "email", "mail", "text", "follow", "followup", "chase",
    "booth", "stand", "table", "drinks", "lunch", "dinner", "coffee", "breakfast", "brunch",
    "party", "panel", "talk", "keynote", "session", "demo", "pitch", "both", "all", "everyone",
    "team", "ppl", "guy", "guys", "gal", "lady", "someone", "somebody", "nobody", "intro",
    "note", "notes", "todo", "tbd", "next", "then", "later", "also", "plus", "maybe", "tomorrow",
    "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "asked",
    "wants", "needs", "said", "likes", "owner", "boss", "client", "clients", "lead", "leads",
    "prospect", "vendor", "supplier", "partner", "investor", "sponsor", "speaker", "host",
    "venue", "location", "where", "when", "who", "what", "why", "how", "re", "fyi", "pls",
    "thanks", "cheers", "best", "regards", "sent", "from", "phone", "mobile", "cell", "tel",
    "web", "site", "website", "address", "card", "cards", "price", "pricing", "quote", "deal",
    "budget", "order", "samples", "sample", "catalog", "brochure", "deck", "invoice", "contract"})


def _lower_given_item(text: str, line_start: int, start: int, cand: str) -> bool:
    if " " in cand or len(cand) < 3 or not cand.isalpha() or \
            not _ITEM_PREFIX.fullmatch(text, line_start, start):
        return False
    key = fold(cand)
    if key in _NOT_GIVEN or key in _STOP or key in _NOTE_OPENERS or key in _EVENT_WORDS or \
            key in FIRM_WORDS or TITLE_WORDS.fullmatch(cand) or _is_place(cand):
        return False
    line_end = text.find("\n", start)
    rest = text[start + len(cand):line_end if line_end >= 0 else len(text)]
    m = _LOWER_GIVEN_REST.match(rest)
    if m is None or rest.rstrip().endswith(":") or len(rest) > 90 or _MET_IN_LINE.search(rest):
        return False  # (a line of prose: "kemarin (yesterday) at the … forum met Ibu …")
    what = m.group("what") or ""
    firm = m.group("firm") or ""
    if not (TITLE_WORDS.search(what) or _REACH.search(what) or _REACH.search(firm) or
            (firm and (firm[0].isupper() or _firm_like(firm)))):
        return False
    # one line of a list: marked as an item, or beside another line of people
    return bool(_LIST_MARK.match(text, line_start)) or _beside_item(text, line_start, line_end)


_ANY_ITEM = rx.compile(rf"[ \t]*{_MARK}?[ \t]*[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){{0,2}}"
                       r"[ \t]*(?:,|\(|[ \t][-–—/|@][ \t])|[^\n]*?(?:\S@\S|(?:\d[ ./()-]?){7,})")


def _beside_item(text: str, line_start: int, line_end: int) -> bool:
    """The line before or after (blank lines aside) is an item of a list of people: it
    opens with a full name, or it holds a way to reach someone or a separator of fields."""
    return _beside_named_item(text, line_start, line_end) or any(
        _ANY_ITEM.match(line) for line in _neighbour_lines(text, line_start, line_end))


def _beside_named_item(text: str, line_start: int, line_end: int) -> bool:
    """The line before or after (blank lines aside) opens with a full name."""
    return any(_FULL_NAME_ITEM.match(line)
               for line in _neighbour_lines(text, line_start, line_end))


def _neighbour_lines(text: str, line_start: int, line_end: int) -> list[str]:
    """The line before the one at `line_start` (blank lines skipped) and the one after
    `line_end` (none when `line_end` is negative: the last line)."""
    lines = []
    prev_end = line_start - 1
    while prev_end > 0 and text[prev_end - 1] == "\n":
        prev_end -= 1
    if prev_end > 0:
        lines.append(text[text.rfind("\n", 0, prev_end) + 1:prev_end])
    if line_end >= 0:
        nxt_end = text.find("\n", line_end + 1)
        lines.append(text[line_end + 1:nxt_end if nxt_end >= 0 else len(text)])
    return lines


# words that open a note as its heading, not a person ("Update, …", "Recap, …")
_NOTE_OPENERS = frozenset({
    "update", "note", "notes", "recap", "reminder", "fyi", "memo", "summary", "todo",
    "followup", "quick", "hi", "hello", "hey", "thanks", "re", "fwd", "fw", "lead", "leads",
    "contact", "contacts", "nota", "notiz", "rappel", "resumen", "promemoria", "event",
    "meeting", "intro", "ps", "nb", "ok", "okay", "also", "today", "tonight", "yesterday"})
_OTHER_NAMED = rx.compile(r"\b(?i:met|with|mit|con|avec|amb|com)\s+[A-ZÀ-Ý][\w'’-]+\s+"
                          r"[A-ZÀ-Ý][\w'’-]+")


# "Conocí hoy en la Expo Manufactura a José Luis …", "Vaig conèixer ahir a la fira a Pere
# …", "Conheci na feira o João …": the meeting verb, where they met, then the person after
# the personal "a" (or the article) that closes the clause
_MEET_THEN_A = rx.compile(
    r"\b(?:conocí|conocimos|conocido|conocida|saludé|saludamos|vi|vimos|entrevisté|"
    r"encontré|encontramos|conegut|coneguda|conèixer|vaig saludar|conheci|conhecemos|"
    r"encontrei|cumprimentei|ho conosciuto|ho conosciuta|ho incontrato|ho incontrata|"
    r"j'ai rencontré|rencontré|rencontrée)\b"
    r"[^.\n;:!?]{0,70}?\s(?:a|al|à|o|a|ao)\s+$", re.IGNORECASE)


def _met_with_a(text: str, start: int) -> bool:
    """"conocí a Ana Ruiz": the personal "a" after a meeting verb, with no title between
    (people (p-people4): in "he conegut la Mar Vidal, cap de Recerca a Biotec Nord" the "a"
    after the title names her employer, not someone met)."""
    m = _MEET_THEN_A.search(text, max(0, start - 100), start)
    return m is not None and not TITLE_WORDS.search(m.group(0))


# a preposition and article that open where they met: the capitalised word right after
# them is the event's ("auf der Gamescom Jonas Hoffmann", "at the Slush Erik Lind")
_AT_EVENT_BEFORE = rx.compile(
    r"(?:\b(?:auf|bei|an|in|von)\s+(?:der|dem|den)|\b(?:at|on|from)\s+the|"
    r"\b(?:en|de|desde)\s+(?:el|la|los|las)|\bau|\baux|\bà\s+la|\b(?:na|no|em|do|da)|"
    r"\b(?:alla|al|nel|nella|sulla|dalla)|\bop\s+(?:de|het)|\b(?:zur|zum|beim|im|am))\s+$",
    re.IGNORECASE)


_MET_EARLIER = rx.compile(
    r"\b(?:met|meeting|rencontré|rencontrée|croisé|croisée|conocí|conocimos|kennengelernt|"
    r"getroffen|gesprochen|conosciuto|conosciuta|incontrato|incontrata|conheci|encontrei|"
    r"ontmoet|spoke|talked|chatted|lunch|dinner|coffee|poznałem|poznałam|träffade|mødte|"
    r"møtte|tapasin|vaig conèixer|he conegut|"
    # (p-people3) "seen" and "spoke" in more languages: "vista oggi alla fiera …", "hablé con"
    r"vist[oa]|parlato|hablé|hablamos|conversé|gesehen|vu|vue|vi|falei|conversei|"
    r"sentit[oa])\b", re.IGNORECASE)
_TITLED_AFTER = rx.compile(r"[ \t]*,[ \t]*(?P<ti>[^\W\d_][^,.;:()\n]{1,40})")


# (p-people9) a word for a fair or gathering right before a run of capitals: the run opens
# with the event's own name ("beurs Woonform Kortrijk Elke Peeters", "Messe Holzbau Jana Roth",
# "feria Alimentaria Rosa Gil"), the person is the name at its end
_FAIR_WORDS = frozenset({"beurs", "vakbeurs", "veletrh", "targi", "targach", "mässan", "messen",
                         "mässa", "messa", "feira", "tradeshow"})


def _event_word_before(before: str) -> bool:
    words = before.split()
    return bool(words) and before[-1:].isspace() and (
        fold(words[-1]) in _EVENT_WORDS or fold(words[-1]) in _FAIR_WORDS)


# (p-people9) "conocí al Ing. Rodrigo Salinas", "conheci a Dra. Ana Reis": a form of address
# between the personal "a" and the name
_HONORIFIC_END = rx.compile(r"(?:^|(?<=\s))(?:(?:" + "|".join(
    re.escape(h) for h in rx.longest_first(HONORIFICS)) + r")\.?[ \t]+(?:" + QUALIFIER_PATTERN +
    r"[ \t]+){0,2})$", re.IGNORECASE)


def _before_honorific(text: str, start: int) -> int:
    m = _HONORIFIC_END.search(text, max(0, start - 16), start)
    return m.start() if m else start


def _met_with_a_before(text: str, start: int) -> bool:
    """"met with a Dr. Ana Ruiz": "a" (an honorific aside) right before, after a meeting."""
    at = _before_honorific(text, start)
    return bool(_A_BEFORE.search(text, max(0, at - 6), at)) and _met_with_a(text, at)


# (p-people9) someone the owner names as one of a kind: "un tal Raúl", "some guy called
# Marcus", "a dev named Oscar", "un certain Luc", "un certo Marco", "einen gewissen Jan"
_SOMEONE_NAMED = rx.compile(
    r"(?:\b(?:un|una)\s+tal|\b(?:un|una|uno)\s+cert[oa]|\bun(?:e)?\s+certaine?|"
    r"\b(?:einen?|eine)\s+gewissen?|\b(?:guy|girl|woman|man|lady|dev|developer|engineer|"
    r"person|chap|bloke|fellow|founder|someone|somebody)\s+(?:named|called)|"
    r"\b(?:named|called)\s+(?=[A-ZÀ-Ý]))\s+$", re.IGNORECASE)


def _city_of_event(before: str, word: str) -> bool:
    """"Köln" in "auf der Messe Holzbau Köln Eva Roth": a city right after an event's name."""
    return _is_place(word) and _after_event_name(before)


def _after_event_name(before: str) -> bool:
    """`before` ends with a fair's word and one capitalised word of its name ("op de beurs
    Woonform "): a run of capitals from here goes on with the event (its city) first."""
    cap = _CAPITAL_BEFORE.search(before)
    if cap is None:
        return False
    head = before[:cap.start()]
    return bool(_AT_EVENT_BEFORE.search(head)) or _event_word_before(head)


# (p-multi12b) the prepositions that put a city after a fair or a day ("feria de Zaragoza",
# "Semana del Vino en Mendoza", "ieri a Rimini", "salon de Lille", "gisteren in Gent")
_CITY_PREPS = frozenset({"de", "del", "en", "in", "à", "a", "di", "em", "no", "na", "bei",
                         "te", "op", "al", "zu", "du", "da"})


def _event_city_before(before: str) -> bool:
    """p-multi12: `before` ends with an event's name and its city ("At Payments Week
    Amsterdam ", "at the Cloud Expo Sydney "): what follows opens a clause of its own."""
    words = before.split()
    city = words[-1].strip(",") if words else ""
    if len(words) < 2 or not before[-1:].isspace() or not (
            _is_place(city) or city in NAME_LIKE_CITIES):
        return False  # ("Sydney", "Florence": after an event's name, the city)
    prev = words[-2]
    if prev in _CITY_PREPS and (len(words) == 2 or words[-3].islower() or
                                words[-3][:1].isdigit() or len(words) == 3 or
                                words[-4].endswith((".", "!", "?", ":", ";"))):
        return True  # (p-multi12b) "en la feria de Zaragoza ", "Ieri a Rimini ": a city
    return fold(prev) in _EVENT_WORDS or fold(prev) in _FAIR_WORDS or (
        prev[:1].isupper() and not prev.endswith((",", ".", ":")) and
        bool(_AT_EVENT_CAPS.search(" ".join(words[:-1]) + " ")))


# "At Payments Week ", "at the Fintech Forum ": a meeting preposition, then capitalised words
_AT_EVENT_CAPS = rx.compile(r"(?i:at|from|during)[ \t]+(?:(?i:the)[ \t]+)?"
                            r"(?:[A-ZÀ-Ý][\w'’&-]*[ \t]+){1,4}$")


def _event_or_city(word: str) -> bool:
    """The first word of "SIAL Paris Claire Dubois": an acronym or a city, not a name."""
    return word not in _GIVEN_ABBR and ((len(word) >= 2 and word.isupper()) or _is_place(word))


def _lower_name_after_place(text: str, start: int, words: list[str]) -> bool:
    """"vista oggi alla fiera Marmomac di Verona silvia dalla torre, direttrice …": typed in
    lower case, two or three words right after a capitalised place (where they met) may be the
    name, when a title follows (checked by the caller)."""
    if len(words) > 3 or any(w[0].isupper() for w in words):
        return False
    before = text[max(0, start - 30):start].split()
    return bool(before) and before[-1][:1].isupper() and _is_place(before[-1].strip(",."))


def _met_then_titled(text: str, start: int, cand: str, after: str) -> bool:
    """"Rencontré hier au salon SIAL Paris Claire Dubois, directrice achats chez …": a
    capitalised name with its title right after it, in a sentence that says they met."""
    if not after.lstrip(" \t").startswith(","):
        return False  # (cheap first: most names have no comma right after them)
    words = cand.split()
    if not 2 <= len(words) <= 4 or not (all(w[0].isupper() for w in words if not _is_particle(w))
                                        or _lower_name_after_place(text, start, words)):
        return False
    m = _TITLED_AFTER.match(after)
    if not m or not TITLE_WORDS.match(m.group("ti")) or COMPANY_SUFFIX.search(cand) or \
            TITLE_WORDS.search(cand) or _is_place(cand):
        return False
    if _PLACE_PREP_BEFORE.search(text, max(0, start - 8), start):
        return False  # (p-people7) "met Ana Ruiz at MWC Barcelona, Head of Sales": the event
    sentence = re.split(r"[.!?\n]\s", text[max(0, start - 120):start])[-1]
    return bool(_MET_EARLIER.search(sentence))


# (the bare prepositions of a town's name: "in Zwolle", "op Texel", "te Breda"; not Catalan
# "en", which is the article of a name: "en Jordi Vidal i Ferrer")
_BARE_PLACE_PREP = rx.compile(r"(?:^|\s)(?i:in|im|op|te|w|we|aus)\s+$")
# (where they met, before a capitalised event: "at MWC Barcelona", "au SIAL"; not Catalan
# "en" and "na", the articles of a name)
_PLACE_PREP_BEFORE = rx.compile(r"(?:^|\s)(?:at|@|in|au|aux|à|bei|beim|auf|op|im|am|al|"
                                r"alla|nel|nella|no|w|we)\s+$", re.IGNORECASE)
_A_BEFORE = rx.compile(r"\s(?:a|al|à|o|ao)\s+$", re.IGNORECASE)  # (cheap test first)
# the preposition before a city's name ("in Graz", "aus Köln", "à Lyon", "a Bari", "w Gdańsku")
_CITY_PREP = rx.compile(r"\b(?:in|im|aus|nach|en|à|a|au|di|da|at|from|near|w|we|na|em|i|"
                        r"på|te|op)\s+$", re.IGNORECASE)


# the articles that set a role in apposition before a name ("le DG, Paul Martin,")
_ARTICLES_BEFORE_ROLE = frozenset({"the", "le", "la", "el", "il", "der", "die", "o", "a"})


# the articles a meeting verb may put before a name ("conheci o João", "conocí a la Ana")
_ARTICLES_BEFORE_NAME = frozenset({"o", "a", "la", "el", "il", "lo", "le", "en", "den", "die",
                                   "der"})


# multi (p-multi9): in a running paragraph about several people, a name the wording ties to a
# role is one of them: "Their associate Kit Osei was …", "her postdoc Jonas Roth", ", owner Ben
# Hart.", "the founder of Kelp, Ada Ross", "a dev named oscar", "und ihr Techniker Jan" (a role
# word, perhaps after his/her/their and perhaps "of Firm,", right before the name), and "and
# Ivo, their CFO - …" (one given name, then a comma and a role said of them)
_JOIN = (rf"(?:(?:^|\n)[ \t]*(?:{_MARK}[ \t]+)?|[.!?;:]\s+|,\s*|\(\s*|\s[-–—]\s+|"
         r"\s(?i:and|und|et|y|e|i|with|mit|avec|con|amb|plus|then|dann|puis|luego|poi|also|auch|aussi|también|anche)\s+|\s\+\s+)")
_DATIVES = frozenset({"ihrer", "ihrem", "seiner", "seinem"})
_ARTICLES_BEFORE_NAME_ROLE = ("the", "a", "an", "der", "die", "den", "le", "la", "el", "il", "lo",
                              "un", "une", "una", "uno")
# (the German datives are left out: after "mit seiner Projektleiterin" the next word may be
# her title's scope, "Offshore", rather than her name)
_OWNER_OF = (r"(?i:" + words_pattern((*(w for w in POSSESSIVES_BEFORE if w not in _DATIVES),
                                      *POSSESSIVES_OURS, *_ARTICLES_BEFORE_NAME_ROLE)) + r")\s+")
# (on the name's own line; the first word may be a capitalised German noun: "ihr Kollege")
_ROLE_WORDS = r"(?P<role>[^\W\d_][\w/&-]*(?:[ \t]+(?-i:[a-zà-ÿ])[\w/&-]*){0,2})"
_NAMED = (r"\s+(?i:named|called|namens|llamad[oa]|appelée?|chiamat[oa]|de nom)")
_ROLE_THEN_NAME = rx.compile(
    rf"{_JOIN}(?P<own>{_OWNER_OF})?{_ROLE_WORDS}"
    r"(?:\s+(?i:of|at|from|von|bei|de|di|chez|du|del|della)\s+(?-i:[A-ZÀ-Ý])[\w&'’.-]*"
    # (p-people10: or a comma after the role: "avec le DG, Paul Martin, …")
    rf"(?:\s+(?-i:[A-ZÀ-Ý])[\w&'’.-]*){{0,3}}\s*,|(?P<named>{_NAMED})|(?P<appo>(?<=\w),))?[ \t]+$")
_NAME_THEN_ROLE = rx.compile(
    rf"[ \t]*,[ \t]*{_OWNER_OF}(?P<role>[^\W\d_][^,.;:()\n]{{1,40}}?)[ \t]*"
    r"(?:[,.;:()\n–—]|\s-\s|$)")
_JOIN_END = rx.compile(rf"{_JOIN}$")
_NAMED_END = rx.compile(rf"{_NAMED}\s+$")
# (a role never ends with the preposition of its firm: "owner of Fuller Sprayers")
_ROLE_LAST = frozenset({"of", "at", "from", "von", "bei", "de", "di", "chez", "du", "del",
                        "della", "for", "für", "in", "with", "mit", "and", "und", "the", "der",
                        "die", "la", "le", "el", "il", "en", "à", "a", "da", "des", "y", "et",
                        "bij", "van", "voor", "op", "beim", "presso", "para", "pour", "per",
                        "al", "au", "aux", "dei", "do", "dos", "das", "na", "no", "em", "z",
                        "w", "hos", "på", "och", "og", "i", "e", "to", "zu", "zur", "zum"})
# the first word of a title's scope, never of a name ("Head of Sales, North America")
_SCOPE_FIRST = frozenset({"north", "south", "east", "west", "central", "northern", "southern",
                          "eastern", "western", "nord", "sud", "süd", "ost", "est", "ouest",
                          "norte", "sur", "oeste", "este", "centro", "mitte", "zentral",
                          "global", "region", "región", "région", "regione", "zona", "zone",
                          "area", "área", "gebiet", "bereich", "international"})
# (a phrase's first word stands for it: "il suo", "o seu", "el seu")
_POSSESSIVES = frozenset(fold(w.split()[0]) for w in (*POSSESSIVES_BEFORE, *POSSESSIVES_OURS))


# (the lower-case words right before a name, one of them a role, a possessive or "named")
_ROLE_TAIL = rx.compile(r"(?:^|[^\w&'’.-])(?:(?-i:[a-zà-ÿ])[\w/&-]*[ \t]+){1,3}$|,[ \t]*$")


def _named_by_role(cand: str, before: str, after: str) -> bool:
    """A name tied to a role in a running paragraph (see _ROLE_THEN_NAME)."""
    if not after.lstrip(" \t").startswith(",") and not _ROLE_TAIL.search(before):
        return False  # (cheap first: most names have no role word right before them)
    words = cand.split()
    if COMPANY_SUFFIX.search(cand) or TITLE_WORDS.search(cand) or _HELPER_BEFORE.search(before) \
            or any(fold(w) in FIRM_WORDS for w in words) or len(cand) < 3 or cand.isupper():
        return False
    if fold(words[0]) in _SCOPE_FIRST or any(w.isupper() and len(w) > 1 for w in words):
        return False  # "direttore commerciale Nord Europa di …": the title's scope
    m = _ROLE_THEN_NAME.search(before)
    if m and m.group("appo") and not (
            m.group("own") and fold(m.group("own").strip()) in _ARTICLES_BEFORE_ROLE and
            after.lstrip(" \t").startswith(",") and TITLE_WORDS.fullmatch(m.group("role"))):
        m = None  # (p-people10) only "le DG, Paul Martin," / "the CFO, Ana Ruiz," as such
    if m and not m.group("own") and not m.group("named") and \
            m.group("role").lower() in _ROLE_LAST:
        m = None  # (p-multi10) "…), and Olly, their CFO": the joining word is no role
    if m and (m.group("role")[0].islower() or m.group("own")):
        if _NAMED_END.search(before) and len(words) <= 2:
            return True  # "a dev named oscar": the wording names them, whatever the case
        if not cand[0].isupper() or _is_place(cand) or _is_place(words[0]):
            return False  # ("responsabile acquisti Italia Nord-Est": the title's scope)
        own = m.group("own")
        if m.group("role").split()[-1].lower() in _ROLE_LAST:
            return False
        if len(words) == 1 and _PEER.search(m.group("role")) and \
                not _REACH.search(after.split("\n")[0]):
            return False  # "Her co-founder Nils came by too": a peer named in passing (a
            # colleague with a number on the line is one: "- ihr Kollege Jan, 0664 …")
        if TITLE_WORDS.search(m.group("role")) and (len(words) >= 2 or own):
            return True
        # "her ops guy Kojo": his/her/their and any role word before one given name
        return bool(len(words) == 1 and own and fold(own.split()[0]) in _POSSESSIVES)
    m = _NAME_THEN_ROLE.match(after)
    return bool(m and len(words) == 1 and cand[0].isupper() and not _is_place(cand) and
                _JOIN_END.search(before) and TITLE_WORDS.search(m.group("role")))


_LOWER_RELATION_BEFORE = rx.compile(
    r"(?:^|\s)(?:" + "|".join(sorted(multilang.POSSESSIVES)) + r")\s+[^\W\d_]+[ \t]+$")


# (p-multi11b) a heading that counts the people of the list after its colon: "drei Leute
# der X:", "tre di Y:", "three from Z:", "deux personnes de chez W :"
_COUNTED_HEADING = rx.compile(r"\b(?:[2-9]|two|three|four|zwei|drei|vier|deux|trois|quatre|"
                              r"dos|tres|cuatro|due|tre|quattro|dois|duas|três|twee|drie|dues|"
                              r"quatres?)\b[^:.!?\n]{0,80}:[^:.!?\n]*$", re.IGNORECASE)


def _counted_list_item(text: str, start: int) -> bool:
    """The name is an item of a list its heading counts: everyone of it was met, an
    assistant too ("drei Leute getroffen: GF Uwe Roth, seine Assistentin Eva Kern, …")."""
    return _COUNTED_HEADING.search(text, max(0, start - 300), start) is not None


def _role_in_prose(text: str, start: int, cand: str) -> bool:
    """(p-multi10b) a name the prose ties to a role or relation right before it, in the
    languages of multilang ("le DG, Paul Martin", "la directora de compras de X, Marta Gil",
    "sua figlia Chiara", "inkoper Pieter van Dam")."""
    words = cand.split()
    reach = len(words) == 1 and _REACH_RIGHT_AFTER.match(text, start + len(cand)) is not None
    # (one given name typed in lower case: with a way to reach them, or closing its item right
    # after a possessive and a role, "la sua assistente chiara e il …")
    closed = len(words) == 1 and cand.islower() and \
        _LOWER_ITEM_END.match(text, start + len(cand)) is not None and \
        _LOWER_RELATION_BEFORE.search(text, max(0, start - 60), start) is not None
    if (not cand[0].isupper() and not (cand.islower() and (len(words) >= 2 or reach or
                                                           closed))) or \
            len(words) > 4 or (cand.islower() and multilang.opens_no_name(words[0])):
        return False
    before = text[max(0, start - 200):start]
    # (p-multi11b: one given name with a way to reach them right after is named by any role
    # an article opens: "el enólogo tomás, 655 …", "un technicien, Hugo, 06 …")
    if _prose_role(before, len(words) == 1 and not reach) is None:
        return False  # (cheap first: most names have no role right before them)
    if COMPANY_SUFFIX.search(cand) or TITLE_WORDS.search(cand) or \
            any(fold(w) in FIRM_WORDS for w in words) or _is_place(cand) or \
            any(w.isupper() and len(w) > 1 for w in words):
        return False
    if _HELPER_BEFORE.search(before) and not _counted_list_item(text, start):
        return False  # "ihre Assistentin Jana Roth": someone to go through, not a contact
    if cand.islower() and not _lower_name_by_role(text, start, cand, before, reach):
        return False
    # "su contador, Jorge, no le pedí datos": one given name, no way to reach them in the
    # sentence, is someone named in passing
    return len(words) > 1 or bool(_REACH.search(
        re.split(r"[.!?;\n]\s", text[start:start + 160])[0]))


# (p-multi11b) a way to reach someone right after a given name: "el enólogo tomás, 655 123
# 456", "la sua vice elena (elena@…)" (blanked), "ein herr dr. yilmaz, tel 0711 …", "een
# monteur, Ruud, alleen zijn nummer: 06 …"
_REACH_RIGHT_AFTER = rx.compile(
    r"[ \t]*[,(]?[ \t]*(?:(?-i:[a-zà-ÿ]+)[ \t]+){0,3}?(?:(?-i:[a-zà-ÿ]+)\.?[ \t]*:[ \t]*)?"
    r"(?:\+?\(?\d[\d ()./-]{5,}\d|[\w.+-]+@|(?<=\()[ \t]{6,}\))")
# what may follow a lower-case name that an article and a role open: the end of the item
_LOWER_ITEM_END = rx.compile(r"[ \t]*(?:[,(;.]|$|\n|[ \t](?:y|e|i|und|et|en|and|ed)[ \t])")


def _lower_name_by_role(text: str, start: int, cand: str, before: str, reach: bool) -> bool:
    """A lower-case name is one only in a stretch typed in lower case (an acronym such as
    "l'AD" aside), right after a possessive and a role ("ihr mitgründer felix hagen", "son
    associé paul roy"), or after an article and a role when the item ends there or a way to
    reach them follows ("el gerente javier lara, …", "il commerciale per la francia, pierre,
    cell …")."""
    clause = re.split(r"[.:;!?\n]", before)[-1]
    if any(w[:1].isupper() and not re.split(r"['’]", w)[-1].strip(",").isupper()
           for w in clause.split()):
        return False
    if reach:
        return True
    if _LOWER_RELATION_BEFORE.search(before):
        return True
    return len(cand.split()) >= 2 and _LOWER_ITEM_END.match(text, start + len(cand)) is not None


def _introducer(cand: str, after: str, before: str = "") -> bool:
    """(p-multi10b) "Marco Ricci (Ricci Meccanica) mi ha presentato …": who introduced us
    (p-multi12b: or the verb first, "hat mich Jan Roth mit … bekannt gemacht")."""
    words = cand.split()
    return cand[0].isupper() and 2 <= len(words) <= 4 and (
        multilang.introduces(after) or multilang.introduces_inverted(before, after)) and \
        not (COMPANY_SUFFIX.search(cand) or TITLE_WORDS.search(cand) or _is_place(cand) or
             any(fold(w) in FIRM_WORDS for w in words))


# (p-multi10b) "zwei Gründer von Alpenbit, Nina Steiner und Matthias Kofler", "los socios,
# Ana Gil y Pau Roca": the second of a pair joined by "and" shares the role before the first
_PAIR_BEFORE = rx.compile(r"(?:(?-i:[A-ZÀ-Ý])[\w'’-]+[ \t]+){1,3}(?:und|et|y|e|en|i|ed)[ \t]+$")


def _prose_role(before: str, one_word: bool) -> multilang.RoleBefore | None:
    found = multilang.role_before(before[-110:], one_word)
    if found is None and not one_word:
        pair = _PAIR_BEFORE.search(before, max(0, len(before) - 60))
        if pair:
            found = multilang.role_before(before[:pair.start()][-110:], False)
    return found


_OF_FIRM_BEFORE = rx.compile(r"\b(?i:of|from|at|di|de|da|von|vom|bei|chez|van|del|della|do)"
                             r"[ \t]+$")


# (p-multi12) "& his cofounder siti, +65 …", "and his cofounder ishita rao", "her boss anna at
# the …": a possessive and a relation, then one or two words typed in lower case up to a
# comma, bracket, joining word or a way to reach them: that person, in any of the languages
_RELATION_THEN_LOWER = rx.compile(
    rf"(?:^|[\s,;:(&])(?:{words_pattern(POSSESSIVES_BEFORE)})[ \t]+"
    rf"(?:new[ \t]+|junior[ \t]+|senior[ \t]+)?(?P<rel>{words_pattern(RELATION_NOUNS)})"
    r"[ \t]*,?[ \t]+$",
    re.IGNORECASE)
_LOWER_NAME_END = rx.compile(
    r"[ \t]*(?:[,;.()&:!?\n]|[—–]|-[ \t]|$)|[ \t]{2,}|[ \t]+\+?\(?\d|"
    r"[ \t]+(?:and|und|et|y|e|i|en|from|of|at|@|who|de|di|da|von|chez|bei|van|is|was)\b")


def _lower_relation_name(cand: str, before: str, after: str) -> bool:
    words = cand.split()
    return cand.islower() and 1 <= len(words) <= 2 and all(
        len(w) >= 2 and w.isalpha() and TITLE_WORDS.fullmatch(w) is None and
        fold(w) not in RELATION_NOUNS for w in words) and \
        _LOWER_NAME_END.match(after) is not None and _lower_relation(before)


def _lower_relation(before: str) -> bool:
    # (the relation typed in lower case too: "mit ihrem Chef bekannt gemacht" is German's
    # capitalised noun and its verb, no name)
    m = _RELATION_THEN_LOWER.search(before)
    return m is not None and m.group("rel").islower()


# (p-multi12) "grabbed coffee with priya and tom from Larchfield", "met ben from Copperleaf",
# "drinks w/ chidi & ngozi (Palmcrest)": after a meeting verb or "with", a given name typed in
# lower case is a person when a second one is joined to it or their firm or bracket follows
_LOWER_GIVEN = r"[a-zà-ÿ][a-zà-ÿ'’-]{2,}"
_LOWER_PAIR_AFTER = rx.compile(
    rf"[ \t]+(?:and|&|und|et|y|e|i|en)[ \t]+(?P<second>{_LOWER_GIVEN})"
    r"(?=[ \t]*(?:[,(;.]|[—–]|-[ \t]|$|\n)|[ \t]+(?:from|of|at|@|frm|von|de|di|da|both)\b)")
_LOWER_FIRM_AFTER = rx.compile(r"[ \t]*\(|[ \t]+(?:from|of|at|@|frm|von|de|di|da)[ \t]+"
                               r"(?:the[ \t]+)?[A-ZÀ-Ý0-9]")
_PAIR_FIRST_BEFORE = rx.compile(
    rf"(?P<first>{_LOWER_GIVEN})[ \t]+(?:and|&|und|et|y|e|i|en)[ \t]+$")
# words that may stand where a given name does after "met"/"with" and are no one's name
# (with the words freetext's given-name items already refuse, _NOT_GIVEN)
_NOT_A_GIVEN_NAME = _NOT_GIVEN | frozenset({
    "everyone", "everybody", "someone", "somebody", "anyone", "friends", "guys", "mom", "dad",
    "mum", "wife", "husband", "kids", "family", "others", "investors", "founders", "clients",
    "customers", "partners", "recruiters", "colleagues", "sales", "marketing", "engineering",
    "product", "design", "finance", "legal", "ops", "support", "management", "leadership",
    "team", "equipa", "equipo", "équipe", "equip", "squadra", "staff", "crew", "gang", "owner",
    "owners", "boss", "bosses", "people", "folks", "gente", "leute",
    # people counted, not named ("ho conosciuto due di Vesuvio srl", "met two from X")
    "two", "three", "four", "five", "both", "zwei", "drei", "vier", "beide", "deux", "trois",
    "quatre", "dos", "tres", "cuatro", "ambos", "ambas", "due", "tre", "quattro", "entrambi",
    "twee", "drie", "dois", "duas", "três", "quatro", "dues"})


def _lower_given_met(cand: str, before: str, after: str) -> bool:
    if not cand.islower() or " " in cand or len(cand) < 3 or not cand.isalpha() or \
            cand in _NOT_A_GIVEN_NAME or TITLE_WORDS.fullmatch(cand):
        return False
    pair = _PAIR_FIRST_BEFORE.search(before)
    if pair:  # the second of the pair: the first after a meeting verb, this one at its end
        head = before[:pair.start()]
        return (bool(_MEET_BEFORE.search(head)) or bool(_WITH_BEFORE.search(head))) and \
            pair.group("first") not in _NOT_A_GIVEN_NAME and \
            _LOWER_NAME_END.match(after) is not None
    if not (_MEET_BEFORE.search(before) or _WITH_BEFORE.search(before)):
        return False
    m = _LOWER_PAIR_AFTER.match(after)
    if m:
        second = m.group("second")
        return second not in _NOT_A_GIVEN_NAME and not TITLE_WORDS.fullmatch(second)
    return _LOWER_FIRM_AFTER.match(after) is not None


# (p-multi12) "pune mixer: anand joshi (growthcraft) 98220 …", "priya nandakumar their CTO,
# 650 …": a name typed in lower case after a colon with its bracket, or opening a line with a
# possessive and a title after it, and a way to reach them on the line: a person of the list
_LOWER_BRACKET_DETAIL = rx.compile(r"[ \t]*\([^()\n@]{1,40}\)[ \t]*,?[ \t]*"
                                   r"(?:\+?\(?\d|[ \t]{3,}|$|\n)")
_LOWER_THEIR_TITLE = rx.compile(rf"[ \t]+(?:their|his|her|our)[ \t]+(?:{TITLE_WORDS.pattern})",
                                re.IGNORECASE)
_REACH_ON_LINE = rx.compile(r"[^\n]*?(?:\d[\d ()./-]{6,}\d|[ \t]{3,}\S*$|\S@\S)")


def _lower_list_name(cand: str, before: str, prefix: str, after: str) -> bool:
    words = [w for w in cand.split() if not _is_particle(w)]
    if not cand.islower() or not 2 <= len(words) <= 3 or not all(
            w.replace("-", "").isalpha() and w not in _NOT_A_GIVEN_NAME and
            TITLE_WORDS.fullmatch(w) is None for w in words):
        return False
    if before.rstrip(" \t").endswith(":") and _LOWER_BRACKET_DETAIL.match(after):
        return True
    return _item_prefix(prefix) and _LOWER_THEIR_TITLE.match(after) is not None and \
        _REACH_ON_LINE.match(after) is not None


# "Tiffinbox's founders", "Acme's CFO", "Lena's colleague": a possessive, then a word for
# the people named next
_POSSESSOR_OF_PEOPLE = rx.compile(
    rf"['’]s[ \t]+(?:(?:{words_pattern(RELATION_NOUNS)})s?|founders|co-?founders|team|people|"
    rf"(?:{TITLE_WORDS.pattern})s?)\b", re.IGNORECASE)


def _met_in_prose(text: str, s: int, cand: str, after: str) -> bool:
    """A name that a paragraph's wording makes someone met: joining, arriving, introducing,
    a relation of another person ("her boss Colin Ward", "Grace Kim introduced me to …")."""
    before = text[max(0, s - 40):s]
    return prose.named_in_prose(
        cand, "" if _event_city_before(before) else text[max(0, s - 120):s], after) or \
        _introducer(cand, after, before)


def _inside_a_run(before: str) -> bool:
    """`before` ends inside a capitalised run that opened before the name ("Roberto Galli
    di Frantoio Colle Alto", "el Foro de Inversión Ángel …"): the name is its tail, or the
    run's link word ("di", "from") makes it a firm; an event and its city end the run."""
    if _OF_FIRM_BEFORE.search(before):
        return True
    words = before.split()
    if len(words) < 2 or not _CAPITAL_BEFORE.search(before) or _event_city_before(before):
        return False
    return not words[-2].endswith((".", "!", "?", ":", ";", ","))


def _strong_names(text: str, met: set[int] | None = None) -> list[tuple[int, str]]:
    """Names the wording marks as the people the note is about (`met` collects where the
    ones a paragraph's wording makes someone met start)."""
    out: list[tuple[int, str]] = []
    for s, e in _name_spans(text, max_words=4):
        if not _span_ok(text, (s, e)):
            continue
        cand = text[s:e]
        before = text[max(0, s - 40):s]
        after = text[e:e + 100]
        line_start = text.rfind("\n", 0, s) + 1
        words = cand.split()
        if len(words) >= 3 and (_AT_EVENT_BEFORE.search(before) or _event_or_city(words[0]) or
                                _event_word_before(before) or _after_event_name(before)):
            continue  # "auf der Gamescom Jonas Hoffmann", "SIAL Paris Claire Dubois"
        if len(words) >= 2 and _city_of_event(before, words[0]):
            continue  # (p-people9) "Messe Holzbau Köln Eva Roth": the event's city, no name
        if _FIRM_NOUN_BEFORE.search(before):
            continue  # (p-lang12) "von der Firma Rheinwerk Medien gesprochen": the firm's name
        if len(words) == 1 and fold(cand) in HONORIFICS and \
                re.match(r"\.[ \t]+(?-i:[A-ZÀ-Ý])", text[e:e + 3]):
            continue  # (p-lang12) "com o Eng. Paulo Sardinha": the form of address, no name
        if "(" in text[e:e + 3] and _FIRM_COUNTED.fullmatch(
                text[line_start:(text.find("\n", e) + 1 or len(text) + 1) - 1]):
            continue  # (p-multi11b) "Domaine Viret (les deux) :": the group's firm, no one
        if len(words) >= 2 and cand.islower() and words[0] in _ARTICLES_BEFORE_NAME and \
                _MEET_BEFORE.search(before + words[0] + " "):
            continue  # (p-people8) "conheci o joao pedro almeida": the article, then the name
        if sum(not _is_particle(w) for w in words) >= 3 and _BARE_PLACE_PREP.search(before):
            continue  # (p-people7) "in Zwolle Femke de Vries leren kennen": a town first
        if s == line_start and _opens_street_line(words[0], text, e):
            continue  # (p-lang11) "Chaussée de Waterloo 715, …", "Carretera de Vic, km 12"
        if _POSSESSOR_OF_PEOPLE.match(after):
            continue  # (p-multi12) "Met Tiffinbox's founders Kavya … and Arjun …": whose
            # people they are, not someone met
        if _SOMEONE_NAMED.search(before) and len(words) <= 3 and not TITLE_WORDS.search(cand) \
                and fold(words[0]) not in _NOTE_OPENERS:
            out.append((s, cand))  # (p-people9) "un tal Raúl", "a dev named Oscar"
            continue
        # the wording that makes someone met, asked once: it both finds the name and marks it
        in_prose = _met_in_prose(text, s, cand, after)
        lower_met = _lower_relation_name(cand, before, after) or \
            _lower_given_met(cand, before, after)
        if _is_strong(cand, before, text[line_start:s], after) or _given_name_in_list(
                text, line_start, s, cand) or _met_then_titled(
                text, s, cand, after) or (
                cand[0].isupper() and len(cand.split()) >= 2 and
                _met_with_a_before(text, s) and
                not (COMPANY_SUFFIX.search(cand) or TITLE_WORDS.search(cand))) or \
                _named_by_role(cand, before, after) or in_prose or lower_met or \
                _lower_list_name(cand, before, text[line_start:s], after) or \
                _role_in_prose(text, s, cand):
            out.append(_without_lead_role(s, _cut_lower_at_title(cand)))
            if met is not None and ((in_prose and not _inside_a_run(before)) or lower_met):
                met.add(out[-1][0])
    # keep the longest name at each start, and no name inside another
    out.sort(key=lambda x: (x[0], -len(x[1])))
    kept: list[tuple[int, str]] = []
    for s, cand in out:
        if kept and s < kept[-1][0] + len(kept[-1][1]):
            continue
        if kept and _firm_after_name(text, kept[-1], s):
            continue
        kept.append((s, cand))
    return kept


# the rest of a street's line: its name's other words, then a house number or a kilometre
_STREET_REST = rx.compile(
    r"[^\n\d@]{0,40}?(?:\d{1,5}[a-zA-Z]?|km\.?\s*\d{1,3})(?:[ \t]*[,/]|[ \t]*$)", re.MULTILINE)


def _opens_street_line(word: str, text: str, end: int) -> bool:
    """p-lang11: a line that opens with a street's word ("Chaussée", "Carretera", "Viale")
    and goes on to its house number is an address, not a name (a card in French, Spanish,
    Catalan, Italian, German)."""
    return bool(STREET.search(word)) and _STREET_REST.match(text, end) is not None


_BARE_GAP = rx.compile(r"[ \t]*(?:,|\s[-–—|]|[-–—|])[ \t]*")


def _firm_after_name(text: str, prev: tuple[int, str], start: int) -> bool:
    """"Brian Otieno, Kilimo Data, 0733 …", "- Karthik Rao – Razorleaf – 98450 …": right
    after a name that opens its line, a second capitalised run with nothing but a comma or
    a dash between is that person's firm, not another person (people in a list are joined
    by "and" or carry their own details)."""
    p_start, p_name = prev
    line_start = text.rfind("\n", 0, p_start) + 1
    if not _ITEM_PREFIX.fullmatch(text, line_start, p_start):
        return False
    if not _BARE_GAP.fullmatch(text, p_start + len(p_name), start):
        return False
    line_end = text.find("\n", start)
    after = text[start:line_end if line_end >= 0 else len(text)]
    rest = re.split(r"[,;–—|]|\s-\s", after, maxsplit=1)
    # a way to reach them comes next ("Anna Berg, Carl Dahl, Eva Lind" are three people)
    return len(rest) > 1 and bool(_CONTACT_NEXT.match(rest[1]))


_CONTACT_NEXT = rx.compile(r"\s*(?:\+?\(?\d[\d ().-]{5,}\d|\S+@\S+|[ \t]{6,})")


# ----------------------------------------------------------------------------- companies

_CO = r"(?P<co>[^\s,.;:()\[\]!?][^,.;:()\[\]\n!?]*?)"
# a clause boundary, a dash, a phone number or a word that starts a new phrase
# (p-multi11b: and the verb of an introduction after the firm: "X von Y vorgestellt", "A de
# chez B m'a présenté …", "C di D mi ha presentato …")
_CO_END = r"(?=\s*(?:[,.;:()\[\]\n!?]|$|\s[-–—@]\s|\s\+?\(?\d[\d ().-]{6,}\d|" \
          r"\s+(?:and|und|et|y|who|which|where|in|on|at|" \
          r"for|since|last|this|yesterday|today|is|was|based|about|with|" \
          r"ayer|hoy|gestern|heute|ieri|oggi|ontem|hoje|hier|" \
          r"now|tonight|tomorrow|jetzt|ahora|maintenant|agora|" \
          r"kennengelernt|getroffen|gesprochen|gesehen|conosciut[oa]|incontrat[oa]|" \
          r"vorgestellt|présentée?|presentat[oa]|present[óo]|apresentou|voorgesteld|" \
          r"m['’]a|mi\s+ha|ci\s+ha|me\s+present[óo]|nos\s+present[óo]|em\s+va|nous\s+a)\b))"
_TITLE = r"(?P<ti>[^,.;:()\n]{2,50}?)"
# the words that open the employer after a title, lexicon's ("at", "bei", "chez", "für" ...)
_AFTER_TITLE = preps_pattern(EMPLOYER_AFTER_TITLE, EMPLOYER_FOR)


_AT = r"(?:at|@|chez|bei|with|from)"
# an emoji, a "(...)" aside, or a blanked-out address (", jane@x.example,") after the name
_PAREN = r"(?:\s*[^\w\s(),;:.\-–—]{1,8})?(?:\s*\([^()\n]{0,80}\))?(?:\s*,\s{6,}(?=,))?"
_I = re.IGNORECASE
# titles that head a firm: after them "of X" names the employer ("MD of Jozi Freight"), where
# after "Head of" it names a department
_HEADS_FIRM = (r"founder|co-?founder|ceo|cto|cfo|coo|cmo|cio|cpo|cso|cro|cdo|president|owner|"
               r"proprietor|chair|chairman|chairwoman|chairperson|partner|managing partner|"
               r"managing director|md|gm|general manager|principal|director general")
# What may follow a person's name to give their title and company. Compiled once: the name
# itself is found separately and each pattern is tried right after it (see _roles_after),
# because compiling a dozen patterns per new name was most of the parser's time.
_POSSESSOR = r"(?!(?:Met|With|And|Saw|Lunch|Coffee|Dinner|Drinks|Intro|Call|Ping|The)\b)" \
    r"(?P<co>[A-ZÀ-Ý][\w&.-]*(?:\s+(?:&\s+)?[A-ZÀ-Ý][\w&.-]*){0,3})(?:['’]s|(?<=s)['’])"
# "Acme's CFO Jane Roe": the possessor is the employer (tried on the text before the name)
_POSSESSIVE_BEFORE = rx.compile(rf"(?<![\w'’]){_POSSESSOR}\s+(?P<ti>[^,.;:()\n'’]{{2,40}}?)\s+$")
# "CEO of a small robotics startup", "engineer at a bank in Leeds": an employer described, not
# named, after the role; the role is the title
_DESCRIBED_EMPLOYER = rx.compile(
    r"\s+(?:at|with|for|bei|chez|en|in|of|de|di|von|bij|hos|på|na|em)\s+"
    r"(?:a|an|some|one|ein|eine|einem|einer|un|une|una|uno|um|uma|een|en|ett)\s+(?-i:[a-zà-ÿ])",
    re.IGNORECASE)


_POSSESSIVE_ROLE = rx.compile(rf"{_POSSESSOR}\s+(?P<ti>[^,.;:()\n'’]{{2,40}}?)\s*")
# people (p-people4): a German relative clause, verb last ("…, die bei Elbkai Systems als
# Teamleiterin Einkauf arbeitet", "…, der bei der Rheinfracht AG Leiter Controlling ist"):
# the firm after "bei", the title after "als" or else from its first title word
# (or "der als Einkaufsleiter bei Brandt arbeitet", "die seit Mai bei X als Y arbeitet")
_DE_WHO = r"\s*,\s*(?:die|der)\s+(?:(?:seit|schon|jetzt|inzwischen|derzeit|aktuell)\s+" \
    r"(?:[\wäöü]+\s+)?)?"
_DE_AT = r"(?:bei|beim|für)\s+(?:der\s+|dem\s+|den\s+)?"
_DE_RELATIVE = _DE_WHO + _DE_AT
_DE_ROLE_END = r"(?=[ \t]*(?:[,.;:!?\n]|$))"
_AFTER_NAME: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (rx.compile(pattern, flags), flags) for pattern, flags in (
        (rf"{_PAREN}{_DE_WHO}(?:als\s+)?(?P<ti>(?i:{TITLE_WORDS.pattern})[^,.;:()\n]{{0,40}}?)"
         rf"\s+{_DE_AT}(?P<co>[A-ZÀ-Ý][^,.;:()\n]{{0,60}}?)\s+(?:arbeitet|tätig\s+ist|ist|war|"
         rf"beschäftigt\s+ist|angestellt\s+ist|arbeitete){_DE_ROLE_END}", 0),
        (rf"{_PAREN}{_DE_RELATIVE}(?P<co>[A-ZÀ-Ý][^,.;:()\n]{{0,60}}?)\s+als\s+"
         r"(?P<ti>[^,.;:()\n]{2,50}?)\s+(?:arbeitet|tätig\s+ist|beschäftigt\s+ist|"
         rf"angestellt\s+ist|arbeitete){_DE_ROLE_END}", 0),
        (rf"{_PAREN}{_DE_RELATIVE}(?P<co>[A-ZÀ-Ý][^,.;:()\n]{{0,60}}?)\s+"
         rf"(?P<ti>(?i:{TITLE_WORDS.pattern})[^,.;:()\n]{{0,40}}?)\s+(?:ist|war){_DE_ROLE_END}",
         0),
        # "Jane Roe, Acme's CFO"
        (rf"{_PAREN}\s*[,–—-]\s*{_POSSESSOR}\s+(?P<ti>[^,.;:()\n]{{2,40}}?)"
         r"\s*(?=[.,;(\n]|$)", 0),
        (rf"{_PAREN}\s*[,–—-]\s*(?:the\s+|a\s+|an\s+)?{_TITLE}\s+{_AT}\s+{_CO}{_CO_END}", _I),
        # "of" only after a title that heads a company ("CEO of X", not "Head of Sales")
        (rf"{_PAREN}\s*[,–—-]\s*(?:the\s+|a\s+|an\s+)?(?P<ti>[^,.;:()\n]{{0,30}}?(?i:"
         rf"{_HEADS_FIRM}))\s+(?i:of)\s+(?P<co>[A-ZÀ-Ý][^,.;:()\[\]\n!?]*?)" + _CO_END, 0),
        # (p-people3: German "an der Uni X", Catalan and French "a l'ICIQ", "à l'Inria")
        (rf"{_PAREN}\s*[,–—-]\s*(?:the\s+|a\s+|an\s+)?{_TITLE}(?:\s+(?:an\s+(?:der|dem)|de|en|"
         r"bei|di|a|am|im|chez|presso|da|beim|der|von|vom|bij|w|na|no|em|do|hos|på|"
         # (p-people7: Italian "al", "alla": "postdoc al San Raffaele", "all'Humanitas")
         r"al|alla|allo|"
         # (p-people8: a title's complement, then "de la"/"della" and the employer:
         # "investigadora en biología marina de la Universidad de X")
         r"de\s+la|de\s+los|de\s+las|del|della|dello|dei|degli|delle)\s+|"
         r"\s+(?:d|dell|all|(?:a|à|de)\s+l)['’])"
         rf"(?P<co>[A-ZÀ-Ý][^,.;:()\[\]\n!?]*?){_CO_END}", 0),
        (rf"{_PAREN},?\s+(?:is|was|works as)\s+(?:the\s+|a\s+|an\s+|their\s+|"
         rf"our\s+)?{_TITLE}\s+(?:at|for|@|with)\s+{_CO}{_CO_END}", _I),
        (rf"{_PAREN},?\s+(?:is|was|works as)\s+(?:the\s+|a\s+|an\s+|their\s+|"
         rf"our\s+)?{_TITLE}\s+(?:of|de|bei)\s+(?P<co>[A-ZÀ-Ý][^,.;:()\[\]\n!?]*?)"
         rf"{_CO_END}", 0),
        (rf"{_PAREN},?\s+(?:is|was)\s+(?:the\s+|a\s+|an\s+|their\s+|our\s+|"
         rf"his\s+|her\s+)?(?P<ti>[^,.;:()\n]{{2,40}}?)\s*(?=[.,;\n]|$)", _I),
        # ("- Head of Product (ana@x.example)": an address, blanked, in the bracket is no role)
        # (p-people9: "- Head of Compliance (no card)": a title word opens no firm there)
        (rf"\s*[-–—]\s*(?!(?i:{TITLE_WORDS.pattern})){_CO}\s*"
         rf"\((?P<ti>[ \t]*[^()\s\d@][^()\n\d@]{{1,39}})\)", 0),
        # people (p-people3): "(Head of Impact, Kōwhai Fund - NZ-based, +64 …)": in brackets a
        # title, a comma and a capitalised firm, ended by the bracket, a comma or a dash
        (r"\s*\(\s*(?P<ti>[^\s,()\n][^,()\n]{1,40}?)\s*,\s*"
         r"(?P<co>[A-ZÀ-Ý][^,()\n@]{1,40}?)(?=\s*(?:\)|,|;|\s[-–—]\s))", 0),
        # ("(directora de ventas, Viajes Sol S.L.)": after "de" only a capitalised firm)
        (rf"\s*\(\s*{_TITLE}\s+(?:(?:{_AFTER_TITLE}|no)\s+|de\s+(?=(?-i:[A-ZÀ-Ý])))"
         rf"{_CO}\s*[,)]", _I),
        (r"\s*\((?P<co>[^()\n@]{2,50})\)", _I),
        # "karen from accounts at Greystone": a lower-case department, then the employer
        (r"\s+(?:from|frm)\s+(?:the\s+)?(?:accounts|accounting|sales|marketing|finance|hr|"
         r"legal|ops|operations|engineering|product|design|procurement|purchasing|support|it|"
         r"growth|partnerships|bd|research|comms|people)(?:\s+team)?\s+(?:at|@)\s+"
         rf"(?!the\b){_CO}{_CO_END}", _I),
        # right after the name only: past a blanked-out address, "at X" is where they met
        # (p-people3: Italian, Portuguese and Catalan "di/da/del" too: "Marco Rossi di Banca
        # Etrusca"; a name's own particle was kept in the name unless a firm's words follow)
        # (p-multi10b: Dutch "van"/"bij", and "von der"/"van de" before the firm's name:
        # "Ole Sievers von der Nordsee Kantinen KG", "Sem Jansen van Koffie Jansen")
        # (p-people12) ... and a title after the firm's comma: "Ewa Nowak from Wisłoport Sp. z
        # o.o., kierownik zakupów", "Yves Le Gall chez Armor SA, directeur d'usine"
        (rf"[ \t]{{1,3}}(?i:{preps_pattern(EMPLOYER_AFTER_NAME)}|(?-i:vo))\s+(?!the\b)"
         r"(?P<co>[A-ZÀ-Ý][^,.;:()\[\]\n!?]{0,60}?)\s*,\s*"
         # (no name and a verb after the title word: "from Acme, CEO Tom Baker was there")
         r"(?![^,.;:()\n]*?[A-ZÀ-Ý][\w'’-]+[ \t]+[A-ZÀ-Ý][\w'’-]+[ \t]+[a-zà-ÿ])"
         rf"(?P<ti>(?i:{TITLE_WORDS.pattern})[^,.;:()\n]{{0,40}}?)\s*(?=[.,;:\n!?]|$)", 0),
        (rf"[ \t]{{1,3}}(?:{preps_pattern(EMPLOYER_AFTER_NAME)}|(?-i:vo))\s+"
         rf"(?:(?-i:der|den|dem|het)\s+(?=(?-i:[A-ZÀ-Ý])))?(?!the\b){_CO}{_CO_END}", _I),
        # after "(jane@...)" only "from": "at X" there is where they met
        (rf"{_PAREN}\s+(?:from|frm|von|vom|chez|bei)\s+(?!the\b){_CO}{_CO_END}", _I),
        # "Elena Soler, su socia, CTO": past the relation, the title
        (rf"{_PAREN}\s*,\s*{_RELATION}[^,.;:()\n]{{1,30}},\s*"
         r"(?P<ti>[^\s,.;:()\n][^,.;:()\n]{1,39}?)\s*(?=[.,;\n]|$)", _I),
        # "- Liam Ross, founder, Tidewater Energy — 0412 …": a title, then its firm
        # (p-people10: or a dash before a firm that a comma or dash ends: "Ana Ruiz, Head of
        # BD, West Coast — Tidalgrid — ana@x.example")
        # (p-people11: pipes as the separators, "Ana Ruiz | Country Manager | Tidalgrid |";
        # a full stop ending the firm, "…, APAC, Lumenfield. +65 …")
        (rf"{_PAREN}\s*[,–—|-]\s*(?P<ti>[^\s,.;:()|\n][^,.;:()|\n]{{1,59}}?)(?:[ \t]*[,|]|"
         r"[ \t]+[–—](?=[ \t]+[A-ZÀ-Ý][^,.;:()\[\]\n!?@—–]{1,40}?[ \t]*(?:[,;]|\s[-–—]\s)))"
         r"[ \t]*(?P<co>[A-ZÀ-Ý](?:(?!\s(?:at|in|on)\s)[^,.;:()\[\]\n!?@|]){1,40}?)"
         r"(?=[ \t]*(?:[,;(\n|]|$|\s[-–—]\s|"
         r"\.(?=\s|$)(?![ \t]*(?:" + LEGAL_FORM.pattern + r"|\S+\u2024))|"
         r"\s\+?\(?\d[\d ().-]{6,}\d))", 0),
        # "Brian Otieno, Kilimo Data, 0733 …": a firm between the name and a way to reach them
        # (p-people11: or a full stop: "Ana Lund, Kilimo Data. 0733 …")
        (rf"{_PAREN}\s*[,–—-]\s*(?P<co>[A-ZÀ-Ý][^,.;:()\[\]\n!?@]{{1,40}}?)[ \t]*"
         r"(?:[,;]|\.(?=[ \t])|\s[-–—|])[ \t]*(?=\+?\(?\d[\d ().-]{6,}\d|[\w.+-]+@|\s{6,})", 0),
        # (p-people11, p-multi11b: or a bracket that says the firm is the one before's,
        # "Rodrigo Paz, gerente de operaciones (misma empresa)", "CFO (selbe Firma)")
        (rf"{_PAREN}\s*[,–—-]\s*(?P<ti>[^\s,.;:()\n][^,.;:()\n]{{1,39}}?)\s*(?=[.,;\n]|$|"
         r"\((?:the\s+|la\s+|die\s+|a\s+|o\s+|il\s+)?(?:misma|mismo|same|gleiche|selbe|"
         r"dieselbe|même|stessa|stesso|mesma|mesmo|zelfde|hetzelfde|mateixa|mateix)\b)", _I),
        # "Tom, CEO of a small robotics startup in Somerville, …": the role before an employer
        # described rather than named (however long the description)
        (rf"{_PAREN}\s*[,–—-]\s*(?P<ti>[^\s,.;:()\n][^,.;:()\n]{{1,30}}?)"
         rf"(?={_DESCRIBED_EMPLOYER.pattern})", _I),
    )
)
_TITLE_THEN_FIRM = _AFTER_NAME[-4][0]
# "Jānis Bērziņš (CEO)": the bracket after a name holds the firm, or else the role
_BRACKET_TITLE_FIRM = next(p for p, _f in _AFTER_NAME if p.pattern.startswith(r"\s*\(\s*(?P<ti>"))
_IN_BRACKETS = next(p for p, _f in _AFTER_NAME if p.pattern == r"\s*\((?P<co>[^()\n@]{2,50})\)")
_FIRM_THEN_CONTACT = _AFTER_NAME[-3][0]


# "the CTO of Flux, Mei Chen": the role before the name, ending right where the name starts.
# Compiled once and matched up to each place the name stands (a pattern per new name cost
# a third of a millisecond a note).
_ROLE_BEFORE = rx.compile(r"(?:^|[.!?:;]\s+|\bwith\s+|\bmet\s+)(?:the\s+|a\s+|an\s+|their\s+)?"
                          r"(?P<pre>[^,.;:()\n]{2,40})\s+(?:of|at|@|from)\s+"
                          r"(?P<co>[^\s,.;:()][^,.;:()\n]{0,40}?),\s*$", _I)


def _role_before(name: str, zone: str) -> re.Match[str] | None:
    """The leftmost "<role> of <company>, <name>" in `zone`."""
    low_name, low_zone = name.casefold(), zone.casefold()
    at = low_zone.find(low_name) if len(low_name) == len(name) else -1
    while at >= 0:
        end = at + len(name)
        if end >= len(zone) or not (zone[end].isalnum() or zone[end] == "_"):
            m = _ROLE_BEFORE.search(zone, max(0, at - 120), at)  # the phrase is short
            if m:
                return m
        at = low_zone.find(low_name, at + 1)
    return None


def _roles_after(name: str, zone: str) -> list[re.Match[str]]:
    """For each pattern in order, its leftmost match that starts with `name` (as
    `re.search` of name + pattern would give), then the role-before-name match."""
    found: list[re.Match[str]] = []
    # where the name ends, found once for each of the patterns' two flag values
    ends = {flags: [m.end() for m in re.finditer(re.escape(name), zone, flags)]
            for flags in {f for _p, f in _AFTER_NAME}}
    for pattern, flags in _AFTER_NAME:
        for end in ends[flags]:
            m = pattern.match(zone, end)
            verb = None if m else _MEET_AFTER.match(zone, end)
            # "mit Katrin Albers gesprochen, Leiterin Einkauf bei X": past the final verb
            m = m or (pattern.match(zone, verb.end()) if verb else None)
            if m:
                found.append(m)
                break
    before = _role_before(name, zone)
    if before:
        found.append(before)
    return found



# "she's", "he is", "they are" (p-people12: "hes", "shes", typed without the
# apostrophe): the pronoun's verb, as the patterns below write it after "she|he|they"
_PRONOUN_IS = r"'s|’s|(?<=he)s|\s+is|\s+are"
_PRONOUN_PLACE = rx.compile(
    rf"\b(?:she|he|they)(?:{_PRONOUN_IS}|\s+works)\s+(?:at|with|for)\s+{_CO}{_CO_END}",
    re.IGNORECASE,
)
# p-lang12: "trabaja en Grupo Nortemar", "trabalha na Vinhos do Douro", "travaille chez X",
# "lavora presso Y", "treballa a Z", "arbeitet bei W": the verb of working names the employer
# after its preposition (and article), never where they met; a city, an event or a
# department after it ("trabaja en Madrid", "en la feria", "en ventas") is none
_WORKS_AT_NATIVE = rx.compile(
    r"\b(?:trabaja|trabajaba|trabalha|trabalhava|treballa|travaille|lavora|werkt|arbeitet|"
    r"arbeiten)\s+(?:(?:ahora|agora|ara|maintenant|ora|adesso|jetzt|actualmente|atualmente|"
    r"hoy|hoje)\s+)?"
    r"(?:(?:en|para|per|pour|chez|presso|bei|für|bij|voor|em|a|da|in)\s+)?"
    r"(?:(?:la|el|los|las|na|no|nas|nos|o|a|les|le|l['’]|der|dem|den|het|de|il|lo|alla|al|"
    r"della|nella|nel)\s*)?"
    rf"(?!(?:the|la|el|le|les|der|die|das|un|una|une|uma|um)\s){_CO}{_CO_END}",
    re.IGNORECASE,
)
_PRONOUN_ROLE = rx.compile(
    rf"\b(?:she|he|they)(?:{_PRONOUN_IS}|\s+works as)\s+"
    rf"(?:the\s+|a\s+|an\s+)?{_TITLE}\s+"
    rf"(?:at|@|for)\s+{_CO}{_CO_END}",
    re.IGNORECASE,
)
# (p-people12: "hes", "shes", as phones type "he's" without its apostrophe)
# "she's head of Brand X": "of" names the employer only when what follows is a name
_PRONOUN_ROLE_OF = rx.compile(
    rf"\b(?i:she|he|they)(?i:{_PRONOUN_IS}|\s+works as)\s+(?i:the\s+|a\s+|an\s+)?"
    rf"{_TITLE}\s+of\s+(?P<co>[A-ZÀ-Ý][^,.;:()\[\]\n!?]*?){_CO_END}",
)


# (p-people11) "he's moved to Tidewell Pty Ltd as head of risk", "sie ist jetzt bei Y als
# Leiterin Einkauf", "elle est passée chez Z comme DAF": a new employer, then the role there
_MOVED_AS = rx.compile(
    r"\b(?:(?:she|he|they)(?:['’]s|(?<=he)s|\s+has|\s+have)?\s+(?:just\s+|recently\s+|now\s+)?"
    r"(?:moved|joined|switched|gone|went|started)(?:\s+(?:over\s+)?(?:to|at))?|now\s+at|"
    r"(?:er|sie)\s+ist\s+(?:jetzt\s+|neu\s+|seit\s+kurzem\s+)?(?:bei|zu)|"
    r"(?:il|elle)\s+est\s+(?:maintenant\s+)?(?:passée?\s+)?chez|"
    r"(?:se\s+fue|se\s+pasó|ahora\s+está|está\s+ahora)\s+(?:a|en)|"
    r"(?:è\s+passat[oa]|ora\s+è|adesso\s+è)\s+(?:a|in|da|alla|al|nella))"
    rf"\s+{_CO}\s+(?:as|als|comme|como|come)\s+(?:the\s+|a\s+|an\s+|la\s+|le\s+|el\s+|il\s+)?"
    rf"{_TITLE}\s*(?=[.,;\n!?]|$)",
    re.IGNORECASE,
)
# "he's Ironwood's head of sales"
_PRONOUN_POSSESSIVE = rx.compile(
    rf"\b(?i:she|he|they)(?i:{_PRONOUN_IS})\s+{_POSSESSOR}\s+(?P<ti>[^,.;:()\n]{{2,40}}?)"
    r"\s*(?=[.,;(\n!?]|$)")
# "she leads product at Kora", "runs growth for Vanta": the employer; the area is no title
_VERB_ROLE = rx.compile(
    rf"\b(?:leads|runs|heads(?:\s+up)?|manages|oversees|handles|owns|looks after|"
    rf"works (?:on|in))\s+(?:the\s+|their\s+)?(?:[\w&/-]+\s+){{0,3}}?(?:at|@|for)\s+"
    rf"(?!the\b){_CO}{_CO_END}",
    re.IGNORECASE,
)
# a role phrase opens a clause: the start of a line, punctuation, an emoji, or "she's"
_ROLE_OPEN = rx.compile(
    r"(?:^|[\n,;:.!?()\[\]–—|]|\s-|[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]|"
    rf"\b(?:she|he|they)(?:{_PRONOUN_IS})|\b(?:is|as|was|the|an?|our|their|her|his)|"
    # "il est CTO de X", "der ist Geschäftsführer von Y", "lei è responsabile di Z"
    r"\b(?:il|elle)\s+est|\b(?:er|sie|der|die)\s+ist|\b(?:él|ella)\s+es|\b(?:lui|lei)\s+è|"
    # (p-people10) Dutch, Nordic and Polish: "zij is inkoper bij X", "hon är vd på Y"
    r"\b(?:zij|hij|ze)\s+is|\b(?:hon|han|hun)\s+(?:är|er)|\b(?:ona|on)\s+jest|"
    r"\b(?:ele|ela)\s+é)\s*$",
    re.IGNORECASE,
)
_ROLE_AT = rx.compile(rf"\s(?:at|@)\s+(?!the\b){_CO}{_CO_END}", re.IGNORECASE)
# "founder of Yarrowfield": "of" names the employer only when a capitalised name follows
_ROLE_OF = rx.compile(rf"\s(?i:of)\s+(?P<co>[A-ZÀ-Ý][^,.;:()\[\]\n!?]*?){_CO_END}")
# titles after which "of X" names the employer ("founder of X"; not "head of X")
_OF_EMPLOYER = rx.compile(rf"\b(?:{_HEADS_FIRM})$", re.IGNORECASE)
# "He's an engineer.": a title with no employer
_PRONOUN_TITLE = rx.compile(
    r"\b(?:(?:she|he)(?:'s|’s|(?<=he)s|\s+is|\s+works as)|(?:er|sie)\s+ist|(?:il|elle)\s+est|"
    r"(?:él|ella)\s+es|(?:lui|lei)\s+è|(?:zij|hij)\s+is|(?:hon|han|hun)\s+(?:är|er)|"
    r"(?:ona|on)\s+jest)\s+(?:the\s+|a\s+|an\s+|our\s+|their\s+|der\s+|die\s+|"
    r"l[ea]\s+|el\s+|il\s+|un[ea]?\s+|ein[e]?\s+)?"
    # (p-people12: the title ends where "and his/her …" goes on: "he's their Director of
    # Partnerships and his cell is …")
    # (or a verb in lower case after "and": "sie ist Einkaufsleiterin und sucht neue …"; not a
    # department or title: "head of sales and marketing")
    r"(?P<ti>[^,.;:()\n]{2,40}?)\s*(?=[.,;!?\n]|$|\s+(?:and|und|et|y|e)\s+(?:(?:his|her|their|"
    r"she|he|they|sein|seine|ihr|ihre|son|sa|leur|su|sus|suo|sua)\b|"
    rf"(?!{DEPARTMENT_ONLY.pattern}\b|{TITLE_WORDS.pattern})(?-i:[a-zß-ÿ])))",
    re.IGNORECASE,
)


# p-lang12: "sie ist Einkaufsleiterin und sucht …", "il est directeur achats et cherche …",
# "ella es jefa de compras y busca …", ", è responsabile acquisti e cerca …", "ela é diretora
# e procura …": the role ends where "and" opens a clause of its own (a lower-case word after
# it: a verb; "Leiterin Einkauf und Logistik" goes on with a capitalised noun). Only a role
# that opens with a title word counts ("er ist sehr nett und …" is none).
_PRONOUN_TITLE_AND = rx.compile(
    r"(?:\b(?:(?:er|sie)\s+ist|(?:il|elle)\s+est|(?:él|ella)\s+es|(?:lui|lei)\s+è|"
    r"(?:ele|ela)\s+é|(?:she|he)\s+is|(?:zij|hij)\s+is|(?:ell|ella)\s+és)|,[ \t]*(?:è|é|és))\s+"
    r"(?:the\s+|an?\s+|der\s+|die\s+|l[ea]\s+|el\s+|il\s+|un[ea]?\s+|ein[e]?\s+|"
    r"uma?\s+|o\s+|a\s+)?"
    r"(?P<ti>[^,.;:()\n]{2,40}?)\s+(?:und|and|et|y|e|i|ed|en|aber|but|mais|pero|ma|mas)\s+"
    r"(?-i:[a-zà-ÿ])", re.IGNORECASE)
# p-lang12: a sentence that opens with "is" and no pronoun, as Spanish, Catalan, Italian and
# Portuguese write it ("Es director comercial de X SL.", "És cap de compres de Y", "È
# responsabile acquisti di Z", "É diretora da W"): the role, then its firm (capitalised)
_PRODROP_ROLE = rx.compile(
    r"(?:^|[.!?][ \t]+|\n[ \t]*)(?i:es|és|è|é|ist|est)[ \t]+"
    r"(?i:el[ \t]+|la[ \t]+|il[ \t]+|o[ \t]+|a[ \t]+|le[ \t]+)?"
    r"(?P<ti>[^\W\d_][^,.;:()\n]{1,40}?)[ \t]+"
    r"(?P<prep>de|del|di|da|do|della|dels|des|du|en|em|na|no|bei|chez|presso|von)[ \t]+"
    rf"(?P<co>[A-ZÀ-Ý][^,.;:()\[\]\n!?]{{0,60}}?){_CO_END}")
_ROLE_PREP_IN = rx.compile(r"\s(?:at|@|for|of|with|bei|chez|en|de|di|da|do|presso)\s", re.I)


# "Jefa de compras en Grupo Alcor", "Oberärztin am Klinikum Nord", "directeur chez Lumen":
# the employer after the preposition of another language, when capitalised
_ROLE_AT_NATIVE = rx.compile(
    r"\s(?:en|a|bei|beim|am|im|chez|presso|pour|para|per|für|auprès de|bij|w|na|no|em|hos|"
    # (p-people5: the preposition joined to an article: "au Port X SA", "alla Banca Y")
    r"på|au|aux|à la|alla|allo|zum|zur|ao|à)\s+"
    rf"(?P<co>[A-ZÀ-Ý][^,.;:()\[\]\n!?]*?){_CO_END}")
# "directora de màrqueting de Tramuntana Labs SL", "responsabile acquisti di Caffè Nerone
# S.r.l.": "de"/"di" names the employer only where a legal form or a heading title says so
# (p-people5: and Italian's, Portuguese's and Catalan's article forms: "socio dello Studio X")
# (p-people8: and "de la"/"de l'": "investigadora en biología marina de la Universidad de X")
_ROLE_DE = rx.compile(rf"\s(?:(?:de|di|del|della|dello|degli|delle|dei|du|des|da|do|dos|das|"
                      rf"dels)\s+(?:(?<=de\s)(?:la\s+|l['’]))?|d['’]|dell['’])"
                      rf"(?P<co>[A-ZÀ-Ý][^,.;:()\[\]\n!?]*?){_CO_END}")


def _employer_match(m: re.Match[str], title: str) -> bool:
    """Whether the company that `m` found goes with `title` ("Head of Research" names a
    department; "CEO of X" and "… de X S.L." an employer)."""
    if m.re is _ROLE_OF:
        return bool(_OF_EMPLOYER.search(title))
    if m.re is _ROLE_DE:
        return bool(_OF_EMPLOYER.search(title) or COMPANY_SUFFIX.search(m.group("co")))
    return True


def _role_at_company(zone: str, person: Person, weak_company: bool = False) -> None:
    """"🍻 cto @ Quarrybyte", "…, senior PM at Lumio": a role phrase that opens a clause,
    followed by its employer, anywhere in the person's stretch of the note. The employer
    replaces a company read only from "at X" right after the name (where they met)."""
    found = [*_ROLE_AT.finditer(zone), *_ROLE_OF.finditer(zone), *_ROLE_AT_NATIVE.finditer(zone),
             *_ROLE_DE.finditer(zone)]
    for m in found:
        clause = re.split(r"[\n,;:.!?()\[\]–—|]", zone[max(0, m.start() - 60):m.start()])[-1]
        words = list(re.finditer(r"\S+", clause))
        # (up to eight words back: a scoped title is longer, "Head of Growth, DACH & Nordics")
        for k in range(max(0, len(words) - 8), len(words)):
            phrase = clause[words[k].start():]
            if not TITLE_WORDS.match(words[k].group(0)) or \
                    not _ROLE_OPEN.search(clause[:words[k].start()]):
                continue
            title = _tidy_title(phrase)
            if title and not _employer_match(m, title):
                continue  # "Head of Research": the department, not the employer
            if title:
                title, co = _split_department(title, m, zone)
                person.title = _tidy_title(title) or title
                if weak_company or not person.company:
                    person.company = _tidy_company(co) or person.company
                return


# "gerente de TI de Transportes Andinos S.A.S.", "responsable RH de Brume SARL": a second
# "de" before a firm with a legal form names the employer; what comes before it (a
# department written as an acronym) is the title's
_LAST_DE = rx.compile(r"\s(?:de|di|da|del|du|des)\s+(?=[A-ZÀ-Ý])")
# "da Atlântico Cloud, Lda.", "de Empaques del Norte, S.A. de C.V.": a comma may stand
# before the legal form
_COMMA = rx.compile(r",[ \t]*")
# "Sol y Mar Hoteles S.A.", "Ott und Partner AG": a conjunction inside a firm's name, when its
# legal form closes it (the form itself is matched by LEGAL_FORM: no second copy of it here)
_AND_HEAD = rx.compile(r"[ \t]+(?:y|and|und|et|e|i|og|och|en|&)[ \t]+[A-ZÀ-Ý][^,.;:()\n]{0,40}")


def _with_form_after(zone: str, company: str) -> str:
    """"Longhua Devices Co., Ltd.": the legal form after a comma that a reader stopped
    before, where the person's stretch writes the firm."""
    at = zone.find(company)
    if at < 0 or "," not in zone[at + len(company):at + len(company) + 2]:
        return company
    return company + _form_after(zone, at + len(company))


def _form_after(text: str, end: int) -> str:
    """", Lda." or " y Mar Hoteles S.A." right after a firm's name ends at `end`."""
    comma = _COMMA.match(text, end)
    form = LEGAL_FORM.match(text, comma.end()) if comma else None
    if comma and form:
        return text[end:form.end()]
    head = _AND_HEAD.match(text, end)
    form = LEGAL_FORM.search(text, end, head.end()) if head else None
    return text[end:form.end()] if form else ""


def _split_department(title: str, m: re.Match[str], zone: str) -> tuple[str, str]:
    """The title and employer of a role match, the employer cut at its last "de" when a
    department stands before it, and whole when a comma stands before its legal form."""
    prep = zone[m.start():m.start("co")].strip() if m.re in (_ROLE_DE, _ROLE_AT_NATIVE) else ""
    return _title_and_firm(title, m.group("co"), prep, zone, m.end("co"))


# (p-people4: Catalan "a": "directora de Recerca a Fundació Delta")
_EMPLOYER_PREP = rx.compile(r"\s(?:en|at|@|bei|beim|chez|presso|para|pour|bij|hos|på|em|na|a)"
                            r"\s+(?=[A-ZÀ-Ý])")
# people (p-people4): "Gerente de Ventas, Grupo Norte, ana@…": after "title de X" a comma and
# a capitalised phrase that ends its clause: that phrase is the employer and "de X" the title's
# department (not after a title that heads a firm: "CEO de Acme, Grupo Beta" is Acme's CEO)
_FIRM_AFTER_COMMA = rx.compile(
    r"[ \t]*,[ \t]*(?P<co>[A-ZÀ-Ý][^,.;:()\[\]\n!?@]{1,40}?)"
    r"(?=[ \t]*(?:[,;(\n]|$|\s[-–—]\s|\s\+?\(?\d[\d ().-]{6,}\d))")


def _title_and_firm(title: str, co: str, prep: str, text: str, co_end: int
                    ) -> tuple[str, str]:
    co += _form_after(text, co_end)
    genitive = fold(prep) in {"de", "di", "da", "del", "du", "des"}
    at = _EMPLOYER_PREP.search(co) if genitive else None
    if at and at.start() > 0:
        # "Directora de Ventas, Cono Sur en Grupo Andes S.A.": "de" opened the department,
        # the preposition after it names the employer
        return f"{title} {prep} {co[:at.start()].strip()}", co[at.end():]
    if genitive:
        for cut in _LAST_DE.finditer(co):
            head = co[:cut.start()].strip()
            # only a department written as an acronym ("TI", "RRHH", "I+D"): "Frutas" in
            # "jefa de compras de Frutas del Turia S.L." is the firm's own first word
            # or one of the department words ("de Exportación de Bodegas X S.L.")
            if len(head.split()) > 3 or LEGAL_FORM.search(head) or not (
                    (head.isupper() and len(head.split()) <= 2) or DEPARTMENT_ONLY.fullmatch(head)):
                break
            if LEGAL_FORM.search(co, cut.end()):
                return f"{title} {prep} {head}", co[cut.end():]
        firm = _FIRM_AFTER_COMMA.match(text, co_end)
        if firm and _department_not_firm(title, co, firm.group("co")):
            return f"{title} {prep} {co.strip()}", firm.group("co")
        # (p-people10: a department with its scope too: "Gerente de Compras, Región Centro")
        dept = co.split(COMMA)[0] if COMMA in co else co
        if DEPARTMENT_ONLY.fullmatch(dept.strip()) and not _OF_EMPLOYER.search(title.strip()):
            # (p-people7) "jefa de TI", "responsable des Achats" and no firm after: the
            # department is the title's, the firm is said elsewhere (or not at all)
            return f"{title} {prep} {co.strip()}", ""
    return title, co


def _department_not_firm(title: str, dept: str, firm: str) -> bool:
    """"Gerente de Ventas" then ", Grupo Norte": the phrase after "de" is a department when
    the title heads no firm, the phrase is short and no firm's, and what follows the comma is
    neither a place, nor a title, nor a way to reach someone."""
    return (len(dept.split()) <= 4 and not _OF_EMPLOYER.search(title.strip())
            and not LEGAL_FORM.search(dept)
            and (not _firm_like(dept) or DEPARTMENT_ONLY.fullmatch(dept.strip()) is not None)
            and not TITLE_WORDS.search(firm) and not _is_place(firm.strip()))


_IS_ROLE = rx.compile(r"\s+(?:is|was)\s+(?:the\s+|a\s+|an\s+|their\s+|our\s+)?"
                      r"(?P<ti>[^,.;:()\n]{2,40}?)\s*(?=[.,;!\n]|$)", re.IGNORECASE)


def _title_by_given_name(text: str, person: Person, people: list[Person]) -> None:
    """"Ruby Chen and Sam Ito ... Ruby is CEO, Sam is CTO": a role given by first name
    alone, when no one else in the note shares it."""
    given = (person.name or "").split()[0]
    if len(given) < 3 or sum(1 for p in people if p.name and
                             fold(p.name.split()[0]) == fold(given)) > 1:
        return
    for occ in re.finditer(rf"\b{re.escape(given)}\b", text):
        m = _IS_ROLE.match(text, occ.end())
        if not m:
            continue
        parts = re.split(r"\s+(?:at|@)\s+", m.group("ti"), maxsplit=1)
        if len(parts) == 1:
            # (p-people5) "Tom is CEO of Reed Labs": a head title's "of" names the employer
            of = _IS_OF.search(parts[0])
            if of and _OF_EMPLOYER.search(parts[0][:of.start()]):
                parts = [parts[0][:of.start()], parts[0][of.end():]]
        ti, co = parts[0], parts[1] if len(parts) > 1 else ""
        title = _tidy_title(ti)
        if title:
            person.title = title
            person.company = person.company or (_tidy_company(co) if co else None)
            return


_CAP = r"[A-ZÀ-Ý][\w'’.-]*"
# "Pappas Roofing & Gutters", "Hale & Sons", "Ridgeway Print Ltd": capitalised words joined
# by "&" or closed by a company suffix name a business wherever the note writes them
_BUSINESS = rx.compile(
    rf"(?<![\w&])(?P<co>{_CAP}(?:\s+{_CAP}){{0,3}}\s+&\s+{_CAP}(?:\s+{_CAP}){{0,2}}"
    rf"|{_CAP}(?:\s+{_CAP}){{0,3}}\s+(?:Ltd\.?|Inc\.?|LLC|GmbH|AG|Co\.|Corp\.?|PLC|LLP|"
    rf"Pty|Oy|BV|SAS|SARL|S\.A\.|Limited))(?![\w&])")
# "met at Barnes & Noble", "at the Smith & Co dinner": a place, not the employer
_PLACE_BEFORE = rx.compile(r"(?:\b(?:at|@|in|from|to|near|outside)(?:\s+the)?|\bthe)\s+$",
                           re.IGNORECASE)


def _business_name(zone: str, names: list[str]) -> str | None:
    for m in _BUSINESS.finditer(zone):
        co = m.group("co")
        words = co.split()
        while words and fold(words[0]) in _STOP:  # "Met Hale & Sons ..."
            words.pop(0)
        co = " ".join(words)
        before = zone[max(0, m.start() - 12):m.start()]
        if not co or co.startswith("&") or _PLACE_BEFORE.search(before):
            continue
        if before.rstrip(" \t").endswith(COMMA):
            continue  # "VP Sales, DACH & Nordics": a title's scope, not a firm
        toks = set(name_tokens(co))
        if any(set(name_tokens(n)) <= toks for n in names):
            continue  # "Marco Rossi & Giulia Bianchi": people, not a firm
        if TITLE_WORDS.search(co) or re.search(r"\bof\s+$", before, re.IGNORECASE):
            continue  # "Head of Research & Development": a department
        return _tidy_company(co)
    return None


_SUFFIX_CASE = {
    "gmbh": "GmbH", "ag": "AG", "llc": "LLC", "inc": "Inc", "inc.": "Inc.", "ltd": "Ltd",
    "ltd.": "Ltd.", "sa": "SA", "sas": "SAS", "sarl": "SARL", "bv": "BV", "b.v.": "B.V.",
    "ab": "AB", "as": "AS", "plc": "PLC", "kg": "KG", "se": "SE", "s.l.": "S.L.", "sl": "SL",
    "s.a.": "S.A.", "llp": "LLP", "co.": "Co.", "&": "&",
}


# an emoji typed after a firm's name ("Flintlock Games 🎮") is no part of it
_EMOJI_END = rx.compile(r"[\s\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+$")


# people (p-people3): an aside in brackets after a name that says the firm is missing
# ("didn't get company", "no company given", "Firma unbekannt", "empresa ?") or gives the
# name the person goes by ("goes by Sade", "aka Lu", "genannt Hansi", "dit Jojo")
_NOT_A_FIRM = rx.compile(
    r"\b(?:didn['’]?t|did not|don['’]?t|no|not|unknown|n/a|keine?|unbekannt|sin|sans|"
    r"senza|sem|inconnue?|desconocida)\b.*\b(?:company|firm|employer|org|Firma|Arbeitgeber|"
    r"empresa|société|boîte|azienda|ditta)\b|"
    r"\b(?:company|firm|employer|Firma|empresa|société|azienda)\b\s*(?:\?|unknown|"
    r"unbekannt|desconocida|inconnue|n/a)|"
    r"^(?:goes by|go by|known as|aka|a\.k\.a\.?|called|nickname|genannt|alias|dit|dite|"
    r"llamad[oa]|detto|detta|conhecid[oa] como)\b|"
    # (p-people7) "(trouvé via LinkedIn)", "(found through a friend)": how they were found
    r"^(?:found|trouvée?|encontrad[oa]|gefunden|trovat[oa]|via)\b|\bvia\s+(?:linkedin|xing|"
    r"e-?mail|mail|twitter|instagram|referral|recommendation)\b|"
    # (p-people9) "(Firma hab ich vergessen)", "(no card)", "(sin tarjeta)": what the owner
    # forgot or did not get
    r"\b(?:forgot|forgotten|vergessen|olvidé|olvidado|oublié|oubliée|dimenticat[oa]|"
    r"esqueci|no card|no cards|no details|keine (?:visiten)?karte|keine details|sin tarjeta|"
    r"pas de carte|senza biglietto|sem cartão|didn['’]?t have)\b", re.IGNORECASE)


_OFFICE_OF = rx.compile(
    r"(?:[^\W\d_][\w'’-]*[ \t]+){1,2}(?i:office|offices|branch|hq|site|bureau|büro|oficina|"
    r"ufficio|escritório|kantoor)|(?i:office|büro|bureau|oficina|ufficio|sede|filiale|"
    r"niederlassung|standort|kantoor)[ \t]+(?:(?i:de|di|in|von|en|à|a)[ \t]+)?"
    r"[^\W\d_][\w'’-]*")


def _tidy_company(raw: str) -> str | None:
    co = _EMOJI_END.sub("", raw).strip(" \t\"'“”-–—,;:/")
    # "chez X inc.", ", en Cafetal S.A.S.": a lower-case preposition opens no firm's name
    co = re.sub(r"^(?-i:at|chez|bei|presso|beim|en|em|na|no|w|bij|hos|på|von|vom|for|with)\s+"
                r"(?=\S)|@\s*", "", co)
    # "bei der Handwerkskammer", "en la Cámara de Comercio": a lower-case article opens no
    # firm's name either
    co = re.sub(r"^(?-i:der|die|das|dem|den|la|le|el|il|lo|les|los|las|the|de|het)\s+"
                r"(?=[A-ZÀ-Ý])", "", co)
    # (p-people11) "bei der feier geredet": a verb put last ends the firm; and an article
    # before words typed in lower case, with no legal form, opens an occasion, not a firm
    co = _VERB_LAST_END.sub("", co)
    if re.match(r"(?:der|die|das|dem|den)\s", co) and co == co.lower():
        if not lowercase.has_form(co):
            return None
        co = co.split(None, 1)[1]
    # "Tensorloop too", "bei Kornhaus auch": a word that adds the person to a firm said before
    co = re.sub(r"\s+(?-i:too|also|as well|auch|aussi|también|anche|ook|também|też)$", "", co)
    form = LEGAL_FORM.search(co, 1)
    if form and co[form.end():].strip():
        co = co[:form.end()]  # "Alpbank AG gesprochen": the legal form ends the name
    if not co[:1].isalpha() or re.search(r"\d{3}", co):
        return None
    co = re.sub(r"^(?:the)\s+", "", co, flags=re.IGNORECASE) if len(co.split()) > 2 else co
    # (p-people5) a legal form counts as one word ("Grupo Hierro del Sur S.A. de C.V.")
    words = len(co.split()) - (len(form.group(0).split()) - 1 if form else 0)
    if not co or len(co) > 60 or words > 6 or "@" in co:
        return None
    if re.search(r"\w['’]s\s+(?-i:[a-z])", co) or _RELATION_LEAD.match(co):
        return None  # "Ayesha's colleague", "his cofounder": a relation, not a firm
    if _NOT_A_FIRM.search(co):
        return None  # "(didn't get company)", "(goes by Sade)": an aside, not a firm
    if _OFFICE_OF.fullmatch(co):
        return None  # (p-people9) "(London office)", "Büro Wien": where they sit, no firm
    if _is_place(co):
        return None  # "Camille Roux (Lyon)": where she is, not who she works for
    if all(fold(w) in _STOP for w in co.split()):
        return None  # (p-people11) "Ana Lund, Tuesday. 0733 …": a day or a small word, no firm
    co = _without_trailing_city(co)
    if fold(co.split()[0]) in {"she", "he", "they", "our", "my", "his", "her", "the", "based",
                               "a", "an", "no", "not", "via", "intro"}:
        return None
    last = co.split()[-1]
    if last.endswith(".") and last.count(".") == 1 and fold(last) not in {
            "inc.", "co.", "corp.", "ltd.", "bros.", "lda.", "ltda.", "ltee.", "cia.", "kft.",
            "bhd.", "tbk."}:
        co = co[:-1]
    if co == co.lower():
        co = " ".join(_SUFFIX_CASE.get(w, w[:1].upper() + w[1:]) for w in co.split())
    return co


def _without_trailing_city(co: str) -> str:
    """"of Umoya Energy Johannesburg at the expo": the city the firm sits in (or where they
    met) is no part of its name, when two words of the name are left and no "of"/"de" ties
    the city to it ("Bank of Lagos") and no legal form closes it."""
    words = co.split()
    if len(words) < 3 or LEGAL_FORM.search(co) or not words[-1][:1].isupper():
        return co
    from followup.parsing.phones import city_spans

    for start, end in city_spans(co):
        head = co[:start].rstrip()
        if end == len(co) and len(head.split()) >= 2 and not re.search(
                r"\b(?:of|de|du|di|da|del|von|in|for|für)$", head, re.IGNORECASE):
            return head
    return co


_PRONOUN_LEAD = rx.compile(rf"^(?:she|he|they)(?:{_PRONOUN_IS})\s+"
                           r"(?:the\s+|a\s+|an\s+)?|"
                           r"^(?:er|sie|der|die)\s+ist\s+|^(?:il|elle)\s+est\s+|"
                           r"^(?:él|ella)\s+es\s+|^(?:lui|lei)\s+è\s+|^(?:ele|ela)\s+é\s+|"
                           r"^(?:now|currently|also|still)\s+(?:the\s+|a\s+|an\s+)?|"
                           # (p-people10) Dutch, Nordic, Polish and Catalan, and a relative
                           # clause: "zij is inkoper", "hon är vd", "qui est acheteuse"
                           r"^(?:zij|hij|ze)\s+is\s+(?:de\s+|een\s+)?|^(?:hon|han|hun)\s+"
                           r"(?:är|er)\s+|^(?:ona|on)\s+jest\s+|^(?:ella|ell)\s+és\s+|"
                           r"^(?:who|qui|que|che|die|der)\s+(?:is|est|es|è|ist|é|és)\s+"
                           r"(?:the\s+|a\s+|an\s+|une?\s+|la\s+|le\s+|el\s+)?",
                           re.IGNORECASE)


_RELATION_LEAD = rx.compile(_RELATION, re.IGNORECASE)
# "mon associé", "il mio socio", "my colleague", "unser Berater": how someone relates to the
# writer is never their title (the peer may be the writer's own partner, not a contact)
_OWN_RELATION_LEAD = rx.compile(
    r"(?:(?:il|la|el|o|a|le|les|i|le)\s+)?(?:my|our|mon|ma|mes|notre|nos|mein|meine|meinen|meinem|"
    r"unser|unsere|unserem|unseren|mi|mis|nuestro|nuestra|mio|mia|miei|mie|nostro|nostra|meu|"
    r"minha|nosso|nossa|meva|meus|mijn|onze|ons|min|mitt|mina|mine|vår|vårt|vores|mój|moja|"
    r"mojego|nasz|nasza)\s", re.IGNORECASE)


# "VP Sales, APAC and owns the budget": a clause joined by "and" + a lower-case word that
# holds no title word starts a new predicate
_AND_CLAUSE = rx.compile(r"\s+(?:and|und|et|y|e|who|which|but|aber|mais|pero|ma)\s+(?-i:[a-zà-ÿ])")


# people (p-people3): "CTO - met at the devfest", "directrice commerciale – rencontrée au
# salon": a dash and a lower-case word open a new clause; the title ends before it
# (p-people9: and a number after a dash is a phone: "his CFO – 052 555 6719")
_CLAUSE_DASH = rx.compile(r"\s[-–—]\s+(?:(?-i:[a-zà-ÿ])|\+?\(?\d)")


# (p-people9) "Maxime, le fondateur de X", "Nerea, la fundadora", "Ugo, il direttore": an
# article before a title word is no part of the title
_ARTICLE_LEAD = rx.compile(r"^(?:the|a|an|le|la|l['’]|el|il|lo|der|die|o|un|une|una|uno|"
                           r"ein|eine)\s*(?<=[\s'’])", re.IGNORECASE)


def _without_article(ti: str) -> str:
    m = _ARTICLE_LEAD.match(ti)
    return ti[m.end():] if m and TITLE_WORDS.match(ti, m.end()) else ti


def _tidy_title(raw: str) -> str | None:
    ti = _without_article(_PRONOUN_LEAD.sub("", raw.strip(" \t-–—")))
    dash = _CLAUSE_DASH.search(ti)
    ti = ti[:dash.start()] if dash else ti
    described = _DESCRIBED_EMPLOYER.search(ti)
    if described and TITLE_WORDS.search(ti[:described.start()]):
        ti = ti[:described.start()]
    cut = _AND_CLAUSE.search(ti)
    if cut and TITLE_WORDS.search(ti[:cut.start()]) and not TITLE_WORDS.search(ti[cut.end() - 1:]):
        ti = ti[:cut.start()]
    if re.match(r"(?:she|he|they|we|i|who)\b", ti, re.IGNORECASE):
        return None  # "she leads product": a sentence, not a title
    rel = _RELATION_LEAD.match(ti)
    if rel and TITLE_WORDS.match(ti, rel.end()) and not _PEER.search(ti, rel.end()):
        ti = ti[rel.end():]  # (p-people9) "his CFO", "their lead designer": the firm's role
    elif rel or _OWN_RELATION_LEAD.match(ti):
        return None  # "su socia", "ihr Chef": how they relate to someone, not a title
    if re.search(r"\w['’]s?\s", ti):
        return None  # "Acme's CFO": the possessive patterns split employer and title
    # a preposition left hanging where the firm was cut off ("socio dello", "partner at")
    ti = _TRAILING_LINK.sub("", ti)
    # (p-people11: "&" and a scope's dash are no words: "GM Sales & Marketing - Bali & Java")
    if not ti or sum(any(c.isalnum() for c in w) for w in ti.split()) > 7 or "@" in ti or \
            any(c.isdigit() for c in ti):
        return None
    # (p-people8) a department alone is the title of someone listed with it ("Diego Luna,
    # riesgos", "Ute Kern, Qualität", "Lea Roth (Einkauf)")
    return ti if TITLE_WORDS.search(ti) or DEPARTMENT_ONLY.fullmatch(ti) else None


def without_hanging_link(title: str | None) -> str | None:
    """A title without the preposition left where its firm was cut off ("socio della")."""
    if not title:
        return title
    return _TRAILING_LINK.sub("", title) or title


_TRAILING_LINK = rx.compile(r"(?:\s+(?:de|di|del|della|dello|degli|delle|dei|du|des|da|do|dos|"
                            r"das|dels|of|at|bei|chez|presso|en|au|aux|alla|allo|zum|zur|"
                            # (p-people10) Nordic, Dutch and Polish links, and the adverb of
                            # place a sentence puts after the role ("Partner dort", "VP Ops
                            # there", "vd för"); "firmy"/"společnosti": "of the firm"
                            r"för|hos|på|ved|bij|van|w|there|dort|là|allí|ahí|allà|lì|daar|där|"
                            r"firmy|firmě|společnosti|spółki))+\s*$",
                            re.IGNORECASE)


def _company_from_domain(text: str, emails: Sequence[str], name: str | None) -> str | None:
    """A phrase in the note that the contact's email domain names ("Bellbrook Print");
    never her own name ("Jo Park" at park.example)."""
    if name:
        at = fold(text).find(fold(name))
        if at >= 0:  # blank the name out, positions kept
            text = text[:at] + " " * len(name) + text[at + len(name):]
    return _domain_phrase(text, emails)


def _domain_phrase(text: str, emails: Sequence[str]) -> str | None:
    from followup.parsing.signature import domain_label

    for email in emails:
        label = domain_label(email)
        if len(label) < 4:
            continue
        words = _words(text)
        for i in range(len(words)):
            first = letters(words[i][0])
            if not first or not label.startswith(first[: len(label)]):
                continue  # every phrase that spells the label starts with its first letters
            for j in range(i, min(i + 4, len(words))):
                if j > i and not _joinable(text, words[j - 1][2], words[j][1]):
                    break
                phrase = text[words[i][1]:words[j][2]]
                if letters(phrase) == label:
                    return _extend_company(text, words, _trade_word_before(text, words, i), j)
            if letters(words[i][0]) and label.startswith(letters(words[i][0])) and \
                    len(letters(words[i][0])) >= 5 and words[i][0][0].isupper() and \
                    not re.search(r"['’]s?$", words[i][0]):
                return _extend_company(text, words, i, i)
            if letters(words[i][0]) == label:
                return _extend_company(text, words, i, i)
    return None


# "kenji@sorachi.example, sorachi robotics.": in a lower-case note, the piece between commas
_LOWER_PIECE = rx.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_&]+){0,2}(?=[ \t]*(?:[,.;\n]|$))")


def _trade_word_before(text: str, words: list[tuple[str, int, int]], i: int) -> int:
    """(p-people12) "director comercial de Vins Empordà Brut SL" at empordabrut.example: the
    trade noun right before the words the domain spells opens the firm's name (after "de",
    "di", "of" ... or a list's dash), written in the same case."""
    if i < 2 or fold(words[i - 1][0]) not in FIRM_WORDS or \
            not _joinable(text, words[i - 1][2], words[i][1]) or \
            words[i - 1][0][:1].isupper() != words[i][0][:1].isupper():
        return i
    return i - 1 if fold(words[i - 2][0]) in _ROLE_LINKS else i


def _extend_company(text: str, words: list[tuple[str, int, int]], i: int, j: int) -> str | None:
    piece = _LOWER_PIECE.match(text, words[i][1])
    if piece and text[words[i][1]].islower() and piece.group(0).islower() and \
            not TITLE_WORDS.search(piece.group(0)) and \
            re.search(r"(?:^|[,;\n])[ \t]*$", text[:words[i][1]]):
        return _tidy_company(piece.group(0))
    end = j
    while end + 1 < len(words) and not _BEFORE_FORM.match(text, words[end][2]):
        if words[end][0].endswith(".") and not LEGAL_FORM.fullmatch(words[end][0]):
            break  # "los de Agave Digital. Gente a seguir": the sentence ends the name
        gap = text[words[end][2]:words[end + 1][1]]
        if not (_joinable(text, words[end][2], words[end + 1][1]) or gap.strip() == "&"):
            break
        nw = words[end + 1][0]
        if (nw[0].isupper() and fold(nw) not in _STOP) or COMPANY_SUFFIX.fullmatch(nw):
            end += 1
        else:
            break
    form = _BEFORE_FORM.match(text, words[end][2])  # "Caffè Nerone S.r.l.", whole
    return _tidy_company(text[words[i][1]:form.end() if form else words[end][2]])


# ----------------------------------------------------------------------------- reading

def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    starts = [m.end() for m in re.finditer(r"[.!?]\s+|\n", text[:pos])]
    start = starts[-1] if starts else 0
    m = re.search(r"[.!?](?:\s|$)|\n", text[pos:])
    end = pos + m.start() if m else len(text)
    return start, end


def _copy_only_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _COPY_ONLY.finditer(text):
        s, e = _sentence_at(text, m.start())
        if not re.search(r"\b(?:met|meet|ran into|rencontr|conoc|kennengelernt)", text[s:e],
                         re.IGNORECASE):
            spans.append((s, e))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _owner_mentioned(text: str, pos: int) -> bool:
    return bool(_OWNER_OWN.search(text[max(0, pos - 60):pos]))


def _merge_into(people: list[Person], pos: int, name: str | None, strong: bool) -> Person:
    if name:
        pos, name = _without_lead_role(pos, name)
    key = name_tokens(name) if name else []
    for p in people:
        if name and p.name:
            pk = name_tokens(p.name)
            if key and pk and (set(key) <= set(pk) or set(pk) <= set(key)):
                # a name the wording points at is only completed ("Carla" -> "Carla
                # Jiménez"): "Biofach Henrik Brandt" spelled out around an address is the
                # event's name run into his
                if len(name) > len(p.name) and (strong or not p.strong or
                                                fold(name).startswith(fold(p.name))):
                    p.name = name
                p.pos = min(p.pos, pos)
                p.strong = p.strong or strong
                return p
    person = Person(pos=pos, name=name, strong=strong)
    people.append(person)
    return person


def _owner_name_keys(ctx: NoteContext) -> set[str]:
    return {letters(n) for n in ctx.owner_names if letters(n)} | {
        name_tokens(n)[0] for n in ctx.owner_names if name_tokens(n)}


# p-people10: " -- " is how a keyboard without one types the dash that sets off a field
# ("Ana Ruiz, CFO -- Brightbarrel -- ana@x.example"); read as " — " (positions kept)
_TYPED_DASH = rx.compile(r"(?<=[ \t])--(?=[ \t])")


def _typed_dashes(text: str) -> str:
    return _TYPED_DASH.sub("\u2014 ", text) if " -- " in text else text


def read_people(text: str, ctx: NoteContext) -> list[Person]:
    """The people a note is about, the main one first, with what the note says of each."""
    text = protect(_typed_dashes(text[:20_000]))
    masked = _blank_inner_nicknames(_mask_addresses(text))
    labels = read_labels(text)
    copy_spans = _copy_only_spans(text)
    owner_keys = _owner_name_keys(ctx)
    people: list[Person] = []

    # (p-people9: every `Name:` line of a note of several labelled blocks opens a person)
    for value, pos in labels.get("name", [])[:6]:
        value = re.split(r"\s*[,;(|–—<]\s*|\s+-\s+|\s+/\s+", value)[0]
        # (p-people3: "Contact:\nHead of Procurement, Brightline Ltd": a title is no name)
        if "@" not in value and not re.search(r"\d", value) and re.search(r"[^\W\d_]{2}", value) \
                and not (TITLE_WORDS.match(value) and _tidy_title(value)):
            _merge_into(people, pos, value, True)
    # "COMPANY: Hudson Ridge Financial, Inc.": a labelled firm, title or address is no one
    other_values = [(p, p + len(v)) for key, found in labels.items() if key != "name"
                    for v, p in found]
    met: set[int] = set()
    strong = _strong_names(masked, met)
    # (p-multi11) the other items of a list one of whose people was found ("from Bluefin:
    # Carla Diaz, Ted Olsen and Mira Shah"): people of the list, kept without details
    items = prose.listed_beside(masked, strong, _name_spans(masked, max_words=4)) if strong \
        else {}
    for pos, cand in sorted(strong + [(s, c) for s, c in items.items()
                                      if (s, c) not in strong]):
        if not _inside(pos, copy_spans) and letters(cand) not in owner_keys and \
                not _inside(pos, other_values):
            person = _merge_into(people, pos, cand, True)
            person.in_list = person.in_list or pos in items
            person.met = person.met or pos in met
            line_start = masked.rfind("\n", 0, pos) + 1
            line_end = masked.find("\n", pos)
            rest = masked[pos + len(cand):line_end if line_end >= 0 else len(masked)]
            # (under a colon heading, a name alone on its line may be anything: a firm, a
            # venue; one with something said of it is a person of the list)
            person.listed = person.listed or bool(_LISTED_PREFIX.fullmatch(
                masked[line_start:pos])) or bool(_ARTICLE_ITEM_PREFIX.fullmatch(
                masked[line_start:pos])) or (bool(rest.strip(" \t,;-–—")) and
                                             _in_colon_list(masked, line_start, pos))

    _mark_name_lines(masked, people)
    spans = _name_spans(masked)
    email_hits = [(m.group(0).rstrip(".").lower(), m.start()) for m in urls.EMAIL_RE.finditer(text)]
    email_hits += [(e, len(text)) for e in ctx.extra_emails]
    anchors: list[tuple[int, Person]] = []
    for email, pos in email_hits:
        if email in ctx.owner_emails or _inside(pos, copy_spans) or _owner_mentioned(text, pos):
            continue
        if _SEND_TO.search(text[max(0, pos - 80):pos]) and not _known_person(people, email):
            continue  # "send the invoices to ap@acme.example": a mailbox, not a person
        name = ctx.link_names.get(email) or _display_name(text, pos)
        found = _labelled_name(people, labels, pos) or _name_for_email(masked, email, pos, spans)
        found = _full_name_of_nickname(masked, found, spans) if found else found
        if found and _HELPER_BEFORE.search(text[max(0, found[0] - 30):found[0]]) and \
                not _counted_list_item(masked, found[0]):
            continue
        if found and not _inside(found[0], copy_spans) and letters(found[1]) not in owner_keys:
            name_pos, fname = found
            person = _merge_into(people, name_pos, name or fname, False)
        elif name:
            person = _merge_into(people, pos, name, False)
        else:
            person = _owner_of_position(people, pos) or _merge_into(people, pos, None, False)
        if email not in person.emails:
            person.emails.append(email)
        anchors.append((pos, person))

    people.sort(key=lambda p: p.pos)
    for person in people:
        _split_lower_name_firm(person)
        cut = prose.employer_cut(person.name, person.emails) if person.name else None
        if cut:  # (p-multi10) "Jelena Petrović von Adria Motion": her firm, by her address
            person.name = cut[0]
    given = _given_name_labels(masked, people)
    _assign_phones(text, ctx, people, copy_spans, labels, given)
    _name_the_nameless(masked, people, owner_keys)
    _assign_links(text, ctx, people, copy_spans)
    _roles_by_given_label(masked, given)
    _assign_roles(masked, people, labels, given)
    for person in people:
        _business_noun_opens_firm(masked, person)
        _drop_team_addresses(person)
    _both_at_one_firm(masked, people)
    for person in people:
        _firm_then_role_before(masked, person)
    _their_firm(masked, people)
    _respective_roles(masked, people)
    people = [p for p in people if not _initial_sign_off(masked, p, people)]
    return _worth_keeping(people, ctx.require_details)


# (p-people9) "…Relance dans trois semaines.\n\nH. Marchetti\n06 71 24 88 35": a given name
# cut to its initial, alone on a line in the note's last block with nothing after it but
# numbers, is how the writer signs, not someone met (people met are named in full)
_INITIAL_NAME = rx.compile(r"(?-i:[A-ZÀ-Ý])\.(?:[ \t]?(?-i:[A-ZÀ-Ý])\.)?[ \t]*(?-i:[A-ZÀ-Ý])"
                           r"[\w'’-]+(?:[ \t]+(?-i:[A-ZÀ-Ý])[\w'’-]+)?")
_NUMBER_LINE = rx.compile(r"(?:[^\W\d][\w.]{0,7}[ \t]*:?[ \t]*)?\+?[\d()./ -]{6,30}")


def _initial_sign_off(text: str, person: Person, people: list[Person]) -> bool:
    if len(people) < 2 or person.emails or not person.name:
        return False
    start = text.rfind("\n", 0, person.pos) + 1
    end = text.find("\n", person.pos)
    end = len(text) if end < 0 else end
    if text.rfind("\n\n", 0, start + 1) < 0 or not _INITIAL_NAME.fullmatch(
            text[start:end].strip()):
        return False
    tail = text[end:end + 400].strip()
    return len(text) - end < 400 and all(
        _NUMBER_LINE.fullmatch(line.strip()) for line in tail.split("\n") if line.strip())


# multi (p-multi9): "and Ivo, their CFO", "Their analyst Rhea Mont", "Théo, leur directeur
# financier", "il loro analista Marco Greco": a role said as theirs is a role at the firm of
# the person named before them (the firm the note is about)
# (plural owners only: "her associate Jo Tan" may be her own helper, not the firm's)
_POSS = r"(?i:their|leurs|leur|il\s+loro|la\s+loro|i\s+loro|le\s+loro|loro|sus)"
_POSS_ROLE_BEFORE = rx.compile(
    rf"(?<![\w'’]){_POSS}\s+[^\W\d_][\w/&-]*(?:[ \t]+[^\W\d_][\w/&-]*){{0,2}},?[ \t]+$")
_POSS_ROLE_AFTER = rx.compile(rf"[ \t]*,[ \t]*(?:(?i:il|la|le|el|o|a)\s+)?{_POSS}\s+[^\W\d_]")


# multi (p-multi9): "Stand 210 - Briquet Emballages, owner Luc Briquet.", "Halle 4: Holm
# Pumpen, Vertriebsleiter Jan Holm": on the person's line, a firm, a comma and a lower-case
# role right before the name
_FIRM_ROLE_BEFORE = rx.compile(
    r"(?:^|[-–—:|]\s*)(?P<co>[A-ZÀ-Ý][\w&'’.-]*(?:[ \t]+[A-ZÀ-Ý&][\w&'’.-]*){0,4}),[ \t]*"
    r"(?P<ti>[^\W\d_][\w/&-]*(?:[ \t]+(?-i:[a-zà-ÿ])[\w/&-]*){0,2})[ \t]+$")


def _firm_then_role_before(text: str, person: Person) -> None:
    if not person.name or (person.title and person.company):
        return
    line_start = text.rfind("\n", 0, person.pos) + 1
    m = _FIRM_ROLE_BEFORE.search(text, line_start, person.pos)
    ti = m.group("ti") if m else ""
    if not m or not (TITLE_WORDS.fullmatch(ti) or (ti[0].islower() and TITLE_WORDS.search(ti))) \
            or _is_place(m.group("co")):
        return
    co = _tidy_company(m.group("co"))
    if co and not person.company:
        person.company = co
    if not person.title:
        person.title = _tidy_title(m.group("ti"))


def _their_firm(text: str, people: list[Person]) -> None:
    firm: str | None = None
    for person in people:
        if person.company:
            firm = person.company
            continue
        if not firm or not person.name or not person.title:
            continue
        end = person.pos + len(person.name)
        if _POSS_ROLE_BEFORE.search(text, max(0, person.pos - 50), person.pos) or \
                _POSS_ROLE_AFTER.match(text, end):
            person.company = firm


# people (p-people5): "Giulia Rossi e Marco Bianchi, entrambi di Ferri Spa", "Ana and Bo,
# both at Kite Labs", "beide von der Alpen AG": a firm said of both people named before it
_BOTH = rx.compile(r"^(?i:both|beide|ambos|ambas|entrambi|entrambe|tous deux|toutes deux|"
                   r"tous les deux|toutes les deux|tots dos|totes dues|os dois|as duas|"
                   r"allebei|alle twee|beiden|ambdós|ambdues|tutti e due|tutte e due|"
                   r"los dos|las dos|"
                   r"oboje|obaj|obie)\s+(?:(?i:at|@|from|with|of|bei|von|"
                   r"vom|der|de|di|da|del|della|chez|en|in|presso|na|no|em|a|van|bij|z|ze)\s+)*")


# (p-multi11b) ", beide von X" / ", tous deux de X" / ", ambos de X" right after a name:
# the firm of that person and of those named just before, with or without a legal form
_BOTH_AFTER = rx.compile(r"[ \t]*(?:\([^()\n]{0,80}\))?[ \t]*,[ \t]*" + _BOTH.pattern[1:] +
                         rf"(?P<co>(?-i:[A-ZÀ-Ý])[^,.;:()\[\]\n!?]{{0,60}}?){_CO_END}")


def _both_after_name(text: str, person: Person) -> None:
    if not person.name or (person.company and _BOTH.match(person.company)):
        return
    name = _written_name(text, person)
    at = text.find(name, max(0, person.pos - 5))
    m = _BOTH_AFTER.match(text, at + len(name)) if at >= 0 else None
    if m:
        person.company = text[m.start() + m.group(0).index(",") + 1:m.end()].strip()


def _both_at_one_firm(text: str, people: list[Person]) -> None:
    for person in people:
        _both_after_name(text, person)
    for person in people:
        m = _BOTH.match(person.company or "")
        if not m or not person.company:
            continue
        firm = _tidy_company(person.company[m.end():])
        person.company = firm
        # the others named in the same sentence just before, without a firm of their own
        sentence_start = max(text.rfind(". ", 0, person.pos), text.rfind("\n", 0, person.pos))
        for other in people:
            if other is not person and sentence_start < other.pos < person.pos and \
                    not other.company:
                other.company = firm


# people (p-people8): roles said of several people in their order ("Ana und Bo, Einkauf bzw.
# Technik", "GF bzw. CTO der Lux GmbH", "(sales and data science respectively)", "compras y
# calidad respectivamente"): the n-th role is the n-th person's, a firm after them all's
_ROLE = r"[^\W\d_][\w&/.-]*(?:[ \t]+[^\W\d_][\w&/-]*){0,3}"
_RESPECTIVELY = (r"respectively|respectivamente|respectivament|rispettivamente|"
                 r"respectivement|respectievelijk|jeweils|odpowiednio")
_ROLES_IN_ORDER = rx.compile(
    rf"(?<![\w.])(?P<roles>{_ROLE}(?:[ \t]+(?:bzw\.|resp\.)[ \t]+{_ROLE})+)"
    rf"(?P<firm>[ \t]+(?:der|des|von|vom|bei|of|at|de|di|da|chez)[ \t]+[^\n;,()]+)?"
    rf"|(?<![\w.])(?P<listed>{_ROLE}(?:,[ \t]*{_ROLE})*,?[ \t]+"
    rf"(?:and|und|y|e|et|i|en|oraz|a)[ \t]+{_ROLE}),?[ \t]+(?i:{_RESPECTIVELY})\b")
_ROLE_SEP = rx.compile(r"[ \t]+(?:bzw\.|resp\.)[ \t]+|,[ \t]*(?:(?:and|und|y|e|et|i|en|oraz|a)"
                       r"[ \t]+)?|[ \t]+(?:and|und|y|e|et|i|en|oraz|a)[ \t]+")
_FIRM_AFTER_ROLE = rx.compile(r"[ \t]+(?:der|des|von|vom|bei|at|chez|presso|bij)[ \t]+"
                              r"(?=[A-ZÀ-Ý])")
_SENTENCE_END = rx.compile(r"\n|;|[a-zà-ÿ]{3}[.!?][ \t]")


_ORDER_CUE = rx.compile(rf"bzw\.|resp\.|(?i:{_RESPECTIVELY})")


def _roles_near_cues(text: str) -> list[re.Match[str]]:
    """The roles-in-order phrases, read only in a window round each of the first few cue
    words: a hostile note of a long comma list costs no more than a short one."""
    found: dict[int, re.Match[str]] = {}
    for cue in itertools.islice(_ORDER_CUE.finditer(text), 8):
        lo, hi = max(0, cue.start() - 160), min(len(text), cue.end() + 160)
        for m in _ROLES_IN_ORDER.finditer(text, lo, hi):
            if m.start() <= cue.start() < m.end() + 1:
                found.setdefault(m.start(), m)
    return [found[k] for k in sorted(found)]


def _respective_roles(text: str, people: list[Person]) -> None:
    if not _ORDER_CUE.search(text):  # (the cue pattern itself: "Rispettivamente" too)
        return
    for m in _roles_near_cues(text):
        roles = [r.strip() for r in _ROLE_SEP.split(m.group("roles") or m.group("listed"))]
        ends = [e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())]
        start = ends[-1] if ends else 0
        group = [p for p in people if start <= p.pos < m.start() and p.name]
        if len(roles) < 2 or len(group) < len(roles) or not all(roles):
            continue
        firm_at = None if m.group("firm") else _FIRM_AFTER_ROLE.search(roles[-1])
        if firm_at:  # "GF bzw. CTO der Lux GmbH": the last role runs on into the firm
            roles[-1], firm_text = roles[-1][:firm_at.start()], roles[-1][firm_at.end():]
        else:
            firm_text = m.group("firm").split(None, 1)[1] if m.group("firm") else ""
        firm = _tidy_company(firm_text) if firm_text else _firm_of_both(text, group[-1], m.start())
        for person, role in zip(group[-len(roles):], roles, strict=True):
            person.title = _tidy_title(role) or role
            if firm and (not person.company or role in person.company):
                person.company = firm


def _firm_of_both(text: str, last: Person, end: int) -> str | None:
    """"Ana Gil und Bo Li, beide Brandl (Einkauf bzw. Technik)": the firm said of both."""
    gap = text[last.pos + len(last.name or ""):end].strip(" \t,;:(–—-")
    m = _BOTH.match(gap)
    firm = gap[m.end():].strip(" \t,;:(–—-") if m else ""
    return _tidy_company(firm) if firm and "\n" not in firm else None


# people (p-people5): the local parts of shared inboxes ("recruiting@", "info@", "hola@",
# "vertrieb@", "ufficio@"): a team's address, not a second one of a person whose own is known
_TEAM_LOCAL = frozenset((
    "info", "hello", "hi", "hola", "ciao", "bonjour", "hallo", "contact", "contacto", "kontakt",
    "contatti", "team", "office", "admin", "sales", "ventas", "vendes", "ventes", "vendite",
    "vertrieb", "support", "help", "soporte", "recruiting", "recruitment", "careers", "jobs",
    "talent", "hr", "rrhh", "rh", "press", "prensa", "presse", "media", "marketing", "billing",
    "accounts", "invoices", "facturacion", "finance", "orders", "pedidos", "bookings",
    "reservations", "reservas", "reception", "recepcion", "general", "enquiries", "inquiries",
    "partners", "partnerships", "noreply", "no-reply", "mail", "post", "buero", "bureau",
    "oficina", "ufficio", "segreteria", "secretaria", "events", "eventos", "compras", "achats",
    "einkauf", "acquisti", "export", "comercial", "commercial", "service", "servicio",
))


def _drop_team_addresses(person: Person) -> None:
    """"harpreet@acme… / send it to her team inbox too: jobs@acme…": a shared inbox is not
    the person's second address once one with their own name is known."""
    if len(person.emails) < 2 or not person.name:
        return
    own = [e for e in person.emails if local_part_matches(e.split("@")[0], person.name) >= 2]
    if not own:
        return
    kept = [e for e in person.emails if e in own or fold(e.split("@")[0]) not in _TEAM_LOCAL]
    if len(kept) < len(person.emails):
        person.emails = kept


# people (p-people5): words that name a kind of business and open its name ("Celler Mas
# Roig", "Bodegas Ruiz", "Viña Santa Rita", "Domaine Leroy", "Weingut Keller", "Tenuta San
# Guido", "Quinta do Crasto", "Hotel Arts", "Clínica Dental Sur"), in the parser's languages
_BUSINESS_NOUNS = (
    r"Celler|Cellers|Bodega|Bodegas|Viña|Viñedos|Vinyes|Domaine|Château|Maison|Weingut|"
    r"Tenuta|Cantina|Cantine|Fattoria|Quinta|Herdade|Adega|Finca|Hacienda|Granja|Masia|"
    r"Hotel|Hôtel|Hostal|Restaurante|Restaurant|Ristorante|Trattoria|Clínica|Clinica|"
    r"Clinique|Klinik|Hospital|Hôpital|Ospedale|Laboratorio|Laboratoire|Labor|Editorial|"
    r"Éditions|Edizioni|Verlag|Despacho|Bufete|Studio|Estudio|Taller|Atelier|Brauerei|"
    r"Brasserie|Cervecería|Birrificio|Caseificio|Oleificio|Frantoio|Fromagerie|Cooperativa|"
    r"Coopérative|Cooperative|Genossenschaft|Fundación|Fundació|Fondation|Fondazione|"
    r"Stiftung|Escola|Escuela|École|Scuola|Acadèmia|Academia|Farmacia|Farmàcia|Pharmacie|"
    r"Apotheke|Librería|Llibreria|Librairie|Libreria|Buchhandlung|Galería|Galeria|Galerie|"
    r"Galleria|Teatro|Teatre|Théâtre|Museo|Museu|Musée")
_TITLE_ENDS_IN_BUSINESS_NOUN = rx.compile(
    rf"(?P<ti>.+?)\s+(?:del|de la|de l['’]|de|della|dello|dell['’]|di|du|de la|des|da|do|dos|"
    rf"das|dels|of the|of|vom|von der|der|des)\s*(?P<noun>(?:{_BUSINESS_NOUNS})"
    # (an article or a saint's word of the name may follow: "Bodega Los Olivos")
    r"(?:\s+(?:Los|Las|El|La|Les|Le|Il|Lo|Do|Da|Dos|Das|Del|Di|San|Santa|Sant|Saint|"
    r"Sainte))?)$")


def _business_noun_opens_firm(text: str, person: Person) -> None:
    """"gerent del Celler Mas Roig": a title that ends in a word naming a kind of business,
    written right before the firm, gives that word back to the firm's name."""
    if not person.title or not person.company or not person.title[-1:].isalpha():
        return
    m = _TITLE_ENDS_IN_BUSINESS_NOUN.match(person.title)
    if not m or not TITLE_WORDS.search(m.group("ti")):
        return
    joined = f"{m.group('noun')} {person.company}"
    if joined in text:
        person.title, person.company = m.group("ti"), joined


# (start, end, person) of each "Jonas: Producer bei X, …" stretch of a note
_Given = list[tuple[int, int, Person]]


_GIVEN_COLON = rx.compile(r"[ \t]*:[ \t]*")
_GIVEN_DASH = rx.compile(r"[ \t]+[-–—][ \t]+")
# (p-people8) "Tobias' Handy:", "Janas Handy:", "Ben's cell:", "Ana's email:": a way to reach
# one of the people named, labelled with their given name; it labels the rest of its line only
_GIVEN_OWN_LABEL = rx.compile(
    r"(?:['’]s?|s)[ \t]+(?i:handy(?:nummer)?|mobil(?:nummer)?|mobile|cell|phone|number|"
    r"nummer|tel\.?|telefon|e-?mail|mail|whatsapp)[ \t]*(?::[ \t]*|(?=\+?\(?\d))")
# (p-people9: without the colon when the number follows: "Florians Nummer 0664 …")
_GIVEN_GAVE = rx.compile(
    r"[ \t]+(?:(?:only|just|also|nur|solo|sólo|seulement|só)[ \t]+)?(?:(?i:gave|handed|left|passed|"
    r"sent|shared|wrote down)[ \t]+me\b|(?i:mi ha (?:lasciato|dato|passato)|m['’]a (?:donné|"
    r"laissé|passé)|me (?:dio|dejó|pasó|deu|passou|deixou)|gab mir|hat mir|gaf me|heeft me|"
    r"deu|gave))")
# (p-multi10b: or a stop right after an address, blanked out in the text read here)
_SENTENCE_STOP = rx.compile(r"(?<=[a-zà-ÿ\d)]{2})[.!?](?:\s|$)|\n|(?<=   )[.!?](?=\s)")
_IS_OF = rx.compile(r"\s+(?:of|de|di|du|von)\s+(?=[A-ZÀ-Ý])")
_IS_BEFORE = rx.compile(r"[ \t](?:is|es|est|ist|è|é)[ \t]+(?:(?:the|a|an|la|el|le|der|die|il)"
                        r"[ \t]+)?$")
_GIVEN_IS = rx.compile(r"[ \t]+(?:is|es|est|ist|è|é)[ \t]+(?:(?:the|a|an|la|el|le|der|die|il)"
                       r"[ \t]+)?(?=\w)")


def _given_name_labels(text: str, people: list[Person]) -> _Given:
    """"Jonas Hoffmann und Lea Schulz kennengelernt. Jonas: Producer bei X. Lea: Art
    Director, +49 …": after naming several people, a note may label what it says of each
    with their given name; each stretch runs to the next such label or the paragraph's end."""
    named = [p for p in people if p.name and len(p.name.split()) >= 2]
    if len(named) < 2:
        return []
    firsts = [fold(p.name.split()[0]) for p in named if p.name]
    hits: list[tuple[int, int, Person, str]] = []  # (p-people8: and "labels its line only")
    for person, first in zip(named, firsts, strict=True):
        if firsts.count(first) > 1 or len(first) < 2:
            continue  # two people share the given name: it says nothing
        given = (person.name or "").split()[0]
        at = text.find(given, person.pos + 1)
        while at >= 0:  # str.find, not a pattern per name: no regex compiled per note
            m = _GIVEN_COLON.match(text, at + len(given))
            if not m and (at == 0 or text[at - 1] == "\n"):
                # (p-people5) opening a line, a dash labels as a colon does ("Pieter - CTO")
                m = _GIVEN_DASH.match(text, at + len(given))
            if not m:
                # (p-people5) and so does "is" ("Tom is CEO of X, Sue is CTO", "Marta es …")
                m = _GIVEN_IS.match(text, at + len(given))
            own = None if m else _GIVEN_OWN_LABEL.match(text, at + len(given))
            # (p-multi10) "Tom gave me a card with 619 …", "Giovanni mi ha lasciato il
            # cellulare: 347 …": what they handed over, to the end of that sentence
            gave = None if m or own else _GIVEN_GAVE.match(text, at + len(given))
            label = m or own or gave
            if label and not (at and (text[at - 1].isalnum() or text[at - 1] in "_.@-")):
                # (p-multi10b: a label of only a number inside a paragraph, its sentence)
                hits.append((at, label.end(), person, "line" if own else
                             "sentence" if gave or _labels_its_sentence(text, at, label.end())
                             else "para"))
            at = text.find(given, at + 1)
    # (p-multi10) "Frau Roth: a.roth@…, mobil 0160 …", "Mr Beckett:": a family name after
    # a form of address labels what follows as a given name does
    for person in named:
        family = (person.name or "").split()[-1]
        at = text.find(family, person.pos + len(person.name or ""))
        while at >= 0 and len(family) >= 2:
            m = _GIVEN_COLON.match(text, at + len(family))
            if m and _HONORIFIC_END.search(text, max(0, at - 8), at):
                hits.append((at, m.end(), person, "sentence" if _labels_its_sentence(
                    text, at, m.end()) else "para"))
            at = text.find(family, at + 1)
    hits += _sentences_opened_by_name(text, named, {h[0] for h in hits})
    hits.sort(key=lambda h: h[0])
    out: _Given = []
    for i, (_s, end, person, reach) in enumerate(hits):
        stop = hits[i + 1][0] if i + 1 < len(hits) else len(text)
        if reach == "sentence":
            m = _SENTENCE_STOP.search(text, end)
            para = m.start() if m else -1
        else:
            para = text.find("\n" if reach == "line" else "\n\n", end)
        stop = min(stop, para if para >= 0 else len(text))
        # (p-multi12) "Marcus introduced me to his colleague Jenna Kowalczyk … her cell is
        # 312 …": the stretch ends where another person of the note is named in it
        stop = min([p.pos for p in people if p is not person and end < p.pos < stop] + [stop])
        out.append((end, stop, person))
    return out


# (p-multi10b) "… Frau Roth: a.roth@…, mobil 0160 …", "Giovanni mi ha lasciato il cellulare:
# 347 …", "O Rui só deu o telemóvel: 912 …", "Iñaki solo el móvil, 655 …": a later sentence
# that opens with one person's given name or surname (perhaps after a form of address or an
# article) is about that person: the numbers and addresses in it are theirs
_SENTENCE_OPEN = rx.compile(
    r"(?:^|[.!?;]\s+|\n[ \t]*)(?:(?:" + "|".join(multilang.ADDRESS_WORDS) + r")\.?[ \t]+)?$")
_SENTENCE_CUT = rx.compile(r"[.!?;](?=\s+[A-ZÀ-Ý\n])|\n")


def _labels_its_sentence(text: str, at: int, end: int) -> bool:
    """(p-multi10b) "… vor. Verena: 0664 1234567. Dazu noch zwei Gründer …": a given name's
    label inside a running paragraph whose sentence holds only a way to reach them labels that
    sentence, not the rest of the paragraph."""
    if at == 0 or text[at - 1] == "\n" or (text[end - 1] != " " and text[end - 1] != ":"):
        return False
    cut = _SENTENCE_CUT.search(text, end)
    if cut is None or text[cut.start()] == "\n":
        return False
    colon = text.find(":", at, end)
    value = text[colon + 1 if colon >= 0 else end:cut.start()]
    # (an address is blanked out in the text read here: a value of blanks held one)
    return (bool(_REACH.search(value)) or (len(value) > 5 and not value.strip())) and \
        not re.search(r"[A-Za-zÀ-ÿ]{4,}", _REACH.sub("", value))


def _sentences_opened_by_name(text: str, named: list[Person], taken: set[int]
                              ) -> list[tuple[int, int, Person, str]]:
    keys: dict[str, list[Person]] = {}
    for person in named:
        words = [w for w in (person.name or "").split() if not _is_particle(w)]
        for key in {words[0], words[-1]}:
            if len(key) > 2 and key[:1].isupper():
                keys.setdefault(key, []).append(person)
    hits: list[tuple[int, int, Person, str]] = []
    for key, owners in keys.items():
        if len(owners) > 1:
            continue  # two people share the word: it says nothing
        person = owners[0]
        at = text.find(key, person.pos + len(person.name or ""))
        while at >= 0:
            end = at + len(key)
            if at not in taken and (end >= len(text) or not text[end].isalnum()) and \
                    _SENTENCE_OPEN.search(text, max(0, at - 12), at):
                hits.append((at, end, person, "sentence"))
            at = text.find(key, end)
    return hits


def _blank_others(text: str, given: _Given, person: Person) -> str:
    """`text` with the given-name stretches of everyone but `person` blanked out."""
    for start, end, owner in given:
        if owner is not person:
            text = text[:start] + " " * (end - start) + text[end:]
    return text


def _given_owner(given: _Given, pos: int) -> Person | None:
    return next((p for s, e, p in given if s <= pos < e), None)


def _roles_by_given_label(text: str, given: _Given) -> None:
    """The title and firm written in a person's given-name stretch ("Producer bei X")."""
    for start, end, person in given:
        if _IS_BEFORE.search(text, max(0, start - 16), start):
            continue  # "Tom is CEO of X": read as a sentence by _title_by_given_name
        pieces = [seg.strip() for seg in re.split(r"[,;]|\.\s", text[start:end])]
        pieces = [seg for seg in pieces if seg and not re.search(r"\d|@", seg) and
                  len(seg.split()) <= 6]
        if not pieces:
            continue
        info = read_card(pieces, None, person.emails[0] if person.emails else None,
                         lambda _seg: [])
        title = _tidy_title(info.title) if info.title else None
        if title and not person.title:
            person.title = title
            if info.company and not person.company and not TITLE_WORDS.search(info.company):
                person.company = _tidy_company(info.company)


def _in_colon_list(text: str, line_start: int, pos: int) -> bool:
    """"Two from Slush:\nErik Lind, …\nSara Holm - his cofounder": a name opening a line
    of a block under a heading that ends with a colon is one of a list of people."""
    if text[line_start:pos].strip() or line_start == 0:
        return False
    above = text[max(0, line_start - 600):line_start - 1].split("\n")
    for line in reversed(above[-6:]):
        if not line.strip():
            return False
        if line.rstrip().endswith(":"):
            return True
    return False


def _opens_line(text: str, person: Person) -> int | None:
    """Where the line starts that `person`'s name opens (after a list mark or a form of
    address), with something said after the name; None when the name stands elsewhere."""
    if not person.name or not person.strong:
        return None
    line_start = text.rfind("\n", 0, person.pos) + 1
    line_end = text.find("\n", person.pos)
    rest = text[person.pos + len(person.name):line_end if line_end >= 0 else len(text)]
    if not _ITEM_PREFIX.fullmatch(text[line_start:person.pos]) or not rest.strip(" \t,;-–—") \
            or rest.rstrip().endswith(":"):
        return None  # ("Fakuma Friedrichshafen, am Dienstag:" heads the list)
    return line_start


def _mark_name_lines(text: str, people: list[Person]) -> None:
    """people (p-people7): "Ana Ruiz, CFO⏎Luis Paz, 600 …⏎Eva Sol - legal": lines one under
    another that each open with a person's name and say something of them are a list of
    people, with or without list marks or a heading's colon; each of them is one of the list,
    kept even with a role only."""
    starts = {start: p for p in people if (start := _opens_line(text, p)) is not None}
    for start, person in starts.items():
        above = text.rfind("\n", 0, max(start - 1, 0)) + 1 if start else None
        below = text.find("\n", start)
        if (above is not None and above in starts and starts[above] is not person) or \
                (below >= 0 and below + 1 in starts):
            person.listed = True


def _worth_keeping(people: list[Person], require_details: bool) -> list[Person]:
    """Drop people named in passing: with no address or phone, a name alone is kept only
    when it is all the note has, or it says who they are (a title or a company)."""
    detailed = [p for p in people if p.emails or p.phones]
    if require_details:
        return detailed
    if detailed:
        return [p for p in people if p.emails or p.phones or p.listed or p.in_list or
                (p.strong and p.name and (p.company or p.title or (p.met and _full_name(p.name))))]
    # no one to reach: everyone the note says who they are, lists or met, else the one name
    described = [p for p in people if p.strong and p.name and (
        p.company or p.title or p.listed or (p.met and _full_name(p.name)))]
    return described or [p for p in people if p.strong and p.name][:1]


def _full_name(name: str) -> bool:
    """p-multi12: a given and a family name, capitalised, that the wording marks as someone
    met ("her boss Colin Ward", "Grace Kim introduced me to …"): a person of the note even
    with no way to reach them (a given name alone may be anyone talked about)."""
    words = name.split()
    if name.islower():  # (typed in lower case: the wording that found it was strict)
        return True
    return len(words) >= 2 and all(w[:1].isupper() for w in words if not _is_particle(w))


_LINKISH = rx.compile(r"(?:https?://|www\.)\S+|\S*linkedin\.com/\S*", re.IGNORECASE)


_DISPLAY = rx.compile(r"(?:^|[\n,;:(]|\s-\s)\s*\"?([^\"<>\n,;:()@]{2,60}(?:,[^\"<>\n,;:()@]"
                      r"{2,40})?)\"?\s*<$")


def _display_name(text: str, pos: int) -> str | None:
    """The display name of `Name <addr>` or `"Doe, Jane" <addr>` written in a note."""
    before = text[max(0, pos - 80):pos]
    m = _DISPLAY.search(before)
    if not m:
        return None
    name = m.group(1).strip()
    words = name.replace(",", " ").split()
    if not 1 <= len(words) <= 5 or not all(w[:1].isupper() for w in words):
        return None
    return name


_SEND_TO = rx.compile(r"\b(?:send|sending|forward|mail|email|submit)\b[^.\n@]{0,50}\bto\s*$",
                      re.IGNORECASE)


def _known_person(people: list[Person], email: str) -> bool:
    """The address spells the name of someone the note already names."""
    local = email.split("@")[0]
    return any(p.name and local_part_matches(local, p.name) >= 2 for p in people)


def _mask_addresses(text: str) -> str:
    """`text` with emails and URLs blanked out, positions kept: they hold no names."""
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    masked = urls.EMAIL_RE.sub(blank, text)
    return _LINKISH.sub(blank, masked)


def _labelled_name(people: list[Person], labels: dict[str, list[tuple[str, int]]],
                   pos: int) -> tuple[int, str] | None:
    """An address on a labelled `Email:` line belongs to the labelled `Name:`."""
    if "name" not in labels or not people:
        return None
    if not any(p <= pos < p + len(v) + 1 for v, p in labels.get("email", [])):
        return None
    value, at = _block_name(labels, pos)
    return at, value


def _block_name(labels: dict[str, list[tuple[str, int]]], pos: int) -> tuple[str, int]:
    """The `Name:` label of the block `pos` stands in: the last one before it (p-people9:
    "Name: Ana Ruiz … Email: … / Name: Bo Lind … Email: …" are two people)."""
    names = labels["name"]
    return next((n for n in reversed(names) if n[1] <= pos), names[0])


_INTRO_WORD = rx.compile(r"(?:\b(?:for|with|to|named|called|is|meet|met|contact|add)\s+|^\s*)$",
                         re.IGNORECASE)


def _name_the_nameless(text: str, people: list[Person], owner_keys: set[str]) -> None:
    """Details written before any name ("cell 206..., that's for Joe Marsh"): when the note
    names no one the usual ways, the first name it introduces is theirs."""
    nameless = [p for p in people if not p.name]
    if not nameless or any(p.name for p in people):
        return
    for s, e in _name_spans(text, max_words=3):
        cand = text[s:e]
        words = cand.split()
        if len(words) < 2 or not all(w[:1].isupper() for w in words if not _is_particle(w)):
            continue
        if COMPANY_SUFFIX.search(cand) or TITLE_WORDS.search(cand) or letters(cand) in owner_keys:
            continue
        if _INTRO_WORD.search(text[max(0, s - 20):s]) and not re.match(r"\s+[A-Z]", text[e:]):
            nameless[0].name = cand
            # their stretch of the note (title, company) starts where they are named
            nameless[0].pos = min(nameless[0].pos, s)
            people.sort(key=lambda p: p.pos)
            return


def _owner_of_position(people: list[Person], pos: int) -> Person | None:
    """The person named most recently before `pos` (details follow the name they belong to)."""
    before = [p for p in people if p.pos <= pos]
    if before:
        return max(before, key=lambda p: p.pos)
    return min(people, key=lambda p: p.pos) if people else None


def _owner_line(text: str, pos: int, ctx: NoteContext) -> bool:
    """A number on one line with the owner's address or site is hers (a signature line)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)].lower()
    return any(e in line for e in ctx.owner_emails) or any(
        h and re.search(rf"(?<![\w.-]){re.escape(h)}\b", line) for h in ctx.owner_hosts)


def _assign_phones(text: str, ctx: NoteContext, people: list[Person],
                   copy_spans: list[tuple[int, int]], labels: dict[str, list[tuple[str, int]]],
                   given: _Given) -> None:
    for e164, start, _end in ctx.phone_spans(text):
        if e164 in ctx.owner_phones or _inside(start, copy_spans) or _owner_mentioned(text, start):
            continue
        if _owner_line(text, start, ctx):
            continue
        person = _given_owner(given, start) or _owner_of_position(people, start)
        if person is None:
            person = _merge_into(people, start, None, False)
        if e164 not in person.phones:
            person.phones.append(e164)


def _assign_links(text: str, ctx: NoteContext, people: list[Person],
                  copy_spans: list[tuple[int, int]]) -> None:
    if not people:
        return
    for raw in urls.find_urls(text):
        pos = text.find(raw)
        if _inside(pos, copy_spans) or urls.url_host(raw) in ctx.owner_hosts:
            continue
        person = _owner_of_position(people, pos)
        if person is None:
            continue
        li = urls.linkedin_url(raw)
        if li:
            person.linkedin = person.linkedin or li
            continue
        site = urls.website_url(raw)
        if site and not any(urls.url_host(site) == e.split("@")[1] and False
                            for e in person.emails):
            person.website = person.website or site
    for li in ctx.extra_linkedins:
        slug = letters(li.rsplit("/in/", 1)[-1])
        for person in people:
            toks = name_tokens(person.name or "")
            if toks and any(len(t) >= 3 and t in slug for t in toks) and not person.linkedin:
                person.linkedin = li
                break


def _assign_roles(text: str, people: list[Person], labels: dict[str, list[tuple[str, int]]],
                  given: _Given | None = None) -> None:
    """Title, company and address of each person, from the stretch of the note that is
    theirs (less what a given-name label gives someone else), then what the whole note says
    (roles by first name, `Field:` labels)."""
    for idx, person in enumerate(people):
        own = _blank_others(text, given or [], person)
        zone_start, nxt = _zone_bounds(own, people, idx)
        zone = own[zone_start:max(nxt, person.pos + 1)]
        _role_in_prose_before(own, person)  # (p-multi10b: the prose's role comes first)
        weak_company = _roles_after_name(own, zone, person)
        _role_before_name(own, person)
        _article_role_before(own, person)
        _roles_in_sentences(zone, person, weak_company)
        _lower_case_roles(own, person)
        if person.name and _needs_card(person):
            _read_card_block(own, person, zone_start, nxt)
        if not person.company:
            person.company = _heading_firm(own, person, people)
        _fallback_company_and_address(own, zone, person, people)
        if person.company:
            person.company = _with_form_after(zone, person.company)
            _with_family_word_before(zone, person)
    for person in people:
        if person.name and not person.title:
            _title_by_given_name(text, person, people)
    for person in people:
        _drop_company_from_title(person)
        _title_without_copula(person)
    if people and len(labels.get("name", [])) > 1:
        _apply_block_labels(people, labels)
    elif people:
        _apply_labels(_labelled_person(people, labels), labels)


# "two people from Gintarinė Pay UAB:", "dues persones de Filatures S.A.:", "los de Agave
# Digital. Gente a seguir:": the firm a list's heading names
_HEADING_FIRM = rx.compile(
    # (p-multi11b: the German genitive too, "drei Leute der Feldmann GmbH getroffen:")
    r"\b(?:from|From|of|at|de|di|da|do|von|vom|bei|van|z|chez|der|des|"
    # (p-multi12b) a heading opened by the preposition: "Bei X GmbH:", "De X S.L.:", "Per X:"
    r"Von|Vom|Bei|Beim|Chez|De|Del|Di|Da|Do|Per|per|Bij|bij|Uit|Aus|beim)\s+"
    r"(?:la\s+|el\s+|los\s+|las\s+|der\s+)?"
    r"(?P<co>[A-ZÀ-Ý][\w&'’.\u2024-]*(?:\s+(?:[A-ZÀ-Ý&][\w&'’.\u2024-]*|(?:del|de|y|i|e|und|z)\b|"
    r"o\.o\.|o\u2024o\u2024))*)")


# "two from Hallgrim AS:", "trois contacts de Kestrel :", "drei Leute von Brandt:": a count or
# a word for people right before the firm says the whole group works there
_GROUP_BEFORE = rx.compile(
    r"\b(?:\d{1,2}|two|three|four|five|both|several|people|folks|guys|contacts?|team|those|all|"
    r"everyone|everybody|"

    r"quelli|quelle|ceux|celles|los|las|aqueles|aquelas|"
    r"zwei|drei|vier|fünf|beide|leute|kontakte|personen|deux|trois|quatre|cinq|personnes|"
    r"dos|tres|cuatro|cinco|personas|contactos|due|tre|quattro|cinque|persone|contatti|"
    r"dois|duas|três|pessoas|contatos|dues|persones|twee|drie|vier|mensen|dwie|dwóch|trzy|"
    r"osoby|två|personer|"
    # (p-multi12b) a word for a firm's people in the other languages: "el equipo de X:",
    # "l'équipe de X :", "o pessoal da X:", "l'equip de X:", "i ragazzi di X:", "der Stand von X:"
    r"equipo|equipa|équipe|equipe|equip|pessoal|personal|gente|squadra|ragazzi|mannschaft|"
    r"jungs|stand|estand|estande|standje)\s+(?:de\s+)?$", re.IGNORECASE)


def _list_heading(text: str, person: Person, items: frozenset[int] = frozenset()
                  ) -> str | None:
    """The line that opens the list `person` is an item of, or the words before a colon
    earlier on the person's own line ("w/ two from Kovač d.o.o.: Ana Horvat, ..."); `items`
    are the starts of lines that a listed person's name opens."""
    line_start = text.rfind("\n", 0, person.pos)
    if not person.listed:
        colon = text.rfind(":", line_start + 1, person.pos)
        return text[line_start + 1:colon + 1] if colon > 0 else None
    while line_start > 0:
        prev_start = text.rfind("\n", 0, line_start) + 1
        line = text[prev_start:line_start]
        if not _LIST_MARK.match(line) and prev_start not in items:
            break
        line_start = prev_start - 1
    else:
        return None
    heading = text[text.rfind("\n", 0, line_start) + 1:line_start]
    if not heading.strip() and line_start > 0:
        # multi (p-multi11): a blank line may stand between the heading ("two people from
        # Alder Motion:") and its list
        above = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
        if above.rstrip().endswith(":"):
            return above
    return heading


def _heading_firm(text: str, person: Person, people: list[Person]) -> str | None:
    """A listed person's firm from the line that opens the list, when it has a legal form,
    the address of someone in the list spells it, or the heading says the group is from it."""
    items = frozenset(start for p in people if p.listed
                      and (start := _opens_line(text, p)) is not None)
    heading = _list_heading(text, person, items)
    if not heading:
        return None
    group_firm = _group_firm(heading)
    if group_firm:
        return group_firm
    if not re.search(r":\s*$", heading):
        return None
    from followup.parsing.signature import domain_label

    labels = {domain_label(e) for p in people if p.listed or p is person for e in p.emails}
    for m in _HEADING_FIRM.finditer(heading):
        form = _BEFORE_FORM.match(heading, m.end("co"))  # "Vesuvio Packaging srl:", whole
        raw = heading[m.start("co"):form.end()] if form else m.group("co")
        raw += _form_after(heading, m.start("co") + len(raw))  # "Daeho Co., Ltd."
        # "Agave Digital. Gente a seguir": a full stop after a word ends the firm's name
        co = _tidy_company(re.split(r"(?<=[a-zà-ÿ]{2})\.\s", raw)[0])
        if not co or _is_place(co):
            continue
        key = letters(co)
        # (a heading that only counts the group, "two from X:", is read by _group_firm)
        if LEGAL_FORM.search(co) or any(len(key) >= 4 and label.startswith(key)
                                        for label in labels):
            return co
    return None


# people (p-people7): "the Halvard Studios folks:", "the Kestrel team", "quelli di X", "3 from
# X" ending the heading line (a colon or not): the firm the whole group below works for
_GROUP_THE_FIRM = rx.compile(
    r"(?:\b(?i:the)\s+|(?:^|(?<=[.!?:]\s)|(?<=\n))(?=[^\n]*['’]s\s+\w+[\s,.:;!—–-]*$))(?P<co>[A-ZÀ-Ý][\w&'’.\u2024-]*(?:\s+[A-ZÀ-Ý&][\w&'’.\u2024-]*){0,4})\s+"
    # (p-multi10: and "Cobaltline's team:", a firm's own people)
    r"(?:['’]s\s+)?(?i:folks|team|people|crew|gang|lot|guys|contingent|delegation)[\s,.:;!—–-]*$")


# multi (p-multi11): a heading line that opens with "from" ("From Qamar Logistics (all at
# their booth):", "from Bluefin Analytics:") says where the whole list under it is from
_FROM_OPENS = rx.compile(rf"[ \t]*{_MARK}?[ \t]*(?i:(?:all|both|everyone|everybody)[ \t]+)?"
                         # (p-multi12b) and its words in the other languages, "at" and "for"
                         # too: "Bei X GmbH:", "Chez X :", "De X S.L.:", "Per X S.r.l.:",
                         # "Van X:", "Da X Lda.:", "Von der X:"
                         r"(?i:from|von|vom|bei|beim|chez|de[ \t]+chez|de|del|per|da|di|"
                         r"bij|uit|aus)[ \t]")
_LOWER_BRACKET = rx.compile(r"[ \t]*\([ \t]*(?-i:[a-zà-ÿ])[^()\n]{0,50}\)[ \t]*:[ \t]*")
_LOWER_TAIL = rx.compile(r"[ \t]*,?[ \t]+(?-i:[a-zà-ÿ])[a-zà-ÿ\s,'’-]{0,60}[:—–-][ \t]*")


# a small count of people, in the parser's languages ("drei", "tre", "dues", "3")
_SMALL_COUNT = (r"(?:two|three|four|zwei|drei|vier|deux|trois|quatre|dos|tres|cuatro|due|tre|"
                r"quattro|dois|duas|três|quatro|twee|drie|dues|[2-9])")


# (p-multi11b) a heading that is a firm, then a bracket counting the group: "Spedition Roth
# GmbH (alle drei):", "Domaine Viret (les deux) :", "Aceros Sur S.L. (los dos):", "Kite Labs
# (both):", "Studio Neri (tutti e tre):"
_GROUP_COUNT = (
    r"(?i:(?:alle|all|both|"
    r"beide|tous|toutes|tous les|toutes les|les|los|las|tots|totes|tutti|tutte|tutti e|tutte e|"
    r"todos|todas|todos os|todas as|os|as|allebei|alle|ambos|ambas|entrambi|entrambe|"
    r"ambdós|ambdues)(?:[ \t]+" + _SMALL_COUNT + r")?|"
    + _SMALL_COUNT + r"(?:[ \t]+\w+)?)")
# (p-multi12b) or after a comma: "Leitner Kunststoff GmbH, alle drei:", "X SARL, tous les trois :"
_FIRM_COUNTED = rx.compile(
    r"(?:^|\n)[ \t]*(?P<co>(?-i:[A-ZÀ-Ý])[^\n():;,]{1,60}?)[ \t]*(?:\([ \t]*" + _GROUP_COUNT +
    r"[ \t]*\)|,[ \t]*" + _GROUP_COUNT + r")[ \t]*:[ \t]*$")


# multi (p-multi11): a heading that is only a firm, perhaps with a word for its people
# ("Quarry Labs team:", "Harbor Logistics: Mike Dunn, …"); a firm without "team" must have a
# firm's word or legal form in it (a bare "Acme:" may be anything)
_BARE_FIRM_HEADING = rx.compile(
    rf"[ \t]*{_MARK}?[ \t]*(?P<co>(?-i:[A-ZÀ-Ý])[\w&'’.-]*(?:[ \t]+(?:&|(?-i:[A-ZÀ-Ý])[\w&'’.-]*))"
    r"{0,3})(?P<team>[ \t]+(?i:team|folks|crew|people|guys|contingent|delegation))?[ \t]*:[ \t]*")
_GROUP_NOT_FIRM = frozenset({"our", "my", "their", "the", "leadership", "management",
                             "executive", "exec", "board", "core", "founding", "project",
                             "dev", "tech", "new", "key", "other", "local", "host", "event"})


def _group_firm(heading: str) -> str | None:
    """The firm a heading says the whole group is from, when it ends the heading's line."""
    counted = _FIRM_COUNTED.search(heading)
    if counted:
        co = _tidy_company(counted.group("co"))
        if co and not _is_place(co) and not _is_event(co):
            return co
    m = _GROUP_THE_FIRM.search(heading)
    if m:
        co = _tidy_company(re.sub(r"['’]s$", "", m.group("co")))
        return co if co and not _is_place(co) else None
    bare = _BARE_FIRM_HEADING.fullmatch(heading)
    if bare and not _FROM_OPENS.match(heading):  # ("Bei X GmbH:": the firm after "bei")
        co = _tidy_company(bare.group("co"))
        if co and not _is_place(co) and not _is_event(co) and \
                not DEPARTMENT_ONLY.fullmatch(co) and not TITLE_WORDS.search(co) and \
                fold(co.split()[0]) not in _GROUP_NOT_FIRM and (
                    bare.group("team") or _firm_like(co)):
            return co
    for m in _HEADING_FIRM.finditer(heading):
        group_before = _GROUP_BEFORE.search(heading, 0, m.start()) is not None
        if not group_before and not _FROM_OPENS.match(heading):
            continue
        form = _BEFORE_FORM.match(heading, m.end("co"))
        raw = heading[m.start("co"):form.end()] if form else m.group("co")
        raw += _form_after(heading, m.start("co") + len(raw))
        # (p-people9: a dash may end it too: "met 3 people from X —")
        rest = heading[m.start("co") + len(raw):]
        # multi (p-multi9): or lower-case words with no other name may follow it ("two from
        # X at the fintech summit:", "zwei von X, beide sehr interessiert:")
        # (p-multi11: or a bracket of lower-case words, "From X (all at their booth):")
        trailing = bool(_LOWER_TAIL.fullmatch(rest) or _LOWER_BRACKET.fullmatch(rest))
        if not group_before and not (_LOWER_BRACKET.fullmatch(rest) or
                                     re.fullmatch(r"[ \t]*:[ \t]*", rest)):
            continue  # ("From Saturday's Collision Toronto afterparty:": an event, not a firm)
        if not trailing and not re.fullmatch(r"[\s,.:;!—–-]*", rest):
            continue  # the firm must end the heading ("3 from X", "drei Leute von X:")
        co = _tidy_company(re.split(r"(?<=[a-zà-ÿ]{2})\.\s", raw)[0])
        if co and trailing and not _is_place(co) and not _is_event(co):
            return co
        # ("Two from Slush:": one bare word may be the event they came from)
        if co and not _is_place(co) and not _is_event(co) and (
                len(co.split()) >= 2 or _firm_like(co) or LEGAL_FORM.search(co)):
            return co
    return None


def _zone_bounds(text: str, people: list[Person], idx: int) -> tuple[int, int]:
    """Where person `idx`'s stretch of the note starts (their line, or their name when
    someone else opens the line) and where the next person's begins."""
    person = people[idx]
    nxt = people[idx + 1].pos if idx + 1 < len(people) else len(text)
    zone_start = text.rfind("\n", 0, person.pos) + 1 if person.name else person.pos
    if idx > 0 and people[idx - 1].pos >= zone_start:
        zone_start = person.pos  # someone else opens this line: start at this name
    # multi (p-multi9): the next person's line is theirs from its start, also before their
    # name ("Stand 318 (Papyra) - Nina Sorel, …": the heading of their line is not ours)
    next_line = text.rfind("\n", person.pos, nxt) + 1
    if idx + 1 < len(people) and next_line > person.pos and \
            not _ITEM_PREFIX.fullmatch(text, next_line, nxt):
        nxt = next_line
    # (and their introduction is theirs: "… + a designer named felix", "… and their analyst
    # Rhea Mont": the words that say who they are end our stretch)
    if idx + 1 < len(people) and people[idx + 1].name and nxt == people[idx + 1].pos:
        m = _ROLE_THEN_NAME.search(text, max(person.pos + len(person.name or ""), nxt - 50), nxt)
        if m and (m.group("own") or _NAMED_END.search(m.group(0))) and not m.group("appo"):
            nxt = m.start() + 1
    return zone_start, nxt


# people (p-people8): the brothers or sons a family firm is named for, before its name
# ("Gebr. Hartl Metallbau GmbH", "Fratelli Bassi SpA", "Hermanos Ibarra S.L.")
_FAMILY_WORD_BEFORE = rx.compile(
    r"(?:\b(?:Gebr|Hnos|Hmnos)[.\u2024]|\bF[.\u2024]lli|\b(?:Gebrüder|Gebroeders|Fratelli|"
    r"Hermanos|Irmãos|Germans|Frères))[ \t]+$")


def _with_family_word_before(zone: str, person: Person) -> None:
    """"CTO Fratelli Bassi SpA" with the firm read as "Bassi SpA" (from the address's domain,
    say): the family word is the firm's, not the end of the title."""
    company = person.company or ""
    at = zone.find(company) if company else -1
    m = _FAMILY_WORD_BEFORE.search(zone, max(0, at - 16), at) if at > 0 else None
    if not m:
        return
    word = restore(m.group(0).strip()) or ""
    person.company = f"{word} {company}"
    title = restore(person.title) or ""
    if title.endswith(word):
        person.title = _tidy_title(title[:-len(word)]) or None


def _lower_case_roles(text: str, person: Person) -> None:
    """people (p-people8): "marco gil responsabile acquisti di ceramiche sud srl alla fiera":
    after a name written in lower case, the title and firm as lowercase.title_and_firm reads
    them; they replace a title that swallowed the firm."""
    name = person.name or ""
    at = person.pos + len(name)
    if not name or name != name.lower() or fold(text[person.pos:at]) != fold(name) or (
            person.title and person.company):
        return
    found = lowercase.title_and_firm(text[at:at + 200])
    if not found:
        return
    title, firm = found
    if firm and (not person.title or firm in person.title):
        person.title = _tidy_title(title)
        person.company = person.company or _tidy_company(firm)
    elif not person.title:
        person.title = _tidy_title(title)


_COLON_NEXT = rx.compile(r"[ \t]*[:=](?=[ \t]+[^\W\d_])")


def _colon_after(name: str, zone: str) -> bool:
    """`name` is somewhere followed by a colon (or "=") and a word (what `_roles_after_name`'s colon
    pattern needs after the name)."""
    at = zone.find(name)
    while at >= 0:
        if _COLON_NEXT.match(zone, at + len(name)):
            return True
        at = zone.find(name, at + 1)
    return False


def _roles_after_name(text: str, zone: str, person: Person) -> bool:
    """Title and company written right after the name ("Jane Roe, CTO at Acme"). True when
    the company is only "at X" (an employer or the place, until a role says)."""
    weak_company = False
    if not person.name:
        return weak_company
    name = _written_name(text, person)
    # (p-multi11b) "Rocío Gil: directora técnica, rocio@…" opening a list's line: the colon
    # after the name says who they are as a comma does (same length, positions kept)
    # (p-lang12: and so does "=", "hanne = CFO bei …", as a phone's note assigns a role); the
    # pattern names the person, so it is compiled (about 1 ms) only when a colon follows
    # the name somewhere
    if _colon_after(name, zone):
        zone = re.sub(
            rf"(?m)^([ \t]*(?:{_MARK}[ \t]+)?{re.escape(name)}[ \t]*)[:=](?=[ \t]+[^\W\d_])",
            r"\1,", zone)
    for role in _roles_after(name, zone):
        groups = role.groupdict()
        if groups.get("ti") and groups.get("co") and not _tidy_title(groups["ti"]) \
                and not TITLE_WORDS.search(groups["co"]):
            continue  # "- we met at the expo": no role, so no employer either
        if groups.get("ti") and groups.get("co") and _CLAUSE_DASH.search(groups["ti"]):
            continue  # "CTO - met at the devfest": the firm's place is the next clause's
        if groups.get("co") and set(name_tokens(groups["co"])) <= set(
                name_tokens(person.name)):
            continue  # "Zhang Wei (Wei)": a nickname, not the employer
        if role.re is _TITLE_THEN_FIRM and (not _tidy_title(groups["ti"]) or TITLE_WORDS.search(
                groups["co"]) or _is_place(groups["co"])):
            continue  # "CEO, Head of X" or "founder, Lyon": a second title or a city
        if role.re is _BRACKET_TITLE_FIRM and (not _tidy_title(groups["ti"]) or TITLE_WORDS.search(
                groups["co"]) or _is_place(groups["co"].strip())):
            continue  # "(Accra Cocoa Co, Co-founder)", "(CTO, Lyon)": not a title then a firm
        if role.re is _FIRM_THEN_CONTACT:
            continue  # the weakest reading: only when nothing else names a firm (below)
        owned = _POSSESSIVE_ROLE.fullmatch(groups["co"]) if role.re is _IN_BRACKETS else None
        if owned and _tidy_title(owned.group("ti")):
            # "(Currach Labs' CTO)", "(Nimbus's head of data)": the owner is the employer
            person.title = person.title or _tidy_title(owned.group("ti"))
            person.company = person.company or _tidy_company(owned.group("co"))
            continue
        if role.re is _IN_BRACKETS and TITLE_WORDS.search(groups["co"]) and \
                "," not in groups["co"] and not COMPANY_SUFFIX.search(groups["co"]):
            person.title = person.title or _tidy_title(groups["co"])
            continue
        if role.re is _IN_BRACKETS and DEPARTMENT_ONLY.fullmatch(groups["co"].strip()):
            # (p-people7) "Hana Ito (claims ops)", "Lea Roth (Einkauf)": the team they work
            # in, not a firm
            person.title = person.title or groups["co"].strip()
            continue
        # "Marie Roy at C2 Montréal, VP Marketing, Érable Média inc.": a role with its firm
        # replaces what "at X" gave
        replace_weak = weak_company and bool(groups.get("ti")) and \
            _tidy_title(groups["ti"]) is not None
        if groups.get("co") and (not person.company or replace_weak):
            if replace_weak:
                person.title = None
            # "Alice Tan at Google I/O": an employer or the place, until a role says
            weak_company = bool(re.match(r"\s+(?:at|@)\s", role.group(0)))
            co = groups["co"]
            if weak_company and (_is_event(co) or _is_venue(co)):
                continue  # "Valentina Rojas at Startup Chile demo day", "at Cafe Z": where
                # they met
            if weak_company and not _firm_like(co) and _RAN_INTO.search(
                    text, max(0, person.pos - 40), person.pos):
                continue  # "ran into Tom Hale at Disrupt": one runs into people at a place
            if re.match(r"\s+(?:at|@|from|frm)\s", role.group(0), re.IGNORECASE) and \
                    _WHEN_AFTER.match(zone, role.end("co")) and not _firm_like(co):
                continue  # "Sanna Virtanen from Slush Helsinki last night": an event then
            if groups.get("ti") and not person.title and role.start("co") > role.end("ti"):
                ti, co = _title_and_firm(groups["ti"], co,
                                         zone[role.end("ti"):role.start("co")].strip(), zone,
                                         role.end("co"))
                person.title = _tidy_title(ti)
            head, sep, tail = co.partition(",")
            # "(Einkauf, Kranwerk GmbH)": before a firm with its legal form, the role
            if sep and not person.title and (TITLE_WORDS.match(head.strip()) or (
                    LEGAL_FORM.search(tail) and not LEGAL_FORM.search(head))):
                person.title, co = _tidy_title(head), tail
            elif sep and role.re is _IN_BRACKETS and not TITLE_WORDS.search(head) and \
                    _tidy_title(tail) and not LEGAL_FORM.search(tail):
                # "(Kisumu Agri Hub, founder)": the firm, then the role
                person.title, co = person.title or _tidy_title(tail), head
            person.company = _tidy_company(co)
        if groups.get("ti") and not person.title:
            person.title = _tidy_title(groups["ti"])
        if groups.get("pre") and not person.title:
            pre = re.split(r"\b(?:with|met|the|an?|their|to)\s+", groups["pre"])[-1]
            person.title = _tidy_title(pre)
    return weak_company


@functools.lru_cache(maxsize=4096)
def _is_place(phrase: str) -> bool:
    """A city or country the parser knows ("Lyon", "Ciudad de México", "Kenya")."""
    from followup.parsing.phones import city_spans, country_code_for

    phrase = phrase.strip()
    if len(phrase) == 2 and not phrase.isupper():
        return False  # (p-people4) "Ka", "Li", "Wu": a name's syllable; a code is "UK", "DE"
    return bool(country_code_for(phrase)) or any(
        s == 0 and e == len(phrase) for s, e in city_spans(phrase))


# people (p-people10): a role right before the name, after an article, a possessive, a
# joining word or punctuation, in the note's languages ("mit der Vertriebsleiterin Carola
# Brandt", "con la responsable de compras Nuria Pons", "il direttore commerciale Ugo Neri",
# "avec le DG, Paul Martin", "mit Vertriebsleiterin Anna Roth"): the title is the role
# (the possessives are lexicon's, one table: "ihr", "son", "su", "zijn", "our" ...)
_ROLE_OPENERS = _POSSESSIVES | frozenset({
    "the", "der", "die", "den", "dem", "des", "la", "le", "el", "il", "lo", "het", "de", "o",
    "a", "l'", "l’", "mit", "with", "avec", "con", "amb", "com", "met", "and", "und", "et", "y",
    "e", "i", "sowie", "plus", "un", "une", "una", "uno", "ein", "eine", "einem", "einen", "an"})
_ROLE_LINKS = frozenset({"of", "de", "des", "du", "di", "del", "für", "for", "and", "&", "y",
                         "et", "und", "e", "i", "van", "voor", "d'", "z"})
_ROLE_STOP = rx.compile(r"[.;:()\n!?,]")


def _role_words_before(text: str, pos: int) -> str | None:
    """The role phrase standing right before `pos`, or None."""
    before = text[max(0, pos - 60):pos].rstrip(" \t")  # (a line's end stops a role)
    before = before[:-1].rstrip(" \t") if before.endswith(",") else before
    stop = max((m.end() for m in _ROLE_STOP.finditer(before)), default=0)
    words = before[stop:].split()
    k = len(words)
    while k > 0 and len(words) - k < 5:
        w = words[k - 1]
        if not (TITLE_WORDS.fullmatch(w) or DEPARTMENT_ONLY.fullmatch(w) or
                fold(w) in _ROLE_LINKS or (w.isupper() and 2 <= len(w) <= 4) or
                # (an adjective after its title word: "directrice financière")
                (w.islower() and k >= 2 and TITLE_WORDS.fullmatch(words[k - 2]) is not None)) or \
                (fold(w) in _ROLE_OPENERS and fold(w) not in _ROLE_LINKS):
            break
        k -= 1
    role = words[k:]
    while role and fold(role[0]) in _ROLE_LINKS:
        role = role[1:]
    if not role or fold(role[-1]) in _ROLE_LINKS or not TITLE_WORDS.match(role[0]):
        return None
    if k > 0 and fold(words[k - 1]) not in _ROLE_OPENERS:
        return None  # "the expo Jane Roe", "Acme CEO Jane": not a role said of them
    if k > 0 and fold(words[k - 1]) in _POSSESSIVES and _PEER.fullmatch(" ".join(role)):
        return None  # "ihr Mitgründer Felix", "son associé Tom": how they relate, no title
    return " ".join(role)


def _article_role_before(text: str, person: Person) -> None:
    if not person.name or person.title:
        return
    # (the person may have been placed where a longer run began: "Projektleiterin Eva Roth")
    at = text.find(person.name, person.pos, person.pos + 60 + len(person.name))
    role = _role_words_before(text, at if at >= 0 else person.pos)
    if role:
        person.title = _tidy_title(role)


def _role_before_name(text: str, person: Person) -> None:
    """"Acme's CFO Jane Roe": before the name, so outside its zone."""
    m = _POSSESSIVE_BEFORE.search(text, max(0, person.pos - 80), person.pos) \
        if person.name else None
    if m and not person.title and not person.company:
        person.title = _tidy_title(m.group("ti"))
        person.company = _tidy_company(m.group("co")) if person.title else None
    m = _THEIR_ROLE_BEFORE.search(text, max(0, person.pos - 50), person.pos) \
        if person.name and not person.title else None
    if m and TITLE_WORDS.search(m.group("ti")) and not _PEER.fullmatch(m.group("ti").strip()):
        person.title = _tidy_title(m.group("ti"))  # "also his CTO, Lars Jensen"
    after = text[person.pos + len(person.name or ""):person.pos + len(person.name or "") + 80]
    m = _THEIR_ROLE_AFTER.match(after) if person.name and not person.title else None
    if m and TITLE_WORDS.search(m.group("ti")) and not _PEER.fullmatch(m.group("ti").strip()):
        person.title = _tidy_title(m.group("ti"))  # "Luca Fontana, il suo direttore commerciale"


def _role_in_prose_before(text: str, person: Person) -> None:
    """(p-multi10b) "la directora de compras de Transportes Norte, Marta Gil", "le DG, Paul
    Martin", "inkoper Pieter de Wit": the role (and firm) the prose gives right before."""
    if not person.name or person.title or fold(text[person.pos:person.pos + len(person.name)]) \
            != fold(person.name):
        return
    # (p-multi11b: one given name with a way to reach them right after takes any role an
    # article opens, as _role_in_prose reads it)
    one_word = len(person.name.split()) == 1 and not _REACH_RIGHT_AFTER.match(
        text, person.pos + len(person.name))
    found = _prose_role(text[max(0, person.pos - 200):person.pos], one_word)
    if found is None:
        return
    if found.title and multilang.is_title(found.title):
        person.title = _tidy_title(found.title) or found.title
    if found.firm and not person.company:
        person.company = _tidy_company(found.firm)


# "Luca Fontana, il suo direttore commerciale,": a title given as someone else's; but a peer
# ("his cofounder", "su socia", "her colleague") says how they relate, not what they do
_THEIR_ROLE_AFTER = rx.compile(
    r"[ \t]*[,–—-][ \t]*(?i:(?:il|la|o|a)\s+)?" + _RELATION +
    # (p-multi9: or a dash that goes on about them: "Marco, their CFO - he asked …")
    r"\s*(?P<ti>[^,.;:()\n]{2,40}?)[ \t]*(?=[.,;\n]|$|\s[-–—]\s)", re.IGNORECASE)
_PEER = rx.compile(rf"\b(?:{words_pattern(PEER_NOUNS)})\b", re.IGNORECASE)


# "his CTO, Lars Jensen", "ihre Einkaufsleiterin, Eva Roth", "son DAF, Paul Noir": the role
# someone has beside the person named before
_THEIR_ROLE_BEFORE = rx.compile(
    rf"\b(?i:{words_pattern(POSSESSIVES_BEFORE)})\s+(?P<ti>[^,.;:()\n]{{2,30}}?),?\s+$")


def _roles_in_sentences(zone: str, person: Person, weak_company: bool) -> None:
    """"She's CTO at Acme", "cto @ Quarrybyte", "Er ist Leiter Digital", "leads growth at
    Vanta": roles the note gives in a sentence of the person's own."""
    m_of = _PRONOUN_ROLE_OF.search(zone)
    if m_of and not _OF_EMPLOYER.search(m_of.group("ti").strip()):
        m_of = None
    m = _PRONOUN_ROLE.search(zone) or m_of or _PRONOUN_POSSESSIVE.search(zone) or \
        _MOVED_AS.search(zone)
    if m and not person.title:
        person.title = _tidy_title(m.group("ti"))
        if weak_company or not person.company:
            person.company = _tidy_company(m.group("co")) or person.company
    if not person.title:
        _role_at_company(zone, person, weak_company)
    m = _PRONOUN_TITLE.search(zone) or _given_is_title(zone, person)
    if m and not person.title and not re.search(r"\s(?:at|@|for|with)\s", m.group("ti")) and \
            not _of_names_employer(m.group("ti")):
        person.title = _tidy_title(m.group("ti"))
    m = None if person.title else _PRONOUN_TITLE_AND.search(zone)
    prep = _ROLE_PREP_IN.search(m.group("ti")) if m else None
    if m and TITLE_WORDS.match(m.group("ti")) and (
            prep is None or DEPARTMENT_ONLY.fullmatch(m.group("ti")[prep.end():].strip())):
        person.title = _tidy_title(m.group("ti"))  # ("jefa de compras": her department)
    m = None if person.title else _PRODROP_ROLE.search(zone)
    if m and TITLE_WORDS.match(m.group("ti")):
        ti, co = _title_and_firm(m.group("ti"), m.group("co"), m.group("prep"), zone,
                                 m.end("co"))
        person.title = _tidy_title(ti)
        if co.strip() and (weak_company or not person.company):
            person.company = _tidy_company(co) or person.company
    m = _PRONOUN_PLACE.search(zone) or _VERB_ROLE.search(zone)
    if m and not m.group("co").lower().startswith("the ") and (
            not person.company or _only_from(zone, person.company)):
        # (p-people12) "Olu Adeyemi from GITEX …, he's with Sahara Cloud": the employer the
        # note states in a sentence of its own wins over a "from X" (the event they came from)
        person.company = _tidy_company(m.group("co")) or person.company
    _works_at_native(zone, person, weak_company)
    if not person.company:
        _title_firm_sentence(zone, person)


# (p-people12) "Owen's their Director of Partnerships", "Ana's the new CFO": the given name and
# "'s" before an article or possessive is "Owen is" (no possessive stands before "their")
_GIVEN_IS_TAIL = (r"['’]s\s+(?:the|their|our|his|her|a|an)\s+(?:new\s+)?"
                  r"(?P<ti>[^,.;:()\n]{2,40}?)\s*(?=[.,;!?\n]|$|\s+(?:and|but)\s)")


def _given_is_title(zone: str, person: Person) -> re.Match[str] | None:
    given = (person.name or "").split()[0] if person.name else ""
    if len(given) < 2 or ("'s" not in zone and "’s" not in zone):
        return None
    return re.search(rf"\b{re.escape(given)}{_GIVEN_IS_TAIL}", zone, re.IGNORECASE)


def _of_names_employer(title: str) -> bool:
    """(p-people12) "of" in "she's CEO of Acme" names the employer; in "she's Head of Data
    Partnerships" (a title word that heads no firm before it) it is the title's own."""
    before, of, _after = title.partition(" of ")
    return bool(of) and (not TITLE_WORDS.match(before) or bool(_OF_EMPLOYER.search(before)))


# p-lang12: "von der Firma Rheinwerk Medien", "de la empresa Frutas del Sur", "della ditta
# Bassi Impianti", "de la société Vignobles Morel", "da empresa X": the word for a firm, after
# its preposition and article, names the employer right after it
# the word for a firm in the note's languages, one list for the two patterns below
_FIRM_NOUN = (r"(?:firma|empresa|société|societe|entreprise|ditta|azienda|società|companyia|"
              r"compañía|bedrijf)")
_FIRM_NOUN_NAMES = rx.compile(
    r"\b(?:von\s+der|bei\s+der|de\s+la|de\s+l['’]|della|dalla|presso\s+la|da|do|na|"
    r"en\s+la|a\s+la|per\s+la|chez\s+la|à\s+la|van\s+het|bij\s+het|van\s+de|bij\s+de)\s*"
    rf"(?:{_FIRM_NOUN}|firm)\s+"
    rf"{_CO}{_CO_END}", re.IGNORECASE)


_FIRM_NOUN_BEFORE = rx.compile(rf"(?:^|\s){_FIRM_NOUN}[ \t]+$", re.IGNORECASE)


def _works_at_native(zone: str, person: Person, weak_company: bool) -> None:
    """p-lang12: the employer a working verb of another language names (_WORKS_AT_NATIVE),
    or the word for a firm before its name (_FIRM_NOUN_NAMES; it also replaces a firm read
    with that word in it, "La Empresa Frutas del Sur")."""
    m = _FIRM_NOUN_NAMES.search(zone)
    if m and person.company and fold(m.group("co").strip()) not in fold(person.company):
        m = None
    if m is None and (weak_company or not person.company):
        m = _WORKS_AT_NATIVE.search(zone)
    if m is None:
        return
    co = m.group("co").strip()
    if _is_place(co) or _is_event(co) or DEPARTMENT_ONLY.fullmatch(co) or \
            (co == co.lower() and not _firm_like(co) and len(co.split()) < 2):
        return
    person.company = _tidy_company(co) or person.company


# people (p-people3): "Coffee with Jan Dirks at the expo. Head of Partnerships, Fietsdata.
# 030 …": a sentence of the person's stretch that is only a title, a comma and a
# capitalised firm gives both
_TITLE_FIRM_SENTENCE = rx.compile(
    r"(?:^|[.!?][ \t]+|\n[ \t]*)(?P<ti>[^\W\d_][^,.;:()\n!?]{1,50}?)[ \t]*,[ \t]*"
    r"(?P<co>[A-ZÀ-Ý][^,.;:()\n!?@]{1,40}?)[ \t]*(?=[.;\n]|$)")


# words that open a title before its title word ("Chief Scientific Officer", "Deputy Head of
# Sales", "Regional Sales Manager")
_TITLE_LEAD = rx.compile(r"(?i:chief|deputy|junior|jr\.?|regional|global|country|general|group|"
                         r"interim|acting|key|area|national|international|stellvertretende[r]?|"
                         r"adjoint[e]?|adjunt[oa]|vice)\s+")


def _title_firm_sentence(zone: str, person: Person) -> None:
    for m in _TITLE_FIRM_SENTENCE.finditer(zone):
        ti, co = _tidy_title(m.group("ti")), m.group("co").strip()
        if not ti or not (TITLE_WORDS.match(ti) or _TITLE_LEAD.match(ti)) or \
                TITLE_WORDS.search(co) or \
                _is_place(co) or _is_event(co) or (person.title and person.title != ti):
            continue
        person.title, person.company = ti, _tidy_company(co)
        return


# people (p-people3): "2. Ravi Menon, CFO, also Tulsi Health", "- Jonas Berg, auch bei
# Nordwind": "also" and a firm someone else in the note works for says this one does too
_ALSO_FIRM = rx.compile(
    r"\b(?i:also|too|auch|aussi|también|anche|também|ook|også|också)\s+"
    r"(?:(?i:at|@|with|from|bei|von|chez|de|en|di|da|em|in|of|bij|hos|på)\s+)?"
    r"(?P<co>[A-ZÀ-Ý][^,.;:()\n!?@]{1,40}?)[ \t]*(?=[,.;:\n(]|$)")


def _same_firm_again(zone: str, person: Person, people: list[Person]) -> str | None:
    firms = {fold(p.company) for p in people if p is not person and p.company}
    if not firms:
        return None
    for m in _ALSO_FIRM.finditer(zone):
        co = m.group("co").strip()
        if fold(co) in firms or any(k.startswith(fold(co) + " ") for k in firms):
            return _tidy_company(co)  # as written for this person
    for m in _FIRM_TOO.finditer(zone):
        # multi (p-multi11) "with Halyard Studio too", "/ pinecrest too /": the firm of
        # someone named before, as written there
        key = fold(m.group("co").strip())
        same = [p.company for p in people if p is not person and p.company and
                p.pos < person.pos and fold(p.company) == key]
        if same:
            return same[-1]
    return None


_FIRM_TOO = rx.compile(
    r"(?:^|[,/|(–—]|\s-)[ \t]*(?:(?i:at|@|with|from|of)[ \t]+)?"
    r"(?P<co>[^\W\d_][^,.;:()\n!?@/|]{1,40}?)"
    r"[ \t]+(?i:too|as well)\b")


# people (p-people5): "same firm", "gleiche Firma", "misma empresa", "même boîte", "stessa
# azienda": the employer of the person named before
_SAME_FIRM = rx.compile(
    r"\b(?:(?:the\s+)?same\s+(?:company|firm|co\.?|employer|shop|outfit|place|org|"
    r"organi[sz]ation)|(?:die\s+)?(?:gleiche|selbe|dieselbe)\s+(?:firma|unternehmen|"
    r"gesellschaft)|(?:der\s+)?(?:gleichen|selben|derselben)\s+(?:firma|gesellschaft)|"
    r"(?:la\s+)?misma\s+(?:empresa|compañía|firma|casa)|(?:la\s+)?mateixa\s+(?:empresa|firma)|"
    r"(?:la\s+)?même\s+(?:société|entreprise|boîte|maison|firme)|"
    r"(?:la\s+)?stessa\s+(?:azienda|società|ditta)|(?:a\s+)?mesma\s+(?:empresa|firma)|"
    r"(?:hetzelfde|zelfde)\s+bedrijf|"
    # (p-people9) the masculine forms and the employers of labs, banks and clinics: "stesso
    # centro di Laura", "mismo grupo", "même place", "same lab as Tom", "selbe Institut"
    r"(?:lo\s+|il\s+)?stesso\s+(?:centro|istituto|gruppo|laboratorio|studio|ente|ospedale|"
    r"ufficio|dipartimento|posto)|(?:la\s+)?stessa\s+(?:banca|università|clinica|agenzia)|"
    r"(?:el\s+)?mismo\s+(?:grupo|centro|instituto|hospital|despacho|banco|laboratorio|"
    r"sitio|lugar)|(?:el\s+)?mateix\s+(?:grup|centre|institut|lloc)|"
    r"(?:le\s+|la\s+)?même\s+(?:place|groupe|labo|laboratoire|cabinet|institut|centre|banque|"
    r"agence|structure|équipe)|(?:o\s+)?mesmo\s+(?:grupo|centro|instituto|banco)|"
    r"(?:the\s+)?same\s+(?:lab|institute|university|hospital|group|team|bank|agency|fund|"
    r"practice|studio)|(?:das\s+|dem\s+)?(?:gleiche|gleichen|selbe|selben)\s+(?:institut|haus|"
    r"klinik|labor|bank|büro|team)"
    r")(?:[ \t]+(?:di|de|del|que|of|as|wie|als|che|van|du|da|like)[ \t]+"
    r"(?-i:[A-ZÀ-Ý])[\w'’-]*)?(?!\w)", re.IGNORECASE)


# people (p-people7): "il collega Paolo Neri", "y su colega Ana Gil", "et son collègue Hugo
# Brun", "her coworker Tim Ode": a colleague of the one named before
_COLLEAGUE = (r"(?:colleague|coworker|co-worker|collègue|colega|collega|kollegen|kollege|"
              r"kollegin|"
              r"col·lega|kolega|kollega)")
_COLLEAGUE_BEFORE = rx.compile(rf"\b{_COLLEAGUE}[ \t]+$", re.IGNORECASE)
# "and Tom Ode from their Leeds office", "de su oficina de Lima": a colleague too
_THEIR_OFFICE = rx.compile(
    r"[ \t]*(?:,[ \t]*)?(?i:from|of|at|in|de|aus|du|del|dal)\s+(?i:their|his|her|su|sus|"
    r"leur|son|sa|ihrem|ihrer|seinem|seiner|loro|suo|sua)\s+(?:[A-ZÀ-Ý][\w'’-]*\s+)?"
    r"(?i:office|team|branch|site|plant|hub|oficina|sucursal|planta|bureau|agence|büro|"
    r"niederlassung|werk|ufficio|sede|filiale)\b")


def _colleague_of_the_one_before(text: str, person: Person) -> bool:
    """The wording makes `person` a colleague of the one before; one with an address of
    their own is left to it (their firm is written, or the address says it)."""
    if not person.name or person.emails:
        return False
    return bool(_COLLEAGUE_BEFORE.search(text, max(0, person.pos - 40), person.pos) or
                _THEIR_OFFICE.match(text, person.pos + len(person.name)) or
                multilang.peer_before(text[max(0, person.pos - 60):person.pos]))


def _firm_of_the_one_before(zone: str, person: Person, people: list[Person],
                            colleague: bool = False) -> None:
    """"Sara Lind, Logistics Lead, same firm": the company of the last person named before."""
    if person.company and not _SAME_FIRM.fullmatch(person.company.strip(" .")):
        return
    if not colleague and not _SAME_FIRM.search(person.company or zone):
        return
    before = people[:people.index(person)] if person in people else []
    firm = next((p.company for p in reversed(before)
                 if p.company and not _SAME_FIRM.fullmatch(p.company.strip(" ."))), None)
    if firm:
        person.company = firm
    elif person.company:
        person.company = None
    same = _SAME_FIRM.search(person.title or "")
    if same and person.title:
        # (p-people8) "diretora financeira da mesma empresa": the title ends before it
        person.title = _tidy_title(_TRAILING_LINK.sub("", person.title[:same.start()].strip()))


def _firm_after(zone: str, company: str, preps: str) -> bool:
    """`zone` says "<one of preps> <company>" (the pattern spells the firm, so it is compiled
    only when the zone holds the firm at all)."""
    return company in zone and bool(
        re.search(rf"\b(?i:{preps})\s+{re.escape(company)}\b", zone))


def _only_from(zone: str, company: str) -> bool:
    """The company was read from "from X" after the name, which may be an event."""
    return _firm_after(zone, company, "from|frm")


def _domain_firm_over_from(zone: str, person: Person) -> None:
    """(p-people11) "Lena Berg from SaaStr - she runs partnerships at Cloudhatch,
    lena@cloudhatch.example": a firm in the person's stretch that their own mail domain spells
    wins over a "from X" the domain does not spell (X is where they met)."""
    co = person.company
    if not co or not person.emails or spelled_by_domain(co, person.emails):
        return
    if not _firm_after(zone, co, "from|frm|von|de"):
        return
    firm = _company_from_domain(zone, person.emails, person.name)
    if firm and fold(co) not in fold(firm) and fold(firm) not in fold(co):
        person.company = firm


def _fallback_company_and_address(text: str, zone: str, person: Person,
                                  people: list[Person]) -> None:
    """What is left: the company the email domain spells, an address, "(Acme)", a firm's
    name written anywhere in the person's stretch."""
    _firm_of_the_one_before(zone, person, people, _colleague_of_the_one_before(text, person))
    _domain_firm_over_from(zone, person)
    if not person.company:
        # the phrase in the person's own stretch first ("2. Magda Wójcik, also Vistula Pay"
        # after "1. …, CTO at Vistula Pay Sp. z o.o.": as written for her)
        person.company = _company_from_domain(zone, person.emails, person.name) or \
            _company_from_domain(text, person.emails, person.name) or \
            _same_firm_again(zone, person, people)
    if not person.address:
        person.address = find_address(zone)
    if not person.company:
        m = re.search(r"\(([A-Z][^()\n@,]{2,40})\)", zone)
        if m and (not TITLE_WORDS.match(m.group(1)) or COMPANY_SUFFIX.search(m.group(1))):
            person.company = _tidy_company(m.group(1))
    if not person.company:
        person.company = _business_name(zone, [p.name for p in people if p.name])
    if not person.company and person.name:
        person.company = _firm_before_contact(text, zone, person)
    if person.company and not person.title:
        person.title = _title_before_firm(zone, person.company)


# what ends the words of a role written right before its firm: punctuation, a number, an address
_ROLE_RUN_CUT = rx.compile(r"[\n,;:.()!?|]|\S*[\d@]\S*|\s[-–—]\s")


def _title_before_firm(zone: str, company: str) -> str | None:
    """"… 617-555-0182 cto brightpath, …", "Head of Ops Nordvik, …": a role written
    right before the firm's name, with no word between them."""
    at = zone.casefold().find(company.casefold())
    if at <= 0 or not zone[at - 1].isspace():
        return None
    words = _ROLE_RUN_CUT.split(zone[max(0, at - 50):at])[-1].split()[-4:]
    for k in range(len(words)):
        if TITLE_WORDS.match(words[k]) and not _FIELD_ONLY.match(words[k]):
            return _tidy_title(" ".join(words[k:]))
    return None


# a field of work is no role on its own ("talked sales Acme")
_FIELD_ONLY = rx.compile(r"(?:sales|marketing|product|growth|operations|procurement|"
                         r"purchasing|investment|senior|staff|principal|managing)$", re.I)


_EVENT_WORDS = frozenset(fold(w) for w in (
    "meetup", "summit", "conference", "congress", "kongress", "congreso", "congrès", "expo",
    "fair", "feria", "fira", "fiera", "messe", "salon", "salone", "forum", "fòrum", "festival",
    "week", "day", "days", "night", "breakfast", "lunch", "dinner", "drinks", "mixer",
    "roundtable", "workshop", "webinar", "hackathon", "demo", "afterwork", "party", "gala",
    "show", "booth", "stand", "tagung", "jornada", "jornadas", "convegno", "semana", "woche",
    "semaine", "settimana", "evento", "event", "événement", "veranstaltung", "meeting",
    # (p-people2) gatherings of more kinds and languages: "founders happy hr", "Stammtisch",
    # "apéro", "symposium", "cena de networking", "colazione di lavoro"
    "happy", "stammtisch", "apéro", "apero", "aperitivo", "brunch", "retreat", "offsite",
    "symposium", "seminar", "seminario", "séminaire", "masterclass", "bootcamp", "podcast",
    "panel", "keynote", "convention", "conclave", "sommet", "cumbre", "jantar", "cena",
    "dîner", "déjeuner", "almuerzo", "comida", "pranzo", "colazione", "frühstück",
    "abendessen", "mittagessen", "networking", "afterwork", "showcase", "roadshow"))


# people (p-people3): one works at a firm, not at it "last night": a time of day or a day
# right after "at X"/"from X" makes X where they met (an event is never the employer)
_WHEN_AFTER = rx.compile(
    r"[ \t,]*(?:last\s+(?:night|week|evening)|yesterday|yday|today|tonight|this\s+(?:morning|"
    r"afternoon|evening|week)|earlier\s+today|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"gestern|heute|vorgestern|letzte\s+woche|ayer|hoy|anoche|esta\s+(?:mañana|tarde|noche)|"
    r"hier|aujourd['’]hui|ce\s+(?:matin|soir)|ieri|oggi|stamattina|stasera|ontem|hoje|"
    r"gisteren|vandaag|igår|i\s+går|idag|i\s+dag)\b", re.IGNORECASE)


# people (p-people3): a chance meeting's verb right before the name: "at X" after the name
# is where it happened ("bumped into Ana at Collision", "crossed paths with Li at Slush")
_RAN_INTO = rx.compile(r"\b(?:ran|run|running|bumped|bump|bumping)\s+into\s+$|"
                       r"\bcrossed\s+paths\s+with\s+$|\bcaught\s+up\s+with\s+$|"
                       r"\b(?:saw|spotted)\s+$|\bme\s+(?:crucé|encontré)\s+con\s+$|"
                       r"\bcroisé\s+$|\bgetroffen\s+$", re.IGNORECASE)


def _firm_like(phrase: str) -> bool:
    return any(fold(w) in FIRM_WORDS for w in re.findall(r"[^\W\d_]+", phrase)) or bool(
        LEGAL_FORM.search(phrase))


def _is_event(phrase: str) -> bool:
    """A phrase that names an event ("Startup Chile demo day", "Nairobi pitch night")."""
    return any(fold(w) in _EVENT_WORDS for w in re.findall(r"[^\W\d_]+", phrase))


def _is_venue(phrase: str) -> bool:
    """(p-people12) A place to eat, drink or stay ("Cafe Lisboa", "the Harbour Bar")."""
    return any(fold(w) in _VENUES for w in re.findall(r"[^\W\d_]+", phrase))


_VENUES = frozenset(fold(w) for w in VENUE_WORDS if " " not in w)


def _firm_before_contact(text: str, zone: str, person: Person) -> str | None:
    """"Brian Otieno, Kilimo Data, 0733 …": the capitalised run between the name and a
    phone or address is the firm, unless it is a title, a city or an event."""
    for role in _roles_after(_written_name(text, person), zone):
        if role.re is not _FIRM_THEN_CONTACT:
            continue
        co = role.group("co")
        if TITLE_WORDS.search(co) or _is_place(co) or _is_event(co):
            return None
        return _tidy_company(co)
    return None


def _drop_company_from_title(person: Person) -> None:
    """"founder Weber AI": the title written with its company; a title that only repeats
    the company is none."""
    if person.title and person.company and fold(person.title) == fold(person.company):
        person.title = None
        return
    if person.title and person.company and \
            fold(person.title).endswith(" " + fold(person.company)):
        person.title = _tidy_title(person.title[:-len(person.company)].rstrip(" ,-–—@")
                                   .removesuffix(" at")) or person.title
    _split_employer_from_title(person)


# "CTO von Alpenzins", "CFO der Limmat AG", "dyrektor w Wawel", "CTO – Estuaire SAS": a
# preposition or article of the parser's languages (or a dash) before a capitalised word
_EMPLOYER_CUT = rx.compile(
    r"\s+(?:(?-i:der|des|von|vom|bei|beim|at|chez|en|w|bij|van|na|no|em|hos|på|presso)|@|[-–—])"
    r"\s+(?=[A-ZÀ-Ý0-9])")
# (a Nordic "i"/"hos"/"ved" before the firm: "partner i Fjord Kapital ApS")
_DANGLING = rx.compile(r"\s+(?-i:der|die|das|den|des|von|vom|bei|beim|at|of|de|du|di|en|"
                       r"chez|w|bij|van|na|no|em|la|el|le|i|hos|på|ved|vid|for|für|pour|para|per)$")


def _split_employer_from_title(person: Person) -> None:
    """A title that runs into its employer: the employer is cut off (and kept as the company
    when none was found), a dangling article ("CFO der") dropped. "CTO Karoo Ledger (Pty)
    Ltd": a capitalised run ending in a legal form after the title words is the firm."""
    title = person.title
    if not title:
        return
    cut = _EMPLOYER_CUT.search(title)
    if cut and TITLE_WORDS.search(title[:cut.start()]):
        head, tail = title[:cut.start()], title[cut.end():]
        if not TITLE_WORDS.search(tail) or LEGAL_FORM.search(tail):
            title = head
            if not person.company or LEGAL_FORM.fullmatch(person.company):
                person.company = _tidy_company(tail) or person.company
    words = title.split()
    if len(words) > 2 and LEGAL_FORM.search(title):
        k = next((i for i, w in enumerate(words) if i and w[:1].isupper() and
                  not TITLE_WORDS.fullmatch(w) and not LEGAL_FORM.fullmatch(w)), 0)
        if k and TITLE_WORDS.search(" ".join(words[:k])):
            rest = " ".join(words[k:])
            title = " ".join(words[:k])
            if not person.company or LEGAL_FORM.fullmatch(person.company.strip("()")):
                person.company = _tidy_company(rest) or person.company
    person.title = _DANGLING.sub("", title) or person.title


def _labelled_person(people: list[Person], labels: dict[str, list[tuple[str, int]]]
                     ) -> Person:
    """blocks (p-blocks8): the person a `Name:` line names owns the block's other labels, even
    when the note mentions someone (or "this person") before it; else the main person."""
    for value, pos in labels.get("name", [])[:1]:
        key = letters(re.split(r"\s*[,;(|–—<]\s*|\s+-\s+|\s+/\s+", value)[0])
        for person in people:
            if key and (person.pos == pos or letters(person.name or "") == key):
                return person
    return people[0]


def _apply_block_labels(people: list[Person], labels: dict[str, list[tuple[str, int]]]
                        ) -> None:
    """Several `Name:` blocks: each label belongs to the block it stands in."""
    for value, pos in labels["name"]:
        block = {key: [(v, p) for v, p in found if _block_name(labels, p)[1] == pos]
                 for key, found in labels.items() if key != "name"}
        block = {key: found for key, found in block.items() if found}
        block["name"] = [(value, pos)]
        _apply_labels(_labelled_person(people, block), block)


# sig9: "Contact: Ana Ruiz | Head of Sales, EMEA | X Ltd | ana@x.example": a name label whose
# value is a whole card, its fields between pipes, bullets or dashes
_CARD_FIELDS = rx.compile(r"[ \t][|•·—–][ \t]")


def _card_of_label_line(line: str) -> str:
    """The card a `Contact:` line holds after its label (the line itself when it is no label
    line), or "" for a label line of one value, which the labels read."""
    m = _LABEL_LINE.match(line)
    if m is None or _LABEL_OF.get(m.group(1).strip().lower().rstrip(".")) is None:
        return line
    if _LABEL_OF.get(m.group(1).strip().lower().rstrip(".")) == "name" and \
            len(_CARD_FIELDS.findall(m.group(2))) >= 2:
        return m.group(2)
    return ""


def _is_label_line(segment: str) -> bool:
    """A `Field: value` piece of a labelled block, which the labels read, not the card."""
    m = _LABEL_LINE.match(segment)
    return m is not None and _LABEL_OF.get(m.group(1).strip().lower().rstrip(".")) is not None


def _apply_labels(main: Person, labels: dict[str, list[tuple[str, int]]]) -> None:
    """`Company:`, `Title:`, `Address:`, `Website:` lines are the main person's."""
    for key in ("company", "title", "address"):
        if key in labels:
            setattr(main, key, labels[key][0][0].strip() or getattr(main, key))
    if "title" in labels and "company" not in labels and main.title:
        # "Role: creative director, Holm Studio" / "Role: CTO at Holm Studio"
        parts = re.split(r"\s*,\s*|\s+(?:at|@)\s+", main.title, maxsplit=1)
        head, tail = parts[0], parts[1] if len(parts) > 1 else ""
        if tail and not TITLE_WORDS.search(tail) and TITLE_WORDS.search(head) and \
                not has_scope_comma(main.title):  # (p-people7: "Gerente, Mercosur" is whole)
            main.title, main.company = head, _tidy_company(tail) or main.company
    for value, _pos in labels.get("website", []):
        site = urls.website_url(value.split()[0]) if value.split() else None
        if site and not main.website:
            main.website = site


_PROSE = rx.compile(r"\b(?:met|meet|wants?|talked|follow|f/u|ping|will|is|was|are|he|she|they|"
                    r"his|her|their|also|and|with|for|about|"
                    r"we|i|my|our|via|intro|rencontr\w*|conoc\w*|kennengelernt|the)\b|[!?]",
                    re.IGNORECASE)


_CARD_SPLIT = rx.compile(r"\n|\s*[,|·•;]\s*|\.\s+|\s+[-–—/]\s+|\s*\(\s*|\s*\)")


def _name_lines(text: str, person: Person) -> list[int]:
    """Where a line opens with the person's name after the first mention ("Kontaktdaten:\n
    Klaus-Peter Schneider\nGeschäftsführer\n…"): a card block may stand there."""
    name = person.name or ""
    if not name:
        return []
    out: list[int] = []
    at = text.find(name, person.pos + 1)
    while at >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if line.strip() == name or _honorific_then(line, name):
            out.append(line_start)
        at = text.find(name, at + 1)
    return out


def _honorific_then(line: str, name: str) -> bool:
    """blocks (p-blocks8): "Dr. Jan Roth", "Mme Anne Roy" on a card's first line: the name."""
    words = line.split()
    return len(words) > len(name.split()) and " ".join(drop_honorifics(words)) == name


def _read_card_block(text: str, person: Person, zone_start: int, limit: int) -> None:
    """Title and company from a card-like line or block that opens with the person's name
    ("Jamal Wright / Partner, Redwood Ventures", "Alan Turing, alan@..., Labs, Head of R&D")."""
    _read_card_block_at(text, person, zone_start, limit, person.pos)
    for at in _name_lines(text, person):
        if not _needs_card(person):
            return
        _read_card_block_at(text, person, at, len(text), at)


def _read_card_block_at(text: str, person: Person, zone_start: int, limit: int, pos: int
                        ) -> None:
    start = max(text.rfind("\n", 0, pos) + 1, zone_start)
    end = text.find("\n\n", pos)
    end = min(end if end >= 0 else len(text), limit if limit > pos else len(text))
    block = "\n".join(_card_of_label_line(ln) for ln in text[start:end].split("\n")
                      if not _is_label_line(ln) or _card_of_label_line(ln))
    _card_address(block, person)
    block = _keep_form_commas(_keep_lower_scopes(block))
    segments = [seg.strip() for seg in _CARD_SPLIT.split(block)]
    name_key = letters(person.name or "")
    segments = [seg for seg in segments if seg and len(seg.split()) <= 6 and
                # (p-lang11: "Ing.", "Dott.ssa", "Mag." split off the name's line: no firm)
                fold(seg.rstrip(".")) not in HONORIFICS and
                # (a title's protected scope is no prose: "Head of Sales, DACH and CEE")
                not _PROSE.search(seg.split(COMMA)[0]) and not urls.EMAIL_RE.search(seg) and
                not (name_key and name_key in letters(seg) and letters(seg) != name_key)]
    if len(segments) < 2:
        return
    info = read_card(segments, person.name, person.emails[0] if person.emails else None,
                     lambda _seg: [])
    _unit_to_institution(person, info)
    if info.company and not person.company and (
            COMPANY_SUFFIX.search(info.company) or _trade_name(info.company) or
            spelled_by_domain(info.company, person.emails)):
        # "Volkov Labs does edge ML": only the words the address's domain spells; a legal
        # form closes the whole name ("Schneider & Söhne KG")
        person.company = (None if LEGAL_FORM.search(info.company) else
                          _domain_phrase(info.company, person.emails)) or \
            _tidy_company(info.company)
    if info.title and not person.title:
        person.title = _tidy_title(info.title)


def _trade_name(company: str) -> bool:
    """p-lang11: "Officine Meccaniche Sebine", "Imprimerie Morel": a card's line that a trade
    noun opens is a firm's name, with no legal form or address to confirm it."""
    first = company.split()[0] if company.split() else ""
    return len(company.split()) >= 2 and fold(first) in FIRM_WORDS


def _card_address(block: str, person: Person) -> None:
    """blocks (p-blocks8): in a card-like block (one field a line) a line that is a street
    with its number is the whole address ("Av. X 4501, of. 1202, Las Condes, Santiago"), also
    where its city is none the parser knows; the lines under it that go on from it join it."""
    lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
    if len(lines) < 3:
        return
    for i, line in enumerate(lines):
        if len(line) <= 100 and STREET.search(line) and re.search(r"\d", line) and \
                is_address(line) and not _PROSE.search(line):
            parts = line.rstrip(" .").split(",")
            # "Andesia SpA, Av. X 1234, …": the address starts at its street
            k = next((j for j, part in enumerate(parts) if STREET.search(part)), 0)
            if k > 0 and HOUSE_NUMBER.fullmatch(parts[k - 1].strip()):
                k -= 1  # "14, avenue Jean Jaurès": the number before the comma is the street's
            more = list(itertools.takewhile(continues_address, lines[i + 1:i + 3]))
            found = ", ".join([street_start(parts[k].strip()),
                               *(p.strip() for p in parts[k + 1:]), *more])
            if not person.address or person.address in found:
                person.address = found
            return


# "ist technische Einkäuferin dort", "is head of ops there", "es jefa de compras allí",
# "est directrice là-bas": the verb before a title and the "there" after it are no part of it
_COPULA = rx.compile(r"^(?:ist|is|es|est|è|és|é|era|war|was)\s+(?:(?:der|die|el|la|le|il|the)\s+)?",
                     re.IGNORECASE)
_THERE = rx.compile(r"\s+(?:dort|da|there|allí|alli|allà|ahí|là|là-bas|lì|ali|daar)$",
                    re.IGNORECASE)


def _title_without_copula(person: Person) -> None:
    """blocks (p-blocks8): a title read from a clause typed without capitals."""
    title = person.title
    if not title or not _COPULA.match(title):
        return
    bare = _THERE.sub("", _COPULA.sub("", title, count=1))
    if TITLE_WORDS.search(bare) and len(bare.split()) <= 5:
        person.title = bare


_LOWER_SCOPE = rx.compile(r"^([^,\n]{2,60}),[ \t]+([a-zà-ÿ][^,\n]{1,40})$")


def _keep_lower_scopes(block: str) -> str:
    """blocks (p-blocks8): "Kierownik ds. zakupów, region zachodni", "Jefa de ventas, zona
    norte" over the firm's line of a card: a scope in lower case after a title's comma is the
    title's (its comma kept as COMMA, so that the card is not split there)."""
    lines = block.split("\n")
    for i, line in enumerate(lines[:-1]):
        m = _LOWER_SCOPE.match(line.strip())
        if m and TITLE_WORDS.search(m.group(1)) and not TITLE_WORDS.search(m.group(2)) and \
                len(m.group(2).split()) <= 4 and COMPANY_SUFFIX.search(lines[i + 1]):
            lines[i] = line.replace(", ", COMMA + " ", 1)
    return "\n".join(lines)


# p-lang11: "Aceros del Sur, S.A. de C.V.", "Weber Antriebe, GmbH & Co. KG": a comma before
# the legal form that closes a card's line
_LINE_FORM_COMMA = rx.compile(rf",(?=[ \t]*{_FORM_AFTER_COMMA}\.?[ \t]*$)", re.MULTILINE)


def _keep_form_commas(block: str) -> str:
    """p-lang11: the comma before the legal form that closes a card's line is the firm's (kept
    as COMMA, so that the card is not split between a firm's name and its form)."""
    return _LINE_FORM_COMMA.sub(COMMA, block) if "," in block else block


def _needs_card(person: Person) -> bool:
    """Title or company still missing, or the company only a department of an institution."""
    return not person.company or not person.title or is_unit(person.company)


def _unit_to_institution(person: Person, info: SignatureInfo) -> None:
    """blocks (p-blocks8): "Cap de grup, Laboratori de X" read before the card's "Institut de Y"
    line: the lab scopes the title, the institution is the employer."""
    if person.company and is_unit(person.company) and info.company and \
            INSTITUTION.search(info.company) and info.title:
        person.company, person.title = info.company, info.title


def _written_name(text: str, person: Person) -> str:
    name = person.name or ""
    at = text.find(name, max(0, person.pos - 5))
    if at >= 0:
        return name
    # the name as written in the note when it was cleaned ("maya chen" for "Maya Chen")
    low = fold(text).find(fold(name))
    return text[low:low + len(name)] if low >= 0 else name


def to_contact_name(person: Person) -> str | None:
    """The person's name in contract form (a blanked nickname left out)."""
    name = person.name
    if name and _NICK_FILL in name:
        name = re.sub(rf"[ \t]*{_NICK_FILL}+[ \t]*", " ", name)
    return clean_name(name)
