"""Command-line tasks: ``flask --app wsgi seed-demo``, ``purge`` (server/retention/cli.py)."""
import click
from flask import Flask


def init_app(app: Flask) -> None:
    """Register the commands on the app."""
    from server.retention import cli as retention_cli

    retention_cli.init_app(app)  # purge
    from server.admin import cli as admin_cli

    admin_cli.init_app(app)

    @app.cli.command("seed-demo")
    @click.option("--password", default=None, help="Password for every demo user (default: a random one each).")
    @click.option("--no-reports", is_flag=True, help="Leave out the demo reports (queue and analytics stay empty).")
    def seed_demo_command(password, no_reports):
        """Create demo departments, sites, checklists, one user per role and a few reports (idempotent)."""
        from server.demo.reports import seed_demo_reports
        from server.demo.seed import seed_demo

        credentials = seed_demo(password)
        counts = None if no_reports else seed_demo_reports()
        click.echo(f"{'username':<16} {'role':<13} {'department':<10} password")
        for row in credentials:
            click.echo(f"{row['username']:<16} {row['role']:<13} {row['department'] or '-':<10} {row['password']}")
        if counts is not None:
            click.echo()
            click.echo(f"demo reports: {counts['stored']} stored now, {counts['already_there']} already there")
