# The few targets people type. Each is one of the scripts, which work without make too.
.PHONY: demo test test-all lint bench clean

demo:            ## the embedded default: sample notes in a local Maildir, SQLite, one run
	scripts/demo

test:            ## the whole test suite (starts its own Dovecot and PostgreSQL)
	scripts/test

test-all:        ## including the slow tests (200+ kill-and-restart runs, huge messages)
	scripts/test -m "slow or not slow"

lint:
	.venv/bin/ruff check followup tests bench
	.venv/bin/mypy

bench:
	.venv/bin/python -m bench

clean:
	rm -rf demo .pytest_cache .mypy_cache .ruff_cache
