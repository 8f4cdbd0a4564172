"""youth voice: a learner's rating of an activity they claimed a badge at

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 00:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import badge_core.models.base

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("award_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("sealed_comment", sa.LargeBinary(), nullable=True),
        sa.Column("rated_at", badge_core.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_ratings_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["award_id"], ["awards.id"], name=op.f("fk_ratings_award_id_awards"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["city_id"], ["cities.id"], name=op.f("fk_ratings_city_id_cities"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ratings")),
        sa.UniqueConstraint("award_id", name=op.f("uq_ratings_award_id")),
    )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ratings_activity_id"), ["activity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ratings_city_id"), ["city_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ratings_city_id"))
        batch_op.drop_index(batch_op.f("ix_ratings_activity_id"))

    op.drop_table("ratings")
