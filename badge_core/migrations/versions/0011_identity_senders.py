"""a channel identity keeps its Rasa sender id encrypted (the unused address_encrypted column,
renamed), so erasure can find every conversation of a learner

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 14:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("channel_identities", schema=None) as batch_op:
        batch_op.alter_column("address_encrypted", new_column_name="sender_encrypted")


def downgrade() -> None:
    with op.batch_alter_table("channel_identities", schema=None) as batch_op:
        batch_op.alter_column("sender_encrypted", new_column_name="address_encrypted")
