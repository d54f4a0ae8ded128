"""audit.actie holds 100 characters: "verplaatst naar " and a team id of up to 64

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.alter_column('actie', existing_type=sa.String(length=50), type_=sa.String(length=100),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.alter_column('actie', existing_type=sa.String(length=100), type_=sa.String(length=50),
                              existing_nullable=False)
