"""status list positions that outlive their awards, one list per city

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import badge_core.models.base

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "status_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("award_public_id", sa.String(length=36), nullable=False),
        sa.Column("revoked_at", badge_core.models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["city_id"], ["cities.id"], name=op.f("fk_status_entries_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_entries")),
        sa.UniqueConstraint("award_public_id", name=op.f("uq_status_entries_award_public_id")),
        sa.UniqueConstraint("city_id", "position", name=op.f("uq_status_entries_city_id")),
    )
    with op.batch_alter_table("status_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_entries_city_id"), ["city_id"], unique=False)
    # Every position already given out (they were unique across cities, so within each too).
    op.execute(
        "INSERT INTO status_entries (city_id, position, award_public_id, revoked_at) "
        "SELECT badge_classes.city_id, awards.status_index, awards.public_id, awards.revoked_at "
        "FROM awards JOIN badge_classes ON badge_classes.id = awards.badge_class_id "
        "WHERE awards.status_index IS NOT NULL"
    )
    with op.batch_alter_table("awards", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_awards_status_index"), type_="unique")


def downgrade() -> None:
    with op.batch_alter_table("awards", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_awards_status_index"), ["status_index"])
    with op.batch_alter_table("status_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_entries_city_id"))
    op.drop_table("status_entries")
