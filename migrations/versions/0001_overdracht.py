"""overdracht: teams, medewerkers, sessies, overdrachten, outbox

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('teams',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('naam', sa.String(length=200), nullable=False),
    sa.Column('gemeente', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teams'))
    )
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teams_gemeente'), ['gemeente'], unique=False)

    op.create_table('medewerkers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('naam', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('team_id', sa.String(length=64), nullable=False),
    sa.Column('rol', sa.String(length=20), nullable=False),
    sa.Column('wachtwoord_hash', sa.String(length=300), nullable=False),
    sa.Column('mislukte_pogingen', sa.Integer(), nullable=False),
    sa.Column('geblokkeerd_tot', sa.DateTime(), nullable=True),
    sa.Column('aangemaakt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_medewerkers_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_medewerkers')),
    sa.UniqueConstraint('email', name=op.f('uq_medewerkers_email'))
    )
    with op.batch_alter_table('medewerkers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_medewerkers_team_id'), ['team_id'], unique=False)

    op.create_table('audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('overdracht_id', sa.Integer(), nullable=False),
    sa.Column('medewerker_id', sa.Integer(), nullable=True),
    sa.Column('actie', sa.String(length=50), nullable=False),
    sa.Column('tijdstip', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['medewerker_id'], ['medewerkers.id'], name=op.f('fk_audit_medewerker_id_medewerkers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit'))
    )
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_overdracht_id'), ['overdracht_id'], unique=False)

    op.create_table('overdrachten',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kanaal', sa.String(length=50), nullable=False),
    sa.Column('gesprek_id', sa.String(length=200), nullable=False),
    sa.Column('team_id', sa.String(length=64), nullable=False),
    sa.Column('eigenaar_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('urgentie', sa.Integer(), nullable=False),
    sa.Column('pakket', sa.JSON(), nullable=False),
    sa.Column('aangemaakt', sa.DateTime(), nullable=False),
    sa.Column('opgepakt', sa.DateTime(), nullable=True),
    sa.Column('contact_gehad', sa.DateTime(), nullable=True),
    sa.Column('afgerond', sa.DateTime(), nullable=True),
    sa.Column('uitkomst', sa.Text(), nullable=True),
    sa.Column('reactie_uiterlijk', sa.Date(), nullable=False),
    sa.Column('geescaleerd', sa.DateTime(), nullable=True),
    sa.Column('bot_gepauzeerd', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['eigenaar_id'], ['medewerkers.id'], name=op.f('fk_overdrachten_eigenaar_id_medewerkers')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_overdrachten_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_overdrachten'))
    )
    with op.batch_alter_table('overdrachten', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_overdrachten_eigenaar_id'), ['eigenaar_id'], unique=False)
        batch_op.create_index('ix_overdrachten_gesprek', ['kanaal', 'gesprek_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_overdrachten_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_overdrachten_team_id'), ['team_id'], unique=False)

    op.create_table('sessies',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('medewerker_id', sa.Integer(), nullable=False),
    sa.Column('csrf_token', sa.String(length=64), nullable=False),
    sa.Column('aangemaakt', sa.DateTime(), nullable=False),
    sa.Column('verloopt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['medewerker_id'], ['medewerkers.id'], name=op.f('fk_sessies_medewerker_id_medewerkers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_sessies'))
    )
    with op.batch_alter_table('sessies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sessies_medewerker_id'), ['medewerker_id'], unique=False)

    op.create_table('berichten',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('overdracht_id', sa.Integer(), nullable=False),
    sa.Column('medewerker_id', sa.Integer(), nullable=False),
    sa.Column('tekst', sa.Text(), nullable=False),
    sa.Column('tijdstip', sa.DateTime(), nullable=False),
    sa.Column('bezorgd', sa.DateTime(), nullable=True),
    sa.Column('fout', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['medewerker_id'], ['medewerkers.id'], name=op.f('fk_berichten_medewerker_id_medewerkers')),
    sa.ForeignKeyConstraint(['overdracht_id'], ['overdrachten.id'], name=op.f('fk_berichten_overdracht_id_overdrachten'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_berichten'))
    )
    with op.batch_alter_table('berichten', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_berichten_overdracht_id'), ['overdracht_id'], unique=False)

    op.create_table('contactpogingen',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('overdracht_id', sa.Integer(), nullable=False),
    sa.Column('medewerker_id', sa.Integer(), nullable=False),
    sa.Column('datum', sa.Date(), nullable=False),
    sa.Column('kanaal', sa.String(length=20), nullable=False),
    sa.Column('resultaat', sa.String(length=30), nullable=False),
    sa.Column('toelichting', sa.Text(), nullable=True),
    sa.Column('tijdstip', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['medewerker_id'], ['medewerkers.id'], name=op.f('fk_contactpogingen_medewerker_id_medewerkers')),
    sa.ForeignKeyConstraint(['overdracht_id'], ['overdrachten.id'], name=op.f('fk_contactpogingen_overdracht_id_overdrachten'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contactpogingen'))
    )
    with op.batch_alter_table('contactpogingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contactpogingen_overdracht_id'), ['overdracht_id'], unique=False)

    op.create_table('notities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('overdracht_id', sa.Integer(), nullable=False),
    sa.Column('medewerker_id', sa.Integer(), nullable=False),
    sa.Column('tekst', sa.Text(), nullable=False),
    sa.Column('tijdstip', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['medewerker_id'], ['medewerkers.id'], name=op.f('fk_notities_medewerker_id_medewerkers')),
    sa.ForeignKeyConstraint(['overdracht_id'], ['overdrachten.id'], name=op.f('fk_notities_overdracht_id_overdrachten'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notities'))
    )
    with op.batch_alter_table('notities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notities_overdracht_id'), ['overdracht_id'], unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sleutel', sa.String(length=36), nullable=False),
    sa.Column('soort', sa.String(length=30), nullable=False),
    sa.Column('doel', sa.String(length=10), nullable=False),
    sa.Column('doel_env', sa.String(length=100), nullable=False),
    sa.Column('overdracht_id', sa.Integer(), nullable=False),
    sa.Column('inhoud', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('pogingen', sa.Integer(), nullable=False),
    sa.Column('volgende_poging', sa.DateTime(), nullable=False),
    sa.Column('bezig_tot', sa.DateTime(), nullable=True),
    sa.Column('laatste_fout', sa.Text(), nullable=True),
    sa.Column('aangemaakt', sa.DateTime(), nullable=False),
    sa.Column('verstuurd', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['overdracht_id'], ['overdrachten.id'], name=op.f('fk_outbox_overdracht_id_overdrachten'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('sleutel', name=op.f('uq_outbox_sleutel'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_overdracht_id'), ['overdracht_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_status'), ['status'], unique=False)

    op.create_table('toestemmingen',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('overdracht_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=64), nullable=False),
    sa.Column('onderdelen', sa.JSON(), nullable=False),
    sa.Column('tekst', sa.Text(), nullable=False),
    sa.Column('tijdstip', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['overdracht_id'], ['overdrachten.id'], name=op.f('fk_toestemmingen_overdracht_id_overdrachten'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_toestemmingen'))
    )
    with op.batch_alter_table('toestemmingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_toestemmingen_overdracht_id'), ['overdracht_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('toestemmingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_toestemmingen_overdracht_id'))

    op.drop_table('toestemmingen')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_status'))
        batch_op.drop_index(batch_op.f('ix_outbox_overdracht_id'))

    op.drop_table('outbox')
    with op.batch_alter_table('notities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notities_overdracht_id'))

    op.drop_table('notities')
    with op.batch_alter_table('contactpogingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contactpogingen_overdracht_id'))

    op.drop_table('contactpogingen')
    with op.batch_alter_table('berichten', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_berichten_overdracht_id'))

    op.drop_table('berichten')
    with op.batch_alter_table('sessies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sessies_medewerker_id'))

    op.drop_table('sessies')
    with op.batch_alter_table('overdrachten', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_overdrachten_team_id'))
        batch_op.drop_index(batch_op.f('ix_overdrachten_status'))
        batch_op.drop_index('ix_overdrachten_gesprek')
        batch_op.drop_index(batch_op.f('ix_overdrachten_eigenaar_id'))

    op.drop_table('overdrachten')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_overdracht_id'))

    op.drop_table('audit')
    with op.batch_alter_table('medewerkers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_medewerkers_team_id'))

    op.drop_table('medewerkers')
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teams_gemeente'))

    op.drop_table('teams')
