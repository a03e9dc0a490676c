"""``fzbg wizard`` as a user meets it: refused without a terminal; end to end in a real pseudo-terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docxtext import docx_paragraphs

from generator.api import load_report

# pexpect does not answer prompt_toolkit's cursor-position requests: without this, each prompt waits ~1 s.
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "PROMPT_TOOLKIT_NO_CPR": "1"}
TIMEOUT = 60  # generous: CI machines are slow, and the first prompt imports the whole pipeline


def fzbg(*args: str, **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, encoding="utf-8",
        env=ENV, timeout=TIMEOUT, **kwargs,
    )


@pytest.mark.parametrize("stdin", [subprocess.DEVNULL, "pipe"])
def test_without_a_terminal_the_wizard_refuses_at_once(tmp_path: Path, stdin: object) -> None:
    path = tmp_path / "report.yaml"
    extra = {"input": "广州市公安局\n"} if stdin == "pipe" else {"stdin": stdin}
    result = fzbg("wizard", "-o", str(path), **extra)
    assert result.returncode == 2
    assert "不是终端" in result.stderr and "fzbg new" in result.stderr and "fzbg render" in result.stderr
    assert "Traceback" not in result.stderr
    assert not path.exists()


# -- end to end in a pseudo-terminal ---------------------------------------------------------------

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the wizard in a pseudo-terminal")
if sys.platform == "win32":  # pragma: no cover - pexpect.spawn needs a POSIX pty
    pytest.skip("pexpect.spawn needs a POSIX pseudo-terminal", allow_module_level=True)

ENTER, DOWN, SPACE, CTRL_C = "\r", "\x1b[B", " ", "\x03"
SUBMIT_MULTILINE = "\x1b\r"


def spawn(path: Path):
    child = pexpect.spawn(
        sys.executable, ["-m", "generator", "wizard", "-o", str(path)], encoding="utf-8",
        dimensions=(40, 120), env=ENV, timeout=TIMEOUT, cwd=str(path.parent),
    )
    child.delaybeforesend = 0.05
    return child


def answer(child, prompt: str, *keys: str) -> None:
    child.expect_exact(prompt)
    for key in keys:
        child.send(key)


def answer_the_document_questions(child, copy_to: str = "") -> None:
    """The questions before the opening paragraph, answered as a 海珠 staff member would."""
    answer(child, "发文机关全称：", "广州市公安局海珠区分局", ENTER)
    answer(child, "机关层级：", ENTER)
    answer(child, "主送机关（上级机关）：", ENTER)
    answer(child, "机关简称：", ENTER)
    answer(child, "报告年度：", ENTER)
    answer(child, "发文字号：", "海珠公法字〔2025〕1号", ENTER)
    answer(child, "签发人：", "王建国", ENTER)
    answer(child, "成文日期：", ENTER)
    answer(child, "抄送机关：", copy_to, ENTER)


def finish_box(child, text: str) -> None:
    answer(child, "的内容：", ENTER)  # 现在逐项填写
    answer(child, "第 1 项：", text, SUBMIT_MULTILINE)
    answer(child, "再添加一项？", "n")


def test_a_whole_report_with_ctrl_c_midway_resume_and_render(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    child = spawn(path)
    answer_the_document_questions(child, copy_to="区委全面依法治区委员会办公室")
    answer(child, "开头段落（导语）：", SUBMIT_MULTILINE)
    answer(child, "部分的标题：", CTRL_C)
    child.expect_exact("已中断")
    child.expect_exact("继续填写请运行：fzbg wizard -o")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    saved = path.read_text(encoding="utf-8")
    assert "海珠公法字〔2025〕1号" in saved and "区委全面依法治区委员会办公室" in saved

    child = spawn(path)
    child.expect_exact("接着填写")
    answer(child, "“主要举措和成效”部分的标题：", ENTER)  # resumes at the first unanswered question
    answer(child, "按哪些小标题来写？", DOWN * 3, SPACE, ENTER)
    finish_box(child, "严格规范执法。全年办理行政案件1200宗。")
    for part in ("存在的不足和原因", "第一责任人职责履行情况", "下一年度主要安排"):
        answer(child, f"“{part}”部分的标题：", ENTER)
        finish_box(child, f"{part}的内容。")
    answer(child, "还有其他需要报告的情况吗？", "n")
    answer(child, "要记录哪些数据？", SPACE, ENTER)
    answer(child, "行政处罚决定（单位：宗）本年数值：", "1200", ENTER)
    answer(child, "行政处罚决定（单位：宗）上年数值：", "1100", ENTER)
    answer(child, "目录以外的其他数据要列出吗？", "n")
    child.expect_exact("填写情况")
    child.expect_exact("数据校验：通过")
    answer(child, "下一步：", ENTER)  # 生成公文（.docx）
    answer(child, "生成哪个版本？", ENTER)
    answer(child, "使用哪套字体？", ENTER)
    answer(child, "保存为：", ENTER)
    child.expect_exact("已生成")
    answer(child, "下一步：", DOWN, ENTER)  # 保存并退出
    child.expect_exact("已保存在")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    report, _ = load_report(path)
    assert report.agency.name == "广州市公安局海珠区分局" and len(report.parts) == 4
    assert report.parts[0].content[0].content == ["严格规范执法。全年办理行政案件1200宗。"]
    check = fzbg("check", str(path))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "严格规范执法。全年办理行政案件1200宗。" in "\n".join(docx_paragraphs(tmp_path / "report.docx"))


def test_entry_repairs_and_refusals_in_a_terminal(tmp_path: Path) -> None:
    """Verify in a pty: 文号 [] becomes 〔〕 with a note, a 成文日期 inside the report year is refused, 主送机关
    cannot be left empty."""
    path = tmp_path / "report.yaml"
    child = spawn(path)
    answer(child, "发文机关全称：", "江州市青山区公安局", ENTER)
    answer(child, "机关层级：", ENTER)
    answer(child, "主送机关（上级机关）：", ENTER)
    child.expect_exact("正式上报版必须写主送机关")
    child.send("江州市公安局" + ENTER)
    answer(child, "机关简称：", ENTER)
    answer(child, "报告年度：", "\x15", "2025", ENTER)  # Ctrl-U clears the suggested year
    answer(child, "发文字号：", "青公法字[2026]3号", ENTER)
    child.expect_exact("文号的年份要用六角括号〔〕，已改为“青公法字〔2026〕3号”")
    answer(child, "签发人：", "王建国", ENTER)
    answer(child, "成文日期：", "\x15", "2025-12-20", ENTER)
    child.expect_exact("成文日期应在报告年度（2025年）结束之后")
    child.send("\x15" + "2026-01-15" + ENTER)
    answer(child, "抄送机关：", CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    saved = path.read_text(encoding="utf-8")
    assert "青公法字〔2026〕3号" in saved and "2026-01-15" in saved and "江州市公安局" in saved


def test_ctrl_c_keeps_a_paragraph_typed_but_not_submitted(tmp_path: Path) -> None:
    """Verify Ctrl-C while writing the opening paragraph saves what was typed, in a real pty."""
    path = tmp_path / "report.yaml"
    child = spawn(path)
    answer_the_document_questions(child)
    answer(child, "开头段落（导语）：", "\x15" * 5)  # Ctrl-U: clear the suggestion, line by line
    child.send("\x1b<")  # to the start of the buffer
    child.send("\x1b>")
    child.send("未提交的开头段落，写了一半。")
    child.send(CTRL_C)
    child.expect_exact("已保存这一项中尚未提交的文字")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "未提交的开头段落，写了一半。" in path.read_text(encoding="utf-8")


def test_a_paste_over_the_field_limit_is_refused_at_the_prompt(tmp_path: Path) -> None:
    """Verify in a pty: a 50,000-character paste (bracketed, as terminals send it) is refused at the prompt with
    the limit named; the answer file stays loadable, and after a resume a long paste within the limit is taken."""
    path = tmp_path / "report.yaml"
    sentence = "一年来，我局坚持以习近平法治思想为指导，全面推进法治公安建设。"
    too_long, long_enough = (sentence * 1700)[:50_000], (sentence * 600)[:18_000]
    child = spawn(path)
    answer_the_document_questions(child)
    answer(child, "开头段落（导语）：", "\x15" * 5, "\x1b[200~" + too_long + "\x1b[201~", SUBMIT_MULTILINE)
    child.expect_exact("超过了每项 20,000 字的上限")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert too_long not in path.read_text(encoding="utf-8")

    resumed = spawn(path)
    resumed.expect_exact("接着填写")
    answer(resumed, "开头段落（导语）：", "\x15" * 5, "\x1b[200~" + long_enough + "\x1b[201~", SUBMIT_MULTILINE)
    answer(resumed, "部分的标题：", CTRL_C)
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 130
    assert long_enough in path.read_text(encoding="utf-8")


def test_a_loop_ended_before_ctrl_c_is_not_asked_again_after_the_resume(tmp_path: Path) -> None:
    """Verify in a pty: "再添加一项？" answered n, Ctrl-C at the next part's heading; the resumed wizard asks that
    heading, not "再添加一项？" again."""
    path = tmp_path / "report.yaml"
    child = spawn(path)
    answer_the_document_questions(child)
    answer(child, "开头段落（导语）：", SUBMIT_MULTILINE)
    answer(child, "“主要举措和成效”部分的标题：", ENTER)
    answer(child, "按哪些小标题来写？", ENTER)  # none: the part is filled item by item
    finish_box(child, "严格规范执法。全年办理行政案件1200宗。")
    answer(child, "“存在的不足和原因”部分的标题：", CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    resumed = spawn(path)
    resumed.expect_exact("接着填写")
    index = resumed.expect_exact(["再添加一项？", "“存在的不足和原因”部分的标题："])
    assert index == 1, "an ended loop was asked again after the resume"
    resumed.send(CTRL_C)
    resumed.expect(pexpect.EOF)
