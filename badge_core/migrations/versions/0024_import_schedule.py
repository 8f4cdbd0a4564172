"""import_sources: how often each is read again, and when it was last tried

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-05 14:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from badge_core.models.base import UTCDateTime

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("import_sources", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("every_hours", sa.Integer(), nullable=False, server_default=sa.text("24"))
        )
        batch_op.add_column(sa.Column("tried_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_sources", schema=None) as batch_op:
        batch_op.drop_column("tried_at")
        batch_op.drop_column("every_hours")
