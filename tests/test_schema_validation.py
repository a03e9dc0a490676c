"""Every kind of .docx fzbg writes validates against the ISO/IEC 29500 Transitional schemas.

The schemas and their validator live in ``../shared/ooxml-schemas`` (validate.py, lxml). The validator builds
its XMLSchema from all.xsd when imported, so it is loaded once per session. Without the folder the tests skip
on a developer's machine and fail under CI (tests/shared.py).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from shared import edited_template

from generator.api import load_report
from generator.render.docx import default_template_bytes, render_docx_bytes

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SEEDS = ["minimal.yaml", "seed-haizhu-2024.yaml", "seed-meixian-2024.yaml", "seed-zhongshan-2025.yaml"]


@pytest.fixture(scope="session")
def validator(ooxml_schemas: Path) -> ModuleType:
    """../shared/ooxml-schemas/validate.py, imported once (it compiles all.xsd at import)."""
    pytest.importorskip("lxml")
    spec = importlib.util.spec_from_file_location("ooxml_validate", ooxml_schemas / "validate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def violations(validator: ModuleType, path: Path) -> list[tuple[str, str, str]]:
    """The schema violations of the .docx at *path* (the validator's notes about MCE left out)."""
    checked, found = validator.validate_docx(str(path))
    assert checked >= 5, f"{path}: only {checked} XML parts were checked"  # document, styles, settings, rels, types
    return [v for v in found if not v[2].startswith("NOTE")]


def assert_valid(validator: ModuleType, path: Path) -> None:
    found = violations(validator, path)
    assert found == [], "\n".join(" | ".join(v) for v in found[:20])


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("fonts", ["gb2312", "windows"])
@pytest.mark.parametrize("variant", ["formal", "public"])
@pytest.mark.parametrize("example", SEEDS)
def test_rendered_reports_validate(validator, tmp_path, example: str, variant: str, fonts: str) -> None:
    """Verify the formal and public versions of every example, in both font profiles, have no violation."""
    report, _ = load_report(EXAMPLES / example)
    assert_valid(validator, write(tmp_path, "r.docx", render_docx_bytes(report, variant=variant, fonts=fonts)))


def test_validator_finds_a_planted_violation(validator, tmp_path) -> None:
    """Verify the check is real: an element the schema does not allow in a paragraph is reported."""
    import io
    import zipfile

    report, _ = load_report(EXAMPLES / "minimal.yaml")
    source = zipfile.ZipFile(io.BytesIO(render_docx_bytes(report)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = content.replace(b"<w:pPr>", b"<w:pPr><w:bogus/>", 1)
            target.writestr(info, content)
    found = violations(validator, write(tmp_path, "bad.docx", out.getvalue()))
    assert any(part == "word/document.xml" and "bogus" in message for part, _, message in found), found


def test_draft_validates(validator, tmp_path) -> None:
    """Verify a --draft document (草稿 in every page header) validates."""
    from generator.render.draft_mark import mark_docx

    report, _ = load_report(EXAMPLES / "seed-haizhu-2024.yaml")
    for variant in ("formal", "public"):
        data = mark_docx(render_docx_bytes(report, variant=variant))
        assert_valid(validator, write(tmp_path, f"draft-{variant}.docx", data))


def test_skeleton_rendered_as_draft_through_the_cli_validates(validator, tmp_path, cli) -> None:
    """Verify ``fzbg new`` then ``fzbg render --draft`` (the skeleton's own route to a .docx) validates."""
    skeleton = tmp_path / "s.yaml"
    assert cli("new", "-o", skeleton).code == 0
    out = tmp_path / "s.docx"
    result = cli("render", skeleton, "-o", out, "--draft", "--variant", "public")
    assert result.code == 0, result.out + result.err
    assert_valid(validator, out)


@pytest.mark.parametrize("fonts", ["gb2312", "windows"])
def test_bulk_worker_output_validates(validator, tmp_path, fonts: str) -> None:
    """Verify the bulk worker's compile-once rendering validates, for two reports in one environment."""
    from generator.bulk.worker import CompilingOnceEnvironment, render_bytes

    env = CompilingOnceEnvironment()
    for example in ("minimal.yaml", "seed-meixian-2024.yaml"):
        report, _ = load_report(EXAMPLES / example)
        data = render_bytes(report, "formal", fonts, default_template_bytes(), env)
        assert_valid(validator, write(tmp_path, f"bulk-{example}.docx", data))


def test_exported_template_validates(validator, tmp_path, cli) -> None:
    """Verify ``fzbg template export`` writes a package that validates (it still holds the Jinja tags)."""
    out = tmp_path / "mine.docx"
    assert cli("template", "export", "-o", out).code == 0
    assert_valid(validator, out)


def test_custom_template_render_validates(validator, tmp_path, cli) -> None:
    """Verify a report rendered through an edited custom template (an extra static line) validates."""
    def with_a_static_line(text: str) -> str:
        start = text.index("<w:body>") + len("<w:body>")
        return text[:start] + "<w:p><w:r><w:t>江州市公安局（内部资料）</w:t></w:r></w:p>" + text[start:]

    edited = edited_template("word/document.xml", with_a_static_line)
    template = write(tmp_path, "mine.docx", edited)
    rendered = tmp_path / "r.docx"
    result = cli("render", EXAMPLES / "minimal.yaml", "-o", rendered, "--variant", "public", "--template", template)
    assert result.code == 0, result.out + result.err
    assert_valid(validator, rendered)


def test_settled_formal_docx_validates(validator, tmp_path, soffice) -> None:
    """Verify the formal .docx as ``fzbg render`` writes it (版记 moved to an even page via LibreOffice) validates."""
    from generator.render.docx import render_settled_docx

    report, _ = load_report(EXAMPLES / "seed-zhongshan-2025.yaml")
    data, _ = render_settled_docx(report, variant="formal", fonts="windows")
    assert_valid(validator, write(tmp_path, "settled.docx", data))


def test_body_only_validates(validator, tmp_path, cli) -> None:
    """Verify ``render --body-only`` (no 版头, no 版记, for OA 套红) validates."""
    out = tmp_path / "oa.docx"
    result = cli("render", EXAMPLES / "seed-haizhu-2024.yaml", "-o", out, "--body-only", "--fonts", "windows")
    assert result.code == 0, result.out + result.err
    assert_valid(validator, out)


def test_render_from_a_dotx_validates(validator, tmp_path, cli) -> None:
    """Verify a report rendered from a .dotx template (main part typed as a template) validates as a .docx."""
    from test_dotx import dotx

    template = write(tmp_path, "公文.dotx", dotx())
    out = tmp_path / "r.docx"
    result = cli("render", EXAMPLES / "minimal.yaml", "-o", out, "--variant", "public", "--template", template)
    assert result.code == 0, result.out + result.err
    assert_valid(validator, out)
