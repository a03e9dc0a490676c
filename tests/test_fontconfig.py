"""The private fontconfig of fzbg's LibreOffice runs (generator/office_fonts.py), really exercised.

A .docx made with python-docx (not by fzbg) asks for each 公文 font; LibreOffice converts it through
office.convert_batch and fzbg's own PDF path (render/pdf.py), and pdfplumber reads which font each line was
drawn with. The expected font is what the machine has: Fandol when texlive-lang-chinese is installed (CI),
else Noto Serif/Sans CJK SC. pdffonts must list it too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from generator import office
from generator import office_fonts as fontconfig
from generator.errors import Place
from generator.render.fonts import FONT_PROFILES
from generator.render.pdf import docx_to_pdf_batch, font_warning

# One line per role, as a 公文 asks for it; the text tells the lines apart in the PDF.
LINES = {
    "仿宋_GB2312": "正文仿宋一行",
    "楷体_GB2312": "二级标题楷体",
    "黑体": "一级标题黑体",
    "方正小标宋简体": "公文标题小标宋",
    "宋体": "页码宋体一行",
}


def _stem(name: str) -> str:
    """A family or PostScript name reduced for comparison: 'Noto Serif CJK SC' and 'NotoSerifCJKjp-Bold-VKana'
    both start 'notoserifcjk' (the faces of a Noto CJK collection share one PostScript name stem)."""
    plain = re.sub(r"[^a-z0-9]", "", name.lower())
    return re.sub(r"cjk(sc|tc|hk|jp|kr)$", "cjk", plain)


def _postscript_names(family: str) -> list[str]:
    """The PostScript names of *family*'s faces as fontconfig (with the private configuration) lists them:
    'AR PL KaitiM GB' is embedded as 'GBZenKai-Medium'."""
    with tempfile.TemporaryDirectory() as tmp:
        env = fontconfig.soffice_env(Path(tmp))
        assert env is not None
        listed = subprocess.run(["fc-list", family, "postscriptname"], capture_output=True, text=True, env=env,
                                check=True).stdout  # fmt: skip
    return [line.split("=", 1)[1] for line in listed.splitlines() if "=" in line]


def _document(path: Path) -> Path:
    document = docx.Document()
    for family, text in LINES.items():
        run = document.add_paragraph().add_run(text)
        run.font.name = "Times New Roman"
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), family)
    document.save(str(path))
    return path


def _fonts_by_line(pdf: Path) -> dict[str, str]:
    """The font each line of LINES was drawn with (subset prefix removed)."""
    with pdfplumber.open(pdf) as opened:
        chars = [c for page in opened.pages for c in page.chars]
    lines: dict[float, list[dict[str, object]]] = {}
    for char in chars:
        lines.setdefault(round(float(char["top"])), []).append(char)
    by_text = {"".join(str(c["text"]) for c in line).strip(): line for line in lines.values()}
    found = {}
    for family, text in LINES.items():
        names = {re.sub(r"^[A-Z]{6}\+", "", str(c["fontname"])) for c in by_text[text]}
        assert len(names) == 1, (family, names)
        found[family] = names.pop()
    return found


def _check(pdf: Path) -> None:
    mapping = fontconfig.substitutions()
    drawn = _fonts_by_line(pdf)
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    for family in LINES:
        if family not in mapping:
            continue  # the real font is installed (or no free one): nothing is substituted
        free, weight = mapping[family]
        names = [free, *_postscript_names(free)]
        assert any(_stem(drawn[family]).startswith(_stem(n)) for n in names), (family, names, drawn[family])
        assert ("bold" in drawn[family].lower()) == (weight == "bold"), (family, drawn[family])
        assert drawn[family] in listed  # pdffonts shows the embedded font
    # Each role got a font of its own kind: 黑体 is not drawn with the 仿宋 font, nor 小标宋 with the 正文 one.
    if {"仿宋_GB2312", "黑体", "方正小标宋简体"} <= mapping.keys():
        assert len({drawn["仿宋_GB2312"], drawn["黑体"], drawn["方正小标宋简体"]}) == 3, drawn


@pytest.fixture(scope="module")
def needs_fonts() -> None:
    if not fontconfig.applies() or shutil.which("pdffonts") is None:
        pytest.skip("fontconfig and pdffonts are needed")
    if not fontconfig.substitutions():
        pytest.skip("no free CJK font installed (fonts-noto-cjk or texlive-lang-chinese)")


def test_every_font_of_the_profiles_is_covered() -> None:
    requested = {name for names in fontconfig.REQUESTED.values() for name in names}
    for profile in FONT_PROFILES.values():
        for role, family in profile.items():
            if role != "latin":
                assert family in fontconfig.REQUESTED[role], (role, family)
    assert {"FangSong", "KaiTi", "SimHei", "SimSun"} <= requested  # the English names too


def test_installed_fonts_are_never_replaced() -> None:
    installed = frozenset({"仿宋_GB2312", "FandolFang", "FandolKai", "Noto Sans CJK SC", "Noto Serif CJK SC"})
    mapping = fontconfig.substitutions(installed)
    assert "仿宋_GB2312" not in mapping
    assert mapping["仿宋"] == ("FandolFang", None) and mapping["KaiTi"] == ("FandolKai", None)
    assert mapping["黑体"] == ("Noto Sans CJK SC", None) and mapping["方正小标宋简体"] == ("Noto Serif CJK SC", "bold")
    assert fontconfig.substitutions(frozenset({"DejaVu Sans"})) == {}  # nothing free: LibreOffice's own fallback


def test_config_includes_the_system_one_and_escapes(tmp_path: Path) -> None:
    text = fontconfig.config_text({"A&B": ("Free <Font>", "bold")}, "/etc/fonts/fonts.conf", ("/x/fandol",))
    assert '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' in text and "<dir>/x/fandol</dir>" in text
    assert "A&amp;B" in text and "Free &lt;Font&gt;" in text and "<const>bold</const>" in text
    if shutil.which("fc-match"):  # fontconfig itself parses the file without complaint
        path = tmp_path / "fonts.conf"
        path.write_text(text, encoding="utf-8")
        result = subprocess.run(["fc-match", "serif"], capture_output=True, text=True,
                                env={"FONTCONFIG_FILE": str(path), "PATH": "/usr/bin:/bin"}, check=False)  # fmt: skip
        assert result.returncode == 0 and "error" not in result.stderr.lower(), result.stderr


def test_soffice_env_points_at_a_private_file(tmp_path: Path, needs_fonts: None) -> None:
    env = fontconfig.soffice_env(tmp_path, {"PATH": "/usr/bin"})
    assert env is not None and env["PATH"] == "/usr/bin"
    assert Path(env["FONTCONFIG_FILE"]).parent == tmp_path
    assert "仿宋_GB2312" in Path(env["FONTCONFIG_FILE"]).read_text(encoding="utf-8")


@pytest.mark.slow
def test_office_and_pdf_paths_draw_each_role_with_its_free_font(tmp_path: Path, soffice: str, needs_fonts: None) -> None:
    source = _document(tmp_path / "roles.docx")
    made, output = office.convert_batch([source], tmp_path / "office", "pdf")
    assert source in made, output
    _check(made[source])
    [pdf] = docx_to_pdf_batch([source], tmp_path / "pdf")
    _check(pdf)
    mapping = fontconfig.substitutions()
    warning = font_warning(pdf, set(LINES), Place("roles.pdf"))
    if "仿宋_GB2312" in mapping:  # still reported as replaced, now naming what replaced it
        assert warning is not None and f"仿宋_GB2312→{mapping['仿宋_GB2312'][0]}" in warning.message


@pytest.mark.slow
def test_without_fandol_the_noto_and_arphic_fonts_play_the_roles(
    tmp_path: Path, soffice: str, needs_fonts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fontconfig, "FANDOL_FOLDERS", ())  # as on a machine without texlive-lang-chinese
    fontconfig.installed_families.cache_clear()
    try:
        mapping = fontconfig.substitutions()
        if not mapping or any(free.startswith("Fandol") for free, _w in mapping.values()):
            pytest.skip("Fandol is in the system font folders, or no other free CJK font is installed")
        source = _document(tmp_path / "roles.docx")
        made, output = office.convert_batch([source], tmp_path / "office", "pdf")
        assert source in made, output
        _check(made[source])
    finally:
        fontconfig.installed_families.cache_clear()
