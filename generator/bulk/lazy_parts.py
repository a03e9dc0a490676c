"""XML parts of a worker's template that are parsed only when something reads their XML.

A report leaves most parts of the template as they were loaded (the settings, the footers docxtpl renders
from text without Jinja …), yet putting them back before each report meant parsing each one again, and
saving meant serialising it again. A lazy part keeps the bytes python-docx would write for it and gives
them as its blob while nothing has asked for its element; the first access parses them with python-docx's
parser, after which it is an ordinary XmlPart of its class until :func:`reset` makes it lazy again.

Only bytes that come back unchanged through a parse and a serialisation are kept this way, so a part's
blob is the same whether or not it was parsed (checked once per part, in :func:`lazy_bytes`).
"""

from __future__ import annotations

from typing import Any, Union

from docx.opc.part import XmlPart

_LOADED, _ELEMENT = "_fzbg_loaded", "_fzbg_element"
_classes: dict[type, type] = {}


class LazyXmlPart(XmlPart):
    """Mixed in before a part's own class (see :func:`make_lazy`): ``_element`` parsed on first use."""

    @property  # python-docx sets it as a plain attribute in XmlPart.__init__: the setter below takes it
    def _element(self) -> Any:
        element = self.__dict__[_ELEMENT]
        if element is None:
            from docx.oxml.parser import parse_xml

            element = self.__dict__[_ELEMENT] = parse_xml(self.__dict__[_LOADED])
        return element

    @_element.setter
    def _element(self, value: Any) -> None:
        self.__dict__[_ELEMENT] = value

    @property
    def blob(self) -> bytes:
        found = self.known_blob
        return found if found is not None else bytes(super().blob)

    @property
    def known_blob(self) -> Union[bytes, None]:
        """The loaded bytes while the element has not been parsed (what ``blob`` is then), else None: the
        bytes of the part known without serialising it (render/font_table.py reads them)."""
        return self.__dict__[_LOADED] if self.__dict__[_ELEMENT] is None else None


def lazy_bytes(data: bytes) -> Union[bytes, None]:
    """What python-docx writes for a part loaded from *data*, when that is a fixed point of parsing and
    serialising (then a lazy part can stand for it); None otherwise."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    written = bytes(serialize_part_xml(parse_xml(data)))
    return written if bytes(serialize_part_xml(parse_xml(written))) == written else None


def make_lazy(part: XmlPart, written: bytes) -> None:
    """Make *part* lazy over *written* (from :func:`lazy_bytes`): its element is dropped until asked for."""
    cls = type(part)
    if not isinstance(part, LazyXmlPart):
        lazy = _classes.get(cls)
        if lazy is None:
            lazy = _classes[cls] = type(f"Lazy{cls.__name__}", (LazyXmlPart, cls), {})
        part.__dict__.pop("_element", None)
        part.__class__ = lazy
    part.__dict__[_LOADED] = written
    part.__dict__[_ELEMENT] = None


def reset(part: Any) -> None:
    """Back to the loaded bytes: whatever was parsed and changed is dropped."""
    part.__dict__[_ELEMENT] = None
