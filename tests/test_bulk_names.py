"""Output file names for bulk runs: safe on Windows, inside OUTDIR, unique."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.bulk.files import inside
from generator.bulk.names import FALLBACK, NameAllocator, safe_stem


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("广州市公安局海珠区分局", "广州市公安局海珠区分局"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("..\\..\\Windows\\win.ini", "_.._Windows_win.ini"),
        ('a/b:c*d?e"f<g>h|i', "a_b_c_d_e_f_g_h_i"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("Nul", "_Nul"),
        ("COM1", "_COM1"),
        ("LPT9.docx", "_LPT9.docx"),
        ("..", FALLBACK),
        ("   ", FALLBACK),
        ("///", FALLBACK),
        (".hidden", "hidden"),
        ("分局. ", "分局"),
        ("甲\t乙\n丙", "甲_乙_丙"),
    ],
)
def test_safe_stem(name: str, stem: str) -> None:
    """Verify forbidden characters, separators, reserved device names and dots are neutralised."""
    assert safe_stem(name) == stem


def test_long_names_are_cut() -> None:
    """Verify very long names stay well below Windows' path limit."""
    assert len(safe_stem("很长的名称" * 50)) <= 80


def test_allocator_makes_names_unique_case_insensitively() -> None:
    """Verify duplicates get _2, _3 …, compared as Windows compares names."""
    names = NameAllocator()
    assert [names.allocate(n, ".docx") for n in ("甲分局", "甲分局", "甲分局_2", "ABC", "abc")] == [
        "甲分局.docx", "甲分局_2.docx", "甲分局_2_2.docx", "ABC.docx", "abc_2.docx"]


@pytest.mark.parametrize("hostile", ["../x.docx", "a/b.docx", "..", "/etc/passwd"])
def test_inside_refuses_names_that_leave_outdir(tmp_path: Path, hostile: str) -> None:
    """Verify the last guard before writing: nothing lands outside OUTDIR."""
    with pytest.raises(ValueError):
        inside(tmp_path, hostile)
    assert inside(tmp_path, safe_stem(hostile) + ".docx").parent == tmp_path
