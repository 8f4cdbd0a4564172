"""Cached text vectors, keyed by model and text, so a text is encoded once, ever."""

from __future__ import annotations

from sqlalchemy import LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from badge_core.models.base import Base


class Embedding(Base):
    __tablename__ = "embeddings"
    __table_args__ = (UniqueConstraint("model", "text_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    model: Mapped[str] = mapped_column(String(64))
    text_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the text
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, L2-normalised
