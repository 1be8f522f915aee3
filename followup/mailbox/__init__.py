"""Mailbox adapters behind followup.ports.Mailbox: imap.py (imapclient) and maildir.py (local).

Import the submodule you need (followup.mailbox.imap, .maildir, .backoff): this package
imports nothing itself, so the daemon's backoff does not pull in imapclient."""
