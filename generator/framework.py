"""Frameworks (the 2021–2025 Outline, provincial outlines …) as data files in templates/frameworks/."""

from __future__ import annotations

from functools import lru_cache
from typing import Union

from pydantic import BaseModel, ConfigDict, Field

from .errors import DataError, Problem
from .load import parse_yaml
from .resources import templates_dir
from .textutil import parse_chinese_number


class FrameworkItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    heading: str
    verified: bool = False
    keywords: list[str] = Field(default_factory=list)


class FrameworkPart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    heading: str
    system: Union[str, None] = None  # one of the eight 体系, for coverage warnings
    verified: bool = False
    keywords: list[str] = Field(default_factory=list)
    items: list[FrameworkItem] = Field(default_factory=list)


class Framework(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    issuer: str = ""
    parts: list[FrameworkPart]

    def find(self, ref: str) -> Union[FrameworkPart, FrameworkItem, None]:
        """Part (by 一…十) or item (by its continuous number) that *ref* names."""
        ref = ref.strip().strip("（）()第项点条")
        number = parse_chinese_number(ref)
        if number is not None and ref not in {part.id for part in self.parts}:
            ref = str(number)  # （二十三） names item 23; 一…十 alone name parts
        for part in self.parts:
            if part.id == ref:
                return part
            for item in part.items:
                if item.id == ref:
                    return item
        return None


def available_frameworks() -> list[str]:
    """Ids of the framework files shipped in templates/frameworks/."""
    folder = templates_dir().joinpath("frameworks")
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


@lru_cache(maxsize=8)
def load_framework(framework_id: str) -> Framework:
    """Load a framework by id. Raises DataError naming the available ones."""
    if framework_id not in available_frameworks():
        raise DataError(
            "找不到纲要文件",
            [Problem("framework", "framework", f"没有“{framework_id}”，可用的有：{'、'.join(available_frameworks())}")],
        )
    node = templates_dir().joinpath("frameworks", framework_id + ".yaml")
    doc = parse_yaml(node.read_text(encoding="utf-8"), f"frameworks/{framework_id}.yaml", shipped=True)
    return Framework.model_validate(doc.data)
