"""The wizard on a GBK terminal: bytes typed in GBK while Python reads UTF-8 are recovered, never truncated.

prompt_toolkit decodes keystrokes with stdin's encoding and keeps undecodable bytes as lone surrogates; saved
as such they made the rendered document stop mid-sentence. Driven in a real pseudo-terminal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from generator.text.clean import SURROGATES, repair_terminal_text

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the wizard in a pseudo-terminal")
if sys.platform == "win32":  # pragma: no cover - pexpect.spawn needs a POSIX pty
    pytest.skip("pexpect.spawn needs a POSIX pseudo-terminal", allow_module_level=True)

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "PROMPT_TOOLKIT_NO_CPR": "1", "LC_ALL": "C.UTF-8"}


def test_gbk_bytes_read_as_utf8_are_recovered() -> None:
    """Verify the repair gives the typed text back, and leaves good text and undecodable bytes alone."""
    typed = "广州市公安局海珠区分局".encode("gbk").decode("utf-8", "surrogateescape")
    assert SURROGATES.search(typed)
    assert repair_terminal_text(typed, "utf-8") == "广州市公安局海珠区分局"
    assert repair_terminal_text("广州", "utf-8") == "广州"
    broken = b"\xff\xfe\xff".decode("utf-8", "surrogateescape")
    assert SURROGATES.search(repair_terminal_text(broken, "utf-8"))


def test_wizard_saves_gbk_typed_name_as_text(tmp_path: Path) -> None:
    """Verify an agency name typed on a GBK terminal is saved as the name, without surrogates."""
    path = tmp_path / "report.yaml"
    child = pexpect.spawn(sys.executable, ["-m", "generator", "wizard", "-o", str(path)], encoding="utf-8",
                          codec_errors="replace", dimensions=(40, 120), env=ENV, timeout=60, cwd=str(tmp_path))
    child.delaybeforesend = 0.05
    child.expect_exact("发文机关全称：")
    os.write(child.child_fd, "梅州市梅县区公安局".encode("gbk"))
    child.send("\r")
    child.expect_exact("机关层级：")
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    saved = path.read_text(encoding="utf-8")
    assert "梅州市梅县区公安局" in saved
    assert "\\ud" not in saved.lower() and not SURROGATES.search(saved)
