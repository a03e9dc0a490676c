"""The bulk worker's compile-once rendering gives exactly what stock docxtpl + render.py give."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from jinja2.sandbox import SandboxedEnvironment

from generator.api import load_report
from generator.bulk.template_reuse import CompilingOnceEnvironment, PatchingOnceTemplate
from generator.bulk.worker import render_bytes
from generator.render.docx import default_template_bytes, render_docx_bytes

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SEEDS = ["seed-meixian-2024.yaml", "seed-haizhu-2024.yaml", "seed-zhongshan-2025.yaml", "minimal.yaml"]


def parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.fixture(scope="module")
def shared_env() -> CompilingOnceEnvironment:
    """One environment for every render in this module, as one worker keeps it for all its bureaus."""
    return CompilingOnceEnvironment()


@pytest.mark.parametrize("fonts", ["gb2312", "windows"])
@pytest.mark.parametrize("variant", ["formal", "public"])
@pytest.mark.parametrize("example", SEEDS)
def test_identical_to_stock_render(example: str, variant: str, fonts: str, shared_env: CompilingOnceEnvironment) -> None:
    """Verify word/document.xml and every other part equal render_docx_bytes (stock DocxTemplate.render)."""
    report, _ = load_report(EXAMPLES / example)
    stock = parts(render_docx_bytes(report, variant=variant, fonts=fonts))
    bulk = parts(render_bytes(report, variant, fonts, default_template_bytes(), shared_env))
    assert list(bulk) == list(stock)
    assert bulk["word/document.xml"] == stock["word/document.xml"]
    for name in stock:
        assert bulk[name] == stock[name], name


def test_cached_templates_do_not_carry_data_between_reports(shared_env: CompilingOnceEnvironment) -> None:
    """Verify rendering A, then B, then A again gives A's document both times."""
    first, _ = load_report(EXAMPLES / "minimal.yaml")
    other, _ = load_report(EXAMPLES / "seed-haizhu-2024.yaml")
    template = default_template_bytes()
    before = parts(render_bytes(first, "formal", "gb2312", template, shared_env))
    render_bytes(other, "formal", "gb2312", template, shared_env)
    after = parts(render_bytes(first, "formal", "gb2312", template, shared_env))
    assert after == before


def test_template_is_compiled_and_patched_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Verify the optimisation is active: after the first report, no Jinja compile and no patch_xml run."""
    compiles: list[int] = []
    original_compile = SandboxedEnvironment.compile

    def counting_compile(self, *args, **kwargs):
        compiles.append(1)
        return original_compile(self, *args, **kwargs)

    monkeypatch.setattr(SandboxedEnvironment, "compile", counting_compile)
    monkeypatch.setattr(PatchingOnceTemplate, "_patched", {})
    patches: list[int] = []
    original_patch = PatchingOnceTemplate.__mro__[1].patch_xml

    def counting_patch(self, src_xml):
        patches.append(1)
        return original_patch(self, src_xml)

    monkeypatch.setattr(PatchingOnceTemplate.__mro__[1], "patch_xml", counting_patch)
    env = CompilingOnceEnvironment()
    report, _ = load_report(EXAMPLES / "minimal.yaml")
    render_bytes(report, "formal", "gb2312", default_template_bytes(), env)
    first_compiles, first_patches = len(compiles), len(patches)
    assert first_compiles > 0 and first_patches > 0
    for _ in range(3):
        render_bytes(report, "formal", "gb2312", default_template_bytes(), env)
    assert len(compiles) == first_compiles and len(patches) == first_patches


def test_environment_is_still_strict_and_sandboxed() -> None:
    """Verify the caching environment keeps StrictUndefined, autoescape and the sandbox."""
    from jinja2 import UndefinedError
    from jinja2.exceptions import SecurityError

    env = CompilingOnceEnvironment()
    assert env.from_string("{{ x }}").render(x="<a&b>") == "&lt;a&amp;b&gt;"
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()
    with pytest.raises(SecurityError):
        env.from_string("{{ x.__class__.__mro__ }}").render(x="")


def test_one_loaded_template_serves_every_report_and_unchanged_parts_are_not_deflated_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Verify the worker opens the template package once and deflates only the parts that changed, and that
    its packages still hold exactly the parts of a fresh render (also after a report that failed half-way)."""
    import docxtpl.template

    from generator.bulk.template_reuse import ReusingTemplate
    from generator.render import post

    monkeypatch.setattr(ReusingTemplate, "_instances", {})
    opened: list[int] = []
    original_open = docxtpl.template.Document

    def counting_open(*args, **kwargs):
        opened.append(1)
        return original_open(*args, **kwargs)

    monkeypatch.setattr(docxtpl.template, "Document", counting_open)
    env = CompilingOnceEnvironment()
    template = default_template_bytes()
    reports = [load_report(EXAMPLES / name)[0] for name in SEEDS]
    for report in reports:
        render_bytes(report, "formal", "gb2312", template, env)
    original_fit = post.fit_mark

    def failing_fit(document):
        document.paragraphs[0].text = "半途而废"  # the state is dirtied, then the report fails
        raise RuntimeError("half-way")

    monkeypatch.setattr(post, "fit_mark", failing_fit)
    with pytest.raises(RuntimeError):
        render_bytes(reports[1], "public", "windows", template, env)
    monkeypatch.setattr(post, "fit_mark", original_fit)
    assert len(opened) == 1
    for report in reports:
        for variant, fonts in (("public", "windows"), ("formal", "gb2312")):
            bulk = parts(render_bytes(report, variant, fonts, template, env))
            monkeypatch.setattr(docxtpl.template, "Document", original_open)
            assert bulk == parts(render_docx_bytes(report, variant=variant, fonts=fonts))
            monkeypatch.setattr(docxtpl.template, "Document", counting_open)
    assert len(opened) == 1
    cache = ReusingTemplate._instances[template].deflate
    assert cache.reused > cache.deflated  # styles, settings, theme … deflated once per worker


def test_parts_left_as_loaded_are_not_parsed_and_a_changed_one_is_put_back(shared_env: CompilingOnceEnvironment) -> None:
    """Verify the settings and the rendered footers stay unparsed through a report (their loaded bytes are
    written as they are), and that a part parsed and changed after one report is back as loaded for the next."""
    from docx.oxml.ns import qn

    from generator.bulk.lazy_parts import LazyXmlPart
    from generator.bulk.template_reuse import ReusingTemplate

    report, _ = load_report(EXAMPLES / "minimal.yaml")
    template = default_template_bytes()
    stock = parts(render_docx_bytes(report, variant="formal"))
    render_bytes(report, "formal", "gb2312", template, shared_env)
    package = ReusingTemplate._instances[template].docx.part.package
    lazy = {str(part.partname): part for part in package.iter_parts() if isinstance(part, LazyXmlPart)}
    assert {"/word/settings.xml", "/word/footer1.xml", "/word/footer2.xml"} <= set(lazy)
    assert all(lazy[name].known_blob is not None for name in ("/word/settings.xml", "/word/footer1.xml"))
    lazy["/word/settings.xml"].element.append(lazy["/word/settings.xml"].element.makeelement(qn("w:evenAndOddHeaders"), {}))
    lazy["/word/footer1.xml"].element.clear()
    assert parts(render_bytes(report, "formal", "gb2312", template, shared_env)) == stock
