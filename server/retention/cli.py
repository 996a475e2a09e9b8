"""``flask --app wsgi purge [--dry-run]``: erase what the retention schedule says is due (run it from cron)."""
import fcntl
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask, current_app

from server.blobs import storage
from server.extensions import db
from server.ops.metrics import count_purge_run


@contextmanager
def _one_per_sqlite_file():
    """SQLite lives on one host: let one purge at a time run there (PostgreSQL shares the work by row locks)."""
    if db.engine.dialect.name != "sqlite":
        yield True
        return
    path = Path(current_app.instance_path) / "purge.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True


def init_app(app: Flask) -> None:
    """Register the purge command."""

    @app.cli.command("purge")
    @click.option("--dry-run", is_flag=True, help="Count what is due and change nothing.")
    def purge_command(dry_run):
        """Erase free text and photos the retention schedule says are due; print what went, by class."""
        from server.retention import schedule
        from server.retention.purge import purge

        plan = schedule(current_app.config)
        with _one_per_sqlite_file() as alone:
            if not alone:
                click.echo("another purge is running on this database; nothing done")
                return
            try:
                tally = purge(storage(), plan, dry_run=dry_run)
            except Exception:
                count_purge_run("failed")
                raise
        if not dry_run:
            count_purge_run("ok", {k: n for k, n in tally.counts.items()
                                   if k not in ("held", "blob_bytes", "storage_errors")})
        click.echo(f"purge{' (dry run: nothing changed)' if dry_run else ''}: closed reports after "
                   f"{plan.closed_days} days, never-closed after {plan.open_days} days")
        for line in tally.lines():
            click.echo(line)
