"""The 26 areas of 国办发〔2019〕54号 as shipped (data/standard_catalogue.json), read once.

Only the data, importing no models: the models name an entry by its row's label from
here, and services.catalogue (which imports the models) computes the rest on top.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "standard_catalogue.json"

TOWNSHIP = "乡级"
COUNTY = "县级"


@dataclass(frozen=True)
class Row:
    key: str  # "<area>-<NN>", NN the row's place in its area from 01
    area: str
    area_name: str
    item_l1: str
    item_l2: str
    content: str
    basis: str
    time_limit: str
    subject: str
    channels: tuple[str, ...]
    audience: str
    mode: str
    levels: tuple[str, ...]

    @property
    def label(self) -> str:
        """How a chooser names the row: "12 社会救助 · 最低生活保障 · 审批结果"."""
        return f"{self.area} {self.area_name} · {self.item_l1} · {self.item_l2}"


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    rows: tuple[Row, ...]

    def rows_at(self, level: str) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if level in row.levels)


@dataclass(frozen=True)
class Catalogue:
    title: str
    basis: str
    areas: tuple[Area, ...]
    rows: dict[str, Row]

    def area(self, code: str) -> Area | None:
        return next((a for a in self.areas if a.code == code), None)


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The file, parsed once per process: it changes only with a release."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    areas = []
    for area in data["areas"]:
        rows = tuple(
            Row(
                key=f"{area['code']}-{n:02d}",
                area=area["code"],
                area_name=area["name"],
                item_l1=raw["item_l1"],
                item_l2=raw["item_l2"],
                content=raw["content"],
                basis=raw["basis"],
                time_limit=raw["time_limit"],
                subject=raw["subject"],
                channels=tuple(raw["channels"]),
                audience=raw["audience"],
                mode=raw["mode"],
                levels=tuple(raw["levels"]),
            )
            for n, raw in enumerate(area["rows"], start=1)
        )
        areas.append(Area(area["code"], area["name"], rows))
    by_key = {row.key: row for area in areas for row in area.rows}
    return Catalogue(data["title"], data["basis"], tuple(areas), by_key)
