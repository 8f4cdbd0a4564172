"""staff join by one-time invite from a chat identity

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import badge_core.models.base

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_constraint("fk_staff_identity_id_channel_identities", type_="foreignkey")
        batch_op.drop_column("identity_id")
        batch_op.add_column(sa.Column("label", sa.String(length=100), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("invite_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("invite_expires_at", badge_core.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("invited_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("channel", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("address_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("joined_at", badge_core.models.base.UTCDateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_staff_invite_hash"), ["invite_hash"])
        batch_op.create_index(batch_op.f("ix_staff_address_hash"), ["address_hash"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_staff_invited_by_id_staff"), "staff", ["invited_by_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_staff_invited_by_id_staff"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_staff_address_hash"))
        batch_op.drop_constraint(batch_op.f("uq_staff_invite_hash"), type_="unique")
        for column in ("joined_at", "address_hash", "channel", "invited_by_id", "invite_expires_at",
                       "invite_hash", "label"):
            batch_op.drop_column(column)
        batch_op.add_column(sa.Column("identity_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_staff_identity_id_channel_identities", "channel_identities", ["identity_id"], ["id"],
            ondelete="SET NULL",
        )
