"""overdrachten.verwijderd: a handoff withdrawn at the person's request keeps only this date (a tombstone)

Revision ID: 0004_verwijderd
Revises: 0003_antwoord_id
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_verwijderd'
down_revision = '0003_antwoord_id'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('overdrachten', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verwijderd', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('overdrachten', schema=None) as batch_op:
        batch_op.drop_column('verwijderd')
