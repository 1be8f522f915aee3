"""The title and firm after a name in a note typed all in lower case, without punctuation.

people (p-people8): "conocí a ana gil gerente de ventas de lácteos del sur sas en la feria",
"rencontré paul roy directeur achats chez biscuits morvan sas au salon", "met kate byrne cmo at
fernleaf": with no capitals and no commas, the title is the title word and what completes it,
the firm runs from its preposition to its legal form (or, after an employer's preposition such
as "at"/"chez"/"bei", over a few words up to a place, time or verb). Pure and small; the free-text
reader tidies what this returns.
"""

from __future__ import annotations

import re

from followup.parsing import rx
from followup.parsing.lexicon import (
    DEPARTMENT_ONLY,
    DOT,
    EMPLOYER_AFTER_TITLE,
    EMPLOYER_FOR,
    FIRM_WORDS,
    LEGAL_FORMS,
    TITLE_WORDS,
)
from followup.parsing.names import fold as fold_word

_WORD = rx.compile(r"[^\s,;:.!?()]+(?:\.(?=\S))?[^\s,;:.!?()]*\.?")
# legal forms as typed in lower case, less those that are words of a language ("sa", "as",
# "se", "ad", "ab", "pt" ...): they end the firm's name
_FORMS = frozenset(f.lower().rstrip(".") for f in LEGAL_FORMS if " " not in f) - {
    "ab", "ad", "as", "sa", "se", "pt", "lp", "ou", "kk", "co", "inc.", "corp", "limited", "sc"}
# prepositions that only an employer follows after a title ("cmo at x", "directrice chez y")
_EMPLOYER_ONLY = frozenset({*EMPLOYER_AFTER_TITLE, *EMPLOYER_FOR, "z", "no", "with"}) - {"per"}
# prepositions that may join a title's complement or open the firm ("jefa de compras de x")
_OF = frozenset({"de", "del", "della", "dei", "degli", "delle", "dello", "di", "da", "do",
                 "dos", "das", "du", "des", "van", "von", "vom", "der", "of", "dels", "d'"})
# what ends a firm written without a legal form: a place, a time, a verb or a pronoun
_FIRM_STOP = frozenset({
    "at", "en", "a", "na", "no", "al", "alla", "au", "aux", "in", "on", "auf", "op", "im", "am",
    "beim", "and", "y", "e", "et", "und", "i", "el", "la", "le", "il", "the", "today",
    "yesterday", "hoy", "ayer", "heute", "gestern", "hier", "ieri", "oggi", "ontem", "hoje",
    "wants", "will", "quiere", "quer", "vuole", "veut", "wil", "needs", "she", "he", "they",
    "ella", "él", "elle", "sie", "er", "lei", "lui", "ela", "ele", "call", "llamar",
    "anrufen", "rappeler", "richiamare", "ligar", "bellen", "send", "enviar", "mandar",
    "schicken", "envoyer", "inviare", "interested", "interesada", "interesado", "les",
    "belt", "ruft", "pide", "asks", "met", "via", "per", "pls",
})


# titles after which "of"/"de" names the firm and no department ("founder of x")
_HEADS_FIRM = frozenset({"founder", "cofounder", "co-founder", "owner", "ceo", "president",
                         "fundador", "fundadora", "cofundador", "cofundadora", "fondateur",
                         "fondatrice", "gründer", "gründerin", "fondatore", "oprichter",
                         "dueño", "dueña", "propietario", "propietaria",
                         # (p-people11) owners and managing heads in the other languages
                         "titolare", "proprietario", "proprietaria", "propriétaire", "gérant",
                         "gérante", "inhaber", "inhaberin", "geschäftsführer",
                         "geschäftsführerin", "eigenaar", "eigenares", "dono"})


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_form(word: str) -> bool:
    return word.rstrip(".") in _FORMS


# the same forms as a pattern, for readers that meet them inside a line ("Officine Riva, srl")
LOWER_FORM = r"(?i:(?:" + "|".join(re.escape(f) for f in rx.longest_first(_FORMS)) + r")(?![\w]))"


def has_form(phrase: str) -> bool:
    """A legal form typed in lower case among the phrase's words ("kessler technik gmbh")."""
    return any(_is_form(w) for w in _words(phrase))


def is_legal_form(word: str) -> bool:
    """A legal form as typed in lower case ("gmbh", "srl"), less those that are words."""
    return _is_form(word.casefold())


def _firm_start(words: list[str], form_at: int) -> int | None:
    """Where the firm opens among words[1:form_at]: after the first preposition that only an
    employer follows, else after the first "de"/"of" whose words up to the next one are no
    department ("gerente de ventas de x sas": after the second)."""
    preps = [j for j in range(1, form_at - 1) if words[j] in _EMPLOYER_ONLY or words[j] in _OF]
    for j in preps:
        if words[j] in _EMPLOYER_ONLY:
            return j
    for n, j in enumerate(preps):
        after_dept = _after_department(words, j)
        if after_dept is not None and after_dept < form_at:
            return after_dept  # (p-lang11) "responsable de compres a x sl"
        nxt = preps[n + 1] if n + 1 < len(preps) else None
        if nxt is not None and DEPARTMENT_ONLY.fullmatch(" ".join(words[j + 1:nxt])):
            continue  # "de ventas", "de compras": the title's own department
        return j
    return None


# p-lang11: the Catalan, Spanish, Italian and Portuguese "at" that opens the employer after a
# title's department ("cap de vendes a x", "jefe de compras en y", "responsabile acquisti a z")
_AT_AFTER_DEPARTMENT = frozenset({"a", "en", "em", "al", "all'", "alla"})


def _after_department(words: list[str], j: int) -> int | None:
    """The index of the "a"/"en" after "de <department>" at words[j], or None."""
    if j + 2 < len(words) and DEPARTMENT_ONLY.fullmatch(words[j + 1]) and \
            words[j + 2] in _AT_AFTER_DEPARTMENT:
        return j + 2
    return None


def _firm_after_department(words: list[str]) -> tuple[str, str | None] | None:
    """p-lang11: "gerente de ventas de agroinsumos del litoral", "cap de compres de cellers
    riba": with no legal form, after "title de department de" the words up to the clause's
    end (or a place, time or verb) are the firm; a "del"/"de" inside it is the firm's own."""
    if len(words) < 4 or words[1] not in _OF or words[0] in _HEADS_FIRM:
        return None
    k = 2
    while k < len(words) and k < 5 and words[k] not in _OF:
        k += 1
    if k >= len(words) - 1 or words[k] not in _OF or \
            not DEPARTMENT_ONLY.fullmatch(" ".join(words[2:k])):
        return None
    firm: list[str] = []
    for n, w in enumerate(words[k + 1:k + 6]):
        if w in _FIRM_STOP or w in _EMPLOYER_ONLY or (w in _OF and n == 0):
            break
        firm.append(w)
    while firm and firm[-1] in _OF:
        firm.pop()
    return (" ".join(words[:k]), " ".join(firm)) if firm else None


# words that complete a title without a preposition ("gerente general", "directora comercial")
_TITLE_ADJECTIVES = frozenset({
    "general", "generale", "comercial", "commercial", "commerciale", "financiero", "financiera",
    "financier", "financière", "finanziario", "financeiro", "financeira", "técnico", "técnica",
    "tecnico", "tecnica", "technique", "regional", "regionale", "senior", "junior", "adjunto",
    "adjunta", "adjoint", "adjointe", "ejecutivo", "ejecutiva", "executive", "operativo",
    "operativa", "nacional", "national", "nazionale", "administrativo", "administrativa"})


def _title_then_firm(words: list[str], form_at: int) -> tuple[str, str | None] | None:
    """"gerente general ferreteria el tornillo sas": the title's words, then the firm."""
    k = 1
    while k < form_at and (words[k] in _TITLE_ADJECTIVES or TITLE_WORDS.fullmatch(words[k])):
        k += 1
    return (" ".join(words[:k]), " ".join(words[k:form_at + 1])) if k < form_at else None


def title_and_firm(after: str) -> tuple[str, str | None] | None:
    """The title and firm that open `after` (the text right after a lower-case name), or
    None when no title word opens it."""
    clause = re.split(r"[.;!?\n]|,(?=\s)", after.lstrip(" \t,"), maxsplit=1)[0]
    words = _words(clause)[:14]
    if not words or not words[0].islower() or not (
            TITLE_WORDS.fullmatch(words[0]) or TITLE_WORDS.fullmatch(" ".join(words[:2])) or
            (words[0].rstrip("." + DOT) in _TITLE_SHORT and words[0][-1:] in (".", DOT))):
        return None  # ("cap de", "jefe de": a title of two words; "resp. acquisti")
    form_at = next((k for k, w in enumerate(words) if k >= 2 and _is_form(w)), None)
    if form_at is not None:
        j = _firm_start(words, form_at)
        if j is None:
            return _title_then_firm(words, form_at)
        return " ".join(words[:j]), " ".join(words[j + 1:form_at + 1])
    j = next((k for k, w in enumerate(words[:5]) if k >= 1 and (w in _EMPLOYER_ONLY or (
        w in _OF and k == 1 and words[0] in _HEADS_FIRM))), None)
    if j is None:
        j = _of_after_title(words)
    if j is None:
        return _firm_after_department(words)  # (p-lang11)
    firm: list[str] = []
    for n, w in enumerate(words[j + 1:j + 5]):
        if w in _FIRM_STOP or w in _EMPLOYER_ONLY or (w in _OF and (
                not n or w not in _JOINS_INSIDE_FIRM) and not _place_in_firm(words, j + 1, n)):
            break
        firm.append(w)
    while firm and firm[-1] in _OF:
        firm.pop()
    rest = words[j + 1 + len(firm):]
    if firm and len(rest) == 1 and rest[0] in _SHORT_FORMS:
        firm.append(rest[0])  # "… de frutos del valle sa." ends with its legal form
    return " ".join(words[:j]), " ".join(firm) or None


# the words that open a title's area or region, never a firm ("di zona nord", "de la región")
_SCOPE_WORDS = frozenset({"zona", "zone", "area", "área", "región", "region", "regione",
                          "région", "região", "gebiet", "bereich", "la", "el", "le", "il"})
# p-lang12: title words as typed short on a phone, with their dot ("resp. acquisti", "dir.
# comercial", "coord. de vendas")
_TITLE_SHORT = frozenset({"resp", "dir", "coord", "mgr", "dirett", "ass"})


# (p-people11) articles fused with "of" that join the words of a firm's own name ("conservas
# del cantábrico", "vins del priorat"); and short legal forms that are also words of a
# language ("sa", "ab"), a form only where they end the clause after a firm
_JOINS_INSIDE_FIRM = frozenset({"del", "della", "dello", "dels", "dei", "degli", "delle", "du",
                                "des", "do", "dos", "das"})
_SHORT_FORMS = frozenset({"sa", "ab", "as", "ad", "se"})
# words after a title word that make it one that heads a firm ("gerente general de x")
_GENERAL = frozenset({"general", "generale", "générale", "geral", "generala"})


# titles whose first "de"/"of" gives their own area ("cap de flota", "head of risk")
_TAKES_COMPLEMENT = frozenset({"head", "jefe", "jefa", "cap", "responsable", "responsabile",
                               "capo", "chef", "cheffe", "leiter", "leiterin", "encargado",
                               "encargada", "coordinador", "coordinadora", "coordinatore",
                               "coordinatrice"})


def _place_in_firm(words: list[str], start: int, n: int) -> bool:
    """p-lang12: "conservas ria de arousa", "cellers vall de riu": a "de" that joins the last
    word of the clause to a firm a trade noun opens is the firm's own (its place's name)."""
    at = start + n
    return n >= 2 and fold_word(words[start]) in FIRM_WORDS and at + 2 == len(words) and \
        words[at] in ("de", "di", "da", "do") and words[at + 1] not in _FIRM_STOP


def _of_after_title(words: list[str]) -> int | None:
    """(p-people11) Where "de"/"of" opens the firm after a title without a legal form: after
    the title's own department ("jefa de compras de conservas x", "gerente de ventas de x"),
    or after a title that heads a firm ("gerente general de x", "owner of x")."""
    preps = [j for j in range(1, min(len(words) - 1, 8)) if words[j] in _OF]
    for n, j in enumerate(preps):
        nxt = preps[n + 1] if n + 1 < len(preps) else len(words)
        if DEPARTMENT_ONLY.fullmatch(" ".join(words[j + 1:nxt])):
            continue  # "de ventas": the title's own department
        head = words[:j]
        if n and DEPARTMENT_ONLY.fullmatch(" ".join(words[preps[n - 1] + 1:j])):
            return j
        if not n and j >= 2 and DEPARTMENT_ONLY.fullmatch(" ".join(head[1:])) and \
                words[j + 1] not in _SCOPE_WORDS:
            return j  # (p-lang12) "responsabile acquisti di x", "leiter einkauf von y"
        if n == 1 and preps[0] == 1 and words[0] in _TAKES_COMPLEMENT and j - preps[0] <= 3:
            return j  # "cap de flota de transports x", "jefe de planta de cementos y"
        if not n and (head[-1] in _GENERAL or head[-1] in _HEADS_FIRM) and \
                all(w in _TITLE_ADJECTIVES or TITLE_WORDS.fullmatch(w) for w in head):
            return j
        if not n and j == 1 and words[0] in _TAKES_COMPLEMENT:
            continue  # ("cap de flota": the title's own area, the firm may come next)
        return None
    return None
