"""Who is not a contact (the owner, lists, colleagues passing mail on), and merging contacts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from followup.model import ParsedContact
from followup.parsing import rx, urls
from followup.parsing.names import fold, name_tokens, visible

# Free mail providers: sharing one of these with the owner says nothing about being a colleague.
_PUBLIC_DOMAINS = {
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com",
    "icloud.com", "me.com", "mac.com", "aol.com", "gmx.de", "gmx.net", "web.de", "proton.me",
    "protonmail.com", "mail.com", "example.com", "example.net", "example.org", "orange.fr",
    "free.fr", "t-online.de", "yandex.ru", "mail.ru", "qq.com", "163.com",
}
_LIST_LOCAL = rx.compile(
    r"^(?:.*-(?:list|users|dev|announce|discuss|request|bounces|owner)|list|lists|announce|"
    r"noreply|no-reply|donotreply|do-not-reply|mailer-daemon|postmaster|majordomo|listserv|"
    r"newsletter|notifications?)$",
    re.IGNORECASE,
)


@dataclass
class Owner:
    """Everything that identifies the owner: her addresses, phones, sites, profiles, names."""

    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    hosts: set[str] = field(default_factory=set)
    linkedins: set[str] = field(default_factory=set)
    names: list[str] = field(default_factory=list)

    @property
    def domains(self) -> set[str]:
        return {e.rsplit("@", 1)[1] for e in self.emails if "@" in e} - _PUBLIC_DOMAINS

    def add_signature(self, text: str, phones: Iterable[str]) -> None:
        """Learn the owner's details from her own signature block."""
        self.emails.update(urls.find_emails(text))
        self.phones.update(phones)
        for raw in urls.find_urls(text):
            li = urls.linkedin_url(raw)
            if li:
                self.linkedins.add(li)
            else:
                self.hosts.add(urls.url_host(raw))


def is_list_address(addr: str) -> bool:
    """Mailing lists and robots: `berlin-rust@lists.example.org`, `noreply@...`."""
    local, _, domain = addr.lower().partition("@")
    return bool(_LIST_LOCAL.match(local)) or domain.startswith(("lists.", "list.", "groups.",
                                                                 "googlegroups."))


def is_colleague(addr: str | None, owner: Owner) -> bool:
    """Someone writing from one of the owner's own (non-public) mail domains."""
    if not addr or "@" not in addr:
        return False
    return addr.lower().rsplit("@", 1)[1] in owner.domains and addr.lower() not in owner.emails


def strip_owner(contact: ParsedContact, owner: Owner) -> ParsedContact:
    """The contact without any address, phone, site or profile of the owner's."""
    site = contact.website
    if site and urls.url_host(site) in owner.hosts | owner.domains:
        site = None
    return replace(
        contact,
        emails=tuple(e for e in contact.emails if e not in owner.emails),
        phones=tuple(p for p in contact.phones if p not in owner.phones),
        website=site,
        linkedin=None if contact.linkedin in owner.linkedins else contact.linkedin,
    )


def is_owner_contact(contact: ParsedContact, owner: Owner) -> bool:
    """True when the contact is the owner herself (one of her addresses, or her name only)."""
    if any(e in owner.emails for e in contact.emails):
        return True
    if contact.full_name and not contact.emails:
        mine = {fold(n) for n in owner.names if n}
        return fold(contact.full_name) in mine
    return False


def is_empty(contact: ParsedContact) -> bool:
    return not (contact.emails or contact.phones or contact.full_name or contact.linkedin)


def same_person(a: ParsedContact, b: ParsedContact) -> bool:
    """Two readings of one person: a shared email, or (where one has no email) the same
    name. Two contacts whose emails differ stay two people: "John Smith" and "John Smith
    Jr." on two cards of one file."""
    if set(a.emails) & set(b.emails):
        return True
    if a.emails and b.emails:
        return False
    if a.full_name and b.full_name:
        ta, tb = name_tokens(a.full_name), name_tokens(b.full_name)
        if ta and tb and (ta == tb or (len(ta) > 1 and len(tb) > 1 and set(ta) <= set(tb)) or
                          (len(ta) > 1 and len(tb) > 1 and set(tb) <= set(ta))):
            return True
    return False


def merge(primary: ParsedContact, extra: ParsedContact) -> ParsedContact:
    """One contact from two readings of the same person; `primary` wins where both speak."""
    return ParsedContact(
        full_name=primary.full_name or extra.full_name,
        emails=tuple(dict.fromkeys((*primary.emails, *extra.emails))),
        phones=tuple(dict.fromkeys((*primary.phones, *extra.phones))),
        company=primary.company or extra.company,
        title=primary.title or extra.title,
        website=primary.website or extra.website,
        linkedin=primary.linkedin or extra.linkedin,
        address=primary.address or extra.address,
    )


def _one_line(value: str | None) -> str | None:
    if value is None:
        return None
    text = " ".join(visible(value).split())
    return text or None


def sanitize(contact: ParsedContact) -> ParsedContact:
    """Every field on one line, without controls or invisible characters (bidi, zero-width)."""
    return ParsedContact(
        full_name=_one_line(contact.full_name),
        emails=tuple(e for e in (_one_line(x) for x in contact.emails) if e),
        phones=tuple(p for p in (_one_line(x) for x in contact.phones) if p),
        company=_one_line(contact.company),
        title=_one_line(contact.title),
        website=_one_line(contact.website),
        linkedin=_one_line(contact.linkedin),
        address=_one_line(contact.address),
    )


def combine(groups: Sequence[Sequence[ParsedContact]], owner: Owner,
            records: frozenset[int] = frozenset()) -> list[ParsedContact]:
    """Contacts from every source, owner removed, duplicates merged, in source order.

    The groups whose index is in `records` (vCards) hold one record per person: two of
    them merge only on a shared email, never on a name inside another name ("John Smith"
    and "John Smith Jr.", "Li Li" and "Li Lin")."""
    out: list[ParsedContact] = []
    origins: list[set[int]] = []
    for index, group in enumerate(groups):
        for contact in group:
            contact = strip_owner(sanitize(contact), owner)
            if is_owner_contact(contact, owner) or is_empty(contact):
                continue
            for i, seen in enumerate(out):
                if _same_record_kept_apart(index, origins[i], records, seen, contact):
                    continue
                if same_person(seen, contact):
                    out[i] = merge(seen, contact)
                    origins[i].add(index)
                    break
            else:
                out.append(contact)
                origins.append({index})
    return out


def _same_record_kept_apart(index: int, origin: set[int], records: frozenset[int],
                            seen: ParsedContact, contact: ParsedContact) -> bool:
    """Two records of one record source without an email in common."""
    return index in records and index in origin and not set(seen.emails) & set(contact.emails)


def order_by_mention(contacts: list[ParsedContact], note: str) -> list[ParsedContact]:
    """The main person first: the one the owner names first; the unnamed keep their order."""
    folded = fold(note)

    def first_mention(c: ParsedContact) -> int:
        best = len(folded) + 1
        for tok in name_tokens(c.full_name or ""):
            if len(tok) < 3:
                continue
            m = re.search(rf"\b{re.escape(tok)}\b", folded)
            if m:
                best = min(best, m.start())
        return best

    if len(contacts) < 2:
        return contacts
    # order by the note only when it names everyone; else keep the sources' order
    # (forward, vCards, then people typed in the note)
    keyed = [(first_mention(c), i, c) for i, c in enumerate(contacts)]
    if any(k[0] > len(folded) for k in keyed):
        return contacts
    return [c for _, _, c in sorted(keyed, key=lambda k: (k[0], k[1]))]
