"""Builders of templates with external links and active content, and a canary HTTP server that counts requests.

Used by test_hostile_security.py. Each builder edits the shipped template the way Word writes such content
(relationships in ``word/_rels/*.rels``, content types in ``[Content_Types].xml``), so the checks are judged
on what a real hostile file looks like, not on file names.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hostile_files import png, rewrite_zip, template_bytes

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOC_RELS = "word/_rels/document.xml.rels"


class Canary:
    """A local HTTP server on 127.0.0.1: every request (any method) is recorded."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        canary = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _record(self) -> None:
                canary.requests.append(f"{self.command} {self.path}")
                body = png()
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = do_POST = _record

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
                return

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Canary:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def canary_server() -> Iterator[Canary]:
    with Canary() as canary:
        yield canary


def _add_relationship(rels: bytes, rel_id: str, kind: str, target: str, external: bool) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    entry = f'<Relationship Id="{rel_id}" Type="{R}/{kind}" Target="{target}"{mode}/>'
    return rels.replace(b"</Relationships>", entry.encode() + b"</Relationships>")


def _append_to_body(xml: bytes, fragment: str) -> bytes:
    """*fragment* (a paragraph) inserted before the body's section properties."""
    at = xml.rindex(b"<w:sectPr")
    return xml[:at] + fragment.encode() + xml[at:]


def _ensure_namespaces(xml: bytes) -> bytes:
    """The drawing namespaces a picture paragraph needs, declared on w:document when missing."""
    needed = {
        "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
        "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
        "r": R,
    }
    head_end = xml.index(b">", xml.index(b"<w:document"))
    head = xml[:head_end]
    for prefix, uri in needed.items():
        if f"xmlns:{prefix}=".encode() not in head:
            head += f' xmlns:{prefix}="{uri}"'.encode()
    return head + xml[head_end:]


def picture_paragraph(attribute: str, rel_id: str) -> str:
    """An inline picture whose blip is ``r:embed`` or ``r:link`` to *rel_id*."""
    return (
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="99" name="p"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="99" name="p"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip {attribute}="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r></w:p>"
    )


def linked_images(targets: list[str], base: bytes | None = None) -> bytes:
    """A template (or *base* .docx) with one picture linked (``r:link``, TargetMode External) to each target."""
    rels_edit = lambda rels: _multi(rels, targets)  # noqa: E731 - one line per edit reads best here

    def body(xml: bytes) -> bytes:
        xml = _ensure_namespaces(xml)
        for i, _ in enumerate(targets):
            xml = _append_to_body(xml, picture_paragraph("r:link", f"rIdLink{i}"))
        return xml

    return rewrite_zip(base if base is not None else template_bytes(), {DOC_RELS: rels_edit, "word/document.xml": body})


def _multi(rels: bytes, targets: list[str]) -> bytes:
    for i, target in enumerate(targets):
        rels = _add_relationship(rels, f"rIdLink{i}", "image", target, external=True)
    return rels


def remote_attached_template(url: str) -> bytes:
    """The remote-template technique: settings.xml.rels points an attachedTemplate at a URL."""
    rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdT" '
            f'Type="{R}/attachedTemplate" Target="{url}" TargetMode="External"/></Relationships>').encode()

    def settings(xml: bytes) -> bytes:
        at = xml.index(b">", xml.index(b"<w:settings")) + 1
        return xml[:at] + f'<w:attachedTemplate xmlns:r="{R}" r:id="rIdT"/>'.encode() + xml[at:]

    return rewrite_zip(template_bytes(), {"word/settings.xml": settings}, {"word/_rels/settings.xml.rels": rels})


def file_hyperlink(target: str) -> bytes:
    def body(xml: bytes) -> bytes:
        xml = _ensure_namespaces(xml)
        return _append_to_body(xml, '<w:p><w:hyperlink r:id="rIdH"><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>')

    return rewrite_zip(template_bytes(), {
        DOC_RELS: lambda rels: _add_relationship(rels, "rIdH", "hyperlink", target, external=True),
        "word/document.xml": body,
    })


def _with_content_type(types: bytes, part: str, content_type: str) -> bytes:
    entry = f'<Override PartName="/{part}" ContentType="{content_type}"/>'
    return types.replace(b"</Types>", entry.encode() + b"</Types>")


def embedded_ole() -> bytes:
    """An embedded OLE object (``w:object`` with an oleObject relationship and its binary part)."""
    part = "word/embeddings/oleObject1.bin"
    return rewrite_zip(template_bytes(), {
        DOC_RELS: lambda rels: _add_relationship(rels, "rIdO", "oleObject", "embeddings/oleObject1.bin", external=False),
        "[Content_Types].xml": lambda t: _with_content_type(t, part, "application/vnd.openxmlformats-officedocument.oleObject"),
    }, {part: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)})


def renamed_vba_project() -> bytes:
    """A VBA project saved as word/project.bin, reached by a vbaProject relationship (no 'vbaProject.bin' anywhere)."""
    part = "word/project.bin"
    return rewrite_zip(template_bytes(), {
        DOC_RELS: lambda rels: rels.replace(b"</Relationships>", (
            b'<Relationship Id="rIdV" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
            b'Target="project.bin"/></Relationships>')),
        "[Content_Types].xml": lambda t: _with_content_type(t, part, "application/vnd.ms-office.vbaProject"),
    }, {part: b"\xd0\xcf\x11\xe0" + bytes(512)})


def fetching_field(url: str) -> bytes:
    """An INCLUDEPICTURE field, split over runs as Word writes it."""
    def body(xml: bytes) -> bytes:
        field = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> INCLUDE'
                 f'</w:instrText></w:r><w:r><w:instrText xml:space="preserve">PICTURE "{url}" \\d </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
        return _append_to_body(xml, field)

    return rewrite_zip(template_bytes(), {"word/document.xml": body})


def custom_xml_part() -> bytes:
    """An inert part fzbg does not know (custom XML, as SharePoint and some OA systems add)."""
    rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
    return rewrite_zip(template_bytes(), {
        DOC_RELS: lambda r: _add_relationship(r, "rIdC", "customXml", "../customXml/item1.xml", external=False),
    }, {"customXml/item1.xml": b"<root><secret>OA-INTERNAL-42</secret></root>", "customXml/_rels/item1.xml.rels": rels})


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
