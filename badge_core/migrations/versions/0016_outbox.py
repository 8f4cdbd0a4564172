"""the outbox of messages the bot sends first; a sealed address on a learner's app and a
staff member's chat to send them to; the city's message rules

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import badge_core.models.base

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("channel_identities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("address_sealed", sa.LargeBinary(), nullable=True))
        batch_op.add_column(
            sa.Column("last_message_at", badge_core.models.base.UTCDateTime(), nullable=True)
        )
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("address_sealed", sa.LargeBinary(), nullable=True))
        batch_op.add_column(
            sa.Column("last_message_at", badge_core.models.base.UTCDateTime(), nullable=True)
        )
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("messages", sa.JSON(), nullable=False, server_default="{}"))
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("audience", sa.String(length=8), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("address_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("buttons", sa.JSON(), nullable=False),
        sa.Column("variables", sa.JSON(), nullable=False),
        sa.Column("dedupe_key", sa.String(length=120), nullable=False),
        sa.Column("due_at", badge_core.models.base.UTCDateTime(), nullable=False),
        sa.Column("expires_at", badge_core.models.base.UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_until", badge_core.models.base.UTCDateTime(), nullable=True),
        sa.Column("provider_ref", sa.String(length=64), nullable=True),
        sa.Column("segments", sa.Integer(), nullable=False),
        sa.Column("created_at", badge_core.models.base.UTCDateTime(), nullable=False),
        sa.Column("sent_at", badge_core.models.base.UTCDateTime(), nullable=True),
        sa.Column("delivered_at", badge_core.models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["city_id"], ["cities.id"], name=op.f("fk_outbox_city_id_cities"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_outbox_learner_id_learners"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_outbox_staff_id_staff"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_outbox_dedupe_key")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_status_due", ["status", "due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_city_id"), ["city_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_learner_id"), ["learner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_provider_ref"), ["provider_ref"], unique=False)


def downgrade() -> None:
    op.drop_table("outbox")
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.drop_column("messages")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("address_sealed")
        batch_op.drop_column("last_message_at")
    with op.batch_alter_table("channel_identities", schema=None) as batch_op:
        batch_op.drop_column("address_sealed")
        batch_op.drop_column("last_message_at")
