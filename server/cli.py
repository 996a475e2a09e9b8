"""Command-line tasks: ``flask --app wsgi seed-demo``."""
import click
from flask import Flask


def init_app(app: Flask) -> None:
    """Register the commands on the app."""

    @app.cli.command("seed-demo")
    @click.option("--password", default=None, help="Password for every demo user (default: a random one each).")
    def seed_demo_command(password):
        """Create demo departments, sites, checklists and one user per role (idempotent)."""
        from server.demo.seed import seed_demo

        credentials = seed_demo(password)
        click.echo(f"{'username':<16} {'role':<13} {'department':<10} password")
        for row in credentials:
            click.echo(f"{row['username']:<16} {row['role']:<13} {row['department'] or '-':<10} {row['password']}")
