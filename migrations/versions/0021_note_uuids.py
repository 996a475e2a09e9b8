"""notes: a random UUID for an id instead of a citywide counter

A note's id was the next value of one sequence shared by every department, and liaisons
read it (the answer of ``POST /reports/<id>/notes``, ``notes[].id`` of a report): the gap
between two of their own notes counted the other departments' notes in between, and when.
A UUID says nothing of any other note. Notes already stored get a fresh UUID each; nothing
refers to a note's id but the audit entry of its writing, whose ``details.note_id`` keeps
the old number as history.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05

"""
import uuid

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def _fill(column: str, values) -> None:
    """Give each note its value of ``column``, keyed by the current id (SQLite: one update a row)."""
    bind = op.get_bind()
    ids = bind.execute(sa.text("SELECT id FROM report_notes ORDER BY at, id")).scalars().all()
    for old, new in zip(ids, values):
        bind.execute(sa.text(f"UPDATE report_notes SET {column} = :new WHERE id = :old"), {"new": new, "old": old})


def _swap(new_type, fill) -> None:
    """Replace the id column with one of ``new_type`` filled by ``fill``, keeping it the primary key."""
    with op.batch_alter_table('report_notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('new_id', new_type, nullable=True))
    fill()
    with op.batch_alter_table('report_notes', schema=None) as batch_op:
        if op.get_bind().dialect.name == "postgresql":  # SQLite's copy of the table drops it with the column
            batch_op.drop_constraint('pk_report_notes', type_='primary')
        batch_op.drop_column('id')
        batch_op.alter_column('new_id', new_column_name='id', nullable=False)
    with op.batch_alter_table('report_notes', schema=None) as batch_op:  # apart: SQLite's copy names it then
        batch_op.create_primary_key('pk_report_notes', ['id'])


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        _swap(sa.Uuid(), lambda: op.execute("UPDATE report_notes SET new_id = gen_random_uuid()"))
    else:  # SQLAlchemy keeps a UUID on SQLite as 32 hex digits
        _swap(sa.Uuid(), lambda: _fill("new_id", iter(lambda: uuid.uuid4().hex, None)))


def downgrade():
    # Numbered again in the order written; the sequence an autoincrement needs is made by hand on PostgreSQL.
    _swap(sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), lambda: _fill("new_id", range(1, 2**62)))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE report_notes_id_seq OWNED BY report_notes.id")
        op.execute("SELECT setval('report_notes_id_seq', COALESCE(MAX(id), 0) + 1, false) FROM report_notes")
        op.execute("ALTER TABLE report_notes ALTER COLUMN id SET DEFAULT nextval('report_notes_id_seq')")
