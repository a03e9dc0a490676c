"""A .dotx (and a .docx Word made from a .dotx) is accepted as a template (render/template_package.as_document)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from generator.render.docx import default_template_bytes

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "minimal.yaml"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
ATTACHED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def rebuilt(edit: dict[str, bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(default_template_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            target.writestr(info, edit.get(info.filename, blob))
        for name, blob in (extra or {}).items():
            target.writestr(name, blob)
    return out.getvalue()


def dotx() -> bytes:
    """The default template saved as a Word template: only the main part's content type differs."""
    types = zipfile.ZipFile(io.BytesIO(default_template_bytes())).read("[Content_Types].xml")
    return rebuilt({"[Content_Types].xml": types.replace(b"document.main+xml", b"template.main+xml")})


LOCAL = "file:///C:\\Users\\fzk\\AppData\\Roaming\\Microsoft\\Templates\\公文.dotx"


def docx_from_dotx(target: str = LOCAL) -> bytes:
    """A .docx as Word writes it when a document is created from 公文.dotx: settings name the template file."""
    settings = zipfile.ZipFile(io.BytesIO(default_template_bytes())).read("word/settings.xml").decode()
    settings = settings.replace('<w:settings xmlns:w="', f'<w:settings xmlns:r="{R_NS}" xmlns:w="', 1)
    settings = re.sub(r"(<w:settings\b[^>]*>)", r'\1<w:attachedTemplate r:id="rIdT"/>', settings, count=1)
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdT" Type="{ATTACHED}" '
            f'Target="{target}" '
            'TargetMode="External"/></Relationships>')
    return rebuilt({"word/settings.xml": settings.encode()}, {"word/_rels/settings.xml.rels": rels.encode()})


def test_dotx_is_checked_and_renders_as_a_docx(tmp_path, cli, docx_text) -> None:
    """Verify ``template check`` passes a .dotx and ``render --template`` gives a .docx typed as a document."""
    template = tmp_path / "公文.dotx"
    template.write_bytes(dotx())
    result = cli("template", "check", template)
    assert result.code == 0 and "检查通过" in result.out, result.out + result.err
    out = tmp_path / "r.docx"
    result = cli("render", EXAMPLE, "-o", out, "--variant", "public", "--template", template)
    assert result.code == 0, result.out + result.err
    types = zipfile.ZipFile(out).read("[Content_Types].xml").decode()
    assert WML + "document.main+xml" in types and "template.main+xml" not in types
    assert "2025年度法治政府建设情况的报告" in docx_text(out)


def test_docx_made_from_a_dotx_is_accepted_without_its_link(tmp_path, cli) -> None:
    """Verify the attachedTemplate link (external, to the author's disk) is dropped, not refused or carried on."""
    template = tmp_path / "mine.docx"
    template.write_bytes(docx_from_dotx())
    result = cli("template", "check", template)
    assert result.code == 0 and "检查通过" in result.out, result.out + result.err
    out = tmp_path / "r.docx"
    assert cli("render", EXAMPLE, "-o", out, "--variant", "public", "--template", template).code == 0
    package = zipfile.ZipFile(out)
    assert "attachedTemplate" not in package.read("word/settings.xml").decode()
    rels = [n for n in package.namelist() if n.endswith(".rels")]
    assert not any(b"file:///" in package.read(n) for n in rels)


def test_other_external_links_in_settings_are_still_refused(tmp_path, cli) -> None:
    """Verify only the attached-template link is forgiven: another external relationship is still an error."""
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdX" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/image" Target="http://example.org/x.png" '
            'TargetMode="External"/></Relationships>')
    template = tmp_path / "mine.dotx"
    template.write_bytes(rebuilt({}, {"word/_rels/settings.xml.rels": rels.encode()}))
    code, out, err = cli("template", "check", template)
    assert code == 1 and "example.org" in out + err


def test_a_remote_or_shared_attached_template_is_still_refused(tmp_path, cli) -> None:
    """Verify only a .dotx on a local drive is forgiven: a URL or a UNC share is the remote-template technique."""
    for target in ("https://example.org/公文.dotx", "\\\\fileserver\\share\\公文.dotx", "file:///C:/t/x.dotm"):
        template = tmp_path / "mine.docx"
        template.write_bytes(docx_from_dotx(target))
        code, out, err = cli("template", "check", template)
        assert code == 1 and "附加的外部模板" in out + err, target
