"""berichten: an idempotency key (antwoord_id) and a delivery status per worker reply; medewerkers: no hard
lock-out any more (the inbox backs off per account and address), so its two columns go

Revision ID: 0003_antwoord_id
Revises: 0002
Create Date: 2026-12-02
"""
import uuid

from alembic import op
import sqlalchemy as sa


revision = '0003_antwoord_id'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('berichten', schema=None) as batch_op:
        batch_op.add_column(sa.Column('antwoord_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=12), nullable=True))
    verbinding = op.get_bind()
    berichten = sa.table('berichten', sa.column('id', sa.Integer), sa.column('antwoord_id', sa.String),
                         sa.column('status', sa.String), sa.column('bezorgd', sa.DateTime),
                         sa.column('fout', sa.Text))
    for (bericht_id,) in verbinding.execute(sa.select(berichten.c.id)).fetchall():
        verbinding.execute(berichten.update().where(berichten.c.id == bericht_id)
                           .values(antwoord_id=str(uuid.uuid4())))
    # a reply without a result and without a reason stopped half-way: whether it arrived is not known
    verbinding.execute(berichten.update().values(status=sa.case(
        (berichten.c.bezorgd.isnot(None), 'bezorgd'), (berichten.c.fout.isnot(None), 'mislukt'), else_='onbekend')))
    with op.batch_alter_table('berichten', schema=None) as batch_op:
        batch_op.alter_column('antwoord_id', existing_type=sa.String(length=36), nullable=False)
        batch_op.alter_column('status', existing_type=sa.String(length=12), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_berichten_antwoord_id'), ['antwoord_id'])
    # not in batch: on SQLite that copies the table, which other tables refer to (SQLite 3.35+ drops a column)
    op.drop_column('medewerkers', 'geblokkeerd_tot')
    op.drop_column('medewerkers', 'mislukte_pogingen')


def downgrade() -> None:
    op.add_column('medewerkers', sa.Column('mislukte_pogingen', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('medewerkers', sa.Column('geblokkeerd_tot', sa.DateTime(), nullable=True))
    with op.batch_alter_table('berichten', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_berichten_antwoord_id'), type_='unique')
        batch_op.drop_column('status')
        batch_op.drop_column('antwoord_id')
