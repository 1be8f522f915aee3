"""Language tables for cutting running prose about several people into people, in German,
French, Spanish, Italian, Dutch and Portuguese: the words that tie a name to a role or to the
person before ("la directora de compras de X, Marta Gil", "sua figlia Chiara", "ihr Kollege
aus dem Vertrieb, Jan Roth"), the prepositions that open an employer after a full name
("Ole Sievers von der X KG", "Sem Jansen van Y"), and the words that open a sentence but never
a name ("Über", "Danach", "Luego"). Pure tables and small functions; the free-text reader
(freetext.py) asks them."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from followup.parsing import rx
from followup.parsing.lexicon import (
    POSSESSIVES_AFTER,
    POSSESSIVES_BEFORE,
    RELATION_NOUNS,
    TITLE_WORDS,
)
from followup.parsing.names import fold

# Words that open a sentence or a clause in these languages (prepositions, adverbs of
# sequence, participles of seeing) and so are written with a capital, yet never start or
# continue a person's name: "Über Claudia Becker habe ich …", "Danach kam …", "Visti Paolo".
NEVER_IN_NAME = frozenset(fold(w) for w in (
    # German
    "über", "ueber", "durch", "nach", "danach", "dann", "später", "spaeter", "außerdem",
    "ausserdem", "anschließend", "anschliessend", "zuerst", "zuletzt", "leider", "beide",
    "beiden", "kollege", "kollegen", "kollegin", "kolleginnen", "chefin", "mitarbeiter",
    "mitarbeiterin", "geschäftspartner", "geschäftspartnerin", "tochter", "sohn",
    # French
    "puis", "ensuite", "après", "apres", "aussi", "également", "egalement",
    "collègue", "collegue", "associé", "associée", "associe", "associee",
    # Spanish
    "luego", "después", "despues", "gracias", "también", "tambien", "socia", "socio",
    # Italian
    "poi", "dopo", "anche", "più", "piu", "grazie", "visti", "viste", "visto", "entrambi",
    "entrambe", "collega", "colleghi",
    # Dutch
    "daarna", "later", "ook", "dankzij", "beiden", "collega's",
    # Portuguese
    "depois", "também", "ambos", "ambas", "colega", "sócio", "sócia",
))

# Forms of address and articles that may open a sentence about someone already named
# ("Frau Roth:", "O Rui só deu …", "La Marta …", "Herr Meinhardt hatte …")
ADDRESS_WORDS = ("Frau", "Herr", "Herrn", "Mme", "M", "Mr", "Mrs", "Ms", "Sr", "Sra", "Dr",
                 "Dra", "Prof", "Dott", "Dott\\.ssa", "Mevrouw", "Meneer", "Dhr", "Mevr",
                 "O", "A", "El", "La", "Il", "Lo", "Der", "Die", "Le")

# Relations that name someone by how they stand to a person already named, in the six
# languages: "ihr Kollege", "son associé", "su socia", "sua figlia", "zijn collega", "a colega
# dele", "il loro fornitore"; with a possessive they name the next person as a role does.
# ("son" is French's possessive here, not a son)
RELATION_WORDS = frozenset(fold(w) for w in RELATION_NOUNS) - frozenset(
    fold(w) for w in POSSESSIVES_BEFORE)

# Roles written short that the shared title list leaves out ("le DG, Paul Martin")
SHORT_ROLES = frozenset({"dg", "pdg", "dga", "daf", "drh", "dsi", "gf", "ad", "dg-adjoint"})
# Role nouns of these languages that the shared title list leaves out ("su desarrollador
# líder", "il loro grafico", "de verkoper", "o desenvolvedor", "der Winzer")
ROLE_NOUNS = frozenset(fold(w) for w in (
    "desarrollador", "desarrolladora", "programador", "programadora", "líder", "comprador",
    "compradora", "diseñador", "diseñadora", "dueño", "dueña", "representante", "productor",
    "productora", "dev", "proprietario", "proprietaria", "fondatore", "sviluppatore",
    "sviluppatrice", "grafico", "grafica", "rappresentante", "produttore", "produttrice",
    "viticoltore", "viticoltrice", "assistente", "propriétaire", "graphiste", "développeur",
    "développeuse", "représentant", "représentante", "producteur", "productrice", "vigneron",
    "vigneronne", "vertreter", "vertreterin", "winzer", "winzerin", "verkoper", "verkoopster",
    "ontwerper", "programmeur", "makelaar", "desenvolvedor", "desenvolvedora", "patrão",
    "programmatore", "programmatrice", "freelance", "freelancer",
    # (p-multi11b) trades and ranks the shared title list leaves out (those it has, such as
    # "Monteur", "Techniker", "Önologe", "adviseur", it holds alone: lexicon.TITLE_WORDS)
    "azubi", "werkvoorbereider", "adviseuse", "uitvoerder", "installateur", "installatrice",
))

# Articles and possessives before a role ("la", "ihrem", "sa", "il loro", "o", "zijn")
_DETERMINERS = frozenset(fold(w) for w in (
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "ihr", "ihre",
    "ihren", "ihrem", "sein", "seine", "seinen", "seinem", "deren", "dessen", "unser",
    "unsere", "unseren", "le", "la", "l'", "les", "un", "une", "son", "sa", "ses", "leur",
    "leurs", "el", "los", "las", "una", "su", "sus", "al", "il", "lo", "gli", "uno", "suo",
    "sua", "loro", "de", "het", "een", "zijn", "haar", "hun", "o", "a", "os", "as", "um",
    "uma", "seu", "sua",
    # a count of people before their shared role ("zwei Gründer von X, A und B")
    "zwei", "drei", "vier", "deux", "trois", "quatre", "dos", "tres", "cuatro", "due", "tre",
    "quattro", "twee", "drie", "vier", "dois", "duas", "três", "quatro", "beiden", "ambos",
))
POSSESSIVES = frozenset(fold(w) for w in (*POSSESSIVES_BEFORE, *POSSESSIVES_AFTER)
                        if " " not in w)

# Prepositions that tie a role to its firm or department ("de compras", "della Cantina X",
# "aus der Entwicklung", "van Y"), after which capitalised words belong to the firm
_ROLE_PREPS = frozenset(fold(w) for w in (
    "de", "di", "da", "do", "dos", "das", "del", "della", "dello", "dei", "degli", "delle",
    "du", "des", "der", "dem", "den", "von", "vom", "aus", "van", "bij", "bei", "beim", "chez",
    "of", "at", "from", "en", "na", "no", "d'", "l'", "la", "el", "le", "het", "für",
))

# Prepositions inside one role ("directora de compras", "chef de projet", "Leiter der IT")
# words for "in/at" that put a place after a role ("der Gründer im Hotel X", "the founders
# at Casa Y", "des fondateurs au Palais Z")
_LOCATIVES = frozenset(fold(w) for w in (
    "im", "in", "at", "au", "aux", "à", "nel", "nella", "nello", "negli", "no", "na", "op",
    "beim", "am", "auf", "dans", "sur"))
_JOIN_PREPS = frozenset({"de", "di", "da", "do", "del", "della", "du", "des", "der", "von",
                         "van", "voor", "für", "of"})

# Prepositions that, after a given name and a surname, open the person's employer rather
# than continue the name ("Jelena Petrović von Adria Motion", "Sem Jansen van Koffie Jansen",
# "Ulrike Hahn di Weinkontor Hahn"); not the Iberian "de"/"da", which join double surnames
# (narrower than lexicon.EMPLOYER_AFTER_NAME, which reads after any name)
EMPLOYER_AFTER_SURNAME = frozenset({"von", "vom", "van", "di", "bij", "bei", "beim", "chez"})

_CLAUSE_STOP = rx.compile(r"[.;:!?()\[\]\n@]|\d|\s[-–—]\s")
_WORD_RE = rx.compile(r"[^\s,]+")


_ELIDED = rx.compile(r"^(?i:l|d|dell|all|nell|dall|sull|un)['’](?=\w)")


@functools.lru_cache(maxsize=4096)  # (asked of every word of a note: the title pattern is big)
def is_role_word(word: str) -> bool:
    """A role or a relation in one word ("Vertriebsleiterin", "inkoper", "DG", "figlia")."""
    w = _ELIDED.sub("", word.strip(","))  # ("l'AD", "dell'enologo": the article aside)
    return bool(w) and (fold(w) in SHORT_ROLES or fold(w) in RELATION_WORDS or
                        fold(w) in ROLE_NOUNS or TITLE_WORDS.fullmatch(w) is not None)


def opens_no_name(word: str) -> bool:
    """An article, possessive or preposition: never the first word of a name typed in lower
    case ("su hija lucía", "per la francia")."""
    w = fold(word)
    return w in _DETERMINERS or w in POSSESSIVES or w in _ROLE_PREPS or w in _LOCATIVES or \
        w in _JOINS or w in {"per", "para", "pour", "for", "con", "avec", "mit", "sur", "sobre",
                             "op", "com", "amb", "zu", "um", "ein", "eine", "herr", "frau",
                             "named", "called", "namens", "genannt", "llamado", "llamada",
                             "chiamato", "chiamata", "appelé", "appelée", "chamado", "chamada"}


def is_title(phrase: str) -> bool:
    """Every word of a role phrase read before a name is a role word or joins one ("chef de
    projet", "desarrollador líder", "DG")."""
    words = phrase.split()
    return bool(words) and any(is_role_word(w) and fold(w) not in RELATION_WORDS
                               for w in words) and \
        all(is_role_word(w) or fold(w) in _ROLE_PREPS or w.islower() for w in words)


def role_opens_name(word: str, nxt: str) -> bool:
    """A role word right before a name ("Vertriebsleiterin Anna Roth", "inkoper Pieter"):
    never the first word of that name. Capitalised English words that are also surnames
    ("Dean", "Head") are left to the name."""
    if not nxt[:1].isalpha() or (word[:1].isupper() and (
            fold(word) in _SURNAME_ROLES or fold(word) in ROLE_NOUNS)):
        return False  # ("Dev Rao", "Peter Winzer": capitalised, also names)
    return is_role_word(word)


_SURNAME_ROLES = frozenset({"dean", "head", "lead", "chair", "staff", "fellow", "principal",
                            "senior", "owner", "partner", "sales", "rep", "agent", "scout",
                            "capo", "dir", "chef", "vice", "baas", "resp", "gm", "md", "bd",
                            "pm", "leader", "rector", "prior", "judge", "mason", "porter",
                            "ad", "gf", "socio"})


@dataclass(frozen=True)
class RoleBefore:
    """What the words before a name say of them: a title ("directora de compras"; empty for
    a relation alone, "ihr Kollege") and the firm after its preposition, if any."""

    title: str
    firm: str | None


def role_before(before: str, one_word: bool) -> RoleBefore | None:
    """The words right before a name tie it to a role: a role or relation word, perhaps
    after an article or possessive, perhaps completed by lower-case words and a department or
    firm after a preposition, then a comma or a space: "la directora de compras de Transportes
    Norte, ", "ihrem Kollegen aus der Entwicklung, ", "il titolare ", "sua figlia ". A single
    given name needs a possessive or a relation ("e sua figlia Chiara")."""
    tail = _HONORIFIC_END.sub("", before[-110:])
    stops = list(_CLAUSE_STOP.finditer(tail))
    listed = bool(stops) and stops[-1].group(0) == ":"
    tail = tail[stops[-1].end():] if stops else tail
    ends_comma = tail.rstrip(" \t").endswith(",")
    words = [m.group(0) for m in _WORD_RE.finditer(tail)]
    for k in range(len(words) - 1, max(-1, len(words) - 9), -1):
        if is_role_word(words[k]):
            return _role_then_name(words, k, ends_comma, one_word, listed)
    return None


# (p-multi11b) forms of address between a role and a name ("der Vertriebsleiter, Herr Oskar
# Lenz", "CEO Dr. Reto Brunner", "la directrice, Mme Anne Roy"): the role is still before it
_HONORIFIC_END = rx.compile(r"(?:(?<=\s)|^)(?:(?i:l)['’]|(?:le|la|il|el|der|die|o|a)[ \t]+)?"
                            r"(?i:(?:Herrn?|Frau|Dr|Prof|Dipl\.-Ing|Ing|Mag|Mme|"
                            r"Mlle|M|Sr|Sra|Dra|Dott|Dott\.ssa|Avv|Arch|Sig|Sig\.ra|Dhr|Mevr|"
                            r"Mw|Eng|Lic)\.?[ \t]+){1,3}$")


def _role_then_name(words: list[str], k: int, ends_comma: bool,
                    one_word: bool, listed: bool = False) -> RoleBefore | None:
    between = words[k + 1:]
    if any(w.endswith(",") for w in between[:-1]):
        return None  # (p-multi11b) "el gerente javier lara, su hija": the role's item closed
    if between and fold(between[-1]) in _ROLE_PREPS and not ends_comma:
        return None  # "il titolare della Cantina X": the firm, not a name
    if between and fold(between[-1]) in _LOCATIVES and not ends_comma:
        return None  # "Frühstück der Gründer im Hotel Adlon": where, not who
    after_prep = False
    for w in between:
        if fold(w) in _ROLE_PREPS:
            after_prep = True
        elif w[:1].isupper() and not after_prep and not is_role_word(w):
            return None  # another name between the role and this one
    if any(w[:1].isupper() for w in between) and not ends_comma:
        return None
    j = k  # (the role's first word: "directora de compras", "chef de projet")
    while (j >= 2 and fold(words[j - 1]) in _JOIN_PREPS and is_role_word(words[j - 2]) and
           not words[j - 2].endswith(",")) or \
            (j >= 1 and is_role_word(words[j - 1]) and not words[j - 1].endswith(",")):
        j -= 2 if fold(words[j - 1]) in _JOIN_PREPS else 1
    before_role = [fold(w) for w in words[max(0, j - 2):j]]
    # (p-multi11b) a list after a colon, each item a role and a name: "getroffen:
    # Geschäftsführer Uwe Brandt, Vertriebsleiter Oskar Lenz"
    item = listed and (j == 0 or words[j - 1].endswith(","))
    if not item and not _opens_role(before_role):
        return None  # (a role in prose follows an article, a possessive or a joining word;
        # "Senior Researcher, Vineyard Lab" on a card line is a title and a firm)
    relation = all(fold(w.strip(",")) in RELATION_WORDS for w in words[j:k + 1])
    possessive = any(w in POSSESSIVES for w in before_role) or (
        between[:1] != [] and fold(between[0].strip(",")) in POSSESSIVES)
    if one_word and not ((relation or possessive) and (
            possessive or bool(before_role and before_role[-1] in _DETERMINERS))):
        return None
    return _read_role(words[j:], relation)


def _opens_role(before_role: list[str]) -> bool:
    """The (folded) words before a role in prose let it open a name: an article, a
    possessive or a joining word, perhaps with an adjective ("la nuova")."""
    return bool(before_role) and (
        before_role[-1] in _DETERMINERS or before_role[-1] in _JOINS or (
            len(before_role) > 1 and before_role[-2] in _DETERMINERS and
            before_role[-1] in _ROLE_ADJECTIVES))


def _read_role(words: list[str], relation: bool) -> RoleBefore:
    """"directora de compras de Transportes Norte," -> the title and the firm."""
    title: list[str] = []
    firm: list[str] = []
    for n, w in enumerate(words):
        bare = w.strip(",")
        nxt = words[n + 1] if n + 1 < len(words) else ""
        if fold(bare) in _ROLE_PREPS and nxt[:1].isupper():
            firm = [x.strip(",") for x in words[n + 1:]]
            break
        if fold(bare) in _NATIONALITIES or (bare[:1].isupper() and title and \
                not is_role_word(bare)):
            break
        title.append(bare)
        if w.endswith(","):
            break
    while title and fold(title[-1]) in _ROLE_PREPS:
        title.pop()
    text = "" if relation else _ELIDED.sub("", " ".join(title))
    if fold(text) in RELATION_WORDS:
        text = ""
    if firm and fold(firm[0]) in {"der", "dem", "den", "la", "el", "il", "het"}:
        firm = firm[1:]
    name = " ".join(firm).strip(" ,")
    return RoleBefore(text, name if name and name[:1].isupper() and not is_role_word(
        firm[0]) else None)


# words that join one more person to the prose right before a role ("mit", "met", "e",
# "habe ich Vertriebsleiter …", "poi", "dann")
_JOINS = frozenset(fold(w) for w in (
    "mit", "und", "sowie", "ich", "dann", "noch", "auch", "avec", "et", "puis", "je", "vu",
    "rencontré", "con", "y", "e", "luego", "conocí", "conoci", "ho", "poi", "anche", "met",
    "en", "ook", "heb", "com", "tenho", "conheci", "+", "ed",
))
# adjectives between an article and a role ("la nuova responsabile", "el nuevo gerente")
_ROLE_ADJECTIVES = frozenset(fold(w) for w in (
    "neue", "neuen", "neuer", "nouveau", "nouvelle", "nuevo", "nueva", "nuovo", "nuova",
    "nieuwe", "novo", "nova", "jeune", "junge", "giovane", "joven",
))
# adjectives of nationality after a role ("la buyer tedesca", "el comprador alemán"):
# they say where the person is from, not what they do
_NATIONALITIES = frozenset(fold(w) for w in (
    "tedesco", "tedesca", "francese", "italiano", "italiana", "spagnolo", "spagnola",
    "inglese", "olandese", "alemán", "alemana", "francés", "francesa", "italiano", "inglés",
    "inglesa", "holandés", "holandesa", "portugués", "portuguesa", "allemand", "allemande",
    "français", "française", "italien", "italienne", "espagnol", "espagnole", "anglais",
    "anglaise", "néerlandais", "néerlandaise", "deutsche", "deutscher", "französische",
    "französischer", "alemão", "alemã", "francês", "espanhol", "espanhola", "duitse",
    "franse", "italiaanse", "spaanse", "belga", "belge", "suisse", "svizzero", "svizzera",
    "austriaco", "austriaca", "autrichien", "autrichienne", "americano", "americana",
    "américain", "américaine", "amerikanische", "chinese", "cinese", "chino", "china",
))


def employer_follows(particle: str, name_words: list[str], next_word: str,
                     form_closes: bool = False) -> bool:
    """After a given name and surname, "von"/"van"/"di"/"chez" and a capitalised word (or
    an article and one) open the employer: "Ole Sievers von der Nordsee Kantinen KG". In a
    note typed in lower case only a run that a legal form closes does ("jana roth von
    kessler antrieb gmbh"); without one the person's email domain decides, later."""
    if particle not in EMPLOYER_AFTER_SURNAME:
        return False
    named = [w for w in name_words if fold(w) not in _PARTICLE_WORDS]
    has_particle = len(named) < len(name_words)
    lower = all(w.islower() for w in name_words)
    return (len(named) >= 2 or (has_particle and len(named) >= 1 and len(name_words) >= 3)) and \
        bool(re.match(r"[A-ZÀ-Ý]|(?:der|den|de|het|la|le|il|del)$", next_word) or
             (lower and form_closes and next_word.isalpha()))


_PARTICLE_WORDS = frozenset({"van", "von", "der", "den", "de", "di", "da", "du", "la", "le",
                             "del", "della", "dos", "das", "do", "ter", "ten", "zu"})


# A person who introduces the owner to others, named right before the verb (perhaps with
# their firm in brackets): "Andrés Ospina (Kuali) me presentó a …", "Marco Ricci mi ha
# presentato …", "Sophie Garnier m'a présenté …", "Verena Roth stellte mir … vor", "Lotte de
# Wit stelde me voor aan …", "Rui Matos apresentou-me …"
_INTRODUCES = rx.compile(
    r"[ \t]*(?:\([^()\n]{1,60}\)[ \t]*)?"
    # (p-multi11b) or their firm after its preposition: "Marco Ricci di Ricci Srl mi ha …"
    r"(?:(?:di|de|da|del|della|von|vom|van|bij|chez|de\s+chez)[ \t]+"
    r"(?:(?-i:[A-ZÀ-Ý])[\w&.'’-]*[ \t]+){1,4})?,?[ \t]*(?:"
    r"me\s+(?:present[óo]|presentaron|ha\s+presentado|apresentou|apresentaram)|"
    r"nos\s+present[óo]|"
    r"mi\s+ha\s+presentato|ci\s+ha\s+presentato|mi\s+hanno\s+presentato|"
    r"m['’]a\s+présenté|nous\s+a\s+présenté|m['’]a\s+presente|"
    r"(?:hat|stellte)\s+(?:mir|uns)\b|"
    r"(?:heeft|stelde)\s+(?:me|mij|ons)\b|"
    r"apresentou-me|apresentou-nos)", re.IGNORECASE)


def introduces(after: str) -> bool:
    """The words right after a name say that this person introduced someone."""
    return _INTRODUCES.match(after) is not None


# (p-multi12b) Those who work beside the person named before, in the six languages ("su
# socio", "seine Chefin", "son adjointe", "il suo collega", "zijn baas"); family, friends and
# suppliers are left out (they need not share the firm)
_PEERS = frozenset(fold(w) for w in (
    "kollege", "kollegen", "kollegin", "chef", "chefin", "mitarbeiter", "mitarbeiterin",
    "stellvertreter", "stellvertreterin", "geschäftspartner", "geschäftspartnerin",
    "mitgründer", "mitgründerin", "mitbegründer", "mitbegründerin", "assistentin", "assistent",
    "collègue", "associé", "associée", "adjoint", "adjointe", "cofondateur", "cofondatrice",
    "co-fondateur", "co-fondatrice", "assistante", "patron", "patronne",
    "colega", "socio", "socia", "jefe", "jefa", "compañero", "compañera", "cofundador",
    "cofundadora", "asistente",
    "collega", "capo", "cofondatore", "cofondatrice", "socio", "socia", "assistente", "vice",
    "sócio", "sócia", "chefe", "cofundador", "cofundadora",
    "col·lega", "soci", "sòcia", "companya", "company", "cap",
    "baas", "vennoot", "medeoprichter", "assistent",
))
_FAMILY_OR_SUPPLIER = frozenset(fold(w) for w in RELATION_NOUNS) - _PEERS
_POSSESSIVE_RX = rx.compile(r"(?:^|\s)(?i:ihr|ihre|ihren|ihrem|ihrer|sein|seine|seinen|seinem|"
                            r"seiner|deren|dessen|son|sa|leur|su|suo|sua|loro|seu|seva|zijn|"
                            r"haar|hun)[ \t]+(?P<w>[^\W\d_][\w·'’-]*)[ \t]*,?[ \t]*$")


def peer_before(before: str) -> bool:
    """The words right before a name make them a colleague, boss or partner of the one named
    before, or give their role at that person's firm: "me presentó a su socio, ", "an seine
    Chefin Dr. ", "son adjointe, ", "hun CTO "."""
    tail = _HONORIFIC_END.sub("", before[-60:])
    m = _POSSESSIVE_RX.search(tail)
    if not m:
        return False
    w = fold(m.group("w"))
    return w in _PEERS or (is_role_word(m.group("w")) and w not in _FAMILY_OR_SUPPLIER)


# (p-multi12b) German and Dutch put the verb before the one who introduces: "Auf der Messe hat
# mich Jan Roth mit seiner Kollegin … bekannt gemacht", "dort stellte mir Eva Kern ihren Chef
# vor", "Op de beurs heeft Pieter Claes me voorgesteld aan …"
_INVERTED_BEFORE = rx.compile(r"\b(?i:(?:hat|hatte|haben)\s+(?:mich|uns)|stellte\s+(?:mir|uns)|"
                              r"heeft|had|stelde)[ \t]+$")
_INVERTED_AFTER = rx.compile(r"[^.;!?\n]{0,90}?\b(?i:bekannt\s+gemacht|vorgestellt|vor\b|"
                             r"voorgesteld|voor\b)")
_DUTCH_ME = rx.compile(r"[ \t]*(?:\([^()\n]{1,60}\)[ \t]*)?(?i:me|mij|ons)[ \t]")


def introduces_inverted(before: str, after: str) -> bool:
    """The verb before the name and its end after it say this person introduced someone."""
    m = _INVERTED_BEFORE.search(before)
    if not m:
        return False
    if fold(m.group(0).split()[0]) in {"heeft", "had", "stelde"} and not _DUTCH_ME.match(after):
        return False
    return _INVERTED_AFTER.match(after) is not None
