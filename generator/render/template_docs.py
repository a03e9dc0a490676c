"""Export the default template and document the variables a custom template can use.

``python -m generator.render.template_docs`` rewrites docs/template-variables.md from the model.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Union, get_args, get_origin

from .context import Imprint, Paragraph, RenderContext
from .custom_template import VARIABLES, model_attributes


def export_default_template(path: Union[str, Path], force: bool = False) -> Path:
    """Write the shipped template to *path* (atomically) for editing in Word or WPS."""
    from ..write.atomic import write_bytes_atomic
    from .docx import default_template_bytes

    return write_bytes_atomic(path, default_template_bytes(), force=force)


def _type_label(annotation: object) -> str:  # a field's annotation: a class or a typing form
    origin, args = get_origin(annotation), get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return " 或 ".join(f"\"{member.value}\"" for member in annotation)
    if annotation is str:
        return "文字"
    if annotation is bool:
        return "是/否"
    if annotation is int:
        return "整数"
    if origin is list:
        inner = args[0] if args else str
        return "段落列表" if inner is Paragraph else f"{_type_label(inner)}列表"
    if annotation is Imprint or (args and Imprint in args):
        return "版记对象（可为空）"
    if args and all(isinstance(a, str) for a in args):
        return " 或 ".join(f"\"{a}\"" for a in args)
    return getattr(annotation, "__name__", str(annotation))


def variables_markdown() -> str:
    """docs/template-variables.md, generated from RenderContext, Paragraph and Imprint."""
    out = [
        "# 模板变量一览",
        "",
        "<!-- 本文件由 `python -m generator.render.template_docs` 根据数据模型生成，请勿手工修改。 -->",
        "",
        "自定义模板（`fzbg template export -o 我的模板.docx` 导出后在 Word 或 WPS 中修改）可以使用下列变量。",
        "写法：`{{ 变量 }}` 输出文字；`{%p if 条件 %}`…`{%p endif %}`、`{%p for 项 in 列表 %}`…`{%p endfor %}`",
        "控制整段的显示和重复（`{%p … %}` 须单独占一段，该段其他文字会被删除）。",
        "每个标签请一次输入完整，不要中途改字体或格式。",
        "",
        "模板在沙箱中渲染：不能执行程序、不能读取文件，不能使用 `{% import %}`、`{% include %}`，",
        "也不能访问以下划线开头的属性（如 `__class__`）。使用未列出的变量时，`fzbg template check` 会指出位置。",
        "",
        "## 顶层变量",
        "",
        "| 变量 | 类型 | 含义 |",
        "|---|---|---|",
    ]
    for name, field in RenderContext.model_fields.items():
        out.append(f"| `{name}` | {_type_label(field.annotation)} | {VARIABLES[name]} |")
    for title, model, example in (
        ("paragraphs 中每一段（如 `{%p for p in paragraphs %}` 中的 `p`）", Paragraph, "p"),
        ("imprint 的属性", Imprint, "imprint"),
    ):
        out += ["", f"## {title}", "", "| 属性 | 类型 | 含义 |", "|---|---|---|"]
        for attr in sorted(model_attributes(model), key=lambda a: (a not in model.model_fields, a)):
            info = model.model_fields.get(attr)
            kind = _type_label(info.annotation) if info else "文字"
            out.append(f"| `{example}.{attr}` | {kind} | {VARIABLES[f'{model.__name__}.{attr}']} |")
    out += [
        "",
        "## 示例：在正文前加一行红色的单位名称",
        "",
        "在导出的模板第一段之前插入一段，输入单位名称并设为红色即可；不含 `{{ }}` 的文字会原样保留。",
        "若只在正式上报版中显示，在其前后各加一段 `{%p if formal %}` 和 `{%p endif %}`。",
        "",
    ]
    return "\n".join(out)


def docs_path() -> Path:
    return Path(__file__).resolve().parents[2] / "docs" / "template-variables.md"


if __name__ == "__main__":
    docs_path().write_text(variables_markdown(), encoding="utf-8", newline="\n")
    print(f"wrote {docs_path()}")
