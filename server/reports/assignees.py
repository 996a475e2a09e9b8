"""Who may hold a report's assignment, and letting go of those who no longer may.

A report is assigned to an active liaison of its department whom the City's sign-in has not refused as unmapped
since (``triage.assign`` refuses anyone else, saying why through ``refusal``; the report offers only them).
A liaison moved to another department, given another role or deactivated (an administrator's change, a users
import, a single sign-on that maps them elsewhere) would otherwise go on holding the old department's reports:
missing from its "unassigned", shown as taken by someone who can no longer open them. Each path that changes a user
calls ``release``, in the transaction of the change; so does a single sign-on refused because the person's groups no
longer map (they can no longer sign in).
"""
from sqlalchemy import and_, exists, insert, select, true, update
from sqlalchemy.orm import aliased

from encounter.triage import ASSIGNEE_DEACTIVATED, ASSIGNEE_MOVED, ASSIGNEE_ROLE_CHANGED, ASSIGNEE_UNMAPPED
from server.audit import audit_row
from server.models import AuditEntry, Encounter, User
from server.models.types import utcnow

LIAISON = "liaison"
# The user columns whose change may end who holds a report: the changes after which to call ``release``.
HOLDING = frozenset({"role", "department_id", "active"})
# Why ``refusal`` refuses: no active liaison of the department (or none the asker may see), or one who may not sign in.
NOT_A_LIAISON = "not_a_liaison"


def _liaisons(department_id, user=User):
    """Conditions on ``user`` for the department's active liaisons."""
    return user.role == LIAISON, user.active.is_(True), user.department_id == department_id


def assignable(department_id, user=User):
    """Conditions on ``user`` (``User`` or an alias) for who may be assigned a report of the department: its active
    liaisons, but not one the City's sign-in refused as unmapped (they can no longer open the report)."""
    return *_liaisons(department_id, user), user.sso_unmapped_at.is_(None)


def refusal(session, users, department_id, user_id: int) -> str | None:
    """Why this user may not be assigned a report of the department (a code), or None when they may.

    ``users`` is a select of the users the asker may see (``server.access.scoped``): one outside it reads like
    nobody. ``encounter.triage.ASSIGNEE_UNMAPPED`` for a liaison of the department the sign-in refused as unmapped.
    """
    may = session.scalar(users.with_only_columns(and_(*assignable(department_id))).where(
        User.id == user_id, *_liaisons(department_id)))
    if may is None:
        return NOT_A_LIAISON
    return None if may else ASSIGNEE_UNMAPPED  # a liaison here: only the sign-in's refusal stands in the way


def _why(user) -> str:
    """Why a user may no longer hold a report, as the audit says it (a code, never words)."""
    if user is None or not user.active:
        return ASSIGNEE_DEACTIVATED
    if user.role != LIAISON:
        return ASSIGNEE_ROLE_CHANGED
    return ASSIGNEE_UNMAPPED if user.sso_unmapped_at is not None else ASSIGNEE_MOVED


def release(session, user_ids, principal=None, actor_id=None, why: str | None = None) -> int:
    """Unassign these users from every report they may no longer hold; one ``triage.assign`` audit entry per report.

    The audit is the assignment's own (``{"from": user, "to": null}``) with ``released`` saying why no liaison
    moved it (``encounter.triage.RELEASES``); the actor is the principal making the change (``actor_id``
    otherwise: the user signing in through single sign-on; nobody for an import). No triage event: that history
    is of liaisons' moves. Conditional per report, so a liaison's reassignment made meanwhile is left as it is.
    ``why`` releases every report they hold, though they are still active liaisons here (they may no longer sign
    in), under that code. Returns how many reports were released.
    """
    ids = list(user_ids)
    if not ids:
        return 0
    # Reports assigned to someone who is not (or no longer) an active liaison of the report's department; with
    # ``why``, every report they hold.
    assignee = aliased(User)
    astray = true() if why else ~exists().where(*assignable(Encounter.department_id, assignee),
                                                assignee.id == Encounter.assigned_to_id)
    holders = session.scalars(select(User).where(User.id.in_(
        select(Encounter.assigned_to_id).where(Encounter.assigned_to_id.in_(ids), astray)))).all()
    actor = {"actor_id": principal.user_id, "device_id": principal.device_id} if principal else {"actor_id": actor_id}
    at, audits = utcnow(), []
    for holder in holders:
        released = session.execute(
            update(Encounter).where(Encounter.assigned_to_id == holder.id, astray).values(assigned_to_id=None)
            .returning(Encounter.id, Encounter.department_id).execution_options(synchronize_session=False)).all()
        audits += [audit_row("triage.assign", "encounter", report_id, department_id=department_id, at=at,
                             details={"from": holder.id, "to": None, "released": why or _why(holder)}, **actor)
                   for report_id, department_id in released]
    if audits:
        session.execute(insert(AuditEntry), audits)
    return len(audits)
