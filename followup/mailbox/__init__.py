"""Mailbox adapters behind followup.ports.Mailbox: IMAP (imapclient) and a local Maildir."""

from __future__ import annotations

from followup.mailbox.backoff import Backoff
from followup.mailbox.imap import ImapMailbox, ImapSettings
from followup.mailbox.maildir import MaildirMailbox, MaildirSettings

__all__ = ["Backoff", "ImapMailbox", "ImapSettings", "MaildirMailbox", "MaildirSettings"]
