"""Details a writer gives in her message's own words, above her signature block and any
quote: the number she asks to be called on ("call or text me on ...", "mi móvil es el ..."),
and the phones and title she gives for a colleague she copies in."""

from __future__ import annotations

import re

from followup.parsing import rx, urls
from followup.parsing.forwards import opens_quoted_header
from followup.parsing.lexicon import TITLE_WORDS
from followup.parsing.postal import FAX
from followup.parsing.signature import PHONEISH, QUOTE_START, PhoneFinder

# a number the writer gives in her message's own words, after a phone word a few words before
# it: "Cell is best: 647 ...", "call me on 0412 ...", "mi móvil es el 612 ...", "mein Handy:
# 0171 ...", "mon portable : 06 ..."
_TEXT_PHONE_WORD = rx.compile(
    r"(?:\b(?:cell|mobile|mob|phone|tel|whatsapp|signal|handy|handynummer|mobil|portable|"
    r"téléphone|móvil|movil|celular|cellulare|telefono|teléfono|telefone|telemóvel|mobiel|"
    r"telefoon|komórka|numéro|número|numero|number|nummer|txt|sms)|"
    # p-sig11: asked to call in any wording ("call or txt me", "ring/text me on", "llámame al",
    # "ruf mich an unter", "appelez-moi au", "chiamami al", "liga-me para", "truca'm al")
    r"\b(?:call|text|txt|ring|reach|phone|message|whatsapp)(?:\s+or\s+\w+)?\s+me|"
    r"\b(?:llámame|llamame|llámeme|escríbeme|chiamami|chiamatemi|appelle-moi|appelez-moi|"
    r"liga-me|ligue-me|truca'm|truca’m|trucar-me|ruf\s+mich|rufen\s+sie\s+mich))"
    r"\b[^\d\n@]{0,24}$", re.IGNORECASE)


def text_phones(body: str, name: str | None, find_phones: PhoneFinder) -> list[str]:
    """sig10: numbers the writer gives in her own message above her signature and any quote
    ("Cell is best: 647 555 0182", "mi móvil es el 612 ..."), after a phone word on its line:
    hers, where the line names nobody's address (a colleague's "(dev@x.example, 512-...)")."""
    lines = body.split("\n")
    end = next((i for i, ln in enumerate(lines) if QUOTE_START.match(ln) or
                (":" in ln[:40] and opens_quoted_header(lines, i))), len(lines))
    out: list[str] = []
    for line in lines[:end]:
        m = PHONEISH.search(line)
        if m is None or urls.EMAIL_RE.search(line) or FAX.match(line) or \
                not _TEXT_PHONE_WORD.search(line[:m.start()]):
            continue
        out += [p for p in find_phones(line) if p not in out]
    return out


# "Dev Chaudhry, our Director of Procurement (dev@x.example, 512-...)": who a copied colleague
# is, as the writer introduces him (between his name and the bracket of his details)
_INTRODUCED_AS = r"\s*,\s*(?:our|my|their|notre|nuestr[oa]|unser(?:e|er)?|il nostro|la nostra|" \
    r"nosso|nossa|onze)\s+([^(),;\n]{3,60}?)\s*[(,]"


def introduced_details(body: str, name: str | None, addr: str, find_phones: PhoneFinder
                       ) -> tuple[list[str], str | None]:
    """sig10: the phones and the title the writer gives for a colleague she copies in ("I've
    cc'd Dev Chaudhry, our Director of Procurement (dev.chaudhry@x.example, 512-555-0176)"):
    the numbers in the bracket (or the clause) of his address, the title after his name."""
    at = body.lower().find(addr.lower())
    if at < 0:
        return [], None
    close = body.find(")", at)
    stop = re.search(r"[.;\n]\s|\s(?:and|so|und|et|y|e)\s", body[at:])
    end = close if 0 <= close - at <= 60 else at + (stop.start() if stop else 60)
    phones = find_phones(body[at + len(addr):end])
    title = None
    if name:
        m = re.search(re.escape(name) + _INTRODUCED_AS, body[max(0, at - 200):at])
        if m and TITLE_WORDS.search(m.group(1)):
            title = m.group(1).strip()
    return phones, title
