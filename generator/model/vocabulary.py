"""The words every step shares: which version of the report, which fonts, which output format.

Each is an enum whose values are the words users type (``--variant public``, ``variant: public`` in a
YAML file); the CLI lets typer check them, so the help lists the choices and a typo is a usage error.
"""

from __future__ import annotations

from enum import Enum


class Choice(str, Enum):
    """An enum of words: compares equal to its value and prints as it (in templates, messages, YAML)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Variant(Choice):
    """正式上报版 (red header, 发文字号, 签发人, 主送, 版记) or 网站公开版 (title, body, 落款)."""

    formal = "formal"
    public = "public"

    @property
    def label(self) -> str:
        return VARIANT_LABELS[self]


VARIANT_LABELS = {Variant.formal: "正式上报版", Variant.public: "公开版"}


class FontProfile(Choice):
    """Which installed fonts play the GB/T 9704 roles (see generator.render.fonts)."""

    gb2312 = "gb2312"  # 仿宋_GB2312、楷体_GB2312、黑体、方正小标宋简体
    windows = "windows"  # 仿宋、楷体、黑体、华文中宋


class OutputFormat(Choice):
    """What a report is rendered to; a file's suffix names it."""

    docx = "docx"
    pdf = "pdf"
    html = "html"

    @property
    def suffix(self) -> str:
        return "." + self.value

    @classmethod
    def of(cls, suffix: str) -> OutputFormat | None:
        """The format a file suffix (``.docx``, ``.PDF``) names, or None."""
        try:
            return cls(suffix.lower().lstrip("."))
        except ValueError:
            return None

    @property
    def default_variant(self) -> Variant | None:
        """A web page is the public version; other formats follow the report."""
        return Variant.public if self is OutputFormat.html else None
