"""cities: the numbers and bot each city is messaged on

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05 05:48:30.308253
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("channels", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.drop_column("channels")
