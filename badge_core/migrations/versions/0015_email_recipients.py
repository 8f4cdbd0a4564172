"""a learner may put a confirmed email address on their badges: kept only as its Open Badges
identity hash and salt; an address waiting for its emailed code; the city's minimum age

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 07:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import badge_core.models.base

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("learners", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_hash", sa.String(length=71), nullable=True))
        batch_op.add_column(sa.Column("email_salt", sa.String(length=32), nullable=True))
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("email_min_age", sa.Integer(), nullable=False, server_default="16")
        )
    op.create_table(
        "email_checks",
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("email_hash", sa.String(length=71), nullable=False),
        sa.Column("email_salt", sa.String(length=32), nullable=False),
        sa.Column("expires_at", badge_core.models.base.UTCDateTime(), nullable=False),
        sa.Column("wrong_tries", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("learner_id"),
    )


def downgrade() -> None:
    op.drop_table("email_checks")
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.drop_column("email_min_age")
    with op.batch_alter_table("learners", schema=None) as batch_op:
        batch_op.drop_column("email_hash")
        batch_op.drop_column("email_salt")
