"""Emails, web sites, LinkedIn profiles and HTML links found in note text, in contract form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from followup.parsing import rx

EMAIL_RE = rx.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+"
)
# A host written with or without scheme: "www.acme.example", "https://acme.example/x".
URL_RE = rx.compile(
    r"(?<![\w@./-])(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.)+"
    r"(?:[a-z]{2,24})(?::\d{2,5})?(?:/[^\s<>()\"'|,;]*)?(?![\w@-])",
    re.IGNORECASE,
)
_LINKEDIN_RE = rx.compile(
    r"(?:https?://)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com/in/([A-Za-z0-9_%\-À-ɏ]+)", re.IGNORECASE
)
# File names and the like that look like hosts but are not web sites.
_NOT_TLDS = {
    "pdf", "png", "jpg", "jpeg", "gif", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt",
    "eml", "vcf", "zip", "js", "py", "md", "html", "htm", "csv", "json", "mp4", "mov", "exe",
    "bat", "cmd", "scr", "dll", "msi", "vbs", "jar", "apk", "dmg", "sh", "ics", "gz", "rar",
    "7z", "tar", "mp3", "wav", "heic", "svg", "webp", "key", "pages", "numbers", "rtf", "odt",
    # Italian honorifics written with a dot ("Dott.ssa", "Sig.ra", "Prof.ssa"): no TLD
    "ssa", "ra",
}


def find_emails(text: str) -> list[str]:
    """Addresses in `text`, lower-cased, without duplicates, in order."""
    out: list[str] = []
    for m in EMAIL_RE.finditer(text):
        addr = m.group(0).rstrip(".").lower()
        if addr not in out:
            out.append(addr)
    return out


def linkedin_url(text: str) -> str | None:
    """The canonical `https://www.linkedin.com/in/<slug>` for a profile URL in `text`."""
    m = _LINKEDIN_RE.search(text)
    if not m:
        return None
    slug = unquote(m.group(1)).strip("/")
    return f"https://www.linkedin.com/in/{slug}" if slug else None


def website_url(raw: str) -> str | None:
    """`raw` as a site URL with a scheme, or None for a LinkedIn URL or a non-site."""
    raw = raw.strip().rstrip(".,;:)")
    if not raw or "@" in raw or "linkedin." in raw.lower():
        return None
    host = urlsplit(raw if "://" in raw else "https://" + raw).hostname or ""
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if not tld or tld in _NOT_TLDS or tld.isdigit():
        return None
    bare = not re.match(r"(?:https?://|www\.)", raw, re.IGNORECASE)
    if bare and not re.search(r"\.[a-z]{2,24}(?:[:/]|$)", raw):
        return None  # "ASP.NET", "Node.JS": a product, not a site
    return raw if re.match(r"https?://", raw, re.IGNORECASE) else "https://" + raw


def find_urls(text: str) -> list[str]:
    """Raw URL-like spans of `text` (no emails), in order."""
    spans: list[str] = []
    emails = [(m.start(), m.end()) for m in EMAIL_RE.finditer(text)]
    for m in URL_RE.finditer(text):
        if any(s <= m.start() < e for s, e in emails):
            continue
        spans.append(m.group(0))
    return spans


def url_host(url: str) -> str:
    """The lower-case host of a URL with or without scheme, without `www.`."""
    host = urlsplit(url if "://" in url else "https://" + url).hostname or ""
    return host.lower().removeprefix("www.")


@dataclass(frozen=True)
class Link:
    """One `<a href>` of an HTML body and the text it shows."""

    href: str
    text: str


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            text = " ".join("".join(self._text).split())
            self.links.append(Link(self._href.strip(), text))
            self._href = None


def html_links(html: str | None, limit: int = 2000) -> list[Link]:
    """The links of an HTML body, in document order (at most `limit`)."""
    if not html:
        return []
    collector = _LinkCollector()
    collector.feed(html[:2_000_000])
    collector.close()
    return collector.links[:limit]


_MD_LINK = rx.compile(r"\[([^\[\]\n]{0,200})\]\(\s*<?([^()\s<>]{1,2000})>?\s*\)")
_MD_TABLE_RULE = rx.compile(
    r"^[ \t]*\|?[ \t]*:?-{3,}:?(?:[ \t]*\|[ \t]*:?-{3,}:?)*[ \t]*\|?[ \t]*$", re.MULTILINE)


def _unlink(m: re.Match[str]) -> str:
    label, href = m.group(1).strip().replace("**", ""), m.group(2)
    if href.lower().startswith("mailto:"):
        addr = href[7:].split("?")[0]
        return addr if not label or label.lower() == addr.lower() else f"{label} <{addr}>"
    if href.lower().startswith("tel:"):
        return label or href[4:]
    if not label or url_host(label) == url_host(href) or label in href:
        return href if "linkedin." in href.lower() or not label else label
    return f"{label} <{href}>"


def unmark(text: str) -> str:
    """Text that html2text turned into Markdown, back to plain lines: links as text, no
    table rules, no bold marks, no hard-break spaces."""
    if "](" not in text and "|" not in text and "**" not in text:
        return text
    text = _MD_LINK.sub(_unlink, text)
    text = _MD_TABLE_RULE.sub("", text)
    text = re.sub(r"\*\*(?=\S)|(?<=\S)\*\*", "", text)
    text = re.sub(r"^[ \t]*\|[ \t]*", "", text, flags=re.MULTILINE)
    return re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)
