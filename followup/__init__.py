"""followup: a local-first follow-up assistant that never sends mail."""

__version__ = "0.1.0"
