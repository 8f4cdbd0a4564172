"""an award keeps no copy of its credential: it is signed from the award whenever it is asked
for (the column was never written)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 17:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("awards", schema=None) as batch_op:
        batch_op.drop_column("credential_json")


def downgrade() -> None:
    with op.batch_alter_table("awards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("credential_json", sa.String(), nullable=True))
