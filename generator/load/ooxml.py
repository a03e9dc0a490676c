"""Reading an OOXML package (.docx) as parts: content types, relationships, and fields that fetch.

Shared by the template policy (``render/template_package.py``) and the guard before every LibreOffice
conversion (``office.py``): both judge a package by what its parts are, never by file names. Call only on
packages that passed ``safezip.package_problems`` (sizes, entry names and DTDs are checked there).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from ..errors import Place, Problem

FETCHING_FIELDS = ("INCLUDETEXT", "INCLUDEPICTURE", "INCLUDE", "LINK", "DDE", "DDEAUTO", "IMPORT", "DATABASE")
FIELD_WORDS = re.compile(r"^\s*(" + "|".join(FETCHING_FIELDS) + r")\b", re.IGNORECASE)
_INSTR_TEXT = re.compile(r"<w:instrText\b[^>]*>([^<]*)</w:instrText>")
_FIELD_BEGIN = re.compile(r"w:fldCharType=\"begin\"")
_FIELD_CODE_END = re.compile(r"w:fldCharType=\"(?:separate|end)\"")
_FLD_SIMPLE = re.compile(r"<w:fldSimple\b[^>]*\bw:instr=\"([^\"]*)\"")
RELATIONSHIP = re.compile(r"<(?:\w+:)?Relationship\b([^>]*)/?>", re.DOTALL)
ATTRIBUTE = re.compile(r"([\w:]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_REL_ID_USE = re.compile(r"\br:(?:id|embed|link|pict|href|dm|lo|qs|cs)=\"([^\"]+)\"")
_OVERRIDE = re.compile(r"<Override\b[^>]*?PartName=\"([^\"]+)\"[^>]*?ContentType=\"([^\"]+)\"[^>]*/>"
                       r"|<Override\b[^>]*?ContentType=\"([^\"]+)\"[^>]*?PartName=\"([^\"]+)\"[^>]*/>")
_DEFAULT = re.compile(r"<Default\b[^>]*?Extension=\"([^\"]+)\"[^>]*?ContentType=\"([^\"]+)\"[^>]*/>"
                      r"|<Default\b[^>]*?ContentType=\"([^\"]+)\"[^>]*?Extension=\"([^\"]+)\"[^>]*/>")
MAX_PART = 64 * 1024 * 1024  # no XML part of a template or a report is near this; the safezip check bounds it first


@dataclass(frozen=True)
class Relationship:
    """One entry of a ``.rels`` part."""

    source: str  # the .rels part it is written in
    rel_id: str
    kind: str  # the last segment of the relationship type, lower case
    target: str
    external: bool


def external_references(data: bytes) -> list[str]:
    """Targets of external relationships and fetching fields of a .docx (empty for a safe one)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        found = [rel.target for rel in relationships(package) if rel.external]
        found += [rel.kind for rel in relationships(package) if rel.kind in ("attachedtemplate", "afchunk", "subdocument")]
        for part in xml_parts(package):
            found += [p.message for p in field_problems(read_part(package, part), Place(part))]
    return found


# ---------------------------------------------------------------- reading the package


def read_part(package: zipfile.ZipFile, part: str) -> str:
    with package.open(part) as handle:
        return handle.read(MAX_PART).decode("utf-8", errors="replace")


def content_types(package: zipfile.ZipFile) -> dict[str, str]:
    """Part name (without the leading /) → content type, for every part in the zip."""
    names = [n for n in package.namelist() if not n.endswith("/")]
    if "[Content_Types].xml" not in names:
        return {}
    xml = read_part(package, "[Content_Types].xml")
    overrides = {}
    for match in _OVERRIDE.finditer(xml):
        part, content_type = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        overrides[part.lstrip("/")] = content_type
    defaults = {}
    for match in _DEFAULT.finditer(xml):
        ext, content_type = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        defaults[ext.lower()] = content_type
    types = {}
    for name in names:
        if name == "[Content_Types].xml":
            continue
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        types[name] = overrides.get(name, defaults.get(ext, "application/octet-stream"))
    return types


def relationships(package: zipfile.ZipFile) -> list[Relationship]:
    found = []
    for part in package.namelist():
        if not part.endswith(".rels"):
            continue
        for match in RELATIONSHIP.finditer(read_part(package, part)):
            attributes = attribute_pairs(match.group(1))
            kind = attributes.get("Type", "").rstrip("/").rsplit("/", 1)[-1].lower()
            external = attributes.get("TargetMode", "").lower() == "external"
            found.append(Relationship(part, attributes.get("Id", ""), kind, attributes.get("Target", ""), external))
    return found


def attribute_pairs(text: str) -> dict[str, str]:
    """The ``name="value"`` pairs of an XML start tag's inside."""
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in ATTRIBUTE.finditer(text)}


def rels_of(part: str) -> str:
    """The part a ``.rels`` part belongs to (``word/_rels/x.xml.rels`` → ``word/x.xml``)."""
    folder, _, file_name = part.rpartition("_rels/")
    return folder + file_name[:-5] if part.endswith(".rels") and file_name else ""


def resolve(rel: Relationship) -> str:
    """The part a relationship points at, as a zip entry name."""
    if rel.target.startswith("/"):
        return rel.target.lstrip("/")
    owner = rels_of(rel.source)
    return posixpath.normpath(posixpath.join(posixpath.dirname(owner), rel.target))


def xml_parts(package: zipfile.ZipFile) -> list[str]:
    return [n for n in package.namelist() if re.fullmatch(r"word/[^/]+\.xml", n)]


def field_problems(xml: str, place: Place) -> list[Problem]:
    problems = []
    codes = [m.group(1) for m in _FLD_SIMPLE.finditer(xml)]
    # A complex field's code may be split over runs anywhere ("INCLUDE" + "PICTURE"): join the instrText
    # of each field, from its begin to its separate or end.
    for chunk in _FIELD_BEGIN.split(xml)[1:]:
        code_part = _FIELD_CODE_END.split(chunk, maxsplit=1)[0]
        codes.append("".join(m.group(1) for m in _INSTR_TEXT.finditer(code_part)))
    for code in codes:
        match = FIELD_WORDS.match(code.replace("&quot;", '"'))
        if match:
            problems.append(Problem(f"含有会读取其他文件或网址的域（{match.group(1).upper()}）：请在 Word 中选中该域，"
                                    "按 Ctrl+Shift+F9 转为普通文字后另存", place))
    return problems


def referenced(package: zipfile.ZipFile, relationships: list[Relationship], parts: set[str]) -> set[str]:
    """The parts of *parts* that an XML part points at by relationship id (r:id, r:embed …)."""
    found = set()
    for rel in relationships:
        target = resolve(rel)
        owner = rels_of(rel.source)
        if rel.external or target not in parts or not owner or owner not in package.namelist():
            continue
        if owner.endswith(".xml") and rel.rel_id in set(_REL_ID_USE.findall(read_part(package, owner))):
            found.add(target)
    return found


