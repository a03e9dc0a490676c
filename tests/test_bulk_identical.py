"""Every report a bulk run writes is, member for member, the .docx ``fzbg render`` writes for the same report.

The bulk worker takes shortcuts (one template instance per worker, the styles kept between reports, unchanged
parts not deflated again, the post-processing passes sharing one reading of the body). Here real bulk runs
through the CLI — rows of a real .xlsx (openpyxl, the example sheet's layout) and a folder of YAML files (the
shipped examples) — are compared with ``fzbg render`` run on each bureau's report written out as YAML: the
same zip members, in the same order, with the same bytes.
"""

from __future__ import annotations

import io
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from generator.bulk import BulkOptions
from generator.bulk.assess import Assessor, light_options
from generator.bulk.prepare import prepare
from generator.write.dump import dump_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BASE = EXAMPLES / "bulk" / "base.yaml"
ROWS = 20


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [(name, package.read(name)) for name in package.namelist()]


def sheet(path: Path, count: int) -> Path:
    """The example workbook with *count* bureaus: its 14 repeated under distinct names, figures varied."""
    sys.path.insert(0, str(EXAMPLES / "bulk"))
    try:
        import make_bureaus
    finally:
        sys.path.pop(0)
    rows = []
    for i in range(count):
        row = list(make_bureaus.BUREAUS[i % len(make_bureaus.BUREAUS)])
        if i >= len(make_bureaus.BUREAUS):
            row[0], row[1] = row[0].replace("公安局", f"公安局第{i}"), f"{row[1]}{i}"
            row[6] += 37 * i  # another penalty count: other text in the body
        rows.append(tuple(row))
    make_bureaus.build(path, rows)
    return path


def custom_template(tmp_path: Path) -> Path:
    """The default template with the 正文 style's id renamed, as Word's Chinese locale writes it ("a3")."""
    from shared import edited_template

    path = tmp_path / "本局模板.docx"
    path.write_bytes(edited_template("word/styles.xml", lambda xml: xml.replace(
        'w:styleId="Body"', 'w:styleId="a3"').replace('w:val="Body"', 'w:val="a3"')))
    return path


def assert_same_as_render(cli, tmp_path: Path, base: Path, data: Path, *options: str) -> int:
    """Run ``fzbg bulk``, then ``fzbg render`` on each bureau's report; compare every member. The count compared."""
    out = tmp_path / "out"
    code, _out, err = cli("bulk", base, data, "-o", out, *options)
    assert code == 0, err
    bulk_options = BulkOptions(base=base, data=data, outdir=tmp_path / "unused")  # the jobs, as if none were written
    plan = prepare(bulk_options)
    assessor = Assessor(light_options(bulk_options), check=False)
    single = tmp_path / "single"
    single.mkdir(exist_ok=True)
    for job in plan.jobs:
        source = single / f"{job.index}.yaml"
        source.write_text(dump_yaml(assessor.report(job.record)), encoding="utf-8")
        target = single / f"{job.index}.docx"
        code, _out, err = cli("render", source, "-o", target, "--force", *options)
        assert code == 0, err
        assert members((out / job.file_name).read_bytes()) == members(target.read_bytes()), job.file_name
    return len(plan.jobs)


@pytest.mark.parametrize("fonts", ["gb2312", "windows"])
def test_sheet_rows_identical_to_render(cli, tmp_path: Path, fonts: str) -> None:
    """Verify 20 rows of an .xlsx give, through bulk, exactly the files fzbg render gives (public version)."""
    data = sheet(tmp_path / "bureaus.xlsx", ROWS)
    assert assert_same_as_render(cli, tmp_path, BASE, data, "--variant", "public", "--fonts", fonts) == ROWS


def test_custom_template_identical_to_render(cli, tmp_path: Path) -> None:
    """Verify a custom template (its style ids renamed) gives, through bulk, exactly what fzbg render gives."""
    data = sheet(tmp_path / "bureaus.xlsx", 6)
    template = custom_template(tmp_path)
    count = assert_same_as_render(cli, tmp_path, BASE, data, "--variant", "public", "--fonts", "windows",
                                  "--template", template)
    assert count == 6


def test_template_with_rendered_property_identical_to_render(cli, tmp_path: Path) -> None:
    """Verify a template whose core property (subject) holds a Jinja variable gives each bureau its own value,
    through bulk exactly as through fzbg render."""
    from shared import edited_template

    template = tmp_path / "带主题模板.docx"
    template.write_bytes(edited_template("docProps/core.xml", lambda xml: xml.replace(
        "</cp:coreProperties>", "<dc:subject>{{ signature_name }}报告</dc:subject></cp:coreProperties>")))
    data = sheet(tmp_path / "bureaus.xlsx", 3)
    assert assert_same_as_render(cli, tmp_path, BASE, data, "--variant", "public", "--template", template) == 3
    subjects = {zipfile.ZipFile(path).read("docProps/core.xml").split(b"<dc:subject>")[1].split(b"<")[0]
                for path in (tmp_path / "out").glob("*.docx")}
    assert len(subjects) == 3


def test_example_reports_identical_to_render(cli, tmp_path: Path) -> None:
    """Verify the shipped example reports, as a folder of bureau files, give exactly what fzbg render gives."""
    folder = tmp_path / "各单位"
    folder.mkdir()
    for i, example in enumerate(sorted(EXAMPLES.glob("*.yaml"))):
        shutil.copy(example, folder / f"{i}-{example.name}")
    count = assert_same_as_render(cli, tmp_path, EXAMPLES / "minimal.yaml", folder, "--variant", "public")
    assert count == len(list(EXAMPLES.glob("*.yaml")))


@pytest.mark.slow  # the formal 版记 is settled through LibreOffice, once per report by fzbg render
def test_formal_rows_identical_to_render(cli, tmp_path: Path) -> None:
    """Verify formal reports (red header, 版记 settled on its page) through bulk equal fzbg render's."""
    data = sheet(tmp_path / "bureaus.xlsx", 4)
    assert assert_same_as_render(cli, tmp_path, BASE, data, "--variant", "formal") == 4


def test_reused_template_renders_each_reports_own_properties() -> None:
    """Verify one reused template instance (as a worker keeps the default one) gives a Jinja core property its
    value for each report, not the first report's: the rendered core part is only kept when nothing in it is Jinja.
    The render runs in this process (a custom template otherwise renders in a fresh fork)."""
    from shared import edited_template

    from generator.api import load_report
    from generator.bulk.template_reuse import CompilingOnceEnvironment, ReusingTemplate
    from generator.render.docx import _render_docx_bytes, render_docx_bytes

    template = edited_template("docProps/core.xml", lambda xml: xml.replace(
        "</cp:coreProperties>", "<dc:subject>{{ signature_name }}报告</dc:subject></cp:coreProperties>"))
    env = CompilingOnceEnvironment()
    reports = [load_report(EXAMPLES / name)[0] for name in ("minimal.yaml", "seed-haizhu-2024.yaml")]
    for report in reports + reports:
        reused = _render_docx_bytes(report, "public", "gb2312", template, env, ReusingTemplate)  # type: ignore[arg-type]
        assert members(reused) == members(render_docx_bytes(report, "public", "gb2312", template))


FOOTNOTES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:t>{{ signature_name }}的脚注</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')


def footnoted_template(tmp_path: Path) -> Path:
    """The default template with a footnotes part whose text holds a Jinja variable (docxtpl renders it)."""
    from generator.render.docx import default_template_bytes

    source = zipfile.ZipFile(io.BytesIO(default_template_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename).decode("utf-8")
            if info.filename == "[Content_Types].xml":
                content = content.replace("</Types>", '<Override PartName="/word/footnotes.xml" ContentType="application/'
                                          'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            elif info.filename == "word/_rels/document.xml.rels":
                content = content.replace("</Relationships>", '<Relationship Id="rIdFootnotes" Type="http://schemas.'
                                          'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                                          'Target="footnotes.xml"/></Relationships>')
            target.writestr(info, content.encode("utf-8"))
        target.writestr("word/footnotes.xml", FOOTNOTES.encode("utf-8"))
    path = tmp_path / "带脚注模板.docx"
    path.write_bytes(out.getvalue())
    return path


def test_template_with_rendered_footnotes_identical_to_render(cli, tmp_path: Path) -> None:
    """Verify a template with a footnotes part holding a Jinja variable gives each bureau its own footnote text,
    through bulk exactly as through fzbg render (the worker skips docxtpl's footnotes walk only without one)."""
    template = footnoted_template(tmp_path)
    data = sheet(tmp_path / "bureaus.xlsx", 3)
    assert assert_same_as_render(cli, tmp_path, BASE, data, "--variant", "public", "--template", template) == 3
    notes = {zipfile.ZipFile(path).read("word/footnotes.xml").decode("utf-8").split('space="preserve">')[1].split("<")[0]
             for path in (tmp_path / "out").glob("*.docx")}
    assert len(notes) == 3 and all(note.endswith("的脚注") for note in notes), notes
