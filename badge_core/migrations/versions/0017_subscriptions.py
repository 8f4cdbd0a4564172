"""a learner's alerts and weekly digest; what a one-word answer to a youth worker's notice
is about

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import badge_core.models.base

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reply_ref", sa.String(length=36), nullable=True))
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("interest", sa.String(length=60), nullable=True),
        sa.Column("district", sa.String(length=8), nullable=True),
        sa.Column("known", sa.JSON(), nullable=False),
        sa.Column("checked_version", sa.String(length=64), nullable=True),
        sa.Column("next_due_at", badge_core.models.base.UTCDateTime(), nullable=True),
        sa.Column("created_at", badge_core.models.base.UTCDateTime(), nullable=False),
        sa.Column("expires_at", badge_core.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_subscriptions_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_subscriptions_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriptions")),
    )
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_subscriptions_city_id"), ["city_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_subscriptions_learner_id"), ["learner_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subscriptions_learner_id"))
        batch_op.drop_index(batch_op.f("ix_subscriptions_city_id"))
    op.drop_table("subscriptions")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("reply_ref")
