"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 00:28:44.725171
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('filename', sa.Text(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('number', sa.String(length=200), nullable=True),
    sa.Column('number_key', sa.String(length=200), nullable=True),
    sa.Column('issuer', sa.Text(), nullable=True),
    sa.Column('issuer_key', sa.Text(), nullable=True),
    sa.Column('issued_on', sa.String(length=32), nullable=True),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('signer_name', sa.Text(), nullable=True),
    sa.Column('signer_position', sa.Text(), nullable=True),
    sa.Column('author', sa.Text(), nullable=True),
    sa.Column('format', sa.String(length=20), nullable=True),
    sa.Column('extractor_version', sa.String(length=50), nullable=True),
    sa.Column('schema_version', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('text_key', sa.Text(), nullable=True),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_issued_on'), ['issued_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_number_key'), ['number_key'], unique=False)

    op.create_table('failures',
    sa.Column('source_id', sa.String(length=1000), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('source_id')
    )
    op.create_table('committees',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_key', sa.Text(), nullable=False),
    sa.Column('parent', sa.Text(), nullable=True),
    sa.Column('member_count', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('ev_start', sa.Integer(), nullable=False),
    sa.Column('ev_end', sa.Integer(), nullable=False),
    sa.Column('ev_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('committees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_committees_document_id'), ['document_id'], unique=False)

    op.create_table('dates',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=64), nullable=False),
    sa.Column('granularity', sa.String(length=20), nullable=False),
    sa.Column('relative', sa.Boolean(), nullable=False),
    sa.Column('first_day', sa.String(length=10), nullable=True),
    sa.Column('last_day', sa.String(length=10), nullable=True),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('ev_start', sa.Integer(), nullable=False),
    sa.Column('ev_end', sa.Integer(), nullable=False),
    sa.Column('ev_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dates_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dates_first_day'), ['first_day'], unique=False)

    op.create_table('legal_refs',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=100), nullable=False),
    sa.Column('number', sa.String(length=200), nullable=True),
    sa.Column('number_key', sa.String(length=200), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('title_key', sa.Text(), nullable=True),
    sa.Column('issuer', sa.Text(), nullable=True),
    sa.Column('issued_on', sa.String(length=32), nullable=True),
    sa.Column('relation', sa.String(length=20), nullable=True),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('ev_start', sa.Integer(), nullable=False),
    sa.Column('ev_end', sa.Integer(), nullable=False),
    sa.Column('ev_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('legal_refs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_legal_refs_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_legal_refs_number_key'), ['number_key'], unique=False)

    op.create_table('originals',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id')
    )
    op.create_table('people',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('position', sa.Text(), nullable=True),
    sa.Column('organization', sa.Text(), nullable=True),
    sa.Column('organization_key', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('ev_start', sa.Integer(), nullable=False),
    sa.Column('ev_end', sa.Integer(), nullable=False),
    sa.Column('ev_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_name_key'), ['name_key'], unique=False)

    op.create_table('sources',
    sa.Column('content_hash', sa.String(length=128), nullable=False),
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.Text(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('content_hash')
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sources_document_id'), ['document_id'], unique=False)

    op.create_table('task_stats',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=True),
    sa.Column('holder', sa.Text(), nullable=True),
    sa.Column('holder_key', sa.Text(), nullable=True),
    sa.Column('assigned_by', sa.Text(), nullable=True),
    sa.Column('as_of', sa.String(length=32), nullable=True),
    sa.Column('period', sa.String(length=32), nullable=True),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('ev_start', sa.Integer(), nullable=False),
    sa.Column('ev_end', sa.Integer(), nullable=False),
    sa.Column('ev_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('task_stats', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_stats_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_stats_period'), ['period'], unique=False)

    op.create_table('members',
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('name_key', sa.String(length=300), nullable=True),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('position', sa.Text(), nullable=True),
    sa.Column('organization', sa.Text(), nullable=True),
    sa.Column('organization_key', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('ev_start', sa.Integer(), nullable=False),
    sa.Column('ev_end', sa.Integer(), nullable=False),
    sa.Column('ev_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_members_committee_id'), ['committee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_name_key'), ['name_key'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_members_name_key'))
        batch_op.drop_index(batch_op.f('ix_members_document_id'))
        batch_op.drop_index(batch_op.f('ix_members_committee_id'))

    op.drop_table('members')
    with op.batch_alter_table('task_stats', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_stats_period'))
        batch_op.drop_index(batch_op.f('ix_task_stats_document_id'))

    op.drop_table('task_stats')
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sources_document_id'))

    op.drop_table('sources')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_name_key'))
        batch_op.drop_index(batch_op.f('ix_people_document_id'))

    op.drop_table('people')
    op.drop_table('originals')
    with op.batch_alter_table('legal_refs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_legal_refs_number_key'))
        batch_op.drop_index(batch_op.f('ix_legal_refs_document_id'))

    op.drop_table('legal_refs')
    with op.batch_alter_table('dates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dates_first_day'))
        batch_op.drop_index(batch_op.f('ix_dates_document_id'))

    op.drop_table('dates')
    with op.batch_alter_table('committees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_committees_document_id'))

    op.drop_table('committees')
    op.drop_table('failures')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_number_key'))
        batch_op.drop_index(batch_op.f('ix_documents_kind'))
        batch_op.drop_index(batch_op.f('ix_documents_issued_on'))

    op.drop_table('documents')
