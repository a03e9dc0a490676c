"""Start-up shortcuts (issue 20) change nothing users see.

``check`` and ``render`` in their plain form run without typer (generator/cli/fast.py): every command line
here gives the same exit code, output and files through the shortcut as through typer. The code-point tests
replacing wide regex classes, and the local ``quoteattr``, agree with what they replace on every input tried.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr as sax_quoteattr

import pytest

from generator.cli import fast, main
from generator.cli.fast import parse

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "minimal.yaml"
SEED = ROOT / "examples" / "seed-meixian-2024.yaml"


def both_ways(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
              args: list[str]) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """(code, stdout, stderr) of ``fzbg ARGS`` through the shortcut, then through typer."""
    code = main(args)
    shortcut = (code, *capsys.readouterr())
    with monkeypatch.context() as patch:
        patch.setattr(fast, "fast_command", lambda _args: None)
        code = main(args)
    return shortcut, (code, *capsys.readouterr())


@pytest.mark.parametrize("args", [
    ["check", str(EXAMPLE)],
    ["check", str(SEED)],
    ["check", str(SEED), "--format", "json"],
    ["check", "--format=json", str(SEED), "--variant", "public", "--fonts", "windows"],
    ["check", str(SEED), "--coverage"],
    ["check", str(SEED), "--last-year", str(EXAMPLE)],
    ["check", "no-such-file.yaml"],
    ["check", "no-such-file.yaml", "--format", "json"],
])
def test_check_through_the_shortcut_is_check_through_typer(args: list[str], monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert parse(args) is not None
    shortcut, typer = both_ways(monkeypatch, capsys, args)
    assert shortcut == typer


@pytest.mark.parametrize("suffix, extra", [
    (".docx", ["--variant", "public"]),
    (".docx", []),
    (".html", ["--fonts", "windows"]),
    (".docx", ["--variant=public", "--body-only", "--draft"]),
    (".txt", []),
])
def test_render_through_the_shortcut_is_render_through_typer(suffix: str, extra: list[str], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    results = []
    for name in ("shortcut", "typer"):
        out = tmp_path / name / f"报告{suffix}"
        out.parent.mkdir()
        args = ["render", str(SEED), "-o", str(out), *extra]
        assert parse(args) is not None
        with monkeypatch.context() as patch:
            if name == "typer":
                patch.setattr(fast, "fast_command", lambda _args: None)
            code = main(args)
        stdout, stderr = capsys.readouterr()
        results.append((code, stdout.replace(name, "*"), stderr.replace(name, "*"),
                        sorted(p.name for p in out.parent.iterdir())))
    assert results[0] == results[1]
    if suffix == ".html":  # the same page (a .docx carries its creation time)
        assert (tmp_path / "shortcut" / "报告.html").read_bytes() == (tmp_path / "typer" / "报告.html").read_bytes()


def test_refused_render_exits_1_through_the_shortcut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.docx"
    out.write_bytes(b"old")
    shortcut, typer = both_ways(monkeypatch, capsys, ["render", str(SEED), "-o", str(out)])
    assert shortcut == typer and shortcut[0] == 1
    assert out.read_bytes() == b"old"


@pytest.mark.parametrize("args", [
    [], ["--help"], ["check"], ["check", "--help"], ["check", "a.yaml", "-h"], ["check", "a.yaml", "b.yaml"],
    ["check", "a.yaml", "--format", "JSON"], ["check", "a.yaml", "--format"], ["check", "a.yaml", "--fix=1"],
    ["check", "a.yaml", "--variant", "public", "--variant", "formal"], ["check", "a.yaml", "--varient", "public"],
    ["check", "a.yaml", "--debug"], ["--debug", "check", "a.yaml"], ["check", "--", "a.yaml"],
    ["check", "a.yaml", "--last-year", ""], ["check", ""], ["check", "-"], ["check", "a.yaml", "-o", "x.docx"],
    ["render", "a.yaml"], ["render", "a.yaml", "-o"], ["render", "a.yaml", "-o=x.docx"], ["render", "a.yaml", "-ox.docx"],
    ["render", "a.yaml", "--output", "-x.docx"], ["render", "a.yaml", "-o", "x.docx", "--force=yes"],
    ["render", "a.yaml", "-o", "x.docx", "--output", "y.docx"], ["new", "-o", "x.yaml"], ["bulk", "a.xlsx"],
])
def test_anything_else_is_parsed_by_typer(args: list[str]) -> None:
    assert parse(args) is None


def test_shell_completion_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_FZBG_COMPLETE", "bash_complete")
    assert parse(["check", "a.yaml"]) is None


def test_usage_errors_are_typers(cli) -> None:
    code, _, err = cli("check", str(EXAMPLE), "--format", "yaml")
    assert code == 2 and "--format" in err


def test_check_and_render_import_neither_typer_nor_click(tmp_path: Path) -> None:
    code = (
        "import sys; from generator.cli import main\n"
        f"codes = [main(['check', {str(EXAMPLE)!r}]), main(['render', {str(SEED)!r}, '-o', {str(tmp_path / 'a.docx')!r},"
        " '--variant', 'public'])]\n"
        "print(codes, sorted(m for m in ('typer', 'click', 'typer._click') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[0, 0] []"


def test_han_and_cjk_tests_match_their_classes() -> None:
    from generator.check.base import CJK_PUNCT, HAN, count_han, is_cjk, is_han
    from generator.load.colon_hints import _has_han

    han, cjk = re.compile(f"[{HAN}]"), re.compile(f"[{HAN}{CJK_PUNCT}]")
    colon_han = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
    for code in [*range(0x10000), 0x10000, 0x20000, 0x2A6DF, 0x10FFFF]:
        ch = chr(code)
        for text in (ch, ch + "a", "ab" + ch):
            assert is_han(text) == bool(han.match(text)), hex(code)
            assert is_cjk(text) == bool(cjk.match(text)), hex(code)
            assert _has_han(text) == bool(colon_han.search(text)), hex(code)
    assert not is_han("") and not is_cjk("") and not _has_han("")
    text = "".join(chr(code) for code in range(0x10000)) + "\U00020000汉"
    assert count_han(text) == len(han.findall(text))


def test_quoteattr_is_saxutils() -> None:
    from generator.render.font_table import quoteattr

    pieces = ["a", '"', "'", "&", "<", ">", "\n", "\r", "\t", "仿宋", "&amp;"]
    rng = random.Random(20)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert quoteattr(text) == sax_quoteattr(text), text


def test_plain_console_prints_what_rich_prints() -> None:
    import io

    from rich.console import Console

    from generator.check.plain import Line, PlainConsole, prints_plain

    pieces = ["a", "汉字", " ", "  ", "\t", "\n", "\r", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "[bold]", "[/]",
              ":smile:", "😀", "x" * 90, "…", "\u200b", "\x85", "\u2028", "[red]红[/red]"]
    rng = random.Random(20)
    for _ in range(300):
        plain_file, rich_file = io.StringIO(), io.StringIO()
        assert prints_plain(plain_file) or "FORCE_COLOR" in os.environ
        plain, rich = PlainConsole(plain_file), Console(file=rich_file, highlight=False, soft_wrap=True, emoji=False)
        for _ in range(rng.randint(1, 4)):
            line = Line("".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))), rng.choice(["", "bold", "dim"]))
            for _ in range(rng.randint(0, 3)):
                line.append("".join(rng.choice(pieces) for _ in range(rng.randint(0, 3))), rng.choice(["", "red"]))
            for console in (plain, rich):
                console.print(line)
                console.print()
        assert plain_file.getvalue() == rich_file.getvalue()


def test_check_text_output_needs_no_rich(tmp_path: Path) -> None:
    code = (f"import sys; from generator.cli import main; code = main(['check', {str(SEED)!r}]); "
            "print(code, 'rich' in sys.modules, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stderr.strip().splitlines()[-1] == "0 False"
    assert "共 0 个错误" in result.stdout


@pytest.mark.parametrize("name", ["check", "render"])
def test_the_shortcut_knows_every_option_typer_declares(name: str) -> None:
    import typer.main

    from generator.cli import build_app

    command = typer.main.get_command(build_app()).commands[name]  # type: ignore[attr-defined]
    declared = {opt: param.name for param in command.params if param.param_type_name == "option"
                for opt in (*param.opts, *param.secondary_opts) if opt not in ("-h", "--help")}
    table = fast.COMMANDS[name]
    assert declared == {opt: parameter for opt, (parameter, _) in table.items()}
    arguments = [param.name for param in command.params if param.param_type_name == "argument"]
    assert arguments == ["source"]


def test_han_runs_are_the_regex_runs() -> None:
    from generator.check.base import HAN, han_runs

    rng = random.Random(20)
    alphabet = ["汉", "字", "㐀", "豈", "a", " ", "，", "1", "\n", "\U00020000", "〇", "\u9fff", "\ua000"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for shortest in (1, 2, 3):
            assert han_runs(text, shortest) == re.findall(f"[{HAN}]{{{shortest},}}", text), (text, shortest)


def test_sequence_marks_pattern_finds_what_it_found() -> None:
    from generator.check.base import HAN, HAN_NUMERALS, ODD_MARKS
    from generator.check.punctuation import _BAD_MARKS, bad_marks

    hn = HAN_NUMERALS
    before = re.compile(  # the pattern as it was written before issue 20
        rf"（[{hn}]+）[、，.．]|（\d+）[、，.．]|(?<![{hn}])[{hn}]+[.．](?=[{HAN}])|(?<!\d)\d+[、．](?=[{HAN}])"
        rf"|[{ODD_MARKS}]"
    )
    rng = random.Random(20)
    alphabet = [*"（）一二十、，.．0１٣汉a ", "⑴", "㈠", "⒈", "\n", "㐀", "豈", "\u9fff", "\ua000", "\u4dc0"]
    skipped = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert [m.span() for m in bad_marks(text)] == [m.span() for m in before.finditer(text)], text
        skipped += len(_BAD_MARKS.findall(text)) - len(list(bad_marks(text)))
    assert skipped > 1000  # marks not before Han were tried


def test_fast_commands_run_with_the_collector_paused_and_leave_it_as_found() -> None:
    import gc

    from generator.cli.exits import CommandExit

    seen: list[bool] = []

    def failing() -> None:
        seen.append(gc.isenabled())
        raise CommandExit(1)

    assert gc.isenabled()
    fast.run_fast(lambda: seen.append(gc.isenabled()))
    with pytest.raises(CommandExit):
        fast.run_fast(failing)
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        fast.run_fast(lambda: None)
        assert not gc.isenabled()  # a caller that had it off finds it off
    finally:
        gc.enable()


@pytest.mark.parametrize("fork", [True, False])
def test_a_custom_template_renders_with_the_collector_on(fork: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker forked by ``fzbg render`` inherits its paused collector: the template's cycles must be collected,
    in the worker and where there is no fork (Windows), and the caller's collector stays as it was."""
    import gc

    from generator.render import sandbox

    if not fork:
        monkeypatch.setattr(sandbox.sys, "platform", "win32")
    gc.disable()
    try:
        assert sandbox.run_limited(gc.isenabled) is True
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_check_imports_neither_the_renderer_nor_the_comparison(tmp_path: Path) -> None:
    """``fzbg check`` of one report needs no docxtpl, python-docx or Jinja, and the sentence comparison only with
    --last-year (issue 20)."""
    unwanted = ("docxtpl", "docx", "jinja2", "generator.render.docx", "generator.text.similarity")
    code = (f"import sys; from generator.cli import main; code = main(['check', {str(SEED)!r}]); "
            f"print(code, [m for m in {unwanted!r} if m in sys.modules], file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stderr.strip().splitlines()[-1] == "0 []"
    code = (f"import sys; from generator.cli import main; code = main(['check', {str(SEED)!r}, '--last-year', "
            f"{str(SEED)!r}]); print(code, 'generator.text.similarity' in sys.modules, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stderr.strip().splitlines()[-1] == "0 True"  # E-COPY compared it (a warning: exit 0)


def test_year_bracket_and_number_form_tests_find_what_their_regexes_found() -> None:
    from generator.check.base import HAN
    from generator.check.fields import number_form
    from generator.check.punctuation import _wrong_year_brackets

    # the patterns as they were written before issue 20
    year_brackets = re.compile(rf"(?<=[{HAN}])([\[【(（［])((?:19|20)\d{{2}})([\]】)）］])(?=\d+号)")
    form = re.compile(r"^[\u4e00-\u9fff]+〔\d{4}〕[1-9]\d*号$")
    rng = random.Random(20)
    agencies = ["梅府发", "梅县公报字", "字", "㐀", "豈", "\u9fff", "\u4dc0", "a", "1", " ", "〔", ""]
    brackets = ["[]", "【】", "()", "（）", "［］", "〔〕", "[）", "〔]", "<>"]
    years, numbers = ["2024", "1999", "2100", "24", "20245", "２０２４", "١٩٩٩"], ["3", "03", "12", "", "٣", "0"]
    ends = ["号", "号\n", "号\n\n", "号x", "", "\n"]
    found = forms = 0
    for _ in range(20000):
        pieces = []
        for _ in range(rng.randint(1, 3)):
            opening, closing = rng.choice(brackets)
            pieces.append(rng.choice(agencies) + rng.choice(agencies) + opening + rng.choice(years) + closing
                          + rng.choice(numbers) + rng.choice(ends))
        text = "".join(pieces)
        matches = [(m.span(), m.groups()) for m in _wrong_year_brackets(text)]
        assert matches == [(m.span(), m.groups()) for m in year_brackets.finditer(text)], text
        found += len(matches)
        for number in (text, pieces[0]):
            assert number_form(number) == bool(form.match(number)), number
            forms += number_form(number)
    assert found > 1000 and forms > 20  # both answers of each test were tried
