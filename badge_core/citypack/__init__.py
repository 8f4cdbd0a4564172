"""City packs: a city's data as a folder of YAML files (see docs/city-pack.md).

``read_pack`` validates, ``load_pack`` writes to the database in the caller's unit of work,
``export_pack`` writes a city back out.
"""

from badge_core.citypack.export import export_pack, pack_documents
from badge_core.citypack.load import load_pack
from badge_core.citypack.spec import CityPack
from badge_core.citypack.validate import read_pack, validate_pack

__all__ = ["CityPack", "export_pack", "load_pack", "pack_documents", "read_pack", "validate_pack"]
