"""Signature blocks: title, company, phones, site, LinkedIn and address of a message's writer."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from followup.parsing import rx, urls
from followup.parsing.forwards import opens_quoted_header
from followup.parsing.lexicon import (
    COMPANY_SUFFIX,
    INSTITUTION,
    LEGAL_FORM,
    NAME_PARTICLES,
    TITLE_WORDS,
    has_scope_comma,
)
from followup.parsing.names import drop_honorifics, fold, letters, name_tokens
from followup.parsing.postal import (
    FAX,
    PO_BOX,
    continues_address,
    is_address,
    is_street_line,
    starts_with_postcode,
)

PhoneFinder = Callable[[str], list[str]]

_DISCLAIMER = rx.compile(
    r"^\s*(?:confidential|confidentiality|disclaimer|this (?:e-?mail|message|communication)|"
    r"the (?:information|contents?) (?:in|of) this|if you (?:are not|have received)|"
    r"diese (?:e-?mail|nachricht)|ce (?:message|courriel|mail)|este (?:mensaje|correo)|"
    r"questo messaggio|please consider the environment|sent from my|envoy[ée] de mon|"
    r".{0,60}\bis registered in\b|.{0,40}\bmailing list\b|post to the list|unsubscribe|"
    r"to unsubscribe|you received this|change your subscription|"
    # p-sig11: the firm's legal footer (its seat, register and directors) ends the block:
    # "Sitz der Gesellschaft: Berlin, Amtsgericht ... HRB ...", "Registered in England No.",
    # "SARL au capital de ...", "Inscrita en el Registro Mercantil", "Capitale sociale"
    r"sitz(?: der gesellschaft)?\s*:|amtsgericht\b|registergericht\b|handelsregister\b|"
    r"registered in (?:england|scotland|ireland)|company (?:registration )?(?:no|number)\b|"
    r"gesch[äa]ftsf[üu]hr(?:er|erin|ung)\s*:|vorstand\s*:|aufsichtsrat|"
    r".{0,60}\bau capital (?:social )?de\b|rcs [a-zé]|kvk[ -]|"
    r"(?:inscrita|registrada) en el registro|registro mercantil|capitale sociale|"
    r"partita iva|p\.\s?iva\b)",
    re.IGNORECASE,
)
_SEPARATOR = rx.compile(r"^\s*(?:_{5,}|-{5,}|={5,}|\*{5,})\s*$")
QUOTE_START = rx.compile(r"^\s*(?:>|on .{5,200} wrote:|am .{5,120} schrieb|le .{5,120} a écrit)",
                         re.IGNORECASE)
_CLOSING = rx.compile(
    r"^\s*(?:best(?: regards| wishes)?|regards|kind regards|warm regards|many thanks|cheers|"
    r"thanks|thank you|talk soon|sincerely|yours|"
    r"viele grüße|beste grüße|mit freundlichen grüßen|freundliche grüße|liebe grüße|gruss|"
    r"bien cordialement|cordialement|salutations|bien à vous|"
    r"saludos|un saludo|atentamente|un abrazo|cordiali saluti|met vriendelijke groet|groeten|"
    r"med vänliga hälsningar|vänliga hälsningar|mvh|hilsen|"
    # people (p-people): closings of the other languages signatures come in
    r"saludos cordiales|un saludo cordial|un cordial saludo|cordialmente|salutacions|"
    r"cordialment|atentament|una abraçada|cumprimentos|atenciosamente|abraços|abraço|"
    r"distinti saluti|saluti|un saluto|buona giornata|met vriendelijke groeten|"
    r"vriendelijke groet|groetjes|s pozdravem|pozdrawiam|z poważaniem|pagarbiai|ar cieņu|"
    r"lugupidamisega|parimate soovidega|üdvözlettel|tisztelettel|ystävällisin terveisin|"
    r"terveisin|venlig hilsen|med venlig hilsen|med vennlig hilsen|vennlig hilsen|"
    r"hälsningar|mit besten grüßen|schöne grüße|herzliche grüße|lg|vg|mfg|"
    r"amitiés|bien à toi|belle journée|merci|gracias|grazie|obrigado|obrigada|dank je|"
    r"tack|kiitos|děkuji|dziękuję|"
    # sig9: Ukrainian, Russian, Bulgarian, Serbian/Croatian, Slovenian, Romanian, Turkish,
    # Greek and Slovak closings
    r"з повагою|з найкращими побажаннями|с уважением|с наилучшими пожеланиями|с поздравом|"
    r"поздрави|s poštovanjem|srdačan pozdrav|lep pozdrav|cu stimă|cu respect|"
    r"toate cele bune|saygılarımla|iyi çalışmalar|με εκτίμηση|φιλικά|s pozdravom|"
    r"s úctou|srdečne|srdečně|pozdrav)"
    # p-sig12: and where the writer sends it from ("Beste Grüße aus Graz", "Regards from Cape
    # Town", "Saludos desde Medellín", "Cordiali saluti da Torino", "Groeten uit Gent"): a
    # capitalised place ("Merci de votre retour" is no closing)
    r"(?:[ \t]+(?:from|aus|desde|de|da|depuis|uit|vanuit|z|ze|från|fra)[ \t]+"
    r"(?-i:[A-ZÀ-Þ])[\w'’.-]*(?:[ \t](?-i:[A-ZÀ-Þ])[\w'’.-]*){0,2})?\s*[,.!]?\s*$",
    re.IGNORECASE,
)
_SEGMENT_SPLIT = rx.compile(r"\s+[|·•]\s+|\s*\|\s*|\t+|[ \t\xa0]{2,}|\s+·\s*|\s+/\s+(?=\S+@)")
@dataclass
class SignatureInfo:
    """What a signature block says about its writer."""

    name: str | None = None
    title: str | None = None
    company: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    website: str | None = None
    linkedin: str | None = None
    address: str | None = None


def _is_stop(line: str) -> bool:
    return bool(_DISCLAIMER.match(line) or _SEPARATOR.match(line) or QUOTE_START.match(line))


# German "im Auftrag" / "in Vertretung" / "per procura" before a name
_ON_BEHALF = rx.compile(r"^\s*(?:i\.\s?A\.|i\.\s?V\.|ppa\.|pp\.)\s*", re.IGNORECASE)


# p-sig12: the academic degrees that Austrian and German signatures write before the name
# ("DI Eva Hollerer", "DI (FH) Paul Gruber", "MMag. Lena Roth", "Dipl.-Kfm. Ulf Hahn"); "DI"
# only in capitals (the Italian "di" is a particle of names)
_DEGREE_BEFORE = rx.compile(
    r"^(?:DI(?:[ \t]?\(FH\))?|DDI|MMag\.?|Mag\.a|Dipl\.-(?:Kfm|Kffr|Wirt\.-Ing|Betriebsw)\.?"
    r"(?:[ \t]?\(FH\))?)[ \t]+(?=\S)")


def _without_honorifics(head: str) -> str:
    """"Ing. Ricardo Garza", "Dr. med. Jana Wolf", "Dott.ssa Anna Neri": the name line of a
    signature may open with honorifics that the sender's display name leaves out."""
    head = _DEGREE_BEFORE.sub("", head)
    words = head.split()
    return " ".join(drop_honorifics(words)) if len(words) > 2 else head


def _name_line_index(lines: list[str], name: str | None) -> int | None:
    """Index of the last line that starts with the writer's full name (or surname)."""
    if not name:
        return None
    toks = name_tokens(name)
    if not toks:
        return None
    want = "".join(toks)
    for i in range(len(lines) - 1, -1, -1):
        head = _SEGMENT_SPLIT.split(lines[i].strip(), 1)[0]  # (the first piece only)
        if "@" in head or "://" in head or head.casefold().startswith("www."):
            continue  # (an address spelling the name, "joanna.kowalczyk@x", is no name line)
        head = _without_honorifics(_ON_BEHALF.sub("", head.split(",")[0]))
        flat = letters(head)
        if not flat or not (flat.startswith(toks[0]) or flat.startswith(toks[-1])):
            continue  # (cheap: most lines of a mail are not the name line)
        if flat == want or (len(toks) >= 2 and flat.startswith(toks[0]) and
                            flat.endswith(toks[-1]) and len(head) <= len(name) + 12) or \
                _fuller_name(head, toks):
            return i
    return None


def _fuller_name(head: str, toks: list[str]) -> bool:
    """"Marc Puig i Serra" signing as "Marc Puig", "Nagy Zsófia" as "Zsófia Nagy": the
    name line spells more of the name, or puts the family name first."""
    words = name_tokens(head)
    if len(toks) < 2 or not words:
        return False
    longer = words[:len(toks)] == toks and len(words) <= len(toks) + 3
    if not (longer or (len(words) == len(toks) and sorted(words) == sorted(toks))):
        return False  # (the cheap test first: the patterns below are slow on long lines)
    return not (TITLE_WORDS.search(head) or COMPANY_SUFFIX.search(head))


def fuller_signed_name(sig_lines: list[str], name: str | None) -> str | None:
    """The writer's name as her signature (`signature_lines`) spells it when it says more
    than `name` does ("Marc Puig i Serra" for "Marc Puig"), else None."""
    toks = name_tokens(name or "")
    lines = [ln.strip() for ln in sig_lines[:3]]
    i = _name_line_index(lines, name) if toks else None
    if i is None:
        return None
    head = _without_honorifics(_ON_BEHALF.sub("", _SEGMENT_SPLIT.split(lines[i])[0].split(",")[0]))
    words = name_tokens(head)
    return head.strip() if len(words) > len(toks) and words[:len(toks)] == toks else None


def signature_lines(body: str, name: str | None) -> list[str]:
    """The lines of the writer's signature block at the end of `body` (may be empty)."""
    lines = [ln.rstrip() for ln in body.replace("\r\n", "\n").split("\n")]
    end = len(lines)
    for i, line in enumerate(lines):
        if QUOTE_START.match(line) or (":" in line[:40] and opens_quoted_header(lines, i)):
            end = i
            break
    lines = lines[:end]
    start = _name_line_index(lines, name)
    if start is None:
        delims = [i for i, ln in enumerate(lines) if ln.strip() in ("--", "-- ", "—")]
        closings = [i for i, ln in enumerate(lines) if _CLOSING.match(ln)]
        if delims:
            start = delims[-1] + 1
        elif closings:
            start = closings[-1] + 1
            # the first name alone under "Best," is a sign-off, not the block
            while start < len(lines) and (not lines[start].strip() or
                                          (len(lines[start].split()) == 1 and
                                          not urls.URL_RE.search(lines[start]))):
                start += 1
        else:
            return []
    out: list[str] = []
    blank_run = 0
    for line in lines[start:]:
        if not line.strip():
            blank_run += 1
            if blank_run >= 2 and out:
                break
            continue
        blank_run = 0
        if _is_stop(line) or (len(line) > 100 and not urls.EMAIL_RE.search(line)):
            break
        out.append(line.strip())
        if len(out) >= 14:
            break
    return out


PHONEISH = rx.compile(r"\+?\(?\d[\d\s().\-/]{5,}\d")
# an extension after a number is part of it ("ext 3302", "x212", "poste 208", "Durchwahl
# -15", "int. 4", "interno 12", "anexo 3", "ramal 45", "wew. 12", "toestel 3", "lok. 5")
_EXTENSION = rx.compile(
    r"(?<=\d)[ \t]*(?:,[ \t]*)?\(?(?:ext|extn|extension|x|poste|durchwahl|dw|dur|int|"
    r"interno|interne|anexo|ext\.|ramal|wew|toestel|tst|lok|lokal|klapka|mellék|"
    r"sisäinen|anknytning|lokalnummer)\.?[ \t]*[:#.-]?[ \t]*\d{1,6}\)?", re.IGNORECASE)


def _without_phones(seg: str) -> str:
    return PHONEISH.sub(" ", _EXTENSION.sub("", seg))


_PRONOUNS = rx.compile(r"\(?\s*(?:she|he|they|ze|xe)\s*/\s*(?:her|him|them|hir|xem)"
                       r"(?:\s*/\s*\w+)?\s*\)?", re.IGNORECASE)
_PHONE_LABEL = rx.compile(r"^\s*(?:fax|telefax|f:|ext|tel|phone|mobile|cell|office|direct|"
                          r"t:|m:|p:|o:|d:)", re.IGNORECASE)


# the second-level labels under a country's top-level domain that name no firm ("acme.co.uk",
# "acme.com.br", "acme.org.au", "acme.gob.mx", "acme.ac.jp")
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "gob", "edu", "ac", "or", "ne",
                           "go", "ltd", "plc", "nom"})


def domain_label(email: str | None) -> str:
    """The registrable label of an email's domain ("a@mail.acme-labs.example" -> "acmelabs",
    "b@acme.co.uk" -> "acme"): the one meaning of "a domain label" for every reader."""
    if not email or "@" not in email:
        return ""
    parts = email.rsplit("@", 1)[1].lower().split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        parts = parts[:-1]
    label = parts[-2] if len(parts) >= 2 else parts[0]
    return re.sub(r"[^a-z0-9]", "", label)


def spelled_by_domain(text: str, emails: Sequence[str]) -> bool:
    """`text` is the firm that one of the person's own addresses names ("Adria Motion" with
    …@adriamotion.example)."""
    return any(matches_domain(text, domain_label(e)) for e in emails)


def matches_domain(text: str, label: str) -> bool:
    """True when `text` is the company that a domain label names ("Heatline" ~ heatline)."""
    if not label or len(label) < 3 or TITLE_WORDS.search(text):
        return False
    squashed = letters(text)
    first = letters(text.split()[0]) if text.split() else ""
    return bool(squashed) and (squashed == label or squashed.startswith(label) or
                               label.startswith(squashed) or (len(first) >= 4 and
                                                              label.startswith(first)))


def _name_key(text: str) -> str:
    """The letters of a name to compare lines with ("Dubois-Kim" -> "duboiskim"); a name in
    another script (Cyrillic, Greek) by its own letters (sig9)."""
    return letters(text) or "".join(ch for ch in text.casefold() if ch.isalnum())


def _classify(segments: list[str], info: SignatureInfo, find_phones: PhoneFinder,
              name: str | None) -> list[str]:
    """Fill contact fields from segments; return the segments left for title and company."""
    rest: list[str] = []
    name_key = _name_key(name or "")
    for seg in segments:
        seg = seg.strip(" ,;")
        if not seg or seg.endswith(":") or FAX.match(seg) or _PRONOUNS.fullmatch(seg):
            continue
        if re.fullmatch(r"(?:in|li)/[\w-]{3,100}/?", seg):
            seg = "linkedin.com/" + seg.replace("li/", "in/")
        emails = urls.find_emails(seg)
        for e in emails:
            if e not in info.emails:
                info.emails.append(e)
        if emails:
            continue
        li = urls.linkedin_url(seg)
        if li:
            info.linkedin = info.linkedin or li
            # sig10: a links line ("acme.example [in]"): the firm's site beside the profile
            sites = [site for site in map(urls.website_url, urls.find_urls(seg)) if site]
            info.website = info.website or (sites[0] if sites else None)
            continue
        if PO_BOX.search(seg) and is_address(seg):  # "P.O. Box 40321-00100" is no phone
            info.address = f"{info.address}, {seg}" if info.address else seg
            continue
        phones = find_phones(seg)
        if phones and not re.search(r"\d{2}", _without_phones(seg)):
            info.phones.extend(p for p in phones if p not in info.phones)
            continue
        if is_address(seg):
            if not info.address and rest and starts_with_postcode(seg) and \
                    is_street_line(rest[-1]):
                seg = f"{rest.pop()}, {seg}"  # sig9: the street on the line above
            info.address = f"{info.address}, {seg}" if info.address else seg
            continue
        found = urls.find_urls(seg)
        if found and len(found[0]) >= len(seg.strip()) - 12:
            site = urls.website_url(found[0])
            if site:
                info.website = info.website or site
                continue
        if info.address and continues_address(seg):
            info.address = f"{info.address}, {seg}"
            continue
        role, colon, who = seg.partition(":")
        if colon and name_key and _name_key(who) == name_key and TITLE_WORDS.search(role):
            rest.append(role.strip())  # "Inhaberin: Petra Lorenz", "Gérant : Paul Roy"
            continue
        head = _ON_BEHALF.sub("", seg.split(",")[0])
        if name_key and _name_key(head) != name_key and \
                _name_key(_without_honorifics(head)) == name_key:
            # "Prof. Anna Conti, Chair" signed by "Anna Conti": the name line all the same
            seg = _without_honorifics(head) + seg[len(head):]
            head = _without_honorifics(head)
        if name_key and _name_key(head) == name_key:
            tail = seg[len(head):].strip(" ,")
            info.name = info.name or head.strip()
            if tail and TITLE_WORDS.search(tail):
                rest.append(tail)
            continue
        rest.append(seg)
    return rest


# "CTO at Acme", "Jefa de compras en Grupo Alcor", "Leiterin Vertrieb bei X", "CTO – Acme SAS",
# "Hoofd Inkoop bij X", "CFO der X AG": a preposition of the parser's languages or a dash
_TITLE_AT = rx.compile(r"(.{2,60}?)\s+(?:at|@|bei|beim|am|im|chez|en|presso|a|pour|para|per|bij|"
                       r"w|na|no|em|hos|på|der|von|vom|(?P<dash>[-–—|]))\s+(.{2,60})")
# "responsabile acquisti di Caffè Nerone S.r.l.": "de"/"di" only before a firm's legal form
_TITLE_OF_FIRM = rx.compile(rf"(.{{2,60}})\s+(?:de|di|del|della|du|des|da)\s+"
                            rf"([A-ZÀ-Ý].{{1,60}}?(?:{LEGAL_FORM.pattern}))")


# blocks (p-blocks8): a unit inside an institution, named by its kind and then its field
# ("Departament de Bioquímica", "Department of Physics", "Laboratoire de Chimie", "Dipartimento
# di Fisica", "Institut für Informatik", "Klinik für Kardiologie", "Servei de Pediatria")
_UNIT = rx.compile(
    r"^(?:(?:the\s+)?(?:department|dept\.?|division|faculty|school|laboratory|lab|unit|group|"
    r"centre|center|chair)\s+(?:of|for)\b|"
    r"(?:departament|departamento|dipartimento|d[ée]partement|departement|laborat[oó]ri[oa]?|"
    r"laboratoire|facultad|facultat|facolt[àa]|facult[ée]|faculdade|servei|servicio|service|"
    r"servizio|unidad|unitat|unit[ée]|unit[àa]|grup|grupo|gruppo|[ée]quipe|[àa]rea|area|"
    r"secci[óo]n|secci[óo]|sezione|c[àa]tedra|cattedra|escola|escuela|[ée]cole|scuola)\s+"
    r"(?:de|d['’]|del|de la|dels|des|du|di|della|dello|do|da)\b|"
    r"(?:institut|klinik|lehrstuhl|zentrum|abteilung|fachbereich|fakultät)\s+(?:für|f\.)\s|"
    r"abteilung\s|fachbereich\s)",
    re.IGNORECASE,
)


def is_unit(line: str) -> bool:
    """A department, lab or faculty line ("Departament de Bioquímica", "Dept. of Physics")."""
    return bool(_UNIT.match(line.strip()))


def _institution_scope(rest: list[str], info: SignatureInfo) -> bool:
    """"Professora agregada, Departament de X / Universitat de Y", "Cap de grup / Laboratori de
    X / Institut de Y": in an academic signature the unit scopes the title and the
    institution under it is the employer, not the unit."""
    inst = next((i for i, r in enumerate(rest) if INSTITUTION.search(r) and not is_unit(r)
                 and not TITLE_WORDS.search(r.split(",")[0])), None)
    if inst is None or inst == 0:
        return False
    units = inst
    while units > 0 and is_unit(rest[units - 1]) and inst - units < 2:
        units -= 1
    title = units - 1
    head = rest[title].split(",")[0] if title >= 0 else ""
    # (a short plain line over a unit's line is the title in any wording: "Wissenschaftliche
    # Mitarbeiterin / Lehrstuhl für X / Universität Y")
    titled = bool(TITLE_WORDS.search(head)) or (
        units < inst and _plain_line(head) and len(head.split()) <= 5)
    if title < 0 or not titled or (units == inst and not any(
            is_unit(part.strip()) for part in rest[title].split(",")[1:])):
        return False
    info.title = ", ".join(rest[title:inst])
    info.company = rest[inst]
    return True


def _plain_line(line: str) -> bool:
    return 1 <= len(line.split()) <= 8 and not re.search(r"[\d@/]", line) and \
        re.search(r"[^\W\d_]{2}", line) is not None


def _by_position(rest: list[str], info: SignatureInfo, label: str) -> bool:
    """"Analyste principale, Services bancaires / Banque X" under the name: where no line is
    known for a title or a firm by its words, a signature's first line is the title and the
    line under it the employer (the order of signatures in every language)."""
    if len(rest) < 2 or not (_plain_line(rest[0]) and _plain_line(rest[1])):
        return False
    if any(TITLE_WORDS.search(r) or COMPANY_SUFFIX.search(r) or matches_domain(r, label)
           for r in rest):
        return False
    info.title, info.company = rest[0], rest[1]
    return True


def _assign_title_company(rest: list[str], info: SignatureInfo, label: str) -> None:
    rest = [r for r in rest if len(r) <= 80 and len(r.split()) <= 10]
    if _institution_scope(rest, info) or _by_position(rest, info, label):
        return
    company_idx = next((i for i, r in enumerate(rest) if matches_domain(r, label)), None)
    if company_idx is None:
        company_idx = next((i for i, r in enumerate(rest) if COMPANY_SUFFIX.search(r)
                            and not TITLE_WORDS.search(r.split(",")[0])), None)
    title_idx = next((i for i, r in enumerate(rest) if i != company_idx and
                      TITLE_WORDS.search(r)), None)
    if company_idx is None and title_idx is not None:
        m = _TITLE_AT.fullmatch(rest[title_idx]) or _TITLE_OF_FIRM.fullmatch(rest[title_idx])
        if m and m.re is _TITLE_AT and m.group("dash") and not (
                COMPANY_SUFFIX.search(m.group(3)) or matches_domain(m.group(3), label)):
            m = None  # "Engineer - Platform": after a dash only a firm is the company
        if m:
            info.title, info.company = m.group(1).strip(), m.group(m.lastindex or 2).strip()
            return
    if company_idx is None and title_idx is not None and "," in rest[title_idx] and \
            not has_scope_comma(rest[title_idx]) and not _firm_line_under(rest, title_idx):
        # ("Professora agregada, Departament de Bioquímica": the scope is the title's)
        head, _, tail = rest[title_idx].rpartition(",")
        if tail.strip() and (not TITLE_WORDS.search(tail) or matches_domain(tail, label)):
            info.title = head.strip()
            info.company = tail.strip()
            return
    if company_idx is None:
        leftovers = [i for i in range(len(rest)) if i != title_idx]
        if leftovers and title_idx is not None:
            company_idx = leftovers[0]
    if title_idx is None and company_idx is not None and company_idx > 0 and \
            COMPANY_SUFFIX.search(rest[company_idx]):
        title_idx = _title_above(rest, company_idx)
    if title_idx is not None:
        info.title = rest[title_idx]
    if company_idx is not None:
        info.company = rest[company_idx]


def _firm_line_under(rest: list[str], title_idx: int) -> bool:
    """blocks (p-blocks8): "Conseillère principale, Gestion de patrimoine / Caisse X": a plain
    line under a title with a comma is the firm, and what follows the comma the title's scope."""
    below = rest[title_idx + 1] if title_idx + 1 < len(rest) else ""
    return _plain_line(below) and not TITLE_WORDS.search(below) and \
        not TITLE_WORDS.search(rest[title_idx].rpartition(",")[2])


def _title_above(rest: list[str], company_idx: int) -> int | None:
    """"Ilze Ozoliņa / Projektu vadītāja / SIA Dzintars Digital": in a signature the short
    line right above a firm's name is the title, in whatever language it is written."""
    above = rest[company_idx - 1]
    words = above.split()
    if 1 <= len(words) <= 5 and not re.search(r"[\d@/]", above) and \
            not COMPANY_SUFFIX.search(above):
        return company_idx - 1
    return None


def parse_signature(body: str, name: str | None, email: str | None,
                    find_phones: PhoneFinder) -> SignatureInfo:
    """Read the writer's signature at the end of `body`. `find_phones` turns text into E.164s."""
    info = SignatureInfo()
    lines = signature_lines(body, name)
    segments: list[str] = []
    for line in lines:
        segments.extend(_SEGMENT_SPLIT.split(line))
    rest = _classify(segments, info, find_phones, name)
    if not name and email and rest:
        rest = _name_from_local_part(rest, info, email)
    _assign_title_company(rest, info, domain_label(email))
    if info.company:
        info.company = _REGISTRATION.sub("", info.company) or info.company
    return info


# "Sahel Agro Ltd (RC 1456732)", "Brume SARL (RCS Lyon 812 345 678)": a registration number
# in brackets after the firm's name is no part of it
# (sig10: one bracket may stand inside: "(201501023344 (1148822-X))", Malaysia's new and old
# registration numbers)
_REGISTRATION = rx.compile(r"\s*\((?=[^()]*\d{3})(?:[^()]|\([^()]*\))*\)\s*$")


def _name_from_local_part(rest: list[str], info: SignatureInfo, email: str) -> list[str]:
    """A sender known only by address: the signature line that spells her address."""
    from followup.parsing.names import local_part_matches

    local = email.split("@")[0]
    for i, seg in enumerate(rest[:3]):
        words = seg.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and \
                not TITLE_WORDS.search(seg) and local_part_matches(local, seg) >= 2:
            info.name = seg
            return rest[:i] + rest[i + 1:]
    return rest


def read_card(segments: list[str], name: str | None, email: str | None,
              find_phones: PhoneFinder) -> SignatureInfo:
    """Contact fields from the pieces of a card-like line or block ("Name, Title, Company")."""
    info = SignatureInfo()
    rest = _classify(segments, info, find_phones, name)
    _assign_title_company(rest, info, domain_label(email))
    return info


def read_card_text(text: str, find_phones: PhoneFinder) -> SignatureInfo:
    """A business card's text (from OCR): one field a line, the name where it stands (not
    always first: a company may head the card). Labels such as "T", "E", "W" are tolerated."""
    from followup.parsing.names import local_part_matches

    lines = [re.sub(r"^\s*(?:[TEWMPF][_:.]?|tel|email|web|mob)\s+(?=\S)", "", ln,
                    flags=re.IGNORECASE).strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    emails = [e for ln in lines for e in urls.find_emails(ln)]
    local = emails[0].split("@")[0] if emails else ""
    label = domain_label(emails[0]) if emails else None

    def name_score(line: str) -> int:
        words = line.split()
        if not 2 <= len(words) <= 4 or re.search(r"[\d@/]", line) or TITLE_WORDS.search(line):
            return -1
        if COMPANY_SUFFIX.search(line) or not words[0][:1].isupper() or not all(
                w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words[1:]):
            return -1
        if label and re.sub(r"[^a-z0-9]", "", fold(words[0]).lower()) == label:
            return -1  # "Nimbuswater Software" beside ...@nimbuswater.com: the company
        return 1 + (local_part_matches(local, line) if local else 0)

    scored = sorted(((name_score(ln), -i, ln) for i, ln in enumerate(lines)), reverse=True)
    name = scored[0][2] if scored and scored[0][0] > 0 else None
    info = read_card(lines, name, emails[0] if emails else None, find_phones)
    info.name = info.name or name
    return info

