"""The template a bulk worker keeps between reports, and what docxtpl would otherwise redo for each one.

docxtpl prepares the same template XML anew on every ``render()``: regex clean-up (``patch_xml``) and
a Jinja compile, together about two thirds of a render here. Both depend only on the template, so a
worker keeps their results: :class:`CompilingOnceEnvironment` remembers compiled sources and
:class:`PatchingOnceTemplate` remembers ``patch_xml`` results (a pure function of its input string).
:class:`ReusingTemplate` keeps the loaded package itself and puts it back to its loaded state before each
report. The cached values are the ones docxtpl and python-docx would compute, so the output is identical
to a stock render (tests/test_bulk_render.py and tests/test_bulk_identical.py compare every part).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, MutableMapping
from typing import Any, Union

from docx.parts.styles import StylesPart
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, Template
from jinja2.nodes import Template as TemplateNode

from ..model.vocabulary import FontProfile
from ..render.sandbox import LimitedEnvironment
from .lazy_parts import lazy_bytes, make_lazy, reset
from .package import DeflateCache, remembered, save_package

_STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_LAZY, _XML, _BLOB = "lazy", "xml", "blob"  # how a restored part is put back
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
# The core properties docxtpl's render_properties renders (docxtpl 0.16–0.20).
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


def _plain_jinja(env: Any) -> bool:
    """Whether *env* reads Jinja only between ``{`` delimiters (no line statements or comments), so a text
    without "{" renders to itself whatever the context."""
    return env is not None and env.line_statement_prefix is None and env.line_comment_prefix is None


class CompilingOnceEnvironment(LimitedEnvironment):
    """The project's sandboxed, strict, autoescaping environment (render/sandbox.py), remembering compiled sources.

    Only ``from_string(source)`` without globals is cached: that is how docxtpl calls it. A compiled
    Jinja template holds no per-render state, so reusing it gives the same output as compiling anew.
    """

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=True)  # operators checked, nothing folded
        self._compiled: dict[str, Template] = {}

    def from_string(  # jinja's signature
        self,
        source: Union[str, TemplateNode],
        globals: Union[MutableMapping[str, Any], None] = None,  # noqa: A002
        template_class: Union[type[Template], None] = None,
    ) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template: Template = remembered(self._compiled, source, lambda: super(CompilingOnceEnvironment, self)
                                         .from_string(source))
        return template


class PatchingOnceTemplate(DocxTemplate):
    """docxtpl's template, remembering ``patch_xml`` per source string (it reads nothing but its argument)."""

    _patched: dict[str, str] = {}

    def patch_xml(self, src_xml: str) -> str:
        patched: str = remembered(self._patched, src_xml, lambda: super(PatchingOnceTemplate, self).patch_xml(src_xml))
        return patched


class ReusingTemplate(PatchingOnceTemplate):
    """One loaded template per worker and template, put back to its state as loaded before each report.

    docxtpl opens the whole package (ten parts parsed by python-docx) for every render, and python-docx
    deflates every part again on save: together about a third of a report. Here ``DocxTemplate(bytes)``
    returns the worker's instance for those bytes; before each render every part is restored from the
    bytes it had when loaded (the body from its XML, the other parts re-parsed, docxtpl's rendered
    footers unhooked), so a report sees exactly what a freshly opened template shows. Saving deflates
    only the parts whose bytes changed (:mod:`generator.bulk.package`). ``render.docx`` and its
    post-processing run unchanged on it; tests/test_bulk_render.py renders different reports, variants
    and font profiles one after another through one instance and compares every part with a fresh render.
    """

    _instances: dict[bytes, ReusingTemplate] = {}

    def __new__(cls, template_file: Any) -> ReusingTemplate:
        data = template_file.getvalue() if isinstance(template_file, io.BytesIO) else None
        found = cls._instances.get(data) if data is not None else None
        if found is not None:
            return found
        instance: ReusingTemplate = super().__new__(cls)
        if data is not None:
            if len(cls._instances) >= 4:  # the shipped template and a custom one, in practice
                cls._instances.clear()
            cls._instances[data] = instance
        return instance

    def __init__(self, template_file: Any) -> None:
        if self.__dict__.get("deflate") is not None:  # docxtpl forwards unknown attributes to .docx
            # render.docx wraps fix_tables for each report (verify_paragraph_count): wrap the method, not
            # the previous report's wrapper
            self.__dict__.pop("fix_tables", None)
            return
        super().__init__(template_file)
        self.deflate = DeflateCache()
        self._body_xml = ""
        self._rels: dict[str, Any] = {}
        self._parts: list[tuple[Any, str, bytes]] = []  # (part, _LAZY / _XML / _BLOB, its bytes as loaded)
        self._rendered_parts: dict[tuple[Any, bytes], Any] = {}  # (template part, rendered XML) → lazy part
        self._restored: set[Any] = set()  # the parts of _parts
        self._part_xml: dict[Any, str] = {}
        self._core_kept: Union[tuple[Any, Any, Any], None] = None
        self._plain: dict[str, tuple[Any, str]] = {}  # source → (environment, rendered), for sources without Jinja
        self._blob_empty: dict[Any, bool] = {}
        self._has_footnotes = True  # until the loaded template is looked at (_snapshot)

    def init_docx(self, reload: bool = True) -> None:
        if self.docx is None:
            super().init_docx(reload)
            self._snapshot()
        else:
            self._restore()  # also after a report that failed half-way
        self.is_rendered = False

    def get_xml(self) -> str:
        return self._body_xml  # the template's body, not the last report's

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        # docxtpl renders six core properties (title, author …) as Jinja templates. Text with no Jinja delimiter
        # renders to what depends on that text alone, and _restore has just put the template's text back: when
        # none of the six has a "{", the part docxtpl leaves is the same for every report, so it is kept after
        # the first report and put back as it was (render.docx then sets the report's title and author on it).
        import copy

        part = self.docx.part.package._core_properties_part
        kept = self._core_kept
        if kept is not None and kept[0] is part and kept[1] is jinja_env:
            part._element = copy.deepcopy(kept[2])  # a copy: empty texts stay "" (<x></x>), a re-parse makes them <x/>
            return
        props = part.core_properties
        static = (part in self._restored and _plain_jinja(jinja_env)
                  and all("{" not in getattr(props, name) for name in _RENDERED_PROPERTIES))
        super().render_properties(context, jinja_env)
        self._core_kept = (part, jinja_env, copy.deepcopy(part._element)) if static else None

    def get_part_xml(self, part: Any) -> str:
        # docxtpl serialises, re-parses and serialises a header or footer again before rendering it. It reads the
        # template's own part (its rendered copy is a new part), which _restore has just set back to the bytes it
        # had when loaded: its text is the same for every report, so it is kept per part.
        xml = self._part_xml.get(part)
        if xml is None:
            xml = self._part_xml[part] = super().get_part_xml(part)
        return xml

    def render_xml_part(self, src_xml: str, part: Any, context: dict[str, Any], jinja_env: Any = None) -> str:
        # A header or footer without any "{" holds no Jinja: what docxtpl makes of it (regex passes, a Jinja
        # render that can only return the text, the clean-ups) depends on that text and the environment's
        # settings alone, so it is rendered once and kept (the body always holds Jinja and is rendered each time).
        if "{" in src_xml or not _plain_jinja(jinja_env):
            rendered: str = super().render_xml_part(src_xml, part, context, jinja_env)
            return rendered
        found = self._plain.get(src_xml)
        if found is not None and found[0] is not jinja_env:  # rendered with another environment
            del self._plain[src_xml]
        found = remembered(self._plain, src_xml, lambda: (
            jinja_env, super(ReusingTemplate, self).render_xml_part(src_xml, part, context, jinja_env)))
        self.current_rendering_part = part
        return str(found[1])

    def map_headers_footers_xml(self, relKey: str, xml: bytes) -> None:  # docxtpl names it relKey
        # docxtpl loads each rendered header or footer as a new part, parsing it, and the save serialises it
        # again. The same rendered bytes of the same template part make the same part: it is kept, lazily
        # parsed (bulk/lazy_parts.py), and hooked in again for the next report that renders those bytes.
        rels = self.docx._part.rels
        key = (rels[relKey].target_part, xml)
        found = self._rendered_parts.get(key)
        if found is None:
            super().map_headers_footers_xml(relKey, xml)
            made = rels[relKey]._target
            written = lazy_bytes(made.blob)
            if written is None:
                return
            make_lazy(made, written)
            found = remembered(self._rendered_parts, key, lambda: made)
        reset(found)
        rels[relKey]._target = found

    def get_headers_footers(self, uri: str) -> Iterator[tuple[str, Any]]:
        # docxtpl serialises every header and footer to test that it is not empty. A part of the template, restored
        # from its bytes before each report (_restore), is empty or not once and for all; others are serialised.
        for rel_key, rel in self.docx._part.rels.items():
            if rel.reltype != uri:
                continue
            part = rel.target_part
            if part not in self._restored:
                if part.blob:
                    yield rel_key, part
                continue
            empty = self._blob_empty.get(part)
            if empty is None:
                empty = self._blob_empty[part] = not part.blob
            if not empty:
                yield rel_key, part

    def render_footnotes(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        # docxtpl walks every section and every part of the package for footnotes parts. Those are the
        # template's own parts (nothing adds one), so a template without any has none to render.
        if self._has_footnotes:
            super().render_footnotes(context, jinja_env)

    def fix_docpr_ids(self, tree: Any) -> None:
        # docxtpl's "//wp:docPr" XPath, compiled for every report; the same elements in the same (document) order.
        for element in tree.iter(_DOC_PR):
            self.docx_ids_index += 1
            element.attrib["id"] = str(self.docx_ids_index)

    def resolve_listing(self, xml: str) -> str:
        # docxtpl's three nested regex passes over every paragraph only ever rewrite a tab, \a, a newline or a
        # form feed inside text: XML without any of them comes back unchanged, so it is returned as it is.
        if not any(char in xml for char in "\t\a\n\f"):
            return xml
        resolved: str = super().resolve_listing(xml)
        return resolved

    def _snapshot(self) -> None:
        from docx.opc.oxml import serialize_part_xml
        from docx.opc.part import XmlPart

        assert self.docx is not None
        main = self.docx.part
        self._body_xml = self.xml_to_string(self.docx.element.body)
        self._rels = {rid: rel._target for rid, rel in main.rels.items()}
        # The styles part is left as it is between reports: only post.apply_font_profile changes it, and it
        # leaves it exactly as a fresh copy with the report's profile applied (see there).
        self._parts = []
        for part in main.package.iter_parts():
            if part is main or part.content_type == _STYLES_TYPE:
                continue
            if not isinstance(part, XmlPart):
                self._parts.append((part, _BLOB, part.blob))
                continue
            data = serialize_part_xml(part.element)
            if lazy_bytes(data) == data:  # parsed again only if a report reads it (bulk/lazy_parts.py)
                make_lazy(part, data)
                self._parts.append((part, _LAZY, data))
            else:
                self._parts.append((part, _XML, data))
        self._restored = {part for part, _kind, _data in self._parts}
        self._has_footnotes = any(part.content_type == _FOOTNOTES_TYPE for part in self._restored)
        package = main.package
        package.save = lambda target: save_package(package, target, self.deflate)
        styles = main._styles_part
        if type(styles) is StylesPart:
            styles.__class__ = KeptStylesPart

    def _restore(self) -> None:
        from docx.oxml.parser import parse_xml

        assert self.docx is not None
        rels = self.docx.part.rels
        for rid in [rid for rid in rels if rid not in self._rels]:
            del rels[rid]
        for rid, target in self._rels.items():
            rels[rid]._target = target  # docxtpl hooks rendered footers in here
        for part, kind, data in self._parts:
            if kind is _LAZY:
                reset(part)
            elif kind is _XML:
                part._element = parse_xml(data)
            else:
                part._blob = data
        self.docx._Document__body = None  # python-docx caches the replaced body


class KeptStylesPart(StylesPart):
    """A worker's styles part (kept between reports): serialised once per font profile.

    Its element changes only through post.apply_font_profile, which leaves it exactly as a fresh copy with
    that profile; while post knows that state, the text is the same, so it is serialised once per profile
    (the font table's scan and the save each read it). In any other state it is serialised as python-docx does.
    """

    @property
    def blob(self) -> bytes:
        found = self.known_blob
        if found is None:
            from ..render.post import profile_state

            found = bytes(super().blob)
            state = profile_state(self._element)
            if state is not None:
                self.__dict__["_kept"][state] = found
        return found

    @property
    def known_blob(self) -> Union[bytes, None]:
        """The serialisation kept for the profile the styles are in, if one is (the same bytes object each time:
        render/font_table.py reads its fonts once per profile)."""
        from ..render.post import profile_state

        state = profile_state(self._element)
        if state is None:
            return None
        if self.__dict__.get("_kept_for") is not self._element:  # another element: nothing known of it
            self.__dict__.update(_kept_for=self._element, _kept={})
        kept: dict[FontProfile, bytes] = self.__dict__["_kept"]
        return kept.get(state)
