"""the claim limits read only what they count: unknown codes kept by prefix for the limit
across learners (it read every claim attempt in the city's window), and a learner's events
indexed by learner, kind and time (SQLite searched the kind-and-time index instead)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import badge_core.models.base

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "code_misses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=2), nullable=False),
        sa.Column("missed_at", badge_core.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_code_misses_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_code_misses")),
    )
    op.create_index(
        "ix_code_misses_city_prefix_time", "code_misses", ["city_id", "prefix", "missed_at"]
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_learner_id"))
        batch_op.create_index(
            "ix_events_learner_kind_time", ["learner_id", "kind", "occurred_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_learner_kind_time")
        batch_op.create_index(batch_op.f("ix_events_learner_id"), ["learner_id"], unique=False)
    op.drop_index("ix_code_misses_city_prefix_time", table_name="code_misses")
    op.drop_table("code_misses")
