"""Writer transactions for the pull-cursor tests, each in its own thread, app context, session and connection.

Threads are enough here: the point is several open PostgreSQL transactions committing
in an order the test chooses, not several Python interpreters.
"""
import random
import threading
import time

from sqlalchemy import func, select

from server.changes import record_change
from server.extensions import db
from server.models import ChangeLogEntry

WAIT = 20  # seconds any one thing may take before the test gives up on it


class Transaction:
    """One writer transaction in its own thread, app context and connection: record changes, then wait to commit."""

    def __init__(self, app, department_id: int, entity_ids: list[str]):
        self.app, self.department_id, self.entity_ids = app, department_id, entity_ids
        self.seqs: list[int] = []
        self.txid = None
        self.committed = False
        self.error: BaseException | None = None
        self._recorded, self._go, self._done = threading.Event(), threading.Event(), threading.Event()
        self._abandon = False
        self._thread = threading.Thread(target=self._run, daemon=True)

    def begin(self) -> "Transaction":
        """Start the thread and return once its changes are recorded (not committed)."""
        self._thread.start()
        assert self._recorded.wait(WAIT), "the writer did not record its changes in time"
        if self.error:
            raise self.error
        return self

    def commit(self) -> None:
        """Commit and wait until the commit returned."""
        self._go.set()
        assert self._done.wait(WAIT), "the writer did not commit in time"
        if self.error:
            raise self.error
        self.committed = True

    def abandon(self) -> None:
        """Roll back if still open (clean-up after a failed test)."""
        self._abandon = True
        self._go.set()
        self._thread.join(WAIT)

    def _run(self) -> None:
        with self.app.app_context():
            try:
                for entity_id in self.entity_ids:
                    record_change("site", entity_id, {"code": entity_id}, department_id=self.department_id)
                rows = db.session.execute(select(ChangeLogEntry.seq, ChangeLogEntry.txid)
                                          .where(ChangeLogEntry.entity_id.in_(self.entity_ids))).all()
                self.seqs, self.txid = sorted(seq for seq, _ in rows), rows[0].txid
                self._recorded.set()
                if self._go.wait(WAIT) and not self._abandon:
                    db.session.commit()
            except BaseException as exc:  # surfaced to the test by begin/commit
                self.error = exc
            finally:
                db.session.rollback()
                db.session.remove()
                self._recorded.set()
                self._done.set()


class Writers:
    """Threads that each run transactions recording changes, holding each open 0–15 ms before committing.

    Each writer pauses half-way until ``resume`` so the test can open a laggard
    transaction between the halves; commit order is logged as commits return.
    """

    def __init__(self, app, mine: int, other: int, *, threads: int, transactions: int):
        self.app, self.mine, self.other = app, mine, other
        self.threads, self.transactions = threads, transactions
        self.log: list[tuple[list[int], list[str], int]] = []  # (seqs, entity ids, department), commit order
        self.errors: list[BaseException] = []
        self._lock = threading.Lock()
        self._resume, self._stop = threading.Event(), threading.Event()
        self._workers = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]

    def start(self) -> None:
        """Start every writer."""
        for worker in self._workers:
            worker.start()

    def resume(self) -> None:
        """Let the writers run their second half."""
        self._resume.set()

    def stop(self) -> None:
        """Let paused writers finish and wait for them."""
        self._resume.set()
        self._stop.set()
        for worker in self._workers:
            worker.join(WAIT)

    def first_half_done(self) -> bool:
        """Have all writers committed their first half?"""
        with self._lock:
            return len(self.log) >= self.threads * (self.transactions // 2) or bool(self.errors)

    def done(self) -> bool:
        """Have all writers finished?"""
        return not any(worker.is_alive() for worker in self._workers)

    def log_commit(self, transaction: Transaction) -> None:
        """Add a transaction the test committed itself to the commit order."""
        with self._lock:
            self.log.append((transaction.seqs, transaction.entity_ids, transaction.department_id))

    def ids_for(self, department: int) -> set[str]:
        """Entity ids of committed writer changes for one department."""
        return {i for _, ids, dept in self.log if dept == department for i in ids if not i.startswith("laggard")}

    def first_half_ids(self, department: int) -> set[str]:
        """Entity ids the writers committed before the pause, for one department."""
        half = self.transactions // 2
        return {i for i in self.ids_for(department) if int(i.split("-")[1][1:]) < half}

    def out_of_order_commits(self) -> int:
        """Count commits whose lowest id is below the highest id of an earlier commit."""
        highest, count = 0, 0
        for seqs, _, _ in self.log:
            count += min(seqs) < highest
            highest = max(highest, *seqs)
        return count

    def raise_errors(self) -> None:
        """Fail the test with the first writer error, if any."""
        if self.errors:
            raise self.errors[0]

    def _run(self, n: int) -> None:
        rng = random.Random(n)
        with self.app.app_context():
            try:
                for k in range(self.transactions):
                    if k == self.transactions // 2 and not self._resume.wait(WAIT):
                        raise TimeoutError("the laggard was never opened")
                    if self._stop.is_set():
                        return
                    dept = self.mine if k % 3 else self.other
                    ids = [f"w{n}-t{k}-c{j}" for j in range(rng.randint(1, 3))]
                    for entity_id in ids:
                        record_change("site", entity_id, {"code": entity_id}, department_id=dept)
                    seqs = list(db.session.scalars(select(ChangeLogEntry.seq).where(ChangeLogEntry.entity_id.in_(ids))))
                    time.sleep(rng.uniform(0, 0.015))
                    db.session.commit()
                    with self._lock:
                        self.log.append((seqs, ids, dept))
            except BaseException as exc:
                with self._lock:
                    self.errors.append(exc)
            finally:
                db.session.rollback()
                db.session.remove()


class Naive:
    """A reader that trusts the autoincrement id: it asks for ``seq > last seen`` (the bug the fence prevents)."""

    def __init__(self, department_id: int):
        self.department_id = department_id
        self.connection = db.engine.connect()
        self.last = self.connection.scalar(select(func.coalesce(func.max(ChangeLogEntry.seq), 0)))
        self.connection.rollback()
        self.seen: list[str] = []

    def read(self) -> None:
        """Read what is committed past the last id seen, and move past it."""
        rows = self.connection.execute(select(ChangeLogEntry.seq, ChangeLogEntry.entity_id)
                                       .where(ChangeLogEntry.seq > self.last,
                                              ChangeLogEntry.department_id == self.department_id)
                                       .order_by(ChangeLogEntry.seq)).all()
        self.connection.rollback()  # a fresh snapshot next time
        for seq, entity_id in rows:
            self.seen.append(entity_id)
            self.last = seq

    def close(self) -> None:
        """Give the connection back."""
        self.connection.close()
