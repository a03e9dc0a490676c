"""The framework a report is read against (the 2021–2025 Outline, a provincial outline …): parts and items."""

from __future__ import annotations

from typing import Union

from pydantic import BaseModel, ConfigDict, Field

from ..text.numbering import parse_chinese_number


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
