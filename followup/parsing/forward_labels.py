"""Words mail clients print around a forwarded message: header labels, separators, reply lines.

Data only (plus tiny lookups), one entry per client language, so supporting a new
language means adding words here rather than code in forwards.py.
"""

from __future__ import annotations

import re
import unicodedata

from followup.parsing import rx

FROM = "from"
DATE = "date"
SUBJECT = "subject"
TO = "to"
CC = "cc"
REPLY_TO = "reply_to"
OTHER = "other"

# Header labels by field. Keys are compared after casefolding and whitespace collapsing.
_LABELS: dict[str, tuple[str, ...]] = {
    FROM: (
        "from", "von", "de", "da", "van", "från", "fra", "lähettäjä", "od", "od kogo",
        "feladó", "de la", "expeditorul", "expeditor", "šalje", "от", "от кого", "від",
        "від кого", "kimden", "saatja", "gönderen", "mittente", "nadawca", "送信元",
        "差出人", "送信者", "afsender", "avsändare", "avsender", "remetente", "absender",
        "odesílatel", "pošiljatelj", "pošiljalac", "відправник", "отправитель",
        "expéditeur", "remitente", "afzender", "发件人", "寄件者", "보낸사람", "보낸 사람",
        "από", "מאת", "من", "pengirim", "dari", "từ", "จาก",
        # blocks (p-blocks8): Latvian, Lithuanian, Slovenian, Icelandic Outlook
        "no", "nuo", "sūtītājs", "siuntėjas", "frá",
    ),
    DATE: (
        "date", "sent", "datum", "dato", "data", "fecha", "päiväys", "päivämäärä", "dátum",
        "dată", "data trimiterii", "дата", "tarih", "日付", "送信日時", "gesendet",
        "envoyé", "enviado", "enviada", "inviato", "verzonden", "skickat", "sendt",
        "lähetetty", "wysłano", "wysłane", "odesláno", "odoslané", "elküldve", "trimis",
        "poslano", "poslané", "отправлено", "відправлено", "надіслано", "gönderilen",
        "gönderildi", "gönderme tarihi", "kuupäev", "saadetud", "sent date", "发送时间",
        "日期", "時間", "envoyé le", "gesendet am", "wysłany", "enviado el", "enviado em",
        "enviada em", "inviato il", "verzonden op", "날짜", "보낸 날짜", "ημερομηνία",
        "στάλθηκε", "תאריך", "נשלח", "التاريخ", "تم الإرسال", "tanggal", "ngày", "วันที่",
        "发送日期", "寄件日期", "enviat", "enviat el", "data d'enviament", "enviada el",
        "nosūtīts", "datums", "išsiųsta", "siųsta",
    ),
    SUBJECT: (
        "subject", "betreff", "objet", "sujet", "asunto", "oggetto", "onderwerp", "ämne",
        "emne", "aihe", "temat", "předmět", "predmet", "tárgy", "subiect", "subiectul",
        "naslov", "тема", "konu", "teema", "件名", "assunto", "主题", "主旨", "subj", "제목",
        "θέμα", "נושא", "الموضوع", "subjek", "perihal", "chủ đề", "เรื่อง", "assumpte",
        "tēma", "tema", "zadeva", "efni",
    ),
    TO: (
        "to", "an", "à", "a", "para", "aan", "till", "til", "vastaanottaja", "do", "komu",
        "címzett", "către", "destinatarul", "destinatar", "prima", "кому", "kime",
        "adresat", "adresaci", "saaja", "宛先", "送信先", "pour", "pre", "收件人",
        "empfänger", "ontvanger", "mottagare", "mottaker", "modtager", "odbiorca",
        "příjemce", "príjemca", "primatelj", "получатель", "одержувач", "alıcı", "받는사람",
        "받는 사람", "προς", "אל", "إلى", "kepada", "đến", "ถึง", "per a",
        "kam", "za",
    ),
    CC: (
        "cc", "kopie", "kopie (cc)", "copie", "copie à", "cópia", "copia", "kopia", "kopi",
        "kopio", "dw", "másolat", "másolatot kap", "копия", "копія", "bilgi", "koopia",
        "kópia", "cco", "bcc", "blindkopie", "bilgi kopyası", "抄送", "副本",
    ),
    REPLY_TO: (
        "reply-to", "reply to", "répondre à", "antwort an", "responder a", "rispondi a",
        "antwoord aan", "svara till", "svar til", "vastausosoite", "odpowiedz do",
        "odpovědět", "válaszcím", "ответить", "yanıtla", "responder para",
    ),
    OTHER: ("importance", "priorität", "priority", "attachments", "anhänge", "pièces jointes"),
}


def fold(text: str) -> str:
    """Casefolded, NFC, whitespace-collapsed form of a short label or phrase."""
    # Turkish "İ" casefolds to "i" plus a combining dot; drop the dot so "İleti" == "ileti".
    folded = unicodedata.normalize("NFC", text).casefold().replace("\u0307", "")
    return " ".join(folded.split())


LABEL_FIELD: dict[str, str] = {fold(lab): field for field, labs in _LABELS.items() for lab in labs}

# Longest first, so "de la" wins over "de" and "kopie (cc)" over "kopie".
_LABEL_ALT = "|".join(re.escape(lab) for lab in rx.longest_first(LABEL_FIELD))

# One header line: optional bold markers, a known label, a colon (ASCII or full-width).
HEADER_LINE_RE = rx.compile(
    rf"^\s*(?P<em>\*{{1,2}}|_{{1,2}})?(?P<label>{_LABEL_ALT})(?(em)(?P=em)?)\s*[:：]"
    r"(?(em)(?P=em)?)[ \t\u00a0]*(?:\|\s*)?(?P<value>.*)$",
    re.IGNORECASE,
)

# Yahoo prints all header fields run together on one line: find labels anywhere.
# The lookahead, one class of the labels' first letters (the same case-insensitive test the
# alternation makes first), lets the engine pass over every other position at once: the
# same matches, about half the time on a Yahoo line.
INLINE_LABEL_RE = rx.compile(
    "(?=[" + "".join(re.escape(c) for c in sorted({lab[0] for lab in LABEL_FIELD})) + "])"
    rf"(?P<label>{_LABEL_ALT})\s*[:：]", re.IGNORECASE)
INLINE_SUBJECT_RE = rx.compile(
    "(?P<label>" + "|".join(re.escape(s) for s in rx.longest_first(_LABELS[SUBJECT]))
    + r")\s+(?=\S)",
    re.IGNORECASE,
)

# Lines that open a forwarded message, with dashes/underscores/colons stripped and folded.
SEPARATOR_PHRASES: frozenset[str] = frozenset(fold(p) for p in (
    "forwarded message", "forwarded e-mail", "forwarded email", "original message",
    "begin forwarded message", "message forwarded", "forward message",
    "weitergeleitete nachricht", "anfang der weitergeleiteten nachricht",
    "ursprüngliche nachricht", "ursprüngliche e-mail", "originalnachricht",
    "message transféré", "début du message réexpédié", "début du message transféré",
    "message d'origine", "message original", "message transmis",
    "mensaje reenviado", "inicio del mensaje reenviado", "mensaje original",
    "messaggio inoltrato", "inizio messaggio inoltrato", "messaggio originale",
    "doorgestuurd bericht", "begin doorgestuurd bericht", "oorspronkelijk bericht",
    "origineel bericht", "mensagem encaminhada", "mensagem reencaminhada",
    "início da mensagem reencaminhada", "início da mensagem encaminhada",
    "mensagem original", "vidarebefordrat meddelande", "vidarebefordrat mejl",
    "vidarebefordrat e-postmeddelande", "ursprungligt meddelande",
    "videresendt meddelelse", "start på videresendt besked", "oprindelig meddelelse",
    "videresendt melding", "videresendt e-post", "opprinnelig melding",
    "välitetty viesti", "välitetty viesti alkaa", "edelleenlähetetty viesti",
    "alkuperäinen viesti", "välitetty viesti / fwd.msg",
    "przekazana wiadomość", "początek przekazywanej wiadomości",
    "treść przekazanej wiadomości", "wiadomość przesłana dalej", "oryginalna wiadomość",
    "wiadomość oryginalna", "přeposlaná zpráva", "začátek přeposílané zprávy",
    "původní zpráva", "preposlaná správa", "začiatok preposlanej správy",
    "pôvodná správa", "preposlaná správa --- forwarded message",
    "továbbított üzenet", "továbbított levél kezdete", "eredeti üzenet",
    "mesaj redirecționat", "începe mesajul redirecționat", "mesajul original",
    "mesaj original", "proslijeđena poruka", "započni proslijeđenu poruku",
    "izvorna poruka", "originalna poruka", "пересылаемое сообщение",
    "перенаправленное сообщение", "начало переадресованного сообщения",
    "исходное сообщение", "переслане повідомлення", "перенаправлене повідомлення",
    "початок листа, що пересилається", "оригінальне повідомлення",
    "пересланий лист", "iletilen ileti", "iletilmiş mesaj", "ileti başlangıcı",
    "özgün ileti", "orijinal mesaj", "edasi saadetud kiri", "algne kiri",
    "edastatud kiri", "メッセージを転送", "転送されたメッセージ", "元のメッセージ",
    "转发的邮件", "原始邮件", "転送メッセージ", "전달된 메시지", "원본 메시지",
    "προωθημένο μήνυμα", "αρχικό μήνυμα", "הודעה שהועברה", "הודעה מקורית",
    "الرسالة المعاد توجيهها", "الرسالة الأصلية", "wiadomość przekazana dalej",
    "videresendt besked", "pesan yang diteruskan", "pesan asli",
    "pārsūtītā ziņa", "pārsūtīts ziņojums", "sākotnējā ziņa", "sākotnējais ziņojums",
    "persiųstas laiškas", "persiųsta žinutė", "originalus laiškas", "pradinis laiškas",
    "posredovano sporočilo", "izvirno sporočilo", "áframsent skeyti", "upprunalegt skeyti",
    "missatge reenviat", "missatge original", "inici del missatge reenviat",
))

# The subset that says "forwarded" (as opposed to "original message", which Outlook also
# prints above quoted replies).
_ORIGINAL_WORDS = ("original", "ursprüng", "d'origine", "oorspronkelijk", "origineel",
                   "ursprungligt", "oprindelig", "opprinnelig", "alkuperäinen",
                   "oryginalna", "původní", "pôvodná", "eredeti", "mesajul original",
                   "izvorna", "originalna", "исходное", "оригінальне", "özgün", "orijinal",
                   "algne", "sākotnēj", "originalus", "pradinis", "izvirno", "upprunalegt",
                   "元のメッセージ", "原始邮件", "원본", "αρχικό", "מקורית",
                   "الأصلية", "pesan asli")


def is_original_phrase(phrase: str) -> bool:
    """True for "Original Message"-style separators (used by replies as well as forwards)."""
    return any(w in phrase for w in _ORIGINAL_WORDS)


# Outer subject prefixes. A subject's first prefix says what the owner did with the message.
FORWARD_PREFIXES = frozenset((
    "fw", "fwd", "tr", "wg", "rv", "i", "enc", "pd", "vb", "vs", "redir", "doorst", "fs",
    "trs", "fwd.", "wtd", "pf", "továbbítás", "továbbított", "přep", "prep", "proslijeđeno",
    "ilt", "iletildi", "edasi", "転送", "转发", "전달", "πρθ", "הועבר",
))
REPLY_PREFIXES = frozenset((
    "re", "aw", "sv", "antw", "ynt", "odp", "vá", "r", "res", "ref", "rif", "atb", "réf",
    "отв", "на", "відп", "vast", "返信", "回复", "答复", "회신", "απ", "השב",
))
SUBJECT_PREFIX_RE = rx.compile(
    r"^\s*\[?([^\W\d_][\w.]{0,12}?)\]?\s*(?:\[\d+\])?\s*[:：]\s*", re.UNICODE
)

# The verb that ends a reply's attribution line ("On <date>, <who> wrote:"), in many
# languages; some put the date after it ("<who> kirjoitti <date>:"), then the line ends in ":".
REPLY_VERB_RE = rx.compile(
    r"(?:\b(?:wrote|schrieb|a écrit|escribió|ha scritto|geschreven|schreef|escreveu|"
    r"skrev(?: følgende)?|kirjoitti|napsal(?:\(a\)|a)?|napisał(?:\(a\)|a)?|pisze|ezt írta|"
    r"написал(?:\(а\)|а)?|написав(?:\(ла\)|ла)?|napísal(?:\(a\)|a)?|şunu yazdı|kirjutas|"
    r"a scris|(?:je )?napisao(?: je)?|(?:je )?napisala(?: je)?|je napisal(?:\(a\)|a)?|"
    r"пише|пишет|έγραψε|rašė|rakstīja|menulis|đã viết|va escriure|kirjoitti|كتب)"
    r"|のメッセージ|写道|寫道|님이 작성)"
    r"(?:\s*[:：]|\s.{0,60}[:：])\s*$"
    # Gmail in Russian, Japanese and a few more prints no verb: "<date> Name <addr>:"
    r"|<[^<>\s]+@[^<>\s]+>\s*[:：]\s*$",
    re.IGNORECASE,
)

# Words that may open a reply line whose verb is wrapped onto a following line.
REPLY_OPENER_RE = rx.compile(r"^(?:On|Am|Le|El|Il|Op|Em|Den|D\.|Dne|Dnia|W dniu)\s", re.IGNORECASE)

# Words that join a date and a name in reply lines ("... 12:46 időpontban John Doe").
REPLY_CONNECTORS = frozenset(fold(w) for w in (
    "heeft", "időpontban", "používateľ", "użytkownik", "пользователь", "користувач",
    "schrieb", "skrev", "am", "pm", "um", "at", "à", "a las", "alle", "às", "o", "kl.",
    "klo", "kell", "u", "в", "о",
))
