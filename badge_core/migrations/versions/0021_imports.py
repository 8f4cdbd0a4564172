"""imports: sources, imported rows' source ids, skill proposals

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05 05:19:11.592186
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import badge_core.models.base

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("provider_key", sa.String(length=64), nullable=True),
        sa.Column("in_pack", sa.Boolean(), nullable=False),
        sa.Column("cursor", sa.String(), nullable=True),
        sa.Column("last_run_at", badge_core.models.base.UTCDateTime(), nullable=True),
        sa.Column("last_report", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_import_sources_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_sources")),
        sa.UniqueConstraint("city_id", "key", name=op.f("uq_import_sources_city_id")),
    )
    op.create_table(
        "skill_proposals",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_skill_proposals_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skills.id"],
            name=op.f("fk_skill_proposals_skill_id_skills"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", "skill_id", name=op.f("pk_skill_proposals")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("external_id", sa.String(length=300), nullable=True))
        batch_op.add_column(
            sa.Column("edited_fields", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(
            sa.Column("skills_confirmed", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.create_index(batch_op.f("ix_activities_source_id"), ["source_id"], unique=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_activities_source_id"), ["source_id", "external_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_activities_source_id_import_sources"),
            "import_sources",
            ["source_id"],
            ["id"],
        )

    with op.batch_alter_table("activity_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_id", sa.String(length=300), nullable=True))

    with op.batch_alter_table("providers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_providers_source_id"), ["source_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_providers_source_id_import_sources"),
            "import_sources",
            ["source_id"],
            ["id"],
        )

    with op.batch_alter_table("venues", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_venues_source_id"), ["source_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_venues_source_id_import_sources"),
            "import_sources",
            ["source_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("venues", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_venues_source_id_import_sources"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_venues_source_id"))
        batch_op.drop_column("source_id")

    with op.batch_alter_table("providers", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_providers_source_id_import_sources"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_providers_source_id"))
        batch_op.drop_column("source_id")

    with op.batch_alter_table("activity_sessions", schema=None) as batch_op:
        batch_op.drop_column("external_id")

    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_activities_source_id_import_sources"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_activities_source_id"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_activities_source_id"))
        batch_op.drop_column("skills_confirmed")
        batch_op.drop_column("edited_fields")
        batch_op.drop_column("external_id")
        batch_op.drop_column("source_id")

    op.drop_table("skill_proposals")
    op.drop_table("import_sources")
