"""safeguarding concerns; a city's safeguarding section; staff roles up to 32 characters
("safeguarding-lead"); a reflection is public only when the learner says so

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import badge_core.models.base

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "concerns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=True),
        sa.Column("subject_hash", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("text_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("raised_at", badge_core.models.base.UTCDateTime(), nullable=False),
        sa.Column("learner_opted_out", sa.Boolean(), nullable=False),
        sa.Column("wants_contact", sa.Boolean(), nullable=True),
        sa.Column("contact_address_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("answered_at", badge_core.models.base.UTCDateTime(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("resolved_at", badge_core.models.base.UTCDateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=100), nullable=True),
        sa.Column("outcome_encrypted", sa.LargeBinary(), nullable=True),
        sa.Column("notified_at", badge_core.models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["city_id"], ["cities.id"], name=op.f("fk_concerns_city_id_cities"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_concerns_learner_id_learners"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concerns")),
        sa.UniqueConstraint("public_id", name=op.f("uq_concerns_public_id")),
    )
    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_concerns_city_id"), ["city_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_concerns_learner_id"), ["learner_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_concerns_subject_hash"), ["subject_hash"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_concerns_raised_at"), ["raised_at"], unique=False)
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("safeguarding", sa.JSON(), nullable=False, server_default="{}")
        )
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.alter_column(
            "role",
            existing_type=sa.String(length=16),
            type_=sa.String(length=32),
            existing_nullable=False,
        )
    # Reflections written before this were in public credentials without being asked: they
    # stay private from now on until the learner says yes.
    with op.batch_alter_table("awards", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("narrative_public", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("awards", schema=None) as batch_op:
        batch_op.drop_column("narrative_public")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.alter_column(
            "role",
            existing_type=sa.String(length=32),
            type_=sa.String(length=16),
            existing_nullable=False,
        )
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.drop_column("safeguarding")
    op.drop_table("concerns")
