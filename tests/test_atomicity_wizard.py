"""The wizard's autosave is atomic (issue 8): kill -9 while saving, or a full disk, never costs an answer.

The wizard runs in a real pseudo-terminal (as in test_wizard_terminal.py), through the FAULTS wrapper of
test_atomicity.py: it pauses inside the write window of the save that holds a given answer, or makes
exactly that save fail with ENOSPC.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from pathlib import Path

import pytest
import yaml
from test_atomicity import ENV, FAULTS, MARKER, fault_env, parts

from generator.display import error_text
from generator.errors import OutputError
from generator.wizard.store import AnswerStore

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the wizard in a pseudo-terminal")
if sys.platform == "win32":  # pragma: no cover - pexpect.spawn needs a POSIX pty
    pytest.skip("pexpect.spawn needs a POSIX pseudo-terminal", allow_module_level=True)

TERMINAL_ENV = {**ENV, "PROMPT_TOOLKIT_NO_CPR": "1"}  # pexpect does not answer cursor-position requests
TIMEOUT = 60
ENTER, CTRL_C = "\r", "\x03"
NUMBER, SIGNER = "海珠公法字〔2025〕1号", "张三丰"


def spawn(path: Path, env: dict[str, str], through_faults: bool):
    args = ["-c", FAULTS] if through_faults else ["-m", "generator"]
    child = pexpect.spawn(sys.executable, [*args, "wizard", "-o", str(path)], encoding="utf-8",
                          dimensions=(40, 120), env=env, timeout=TIMEOUT, cwd=str(path.parent))
    child.delaybeforesend = 0.05
    child.logfile_read = io.StringIO()
    return child


def answer(child, prompt: str, *keys: str) -> None:
    child.expect_exact(prompt)
    for key in keys:
        child.send(key)


def answer_up_to_the_signer(child) -> None:
    """Seven answers, each saved at once; the last save is the one that holds SIGNER."""
    answer(child, "发文机关全称：", "广州市公安局海珠区分局", ENTER)
    answer(child, "机关层级：", ENTER)
    answer(child, "主送机关（上级机关）：", ENTER)
    answer(child, "机关简称：", ENTER)
    answer(child, "报告年度：", ENTER)
    answer(child, "发文字号：", NUMBER, ENTER)
    answer(child, "签发人：", SIGNER, ENTER)


def saved(path: Path) -> dict:
    """The file on disk, which must be complete YAML holding every answer before the signer's."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["agency"]["name"] == "广州市公安局海珠区分局"
    assert data["document"]["number"] == NUMBER
    return data


def test_kill_9_while_autosaving_keeps_the_previous_file_and_resume_works(tmp_path: Path) -> None:
    """SIGKILL inside the save of the signer's answer: the file is the previous complete version; the next
    run removes the .part at once and resumes at 签发人."""
    path = tmp_path / "report.yaml"
    child = spawn(path, {**fault_env("pause", SIGNER), "PROMPT_TOOLKIT_NO_CPR": "1"}, through_faults=True)
    answer_up_to_the_signer(child)
    child.expect_exact(MARKER)
    [left] = parts(tmp_path)  # the window was really hit: the new version is written, not yet renamed
    assert SIGNER in (tmp_path / left).read_text(encoding="utf-8")
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    assert "signer" not in saved(path)["document"]
    assert parts(tmp_path) == [left]

    child = spawn(path, TERMINAL_ENV, through_faults=False)
    child.expect_exact("接着填写")
    assert parts(tmp_path) == []
    answer(child, "签发人：", CTRL_C)  # the first unanswered question
    child.expect_exact("已中断")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in child.logfile_read.getvalue()
    assert "signer" not in saved(path)["document"]
    assert parts(tmp_path) == []


def test_disk_full_while_autosaving_says_so_and_shows_the_answer(tmp_path: Path) -> None:
    """ENOSPC on the save of the signer's answer: exit 1 with 磁盘空间不足 and the answer itself on screen
    (nothing typed is lost); the file still holds every earlier answer; no .part is left."""
    path = tmp_path / "report.yaml"
    child = spawn(path, {**fault_env("enospc", SIGNER), "PROMPT_TOOLKIT_NO_CPR": "1"}, through_faults=True)
    answer_up_to_the_signer(child)
    child.expect_exact("无法保存答案")
    child.expect_exact("磁盘空间不足")
    child.expect_exact("刚才的回答没有保存")
    child.expect_exact(SIGNER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "Traceback" not in child.logfile_read.getvalue()
    assert "signer" not in saved(path)["document"]
    assert parts(tmp_path) == []


def test_a_failed_save_raises_with_the_unsaved_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """AnswerStore itself: a save that fails leaves the file as it was and names the answer it could not keep."""
    path = tmp_path / "report.yaml"
    store = AnswerStore(path)
    store.set(("agency", "name"), "青山分局")
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError) as info:
        store.extend(("parts",), [{"kind": "measures", "content": ["第一段。", "第二段。"]}])
    text = error_text(info.value)
    assert info.value.message == "无法保存答案"
    assert "磁盘空间不足" in text and "之前的回答都在" in text
    assert "第一段。\n第二段。" in text
    assert path.read_bytes() == before
    assert parts(tmp_path) == []
