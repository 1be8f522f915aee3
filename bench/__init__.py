"""Benchmarks of followup against a real Dovecot on loopback, each beside its raw floor."""
