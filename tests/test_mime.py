"""Unit tests of the MIME layer: charsets, HTML to text, attachments, filenames, limits."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from followup.parsing.mime import (
    AddressError,
    Limits,
    decode_words,
    load_message,
    parse_mailbox_list,
    scan_headers,
)

HEAD = (b"From: Olivia Owner <olivia@owner.example>\r\nTo: inbox@assistant.example\r\n"
        b"Date: Thu, 14 May 2026 18:30:00 -0700\r\nMessage-ID: <m1@owner.example>\r\n"
        b"MIME-Version: 1.0\r\n")


def msg(ctype: bytes, body: bytes, extra: bytes = b"", subject: bytes = b"t") -> bytes:
    return (HEAD + b"Subject: " + subject + b"\r\n" + extra + b"Content-Type: " + ctype
            + b"\r\n\r\n" + body)


def multipart(*parts: bytes, subtype: bytes = b"mixed") -> bytes:
    body = b"".join(b"--BB\r\n" + p + b"\r\n" for p in parts) + b"--BB--\r\n"
    return msg(b"multipart/" + subtype + b'; boundary="BB"', body)


# -- headers ---------------------------------------------------------------------------

def test_outer_headers_are_decoded() -> None:
    raw = (b"From: =?utf-8?q?Jos=C3=A9_N=C3=BA=C3=B1ez?= <Jose@Example.COM>\r\n"
           b"To: a@b.example, \"Doe, Jane\" <JANE@b.example>\r\nCc: c@d.example\r\n"
           b"Subject: =?utf-8?b?Q2Fmw6k=?= =?utf-8?q?_au_lait?=\r\n"
           b"Date: Thu, 14 May 2026 18:30:00 -0700\r\nMessage-ID:  <x@y.example> \r\n\r\nhi\r\n")
    m = load_message(raw)
    assert m.from_mailboxes == [("José Núñez", "jose@example.com")]
    assert m.to == [("", "a@b.example"), ("Doe, Jane", "jane@b.example")]
    assert m.cc == [("", "c@d.example")]
    assert m.subject == "Café au lait"
    assert m.message_id == "<x@y.example>"
    assert m.date == dt.datetime(2026, 5, 14, 18, 30, tzinfo=dt.timezone(dt.timedelta(hours=-7)))
    assert m.text == "hi\n"
    assert m.limit_hit is None


def test_subject_loses_cr_lf_nul_from_encoded_words() -> None:
    raw = msg(b"text/plain", b"x", subject=b"=?utf-8?q?Hi=0D=0ABcc=3A_m=40evil.example=00?=")
    m = load_message(raw)
    assert m.subject is not None
    assert not any(c in m.subject for c in "\r\n\x00")
    assert "Bcc: m@evil.example" in m.subject


@pytest.mark.parametrize("value", [b"", b"yesterday", b"Sun, 31 Feb 2026 25:61:61 +9999",
                                   b"Fri, 31 Dec 9999 23:59:59 -1200"])
def test_bad_dates_give_none_and_a_warning(value: bytes) -> None:
    raw = b"From: a@b.example\r\nDate: " + value + b"\r\nSubject: s\r\n\r\nbody"
    m = load_message(raw)
    assert m.date is None
    assert any("Date" in w for w in m.warnings)


def test_missing_date_and_message_id() -> None:
    m = load_message(b"From: a@b.example\r\nSubject: s\r\n\r\nbody")
    assert m.date is None and m.message_id is None
    assert "no Date field" in m.warnings


def test_display_name_with_crlf_is_cleaned() -> None:
    raw = (b"From: =?utf-8?q?Jane=0D=0ABcc=3A_x=40evil.example?= <jane@acme.example>\r\n"
           b"Subject: s\r\n\r\nb")
    (name, addr), = load_message(raw).from_mailboxes
    assert addr == "jane@acme.example"
    assert "\r" not in name and "\n" not in name


def test_mixed_line_endings_and_line_without_colon() -> None:
    raw = b"From: a@b.example\nSubject: one\rThis line has no colon\r\nTo: c@d.example\n\nbody\r"
    m = load_message(raw)
    assert m.subject == "one"
    assert m.to == [("", "c@d.example")]
    assert m.text.strip() == "body"
    assert any("without a colon" in w for w in m.warnings)


def test_scan_headers_unfolds_and_skips_mbox_line() -> None:
    scan = scan_headers(b"From someone Thu\r\nSubject: a\r\n b\r\nX: 1\r\n\r\nbody")
    assert scan.fields == [("Subject", b"a b"), ("X", b"1")]
    assert scan.body_offset == len(b"From someone Thu\r\nSubject: a\r\n b\r\nX: 1\r\n\r\n")


# -- addresses ---------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    'olivia@owner.example(<mallory@evil.example>',   # CVE-2023-27043 forms
    'olivia@owner.example@<mallory@evil.example>',
    '"unterminated <mallory@evil.example>',
    'a <b@c.example> <d@e.example>',
    '<=?utf-8?q?olivia?=@owner.example>',
    'g: a@b.example;',
    'a@[127.0.0.1]',
    'a..b@c.example',
])
def test_strict_parser_refuses_crafted_fields(value: str) -> None:
    with pytest.raises(AddressError):
        parse_mailbox_list(value, strict=True)


def test_lenient_parser_skips_bad_entries_and_flattens_groups() -> None:
    warnings: list[str] = []
    boxes = parse_mailbox_list('team: a@b.example, bad@@x;, "Q, R" <q@r.example> (c)',
                               strict=False, warnings=warnings)
    assert [b.addr_spec for b in boxes] == ["a@b.example", "q@r.example"]
    assert boxes[1].name == "Q, R"
    assert warnings


def test_display_name_is_not_the_address() -> None:
    (box,) = parse_mailbox_list('"olivia@owner.example" <mallory@evil.example>', strict=True)
    assert box.addr_spec == "mallory@evil.example"


def test_address_count_is_capped() -> None:
    many = b", ".join(b"p%d@x.example" % i for i in range(300))
    m = load_message(b"From: a@b.example\r\nCc: " + many + b"\r\n\r\nx", Limits(max_addresses=50))
    assert len(m.cc) == 50
    assert any("more than" in w for w in m.warnings)


# -- charsets ----------------------------------------------------------------------------

@pytest.mark.parametrize("charset", [b"x-unknown", b"../../etc/passwd", b"base64", b"utf-7"])
def test_odd_charsets_warn_and_fall_back(charset: bytes) -> None:
    m = load_message(msg(b"text/plain; charset=" + charset, b"+ADw-script+AD4- caf\xc3\xa9"))
    assert m.text.startswith("+ADw-script+AD4-")  # UTF-7 never decoded into markup
    assert "café" in m.text
    assert any("charset" in w for w in m.warnings)


def test_eight_bit_in_us_ascii_and_latin1() -> None:
    m = load_message(msg(b"text/plain; charset=us-ascii", b"Ren\xc3\xa9e"))
    assert m.text == "Renée"
    assert any("us-ascii" in w for w in m.warnings)
    m = load_message(msg(b"text/plain; charset=iso-8859-1", b"Ren\xe9e"))
    assert m.text == "Renée" and not m.warnings


@pytest.mark.parametrize("encoded", ["Hello Yuki".encode("utf-16-le"),
                                     "Hello Yuki".encode("utf-16-be")])
def test_utf16_without_bom(encoded: bytes) -> None:
    m = load_message(msg(b"text/plain; charset=utf-16", encoded))
    assert m.text == "Hello Yuki"
    assert any("byte-order mark" in w for w in m.warnings)


def test_encoded_word_with_bogus_charset_does_not_crash() -> None:
    warnings: list[str] = []
    assert decode_words("=?bogus?q?abc?= x", warnings, "Subject") == "abc x"
    assert warnings


def test_quoted_printable_soft_breaks() -> None:
    body = b"Write to jane.doe@exam=\r\nple.com or call caf=C3=A9=\r\n"
    m = load_message(msg(b"text/plain; charset=utf-8", body,
                         extra=b"Content-Transfer-Encoding: quoted-printable\r\n"))
    assert "jane.doe@example.com" in m.text
    assert "café" in m.text


def test_broken_base64_does_not_raise() -> None:
    m = load_message(msg(b"text/plain", b"SGVsbG8*gd29y!bGQ",
                         extra=b"Content-Transfer-Encoding: base64\r\n"))
    assert isinstance(m.text, str)


# -- HTML --------------------------------------------------------------------------------

HTML = (b'<html><head><style>p{color:red}</style><script>steal()</script></head><body>'
        b'<p>Met <b>Jane</b> <a href="mailto:jane_doe@acme.example">email</a>, '
        b'<a href="https://www.linkedin.com/in/jane-doe">LinkedIn</a>, +1 415 555 0100.</p>'
        b'<p><a href="javascript:alert(1)">site</a> <a href="data:text/html;base64,AAAA">x</a> '
        b'<a href=" JaVaScRiPt:alert(2)">y</a><img src="https://evil.example/p.gif"></p>'
        b'</body></html>')


def test_html_only_body_becomes_text_with_safe_links() -> None:
    m = load_message(msg(b"text/html; charset=utf-8", HTML))
    assert m.html is not None and "<script>" in m.html
    assert "mailto:jane_doe@acme.example" in m.text
    assert "https://www.linkedin.com/in/jane-doe" in m.text
    assert "+1 415 555 0100" in m.text
    for bad in ("javascript:", "JaVaScRiPt", "data:text", "steal()", "color:red", "evil.example"):
        assert bad not in m.text


def test_plain_is_preferred_over_html() -> None:
    raw = multipart(b"Content-Type: text/plain\r\n\r\nplain words",
                    b"Content-Type: text/html\r\n\r\n<p>html words</p>", subtype=b"alternative")
    m = load_message(raw)
    assert m.text.strip() == "plain words"
    assert m.html is not None and "html words" in m.html


def test_html_size_is_capped() -> None:
    m = load_message(msg(b"text/html", b"<p>" + b"a" * 5000 + b"</p>"),
                     Limits(max_html_chars=1000))
    assert len(m.text.strip()) <= 1000
    assert any("HTML body longer" in w for w in m.warnings)


# -- attachments ---------------------------------------------------------------------------

VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEMAIL:jane@acme.example\r\nEND:VCARD\r\n"


@pytest.mark.parametrize("header", [
    b"Content-Type: text/vcard; charset=utf-8",
    b"Content-Type: text/x-vcard",
    b'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="j.vcf"',
])
def test_vcard_attachments(header: bytes) -> None:
    card = header + b"\r\n\r\n" + VCARD
    m = load_message(multipart(b"Content-Type: text/plain\r\n\r\nsee card", card))
    assert len(m.vcards) == 1 and "FN:Jane Doe" in m.vcards[0]
    assert m.text.strip() == "see card"


def test_encoded_filenames() -> None:
    rfc2231 = (b"Content-Type: text/vcard\r\nContent-Disposition: attachment; "
               b"filename*=utf-8''Jos%C3%A9%20N%C3%BA%C3%B1ez.vcf\r\n\r\n" + VCARD)
    ew = (b"Content-Type: text/vcard; name=\"=?utf-8?q?Ren=C3=A9e=2Evcf?=\"\r\n"
          b"Content-Disposition: attachment\r\n\r\n" + VCARD)
    m = load_message(multipart(rfc2231, ew))
    assert [a.filename for a in m.attachments] == ["José Núñez.vcf", "Renée.vcf"]
    assert len(m.vcards) == 2


def test_attached_message_is_loaded_recursively() -> None:
    inner = (b"From: Jane Doe <jane@acme.example>\r\nSubject: Great meeting you\r\n"
             b"Date: Wed, 13 May 2026 09:00:00 +0200\r\n\r\nHi Olivia\r\n")
    raw = multipart(b"Content-Type: text/plain\r\n\r\nFYI",
                    b"Content-Type: message/rfc822\r\n\r\n" + inner)
    m = load_message(raw)
    (sub,) = m.attached_messages
    assert sub.from_mailboxes == [("Jane Doe", "jane@acme.example")]
    assert sub.subject == "Great meeting you"
    assert sub.date is not None and sub.date.utcoffset() == dt.timedelta(hours=2)
    assert sub.text.strip() == "Hi Olivia"
    assert m.text.strip() == "FYI"


def test_eml_attachment_in_base64_is_loaded() -> None:
    inner = b"From: x@y.example\r\nSubject: inner\r\n\r\nhello"
    part = (b'Content-Type: application/octet-stream; name="f.eml"\r\n'
            b"Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; "
            b'filename="f.eml"\r\n\r\n' + base64.b64encode(inner))
    (sub,) = load_message(multipart(b"Content-Type: text/plain\r\n\r\nsee", part)).attached_messages
    assert sub.subject == "inner"


def test_images_are_kept_as_bytes_and_capped() -> None:
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    part = (b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            b'Content-Disposition: attachment; filename="c.png"\r\n\r\n' + png)
    m = load_message(multipart(b"Content-Type: text/plain\r\n\r\ncard", part, part, part),
                     Limits(max_images=2))
    assert len(m.images) == 2 and m.images[0].startswith(b"\x89PNG")
    assert any("images" in w for w in m.warnings)


# -- limits ----------------------------------------------------------------------------------

def test_size_limit() -> None:
    m = load_message(msg(b"text/plain", b"x" * 5000), Limits(max_bytes=1000))
    assert m.limit_hit and "1000-byte limit" in m.limit_hit
    assert m.from_mailboxes  # headers still read for the review listing


def test_header_count_and_size_limits() -> None:
    many = b"".join(b"X-H%d: v\r\n" % i for i in range(50))
    assert "header fields" in (load_message(HEAD + many + b"\r\nx", Limits(max_headers=20))
                               .limit_hit or "")
    big = HEAD + b"Subject: " + b"s" * 5000 + b"\r\n\r\nx"
    assert "header section" in (load_message(big, Limits(max_header_bytes=2000)).limit_hit or "")


def test_long_subject_is_truncated_with_warning() -> None:
    m = load_message(HEAD + b"Subject: " + b"s" * 3000 + b"\r\n\r\nx", Limits(max_field_chars=500))
    assert m.subject == "s" * 500
    assert any("truncated" in w for w in m.warnings)


def test_nesting_limit() -> None:
    depth = 30
    opening = b"".join(b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i)
                       for i in range(depth))
    closing = b"".join(b"\r\n--b%d--" % i for i in reversed(range(depth)))
    raw = HEAD + opening + b"Content-Type: text/plain\r\n\r\ndeep" + closing
    m = load_message(raw, Limits(max_depth=10))
    assert m.limit_hit == "MIME nesting deeper than 10 levels"
    assert load_message(raw, Limits(max_depth=40)).text.strip() == "deep"


def test_part_count_limit() -> None:
    parts = [b"Content-Type: text/plain\r\n\r\np%d" % i for i in range(30)]
    m = load_message(multipart(*parts), Limits(max_parts=10))
    assert m.limit_hit == "more than 10 MIME parts"
    ok = load_message(multipart(*parts))
    assert ok.limit_hit is None and "p29" in ok.text


def test_attached_message_depth_is_capped_with_a_warning() -> None:
    raw = b"From: z@z.example\r\nSubject: innermost\r\n\r\ncore"
    for i in range(8):
        raw = (b"From: l%d@x.example\r\nSubject: level %d\r\nContent-Type: message/rfc822\r\n\r\n"
               % (i, i) + raw)
    m = load_message(raw, Limits(max_depth=3))
    depth, cur = 0, m
    while cur.attached_messages:
        cur = cur.attached_messages[0]
        depth += 1
    assert depth == 3
    assert m.limit_hit is None


@pytest.mark.parametrize("raw", [b"", b"\n", b"Content-Type:;i*",
                                 b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1xx",
                                 b"From: a\x00b@c\r\n\r\n", b"garbage without header"])
def test_degenerate_inputs_never_raise(raw: bytes) -> None:
    m = load_message(raw)
    assert isinstance(m.text, str)


def test_quoted_encoded_word_display_name_is_decoded() -> None:
    m = load_message(b'From: "=?utf-8?q?Jos=C3=A9?=" <jose@x.example>\r\n\r\nx')
    assert m.from_mailboxes == [("José", "jose@x.example")]


def test_multipart_without_boundary_is_read_as_text() -> None:
    m = load_message(msg(b"multipart/mixed", b"Met Jane, jane@acme.example"))
    assert "jane@acme.example" in m.text
    assert any("boundary" in w for w in m.warnings)


def test_too_many_lines_is_a_limit() -> None:
    m = load_message(msg(b"text/plain", b"a\n" * 2000), Limits(max_lines=1000))
    assert m.limit_hit is not None and "line limit" in m.limit_hit


def test_text_mislabelled_as_base64_is_read_as_written() -> None:
    m = load_message(msg(b"text/plain", b"Call me: jane@acme.example\r\n",
                         extra=b"Content-Transfer-Encoding: base64\r\n"))
    assert m.text.strip() == "Call me: jane@acme.example"
    assert any("not base64" in w for w in m.warnings)


def test_control_characters_are_removed_from_text() -> None:
    m = load_message(msg(b"text/plain", b"Jane\x1b]0;pwned\x07 Doe\x00\tCEO\r\nnext"))
    assert m.text == "Jane]0;pwned Doe\tCEO\nnext"


@pytest.mark.parametrize("ctype", [b"message/news", b"Message/RFC822", b"\r\n message/rfc822"])
def test_deep_message_nesting_is_cut_before_parsing(ctype: bytes) -> None:
    raw = b"From: z@z.example\r\nSubject: innermost\r\n\r\ncore"
    for _ in range(3000):  # deeper than Python's recursion limit
        raw = b"Subject: l\r\nContent-Type:" + ctype + b"\r\n\r\n" + raw
    m = load_message(raw)
    assert m.limit_hit is None
    assert any("attached messages" in w for w in m.warnings)
