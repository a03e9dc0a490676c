"""The installer and the Chinese instructions inside an offline bundle (see offline_bundle.py).

Encodings are chosen for the machines the bundle is opened on: a Chinese Windows cmd.exe reads a .bat file in
the ANSI code page 936 (GBK), not UTF-8, so 安装.bat is GBK with CRLF line ends; the instructions are UTF-8
with a byte-order mark, which every Notepad (also Windows 7's) and every Linux editor shows correctly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from offline_bundle import Target

_BAT = r"""@echo off
rem fzbg offline install: no network, only the wheels of this folder.
setlocal
cd /d "%~dp0"
set "PY="
for %%V in ({versions}) do (
  if not defined PY (
    py -%%V -c "" >nul 2>nul && set "PY=py -%%V"
  )
)
if not defined PY (
  python -c "import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= ({newest}) else 1)" >nul 2>nul && set "PY=python"
)
if not defined PY (
  echo 未找到可用的 Python（需要 {range}）。请先按“离线安装说明.txt”安装 Python，再双击本文件。
  pause
  exit /b 1
)
echo 正在用 %PY% 安装 fzbg（不联网，只用本文件夹中的 wheels）……
%PY% -m pip install --no-index --find-links wheels --upgrade fzbg
if errorlevel 1 (
  echo 安装失败。请把本窗口的内容截图，连同“离线安装说明.txt”一起交给信息化管理员。
  pause
  exit /b 1
)
%PY% -m generator --help
echo.
echo 安装完成。检验：打开命令提示符，进入本文件夹，运行
echo     fzbg render 示例\minimal.yaml -o 测试.docx
echo 若提示找不到 fzbg，请改用：%PY% -m generator render 示例\minimal.yaml -o 测试.docx
pause
"""

_SH = r"""#!/bin/sh
# fzbg offline install: no network, only the wheels of this folder, into a virtual environment
# (so the system Python is left alone and "externally managed" distributions do not refuse).
set -e
cd "$(dirname "$0")"
VENV="${{1:-$HOME/fzbg-venv}}"
PY=""
for v in {versions}; do
  if command -v "python$v" >/dev/null 2>&1; then PY="python$v"; break; fi
done
if [ -z "$PY" ] && command -v python3 >/dev/null 2>&1 \
   && python3 -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= ({newest}) else 1)'; then
  PY=python3
fi
if [ -z "$PY" ]; then
  echo "未找到可用的 Python（需要 {range}）。请先按“离线安装说明.txt”安装 Python，再运行本脚本。" >&2
  exit 1
fi
echo "正在用 $PY 在 $VENV 中安装 fzbg（不联网，只用本文件夹中的 wheels）……"
"$PY" -m venv "$VENV" || {{ echo "无法创建虚拟环境：请安装 $PY 的 venv 组件（如 python3-venv）后重试。" >&2; exit 1; }}
"$VENV/bin/python" -m pip install --no-index --find-links wheels --upgrade fzbg
"$VENV/bin/fzbg" --help
if [ -d "$HOME/.local/bin" ]; then ln -sf "$VENV/bin/fzbg" "$HOME/.local/bin/fzbg"; fi
echo
echo "安装完成。fzbg 位于 $VENV/bin/fzbg。检验：在本文件夹运行"
echo "    $VENV/bin/fzbg render 示例/minimal.yaml -o 测试.docx"
"""


def _versions(versions: list[str]) -> tuple[str, str, str]:
    """Newest first for the installer's search, the newest as a tuple, and a range for messages."""
    ordered = sorted(versions, key=lambda v: tuple(int(p) for p in v.split(".")), reverse=True)
    newest = ", ".join(ordered[0].split("."))
    span = ordered[-1] if len(ordered) == 1 else f"{ordered[-1]}～{ordered[0]}"
    return " ".join(ordered), newest, f"Python {span}"


def installer(target: Target, versions: list[str]) -> tuple[str, bytes]:
    """The installer's file name and bytes for *target*."""
    ordered, newest, span = _versions(versions)
    if target.windows:
        text = _BAT.format(versions=ordered, newest=newest, range=span)
        return "安装.bat", text.replace("\n", "\r\n").encode("gbk")
    return "install.sh", _SH.format(versions=ordered, newest=newest, range=span).encode("utf-8")


def instructions(target: Target, versions: list[str], version: str) -> bytes:
    """离线安装说明.txt for *target*: which Python, the two commands, how to check, how to upgrade."""
    ordered, _newest, span = _versions(versions)
    recommended = ordered.split()[0]
    if target.windows:
        bits = "64 位（Windows installer (64-bit)）" if target.name == "win-amd64" else "32 位（Windows installer (32-bit)）"
        python = (
            f"在能上网的电脑上，从 Python 官网 python.org 的 Downloads → Windows 页面下载 Python {recommended} 的"
            f" {bits}安装程序，拷贝到本机后运行；安装第一页请勾选“Add python.exe to PATH”。\n"
            f"本安装包支持 {span}，其他版本（包括 3.14 及以后）无法安装。\n"
            "Windows 7 不受支持：fzbg 需要 Python 3.10 以上，而 Python 3.9 起已不能在 Windows 7 上运行。"
        )
        commands = (
            "1. 把本 zip 解压到任意文件夹（例如 D:\\fzbg）。\n"
            "2. 双击其中的“安装.bat”。它执行的就是：\n"
            "       python -m pip install --no-index --find-links wheels fzbg\n"
            "   （--no-index 表示不访问网络，只从 wheels 文件夹安装。）"
        )
        check = (
            "打开“命令提示符”，进入解压后的文件夹，运行：\n"
            "    fzbg render 示例\\minimal.yaml -o 测试.docx\n"
            "生成“测试.docx”并能用 Word 或 WPS 打开即安装成功。若提示找不到 fzbg，请用 py -m generator 代替 fzbg。"
        )
        upgrade = "解压新版本的离线安装包，再双击其中的“安装.bat”即可（它会替换旧版本，已有的数据文件不受影响）。"
        pdf = "如需直接生成 PDF，还要安装 LibreOffice：在能上网的电脑上从 libreoffice.org 下载 Windows 安装程序（.msi），拷贝到本机安装在默认位置。"
    else:
        arch = "x86_64（Intel、兆芯、海光）" if target.machine == "x86_64" else "aarch64（鲲鹏、飞腾）"
        python = (
            f"本安装包适用于 {arch} 上的 Linux（麒麟、统信 UOS 等，glibc 2.28 及以上），支持 {span}。\n"
            "先用 python3 --version 查看系统自带的 Python；低于 3.10 时，请从本单位的软件源安装 python3.10 以上版本"
            "（连同 venv 组件，如 python3-venv），或由信息化管理员提供。\n"
            "龙芯（LoongArch）不受支持：lxml、PyYAML、MarkupSafe 和 pydantic-core 没有发布该平台的安装包（wheel）。"
        )
        commands = (
            "1. 解压：unzip 本文件名.zip，然后进入解压出的文件夹。\n"
            "2. 运行：sh install.sh  （可在后面给出安装位置，默认 ~/fzbg-venv）。它执行的就是：\n"
            "       python3 -m venv ~/fzbg-venv\n"
            "       ~/fzbg-venv/bin/python -m pip install --no-index --find-links wheels fzbg\n"
            "   （--no-index 表示不访问网络，只从 wheels 文件夹安装。）"
        )
        check = (
            "在解压后的文件夹中运行：\n"
            "    ~/fzbg-venv/bin/fzbg render 示例/minimal.yaml -o 测试.docx\n"
            "生成“测试.docx”并能用 WPS 或 LibreOffice 打开即安装成功。"
        )
        upgrade = "解压新版本的离线安装包，再运行其中的 sh install.sh 即可（它会替换旧版本，已有的数据文件不受影响）。"
        pdf = (
            "如需直接生成 PDF，还要安装 LibreOffice（从本单位的软件源安装 libreoffice-writer）。"
            "没有方正、_GB2312 等商用字体时，fzbg 会用已安装的免费字体（Fandol、思源/Noto 宋体和黑体）代替，并在生成时说明用了哪些字体。"
        )
    text = (
        f"fzbg {version} 离线安装说明（{target.name}）\n"
        "==========================================\n\n"
        "本安装包在没有互联网、也不能访问软件包索引的电脑（政务内网、公安网）上安装 fzbg。\n"
        "wheels 文件夹中是 fzbg 及其全部依赖，安装时不需要联网。\n\n"
        f"一、先安装 Python\n{python}\n\n"
        f"二、安装 fzbg（两步）\n{commands}\n\n"
        f"三、检验是否安装成功\n{check}\n\n"
        f"四、升级\n{upgrade}\n\n"
        f"五、PDF 与字体\n{pdf}\n"
    )
    if target.windows:
        text = text.replace("\n", "\r\n")
    return "\ufeff".encode() + text.encode("utf-8")
