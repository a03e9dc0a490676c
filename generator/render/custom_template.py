"""An agency's own .docx template: check a custom one before it is used.

A custom template is checked before use: that it is a sane zip (size, compression ratio, entry names,
no DTD in any part: see ``safezip.py``), a Word document without macros, valid docxtpl/Jinja syntax in
every part docxtpl renders (body, headers, footers, footnotes, document properties), no access to
internals (``__class__``…) and no imports, and that it uses only variables the model provides. Problems
name the part and the line, in Chinese. The template then renders in the sandboxed environment of
``render.jinja_environment``.

Exporting the default template and documenting the variables live in ``template_docs.py``.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Union

from pydantic import BaseModel

from ..errors import WARNING, DataError, Place, Problem, Severity
from ..load.safezip import Limits, package_problems
from . import template_package
from .context import Imprint, Paragraph, RenderContext

if TYPE_CHECKING:
    from jinja2 import Environment, nodes

MAX_FILE_BYTES = 20 * 1024 * 1024  # the .docx itself
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # all its parts, uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MB (a zip bomb packs ~1000:1)
MAX_ENTRIES = 2000
_LIMITS = Limits("模板", "不是有效的 .docx 文件（文件已损坏，或只是改了扩展名）", max_file=MAX_FILE_BYTES,
                 max_unpacked=MAX_UNPACKED_BYTES, max_entries=MAX_ENTRIES, max_ratio=MAX_RATIO)

VARIABLES: dict[str, str] = {
    "variant": "版本：\"formal\"（正式上报版）或 \"public\"（网站公开版）",
    "formal": "是否为正式上报版（是则显示红头、发文字号、签发人、主送机关和版记）",
    "agency_mark": "发文机关标志（红头文字）；未单独填写时为发文机关全称",
    "doc_number": "发文字号，如“梅县公报字〔2024〕2号”；未填写时为空",
    "signer": "签发人姓名；未填写时为空",
    "title_lines": "标题分行后的各行（标题较长时分两行，上短下长）",
    "recipient": "主送机关，带冒号，如“梅州市公安局：”；公开版或未填写时为空",
    "opening": "开头段的各段文字",
    "paragraphs": "正文各段（标题、段中标题、普通段落），按顺序；每段的属性见下表",
    "closing": "结束语，如“特此报告。”；不要结束语时为空",
    "attachments": "附件说明的各行，第一行以“附件：”开头；无附件时为空列表",
    "signature_name": "落款署名（发文机关名称）；不落款时为空",
    "signature_date": "成文日期，如“2025年1月8日”；不落款时为空",
    "sealed": "是否按加盖印章的格式落款（正式上报版默认是；署名上方留出印章位置）",
    "imprint": "版记（抄送、印发机关、印发日期）；公开版或无版记时为空，属性见下表",
    "imprint_padding": "版记前要补的空行数（使版记位于末页最下方）",
    "year": "报告年度，如 2024",
    "title": "完整标题（不分行）",
    "Paragraph.kind": "段落类型：\"heading\"（标题独占一段）、\"runin\"（标题与正文同段）、\"body\"（普通段落）",
    "Paragraph.level": "标题层级：1 一、2 （一）3 1. 4 （1）；普通段落为 0",
    "Paragraph.head": "带序号的标题，如“一、主要举措和成效”；普通段落为空",
    "Paragraph.text": "正文文字（段中标题之后的文字，或普通段落的全文）",
    "Paragraph.full_text": "head 与 text 连在一起的全文",
    "Imprint.copy_to": "抄送行，如“抄送：梅州市人民检察院，梅州市司法局。”；无抄送时为空",
    "Imprint.printed_by": "印发机关",
    "Imprint.printed_date": "印发日期，如“2025年1月8日印发”",
}
# Chinese words a user may write instead of the variable name.
CHINESE_NAMES = {
    "标题": "title", "年度": "year", "发文机关": "agency_mark", "红头": "agency_mark", "发文字号": "doc_number",
    "文号": "doc_number", "签发人": "signer", "主送": "recipient", "主送机关": "recipient", "开头": "opening",
    "正文": "paragraphs", "结束语": "closing", "附件": "attachments", "署名": "signature_name",
    "落款": "signature_name", "日期": "signature_date", "成文日期": "signature_date", "版记": "imprint",
    "抄送": "imprint.copy_to", "印发机关": "imprint.printed_by", "印发日期": "imprint.printed_date",
}
MODELS: dict[str, type[BaseModel]] = {"imprint": Imprint}  # top-level variables that are objects
LIST_MODELS: dict[str, type[BaseModel]] = {"paragraphs": Paragraph}  # lists of objects
_FORBIDDEN_TAGS = {"import", "from", "include", "extends"}
_OPENERS = {"if", "for", "macro", "call", "filter", "with", "block", "raw", "autoescape"}
_PART_LABELS = {"document": "正文", "header": "页眉", "footer": "页脚", "footnotes": "脚注"}


def known_variables() -> set[str]:
    """Top-level names a template can use: the render context's fields."""
    return set(RenderContext.model_fields)


def model_attributes(model: type[BaseModel]) -> set[str]:
    """Fields and properties of *model* that a template can read."""
    props = {n for n in dir(model) if isinstance(getattr(model, n, None), property) and not n.startswith("_")}
    return set(model.model_fields) | (props - {"model_extra", "model_fields_set"})


# ---------------------------------------------------------------- loading and checking


def load_custom_template(path: Union[str, Path]) -> tuple[bytes, list[Problem]]:
    """Read and check a custom template; return its bytes and the warnings (e.g. styles the tool cannot find).

    Raises DataError with Chinese problems when the template cannot be used."""
    path = Path(path)
    name = path.name
    if path.suffix.lower() not in (".docx", ".dotx"):
        raise DataError("模板文件无法使用", [Problem("模板应是 .docx 文件或 .dotx 模板（在 Word 或 WPS 中另存为 .docx）",
                                                 Place(name))])
    from ..load.files import read_limited  # regular files only, bytes counted (issue 22)

    data = read_limited(path, MAX_FILE_BYTES, what="模板（.docx）", title="无法读取模板文件",
                        missing_title="找不到模板文件")
    if zipfile.is_zipfile(io.BytesIO(data)) and not package_problems(data, name, _LIMITS):  # no bomb is opened
        data = template_package.as_document(data)  # a .dotx is a .docx with another main content type
    problems = check_template_bytes(data, name)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError("模板有误，请在 Word 或 WPS 中按下列位置修改", errors)
    from .style_roles import canonical_styles

    return canonical_styles(template_package.sanitised(data)), [p for p in problems if p.severity != "error"]


def check_template_bytes(data: bytes, name: str = "模板") -> list[Problem]:
    """All problems of a template given as bytes (empty when it can be used)."""
    problems = _check_package(data, name)
    if any(p.severity == "error" for p in problems):
        return problems
    try:
        parts = template_parts(data)
    except Exception as exc:  # noqa: BLE001 - python-docx refuses it: say so, whatever the reason
        return [Problem(f"无法作为 Word 文档打开（{type(exc).__name__}: {exc}）", Place(name))]
    for label, source in parts:
        problems += check_part(source, Place(name, part=label))
    return problems + style_warnings(data, name)


def style_warnings(data: bytes, name: str = "模板", severity: Severity = WARNING) -> list[Problem]:
    """A problem naming each style role the tool adjusts (font profile, 红头 size, 落款) that no style carries.

    Roles are found by style name, which Word, WPS and LibreOffice keep when they re-save a file (their ids
    change: render/style_roles.py). ``render`` goes on with a warning; ``template check`` refuses the file.
    """
    from .style_roles import ROLE_LABELS, missing_roles

    missing = missing_roles(data)
    if not missing:
        return []
    names = "、".join(f"“{ROLE_LABELS[sid]}”" for sid in missing)
    return [Problem(f"找不到名为 {names} 的样式（共 {len(missing)} 个）：可能是样式被改名或删除；文档仍可生成，但 --fonts "
        "字体方案和红头字号、落款位置等自动调整对这些段落不起作用。请在导出的默认模板上修改，保留这些样式的名称",
        Place(name, part="word/styles.xml"), severity=severity)]


def _style_names(data: bytes) -> dict[str, str]:
    """styleId → style name of a .docx."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if "word/styles.xml" not in package.namelist():
            return {}
        xml = _read_bounded(package, "word/styles.xml", 8 * 1024 * 1024).decode("utf-8", errors="replace")
    out = {}
    for match in re.finditer(r"<w:style\b[^>]*?w:styleId=\"([^\"]+)\"[^>]*>(.*?)</w:style>", xml, re.DOTALL):
        label = re.search(r"<w:name w:val=\"([^\"]*)\"", match.group(2))
        out[match.group(1)] = label.group(1) if label else match.group(1)
    return out


def _check_package(data: bytes, name: str) -> list[Problem]:
    def bad(message: str) -> list[Problem]:
        return [Problem(message, Place(name))]

    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return bad("这是旧版 .doc 文件或加密的文档：请在 Word 或 WPS 中取消密码并“另存为” .docx")
    problems = package_problems(data, name, _LIMITS)  # bombs, unsafe names, DTDs (XXE)
    if problems:
        return problems
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            return bad("不是 Word 文档（缺少 word/document.xml），请用 Word 或 WPS 另存为 .docx")
    # External links, macros, OLE and ActiveX by content and relationship type, not by file name.
    return template_package.package_problems(data, name)


def _read_bounded(package: zipfile.ZipFile, entry: str, limit: int = 1024 * 1024) -> bytes:
    with package.open(entry) as handle:
        return handle.read(limit)


def template_parts(data: bytes) -> list[tuple[str, str]]:
    """(label, Jinja source) of every part docxtpl renders, after docxtpl's own preprocessing.

    Lines are split before each ``<w:p`` exactly as docxtpl does when rendering, so line numbers match
    docxtpl's error messages.
    """
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(data))
    docx = tpl.get_docx()

    def source(xml: str) -> str:
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))

    parts = [(f"{_PART_LABELS['document']}（word/document.xml）", source(tpl.xml_to_string(docx._element.body)))]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            partname = str(part.partname).lstrip("/")
            kind = "header" if "header" in partname else "footer"
            parts.append((f"{_PART_LABELS[kind]}（{partname}）", source(tpl.get_part_xml(part))))
    for part in docx.part.package.iter_parts():
        if part.content_type.endswith("wordprocessingml.footnotes+xml"):
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            parts.append((f"{_PART_LABELS['footnotes']}（{str(part.partname).lstrip('/')}）", source(blob)))
    props = docx.core_properties
    for prop in ("author", "comments", "identifier", "language", "subject", "title"):
        value = getattr(props, prop) or ""
        if "{" in value:
            parts.append((f"文档属性（{prop}）", value))
    return parts


class _At(Protocol):
    """The problem at a line of the part being checked (``at`` in :func:`check_part`)."""

    def __call__(self, lineno: Union[int, None], message: str, focus: str = "") -> Problem: ...


def check_part(source: str, place: Place) -> list[Problem]:
    """Problems of one part's Jinja source: syntax, forbidden tags, unsafe attributes, unknown names."""
    from jinja2 import TemplateSyntaxError, meta, nodes

    from .docx import jinja_environment

    env = jinja_environment()
    lines = source.split("\n")

    def at(lineno: Union[int, None], message: str, focus: str = "") -> Problem:
        lineno = lineno or 1
        snippet = _snippet(lines[lineno - 1] if 0 < lineno <= len(lines) else "", focus)
        where = f"（该行文字：“{snippet}”）" if snippet else ""
        return Problem(message + where, place.at(lineno))

    problems = _lexical_problems(env, source, at)
    if problems:
        return problems
    try:
        tree = env.parse(source)
        env.compile(tree)  # unknown filters and tests are found here
    except TemplateSyntaxError as exc:
        lineno = _unclosed_block(env, source) if "end of template" in (exc.message or "").lower() else exc.lineno
        return [at(lineno, _chinese_syntax_message(exc.message or ""))]
    except (RecursionError, MemoryError, OverflowError) as exc:  # 2,000 nested brackets (issue 22)
        from .sandbox import limit_message

        return [at(None, f"模板无法使用：{limit_message(exc)}")]

    for node in tree.find_all((nodes.Filter, nodes.Test)):  # Jinja checks these only at run time inside {% if %}
        table, kind = (env.filters, "过滤器") if isinstance(node, nodes.Filter) else (env.tests, "判断")
        if node.name not in table:
            problems.append(at(node.lineno, f"模板语法错误：没有名为“{node.name}”的{kind}"))
    if problems:
        return problems
    for escape_filter in tree.find_all(nodes.Filter):
        if escape_filter.name == "safe":
            problems.append(at(escape_filter.lineno, "不允许使用 |safe：报告文字必须转义后写入文档，否则一个“<”就会让文档在该处中断"))
    for modifier in tree.find_all(nodes.EvalContextModifier):
        if any(k.key == "autoescape" for k in modifier.options):
            problems.append(at(modifier.lineno, "不允许使用 {% autoescape %}：报告文字必须转义后写入文档"))
    if problems:
        return problems
    unsafe_lines: set[int] = set()
    for access in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        attr = _accessed_name(access)
        if attr is not None and attr.startswith("_") and access.lineno not in unsafe_lines:
            unsafe_lines.add(access.lineno)
            problems.append(at(access.lineno, f"不允许访问“{attr}”：模板不能读取程序内部的对象"))
    if problems:
        return problems

    known = known_variables()
    for name in sorted(meta.find_undeclared_variables(tree) - known - set(env.globals)):
        lineno = next((n.lineno for n in tree.find_all(nodes.Name) if n.name == name and n.ctx == "load"), None)
        problems.append(at(lineno, f"模板中的变量“{name}”不存在{_suggest(name, known)}", focus=name))
    problems += _attribute_problems(tree, at)
    return problems


def _lexical_problems(env: Environment, source: str, at: _At) -> list[Problem]:
    """Tags that read other files or modules, found from the tokens (before the parser says 'expected as')."""
    from jinja2 import TemplateSyntaxError

    problems: list[Problem] = []
    try:
        tokens = list(env.lex(source))
    except TemplateSyntaxError as exc:
        return [at(exc.lineno, _chinese_syntax_message(exc.message or ""))]
    for i, (lineno, kind, _) in enumerate(tokens):
        if kind == "block_begin":
            name = next((v for _, k, v in tokens[i + 1:i + 3] if k == "name"), "")
            if name in _FORBIDDEN_TAGS:
                problems.append(at(lineno, f"不允许使用 {{% {name} %}}：模板不能引用其他文件或程序模块"))
    return problems


def _unclosed_block(env: Environment, source: str) -> Union[int, None]:
    """Line of the innermost block tag that is never closed (Jinja reports only the end of the template)."""
    stack: list[int] = []
    tokens = list(env.lex(source))
    for i, (lineno, kind, _) in enumerate(tokens):
        if kind != "block_begin":
            continue
        name = next((v for _, k, v in tokens[i + 1:i + 3] if k == "name"), "")
        if name in _OPENERS or (name == "set" and not any(v == "=" for _, _, v in tokens[i + 1:i + 8])):
            stack.append(lineno)
        elif name.startswith("end") and stack:
            stack.pop()
    return stack[-1] if stack else None


def _accessed_name(node: nodes.Node) -> Union[str, None]:
    from jinja2 import nodes

    if isinstance(node, nodes.Getattr):
        return node.attr
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        return node.arg.value
    if isinstance(node, nodes.Filter) and node.name == "attr" and node.args:
        arg = node.args[0]
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
            return arg.value
    return None


def _attribute_problems(tree: nodes.Template, at: _At) -> list[Problem]:
    """``imprint.x`` and ``p.x`` (p looping over paragraphs) must name attributes the objects have."""
    from jinja2 import nodes

    bound: dict[str, type[BaseModel]] = dict(MODELS)
    for loop in tree.find_all(nodes.For):
        if isinstance(loop.iter, nodes.Name) and loop.iter.name in LIST_MODELS and isinstance(loop.target, nodes.Name):
            bound[loop.target.name] = LIST_MODELS[loop.iter.name]
    problems = []
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name in bound:
            model = bound[node.node.name]
            allowed = model_attributes(model)
            if node.attr not in allowed:
                hint = difflib.get_close_matches(node.attr, sorted(allowed), n=1, cutoff=0.6)
                tip = f"；可用的有：{'、'.join(sorted(allowed))}"
                if hint:
                    tip = f"，您是否想写 {node.node.name}.{hint[0]}？"
                problems.append(at(node.lineno, f"“{node.node.name}”没有属性“{node.attr}”{tip}", focus=node.attr))
    return problems


def _suggest(name: str, known: set[str]) -> str:
    for word, target in CHINESE_NAMES.items():
        if word == name or (len(name) >= 2 and (word in name or name in word)):
            return f"，您是否想写 {target}（{_label(target)}）？"
    related = sorted((k for k in known if name.startswith(k) or k.startswith(name)), key=len, reverse=True)
    if related:
        return f"，您是否想写 {related[0]}（{_label(related[0])}）？"
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    if close:
        return f"，您是否想写 {close[0]}（{_label(close[0])}）？"
    return "；可用变量见 fzbg template variables"


def _label(variable: str) -> str:
    key = variable if variable in VARIABLES else variable.replace("imprint.", "Imprint.")
    return re.split(r"[，；（：:]", VARIABLES.get(key, variable))[0]


def _snippet(line: str, focus: str = "", width: int = 40) -> str:
    """The text of a template line without XML tags, shortened around *focus*."""
    text = re.sub(r"<[^>]+>", "", line).strip()
    if len(text) <= width:
        return text
    start = max(0, min(text.find(focus) - width // 3, len(text) - width)) if focus and focus in text else 0
    return ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")


_SYNTAX_MESSAGES = (
    (r"Encountered unknown tag '(end\w*)'", "多余或不配对的 {{% {0} %}}（前面没有对应的开始标签，或开始标签写错了）"),
    (r"Encountered unknown tag '(\w+)'", "不认识的标签 {{% {0} %}}"),
    (r"Unexpected end of template.*?closed is '(\w+)'", "{{% {0} %}} 没有对应的 {{% end{0} %}}"),
    (r"unexpected end of template", "模板意外结束：有未闭合的 {{{{ 或 {{%"),
    (r"unexpected char '(.+?)'", "此处不应出现字符 {0}"),
    (r"unexpected '(.+?)'", "此处不应出现“{0}”（括号或引号是否配对？）"),
    (r"expected token '(.+?)', got '(.+?)'", "此处应为“{0}”，实际是“{1}”"),
    (r"No filter named '(.+?)'", "没有名为“{0}”的过滤器"),
    (r"No test named '(.+?)'", "没有名为“{0}”的判断"),
    (r"tag name expected", "{{% 之后缺少标签名"),
    (r"expected name or number", "此处缺少变量名"),
)


def _chinese_syntax_message(message: str) -> str:
    for pattern, chinese in _SYNTAX_MESSAGES:
        match = re.search(pattern, message, re.IGNORECASE | re.DOTALL)
        if match:
            return "模板语法错误：" + chinese.format(*match.groups())
    return f"模板语法错误（{message}）"
