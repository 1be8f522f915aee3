"""The owner's own words: cutting off her signature and sign-off, tags, and where she met them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from followup.parsing import rx
from followup.parsing.geoplaces import region_of_place
from followup.parsing.lexicon import COMPANY_SUFFIX, LEGAL_FORM, protect, restore
from followup.parsing.names import fold
from followup.parsing.places import CITIES, COUNTRY_NAMES
from followup.parsing.timing import is_ask, leading_date_end, starts_with_date
from followup.parsing.urls import find_emails

_DEVICE_LINE = rx.compile(
    r"^\s*(?:sent from my|sent from (?:outlook|mail)|get outlook for|envoy[ée] de mon|"
    r"von meinem .* gesendet|gesendet von|enviado desde mi|inviato da|verzonden vanaf|"
    r"skickat från|sendt fra|sent with|sent via)\b",
    re.IGNORECASE,
)
_SIG_DELIM = rx.compile(r"^\s*(?:--|—|-- ?|__)\s*$")
_CLOSING = rx.compile(
    r"^\s*(?:best(?: regards| wishes)?|regards|kind regards|warm regards|cheers|thanks|"
    r"thank you|many thanks|thx|br|rgds|ttyl|talk soon|"
    r"viele grüße|viele grüsse|beste grüße|mit freundlichen grüßen|liebe grüße|lg|vg|gruss|"
    r"grüße|grüsse|gruß|"
    r"cordialement|bien cordialement|bien à (?:toi|vous)|merci|bonne journée|amitiés|"
    r"un abrazo|saludos|un saludo|atentamente|gracias|abrazos|"
    r"groeten|met vriendelijke groet|hälsningar|mvh|cordiali saluti|saluti)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
_QUOTE_LINE = rx.compile(r"^\s*>")
_TAG_RE = rx.compile(r"(?<![\w#&/])#([^\W\d_][\w-]*)(?![/\w])", re.UNICODE)
_FOLLOWUP_DIRECTIVE = rx.compile(r"#(?:follow-?up|f/?u)\b(?:\s+[\w/.-]+)?", re.IGNORECASE)
# `#seq investor`, `#seq:investor`, `#seq=investor`, `#sequence investor`: the named sequence
_SEQUENCE_DIRECTIVE = rx.compile(r"(?<![\w#&/])#seq(?:uence)?(?:\s*[:=]\s*|\s+)([^\W_][\w-]*)",
                                 re.IGNORECASE | re.UNICODE)


@dataclass(frozen=True)
class OwnerText:
    """The owner's words split into what she wrote and the signature she left under it."""

    note: str
    signature: str


def _owner_name_forms(owner_names: list[str]) -> set[str]:
    forms: set[str] = set()
    for name in owner_names:
        if "," in name:  # "Rivera, Alex"
            last, _, first = name.partition(",")
            name = f"{first.strip()} {last.strip()}"
        words = [w for w in re.split(r"[\s,]+", name.strip()) if w]
        if not words:
            continue
        forms.add(fold(" ".join(words)))
        forms.add(fold(words[0]))
        forms.add(fold("".join(w[0] for w in words)))
        forms.add(fold(words[0][0]))
    return {f for f in forms if f}


def _is_owner_signoff(line: str, forms: set[str]) -> bool:
    core = fold(line.strip()).strip(" -–—~*_.,!")
    if not core:
        return False
    if core in forms:
        return True
    # "Alex Rivera, CFA" / "Alex Rivera | Rivera Partners | +1 212 ...": her name opens the line
    head = rx.split(r"\s*[,|·•–—]\s*|\s+-\s+", core)[0]
    return " " in head and head in forms


def _tail_is_short(lines: list[str]) -> bool:
    """True when what follows looks like a signature: a few short lines, no prose."""
    rest = [ln for ln in lines if ln.strip()]
    return len(rest) <= 7 and all(len(ln.strip()) <= 120 for ln in rest)


def _someone_elses(lines: list[str], forms: set[str], owner_emails: frozenset[str]) -> bool:
    """True when the block under a sign-off is another person's signature the owner pasted
    under her line ("Met her at the booth." over "Mit freundlichen Grüßen / Dr. Anna Roth /
    ... / a.roth@firm.example"): it gives an address neither hers nor of her domain, and
    none of its lines is her name."""
    if not owner_emails or any(_is_owner_signoff(ln, forms) for ln in lines):
        return False
    hosts = {e.rsplit("@", 1)[-1] for e in owner_emails}
    found = find_emails("\n".join(lines))
    return bool(found) and all(e not in owner_emails and e.rsplit("@", 1)[-1] not in hosts
                               for e in found)


def split_owner_text(text: str, owner_names: list[str],
                     owner_emails: frozenset[str] = frozenset()) -> OwnerText:
    """Cut the owner's signature, device line and sign-off from the end of her note."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [ln for ln in lines if not _QUOTE_LINE.match(ln)]
    forms = _owner_name_forms(owner_names)
    cut = len(lines)
    for i, line in enumerate(lines):
        after = lines[i + 1:]
        if _SIG_DELIM.match(line) or _DEVICE_LINE.match(line):
            cut = i
            break
        if _CLOSING.match(line) and _someone_elses(after, forms, owner_emails):
            continue
        if (_CLOSING.match(line) or _is_owner_signoff(line, forms)) and _tail_is_short(after):
            cut = i
            break
    note = "\n".join(lines[:cut]).strip()
    signature = "\n".join(ln for ln in lines[cut:] if not _DEVICE_LINE.match(ln)).strip()
    return OwnerText(note=note, signature=signature)


def find_tags(text: str) -> list[str]:
    """`#hashtags` of the owner's text, lower-cased, without `#` and the `#followup` directive."""
    cleaned = _SEQUENCE_DIRECTIVE.sub(" ", _FOLLOWUP_DIRECTIVE.sub(" ", text))
    out: list[str] = []
    for m in _TAG_RE.finditer(cleaned):
        tag = m.group(1).lower().rstrip("-_")
        if tag and tag not in out:
            out.append(tag)
    return out


def find_sequence(text: str) -> str | None:
    """The sequence the owner chose with `#seq NAME` (the last one, lower-cased), if any."""
    names = [m.group(1).lower().rstrip("-_") for m in _SEQUENCE_DIRECTIVE.finditer(text)]
    return names[-1] if names else None


# ----------------------------------------------------------------------------- met_at

_EVENT_WORDS = (
    r"(?:conference|conf|summit|meetup|meet-up|dinner|breakfast|lunch|brunch|happy hour|"
    r"night|day|days|panel|session|forum|fair|expo|messe|salon|party|reception|mixer|"
    r"office hours|booth crawl|crawl|booth|stand|table|stall|workshop|hackathon|demo day|"
    r"festival|week|gala|hack|hackday|hacknight|jam|tourney|tournament|launch|pitch night|"
    r"demo night|open house|bootcamp|roundtable|round table|unconference|barcamp|webinar|"
    r"market|mkt|social|drinks|wedding|bus|train|flight|plane|ferry|shuttle|cruise|"
    r"gym|café|cafe|bar|club|event|talk|keynote|offsite|retreat|congress|kongress|"
    r"symposium|convention|show|tagung|soirée|rencontre|feria|congreso|jornada|cena|"
    r"almuerzo|desayuno|stammtisch|abend|fira|fiera|convegno|congrés|congresso|salone|trobada|"
    r"mostra|jornades|tagung|empfang|netzwerkabend|kundentag|buchmesse|afterwork|apéro|"
    r"petit-déjeuner|déjeuner|dîner|cocktail|rassegna|sagra|encuentro|encontro|foro|"
    r"seminario|séminaire|seminar|kolloquium|colloque|meeting|partnering|congres|"
    # more languages' fairs, forums and gatherings ("feira Têxtil", "GovTech Dag", "targi X",
    # "Joburg logistics indaba")
    r"indaba|conclave|showcase|trade ?show|feira|beurs|vakbeurs|borrel|netwerkborrel|"
    r"bijeenkomst|dag|targi|targach|konferencja|konferencji|konferens|konferanse|konference|"
    r"kongres|mässa|mässan|fórum|fòrum|conferência|conferencia|conferenza|conférence|evento|"
    r"événement|salão|jornadas|fest|summit|"
    # meals of Italian and Portuguese notes, shows recorded or streamed, an hour said short
    r"colazione|pranzo|aperitivo|apericena|almoço|jantar|comida|fiesta|sopar|dinar|esmorzar|"
    r"podcast|livestream|happy hr|red-eye|redeye|"
    # a day of an institution ("journée portes ouvertes", "Tag der offenen Tür", "jornada de
    # puertas abiertas", "open dag") and the named trains of a journey ("Eurostar Paris to
    # London", "TGV Lyon-Paris", "Frecciarossa Milano-Roma")
    r"journée|journées|portes ouvertes|tag der offenen tür|puertas abiertas|porte aperte|"
    r"open dag|eurostar|tgv|thalys|frecciarossa|shinkansen|"
    r"veranstaltung|konferenz|gipfel|saló|salons|"
    # p-placetime9: Nordic definite forms ("sjømatmessa", "byggmässan"), Czech fairs and
    # conferences ("veletrh X", "na konferenci Y"), Quebec's after-work "5 à 7"
    r"messa|messen|mässa|veletrh\w*|konferenc\w*|výstav\w*|5\s?(?:à|a|@)\s?7|cinq à sept|"
    # p-placetime10: Romanian fairs and conferences ("târgul X", "conferința Y"), Finnish
    # fairs and days ("Kiinteistömessuilla", "Rakennuspäivillä"), Swedish "-dagen"
    r"târg\w*|targ(?:ul|uri)?|expozi[țt]i\w*|conferin[țt]\w*|\w*messu\w*|\w*päivi\w*|"
    r"\w+dagen|\w+dagarna|"
    # p-placetime11: a venue to eat, drink or stay in, in the notes' languages ("al caffè X
    # a Napoli", "au restaurant Y à Nantes", "im Hotel Z in Graz", "στο καφέ X")
    r"caffè|caffe|cafetería|cafeteria|kafé|kafe|kaffeehaus|kavárn\w*|kahvila\w*|cafenea\w*|"
    r"καφέ|restaurant|ristorante|restaurante|restaurang|bistro|bistrot|brasserie|trattoria|"
    r"osteria|taverna|pub|hotel|hôtel|hotell|coworking|food hall|"
    # and the German breakfast, as "breakfast" and "desayuno" are above ("beim Frühstück der
    # Gründer im Hotel X": the event, then its venue)
    r"frühstück|"
    # p-placetime12: a cookout or a tasting in the English of many countries ("Durban
    # logistics braai", "Austin founders BBQ", "Porto wine tasting", "team potluck")
    r"braai|barbecue|bbq|cookout|potluck|picnic|tasting)"
)
# Words that end the place: time words and the usual joints of a sentence.
_PLACE_STOP = rx.compile(
    r"\s++i\s(?!(?-i:[A-ZÅÄÖØÆ]))|\s++(?:on|last|yesterday|yday|we|she|he|they|met|yest|ystdy|this|today|tdy|tonight|tonite|tmrw|earlier|and|"
    r"where|when|was|were|with|who|which|whose|"
    r"but|since|after|before|because|so|about|during|for|re|then|dann|puis|luego|poi|depois|"
    # what the person said or wants starts after the place ("from X Show wants a demo")
    r"wants?|wanted|needs?|needed|said|says|asked|asks|will|would|has|had|is|are|liked|"
    r"loved|mentioned|promised|agreed|"
    r"vendredi|lundi|mardi|mercredi|jeudi|samedi|dimanche|hier|ce|cette|aujourd'hui|le|et|"
    r"gestern|heute|vorgestern|am|lange|letzte[nm]?|und|letzten|diese[nm]?|"
    r"ayer|hoy|el|la semana|y|este|esta|mit|avec|con|amb|con|e|ed|ho|vaig|he|hemos|"
    r"gesprochen|kennengelernt|getroffen|gesehen|conocí|conosciuto|incontrato|conegut|"
    r"rencontré|rencontrée|ieri|oggi|avui|ahir|hier|heute|gestern|"
    # the same verbs typed without their accents on a phone ("en agroexpo conoci a ...")
    r"conoci|conocimos|hable|platique|converse|coincidi|salude|"
    # a meeting verb in the past ends the place in every language ("na X conheci a ...")
    r"conheci\w*|encontrei|hablé|hablamos|parlé|parlato|pozna(?!ń|ni[au]\b)\w*|spotka\w*|gesproken|"
    r"ontmoet|träffade|mødte|mødtes|møtte|traff|"
    r"lernte\w*|habe|hatte|sprach\w*|ich|falei|conversei|conversamos|sprak|spraken|"
    r"ontmoette|leerde|heb|pratade|pratat|snakket|jag|rozmawiał\w*|"
    # p-placetime10: Nordic, Romanian and Greek talk after the place ("på X talte jeg med",
    # "la X am vorbit cu", "στο X γνώρισα τον")
    r"jeg|talte|snakkede|hilste|hälsade|mødtes|møttes|träffade|tapasin|tavattiin|juttelin|"
    r"vorbit|cunoscut\w*|întâlnit|intalnit|γνώρισα|συνάντησα|μίλησα|γνωριστήκαμε|"
    r"spontan|zufällig|briefly|brièvement|brevemente|"
    # more past-tense talk of Spanish, Italian, Portuguese and French phone notes ("en el X
    # Summit platiqué con", "alla fiera Y chiacchierato con") and German "neben" / "saß"
    r"estuve|estuvimos|platiqu[ée]|platicamos|charl[ée]|charlamos|convers[ée]|coincid[íi]|"
    r"salud[ée]|tuve|tuvimos|abbiamo|chiacchierato|sono|estive|estivemos|discut[ée]|"
    # p-placetime5: a word joined on by a hyphen is part of a name ("e-residency", "on-chain",
    # "re-Invent", "y-combinator"), not the stop word it starts with
    r"échang[ée]|j'ai|avons|neben|saß|sass)\b(?![-‐])"
    # a German past participle (gesessen, geplaudert, getroffen) or a gerund of the Romance
    # languages (hablando, parlando, conversando): a verb, in lower case, ends every name
    r"|\s++(?-i:ge[a-zäöüß]{3,}(?:t|en)|[a-záéíóúàèòùç]{2,}(?:ando|iendo|endo)|"
    # and German adverbs of how the talk went ("in Erlangen nett geplaudert")
    r"nett|gut|lange|länger|ausführlich|spannend|intensiv)\b"
    # "with" of Scandinavian and Portuguese notes, in lower case ("på X med Linnea", "no X com
    # o Caio"); an object pronoun before a verb of the Romance languages ("en el Foro X me
    # presentaron a", "alla fiera Y mi hanno presentato", "a la fira Z ens van presentar")
    r"|\s++(?-i:med|com|kurz)\s"  # "kurz" (briefly), not the surname Kurz
    # "after" in the Romance languages ends a place as English "after" does ("au Wagon Bar
    # après le meetup", "en Casa Pepe después del congreso")
    r"|\s++(?:après|apres|después|despues|dopo|depois|després)\b"
    r"|\s++(?-i:me|te|se|nos|mi|ti|ci|vi|si|ens|em|els)\s++(?=(?-i:[a-zà-ÿ]))"
    r"|\s++(?:herrn?|frau|mr|mrs|ms|dr|prof|m\.|mme)\.?\s"
    # "auf der X bei uns am Stand", "op de Y bij ons": where the owner stood, not the place
    r"|\s++(?:bei|bij|chez|da|hos)\s++(?:uns|mir|ons|nous|noi|oss)\b"
    r"|\s++(?:a\s++|al\s++)?(?:il\s++|la\s++|l['’])?(?:sig|sig\.ra|sigra|dott|dott\.ssa|avv|sr|sra|don|doña|"
    r"ing)\.?(?:\s|$)"
    # "to" ends a place, but for the journey it names ("the train to Leeds")
    r"|(?<!flight)(?<!train)(?<!bus)(?<!ferry)(?<!plane)(?<!shuttle)(?<!ride)(?<!cruise)"
    r"\s++to\b"
    r"|\s++op\s++(?=\d|\w+dag\b)"  # Dutch "op 19 maart", "op dinsdag" ("Bergen op Zoom" stays)
    r"|\s++(?:\d+|a|an|one|two|three|a few)\s++(?:days?|weeks?|months?|hours?)\s++ago\b"
    # "... in Den Haag twee mensen van ...": a count of people starts the people
    r"|\s++(?:\d+|two|three|four|zwei|drei|vier|deux|trois|dos|tres|due|tre|twee|drie|dois|"
    r"duas|três|dwie|dwa|trzy|två|tre|to)\s++(?:people|persons|guys|folks|leute|personen|"
    r"personnes|personas|persone|pessoas|mensen|osoby|personer|contacts?|kontakte|contactos|"
    r"contatos|contacten)\b"
    r"|\s++[-–—]\s++|\s++w/|[,;!?()\n]|:(?=\s|$)|\.(?=\s|$)"
    # a short weekday ends the place ("at Slush Fri", "the expo sat next to"), but not where
    # it is a word of a name: capitalised and followed by another capitalised word that is
    # no month ("the Sun Valley forum") or by "with" ("lunch at Ko Pha Sat with two of them")
    r"|\s++(?-i:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|MON|TUE|WED|THU|FRI|SAT|SUN)\b"
    r"|\s++(?-i:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b(?!\s++(?:with\b|w/|"
    r"(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\b)(?-i:[A-Z])))"
    # a hashtag is the owner's label, not part of the name ("... Week #fintech")
    r"|\s++#(?=\w)"
    # an emoji ends the phrase ("the devops days afterparty 🍻 cto @ ...")
    r"|\s*+[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]",
    re.IGNORECASE,
)
_MEET_VERB = (
    r"(?:met|meet|meeting|ran into|run into|bumped into|sat next to|talked to|talked with|"
    r"(?:talked|spoke|chatted|caught up) w/|"
    r"(?:coffee|lunch|dinner|breakfast|brunch|drinks|beers?|call)(?: with)?|"
    r"spoke (?:to|with)|chatted with|chatted|chat|chatting|talked|saw|seen|see|seeing|"
    r"sat with|sat together|hung out|connected|introduced|"
    r"rencontr[ée]e?s?|crois[ée]e?s?|vue?s?|conoc[íi]|conocimos|conocid[oa]s?|ontmoet|gesproken|"
    r"leren kennen|coincidimos|vam coincidir|coincidí|coincidiu|kennengelernt|getroffen|"
    r"gesprochen|unterhalten|gespräch|treffen|trafen|traf|gesehen|getroffen|"
    r"conosciut[oa]|incontrat[oa]|conegut|coneguda|conèixer|vist[oa]?|reunión|réunion|"
    r"riunione|reunió|"
    # Portuguese, Spanish "nos vimos", Polish: the same verbs in the other languages notes use
    r"conhec\w*|encontr[eé]\w*|encontramos|nos vimos|vimos|falei com|falamos com|"
    r"pozna(?!ń|ni[au]\b)\w*|spotka\w*|rozmawia\w*|"
    r"träffa\w*|mødte|mødtes|møtte|traff|snakket|snakkede|pratade|talte med|"
    # talking with someone, in the past, as Romance phone notes say it after the place ("alla
    # scuola X ho parlato con", "au forum Y j'ai discuté avec", "en la feria Z hablé con")
    r"(?:ho|abbiamo) (?:parlato|chiacchierato|conosciuto|incontrato)|"
    r"(?:j'ai|j’ai|on a|nous avons) (?:parlé|discuté|échangé|rencontré)|parlé avec|"
    r"discuté avec|(?:he|hemos) (?:hablado|conocido|platicado)|habl[ée] con|hablamos con|"
    r"platiqu[ée] con|conoci|vaig parlar amb)"
)
_PREP = (
    r"(?:at|@|from|during|von|vom|von der|auf dem|auf der|beim|bei der|an der|"
    r"au|à la|à l'|aux|lors du|lors de la|en el|en la|en|durante|al|alla|allo|all'|a la|"
    r"a l'|als|nel|nella|im|in der|after the|op de|op het|bij de|bij het)"
)
# In Romance notes a bare "a"/"à" is "at" ("conosciuta ieri a EIMA", "rencontré à Vinexpo");
# after an English verb it is the article ("met a founder"), so only the others take it; so
# are Italian "ad" (before a vowel), Portuguese "na/no/em/num(a)" and Polish "na/w" before a
# name ("na Feira X", "ad Ecomondo", "na Infoshare"); English "no"/"na" never get here.
_ROMANCE_PREP = (r"(?:à|a|ad|na|no|nos|nas|em|num|numa|w|we|på|til)"
                 r"(?=\s+(?:(?-i:[A-Z\d])|(?:feira|feria|fiera|fira|targach|targi|konferencji|"
                 r"konferencja|kongres\w*|congres\w*|evento|salão|salon\w*|mässan|messe\w*|beurs|"
                 r"expo|forum|fórum|fòrum|summit|meetup|jornadas?|confer\w+)\b))")

_LABEL_RE = rx.compile(
    r"^\s*(?:met at|met|where met|where|event|place|venue|veranstaltung|ort|anlass|lieu|événement|"
    r"evento|lugar|conocido en|rencontré à|"
    # the meeting verb as a label, in the languages notes are written in
    r"where we met|kennengelernt|getroffen|kennengelernt auf|treffpunkt|messe|"
    r"rencontr[ée]e?s?|rencontr[ée]e? à|lieu de rencontre|occasion|"
    r"conocid[oa]s?|conocid[oa] en|conegud?[ao]?|conegut a|conosciut[oa]|incontrat[oa]|"
    r"luogo|conhecid[oa]|conhecid[oa] em|local|ontmoet|ontmoet op|plek|locatie|evenement|"
    r"poznan[ya]|poznan[ya] na|miejsce|wydarzenie|träffades|träffad på|mødt|mødt på|møtt|"
    r"møtt på)\s*:\s*(.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)


# A place is at most 80 characters; what runs on this far without a stop is no place. Reading
# only this much keeps every caller linear ("en la Expo en la Expo ..." clipped at each "en").
_CLIP_WINDOW = 240


def _clip_place(text: str, names: Sequence[str] = ()) -> str | None:
    """The place `text` starts with, up to its first stop, day or person (`names`)."""
    window = text[:_CLIP_WINDOW]
    m = _place_stop(window)
    if m is None and len(text) > _CLIP_WINDOW:
        return None
    place = _before_day(_date_in_name(window[: m.start()] if m else window)).strip(" \t\"'“”")
    place = re.sub(r"^(?:the|a|an|der|die|das|dem|le|la|les|el|los|las)\s+", "", place,
                   flags=re.IGNORECASE)
    place = _TRAILING_LIST_WORD.sub("", _before_person_a(place))
    # "booth 12 at Slush", "stand B4 at the Expo": the spot in the event, the event names it
    spot = _SPOT_AT.match(place) or _SPOT_INSIDE.match(place)
    if spot:
        place = spot.group("event")
    # "Hausmesse von [gestern]": a joining word left over where a day was cut off
    # and a locative left hanging where a title or person was cut ("Baumesse in [Frau X]")
    place = re.sub(r"\s+(?:von|vom|de|del|di|du|of|from|van|z|in|en|im|à|au|at)$", "", place,
                   flags=re.IGNORECASE)
    if names and place:  # "alla colazione di lavoro di X antonio de santis": a name ends it
        place = _before_names(place, names) or ""
    place = _DAY_OF_EVENT.sub("", _event_after_city(_after_city_lower(place)))
    if not place or len(place) > 80 or _content_words(place) > 8:
        return None
    # a clock time or a count, not a name that starts with a digit ("4YFN")
    if not _YEAR_NAME.match(place) and not _AFTER_WORK.match(place) and \
            rx.match(r"\d[\d:.,]*(?!\w)|\d+(?:am|pm|h|st|nd|rd|th)\b|"
                r"(?:noon|midnight|home|work|all|the office|my office|our|my|his|her|their|your|"
                r"unser\w*|notre|nos|nuestr[oa]s?|nostr[oa])\b", place, re.IGNORECASE):
        return None  # a time ("at 10am") or nowhere in particular
    if _NOWHERE.match(place) or _OFFICE_OF.search(place):
        return None
    return place


# "X Expo Day 2", "Hannover-like Messe Tag 3", "Salon Y jour 2", "Feria Z día 3": which day of
# the event says when, not where
_DAY_OF_EVENT = rx.compile(r"(?<=\w)\s+(?:day|tag|jour|d[íi]a|giorno|dag|dzie[ńn]|dia)\s+\d{1,2}$",
                           re.IGNORECASE)


# "the Dec 29 holiday party", "the 3 March investor breakfast": a day inside the event's
# name says when (the timing grammar reads it), the words after it name the event
_ARTICLE_THEN_REST = rx.compile(r"(?:(?:the|der|die|das|le|la|el|il|lo)\s+)?", re.IGNORECASE)


def _date_in_name(text: str) -> str:
    lead = _ARTICLE_THEN_REST.match(text)
    start = lead.end() if lead else 0
    # a weekday only after an article ("the Friday mixer"; "mercredi au colloque" is when)
    end = start + leading_date_end(text[start:], weekday=start > 0) \
        if text[start:start + 1].isalnum() else start
    rest = text[end:]
    if end == start or not rest[:1].isspace() or not rest.strip()[:1].isalpha() or \
            _EVENT_PREP.match(rest.strip()):  # "3 mars au salon X": the place follows
        return text
    return rest.lstrip()


# "a Diego from some delivery startup": an indefinite phrase names no place
_NOWHERE = rx.compile(r"(?:some|any|another|a few|various|several|einige\w*|irgendein\w*|"
                      r"quelques?|algun[oa]s?|alcun[ie])\s", re.IGNORECASE)
# "at Greyhaven Studios' office in Bristol", "in Acme's HQ": the firm's own premises are the
# firm (a company is no place)
_OFFICE_OF = rx.compile(r"['’]s?\s+(?:office|offices|hq|headquarters|premises|plant|factory|"
                        r"warehouse|site|campus)\b", re.IGNORECASE)


# "au 5 à 7 du Réseau X": Quebec's after-work gathering, no clock time
_AFTER_WORK = rx.compile(r"5\s?(?:à|a|@)\s?7\b", re.IGNORECASE)
# "the 2026 Gartner Summit": a year opening an event's name is no clock time or count
_YEAR_NAME = rx.compile(r"(?:19|20)\d\d\s+(?-i:[A-Z])")
# A journey names its route: "to" after the train or flight word goes on to where it went
# ("the BA flight London to Lagos", "the Eurostar Paris to London")
_JOURNEY = rx.compile(r"\b(?:flight|train|bus|ferry|plane|shuttle|cruise|red-?eye|eurostar|"
                      r"tgv|thalys|frecciarossa|shinkansen|ice|ave|zug|vol|vuelo|volo|voo|tren|"
                      r"treno|trem)\b", re.IGNORECASE)


# Where a stop can start: a run of spaces (its first character, or its second, where the run
# follows "flight" and only " to" past it may stop), a punctuation mark or an emoji. Inside a
# run any other stop starts at the run's first character too, and trying each of a run's
# spaces read the run's rest again for every stop word (a window of 240 spaces took 80 ms,
# and every locative of a note reads one).
_STOP_START = rx.compile(
    r"(?<!\s\s)\s|[,;!?()\n:.\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]",
    re.IGNORECASE)


def _place_stop(window: str) -> re.Match[str] | None:
    pos = 0
    for start in _STOP_START.finditer(window):
        if start.start() < pos:
            continue
        m = _PLACE_STOP.match(window, start.start())
        if m is None:
            continue
        if m.group(0).strip().lower() != "to" or not _JOURNEY.search(window, 0, m.start()):
            return m
        pos = m.end()
    return None


# the small words that join a name's parts ("desayuno de trabajo de la Cámara de Comercio")
_JOINING_WORDS = frozenset({"de", "del", "della", "di", "da", "do", "das", "dos", "der", "des",
                            "du", "la", "le", "les", "el", "of", "the", "and", "y", "e", "i",
                            "&", "für", "for", "van", "von", "a", "à"})


def _content_words(place: str) -> int:
    return sum(1 for w in place.split() if w.lower() not in _JOINING_WORDS)


_SPOT_AT = rx.compile(
    r"(?:booth|stand|table|hall|stall|room|stand|standplatz|halle|pabellón|padiglione|"
    r"estande|salle)\s+[\w.-]{1,6}\s+(?:at\s+the|at|@|of\s+the|of|auf\s+der|de\s+la|du|del|"
    r"della|do|da)\s+(?P<event>\S.*)$", re.IGNORECASE)
# "the Hubspot booth at INBOUND", "after the keynote at DevOpsDays", "Stand von Siemens auf
# der SPS", "le stand Airbus au salon du Bourget": a spot inside an event, the event names it
_SPOT_INSIDE = rx.compile(
    r"(?:[\w&'.-]+\s+){0,3}?(?:booth|stand|keynote|session|talk|panel|lounge|breakout|"
    r"speaker lounge|vip lounge|pavilion|pavillon|hall|halle|area|zone|afterparty|after-party)"
    r"(?:\s+(?:von|de|di|of|du|des)\s+[\w&'.-]+(?:\s+[\w&'.-]+)?)?"
    r"\s+(?:at\s+the|at|@|auf\s+der|auf\s+dem|au|à\s+la|en\s+el|en\s+la|alla|al|nel|"
    r"nella|op\s+de)\s+(?P<event>(?-i:[A-Z0-9])\S*.*)$", re.IGNORECASE)
# "Denver SaaS meetup numbers:", "Slush contacts": the list's word is not part of the name
_TRAILING_LIST_WORD = rx.compile(
    r"\s+(?:numbers|contacts|contact|leads|cards|people|folks|notes|kontakte|contactos|contatos|"
    r"contacten|kontakty|contatti)$", re.IGNORECASE)
# Spanish, Catalan and Portuguese put "a" before a person met ("en la Expo X a José Luis
# Hernández"): "a" and two capitalised words that are not a city end the place.
_PERSONAL_A = rx.compile(
    r"\s+a\s+(?P<who>(?-i:[A-ZÁÉÍÓÚÑÇ][a-záéíóúñçàèòï]+)\s+(?-i:[A-ZÁÉÍÓÚÑÇ])[\w-]+)",
    re.IGNORECASE)


def _before_person_a(place: str) -> str:
    m = _PERSONAL_A.search(place)
    if m is None or _is_city(m.group("who")):
        return place
    return place[: m.start()]


_CITY_NAMES = frozenset(city for names in CITIES.values() for city in names)
_COUNTRY_NAMES = frozenset(name for names in COUNTRY_NAMES.values() for name in names)
# A well-known city after an event's name, then words in lower case: a phone note runs on
# into who was met ("fiera Marmomac di Verona silvia dalla torre", "Anuga in Köln jens
# möller"); the event ends at its city unless an event word follows ("Lisbon design week").
_CITY_THEN_LOWER = rx.compile(
    r"\s(?:" + "|".join(re.escape(c) for c in rx.longest_first(_CITY_NAMES)) +
    r")(?=\s+(?-i:[a-zà-ÿ]))")


_ROUTE_WORDS = frozenset({"to", "nach", "naar", "para", "per", "till", "til", "vers", "-"})


def _after_city_lower(place: str) -> str:
    # the rest must be in lower case, so must the last word: a cheap test first
    if not place or not place.rsplit(None, 1)[-1].islower():
        return place
    m = _CITY_THEN_LOWER.search(place)
    if m is None:
        return place
    rest = place[m.end():]
    first = rest.split()[0].lower()
    # all of the rest in lower case, and not a joining word or an elided one ("sull'IoT")
    if first in _JOINING_WORDS or first in _ROUTE_WORDS or "'" in first or "’" in first or \
            rest.lower() != rest or _EVENT_IN.search(rest):
        return place
    return place[: m.end()]


# "à Lisbonne au Web Summit", "in Köln auf der Anuga", "en Bogotá en la Feria X": a city
# said first, then the event in its own locative: the event is the place
_CITY_LOCATIVE = rx.compile(
    r"(?:au|aux|à\s+la|à\s+l['’]|en\s+el|en\s+la|al|alla|allo|auf\s+der|auf\s+dem|beim|"
    r"im|at\s+the|at|na|no|op\s+de)\s+(?=(?-i:[A-Z0-9]))", re.IGNORECASE)


def _event_after_city(place: str) -> str:
    words = place.split(None, 3)
    for n in (1, 2):  # a city of one or two words ("Rio de Janeiro" is left whole)
        if len(words) > n and words[0][:1].isupper():
            rest = place.split(None, n)[n]
            m = _CITY_LOCATIVE.match(rest)  # (the cheap test first)
            if m and m.end() < len(rest) and _is_known_place(" ".join(words[:n])):
                return rest[m.end():]
    return place


def _is_known_place(name: str) -> bool:
    """A city of the hand lists, a country, or a town of phonenumbers' geocoder data."""
    return name in _CITY_NAMES or name in _COUNTRY_NAMES or region_of_place(name) is not None


def _is_city(name: str) -> bool:
    return name in _CITY_NAMES


# "Fòrum X d'ahir", "Salon Y de ayer", "Messe Z von gestern": a day after "of/from" is when
_OF_DAY = rx.compile(r"(?:d['’]|de\s+|del\s+|di\s+|von\s+|van\s+|of\s+|from\s+|z\s+)",
                     re.IGNORECASE)


# p-placetime10: when said without a day ("last week", "the other day", "this past weekend",
# "letzte Woche", "la semaine dernière", "vorige week", "förra veckan"): no part of a place
_VAGUE_WHEN = rx.compile(
    r"(?:(?:last|this|previous)\s+(?:week|weekend|month)|the\s+other\s+day|this\s+past\s+\w+|"
    r"earlier\s+this\s+\w+|(?:letzte|letzten|vorige|vergangene)\s+woche|"
    r"la\s+semaine\s+derni[èe]re|la\s+semana\s+pasada|la\s+settimana\s+scorsa|"
    r"(?:vorige|afgelopen)\s+week|(?:a\s+)?semana\s+passada|förra\s+veckan|sidste\s+uge|"
    r"forrige\s+uke|w\s+zeszłym\s+tygodniu|minulý\s+týden|viime\s+viikolla|"
    r"săptămâna\s+trecută|την\s+περασμένη\s+εβδομάδα)(?!\w)", re.IGNORECASE)


def _before_day(text: str) -> str:
    """`text` up to a day or date phrase in any language the timing grammar reads ("Febraban
    Tech ontem", "Fiera di Alba sabato", "Slush 2 days ago"): the day says when, not where."""
    for w in re.finditer(r"(?<=\s)\S", text):
        if starts_with_date(text[w.start():]) or \
                (text[w.start()].islower() and _VAGUE_WHEN.match(text, w.start())):
            return text[: w.start()]
        of = _OF_DAY.match(text, w.start())
        if of and of.end() < len(text) and starts_with_date(text[of.end():]):
            return text[: w.start()]
    return text


_EVENT_PREP = rx.compile(
    # "at her booth at X", "at their stand at Y": the spot, then the event that names it
    r"(?:^|(?<=[\s(]))at (?:her|his|their|our) (?=(?:booth|stand|table|talk|panel|session|"
    r"keynote) at )|"
    r"(?:^|(?<=[\s(]))(?:(?:at|@|from|during|after|on|via|through|(?:went|been) to) "
    r"(?:the|today's|yesterday's|last night's|"
    r"this morning's|tonight's|this week's|last week's)|"
    # "spent the afternoon at Dogpatch Labs", "spent the day in the Station F"
    r"(?:spent|spending|spend) (?:the|an?|my|our) (?:morning|afternoon|evening|day|night|"
    r"week|weekend) (?:at|in)(?: the)?|"
    # "im Rahmen der IAA", "am Rande der Messe", "durante el evento", "tijdens de", "podczas"
    r"im rahmen des|im rahmen der|am rande des|am rande der|während des|während der|"
    r"durante el|durante la|durante il|durante o|durante a|durant el|durant la|pendant le|"
    r"pendant la|tijdens de|tijdens het|podczas|under|nel corso del|nel corso della|"
    r"von der|vom|auf dem|auf der|beim|"
    r"bei der|bei den|auf den|an der|au|du|à la|aux|lors du|lors de la|en el|en la|del|de la|"
    r"al|alla|allo|"
    # "after the" in the other languages ("nach dem X Day geschrieben", "après le salon Y")
    r"nach dem|nach der|après le|après la|después del|después de la|dopo il|dopo la|na de|"
    r"na het|"
    r"all'|a la|a l'|als|nel|nella|im|in der|am|van de|van het|op de|op het|bij de|bij het|"
    r"en|na|no|em|op|på|ad|w|"
    # p-placetime10: Romanian "la" before the event's word ("la conferința X", "la târgul Y")
    r"la(?=\s+(?:conferin[țt]|t[âa]rg|expozi[țt]|eveniment|forum|summit|gal[aă]|salon)\w*))\s+|"
    r"(?:^|(?<=[\s(]))(?:all|nell|dall|sull|dell|à\s+l|a\s+l)['’]\s*",
    re.IGNORECASE,
)
_NEGATION = rx.compile(r"\b(?:nobody|no one|not|never|didn't|haven't|hasn't|wasn't)\b",
                       re.IGNORECASE)
# Bare locatives of Spanish, Portuguese, Dutch, Scandinavian, Italian and Polish notes ("en
# Guadalajara Startup Week", "på TechBBQ") come before a name: a capital follows them.
_BARE_PREPS = {"en", "na", "no", "em", "op", "på", "ad", "w"}
_BARE_LOCATIVES = _BARE_PREPS | {"a", "à", "nos", "nas", "num", "numa", "we"}
_EVENT_IN = rx.compile(_EVENT_WORDS.replace(
    "(?:", "(?:forum|messe|kongress|tagung|treffen|gipfel|konferenz|empfang|stammtisch|", 1),
    re.IGNORECASE)
# German locatives are plain enough to name the place without an event word
_STRONG_LOCATIVE = {"auf dem", "auf der", "beim", "im rahmen der", "im rahmen des",
                    "am rande der", "am rande des"}
# "met Bob from Acme at the mixer": "from" names his employer more often than the place
_SOURCE_PREPS = {"from", "von", "vom", "de"}
_VERB_RE = rx.compile(rf"\b{_MEET_VERB}(?!\w)", re.IGNORECASE)
# An elided article is glued to the name after it ("all'EIMA", "à l'Usine", "a l'ISE")
_ELIDED_PREP = r"(?:à\s+l|a\s+l|all|nell|sull|dall)['’]"
_PREP_RE = rx.compile(rf"\s{_PREP}\s+", re.IGNORECASE)
_PREP_RE_ROMANCE = rx.compile(rf"\s(?:(?:{_PREP}|{_ROMANCE_PREP})\s+|{_ELIDED_PREP}\s*)",
                              re.IGNORECASE)


_ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "prof", "st", "inc", "co", "jr", "sr", "vs", "no",
                  "sra", "sig", "dott", "avv", "ing", "mme",
                  "ca", "approx", "corp", "ltd", "dept", "univ", "mt", "ft", "bros", "e.g", "i.e"}


_WHEN_FIRST = rx.compile(
    r"(?:yesterday|yday|today|tonight|last|this|on|at|in|mon|tue|wed|thu|fri|sat|sun|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\w+day)\b|\d",
    re.IGNORECASE,
)


def _labelled_place(value: str) -> str | None:
    """`Met: Retail Expo, 5 Feb` or `Met: yesterday at the Retail Expo`: the place, not the day."""
    if not _WHEN_FIRST.match(value):
        return _clip_place(value)
    m = re.search(r"(?:^|\s)(?:at|@)\s+(.+)", value, re.IGNORECASE)
    return _clip_place(m.group(1)) if m else None


def first_sentence(text: str) -> str:
    """`text` up to the end of its first sentence ("Dr." and the like do not end one)."""
    for m in re.finditer(r"[.!?;](?=\s|$)|\n", text):
        if m.group(0) == ".":
            word = re.search(r"([\w.]+)$", text[: m.start()])
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        return text[: m.start()]
    return text


def find_met_at(text: str, not_places: list[str], names: Sequence[str] = ()) -> str | None:
    """The event or place where the owner met them, as written, or None (a company is no place,
    and a person's name ends it: "auf der Hannover Messe Claudia Becker kennengelernt")."""
    return restore(_find_met_at(protect(text), not_places, names))


def _label_search(text: str) -> re.Match[str] | None:
    """`_LABEL_RE.search(text)`, tried only where it can match: at each line start (its `^`)
    up to the text's last colon (its `:`), where the engine's search tries every position."""
    last = text.rfind(":")
    pos = 0
    while 0 <= pos <= last:
        m = _LABEL_RE.match(text, pos)
        if m:
            return m
        pos = text.find("\n", pos) + 1 or -1
    return None


def _find_met_at(text: str, not_places: list[str], names: Sequence[str]) -> str | None:
    m = _label_search(text)
    if m:
        place = _labelled_place(m.group(1))
        # "Kennengelernt: Paul Eder, ... beim X": a verb label names whom, not where
        if place and not any(n and fold(place).startswith(fold(n)) for n in names):
            return place
    # a company's name also as a place reader clips it, at its comma ("Hoshizora Trading Co.,
    # Ltd.", "Nopal S.A. de C.V., Monterrey"): the employer after "at" is no place
    avoid = {fold(p) for p in not_places if p} | \
        {fold(p.split(",")[0]) for p in not_places if p and "," in p}
    came_from = _name_from_event(text)
    in_town = _event_in_town(text, names, avoid)
    found = [*_after_meet_verb(text, names, avoid), *_after_event_prep(text, avoid, names),
             *_source_opening(text), *_leading_event(text), *_heading_place(text),
             *_heading_event(text), *_event_segment(text, names), *_day_then_at(text, avoid),
             *_contact_opening(text), *_short_city_opening(text, names),
             *_at_named_event(text, names), *_named_show(text), *_meal_opening(text, names),
             *_at_heading(text, avoid), *came_from, *_a_then_verb(text, names),
             *_named_in_city(text, names), *_title_line(text), *_bracket_event(text, names),
             *_day_then_name(text, names), *in_town, *_lower_heading(text),
             *_name_then_day(text, names, avoid),
             *_case_ending_place(text, names), *_opening_event(text, names)]
    # "Sophie du salon Vivatech": the person who came from the event is no part of it
    candidates = []
    for pos, place in found:
        if any(place != event and place.endswith(" " + event) for _, event in came_from):
            continue
        cut = _before_names(place, names)
        # a day is when, not where ("Am Mittwoch beim ...": the place follows the day)
        # and a name ending in a legal form is a company, never a place ("del Valle S.A.")
        if cut and not _avoided(cut, avoid) and not starts_with_date(cut) and \
                not _ENDS_IN_FORM.search(cut):
            candidates.append((pos, cut))
    if candidates:
        # a bare spot ("at the booth", "at dinner") loses to a named place anywhere
        best = min(candidates, key=lambda c: (_is_generic_spot(c[1]) or _is_trip(c[1]), c))[1]
        best = _wider_event(_named_over_spot(best, candidates), candidates)
        best = _town_ends_event(best, in_town)
        best = _the_dropped(_event_then_venue(text, _event_at_venue(text, best), names))
        return _DAY_OF_EVENT.sub("", best) or best
    return _city_met_in(text, names)


_ENDS_IN_FORM = rx.compile(rf"(?:{LEGAL_FORM.pattern})\.?$")


# A sentence that opens with a meal or a coffee, in any language, says where it was had
# after its first locative before a capitalised name: "Café hoje no Porto Digital com o
# Caio", "Lunch igår med Linnea på Lindholmen", "Mittagessen gestern im Factory Berlin mit
# Jana", "Almuerzo ayer en Casa Lucio con Pablo", "Coffee this morning at Second Home".
_MEAL_OPENING = rx.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*(?:coffee|café|cafe|kaffee|koffie|kaffe|fika|lunch|"
    # tea in the languages notes are written in ("Chai at X", "Thé au Y", "Tee im Z")
    r"tea|chai|thé|té|tè|tee|thee|chá|"
    r"dinner|breakfast|brunch|drinks|beers?|almoço|jantar|almuerzo|comida|cena|desayuno|"
    r"déjeuner|dîner|petit-déjeuner|apéro|mittagessen|abendessen|frühstück|pranzo|"
    r"colazione|aperitivo|frokost|middag|lunsj|borrel|ontbijt|diner|dinar|sopar|esmorzar|"
    # and the drinks ("Cañas en Casa Pepe", "Birra al Bar Basso", "Bier im Prater")
    r"cañas|cervezas|copas|vermut|tapas|birra|birre|bière|bières|bier|biertje|cerveja|"
    r"chopp|öl|øl|"
    # p-placetime5: and a meeting in person ("Catch-up at Higher Ground with", "Treffen im
    # Betahaus mit", "Réunion au Café X avec", "Reunión en WeWork con", "Afspraak bij ...")
    r"catch-?up|catch up|meeting|treffen|réunion|rendez-vous|reunión|reunião|riunione|"
    r"incontro|afspraak)"
    r"(?!\w)", re.IGNORECASE | re.MULTILINE)
_MEAL_PLACE = rx.compile(
    r"\s(?:at|@|in|im|in der|au|à|à la|chez|en|en el|en la|no|na|em|nel|nella|al|alla|"
    r"på|i|op|bij|in het|in de)\s+(?:(?:the|der|die|dem|den|le|la|el|il|o|a|de|het)\s+)?"
    r"(?=(?-i:[A-ZÀ-ÝÅÄÖØÆ]))|\s(?:all|nell|à\s+l|a\s+l)['’]",
    re.IGNORECASE)


def _meal_opening(text: str, names: Sequence[str]) -> list[tuple[int, str]]:
    for meal in _MEAL_OPENING.finditer(text):
        sentence = first_sentence(text[meal.end(): meal.end() + 300])
        for prep in _MEAL_PLACE.finditer(sentence):
            place = _clip_place(sentence[prep.end():], names)
            if place and not starts_with_date(place) and place[0].isupper():
                # where the place stands, so that a meeting verb's reading of the same
                # sentence ("lunch w/ Tom, CEO ... in Somerville, at Tatte") comes first
                return [(meal.end() + prep.start(), place)]
    return []


# "From the Tokyo trip - met Hiroshi at the X dinner": a trip says when, the event where
_TRIP = rx.compile(r"\s(?:trip|visit|travels?|tour|holiday|vacation|reise|dienstreise|viaje|"
                   r"voyage|viaggio|viagem|wyjazd|resa)$", re.IGNORECASE)


def _is_trip(place: str) -> bool:
    return _TRIP.search(place) is not None


# "met X, VP at Y, at Manila Fintech Week", "Kadri from Tallinn Startup Days": after "at" or
# "from", a name that ends in an event word is the place wherever it stands (at a company
# name "at" and "from" name the employer, and a company is no place)
_AT_NAMED = rx.compile(r"(?:^|(?<=[\s(,]))(?:at|@|from)\s+(?=(?-i:[A-Z0-9]))", re.IGNORECASE)


_INNER_AT = rx.compile(r"\s(?:at|@|from|on)\s", re.IGNORECASE)


def _at_named_event(text: str, names: Sequence[str]) -> list[tuple[int, str]]:
    for m in _AT_NAMED.finditer(text):
        place = _clip_place(text[m.end(): m.end() + _CLIP_WINDOW + 1], names)
        if place and _EVENT_END.search(place) and not _VERB_RE.search(place) and \
                not _INNER_AT.search(place):  # "from Acme Ltd at the X Conclave": X's own
            return [(m.end(), place)]
    return []


# "Recorded episode 12 of the Cloud Cafe podcast", "on the Fintech Friday webinar": a show
# named with its kind is where they met
_NAMED_SHOW = rx.compile(
    r"\bthe\s+(?P<place>(?-i:[A-Z0-9])[\w'&.-]*(?:\s+(?-i:[A-Z0-9])[\w'&.-]*){0,4}\s+"
    r"(?:podcast|webinar|livestream|live stream|radio show|fireside chat|panel|AMA))\b",
    re.IGNORECASE)


def _named_show(text: str) -> list[tuple[int, str]]:
    m = _NAMED_SHOW.search(text)
    return [(m.start("place"), m.group("place"))] if m else []


# p-placetime10: the venue after an event in the Romance and Germanic languages, said with
# its article ("el desayuno Innova en el Hotel Miramar", "le petit-déjeuner X au Palais Y",
# "das Frühstück X im Hotel Z", "la cena X nel Palazzo Y"); a bare "en/à/in" is a town's
_VENUE_PREP = rx.compile(r"[ \t]+(?:en\s+el|en\s+la|au|à\s+la|à\s+l['’]|im|in\s+der|"
                         r"nel|nella|al|alla|no|na|in\s+het|at\s+the|at)[ \t]+(?=(?-i:[A-Z]))",
                         re.IGNORECASE)


def _event_then_venue(text: str, event: str, names: Sequence[str]) -> str:
    if not event or not _whole_event_word(event) or " at " in event:
        return event
    at = text.find(event)
    prep = _VENUE_PREP.match(text, at + len(event)) if at >= 0 else None
    if prep is None:
        return event
    venue = _clip_place(text[prep.end():], names)
    if not venue or not venue[0].isupper() or _is_known_place(venue):
        return event
    return event + text[at + len(event): prep.end()] + venue


def _event_at_venue(text: str, venue: str) -> str:
    """"Insurtech breakfast at Harbour Hall", "Harbor Capital dinner at Nopa": an event named
    with more than its meal word, held at a venue, is the event at the venue ("Tea at Café X"
    is the café)."""
    at, said = text.find(" at " + venue), " at " + venue
    for article in ("the ", "The "):  # "breakfast at the Iveagh Rooms", "supper at The Larder"
        if at < 0:
            at, said = text.find(f" at {article}{venue}"), f" at {article}{venue}"
    if at < 0:
        return venue
    m = _EVENT_BEFORE_AT.search(text, max(0, at - 60), at)
    if m is None or _VERB_RE.search(m.group("ev").rsplit(None, 1)[0]):
        return venue
    return f"{m.group('ev')}{said}"


_EVENT_BEFORE_AT = rx.compile(
    r"(?:^|(?<=[\n.!?]\s)|(?<=\n))[ \t]*(?P<ev>(?-i:[A-Z])[\w'&-]*(?:[ \t]+[\w'&-]+){0,3}[ \t]+"
    r"(?:breakfast|lunch|dinner|brunch|drinks|mixer|meetup|reception|party|happy hour|"
    r"roundtable|apéro|borrel|frühstück|abendessen|cena|almuerzo|desayuno|dîner|déjeuner|"
    r"supper|gala|soirée|evening|night|afterwork|cocktail))$",
    re.IGNORECASE)


def _named_over_spot(best: str, candidates: list[tuple[int, str]]) -> str:
    """"Mads from the cold-chain panel - met him at Nordic Cold Chain Days": a spot said all in
    lower case (a panel, a table) loses to an event the note names with capitals."""
    if best != best.lower() or _PANEL_SPOT.search(best) is None:
        return best
    named = [c for c in candidates if c[1][:1].isupper() and _EVENT_END.search(c[1])]
    return min(named)[1] if named else best


# the spots inside an event that a lower-case phrase names ("the cold-chain panel")
_PANEL_SPOT = rx.compile(r"(?:panel|session|table|booth|stand|talk|keynote|workshop|track|"
                         r"breakout|roundtable|lounge)$", re.IGNORECASE)


def _the_dropped(place: str) -> str:
    """"The fintech breakfast." names the breakfast: the English article goes before a word
    in lower case ("The Next Web", a name, keeps it)."""
    place = _EMOJI_END.sub("", place)
    m = re.match(r"the\s+(?=[a-z])|(?:at|@)\s+(?=(?-i:[A-Z0-9]))", place, re.IGNORECASE)
    return place[m.end():] if m else place


# "Lagos Fintech Week mixer 🔥": an emoji after the name is the mood, not the name
_EMOJI_END = rx.compile(r"[\s\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]+$")


def _wider_event(best: str, candidates: list[tuple[int, str]]) -> str:
    """"Sat next to X on the overnight flight from Lagos": a place without an event word that
    another reading holds inside an event ("overnight flight from Lagos") is that event's."""
    if _EVENT_IN.search(best):
        return best
    wider = [c for c in candidates if best in c[1] and c[1] != best and _EVENT_IN.search(c[1])]
    return min(wider)[1] if wider else best


def _is_generic_spot(place: str) -> bool:
    """ "booth", "the bar", "our dinner": an event word and nothing that names it."""
    bare = re.sub(r"^(?:our|their|her|his|the)\s+", "", place, flags=re.IGNORECASE)
    # and its plural ("Stands I got round to at the X Expo")
    return _EVENT_START.fullmatch(bare) is not None or \
        (bare.endswith("s") and _EVENT_START.fullmatch(bare[:-1]) is not None)
# "CES contact, met her at the booth", "Web Summit leads:": an acronym or an event named
# before a word for the contact, at the very start of the note
_CONTACT_OPENING = rx.compile(
    r"\A\s*(?P<place>(?-i:[A-Z0-9])[\w&'.-]*(?:\s+[\w&'.-]+){0,3}?)\s+"
    r"(?:contacts?|leads?|cards?|kontakte?|contactos?|contatos?|contatti|"
    # p-placetime10: the owner's write-up of it ("NRF Big Show wrap-up.", "Slush recap:")
    r"wrap-?up|recap|debrief|round-?up|takeaways|haul|summary|notes|nachlese|bilan|"
    r"resumen|resoconto)\s*(?:[,:;.–—-]|$)",
    re.IGNORECASE | re.MULTILINE)


def _contact_opening(text: str) -> list[tuple[int, str]]:
    m = _CONTACT_OPENING.match(text)
    if m is None:
        return []
    place = m.group("place")
    if _is_generic_spot(place):
        return []  # "Meeting notes:", "Dinner recap": no gathering named
    if re.fullmatch(r"(?-i:[A-Z0-9]{2,6})", place) or _EVENT_IN.search(place):
        return [(m.start("place"), place)]
    return []


# "cibus parma.", "Slush Helsinki": a note that opens with a few words ending in a well-known
# city, and nothing else in that sentence, opens with where it was.
_SHORT_OPENING = rx.compile(r"\A\s*(?P<line>[^\W\d_][\w'&-]*(?:[ \t]+[\w'&-]+){1,3})[ \t]*"
                            r"(?:\.(?=\s)|\n|:)")


_NOT_EVENT_WORDS = {"to", "in", "for", "of", "based", "moved", "lives", "living", "back", "home",
                    "flying", "off", "trip", "visit", "visiting", "nach", "aus", "naar", "vers",
                    "para", "per", "do", "di", "da", "de", "von", "van"}


def _short_city_opening(text: str, names: Sequence[str]) -> list[tuple[int, str]]:
    m = _SHORT_OPENING.match(text)
    if m is None:
        return []
    line = m.group("line")
    last = line.split()[-1]
    small = {w.lower() for w in line.split()[:-1]} & _NOT_EVENT_WORDS
    if small or _PLACE_STOP.search(line) or re.search(rf"(?:^|\s){_PREP}\s", line, re.I) or \
            not _is_city(last[:1].upper() + last[1:]) or _VERB_RE.search(line) or is_ask(line) or \
            starts_with_date(line) or any(fold(n) in fold(line) for n in names if n):
        return []
    return [(m.start("line"), line)]


# "Startup Chile demo day", "Nairobi fintech mixer": a phrase that ends in an event word is
# a place even where a company reader took it for the employer (a place is never a company)
_EVENT_END = rx.compile(
    r"\s(?:demo day|summit|meetup|meet-up|conference|congress|forum|expo|fair|festival|week|"
    r"hackathon|mixer|breakfast|dinner|lunch|night|awards|gala|kongress|messe|salon|feria|"
    r"fiera|feira|congreso|jornada|roundtable|webinar|workshop|bootcamp|offsite|days|"
    r"happy hour|happy hr|drinks|party|reception|podcast|fest|conclave|showcase|show)$",
    re.IGNORECASE)


def _avoided(place: str, avoid: set[str]) -> bool:
    """A company's name is no place, nor is it with its town ("from Acme in Munich"); an
    event's name is one all the same."""
    if _EVENT_END.search(place) is not None:
        return False
    return fold(place) in avoid or fold(_IN_NAME.sub("", place)) in avoid or \
        fold(_FIRM_NOUN.sub("", place)) in avoid


# p-lang12: the word for a firm before a company's name ("Firma Rheinwerk Medien", "empresa
# Frutas del Sur") leaves it a company
_FIRM_NOUN = rx.compile(r"^(?:firma|empresa|société|entreprise|ditta|azienda|società|"
                        r"companyia|compañía|bedrijf)\s+", re.IGNORECASE)


def _after_meet_verb(text: str, names: Sequence[str], avoid: set[str]
                     ) -> list[tuple[int, str]]:
    """"met her at the Lisbon design week", "alla fiera Host": the place after a meeting verb."""
    for verb in _VERB_RE.finditer(text):
        window = first_sentence(text[verb.end(): verb.end() + 400])
        prep_re = _PREP_RE if _is_english_verb(verb.group(0)) else _PREP_RE_ROMANCE
        preps = sorted(prep_re.finditer(" " + window),
                       key=lambda p: (p.group(0).strip().lower() in _SOURCE_PREPS, p.start()))
        for prep in preps:
            if not window[: prep.start()].strip() and \
                    prep.group(0).strip().lower() in ("a", "a la", "al", "a l'") and \
                    _PERSONAL_A_VERB.match(verb.group(0)):
                continue  # "Conocí a Marta en ...": the person met, not where
            if not window[: prep.start()].strip() and \
                    prep.group(0).strip().lower() in ("en", "na") and \
                    _CATALAN_VERB.match(verb.group(0)):
                continue  # "Vaig conèixer en Marc al ...": the person met
            place = _before_names(_clip_place(window[prep.end() - 1:], names) or "", names)
            # a bare locative of the other languages comes before a name ("en persona" is how)
            if place and prep.group(0).strip().lower() in _BARE_LOCATIVES and \
                    not _named_or_event(place):
                continue
            if place and not _avoided(place, avoid) and \
                    not _is_company_phrase(window[: prep.start()], prep.group(0)):
                return [(verb.start(), place)]
    return []


# Spanish puts "a" before the person met ("conocí a Marta", "conocí al director"), and
# Portuguese an article ("conheci a Ana"); Catalan's "a" is "at" ("a la fira")
_PERSONAL_A_VERB = rx.compile(r"conoc|conhec|encontr|vimos|saludé", re.IGNORECASE)
# Catalan puts "en"/"na" before a person's name ("vaig conèixer en Marc al congrés")
_CATALAN_VERB = rx.compile(r"con[eè]i?x|conegu|vaig|vam|parlar|coincidir", re.IGNORECASE)


def _is_english_verb(verb: str) -> bool:
    return verb.isascii() and not rx.fullmatch(r"(?:vus?|vues?|ontmoet|gesproken|leren kennen|"
                                                 r"crois\w*|conoc\w*|conosc\w*|incontr\w*|"
                                                 r"conegu?\w*|vist\w*|treffen|traf\w*|"
                                                 r"reuni\w*|riunione|r.union|conhec\w*|"
                                                 r"encontr\w*|(?:nos )?vimos|fal\w+ com|"
                                                 r"pozna(?!ń|ni[au]\b)\w*|spotka\w*|rozmawia\w*|"
                                                 r"traff|snakket|snakkede|talte med|"
                                                 r"(?:ho|abbiamo|j'ai|on a|nous avons|he|hemos"
                                                 r"|vaig) \w+(?: \w+)?|"
                                                 r"(?:parl|discut|habl|platiq)\w* \w+|conoci)",
                                                 verb.lower())


def _after_event_prep(text: str, avoid: set[str] = frozenset(),  # type: ignore[assignment]
                      names: Sequence[str] = ()) -> list[tuple[int, str]]:
    """"auf der Hannover Messe", "en la feria FITUR": a locative before an event word; where
    the first holds a later one that starts with the event word, that one ("de la Torre en
    la feria X"). Without an event word: after a German locative, a name or the verb; after
    any locative, a phrase followed straight by its day ("von der automatica am Dienstag",
    "from Websummit on Monday"); after "at the", a proper name of two or more capitalised
    words ("at the Royal Institution") unless a role or employer stands before it."""
    found: list[tuple[int, str]] = []
    for m in _EVENT_PREP.finditer(text):
        place = _clip_place(text[m.end():], names)
        if not place or starts_with_date(place) or _avoided(place, avoid):
            continue
        prep = m.group(0).strip().lower()
        if prep == "am" and not place[0].isupper():
            continue  # German "am" takes a noun; "Am vorbit cu Dan" is Romanian, I talked
        if prep in _BARE_PREPS and not _named_or_event(place) and \
                not _lower_case_day_place_verb(text, m.start(), m.end() + len(place)):
            continue
        if prep.startswith(("went", "been")) and _NEGATION.search(text, max(0, m.start() - 30),
                                                                   m.start()):
            continue  # "Nobody went to the launch party", "never been to the Expo"
        after = _past_aside(text, m.end() + len(place))
        # a German locative before a name, or any locative before the meeting verb ("Hoje
        # na Febraban Tech conheci ...", "auf der automatica kennengelernt")
        strong = ((prep in _STRONG_LOCATIVE or prep.startswith("spen")) and place[0].isupper()) or \
            _VERB_AFTER.match(text, after) or _verb_closes_clause(text, after)
        dated = _DAY_AFTER.match(text, after) and starts_with_date(text[after:].lstrip(" ,"))
        # "Hoje na Agrominas Belo Horizonte, ...", "Yesterday at Slush: ...": a sentence that
        # opens with its day and then a locative names the place
        when_first = place[0].isupper() and _opens_with_day(text, m.start())
        # "from yesterday's Fintech Connect", "at last night's Founders Forum": a day's
        # possessive before a capitalised name says it is an event, not an employer
        of_day = "'s " in m.group(0).lower() and place[0].isupper()
        proper = _PROPER_NAME.fullmatch(place) and re.match(
            r"(?:at|@|during) the\s", m.group(0), re.IGNORECASE) and \
            not _is_company_phrase(text[max(0, m.start() - 40):m.start()], "at")
        if strong or dated or proper or when_first or of_day or _EVENT_IN.search(place):
            found.append((m.start(), place))
    if not found:
        return []
    inner = [f for f in found[1:] if _EVENT_START.match(f[1]) and f[1] in found[0][1]]
    return inner[:1] or found[:1]


# German and Dutch put the meeting verb last in its clause, after whom: "bei der X in Linz mit
# dreien gesprochen", "op de beurs Y Jan Smit ontmoet", "på Z med Kari snakket"
_CLAUSE_TAIL = rx.compile(r"(?:[^,.;:!?\n]|(?<=Dr)\.|(?<=Prof)\.|(?<=Mag)\.|(?<=Ing)\.|"
                          r"(?<=Hr)\.|(?<=Fr)\.|(?<=Mr)\.|(?<=Ms)\.|(?<=Mrs)\.|(?<=dhr)\.|"
                          r"(?<=mevr)\.){1,80}")


def _verb_closes_clause(text: str, pos: int) -> bool:
    tail = _CLAUSE_TAIL.match(text, pos)
    if tail is None:
        return False
    span = tail.group(0).rstrip()
    return any(v.end() == len(span) and v.start() > 0 for v in _VERB_RE.finditer(span))


# p-placetime5: "at Higher Ground (Melbourne) with", "a Cibus (Parma) conosciuto": the city
# in brackets after a place is an aside; what follows it is what follows the place
_ASIDE = rx.compile(r"\s*\([^()\n]{1,40}\)")


# "a Cibus Tec, Parma, abbiamo parlato", "à Salon X, Lyon, j'ai rencontré": the event's town
# between commas is an aside as the brackets are
_COMMA_TOWN = rx.compile(r"\s*,\s*(?P<town>(?-i:[A-ZÀ-Ý])[\w'’-]+(?:\s+(?-i:[A-ZÀ-Ý])[\w'’-]+)?)"
                         r"\s*,")


def _past_aside(text: str, pos: int) -> int:
    m = _ASIDE.match(text, pos)
    if m:
        return m.end()
    town = _COMMA_TOWN.match(text, pos)
    return town.end() if town and _is_known_place(town.group("town")) else pos


# p-placetime5: Italian and French say "a"/"à" before a place and the meeting verb after it
# ("Oggi a Cibus conosciuto ...", "Hier à Vivatech rencontré ..."); the bare "a" is too common
# to name a place without the verb right after it
_BARE_A = rx.compile(r"(?:^|(?<=\s))(?:a|à)\s+(?=(?-i:[A-ZÀ-Ý0-9]))", re.IGNORECASE)


def _a_then_verb(text: str, names: Sequence[str]) -> list[tuple[int, str]]:
    for m in _BARE_A.finditer(text[:2000]):
        place = _clip_place(text[m.end():], names)
        if place and place[0].isupper() and \
                _VERB_AFTER.match(text, _past_aside(text, m.end() + len(place))):
            return [(m.start(), place)]
        # (p-placetime10) or the sentence opens with its day ("oggi a Host Milano giro stand",
        # "Hier à Vinexpo Paris, trois contacts"): its capitalised name, up to a lower word
        # (a town alone is where the day was spent: "Avui a Lleida, a l'X Summit" names X)
        run = _CAPITALISED_RUN.match(place or "")
        if place and run and place[0].isupper() and _opens_with_day(text, m.start()) and \
                not _is_known_place(run.group(0)):
            return [(m.start(), run.group(0))]
    return []


_CAPITALISED_RUN = rx.compile(r"[^\s]+(?:\s+(?:(?-i:[A-ZÀ-Ý0-9])\S*|&|de|del|di|du|of|the))*")


# "Yesterday at Slush, three founders", "Last night @ Pivotal Club:": English "at" after
# nothing but the day names the place (elsewhere "at" is as often the employer)
_DAY_THEN_AT = rx.compile(r"(?:^|(?<=[.!?] ))[ \t]*(?P<day>[^\n.,:;@]{2,30}?)\s+(?:at|@)\s+"
                          r"(?P<rest>(?-i:[A-Z0-9])[^\n]*)", re.MULTILINE | re.IGNORECASE)


# "At Collision Toronto: Aisha Bello, ...", "@ Slush - two founders": a note that opens
# with "at" and a name up to a colon or a dash opens with where it was
_AT_HEADING = rx.compile(r"\A\s*(?:at|@)\s+(?P<rest>(?-i:[A-Z0-9])[^\n:]{1,60}?)\s*(?::|\s[-–—]\s)",
                         re.IGNORECASE)


def _at_heading(text: str, avoid: set[str]) -> list[tuple[int, str]]:
    m = _AT_HEADING.match(text)
    if m is None:
        return []
    place = _clip_place(m.group("rest"))
    if place and not _avoided(place, avoid) and not starts_with_date(place):
        return [(m.start("rest"), place)]
    return []


_DAY_PART = rx.compile(r"\b(?:day|morning|afternoon|evening|night|weekend)$", re.IGNORECASE)
_DAY_PART_ADJECTIVES = frozenset({"long", "busy", "great", "good", "fun", "big", "full",
                                  "first", "second", "last", "late", "early", "quick", "hectic"})


def _day_then_at(text: str, avoid: set[str]) -> list[tuple[int, str]]:
    for m in _DAY_THEN_AT.finditer(text):
        day = m.group("day").strip()
        words = day.split()
        # "Monday Sarah at Acme": a name after the day is whose employer it is
        names_in_day = any(w[:1].isupper() and not starts_with_date(w) for w in words[1:])
        # (p-placetime12: or a part of the day, "Long day at X.", "Busy morning at Y;")
        part = _DAY_PART.search(day) is not None and (
            len(words) == 1 or words[0].lower() in _DAY_PART_ADJECTIVES)
        if not (starts_with_date(day) or part) or _VERB_RE.search(day) or len(words) > 3 or \
                names_in_day:
            continue
        place = _clip_place(m.group("rest"))
        if place and not _avoided(place, avoid) and not starts_with_date(place):
            return [(m.start("rest"), place)]
    return []


def _named_or_event(place: str) -> bool:
    """After a bare locative ("na", "en", "op"): a name, or an event word and its name
    ("feira Têxtil Braga"; English "No summit this year" names none)."""
    if place[0].isupper() or place[0].isdigit():
        return True
    # "på sjømatmessa i Ålesund", "på byggmässan i Umeå": a fair's compound and its town
    if _FAIR_COMPOUND.match(place):
        return True
    return _EVENT_START.match(place) is not None and any(w[:1].isupper() for w in place.split())


_FAIR_COMPOUND = rx.compile(r"[^\W\d_]+(?:messa|messen|mässan|mässa|messe|konferansen|"
                            r"konferensen|festivalen|dagen|dagene|dagarna)\s+i\s+"
                            r"(?-i:[A-ZÅÄÖØÆ])", re.IGNORECASE)


def _lower_case_day_place_verb(text: str, start: int, end: int) -> bool:
    """A note typed all in lower case has no capital to mark a name: "hoy en agroexpo en
    bogota conoci a ...", "hoje na semana de design do porto conheci a ana": a bare locative
    between the day and the meeting verb names the place all the same."""
    line_end = text.find("\n", end)
    line = text[text.rfind("\n", 0, start) + 1: line_end if line_end >= 0 else len(text)]
    return line == line.lower() and _opens_with_day(text, start) and \
        text[start:end].split()[-1] not in _HOME_WORDS and \
        _VERB_AFTER.match(text, _past_aside(text, end)) is not None


# at home or at the office is nowhere to remember ("hoy en casa", "vandaag op kantoor")
_HOME_WORDS = frozenset({"casa", "thuis", "kantoor", "oficina", "ufficio", "escritório",
                         "escritorio", "bureau", "büro", "home", "office", "domu", "biurze"})


def _opens_with_day(text: str, pos: int) -> bool:
    """The sentence holding `pos` says nothing before it but its day ("Hoje", "Gestern")."""
    head = text[: pos]
    cut = max(head.rfind("\n"), *(head.rfind(p + " ") for p in ".!?"))
    head = head[cut + 1:].strip(" ,")
    return bool(head) and len(head.split()) <= 3 and starts_with_date(head) and \
        not _VERB_RE.search(head)


# German and Dutch put the verb last: "auf der automatica kennengelernt"
_VERB_AFTER = rx.compile(rf"\s+{_MEET_VERB}(?!\w)", re.IGNORECASE)
_DAY_AFTER = rx.compile(r"\s*,?\s*(?=\w)")
# "Royal Institution", "Pune Product Conclave", "Casa de America": capitalised words, with
# the small joining words of a name between them
_PROPER_NAME = rx.compile(
    r"(?-i:[A-Z][\w'&.-]*)(?:\s+(?:(?:of|de|del|der|du|des|di|&|and|for|la|le)\s+)?"
    r"(?-i:[A-Z0-9][\w'&.-]*))+")


# "Breakfast club this morning", also after a dash or a full stop ("Rhys, CFO at X -
# Tech Wales breakfast this morning")
_LEAD = rx.compile(
    r"(?:^|(?<=[.!?;] )|(?<= - )|(?<= – )|(?<= — ))"
    rf"(?P<place>[A-Z][^\n.,;:()]{{0,50}}?\b{_EVENT_WORDS}"
    # and the city it was in ("Investor dinner in Porto tonight")
    r"(?:\s+in\s+(?-i:[A-Z])[\w'-]+(?:\s+(?-i:[A-Z])[\w'-]+)?)?)\s+"
    r"(?:last night|yesterday|this morning|today|tonight|on \w+day|tonite|yday|yest|"
    r"this evening|this afternoon|earlier today)\b",
    re.IGNORECASE | re.MULTILINE,
)
_EVENT_START = rx.compile(rf"{_EVENT_WORDS}\b", re.IGNORECASE)


def _leading_event(text: str) -> list[tuple[int, str]]:
    for m in _LEAD.finditer(text):
        place = m.group("place")
        if rx.search(rf"(?:^|\s){_PREP}\s|\s[-–—]\s", place, re.IGNORECASE) or \
                _ATTEND.search(place) or _ENGLISH_THE.search(place):
            continue  # "Went to the X dinner": X's own reading finds it
        # "Recorded episode 12 of the X podcast this morning": what "of the" names
        inner = list(_OF_THE.finditer(place))
        if inner:
            return [(m.start("place") + inner[-1].end(), place[inner[-1].end():].strip())]
        return [(m.start(), place.strip())]
    return []


_OF_THE = rx.compile(r"\s(?:of|for|with) the\s+", re.IGNORECASE)


_WHEN_WORDS = (
    r"today|yesterday|tonight|this morning|last night|heute|gestern|vorgestern|hoy|ayer|"
    r"hier|aujourd'hui|ce soir|ce matin|oggi|ieri|avui|ahir|ontem|hoje|gisteren|vandaag|"
    r"wczoraj|dzisiaj|(?:on|am|el|le|il|op|na|no|last|letzten|dernier) \w+|\w+day"
)
# "DMEXCO Köln heute:", "Contato da Febraban Tech ontem:", "Valencia Digital Summit, hoy:":
# a line that heads a list of people with where and when; the list may go on after the
# colon on the same line ("expo norte en monterrey, ayer: hablé con ...")
_HEADING = rx.compile(
    r"^[ \t]*(?:(?:new |neue |nuevos? |nouveaux? )?(?:contacts?|contatos?|contactos?|"
    r"kontakte?|leads?|notes?|notizen)\s+(?:from|da|de|del|do|von|vom|du|at|auf der|bei)\s+)?"
    rf"(?P<place>[^\W\d_][^\n,:;]{{1,50}}?)\s*,?\s+(?:{_WHEN_WORDS})\s*:(?:[ \t]*$|[ \t]+(?=\S))",
    re.IGNORECASE | re.MULTILINE,
)
_NOT_A_PLACE_WORD = rx.compile(
    r"\b(?:people|persons?|contacts?|leute|personen|personas|personnes|persone|pessoas|"
    r"i|we|ich|wir|je|nous|yo|io|"
    # a copula or an everyone makes a sentence, not a name ("Everyone is off for the festival")
    r"is|are|was|were|ist|sind|war|est|sont|és|son|sono|everyone|everybody|nobody)\b|\b(?:from|at|of|in|de|da|von|vom|du|bei|auf|op|en|a|à)$",
    re.IGNORECASE,
)


# "Two from Slush:", "Cards from Collision.", "German lead from X", "Kontakt von der IFA:",
# "From the Nairobi AI meetup last night": a sentence that opens with where the people came
# from, alone or after a count or a word for contacts, names the place.
_COUNT_WORDS = (r"\d+|two|three|four|five|six|zwei|drei|vier|fünf|deux|trois|quatre|cinq|dos|"
                r"tres|cuatro|cinco|due|tre|quattro|cinque|dois|duas|três|twee|drie|vijf|"
                r"dwa|dwie|trzy|cztery|dues|quatre")
_CONTACT_NOUNS = (r"contacts?|leads?|cards?|business cards|people|folks|intros?|notes|"
                  r"kontakte?|leads|visitenkarten?|leute|contactos?|contactes?|tarjetas|"
                  r"personas|cartes(?: de visite)?|gens|contatti|contatto|contatos?|"
                  r"biglietti(?: da visita)?|persone|pessoas|cartões|contacten|mensen|"
                  r"kontakty?|wizytówki|osoby")
# "recap from X", "Quick brain dump from Y", "Nachlese von der Z": notes written up after it
_RECAP_NOUNS = (r"recap|debrief|brain\s*dump|braindump|takeaways|highlights|wrap-?up|write-?up|"
                r"round-?up|summary|resumen|résumé|compte\s+rendu|nachlese|bericht|"
                r"verslag|resumo|riassunto|podsumowanie")
_SOURCE_OPENING = rx.compile(
    r"(?:^|(?<=[.!?] ))[ \t]*(?:(?:[^\W\d_][\w'-]*\s+){0,2}?"
    rf"(?:{_COUNT_WORDS}|{_CONTACT_NOUNS}|{_RECAP_NOUNS})\s+)?"
    r"(?P<prep>from|von|vom|von der|von dem|de|del|de la|de l'|du|des|da|dal|dalla|dallo|do|"
    r"dos|das|van|van de|van het|z|ze)\s+(?P<article>(?:the|der|dem|den|la|le|les|el|il|lo|"
    r"o|a|de)\s+)?(?P<rest>\S[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
_GERMAN_ARTICLE = rx.compile(r"von der|von dem|vom|der|dem|den", re.IGNORECASE)


# p-placetime5: a sentence that opens with a person's name and "from" ("Aino from Slush side
# event", "Jonas vom Startup-Stammtisch", "Lucía del foro de inversión", "Marco dal meetup
# fintech"): what follows is where they came from, an event when an event word names it
# (otherwise it is usually the employer: "Aino from Löyly").
_NAME_FROM = rx.compile(
    r"(?:^|(?<=[.!?] ))[ \t]*(?-i:[A-ZÀ-Ý][\w'-]+)(?:\s+(?-i:[A-ZÀ-Ý][\w'-]+)){0,2}\s+"
    r"(?P<prep>from|von|vom|von der|de|del|de la|du|des|dal|dalla|dallo|do|da|van|van de)\s+"
    r"(?:(?:the|der|dem|den|la|le|les|el|il|lo|o|a|het|de)\s+)?(?P<rest>\S[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)


def _name_from_event(text: str) -> list[tuple[int, str]]:
    for m in _NAME_FROM.finditer(text[:2000]):
        place = _clip_place(m.group("rest"))
        if place and _whole_event_word(place) and not _NOT_A_PLACE_WORD.search(place) and \
                not _VERB_RE.search(place):
            return [(m.start("prep"), place)]
    return []


def _whole_event_word(place: str) -> bool:
    """An event word as a whole word (or its plural): "Bari" holds "bar" but names no bar."""
    return any(not re.match(r"s?\w", place[m.end():]) for m in _EVENT_IN.finditer(place))


def _source_opening(text: str) -> list[tuple[int, str]]:
    for m in _SOURCE_OPENING.finditer(text):
        place = _clip_place(m.group("rest"))
        if not place or _NOT_A_PLACE_WORD.search(place) or _VERB_RE.search(place):
            continue
        # German writes nouns capitalised: a lower-case word after its article is a name in
        # its own style ("von der re:publica"); elsewhere a place starts with a capital
        german = _GERMAN_ARTICLE.fullmatch((m.group("article") or m.group("prep")).strip())
        if place[0].isupper() or place[0].isdigit() or german or _EVENT_IN.search(place):
            return [(m.start("prep"), place)]
    return []


# "Fiera Cosmoprof, contatto:", "Afterwork Data à Nantes ce soir, à rappeler :": the note's
# first line, ending in a colon over a list, is the event when it names one.
_HEAD_LINE = rx.compile(r"\A\s*(?P<line>[^\n:]{3,90}?)\s*:[ \t]*\n")
_GENERIC_HEAD = rx.compile(r"\b(?:notes?|notizen|details|summary|agenda|minutes|recap|"
                           r"todo|to-do|action items?|next steps?)\b", re.IGNORECASE)


_CONTACT_LABEL = rx.compile(rf"(?:{_CONTACT_NOUNS})\s*[-–—]\s+", re.IGNORECASE)


def _after_day_locative(line: str, place: str | None) -> str | None:
    """The capitalised place after a day and a locative that follow the line's first words."""
    at = line.find(place) if place else -1
    if not place or at < 0:
        return None
    rest = line[at + len(place):].strip()
    if not rest or not starts_with_date(rest):
        return None
    prep = _EVENT_PREP.search(rest)
    if prep is None or not rest[prep.end():][:1].isupper():
        return None
    return _clip_place(rest[prep.end():])


def _heading_event(text: str) -> list[tuple[int, str]]:
    m = _HEAD_LINE.match(text)
    if not m or _SOURCE_OPENING.match(m.group("line")):  # "Three from X:" is the opening's
        return []
    # "Kontakt – veletrh X (Praha), včera:", "Leads - Y Summit:": the word for the contacts
    # labels the line, the event follows it
    label = _CONTACT_LABEL.match(m.group("line"))
    start = m.start("line") + (label.end() if label else 0)
    line = text[start:m.end("line")]
    place = _clip_place(line)
    later = _after_day_locative(line, place)
    if later:  # "Visita de stands hoy en Expo X en Y:": the walk, then where it was
        return [(start + line.find(later), later)]
    if not place or not _EVENT_IN.search(place) or _GENERIC_HEAD.search(place) or \
            _VERB_RE.search(place) or _NOT_A_PLACE_WORD.search(place):
        return []
    # "Tea at Café Nilgiri", "Kaffee im Café Frieda": a meal and its locative, then the place
    meal = _MEAL_OPENING.match(place)
    at = _MEAL_PLACE.match(place, meal.end()) if meal else None
    if at:
        return [(start + at.end(), place[at.end():])]
    # "Déjeuner au salon X", "Cena al Vinitaly": a locative inside says where the meal was
    inner = _EVENT_PREP.search(place)
    if inner and (place[inner.end():][:1].isupper() or _EVENT_IN.search(place[inner.end():])):
        return [(start + inner.end(), place[inner.end():])]
    return [(start, place)]


def _heading_place(text: str) -> list[tuple[int, str]]:
    for m in _HEADING.finditer(text):
        place = m.group("place").strip()
        if _SOURCE_OPENING.match(place):  # "Three from the Galway hackathon, yesterday:"
            continue
        # a typed note may be all lower case: its first line is the heading all the same
        first = not text[: m.start()].strip()
        if place and (place[0].isupper() or first) and not _VERB_RE.search(place) and \
                not is_ask(place) and not _NOT_A_PLACE_WORD.search(place):
            # "Guest on the X podcast today:": the place is what the locative names
            inner = _ENGLISH_THE.search(place)
            if inner and _EVENT_IN.search(place[inner.end():]):
                return [(m.start("place") + inner.end(), place[inner.end():])]
            # "Au salon X hier :", "Beim Gründerabend der IHK:", "Al Salone del Mobile ieri:",
            # "Na feira X:": the heading's locative says "at", the place is what follows it
            prep = _EVENT_PREP.match(place)
            if prep and prep.end() < len(place) and place[prep.end():][0].isalnum():
                return [(m.start("place") + prep.end(), place[prep.end():])]
            return [(m.start("place"), place)]
    return []


_ENGLISH_THE = rx.compile(r"(?:^|\s)(?:at|on|from|during|via|to) the\s+", re.IGNORECASE)
# "Went to the X", "spent the day at X": the owner going there, not a part of X's name
_ATTEND = rx.compile(r"\b(?:went|been) to\b|\bspen(?:t|d|ding)\b", re.IGNORECASE)


# A piece of a typed note that is only an event ("..., Lisbon design week, illustrator",
# "Rita Osei 0207 946 0321 - London Tech Week pub night."): details and punctuation bound it.
# An address runs from a word's start, or from where a break inside the word ended (after ',',
# ';', '(', ')', a phone's last digit), to the word's end: starting it anywhere else in a word
# found the same break one character earlier, and only read the word to its end again (38,000
# characters with no space and no '@' took two seconds). Up to the '@' it reads what is no
# '@' and gives none of it back.
_SEGMENT_BREAK = rx.compile(
    r"[,;()\n]|:(?=\s)|\s/\s|[.!?](?=\s|$)|\s[-–—|]\s|(?:(?<!\S)|(?<=[,;()\n:.!?\d]))\S[^\s@]*+@\S+|"
    r"https?://\S+|\+?\d[\d ()./-]{5,}\d"
)
# the same breaks where no '@' is: no address is sought after each ',' of a long word again
_SEGMENT_BREAK_NO_AT = rx.compile(
    r"[,;()\n]|:(?=\s)|\s/\s|[.!?](?=\s|$)|\s[-–—|]\s|https?://\S+|\+?\d[\d ()./-]{5,}\d")
_EVENT_SEGMENT = rx.compile(
    rf"(?-i:[A-Z])[\w'&.-]*(?:\s+[\w'&.-]+){{0,5}}\s+{_EVENT_WORDS}", re.IGNORECASE)
# An event word may close a compound ("Logistiktag", "afterparty", "Fintech-Apéro",
# "Gründerabend") and one capitalised word, the city or edition, may follow the event
# ("Logistiktag Hamburg"). German "-trag" words (Vertrag, Auftrag) are no "-tag" events.
_COMPOUND_EVENT = rx.compile(
    r"(?-i:[A-Z])[\w'&.-]*(?:\s+[\w'&.-]+){0,4}?[\s-]?(?<!tr)"
    r"(?:party|parties|tag|tage|abend|messe|kongress|treffen|gipfel|konferenz|fest|festival|"
    r"apéro|summit|camp|meetup|hackathon|forum|expo|week|days|night|salon|conference|"
    r"congress|congreso|fair|fiera|feria|feira|jam|con)"
    r"(?:\s+(?-i:[A-Z])[\w.-]+)?", re.IGNORECASE)


# The other word order, of Romance, German, Dutch, Nordic and Polish notes: the fair or
# congress first, then its name ("Salon Batimat", "Feria FITUR", "Messe München", "Targi
# Warsaw Home", "Almuerzo de la Cámara de Comercio"); a name follows, never a lower-case word
_EVENT_FIRST = rx.compile(
    r"(?=[A-Z])(?i:salon|salone|salão|feria|fiera|feira|fira|messe|mässan|mässa|targi|beurs|"
    r"expo|congreso|congrès|congresso|kongress|kongres|congress|conference|conférence|"
    r"conferencia|conferenza|konferenz|konferencja|forum|foro|fórum|fòrum|festival|summit|"
    r"gipfel|cumbre|jornadas?|trobada|encuentro|encontro|convention|simposio|symposium|"
    r"seminario|séminaire|rassegna|mostra|soirée|apéro|afterwork|stammtisch|netzwerkabend|"
    r"borrel|meetup|hackathon|"
    # a meal is an event only with whose it was ("Almuerzo de la Cámara"), not "Cena Luca"
    r"(?:almuerzo|desayuno|cena|pranzo|dîner|déjeuner|petit-déjeuner|lunch|dinner|breakfast|"
    r"abendessen|mittagessen|frühstück|jantar|almoço)(?=\s+(?:de|del|des|du|di|della|der|do|"
    r"da|of|with\s+the)\s))"
    r"(?:\s+(?:de\s+la|de\s+l'|de|del|des|du|di|della|dei|der|des|van\s+de|van|do|da|dos|das|"
    r"na|i|a|à|in|en|för|for|of|the|with\s+the)\s*)?"
    r"\s*(?-i:[A-ZÀ-Ý0-9])[\w'&.-]*(?:\s+[\w'&.-]+){0,5}"
)


# "... - the cyber-security breakfast - ...": an event said with its article, in lower case
_THE_EVENT = rx.compile(rf"the\s+[\w'&.-]+(?:\s+[\w'&.-]+){{0,4}}?\s+{_EVENT_WORDS}",
                        re.IGNORECASE)


# p-lang12: the Portuguese weekdays end in "-feira" ("ligar na segunda-feira", "até
# sexta-feira"): a day, never the fair the word also means
_PT_WEEKDAY = rx.compile(r"\b(?:segunda|terça|terca|quarta|quinta|sexta)-feira\b", re.IGNORECASE)


def _is_event_piece(piece: str) -> bool:
    if "-feira" in piece.lower() and _PT_WEEKDAY.search(piece):
        rest = _PT_WEEKDAY.sub(" ", piece).strip()
        return bool(rest) and _is_event_piece(rest) and not _PT_WEEKDAY.search(rest)
    if _EVENT_SEGMENT.fullmatch(piece) or _THE_EVENT.fullmatch(piece):
        return True
    if _EVENT_FIRST.fullmatch(piece) and not COMPANY_SUFFIX.search(piece):
        return True
    m = _COMPOUND_EVENT.fullmatch(piece)
    # "Dienstag", "Tonight": a day is no event
    return bool(m) and not any(starts_with_date(w) for w in re.split(r"[\s-]+", piece))


def _event_segment(text: str, names: Sequence[str] = ()) -> list[tuple[int, str]]:
    start = 0
    folded_names = [fold(n) for n in names if n]
    breaks = _SEGMENT_BREAK if "@" in text else _SEGMENT_BREAK_NO_AT
    for brk in [*breaks.finditer(text), None]:
        end = brk.start() if brk else len(text)
        piece = _event_piece(text[start:end].strip())
        # a meal word ends the event ("founders breakfast"), a verb anywhere else is a sentence,
        # and so is a piece that names one of the people
        city = _IN_CITY.search(piece) if piece else None
        body = piece[: city.start()] if city else piece  # "Investor dinner [in Lisbon]"
        verb = piece and (any(v.end() < len(body) for v in _VERB_RE.finditer(body)) or
                          any(n in fold(piece) for n in folded_names))
        # ("Follow up next week" is an ask, however its "week" reads)
        if piece and not verb and not _SOURCE_OPENING.match(piece) and \
                not _ATTEND.search(piece) and not is_ask(piece) and \
                not _NOT_A_PLACE_WORD.search(piece) and \
                not rx.search(rf"(?:^|\s){_PREP}\s", piece, re.IGNORECASE):
            # "Salon du Chocolat [tonight]": the day says when
            return [(text.index(piece, start), _before_day(piece).rstrip() or piece)]
        start = brk.end() if brk else end
    return []


_IN_CITY = rx.compile(r"\s+(?:in|en|à|a|in der|im)\s+(?P<city>(?-i:[A-ZÀ-Ý])[\w'-]*(?:\s+"
                      r"(?-i:[A-ZÀ-Ý])[\w'-]*){0,2})$", re.IGNORECASE)


def _event_piece(piece: str) -> str:
    """The piece when it is an event, also with the day that says when after it ("Joburg
    logistics indaba on Tuesday"); "" otherwise. The date test runs only on an event."""
    if _is_event_piece(piece):
        return piece
    # "Investor dinner in Lisbon": an event and the well-known city it was in
    city = _IN_CITY.search(piece)
    if city and _is_city(city.group("city")) and _is_event_piece(piece[: city.start()]):
        return piece
    stop = _PLACE_STOP.search(piece)
    if stop and stop.start() > 0:
        head = piece[: stop.start()].rstrip()
        if _is_event_piece(head) and starts_with_date(piece[stop.start():].strip(" ,")):
            return head
    return ""


def _before_names(place: str, names: Sequence[str]) -> str | None:
    """The place up to the first person's name written in it."""
    folded = fold(place)
    if any(name and folded in fold(name) for name in names):
        return None  # "en Jordi Vidal i Ferrer": the person, not the place
    for name in names:
        at = folded.find(fold(name)) if name else -1
        if at >= 0:
            place = _keep_city(place[:at].rstrip(" ,"), place[at:], name)
            folded = fold(place)
    return place or None


_DANGLING_PREP = rx.compile(r"\s+(?:in|en|à|a|au|im|in der|nach|di|de|da|w|i)$", re.IGNORECASE)


def _keep_city(head: str, rest: str, name: str) -> str:
    """"Reisemesse in | München Moritz ...": where the name cut leaves a locative hanging, the
    well-known city the name reader took for a given name stays in the place, and so does
    the first of three capitalised words after "in" ("in Esslingen Jan Krüger": no one is
    met "in" a person); any other hanging locative goes."""
    dangling = _DANGLING_PREP.search(head)
    if dangling is None:
        return head
    words = rest.split()
    for n in (3, 2, 1):
        city = " ".join(words[:n])
        if len(words) >= n and _is_city(city):
            return f"{head} {city}"
    named = name.split()
    if dangling.group(0).strip().lower() == "in" and len(named) >= 3 and \
            all(w[:1].isupper() for w in named[:2]):
        return f"{head} {words[0]}"
    return head[: dangling.start()]


_CITY_PREP = rx.compile(r"(?:^|\s)(?:in|en|a|à|au|im|nach)\s+$", re.IGNORECASE)


def _city_met_in(text: str, names: Sequence[str]) -> str | None:
    """"Coffee with Andrés in Bogotá": with no event named, a well-known city the note puts
    the meeting in is the place."""
    from followup.parsing.phones import city_spans

    for start, end in city_spans(text):
        if _CITY_PREP.search(text[max(0, start - 6):start]) and \
                not _HOME_BASE.search(text, max(0, start - 30), start):
            return text[start:end]
    return None


# "their office in Bristol", "based in Lyon", "lives in Porto": where they work or live
_HOME_BASE = rx.compile(r"\b(?:office|offices|hq|headquarters|based|lives|living|located|"
                        r"sitz|wohnt|basée?s?|vit|vive|viven|mora|woont|gevestigd)\s+"
                        r"(?:in|en|à|a|im|em|au)\s+$", re.IGNORECASE)


# "Hackfest in Leipzig today:", "Bioforum en Bogotá hoy:": a name opening a line, joined to
# a known city by in/en/a/à/bei, is the event, written as it stands with its city
_NAME_IN_CITY = rx.compile(
    r"^[ \t]*((?-i:[A-Z])[\w&'’.-]*(?:[ \t]+(?-i:[A-Z0-9])[\w&'’.-]*){0,3})"
    r"[ \t]+(?:in|en|a|à|bei)[ \t]+((?-i:[A-Z])[\w'’-]+(?:[ \t](?-i:[A-Z])[\w'’-]+)?)",
    re.MULTILINE)


# The note's first line, a short phrase alone that names a gathering ("Petit-déjeuner X Tech
# Lyon, vendredi.", "Konferencja e-commerce w Krakowie, wczoraj.", "Sommerempfang Verband
# Y."): the event as written, without the day after its comma or the aside in brackets.
_TITLE_LINE = rx.compile(r"\A\s*(?P<line>(?-i:[A-ZÀ-ÝŚŁŻŹĆ])[^\n:]{2,70}?)[ \t]*\.?[ \t]*\n")
_TITLE_CUT = rx.compile(r"[ \t]*(?:,|\(|[ \t][-–—][ \t])")
# a gathering word alone or ending a compound ("Sommerempfang", "Fintech-Frühstück")
_GATHERING_END = rx.compile(
    r"(?:empfang|messe|forum|kongress|tagung|frühstück|abend|treffen|gipfel|konferenz|"
    r"borrel|dag|beurs|śniadanie|kolacja|konferencja|spotkanie)\b", re.IGNORECASE)
_TITLE_NOT = rx.compile(r"\b(?:with|w/|mit|avec|con|met|com|amb|z|at|@|from|von|de\s+la\s+part)\b"
                        r"|@|\d{3}", re.IGNORECASE)


_TITLE_OF = rx.compile(r"\s(?:del|de\s+la|de\s+l['’]|du|des|vom|von\s+der|al|au|aux|alla|della|"
                       r"dello|of\s+the|from\s+the)\s", re.IGNORECASE)


def _verb_inside(head: str) -> bool:
    """A meeting verb in `head` that is not the meal word closing its event ("Foodtech-lunch
    in Wageningen", "Investor dinner in Porto": the meal is the event)."""
    city = _IN_NAME.search(head)
    body = head[: city.start()] if city else head
    return any(v.end() < len(body) for v in _VERB_RE.finditer(body))


# "... in Wageningen", "... i Ålesund", "... à Lyon": a capitalised name after a locative
_IN_NAME = rx.compile(r"\s+(?:in|en|à|a|i|w|em|im)\s+(?-i:[A-ZÀ-ÝÅÄÖØÆ])[\w'-]*(?:\s+"
                      r"(?-i:[A-ZÀ-ÝÅÄÖØÆ])[\w'-]*){0,2}$", re.IGNORECASE)


_SPOT_TAIL = rx.compile(r"(?:hall|halle|hal|sala|salle|pavilion|pavillon|padiglione|pabellón|"
                        r"booth|stand|room|stall)\s*[\w.-]{1,6}", re.IGNORECASE)
_AT_VENUE = rx.compile(r"\s(?:at|@)\s+(?:the\s+)?(?=(?-i:[A-Z]))[^\n]*$", re.IGNORECASE)


def _title_line(text: str) -> list[tuple[int, str]]:
    m = _TITLE_LINE.match(text)
    if m is None:
        return []
    line = _EMOJI_END.sub("", m.group("line"))
    cut = _TITLE_CUT.search(line)
    head, tail = (line[:cut.start()], line[cut.end():]) if cut else (line, "")
    # what follows the comma is a day ("vendredi", "wczoraj") or nothing; a sentence is not
    bracket = cut is not None and cut.group(0).strip() == "("
    if tail.strip(" .)") and not starts_with_date(tail) and not bracket and \
            not _SPOT_TAIL.fullmatch(tail.strip(" .")):
        return []
    # (p-placetime10) "Gulf Data Week at Dubai World Trade Centre, hall 4": an event held at
    # a named venue is the event at the venue; the hall after the comma is the spot in it
    venue = _AT_VENUE.search(head)
    event = head[: venue.start()] if venue else head
    if venue and not _EVENT_END.search(" " + event):
        event = head
    # (a locative inside is the other readers' to take: "Dos contactos del Salón X")
    if len(event.split()) > 7 or len(head.split()) > 12 or _TITLE_NOT.search(event) or \
            _verb_inside(head) or \
            _TITLE_OF.search(head) or \
            not (_EVENT_IN.search(head) or _GATHERING_END.search(head)) or \
            _is_generic_spot(head) or _NOT_A_PLACE_WORD.search(head) or is_ask(head) or \
            not (any(w[:1].isupper() for w in head.split()[1:]) or  # a name, not "Great dinner."
                 _is_known_place(head.split()[0])):  # "Dubai proptech night"
        return []
    return [(m.start("line"), head.strip())]


# "(Ecomondo, Rimini, martedì)", "(Agritechnica, Hannover, Thursday)": a name, then its town
# and the day, in brackets, is where and when
_BRACKET = rx.compile(r"\((?P<name>(?-i:[A-Z0-9])[\w&'’.-]*(?:\s+[\w&'’.-]+){0,3})\s*,"
                      r"(?P<rest>[^()\n]{2,50})\)")


def _bracket_event(text: str, names: Sequence[str]) -> list[tuple[int, str]]:
    for m in _BRACKET.finditer(text[:2000]):
        pieces = [p.strip() for p in m.group("rest").split(",") if p.strip()]
        dated = [p for p in pieces if starts_with_date(p)]
        name = m.group("name")
        if dated and all(p in dated or _is_known_place(p) for p in pieces) and \
                not _is_known_place(name) and not any(n and n in name for n in names) and \
                not starts_with_date(name):
            return [(m.start("name"), name)]
    return []


# "Wczoraj Warsaw Pack, rozmowa przy stoisku", "Včera veletrh X v Brně, stánek ...": a
# sentence that opens with its day and then a name or a fair, up to a comma, names the place
_DAY_NAME = rx.compile(r"(?:^|(?<=[.!?]\s))[ \t]*(?P<day>[^\W\d_]+(?:[ \t]+(?i:abend|soir|noche|"
                       r"sera|avond|evening|night|morgen|matin|mattina|ochtend|morning))?)[ \t]+"
                       r"(?P<place>[^\W\d_][^\n,.;:()]{2,60}?)[ \t]*[,:]", re.MULTILINE)


def _day_then_name(text: str, names: Sequence[str]) -> list[tuple[int, str]]:
    for m in _DAY_NAME.finditer(text[:2000]):
        place = m.group("place")
        if not starts_with_date(m.group("day")) or starts_with_date(place) or \
                _VERB_RE.search(place) or _PLACE_STOP.search(place) or \
                _EVENT_PREP.search(place) or \
                any(n and fold(n) in fold(place) for n in names):
            continue  # ("Gestern Abend beim X": the locative's own reader names X)
        words = place.split()
        # a name after the day is as often a person's or a firm's ("Heute Herr Maier, ..."):
        # only an event word or a known town opening a capitalised name says it is a place
        named = all(w[:1].isupper() for w in words) and len(words) >= 2 and \
            (_is_known_place(words[0]) or _whole_event_word(place))
        if (named or (_EVENT_START.match(place) and any(w[:1].isupper() for w in words[1:]))) \
                and not COMPANY_SUFFIX.search(place):
            return [(m.start("place"), place)]
    return []


# p-placetime10: an event and the town it was held in, kept whole wherever the note says them
# ("Long day at Expo Fintech MX in Mexico City", "ontmoet op Flanders Technology in Gent",
# "na targach Drema w Poznaniu", "Azi la targul RoFood Expo in Bucuresti", "salon Cuisine
# Pro à Nantes"): the words before "in/à/en/w/i + Town" back to a locative, a day or a
# clause's start are the event when they end in an event word or stand after a locative, all
# capitalised; what follows the town in lower case is the sentence going on.
_TOWN_AFTER = rx.compile(
    r"[ \t](?P<prep>in|i|à|a|en|em|w|we|im|din|στη|στην|στο)[ \t]+"
    r"(?P<town>(?-i:[A-ZÀ-ÝŁŚŻÅÄÖØÆΑ-Ω])[\w'’-]+(?:[ \t]+(?-i:[A-ZÀ-ÝÅÄÖØÆ])[\w'’-]*)?"
    # p-placetime12: a town of two names joined by a small word ("Monaco di Baviera",
    # "Rio de Janeiro", "Newcastle upon Tyne"; German "am" is as often "am Stand")
    r"(?:[ \t]+(?:di|de|do|da|del|upon|sur)[ \t]+(?-i:[A-ZÀ-Ý])[\w'’-]+)?)",
    re.IGNORECASE)
# where the event's name starts, walking back: a clause's edge
_RUN_EDGE = rx.compile(r"[\n.;:!?()\[\]]|,\s|\s[-–—]+\s|\s--\s|^")
# the words before an event that say where or when, not what ("at", "op", "zur", "on the")
_RUN_STOP = frozenset({"at", "@", "from", "op", "auf", "beim", "bei", "zur", "zum", "na",
                       "no", "em", "en", "on", "to", "via", "during", "van", "von", "vom",
                       "dem", "den", "der", "die", "das", "w", "we", "la", "al", "au", "aux",
                       "alla", "all", "på", "ved", "pe", "στην", "στο", "στη", "the", "a",
                       "an", "met", "with", "mit", "avec", "con", "com", "and", "und", "et",
                       "y", "e", "i", "in", "im", "à", "après", "after", "nach"})
_RUN_JOIN = frozenset({"of", "de", "del", "della", "du", "des", "der", "da", "do", "dos",
                       "das", "di", "&", "for", "für", "y", "la", "le", "el", "and", "i", "e"})
_LOCATIVE_BEFORE = frozenset({"at", "@", "op", "auf", "beim", "zur", "zum", "na", "no", "em",
                              "on", "au", "aux", "alla", "al", "på", "la", "στην", "στο", "στη",
                              "w", "we", "en", "bei", "from", "during"})
_PART_OF_DAY = (r"abend|morgen|nachmittag|vormittag|mittag|früh|soir|matin|après-midi|noche|"
                r"tarde|mañana|sera|mattina|pomeriggio|avond|ochtend|middag|morning|evening|"
                r"afternoon|night|kväll|kveld|aften|wieczorem|rano")
_PART_OF_DAY_LEAD = rx.compile(rf"(?:{_PART_OF_DAY})[,\s]+", re.IGNORECASE)


def _event_in_town(text: str, names: Sequence[str], avoid: set[str]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for m in _TOWN_AFTER.finditer(text[:3000]):
        lo = max(0, m.start() - 120)  # an event's name is short: a bounded look back
        edges = [e.end() for e in _RUN_EDGE.finditer(text, lo, m.start()) if e.end() <= m.start()]
        edge = max(edges) if edges else lo
        run = _event_run(text[edge:m.start()])
        if run is None:
            continue
        words, stop = run
        event = " ".join(words)
        town = m.group("town")
        # "i Malmö Karin Lindqvist": the town, then a person (a second name that ends the
        # clause is the town's own: "alla fiera X a Milano Rho:")
        second = town.split()[1] if " " in town else ""
        edge = re.match(r"\s*(?:[:,.;)]|\n|$|\s[-–—]\s)", text[m.end():m.end() + 4]) is not None
        if second[:1].isupper() and not _is_known_place(town) and \
                _is_known_place(town.split()[0]) and (second.isupper() or not edge):
            town = town.split()[0]
        if any(n and (fold(n) in fold(event) or fold(event) in fold(n)) for n in names) or \
                _avoided(event, avoid) or LEGAL_FORM.search(event) or _VERB_RE.search(event):
            continue
        ends_in_event = _whole_event_word(words[-1])
        capitalised = all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _RUN_JOIN
                          for w in words)
        named_after_locative = capitalised and stop in _LOCATIVE_BEFORE and stop != "from"
        dated = capitalised and starts_with_date(text[m.end():m.end() + 40].lstrip(" ,"))
        if not (ends_in_event or _EVENT_START.match(event) or named_after_locative or dated):
            continue
        if not (_is_known_place(town) or ends_in_event or _EVENT_START.match(event)):
            continue
        found.append((text.rfind(event, edge, m.start()), f"{event} {m.group('prep')} {town}"))
    return found[:1]


def _town_ends_event(best: str, in_town: list[tuple[int, str]]) -> str:
    """ "Agrarforum Süd in Ulm drei gute Gespräche", "targach X w Poznaniu rozmowa z ...": an
    event read up to its town, then the sentence going on in lower case (or a person after a
    known town): the event ends at its town."""
    for _pos, event in in_town:
        town = event[len(best):].split()[1:2]
        if event.startswith(best + " ") and not _is_generic_spot(best) and town and \
                _is_known_place(town[0]):
            return event  # "alla fiera Host a Milano Rho": the event is kept with its town
        if best.startswith(event + " "):
            rest = best[len(event) + 1:]
            if rest[:1].islower() or _is_known_place(event.rsplit(" ", 1)[-1]):
                return event
    return best


# p-placetime10: a note typed in lower case that opens with a short phrase naming a gathering,
# alone on its line or up to a colon ("nairobi agritech summit", "soirée networking french
# tech à nantes: vu sophie", "salone del mobile preview a milano stamattina:"): the event
_LOWER_HEADING = rx.compile(r"\A\s*(?P<line>[a-zà-ÿ][^\n:.!?@]{3,70}?)[ \t]*(?::|\n|$)")


def _lower_heading(text: str) -> list[tuple[int, str]]:
    m = _LOWER_HEADING.match(text)
    if m is None:
        return []
    line = _before_day(m.group("line")).strip(" ,-–—")
    words = line.split()
    if not 2 <= len(words) <= 8 or line != line.lower() or _VERB_RE.search(line) or \
            any(c.isdigit() for c in line) or _PLACE_STOP.search(line):
        return []
    town = _IN_NAME_LOWER.search(line)
    head = line[: town.start()] if town else line
    if _EVENT_START.match(head) or _whole_event_word(head.split()[-1]):
        return [(m.start("line"), line)]
    return []


# p-placetime12: a note that opens with the event alone, then a dash, an emoji or a copula
# ("lagos fintech breakfast - ngozi eze ...", "Porto wine tasting 🍷 met Rui ...", "Oslo
# Innovation Week was great. Met ..."): those first words are where they met, when they end in
# an event word (or the event's town) and hold no verb, number or person.
_OPENING = rx.compile(
    r"\A\s*(?P<line>[^\W\d_][^\n:.!?@()]{2,70}?)[ \t]*(?:\s[-–—|]\s|"
    r"[\U0001F000-\U0001FAFF\u2600-\u27BF]|\s(?:was|were|is)\s)"
)


def _opening_event(text: str, names: Sequence[str]) -> list[tuple[int, str]]:
    m = _OPENING.match(text)
    if m is None:
        return []
    line = _before_day(m.group("line")).strip(" ,-–—")
    words = line.split()
    folded = fold(line)
    # (a meal word ends the event: "founders breakfast" is no verb)
    # and "From the X breakfast - ..." is the source opening's ("van tech brunch" is Vancouver's)
    source = _SOURCE_OPENING.match(line)
    # (a locative or "from" inside says more than the event: "ppl from the X dinner - ...",
    # "Suite au forum X - ...": the other readings take it)
    verb = any(v.end() < len(line) for v in _VERB_RE.finditer(line)) or \
        re.search(rf"(?:^|\s){_PREP}\s", line, re.I) is not None or \
        (source is not None and (source.group("article") or source.group("prep").lower() in
                                 ("from", "von", "vom", "du", "des", "dal", "dalla", "desde")))
    if not 2 <= len(words) <= 7 or verb or _PLACE_STOP.search(line) or \
            _NOT_A_PLACE_WORD.search(line) or any(n and fold(n) in folded for n in names):
        return []
    if not _whole_event_word(words[-1]) and not (_is_city(words[-1]) and
                                                 _whole_event_word(" ".join(words[:-1]))):
        return []
    return [(m.start("line"), line)]


_IN_NAME_LOWER = rx.compile(r"\s+(?:in|en|à|a|i|w|em|im)\s+[^\W\d_]+(?:\s+[^\W\d_]+)?$")
# Finnish says the fair in its case ending, no preposition: "Tavattu tänään
# Kiinteistömessuilla Helsingissä", "Rakennuspäivillä Tampereella"
_FINNISH_FAIR = rx.compile(
    r"(?<!\w)(?P<place>(?-i:[A-ZÅÄÖ])\w*(?:messuilla|messuilta|päivillä|päiviltä|tapahtumassa|"
    r"konferenssissa|seminaarissa|foorumissa|kongressissa)(?:\s+(?-i:[A-ZÅÄÖ])\w+"
    r"(?:ssa|ssä|lla|llä))?)(?!\w)")
# Greek "στην Agrotica", "στο Forum X": at the, before a capitalised name
_GREEK_AT = rx.compile(r"(?<!\w)(?:στην|στη|στο|στις|στα)\s+(?=(?-i:[A-ZΑ-Ω]))")


def _case_ending_place(text: str, names: Sequence[str]) -> list[tuple[int, str]]:
    m = _FINNISH_FAIR.search(text[:2000])
    if m:
        return [(m.start("place"), m.group("place"))]
    g = _GREEK_AT.search(text[:2000])
    place = _clip_place(text[g.end():], names) if g else None
    return [(g.start(), place)] if g and place else []


# "Yamamoto-san from Interop Tokyo yesterday - PoC for ...", "Rohan — SaaSBOOMi Annual
# yesterday, he's CFO": a capitalised name after "from" or a dash, then nothing but its day
# before the clause ends, is where they met (an employer named so is the contact's company,
# which no place may be)
_NAME_THEN_DAY = rx.compile(
    r"(?:\bfrom|[ \t][—–-]+)[ \t]+(?P<place>(?-i:[A-Z0-9])[\w&'’.-]*(?:[ \t]+(?-i:[A-Z0-9])"
    r"[\w&'’.-]*){0,4})[ \t]+(?P<day>[^\n,.;:!?()–—-]{3,30}?)[ \t]*(?:[,.;:!?()\n–—]|\s-\s|$)",
    re.IGNORECASE)


def _name_then_day(text: str, names: Sequence[str], avoid: set[str]) -> list[tuple[int, str]]:
    for m in _NAME_THEN_DAY.finditer(text[:2000]):
        place, day = m.group("place"), m.group("day")
        if len(day.split()) > 3 or not starts_with_date(day) or _avoided(place, avoid) or \
                _is_known_place(place) or LEGAL_FORM.search(place) or \
                any(n and fold(n) in fold(place) for n in names):
            continue
        return [(m.start("place"), place)]
    return []


def _event_run(segment: str) -> tuple[list[str], str] | None:
    """The words of an event's name at the end of `segment`, and the word before them."""
    words = segment.split()
    run: list[str] = []
    stop = ""
    for word in reversed(words):
        low = word.lower()
        if (low in _RUN_STOP and not (low in _RUN_JOIN and run and word != words[0])) or \
                word.endswith(("'s", "’s")) or not re.match(r"[\w&@]", word):
            stop = low
            break
        # a word in lower case inside the name only before its event word ("APAC partner day")
        if not (word[:1].isupper() or word[:1].isdigit() or low in _RUN_JOIN or
                _EVENT_START.match(low)) and (not run or not _whole_event_word(run[-1])):
            stop = low
            break
        run.insert(0, word)
        if len(run) > 6:
            return None
    while run and (run[0].lower() in _RUN_JOIN or run[0].lower() in _RUN_STOP):
        run.pop(0)
    # a day and its part said first ("Azi", "Gestern Abend", "Yesterday morning") say when
    while run and (starts_with_date(run[0]) or _PART_OF_DAY_LEAD.fullmatch(run[0] + " ")):
        run.pop(0)
    while run and run[0].lower() in _RUN_JOIN:
        run.pop(0)
    if not run or not (run[0][:1].isupper() or run[0][:1].isdigit() or _EVENT_START.match(run[0])):
        return None
    return run, stop


def _named_in_city(text: str, names: Sequence[str]) -> list[tuple[int, str]]:
    for m in _NAME_IN_CITY.finditer(text[:2000]):
        name, city = m.group(1), m.group(2)
        if not _is_known_place(city):
            city = city.split()[0]
            if not _is_known_place(city):
                continue
        # a person, a meal or a verb before "in" is no event ("Coffee with Ana in Lyon")
        if _VERB_RE.search(name) or _MEAL_OPENING.match(name) or _NOT_A_PLACE_WORD.search(name) \
                or any(n and n in name for n in names) or _is_known_place(name):
            continue
        # (p-placetime12: a sentence's capitalised locative is no part of it: "Beim X in Y")
        start = m.start(1)
        lead = re.match(r"(?:beim|bei|auf|im|am|zum|zur|at|au|à|en|na|no|op)"
                        r"(?:\s+(?:der|dem|den|the|de|het))?\s+", name, re.IGNORECASE)
        if lead and lead.end() < len(name):
            start += lead.end()
        return [(start, text[start:m.start(2) + len(city)])]
    return []


def _is_company_phrase(before: str, prep: str) -> bool:
    """'CFO at Tessellate', 'contact at Bellbrook Print': an employer, not a place."""
    if prep.strip().lower() not in ("at", "@"):
        return False
    before = before.rstrip()
    caps = re.search(r"\b[A-Z]{2,4}$", before)
    if caps:  # CFO, VP, SRE; a legal form ends the firm before it ("from X AS at Y")
        return LEGAL_FORM.fullmatch(caps.group(0)) is None
    return bool(re.search(r"\b(?:contact|works?|working|job|lead|head|manager|director|"
                          r"engineer|founder|partner|designer|scientist)$", before, re.IGNORECASE))
