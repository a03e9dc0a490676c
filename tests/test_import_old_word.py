"""Old Word/WPS files (.doc, .wps) are read through LibreOffice (issue 15); without it, one line says what to do.

The .doc is made by LibreOffice from a python-docx file (not by fzbg), as another office's Word 97 file would be.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import DataError
from generator.importer import read_report
from generator.model.report import PartKind
from generator.office import find_soffice, run

LINES = [
    "某某县公安局关于2024年度法治政府建设情况的报告",
    "2024年，某某县公安局在县委、县政府的坚强领导下，扎实推进法治公安建设，现将有关情况报告如下：",
    "一、主要工作措施和成效",
    "（一）强化组织领导。召开专题会议4次。",
    "二、存在的不足和原因",
    "执法监督信息化水平有待提高。",
    "三、下一年度工作安排",
    "深化执法规范化建设。",
]


@pytest.fixture(scope="module")
def old_word(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import docx

    if find_soffice() is None:
        pytest.skip("LibreOffice not installed")
    folder = tmp_path_factory.mktemp("old")
    document = docx.Document()
    for text in LINES:
        document.add_paragraph(text)
    source = folder / "report.docx"
    document.save(str(source))
    # convert_batch only writes pdf/docx; the .doc is made by LibreOffice's own Word 97 filter.
    soffice = find_soffice()
    assert soffice is not None
    profile = (folder / "profile").resolve().as_uri()
    code, output = run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                        "--convert-to", "doc:MS Word 97", "--outdir", str(folder / "doc"), str(source)], 120)
    made = folder / "doc" / "report.doc"
    assert code == 0 and made.is_file(), output
    return made


pytestmark = pytest.mark.slow


def test_doc_and_wps_are_converted(old_word: Path, tmp_path: Path) -> None:
    assert old_word.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    wps = tmp_path / "report.wps"  # WPS Writer's .wps is the same binary format
    wps.write_bytes(old_word.read_bytes())
    for path in (old_word, wps):
        result = read_report(path)
        assert result.report.agency.name == "某某县公安局"
        assert [p.kind for p in result.report.parts] == [PartKind.measures, PartKind.shortcomings, PartKind.plans]
        assert any("LibreOffice" in n.detail for n in result.notes if n.kind == "source")
        assert result.source.name == str(path)


def test_without_libreoffice_one_line_says_what_to_do(old_word: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(DataError) as caught:
        read_report(old_word)
    (problem,) = caught.value.problems
    assert "安装 LibreOffice" in problem.message and "另存为”.docx" in problem.message
    assert "\n" not in problem.message
