"""The real embedding model, loaded once per test run, and a demo city indexed once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.matching.embedder import default_embedder
from badge_core.matching.matcher import Matcher
from badge_core.services.vectors import index_city


class CountingEmbedder:
    """The real embedder, counting the texts it is asked to encode."""

    def __init__(self) -> None:
        self.inner = default_embedder()
        self.model_name = self.inner.model_name
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded.extend(texts)
        return self.inner.encode(texts)


@pytest.fixture(scope="session")
def indexed_template(plymouth_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("matching") / "indexed.db"
    shutil.copy(plymouth_db_template, path)
    engine = make_engine(f"sqlite:///{path}")
    index_city(unit_of_work_factory(engine)(), "plymouth", default_embedder())
    engine.dispose()
    return path


@pytest.fixture
def indexed_uow(indexed_template: Path, tmp_path: Path) -> Iterator[UnitOfWorkFactory]:
    shutil.copy(indexed_template, tmp_path / "indexed.db")
    engine = make_engine(f"sqlite:///{tmp_path / 'indexed.db'}")
    yield unit_of_work_factory(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    return Matcher(default_embedder())
