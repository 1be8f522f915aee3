"""Use cases where the owner acts: snooze, reschedule, skip or cancel a follow-up; edit,
merge or forget a contact; re-draft a draft; apply a command by mail.

Each change is decided inside one database unit (`*_in` functions, which the Ingestor also
calls for commands by mail) and gives a `Change`: what to tell the owner, and which drafts
must leave Drafts. Those drafts are removed INSIDE the unit, before its commit: the removal
is idempotent, so a crash after it and before the commit leaves the database as it was and
the command can simply be given again; a removal that fails (server down) rolls the change
back, and the owner is told that nothing changed. `Control` also holds the store's
"drafting" lock around it, so no drafting pass writes a draft between the two.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from followup.digest import entry_contacts
from followup.drafting import DraftingError
from followup.model import Contact, FollowUp, FollowUpStatus
from followup.ownerwords import (
    MailCommand,
    WhenError,
    check_email,
    check_phone,
    due_moment,
    resolve_day,
)
from followup.ports import Clock, Mailbox
from followup.service import Drafter, Policy
from followup.store import Store, StoreError, Unit
from followup.store.owner import EDITABLE

log = logging.getLogger("followup.control")


class ControlError(Exception):
    """The owner's request cannot be done as asked; the message says why (nothing changed)."""


@dataclass
class Change:
    """What one request did: a line for the owner and the drafts to remove (account -> keys)."""

    message: str
    drafts: dict[str, list[str]] = field(default_factory=dict)
    removed: int = 0  # drafts found and removed from Drafts (set once they are)

    def remove(self, accounts: Mapping[int, str], followups: Iterable[FollowUp]) -> None:
        for f in followups:
            self.drafts.setdefault(accounts[f.id], []).append(f.draft_key)


def label(contact: Contact | None) -> str:
    if contact is None:
        return "(forgotten contact)"
    name = contact.full_name or "(no name)"
    return f"{name} <{contact.emails[0]}>" if contact.emails else name


def _day(moment: dt.datetime, policy: Policy) -> str:
    return moment.astimezone(policy.timezone).date().isoformat()


# -- follow-ups ------------------------------------------------------------------------------
def open_followup(u: Unit, followup_id: int) -> FollowUp:
    found = u.get_followup(followup_id)
    if found is None:
        raise ControlError(f"no follow-up {followup_id} (see 'followup followups list')")
    if not found.status.is_open:
        raise ControlError(f"follow-up {followup_id} is {found.status}"
                           f"{' (' + found.reason + ')' if found.reason else ''}: "
                           "only a planned or drafted one can change")
    return found


def move_in(u: Unit, target: FollowUp, when: str, now: dt.datetime, policy: Policy, *,
            snooze: bool, who: str = "the owner") -> Change:
    """Snooze (counted from the later of now and its due moment) or reschedule (counted
    from now) a follow-up; its later open steps keep their distance to it."""
    base = max(now, target.due_at) if snooze else now
    try:
        day = resolve_day(when, base, policy.timezone)
    except WhenError as exc:
        raise ControlError(str(exc)) from None
    if day < now.astimezone(policy.timezone).date():
        raise ControlError(f"{day.isoformat()} is in the past: nothing changed")
    due = due_moment(day, now, policy.window, policy.timezone)
    _keep_order(u, target, due, policy)
    delta = due - target.due_at
    verb = "snoozed" if snooze else "rescheduled"
    moved = [target] + [f for f in u.followups_of(target.contact_id, open_only=True)
                        if f.id != target.id and f.note_id == target.note_id
                        and f.step > target.step]
    accounts = u.accounts_of(f.id for f in moved)
    change = Change("")
    for f in moved:
        new_due = due if f.id == target.id else max(f.due_at + delta, due)
        u.move_followup(f.id, new_due, f"{verb} by {who} to {_day(new_due, policy)}")
        if f.status is FollowUpStatus.DRAFTED:
            change.remove(accounts, [f])
    contact = u.get_contact(target.contact_id)
    later = f" (and {len(moved) - 1} later step(s))" if len(moved) > 1 else ""
    removed = " its draft is removed from Drafts until then;" if change.drafts else ""
    change.message = (f"{verb} follow-up {target.id} for {label(contact)} to "
                      f"{_day(due, policy)}{later};{removed} drafted when due")
    return change


def _keep_order(u: Unit, target: FollowUp, due: dt.datetime, policy: Policy) -> None:
    """A later step never comes before an earlier open step of the same plan."""
    for f in u.followups_of(target.contact_id, open_only=True):
        if f.note_id == target.note_id and f.step < target.step and f.due_at > due:
            raise ControlError(
                f"follow-up {target.id} is step {target.step}; step {f.step} (follow-up "
                f"{f.id}) is due {_day(f.due_at, policy)}, later than "
                f"{_day(due, policy)}: move or skip that one first")


def skip_in(u: Unit, target: FollowUp, now: dt.datetime, policy: Policy,
            who: str = "the owner") -> Change:
    """Close this step as skipped; the plan goes on with its next step, on its own day."""
    u.close_followup(target.id, FollowUpStatus.SKIPPED, f"skipped by {who}", now)
    change = Change("")
    if target.status is FollowUpStatus.DRAFTED:
        change.remove(u.accounts_of([target.id]), [target])
    rest = u.followups_of(target.contact_id, open_only=True)
    contact = u.get_contact(target.contact_id)
    after = "no step left: the plan ends"
    if rest:
        after = (f"next: follow-up {rest[0].id} (step {rest[0].step}) due "
                 f"{_day(rest[0].due_at, policy)}")
    change.message = f"skipped follow-up {target.id} for {label(contact)}; {after}"
    return change


def cancel_in(u: Unit, contact_id: int, now: dt.datetime, reason: str) -> Change:
    """End a contact's plan: every planned or drafted follow-up is cancelled, with `reason`."""
    open_ = u.followups_of(contact_id, open_only=True)
    for f in open_:
        u.close_followup(f.id, FollowUpStatus.CANCELLED, reason, now)
    change = Change("")
    drafted = [f for f in open_ if f.status is FollowUpStatus.DRAFTED]
    change.remove(u.accounts_of(f.id for f in drafted), drafted)
    who = label(u.get_contact(contact_id))
    change.message = (f"cancelled {len(open_)} follow-up(s) of {who}"
                      + (f", {len(drafted)} draft(s) removed from Drafts" if drafted else "")
                      if open_ else f"{who} had no open follow-up: nothing to cancel")
    return change


def forget_in(u: Unit, contact: Contact) -> Change:
    """Forget a person (store/privacy.py) and remove every unsent draft of theirs."""
    unsent = [f for f in u.followups_of(contact.id) if f.status is not FollowUpStatus.SENT]
    change = Change("")
    change.remove(u.accounts_of(f.id for f in unsent), unsent)
    u.forget_contact(contact.id)
    change.message = f"forgot contact {contact.id}: {label(contact)}"
    return change


def redraft_in(u: Unit, contact_id: int, now: dt.datetime, why: str) -> Change:
    """A contact's drafts in Drafts are stale (their address changed): remove them and plan
    them again for now, so the next drafting pass writes them afresh."""
    drafted = [f for f in u.followups_of(contact_id, open_only=True)
               if f.status is FollowUpStatus.DRAFTED]
    change = Change("")
    for f in drafted:
        u.move_followup(f.id, now, why)
    change.remove(u.accounts_of(f.id for f in drafted), drafted)
    return change


# -- contacts --------------------------------------------------------------------------------
def edit_in(u: Unit, contact_id: int, values: Mapping[str, Any], now: dt.datetime,
            who: str = "the owner") -> Change:
    """Correct a contact as the owner wrote it; a changed address re-drafts their drafts."""
    before = u.get_contact(contact_id)
    if before is None:
        raise ControlError(f"no contact {contact_id}")
    fields = {k: v for k, v in values.items() if k not in ("emails", "phones")}
    try:
        after = u.correct_contact(contact_id, fields, emails=values.get("emails"),
                                  phones=values.get("phones"), now=now)
    except StoreError as exc:
        raise ControlError(str(exc)) from None
    changed = [f for f in (*EDITABLE, "emails", "phones")
               if getattr(after, f) != getattr(before, f)]
    change = Change("")
    if after.emails != before.emails:
        change = redraft_in(u, contact_id, now, f"re-drafted: {who} changed the address")
    what = ", ".join(changed) if changed else "nothing"
    change.message = f"contact {contact_id} {label(after)}: {what} set by {who}"
    return change


def find_contact(u: Unit, query: str) -> Contact:
    """One contact by id, email or name; several or none is an error naming them."""
    found = u.find_contacts(query)
    if not found:
        raise ControlError(f"no contact matches {query!r} (try 'followup contacts list')")
    exact = [c for c in found if query.strip().lower() in c.emails]
    if len(found) > 1 and len(exact) == 1:
        return exact[0]
    if len(found) > 1:
        names = ", ".join(f"{c.id} {c.full_name}" for c in found[:10])
        raise ControlError(f"{query!r} matches {len(found)} contacts ({names}); use the id")
    return found[0]


def merge_in(u: Unit, keep: Contact, gone: Contact, now: dt.datetime) -> Change:
    """Join `gone` into `keep`; one plan remains: `keep`'s open one if it has one, else
    `gone`'s; the other open plan is cancelled (and its drafts leave Drafts)."""
    keep_open = u.followups_of(keep.id, open_only=True)
    gone_open = u.followups_of(gone.id, open_only=True)
    change = Change("")
    if keep_open and gone_open:
        change = cancel_in(u, gone.id, now, f"merged into contact {keep.id}, whose plan stays")
    merged = u.merge_contacts(keep.id, gone.id, now)
    change.message = (f"merged contact {gone.id} into {keep.id}: {label(merged)}, "
                      f"{len(merged.emails)} email(s), {len(merged.phones)} phone(s)"
                      + ("; the second plan was cancelled" if keep_open and gone_open else ""))
    return change


def resolve_target(u: Unit, command: MailCommand) -> Contact:
    """The contact a command by mail is about; ControlError (never a guess) otherwise."""
    if command.email:
        owner = u.email_owner(command.email)
        if owner is None:
            raise ControlError(f"no contact has the address {command.email}")
        contact = u.get_contact(owner)
    elif command.entry is not None:
        contact = _by_entry(u, command)
    elif command.digest_contact is not None:
        contact = u.get_contact(command.digest_contact)
        if contact is None:
            raise ControlError(f"the digest entry's contact {command.digest_contact} is gone")
    elif command.name:
        contact = _by_exact_name(u, command.name)
    else:
        raise ControlError(f"{command.describe()!r} names no contact: add their email "
                           "address, or tap their entry's link in the digest, or reply to "
                           "the digest with the entry's number (e.g. '#cancel 2')")
    assert contact is not None
    return contact


def _by_entry(u: Unit, command: MailCommand) -> Contact:
    """The person of entry N of the digest the note replies to (or its Subject names)."""
    rows = [u.digest_by_message_id(m) for m in command.digest_ids]
    if command.digest_day is not None:
        rows.append(u.digest_for(command.digest_day))
    row = next((r for r in rows if r is not None and r.raw is not None), None)
    if row is None or row.raw is None:
        raise ControlError(
            f"entry {command.entry}: this note is no reply to a digest followup wrote; "
            "reply to the digest, or name the person by email address")
    entries = entry_contacts(row.raw)
    contact_id = entries.get(command.entry or 0)
    if contact_id is None:
        has = f"entries 1-{max(entries)}" if entries else "no numbered entries"
        raise ControlError(f"the digest of {row.day.isoformat()} has no entry "
                           f"{command.entry} (it has {has})")
    contact = u.get_contact(contact_id)
    if contact is None:
        raise ControlError(f"entry {command.entry} of the digest of {row.day.isoformat()} "
                           "is a contact that is gone")
    return contact


def _by_exact_name(u: Unit, name: str) -> Contact:
    key = " ".join(name.casefold().split())
    same = [c for c in u.find_contacts(name) if " ".join((c.full_name or "").casefold().split())
            == key]
    if not same:
        raise ControlError(f"no contact is named {name!r}")
    if len(same) > 1:
        ids = ", ".join(f"{c.id} <{', '.join(c.emails) or 'no email'}>" for c in same)
        raise ControlError(f"{len(same)} contacts are named {name!r} ({ids}): "
                           "name one by email address")
    return same[0]


# -- the shell: one lock, one unit, drafts removed before the commit -------------------------
MailboxOpener = Callable[[str], Mailbox]


class Control:
    """The owner's requests from the command line, applied as the module docstring says."""

    def __init__(self, store: Store, clock: Clock, policy: Policy,
                 mailbox_for: MailboxOpener, drafter: Drafter | None = None) -> None:
        self.store = store
        self.clock = clock
        self.policy = policy
        self.mailbox_for = mailbox_for  # account name -> its mailbox (opened on first use)
        self.drafter = drafter
        self._open: dict[str, Mailbox] = {}

    def apply(self, decide: Callable[[Unit, dt.datetime], Change]) -> Change:
        now = self.clock.now()
        with self.store.exclusive("drafting"), self.store.unit() as u:
            change = decide(u, now)
            self._remove_drafts(change)
        return change

    def _mailbox(self, account: str) -> Mailbox:
        if account not in self._open:
            self._open[account] = self.mailbox_for(account)
        return self._open[account]

    def _remove_drafts(self, change: Change) -> None:
        for account, keys in change.drafts.items():
            removed = self._mailbox(account).delete_drafts(keys)
            change.removed += removed
            log.info("%s: %d draft(s) removed from Drafts", account, removed)

    def close(self) -> None:
        for mailbox in self._open.values():
            mailbox.close()
        self._open.clear()

    def snooze(self, followup_id: int, when: str) -> Change:
        return self.apply(lambda u, now: move_in(u, open_followup(u, followup_id), when, now,
                                                 self.policy, snooze=True))

    def reschedule(self, followup_id: int, when: str) -> Change:
        return self.apply(lambda u, now: move_in(u, open_followup(u, followup_id), when, now,
                                                 self.policy, snooze=False))

    def skip(self, followup_id: int) -> Change:
        return self.apply(lambda u, now: skip_in(u, open_followup(u, followup_id), now,
                                                 self.policy))

    def cancel(self, followup_id: int) -> Change:
        def decide(u: Unit, now: dt.datetime) -> Change:
            # any follow-up of the contact names the plan, a skipped one too
            target = u.get_followup(followup_id)
            if target is None:
                raise ControlError(f"no follow-up {followup_id} (see 'followup followups list')")
            return cancel_in(u, target.contact_id, now, "cancelled by the owner")
        return self.apply(decide)

    def forget(self, contact_id: int) -> Change:
        def decide(u: Unit, _now: dt.datetime) -> Change:
            contact = u.get_contact(contact_id)
            if contact is None:
                raise ControlError(f"no contact {contact_id}")
            return forget_in(u, contact)
        return self.apply(decide)

    def merge(self, keep_id: int, gone_id: int) -> Change:
        def decide(u: Unit, now: dt.datetime) -> Change:
            keep, gone = u.get_contact(keep_id), u.get_contact(gone_id)
            if keep is None or gone is None:
                raise ControlError(f"no contact {keep_id if keep is None else gone_id}")
            if keep_id == gone_id:
                raise ControlError("a contact cannot be merged with itself")
            return merge_in(u, keep, gone, now)
        return self.apply(decide)

    def edit(self, contact_id: int, values: Mapping[str, Any]) -> Change:
        """Apply `contacts edit`: the fields, emails and phones as the owner saved them."""
        def decide(u: Unit, now: dt.datetime) -> Change:
            return edit_in(u, contact_id, values, now)
        return self.apply(decide)

    def regenerate(self, followup_id: int) -> Change:
        """Render a drafted follow-up again (templates or contact changed) and replace its
        draft in Drafts under the same X-Followup-Id."""
        assert self.drafter is not None
        drafter = self.drafter

        def decide(u: Unit, now: dt.datetime) -> Change:
            target = open_followup(u, followup_id)
            if target.status is not FollowUpStatus.DRAFTED:
                raise ControlError(f"follow-up {followup_id} is not drafted yet: it is "
                                   "rendered when due ('followup drafts show' previews it)")
            contact, note = u.get_contact(target.contact_id), u.get_note(target.note_id)
            if contact is None or note is None or not contact.emails:
                raise ControlError(f"follow-up {followup_id} has no contact with an address")
            try:
                rendered = drafter.render(target, contact, note, now)
            except DraftingError as exc:
                raise ControlError(f"follow-up {followup_id} cannot be drafted: {exc}") from None
            mailbox = self._mailbox(note.account)
            removed = mailbox.delete_drafts([target.draft_key])
            mailbox.append_draft(rendered.raw, target.draft_key, looked=True)
            u.mark_drafted(target.id, at=now, to=rendered.to, subject=rendered.subject)
            return Change(f"re-drafted follow-up {followup_id} to {rendered.to}: "
                          f"{rendered.subject!r} ({removed} old draft(s) replaced)")
        return self.apply(decide)


# -- commands by mail --------------------------------------------------------------------------
BY_MAIL = "the owner (by mail)"


def apply_mail_command(u: Unit, command: MailCommand, now: dt.datetime,
                       policy: Policy) -> Change:
    """Apply a command by mail to the contact it names; ControlError (the note then goes to
    needs review with it as the reason) when it is unclear. Never guesses."""
    if command.problem:
        raise ControlError(command.problem)
    contact = resolve_target(u, command)
    if command.verb == "cancel":
        return cancel_in(u, contact.id, now, f"cancelled by {BY_MAIL}")
    if command.verb == "forget":
        return forget_in(u, contact)
    if command.verb == "fix":
        return _fix_in(u, contact, command, now, policy)
    open_ = u.followups_of(contact.id, open_only=True)
    if not open_:
        raise ControlError(f"{label(contact)} has no open follow-up to {command.verb}")
    if command.verb == "skip":
        return skip_in(u, open_[0], now, policy, who=BY_MAIL)
    if not command.when:
        raise ControlError("#snooze needs a time: e.g. '#snooze 2w jane@example.org'")
    return move_in(u, open_[0], command.when, now, policy, snooze=True, who=BY_MAIL)


def _fix_in(u: Unit, contact: Contact, command: MailCommand, now: dt.datetime,
            policy: Policy) -> Change:
    assert command.field is not None and command.value is not None
    value: Any = command.value
    try:
        if command.field == "email":
            new = check_email(value)
            values: dict[str, Any] = {"emails": [new, *(e for e in contact.emails[1:]
                                                        if e != new)]}
        elif command.field == "phone":
            e164 = check_phone(value, policy.region)
            values = {"phones": [e164, *(p for p in contact.phones if p != e164)]}
        else:
            values = {command.field: " ".join(value.split())}
    except ValueError as exc:
        raise ControlError(str(exc)) from None
    return edit_in(u, contact.id, values, now, who=BY_MAIL)
