"""People named inside running prose: where a paragraph about several people names one.

A note about several people names them mid-sentence ("… and later Jonas Berg from Tidemark
joined us"), through someone else ("Mia introduced me to her colleague Tom Vance", "me
presentó a su jefe, Andrés Soto"), or as one more item of a list inside a sentence ("Alan Moss
(lending), Priya Das (risk) and …"). The wording around a capitalised run of two or more
words tells that it is a person; the run itself must look like a name (no firm word, title,
legal form, place or event). One sentence of wording per rule, in the parser's languages.
"""

from __future__ import annotations

import re

from followup.parsing import rx
from followup.parsing.lexicon import (
    COMPANY_SUFFIX,
    EMPLOYER_AFTER_NAME,
    FIRM_WORDS,
    LEGAL_FORM,
    POSSESSIVES_BEFORE,
    RELATION_NOUNS,
    TITLE_WORDS,
    preps_pattern,
    words_pattern,
)
from followup.parsing.names import fold

# Where a clause or a list item begins: a name standing there is the subject or an item.
# (an article may stand before a name in Portuguese, Italian and Catalan: "o João", "la Giulia")
_JOINED_BEFORE = rx.compile(
    r"(?:^|\n|(?<=[a-zà-ÿ0-9)]{2})[.!?]\s+|[;:,(]\s*|\s(?:[-–—]|--)\s+|\s(?i:and|und|et|y|e|i|en|with|mit|avec|con|com|met|amb|"
    r"then|dann|puis|luego|poi|later|plus|also|to)\s+)"
    r"(?:(?i:o|a|la|il|el|en|na|lo)\s+)?$")

# "Greta Solberg from Nordlys Energy", "Pieter de Vries van Groenbouw", "Ines Moreau of
# Palette AI", "Davide Russo di Lumina Srl": a name, a word for "from"/"of", a capitalised firm
_FIRM_AFTER = rx.compile(
    r"[ \t]+" + preps_pattern(EMPLOYER_AFTER_NAME, ("do", "du", "dos", "das", "della", "dal")) +
    r"[ \t]+(?:(?i:the|la|el|il|der|die|den|het|le|los|las|les)[ \t]+)?(?-i:[A-ZÀ-Ý0-9])\S")

# Words for how someone relates to the person named before: "her colleague", "seinen Chef",
# "su socio", "o colega dela", "his deputy", "sua figlia", "zijn collega"
_RELATION_NOUNS = words_pattern(RELATION_NOUNS)
_POSSESSIVE = rf"(?:{words_pattern(POSSESSIVES_BEFORE)})"
_RELATION_BEFORE = rx.compile(
    rf"(?:(?:\b{_POSSESSIVE}|(?-i:[A-ZÀ-Ý])[\w&-]*['’]s)\s+(?:(?i:new|young|former|junior|senior|neuen?|nouvelle|nouveau|"
    rf"nuevo|nueva|nuovo|nuova)\s+)?(?P<rel>[^\W\d_][\w/&-]*(?:\s+[^\W\d_][\w/&-]*){{0,2}})|"
    rf"\b(?:o|a|la|el|le|il|de|het)\s+(?P<rel2>{_RELATION_NOUNS})\s+(?:dela|dele|deles|delas|"
    rf"de\s+(?:ella|él)|di\s+lei|di\s+lui|van\s+haar|van\s+hem))"
    r"\s*,?\s+$", re.IGNORECASE)
_POSSESSIVE_WORD = rx.compile(rf"\b{_POSSESSIVE}\s", re.IGNORECASE)
_RELATION_WORD = rx.compile(rf"^(?:{_RELATION_NOUNS})$", re.IGNORECASE)

# "… and later Jonas Berg …", "joined by Sam Reid", "se unió Carmen Ruiz", "è arrivato Davide
# Russo", "depois apareceu o João": a verb of arriving or joining right before the name
_ARRIVAL_BEFORE = rx.compile(
    r"(?:\b(?:joined by|later(?:\s+on)?|afterwards|se\s+(?:nos\s+)?(?:unió|sumó)|llegó|"
    r"apareció|(?:è|e)\s+arrivat[oa]|arrivò|si\s+è\s+unit[oa]|è\s+passat[oa]|apareceu|chegou|"
    r"juntou-se|kam(?:\s+noch)?|stieß|est\s+arrivée?|arriva|a\s+rejoint|kwam|schoof)"
    r"(?:\s+(?:also|too|noch|aussi|también|anche|ook|também|dazu))?)"
    r"\s+(?:(?i:o|a|la|il|el|lo|le)\s+)?$", re.IGNORECASE)

# "Mia Chen introduced me to …", "Jess Pike led it", "Marta Gil me presentó a …", "Klaus
# Weber stellte mir … vor": what the person did, said right after the name
_ACTION_AFTER = rx.compile(
    r"\s+(?:introduced|presented|joined|came\s+(?:over|by|along)|dropped\s+(?:in|by)|"
    r"popped\s+(?:in|by)|gave\s+me|handed\s+me|sat\s+(?:opposite|across|next)|led\s+(?:it|the)|"
    r"runs|heads|leads|handles|manages|owns|"
    r"me\s+(?:presentó|presento|presentaron|apresentou|pasó|dio|dió)|nos\s+presentó|"
    r"m['’]a\s+(?:présenté|donné|passé)|nous\s+a\s+(?:présenté|rejoint)|mi\s+ha\s+(?:presentato|"
    r"dato)|ci\s+ha\s+(?:presentato|raggiunt)|stellte\s+mir|hat\s+mir|gab\s+mir|kam\s+(?:dazu|"
    r"später)|stelde\s+(?:me|mij)|gaf\s+me|schoof\s+(?:later\s+)?aan|apresentou|se\s+unió|"
    r"juntou-se)\b|"
    # "Aroha Ngata, only got her mobile 021 …": what the writer got from them
    r",?\s*(?:only\s+|just\s+)?(?:got|have|took)\s+(?:her|his|their)\s+(?:mobile|cell|number|"
    r"card|email|phone|details)\b", re.IGNORECASE)
# "Ana Torres is the CEO", "Tomás Herrera is CTO at …", "Lea Roth ist Einkäuferin"
_IS_AFTER = rx.compile(r"\s+(?:is|ist|es|est|è|é|is\s+now)\s+(?P<rest>[^,.;:()\n]{2,40})",
                       re.IGNORECASE)

# "…, Priya Das (risk) and …": a name closed by a bracket, standing as one item of a list
_BRACKET_ITEM = rx.compile(r"[ \t]*\([^()\n@]{1,40}\)[ \t]*(?:,|;|(?i:and|und|et|y|e|i|en|&)\s|"
                           r"\.\s|$)")

# (p-multi12) "At the expo Liam Ode (Gumtree Data) and Sophie Tran …": a name opening a
# clause, its bracket, then "and": the first item of a list of people
_BRACKET_AND = rx.compile(r"[ \t]*\([^()\n@]{1,40}\)[ \t]*(?:,[ \t]*)?(?i:and|&|plus)\s")

_ITEM_BEFORE = rx.compile(r"(?:,|\b(?i:and|und|et|y|e|with|mit|avec|con|com|met))\s*$")

# "an angel, Claire Dupont", "a new hire, Zoe Hart", "su jefe, Andrés Soto": a person noun
# (a title or a relation), a comma, then the name closing the clause
_NOUN_COMMA_BEFORE = rx.compile(
    r"(?:^|[\s(])(?:a|an|one|un|une|una|uno|ein|eine|einen|een|um|uma|"
    rf"{_POSSESSIVE}|the|le|la|el|il|der|die|den|o)\s+"
    r"(?P<noun>[^\W\d_][\w/&-]*(?:\s+[^\W\d_][\w/&-]*){0,3}),\s+$", re.IGNORECASE)
_PERSON_NOUNS = rx.compile(r"(?:\w+\s+)*(?:hire|newcomer|guy|woman|man|lady|gentleman|"
                           r"friend|neighbour|neighbor)$", re.IGNORECASE)
_CLAUSE_END = rx.compile(r"\s*(?:[,.;:)!?\n]|$|\s[-–—]\s|\s(?i:and|und|et|y|e|who|which)\s)")

# sentence openers that are never part of a name ("Afterwards Greta Solberg …")
_OPENERS = frozenset(fold(w) for w in (
    "afterwards", "later", "eventually", "finally", "apparently", "luckily", "sadly",
    "anyway", "meanwhile", "overall", "unfortunately", "danach", "später", "anschließend",
    "außerdem", "ensuite", "puis", "après", "enfin", "luego", "después", "despues", "poi",
    "dopo", "infine", "daarna", "vervolgens", "depois", "então", "entao", "also",
    # people counted, not named ("Drei Kontakte vom Apéro", "Three Leads from …")
    "two", "three", "four", "zwei", "drei", "vier", "deux", "trois", "quatre", "dos", "tres",
    "cuatro", "due", "tre", "quattro", "twee", "drie", "dois", "três", "quatro", "contacts",
    "kontakte", "contactos", "contatti", "contacten", "contatos", "leads", "people"))
_EVENTISH = frozenset(fold(w) for w in (
    "summit", "expo", "forum", "meetup", "conference", "congress", "festival", "week", "day",
    "night", "club", "hall", "hotel", "centre", "center", "room", "rooms", "bar", "café",
    "restaurant", "awards", "gala", "dinner", "lunch", "breakfast", "panel", "session",
    "messe", "salon", "feria", "fiera", "beurs", "feira", "team", "office", "street", "road",
    "avenue", "square", "park", "station", "airport", "university", "school", "lab", "labs"))

# words naming the note itself ("Kurze Nachlese von der Bauma", "Quick recap from …", "Petit
# bilan du salon"): a heading, never a person
_NOTE_WORDS = frozenset(fold(w) for w in (
    "recap", "wrap-up", "wrapup", "summary", "notes", "debrief", "follow-ups", "nachlese",
    "rückblick", "zusammenfassung", "notizen", "bericht", "protokoll", "résumé", "bilan",
    "compte-rendu", "récap", "notes", "resumen", "apuntes", "notas", "resumo", "riepilogo",
    "appunti", "resoconto", "verslag", "samenvatting", "terugblik", "notities",
    "sammanfattning", "referat", "yhteenveto", "muistiinpanot"))


# a word for a kind of business, or a Romance agent noun, opens a firm's name ("Distribuidora
# Azteca del Valle", "Cooperativa Agrícola de Valls", "Importadora Sur")
_FIRM_NOUN = rx.compile(r"(?:[^\W\d_]+(?:dora|tora|sora|trice|eria|ería)|Cooperativa|Cooperative|"
                        r"Coopérative|Genossenschaft|Bodega|Bodegas|Domaine|Château|Maison|"
                        r"Weingut|Tenuta|Cantina|Quinta|Hacienda|Finca|Studio|Estudio|Atelier|"
                        r"Hotel|Restaurant|Restaurante|Ristorante)$")


_CLAUSE_CUT = rx.compile(r"[,;(—–\u2043\u2015\n]|\s[-\u2010]\s")


def _after_a_title(before: str) -> bool:
    """"…, directora financera, Cooperativa …", "Gerente de Compras — Distribuidora …": right
    after a title and a comma or dash comes the firm, not one more person."""
    head = before.rstrip(" \t")
    if not head or head[-1] not in ",—–-(\u2043\u2010\u2015":  # (dashes lexicon.protect kept)
        return False
    prev = _CLAUSE_CUT.split(head[:-1])[-1]
    # (a role in brackets is closed: "Alan Moss (head of lending), Priya Das (risk)")
    return not prev.rstrip().endswith(")") and TITLE_WORDS.search(prev) is not None


def _looks_like_a_name(cand: str) -> bool:
    words = cand.split()
    if len(words) < 2 or not cand[0].isupper() or len(words) > 4:
        return False
    if COMPANY_SUFFIX.search(cand) or TITLE_WORDS.search(cand) or LEGAL_FORM.search(cand):
        return False
    if any(fold(w) in FIRM_WORDS or fold(w) in _EVENTISH or fold(w) in _NOTE_WORDS
           for w in words):
        return False
    if any(fold(w) in _OPENERS for w in words) or any(len(w) > 1 and w.isupper() for w in words):
        return False
    if _FIRM_NOUN.match(words[0]):
        return False
    from followup.parsing.phones import city_spans, country_code_for

    # a city or country is no one ("Ciudad de México", "Cape Town")
    return not any(country_code_for(w) for w in (cand, words[0])) and not any(
        s == 0 for s, _e in city_spans(cand))


def _relation_before(before: str) -> bool:
    m = _RELATION_BEFORE.search(before)
    if not m:
        return False
    if m.group("rel2"):
        return True
    rel = m.group("rel")
    last = rel.split()[-1]
    if fold(last) in _LINKS:
        return False  # "her head of": the role goes on past the name
    if last.endswith("s") and len(last) > 4:  # (p-multi12) "Tiffinbox's founders Kavya …"
        rel, last = rel[:-1], last[:-1]
    return bool(_RELATION_WORD.match(rel) or _RELATION_WORD.match(last) or
                TITLE_WORDS.search(rel))


# "her EA Nadia", "his assistant Tim": people to go through, not contacts (as freetext's)
HELPER_WORDS = r"ea|pa|assistant|secretary|sekretärin|assistentin|assistante"
_HELPER = rx.compile(rf"\b(?:{HELPER_WORDS})\s*,?\s*$", re.IGNORECASE)

_LINKS = frozenset({"of", "at", "from", "for", "de", "di", "da", "du", "des", "von", "bei",
                    "chez", "del", "della", "do", "dos", "van", "bij", "voor", "für", "and", "und",
                    "et", "y", "e", "en"})

# "Jae-won Lim who handles their infra", "Raj Pillai who flew in", "Ana Gil, que lleva …"
_WHO_AFTER = rx.compile(r"(?:\s+(?:who|qui|quien|che)|\s*,\s*(?:who|qui|quien|que|che|die|der|"
                        r"welche|welcher|die|wie))\s+(?-i:[a-zà-ÿ])")
# "Inês Carvalho, partner at Atelier Sombra", "Oriol Puig i Serra, their CTO, …", "Harriet
# Lowe, an English furniture agent": a comma, then words that say what the person does
# (the articles and possessives that may open an apposition: shared with _ARTICLE)
_APPOSITION_DETERMINERS = (r"the|a|an|their|our|his|her|le|la|el|il|der|die|un|une|una|ein|"
                           r"eine|o|um|uma|een|het|leur|son|sa|su|sua|suo|ihr|ihre|sein|seine")
_APPOSITION = rx.compile(
    rf"[ \t]*,[ \t]*(?:(?i:{_APPOSITION_DETERMINERS})\s+)?"
    r"(?P<ap>[^\W\d_][^,.;:()\n]{1,60})")
# "…: Tom Beckett and Aditi Rao.", "both on their team: Ana Gil y Luis Paz": two full names
# joined by "and" after a colon are the two people of the list
_PAIR_AFTER = rx.compile(r"[ \t]+(?:and|und|et|y|e|en|&|i)[ \t]+(?-i:[A-ZÀ-Ý])[\w'’-]+"
                         r"[ \t]+(?-i:[A-ZÀ-Ý])[\w'’-]+")
# "zwei Gründer von Alpenbit, Nina Steiner und …", "two engineers from Quarry, …": a group
# counted before a comma opens the pair of names after it
_GROUP_COMMA = rx.compile(r"\b(?i:two|three|both|zwei|drei|beide|deux|trois|dos|tres|due|tre|"
                          r"twee|drie|dois|duas|três|ambos|ambas|entrambi|\d)\b[^.\n:;]{0,50},\s*$")
_COLON_END = rx.compile(r":\s*$")
_COLON_NAME_END = rx.compile(r":[ \t]*(?-i:[A-ZÀ-Ý])[^.:\n]{0,40}$")
_PAIR_BEFORE = rx.compile(r"(?:[:]\s*|(?-i:[A-ZÀ-Ý])[\w'’-]+[ \t]+(?-i:[A-ZÀ-Ý])[\w'’-]+"
                          r"[ \t]+(?:and|und|et|y|e|en|&|i)[ \t]+)$")


def _apposition_is_role(after: str) -> bool:
    """", their CTO,", ", an English furniture agent", ", partner at Atelier Sombra": an
    article or possessive before a title, or a title and its firm ("Mobília Alta, head of
    export" is a firm and its person's title)."""
    m = _APPOSITION.match(after)
    if not m:
        return False
    ap = m.group("ap")
    words = ap.split()[:5]
    if not words or TITLE_WORDS.search(" ".join(words)) is None:
        return False
    if _ARTICLE.match(after):
        return True
    t = TITLE_WORDS.search(ap, 0, len(" ".join(words[:4])))
    return bool(t and _TITLE_AT.match(ap, t.end()))


_ARTICLE = rx.compile(rf"[ \t]*,[ \t]*(?i:{_APPOSITION_DETERMINERS})\s")
_TITLE_AT = rx.compile(r"(?:[ \t]+[^\W\d_][\w&/-]*){0,3}?[ \t]+(?:at|@|of|from|chez|bei|von|"
                       r"de|di|da|do|du|del|en|bij|van|presso|para|pour|für|with)[ \t]+"
                       r"(?-i:[A-ZÀ-Ý])")
_HONORIFIC_BEFORE = rx.compile(r"(?:^|\s)(?:Dr|Prof|Mr|Mrs|Ms|Me|Mme|Sr|Sra|Dra|Herr|Frau|Dott|"
                               r"Ing)\.?[ \t]+$")


def _is_role(rest: str) -> bool:
    words = rest.split()
    words = [w for w in words if fold(w) not in {"the", "a", "an", "their", "our", "der", "die",
                                                 "la", "el", "le", "il", "un", "una", "une"}]
    return bool(words) and TITLE_WORDS.search(" ".join(words[:3])) is not None


def named_in_prose(cand: str, before: str, after: str) -> bool:
    """A capitalised name that the wording of a running paragraph makes one of its people."""
    if not cand[:1].isupper() or " " not in cand:
        return False  # (cheap first: the wording, then whether the run looks like a name)
    return _said_of_a_person(before, after) and _looks_like_a_name(cand) and \
        not _HELPER.search(before)


def _said_of_a_person(before: str, after: str) -> bool:
    if _relation_before(before) or _ARRIVAL_BEFORE.search(before):
        return True
    joined = _JOINED_BEFORE.search(before) is not None
    if _WHO_AFTER.match(after) and joined:
        return True
    if _apposition_is_role(after) and (joined or _HONORIFIC_BEFORE.search(before)) and \
            not _after_a_title(before):
        return True
    if _PAIR_AFTER.match(after) and (_COLON_END.search(before) or _GROUP_COMMA.search(before)):
        return True
    pair = _PAIR_BEFORE.search(before)
    if pair and not pair.group(0).startswith(":") and (
            _COLON_NAME_END.search(before) or
            _GROUP_COMMA.search(before, 0, pair.start())):
        return True
    if joined and _ACTION_AFTER.match(after):
        return True
    if joined and _FIRM_AFTER.match(after) and not _after_a_title(before):
        return True
    m = _IS_AFTER.match(after)
    if joined and m and _is_role(m.group("rest")):
        return True
    if not _after_a_title(before) and (
            (_BRACKET_ITEM.match(after) and _ITEM_BEFORE.search(before)) or
            (joined and _BRACKET_AND.match(after))):
        return True
    n = _NOUN_COMMA_BEFORE.search(before)
    return bool(n and _CLAUSE_END.match(after) and (
        TITLE_WORDS.search(n.group("noun")) or (
            # "y a su desarrollador líder, Julián Cárdenas,": a possessive's role
            _POSSESSIVE_WORD.search(n.group(0)) is not None and
            n.group("noun").islower()) or any(
            _RELATION_WORD.match(w) or _RELATION_WORD.match(w[:-1]) or
            _RELATION_WORD.match(w[:-2]) for w in n.group("noun").split())
        or _PERSON_NOUNS.match(n.group("noun"))))


# the words that put a person's firm after their name ("Jelena Petrović von Adria Motion",
# "Sem Jansen van Koffiebranderij Jansen", "Ulrike Hahn di Weinkontor Hahn")
_EMPLOYER_LINKS = frozenset({"von", "vom", "van", "di", "de", "da", "du", "del", "della",
                             "dos", "das", "do", "dei", "des"})
_ARTICLES = frozenset({"der", "den", "la", "el", "le", "il", "het", "les", "los"})
_PARTICLES = _EMPLOYER_LINKS | {"den", "der", "la", "le", "los", "las", "ter", "te", "het",
                                 "y", "i", "e", "lo", "dal", "dalla"}


def employer_cut(name: str, emails: list[str]) -> tuple[str, str] | None:
    """A name run on into the firm after it: the part after the link word is what the
    person's own address's domain names ("Jelena Petrović von Adria Motion" with
    …@adriamotion…), holds a firm's word or legal form, or is a second Dutch or German
    particle group after a complete name ("Pieter van den Heuvel van Brasserie Groep").
    Spanish and Portuguese family names keep their particles ("Ruiz de la Torre")."""
    from followup.parsing.signature import spelled_by_domain

    words = name.split()
    for k in range(2, len(words) - 1):
        if words[k] not in _EMPLOYER_LINKS:
            continue
        first = k + 2 if words[k + 1] in _ARTICLES and k + 2 < len(words) else k + 1
        if not words[first][:1].isupper():
            continue
        head, tail = " ".join(words[:k]), " ".join(words[first:])
        if sum(w[:1].isupper() for w in words[:k]) < 2:
            continue
        if words[k] in {"van", "von", "vom"} and any(w in _PARTICLES for w in words[1:k]):
            return head, tail  # a name has one run of particles: the second opens the firm
        if any(fold(w) in FIRM_WORDS or LEGAL_FORM.fullmatch(w) or _TRADE.search(w)
               for w in words[first:]):
            return head, tail
        if spelled_by_domain(tail, emails):
            return head, tail
    return None


# Dutch and German words for a trade's house ("Koffiebranderij", "Weinkontor", "Metallbau")
_TRADE = rx.compile(r"(?:erij|kontor|handel|bau|technik|werk|werke)$", re.IGNORECASE)


# "Carla Diaz, Ted Olsen and Mira Shah", "Felix Wagner, head of treasury at Isarbank, and
# Mona Keller, his deputy": how two people of one list inside a sentence are joined. "and"
# closes the list (an apposition or a bracket may stand before it); a bare comma joins items
# only on the way to that "and" ("Ana Gil, Sales Lead" is a person and what she does)
# ("Tessa Gray from Marrow Labs, plus Idris Cole": her firm may stand before it; after an
# apposition only ", and" closes the list: "Partner, Tax & Private Clients" and
# "VP Sales, Mexico and Central America" are one title and its scope)
_AND_GAP = rx.compile(
    r"(?:(?:[ \t]*\([^()\n]{1,60}\)|"
    r"[ \t]+(?i:from|of|at|@)[ \t]+(?-i:[A-ZÀ-Ý])[^,.;:()\n@]{0,40}?)?"
    r"(?:[ \t]*,[ \t]*(?i:and|&|plus)[ \t]+|[ \t]+(?i:and|&|plus)"
    r"[ \t]+)|(?:[ \t]*\([^()\n]{1,60}\))?[ \t]*,[ \t]*(?!(?i:who|which|que|qui)\b)"
    r"[^,.;:()\n@]{1,60},[ \t]*(?i:and|plus)[ \t]+)"
    r"(?:(?i:also|then|finally|lastly)[ \t]+)?")
# "… at Lighthouse Building Society, and Tom …": a run after "at"/"from" is a firm
# (or the tail of such a run: "Building Society" of "Lighthouse Building Society")
_FIRM_LINK_BEFORE = rx.compile(r"(?:\b(?i:at|from|of|for|by|frm)|@)[ \t]+$|"
                               r"(?-i:[A-ZÀ-Ý])[\w'’&.-]*[ \t]+$")
_COMMA_GAP = rx.compile(r"(?:[ \t]*\([^()\n]{1,60}\))?[ \t]*,[ \t]*")
# "Harbor Logistics: Mike Dunn, Sandra Ortiz, Kevin Yu.": after a colon, three or more
# names and nothing else up to the sentence's end are a list without "and"
_COLON_OPEN = rx.compile(r":[ \t]*$")
_LIST_END = rx.compile(r"[ \t]*(?:[.;!\n]|$)")


def listed_beside(text: str, kept: list[tuple[int, str]],
                  spans: list[tuple[int, int]]) -> dict[int, str]:
    """Full names standing as items of one list with a person already found ("from Bluefin:
    Carla Diaz, Ted Olsen and Mira Shah"): each item of the list is a person too, whichever
    of them the wording marked. A run that is a firm, a place or an event is no item. Gives
    every item of such a list (the ones found before included) by where it starts."""
    found = dict(kept)
    runs: dict[int, int] = {}
    for s, e in spans:
        runs[s] = max(runs.get(s, s), e)
    runs.update({s: s + len(c) for s, c in kept})
    items: dict[int, str] = {}
    chain: list[tuple[int, int, str]] = []  # (start, end, how it was joined to the one before)
    for s in sorted(runs):
        e = runs[s]
        if chain and s < chain[-1][1]:
            continue
        if s not in found and text[max(0, s - 1):s] == "(":
            continue  # (p-multi12) "Jack Doyle (Ironbark Mining) and …": what the bracket
            # says of the item before, never an item of its own
        if s not in found and ("\n" in text[s:e] or not _looks_like_a_name(text[s:e]) or
                               _FIRM_LINK_BEFORE.search(text, max(0, s - 40), s) or
                               _after_a_title(text[max(0, s - 60):s])):
            continue  # (a firm inside an apposition: the gap's pattern decides)
        how = ""
        if chain:
            end = chain[-1][1]
            how = "and" if _AND_GAP.fullmatch(text, end, s) else \
                "comma" if _COMMA_GAP.fullmatch(text, end, s) else ""
            if not how:
                _close_chain(text, chain, found, items)
                chain = []
        chain.append((s, e, how))
    _close_chain(text, chain, found, items)
    return items


def _close_chain(text: str, chain: list[tuple[int, int, str]], found: dict[int, str],
                 items: dict[int, str]) -> None:
    last_and = max((k for k, c in enumerate(chain) if c[2] == "and"), default=-1)
    if last_and < 0 and len(chain) >= 3 and _COLON_OPEN.search(text, 0, chain[0][0]) and \
            _LIST_END.match(text, chain[-1][1]):
        last_and = len(chain) - 1
    part = chain[:last_and + 1]
    if last_and > 0 and any(s in found for s, _e, _h in part):
        items.update({s: text[s:e] for s, e, _h in part})
