"""The roles of a template's styles, found by style name, and the template's ids put back to fzbg's own.

fzbg adjusts paragraphs by their style (the font profile, the 标志 size, the 落款 indents …). A style id does
not survive a re-save: Word's Chinese locale writes "a", "1", "a3", "10" …, WPS numbers its styles and
LibreOffice writes Style19 …; what all three keep is the style's name (``w:name``, measured on a LibreOffice
round trip, and what Word shows in its style gallery). So a custom template's styles are matched to their
role by name (or by one of its ``w:aliases``) and the ids, with every reference to them, are rewritten to
fzbg's canonical ids before rendering; the rest of the renderer keeps speaking ids.
"""

from __future__ import annotations

import io
import re
import zipfile

# fzbg style id → the name the shipped template gives it (tools/build_templates.py writes these names).
STYLE_NAMES: dict[str, str] = {
    "Body": "正文",
    "FzClosing": "结束语",
    "Heading1": "heading 1",  # Word's built-in headings (shown as 标题 1 …), aliases 一级标题 …
    "Heading2": "heading 2",
    "Heading3": "heading 3",
    "Heading4": "heading 4",
    "FzHeading1Char": "一级标题字符",
    "FzHeading2Char": "二级标题字符",
    "FzHeading3Char": "三级标题字符",
    "FzHeading4Char": "四级标题字符",
    "Mark": "发文机关标志",
    "MarkGap": "版头空白",
    "DocNumber": "发文字号",
    "SignerName": "签发人姓名",
    "FzTitle": "公文标题",
    "Recipient": "主送机关",
    "Attachment": "附件说明",
    "AttachmentMore": "附件说明续行",
    "SignatureGap": "落款前空行",
    "SignatureName": "署名",
    "SignatureDate": "成文日期",
    "Imprint": "版记",
    "ImprintEnd": "版记后",
    "FzPageNumber": "页码",
}
# Other names of the same role: the headings' Chinese names (their aliases, and their names in templates
# exported before the headings became Word's built-ins), as Word's Chinese UI shows them too.
EXTRA_NAMES: dict[str, str] = {
    f"{prefix}{n}{suffix}": f"Heading{n}" for n in "1234" for prefix, suffix in (("标题 ", ""), ("标题", ""))
} | {f"{c}级标题": f"Heading{n}" for n, c in zip("1234", "一二三四", strict=True)}
# How a role is named to the user (Chinese first).
ROLE_LABELS: dict[str, str] = STYLE_NAMES | {f"Heading{n}": f"{c}级标题（heading {n}）"
                                             for n, c in zip("1234", "一二三四", strict=True)}

# Roles a template must have for the adjustments to reach their paragraphs (the character styles of the
# headings only carry fonts and may be absent).
REQUIRED_ROLES = [sid for sid in STYLE_NAMES if not sid.endswith("Char")]

_STYLE = re.compile(r"<w:style\b([^>]*)>(.*?)</w:style>", re.DOTALL)
_STYLE_ID = re.compile(r"\bw:styleId=\"([^\"]*)\"")
_NAME = re.compile(r"<w:name\s+w:val=\"([^\"]*)\"")
_ALIASES = re.compile(r"<w:aliases\s+w:val=\"([^\"]*)\"")
_REFERENCE = re.compile(r"(<w:(?:pStyle|rStyle|tblStyle|basedOn|next|link)\b[^>]*?\bw:val=\")([^\"]*)(\")")
_BY_NAME = {name.casefold(): sid for sid, name in STYLE_NAMES.items()} | EXTRA_NAMES
_STYLED_PARTS = re.compile(r"word/(document|styles|header\d*|footer\d*|footnotes|endnotes|numbering)\.xml")


def _unescape(value: str) -> str:
    return value.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def role_of(attributes: str, body: str) -> str | None:
    """fzbg's id for the style whose start-tag attributes and content are given, by its name or aliases."""
    if 'w:default="1"' in attributes and 'w:type="paragraph"' in attributes:
        return "Normal"  # the default paragraph style, whatever Word or WPS calls it
    names: list[str] = []
    name = _NAME.search(body)
    if name:
        names.append(_unescape(name.group(1)))
    aliases = _ALIASES.search(body)
    if aliases:
        names += re.split(r"[,，]", _unescape(aliases.group(1)))
    for candidate in names:
        found = _BY_NAME.get(candidate.strip().casefold())
        if found:
            return found
    return None


def id_mapping(styles_xml: str) -> dict[str, str]:
    """Template style id → fzbg id, for the styles whose id is not already fzbg's (empty when none).

    A style keeping an id that a role now takes (a built-in "Title" under another name) gets a free id.
    """
    styles = [(m.group(1), m.group(2)) for m in _STYLE.finditer(styles_xml)]
    ids = [match.group(1) if (match := _STYLE_ID.search(a)) else "" for a, _ in styles]
    roles = [role_of(a, b) for a, b in styles]
    claimed: dict[str, str] = {}
    for sid, role in zip(ids, roles, strict=True):
        if role is not None and role not in claimed.values():
            claimed[sid] = role
    taken = set(claimed.values())
    mapping = {sid: role for sid, role in claimed.items() if sid != role}
    used = set(ids) | taken
    for sid in ids:
        # an fzbg id under another name loses it too: the role is the name's, never the id's alone
        if (sid in taken and sid not in claimed) or (sid in STYLE_NAMES and sid not in claimed and sid not in mapping):
            free = next(f"{sid}Own{n}" for n in range(1, 1000) if f"{sid}Own{n}" not in used)
            used.add(free)
            mapping[sid] = free
    return mapping


def canonical_styles(data: bytes) -> bytes:
    """*data* (a .docx) with its styles' ids rewritten to fzbg's, found by name; unchanged when they already are."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if "word/styles.xml" not in package.namelist():
            return data
        mapping = id_mapping(package.read("word/styles.xml").decode("utf-8", errors="replace"))
        if not mapping:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as result:
            for info in package.infolist():
                blob = package.read(info)
                if _STYLED_PARTS.fullmatch(info.filename):
                    blob = _renamed(blob.decode("utf-8"), mapping).encode("utf-8")
                result.writestr(info, blob)
    return out.getvalue()


def _renamed(xml: str, mapping: dict[str, str]) -> str:
    def reference(match: re.Match[str]) -> str:
        return match.group(1) + mapping.get(match.group(2), match.group(2)) + match.group(3)

    def style_id(match: re.Match[str]) -> str:
        return f'w:styleId="{mapping.get(match.group(1), match.group(1))}"'

    return _STYLE_ID.sub(style_id, _REFERENCE.sub(reference, xml))


def missing_roles(data: bytes) -> list[str]:
    """fzbg ids of the required roles that no style of the .docx *data* carries by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if "word/styles.xml" not in package.namelist():
            return list(REQUIRED_ROLES)
        xml = package.read("word/styles.xml").decode("utf-8", errors="replace")
    found = {role_of(m.group(1), m.group(2)) for m in _STYLE.finditer(xml)}
    return [sid for sid in REQUIRED_ROLES if sid not in found]
