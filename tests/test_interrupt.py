"""Issue 22: Ctrl-C in any command prints "已中断" with what was kept, exit 130, and leaves no partial file.

typer turns KeyboardInterrupt into Exit(130) before fzbg's own handler sees it; the CLI must still say so.
The interrupt is a real SIGINT delivered to a real fzbg process while it works on a long input.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_files import REPO

# Pre-import the pipeline, then let SIGINT arrive while the command runs (not while Python starts).
RUNNER = """
import sys, generator.api, generator.importer.docx_text, generator.check  # noqa
from generator.cli import main
sys.stdout.write("started\\n"); sys.stdout.flush()
sys.exit(main(sys.argv[1:]))
"""


def _long_docx(path: Path) -> Path:
    import docx  # python-docx: a document not made by fzbg

    document = docx.Document()
    for i in range(4900):
        document.add_paragraph(f"第{i}项：全年依法办理行政案件{i}宗，执法规范化水平持续提升。")
    document.save(str(path))
    return path


def _interrupted(args: list[str], delay: float) -> subprocess.CompletedProcess[str]:
    process = subprocess.Popen([sys.executable, "-c", RUNNER, *args], cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               env={**os.environ, "PYTHONUTF8": "1"})
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "started"
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_ctrl_c_during_import_says_what_was_kept(tmp_path: Path) -> None:
    source = _long_docx(tmp_path / "old.docx")
    target = tmp_path / "r.yaml"
    result = _interrupted(["import", str(source), "-o", str(target), "--year", "2025"], 0.3)
    if result.returncode == 0:
        pytest.skip("the import finished before the interrupt arrived")
    assert result.returncode == 130, result.stderr
    assert "已中断" in result.stderr and "不会留下不完整的文件" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_interrupt_raised_inside_typer_is_reported(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    """The same path in process: a KeyboardInterrupt from inside a command (typer makes it Exit(130))."""
    from generator.cli import main
    from generator.render import docx as docx_render

    def interrupt(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(docx_render, "render_docx_bytes", interrupt)
    code = main(["render", str(REPO / "examples" / "minimal.yaml"), "-o", str(tmp_path / "out.docx")])
    err = capsys.readouterr().err
    assert code == 130 and "已中断" in err, err
    assert not (tmp_path / "out.docx").exists()
