"""``flask --app wsgi import sites FILE.csv`` and ``import users FILE.csv`` (``--dry-run`` prints the diff)."""
import sys

import click
from flask import Flask
from flask.cli import AppGroup

from server.admin.importing import run_import

import_group = AppGroup("import", help="Import sites or users from the City's CSV records (idempotent; all or nothing).")


def _run(kind: str, file, dry_run: bool, verbose: bool) -> None:
    """Read the file, run the import and print its diff or its errors; exit 1 on any error."""
    try:
        text = file.read()
    except UnicodeDecodeError:
        click.echo("error: the file is not UTF-8 text; save it as UTF-8 CSV", err=True)
        sys.exit(1)
    plan = run_import(kind, text.removeprefix("\ufeff"), dry_run=dry_run)
    if plan.errors:
        for error in plan.errors:
            click.echo(f"error: {error}", err=True)
        click.echo(f"{len(plan.errors)} error(s); nothing was changed", err=True)
        sys.exit(1)
    if dry_run or verbose:
        for line in plan.diff_lines():
            click.echo(line)
    click.echo(plan.summary() + (" (dry run: nothing was changed)" if dry_run else ""))
    if plan.revoked_devices:
        click.echo(f"devices revoked (users deactivated): {plan.revoked_devices}")


def _command(kind: str, doc: str):
    @import_group.command(kind, help=doc)
    @click.argument("file", type=click.File("r", encoding="utf-8"))
    @click.option("--dry-run", is_flag=True, help="Check the file and print what would change; change nothing.")
    @click.option("--verbose", is_flag=True, help="Print every created or updated row, not only the summary.")
    def command(file, dry_run, verbose):
        _run(kind, file, dry_run, verbose)

    return command


_command("sites", "Columns: code, name, department, facility_type [, address, area_types (a;b), latitude, "
                  "longitude, phone, site_lead_phone, active].")
_command("users", "Columns: username, display_name, role [, department, active]. Deactivating revokes devices.")


def init_app(app: Flask) -> None:
    """Register the import commands."""
    app.cli.add_command(import_group)
