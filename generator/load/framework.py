"""Framework files (templates/frameworks/*.yaml): which exist, and reading one into a :class:`Framework`."""

from __future__ import annotations

from functools import lru_cache

from ..errors import DataError, Place, Problem
from ..model.framework import Framework
from ..resources import templates_dir
from .yaml_file import parse_yaml


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
            [Problem(f"没有“{framework_id}”，可用的有：{'、'.join(available_frameworks())}", Place("framework"), ("framework",))],
        )
    node = templates_dir().joinpath("frameworks").joinpath(framework_id + ".yaml")  # one part per call before 3.11
    doc = parse_yaml(node.read_text(encoding="utf-8"), f"frameworks/{framework_id}.yaml", shipped=True)
    return Framework.model_validate(doc.data)
