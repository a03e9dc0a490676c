"""What a Word package may carry into a report: no external links, no active content, only known parts.

A custom template ends up inside a report that is sent to a superior organ and opened there in Word,
WPS or LibreOffice. Whatever the template carries the report carries, so the package is judged by what
its parts *are* (content type, relationship type, target mode), never by file names (a VBA project saved
as ``word/project.bin`` is still a VBA project):

- **Refused**: every relationship with ``TargetMode="External"`` (linked pictures and a remote attached
  template make Word and LibreOffice read local files or fetch URLs when the document opens or is
  converted; hyperlinks to ``file:///`` go the same way), attached templates, OLE objects, ActiveX
  controls, VBA projects and macro-enabled content, altChunks and sub-documents (other files pulled in),
  and fields that fetch (INCLUDETEXT, INCLUDEPICTURE, LINK, DDE …).
- **Dropped with a warning**: inert parts fzbg does not know (custom XML, comments, glossary entries …),
  when nothing in the document points at them; fzbg never copies a part it does not know into a report.
- **Kept**: the parts a 公文 template needs (body, styles, settings, numbering, headers, footers, notes,
  theme, fonts, pictures, document properties).

:func:`package_problems` is the check; :func:`sanitised` returns the bytes a report is rendered from.
The same scan (``load/ooxml.external_references``) guards every LibreOffice conversion in ``office.py``.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import WARNING, Place, Problem
from ..load.ooxml import (
    RELATIONSHIP,
    Relationship,
    attribute_pairs,
    content_types,
    field_problems,
    read_part,
    relationships,
    rels_of,
    resolve,
    xml_parts,
)
from ..load.ooxml import (
    referenced as referenced_parts,
)

_CT = "application/vnd.openxmlformats-officedocument."
_WML = _CT + "wordprocessingml."
# Content types of the parts a report may carry (Override or Default entries of [Content_Types].xml).
KNOWN_CONTENT_TYPES = frozenset({
    _WML + "document.main+xml", _WML + "template.main+xml", _WML + "styles+xml", _WML + "settings+xml",
    _WML + "webSettings+xml", _WML + "fontTable+xml", _WML + "numbering+xml", _WML + "header+xml",
    _WML + "footer+xml", _WML + "footnotes+xml", _WML + "endnotes+xml", _CT + "theme+xml",
    "application/vnd.ms-word.stylesWithEffects+xml", "application/vnd.openxmlformats-package.core-properties+xml",
    _CT + "extended-properties+xml", _CT + "custom-properties+xml", _CT + "obfuscatedFont",
    "application/vnd.openxmlformats-package.relationships+xml", "application/xml",
    "image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/x-emf", "image/x-wmf",
    "image/svg+xml",
})
# Active content, by content type: refused wherever it sits in the package.
ACTIVE_CONTENT_TYPES = (
    "application/vnd.ms-office.vbaproject", "application/vnd.ms-office.vbadata", "application/vnd.ms-office.activex",
    "application/vnd.openxmlformats-officedocument.oleobject", "application/vnd.ms-word.keymapcustomizations",
    "application/vnd.ms-word.vbadata", "application/vnd.ms-word.document.macroenabled",
    "application/vnd.ms-word.template.macroenabled", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.spreadsheetml", "application/vnd.openxmlformats-officedocument.presentationml",
    "application/x-msdownload", "application/octet-stream",
)
# Relationship types (their last path segment) that pull in active content or other files.
ACTIVE_RELATIONSHIPS = {
    "vbaproject": "宏（VBA 工程）", "wordvbadata": "宏数据", "keymapcustomizations": "宏快捷键",
    "oleobject": "嵌入的 OLE 对象", "package": "嵌入的 Office 文件", "activexcontrol": "ActiveX 控件",
    "control": "ActiveX 控件", "activexcontrolbinary": "ActiveX 控件", "attachedtemplate": "附加的外部模板",
    "afchunk": "嵌入的外部文档（altChunk）", "subdocument": "子文档", "frame": "框架网页",
}
# Field codes that read other files or fetch URLs when fields are updated.
def package_problems(data: bytes, name: str = "模板") -> list[Problem]:
    """Errors for external links, active content and fetching fields; warnings for parts that will be dropped."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = content_types(package)
        rels = relationships(package)
        problems = [Problem(_external_message(rel), Place(name, part=rel.source)) for rel in rels if rel.external]
        for rel in rels:
            if rel.kind in ACTIVE_RELATIONSHIPS and not rel.external:
                problems.append(Problem(f"含有{ACTIVE_RELATIONSHIPS[rel.kind]}（{resolve(rel)}）：{_ADVICE}",
                                        Place(name, part=rel.source)))
        for part, content_type in sorted(types.items()):
            if content_type.lower().startswith(ACTIVE_CONTENT_TYPES):
                problems.append(Problem(f"含有可执行或嵌入的内容（{content_type}）：{_ADVICE}", Place(name, part=part)))
        for part in xml_parts(package):
            problems += field_problems(read_part(package, part), Place(name, part=part))
        if any(p.severity == "error" for p in problems):
            return problems
        dropped = unknown_parts(types)
        referenced = referenced_parts(package, rels, dropped)
        for part in sorted(referenced):
            problems.append(Problem(f"含有 fzbg 不认识的内容（{types.get(part, '未知类型')}），且正文引用了它：请在 Word 中删除"
                                    "该对象（或在默认模板上重新修改）后再用", Place(name, part=part)))
        if not referenced and dropped:
            listed = "、".join(sorted(dropped)[:5]) + (f" 等 {len(dropped)} 个部件" if len(dropped) > 5 else "")
            problems.append(Problem(f"模板中的 {listed} 不是公文需要的内容（如批注、自定义 XML），生成时不会带入报告",
                                    Place(name), severity=WARNING))
    return problems


_ADVICE = "模板和报告不能含有宏、控件或嵌入的对象，请在 Word 或 WPS 中删除后另存为普通 .docx"


def _external_message(rel: Relationship) -> str:
    target = rel.target if len(rel.target) <= 80 else rel.target[:77] + "…"
    what = {"image": "链接的外部图片", "hyperlink": "指向外部的超链接", "attachedtemplate": "附加的外部模板"}.get(
        rel.kind, "对外部文件或网址的引用")
    return (f"含有{what}（{target}）：打开或转换 PDF 时会读取本机文件或访问网络，不能使用；"
            "请在 Word 中删除该链接（图片请“插入”为嵌入图片）后另存")


def sanitised(data: bytes) -> bytes:
    """*data* without the parts fzbg does not know (call after :func:`package_problems` found no error)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = content_types(package)
        dropped = unknown_parts(types)
        if not dropped:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as result:
            for info in package.infolist():
                part = info.filename
                if part in dropped or rels_of(part) in dropped:
                    continue
                blob = package.read(info)
                if part == "[Content_Types].xml":
                    blob = _without_overrides(blob, dropped)
                elif part.endswith(".rels"):
                    blob = _without_targets(blob, part, dropped)
                result.writestr(info, blob)
        return out.getvalue()


def unknown_parts(types: dict[str, str]) -> set[str]:
    """Parts whose content type is not one a report carries (``application/xml`` is known only under word/)."""
    unknown = set()
    for part, content_type in types.items():
        if part.endswith(".rels") or part == "[Content_Types].xml":
            continue
        generic_outside_word = content_type == "application/xml" and not part.startswith("word/")
        if content_type not in KNOWN_CONTENT_TYPES or generic_outside_word:
            unknown.add(part)
    return unknown


_USABLE: dict[bytes, bytes] = {}  # sha256 of a template → its sanitised bytes (bulk renders one template many times)


def usable(data: bytes, name: str = "模板") -> bytes:
    """The bytes to render from: *data* checked (RenderError on external or active content) and sanitised."""
    import hashlib

    from ..errors import RenderError

    key = hashlib.sha256(data).digest()
    if key not in _USABLE:
        data = as_document(data)  # a .dotx, or a .docx that names the .dotx it was made from
        errors = [p for p in package_problems(data, name) if p.severity == "error"]
        if errors:
            raise RenderError("模板含有不能带入报告的内容", errors)
        if len(_USABLE) > 8:
            _USABLE.clear()
        from .style_roles import canonical_styles

        _USABLE[key] = canonical_styles(sanitised(data))  # styles found by name, ids made fzbg's
    return _USABLE[key]



def _without_overrides(blob: bytes, dropped: set[str]) -> bytes:
    xml = blob.decode("utf-8")
    for part in dropped:
        xml = re.sub(r"<Override\b[^>]*PartName=\"/" + re.escape(part) + r"\"[^>]*/>", "", xml)
    return xml.encode("utf-8")


def _without_targets(blob: bytes, rels_part: str, dropped: set[str]) -> bytes:
    xml = blob.decode("utf-8")

    def keep(match: re.Match[str]) -> str:
        attributes = attribute_pairs(match.group(1))
        rel = Relationship(rels_part, attributes.get("Id", ""), "", attributes.get("Target", ""),
                           attributes.get("TargetMode", "").lower() == "external")
        return "" if not rel.external and resolve(rel) in dropped else match.group(0)

    return RELATIONSHIP.sub(keep, xml).encode("utf-8")


TEMPLATE_MAIN = _WML + "template.main+xml"
DOCUMENT_MAIN = _WML + "document.main+xml"
ATTACHED_TEMPLATE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
_ATTACHED_ELEMENT = re.compile(r"<w:attachedTemplate\b[^>]*/>")
# Only a .dotx on the author's own disk (file:///C:/…, C:\…): a remote or UNC target, or a .dotm, is the
# remote-template technique and stays refused by package_problems.
_LOCAL_DOTX = re.compile(r"(?:file:///)?[A-Za-z]:[\\/][^\"]*\.dotx", re.IGNORECASE)


def as_document(data: bytes) -> bytes:
    """*data* as a plain .docx: a .dotx's main part typed as a document, the link to an attached template dropped.

    A .dotx differs from a .docx only in its main part's content type. A .docx Word made from a .dotx names
    that file (``w:attachedTemplate``, an external relationship to a path on the author's machine): fzbg never
    reads it, and a rendered report must not point readers' Word at it, so the link goes. Anything else
    external is still refused by :func:`package_problems`.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        settings_rels = "word/_rels/settings.xml.rels"
        has_link = settings_rels in names and any(
            _is_local_dotx_link(m.group(1)) for m in RELATIONSHIP.finditer(package.read(settings_rels).decode("utf-8")))
        if TEMPLATE_MAIN.encode() not in types and not has_link:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as result:
            for info in package.infolist():
                blob = package.read(info)
                if info.filename == "[Content_Types].xml":
                    blob = blob.replace(TEMPLATE_MAIN.encode(), DOCUMENT_MAIN.encode())
                elif has_link and info.filename == settings_rels:
                    blob = RELATIONSHIP.sub(
                        lambda m: "" if _is_local_dotx_link(m.group(1)) else m.group(0), blob.decode("utf-8")
                    ).encode("utf-8")
                elif has_link and info.filename == "word/settings.xml":
                    blob = _ATTACHED_ELEMENT.sub("", blob.decode("utf-8")).encode("utf-8")
                result.writestr(info, blob)
        return out.getvalue()


def _is_local_dotx_link(attributes: str) -> bool:
    """True for an attachedTemplate relationship to a .dotx on a local drive (what Word writes for 公文.dotx)."""
    pairs = attribute_pairs(attributes)
    return pairs.get("Type") == ATTACHED_TEMPLATE and bool(_LOCAL_DOTX.fullmatch(pairs.get("Target", "")))
