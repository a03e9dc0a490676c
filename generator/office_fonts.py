"""A private fontconfig for fzbg's own LibreOffice runs: the 公文 fonts a machine lacks become free look-alikes.

On Linux and 信创 machines (麒麟, 统信) the commercial fonts of a 公文 (仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体,
宋体) are usually absent, and fontconfig's own fallback gives the first CJK font it knows, often the Japanese
Noto Sans CJK JP for every role: the PDF then looks like no 公文 at all. fzbg ships no font files (方正 and the
_GB2312 fonts are not free); instead each soffice child gets ``FONTCONFIG_FILE`` pointing at a file that
includes the system configuration and adds, for each 公文 family that is NOT installed, a strong alias to the
best free font that is: Fandol (Debian's texlive-lang-chinese; its 仿宋 is the family "FandolFang R"), the
AR PL fonts it pulls in, or Noto Serif/Sans CJK SC. Installed commercial fonts are never overridden, and the
system configuration and font folders stay as they are (the private file includes them).

Windows and macOS LibreOffice do not use fontconfig; there nothing changes.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Union
from xml.sax.saxutils import escape

SYSTEM_CONFIG = "/etc/fonts/fonts.conf"
FILE_NAME = "fzbg-fonts.conf"
# TeX Live keeps Fandol in its own tree, which Debian's and Fedora's fontconfig do not search: the private
# config adds the folder (Debian/Ubuntu/麒麟/统信 texlive-lang-chinese, Fedora texlive-fandol, upstream TeX Live).
FANDOL_FOLDERS = (
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol",
    "/usr/share/texmf/fonts/opentype/public/fandol",
    "/usr/local/texlive/*/texmf-dist/fonts/opentype/public/fandol",
)

# role → the names a document may ask for (Chinese and English family names of the commercial fonts).
REQUESTED: dict[str, tuple[str, ...]] = {
    "fangsong": ("仿宋_GB2312", "仿宋", "FangSong_GB2312", "FangSong", "SimFang"),
    "kaiti": ("楷体_GB2312", "楷体", "KaiTi_GB2312", "KaiTi", "SimKai"),
    "heiti": ("黑体", "SimHei"),
    "xiaobiaosong": ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong"),
    "songti": ("宋体", "SimSun", "新宋体", "NSimSun"),
}
# role → free families, best first: the first one installed is used. A weight makes a family play a heavier
# role (方正小标宋 is a bold 宋体 design; Noto Serif CJK SC Bold is the nearest free face).
FREE: dict[str, tuple[tuple[str, Union[str, None]], ...]] = {
    "fangsong": (("FandolFang", None), ("Noto Serif CJK SC", None), ("Source Han Serif SC", None)),
    "kaiti": (("FandolKai", None), ("AR PL UKai CN", None), ("AR PL KaitiM GB", None), ("Noto Serif CJK SC", None)),
    "heiti": (("FandolHei", None), ("Noto Sans CJK SC", None), ("Source Han Sans SC", None), ("WenQuanYi Zen Hei", None)),
    "xiaobiaosong": (("Noto Serif CJK SC", "bold"), ("Source Han Serif SC", "bold"), ("FandolSong", "bold")),
    "songti": (("FandolSong", None), ("Noto Serif CJK SC", None), ("AR PL SungtiL GB", None), ("Source Han Serif SC", None)),
}  # fmt: skip


def applies() -> bool:
    """True where LibreOffice finds its fonts through fontconfig (Linux and the other Unix systems)."""
    return os.name == "posix" and not _is_mac() and shutil.which("fc-list") is not None


def _is_mac() -> bool:
    return os.uname().sysname == "Darwin"


def extra_folders() -> list[str]:
    """The Fandol folders present on this machine."""
    found = []
    for pattern in FANDOL_FOLDERS:
        found += sorted(str(p) for p in Path("/").glob(pattern.lstrip("/")) if p.is_dir())
    return found


def _base_config(system: str, folders: list[str]) -> str:
    dirs = "".join(f"  <dir>{escape(d)}</dir>\n" for d in folders)
    return f'  <include ignore_missing="yes">{escape(system)}</include>\n{dirs}'


@functools.lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Every family name fontconfig knows, the Fandol folders included (each font's names in all its
    languages), read once per process."""
    with tempfile.TemporaryDirectory(prefix="fzbg-fc-") as tmp:
        probe = Path(tmp) / FILE_NAME
        system = os.environ.get("FONTCONFIG_FILE") or SYSTEM_CONFIG  # a user's own configuration is kept
        probe.write_text(_wrap(_base_config(system, extra_folders())), encoding="utf-8")
        try:
            result = subprocess.run(
                ["fc-list", ":", "family"], capture_output=True, text=True, errors="replace", timeout=60,
                check=False, env={**os.environ, "FONTCONFIG_FILE": str(probe)},
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired):
            return frozenset()
    names = {name.strip().replace("\\-", "-") for line in result.stdout.splitlines() for name in line.split(",")}
    return frozenset(n for n in names if n)


def substitutions(installed: Union[frozenset[str], None] = None) -> dict[str, tuple[str, Union[str, None]]]:
    """Each requested family that is not installed → the free family (and weight) that takes its place.

    Families with no free font installed are left out (LibreOffice then falls back as usual).
    """
    installed = installed_families() if installed is None else installed
    known = {n.casefold() for n in installed}
    mapping: dict[str, tuple[str, Union[str, None]]] = {}
    for role, names in REQUESTED.items():
        free = next(((f, w) for f, w in FREE[role] if f.casefold() in known), None)
        if free is None:
            continue
        for name in names:
            if name.casefold() not in known:
                mapping[name] = free
    return mapping


def _wrap(body: str) -> str:
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<!-- Written by fzbg for one LibreOffice run: free fonts for the 公文 fonts this machine lacks. -->\n"
        f"<fontconfig>\n{body}</fontconfig>\n"
    )


def config_text(
    mapping: Mapping[str, tuple[str, Union[str, None]]], system: str = SYSTEM_CONFIG, folders: tuple[str, ...] = ()
) -> str:
    """The private fonts.conf: the system configuration and *folders*, then one strong substitution per
    missing family."""
    rules = []
    for name, (free, weight) in sorted(mapping.items()):
        weight_edit = f'<edit name="weight" mode="assign" binding="strong"><const>{weight}</const></edit>' if weight else ""
        rules.append(
            f'  <match target="pattern"><test qual="any" name="family"><string>{escape(name)}</string></test>'
            f'<edit name="family" mode="prepend" binding="strong"><string>{escape(free)}</string></edit>'
            f"{weight_edit}</match>"
        )
    return _wrap(_base_config(system, list(folders)) + "".join(rule + "\n" for rule in rules))


def soffice_env(folder: Path, base: Union[Mapping[str, str], None] = None) -> Union[dict[str, str], None]:
    """The environment for an soffice child: *base* (os.environ) with ``FONTCONFIG_FILE`` set to a private
    config written into *folder* (the call's temporary profile folder). None where fontconfig does not apply,
    or nothing is missing: the child then inherits the environment unchanged."""
    if not applies():
        return None
    mapping = substitutions()
    if not mapping:
        return None
    base = os.environ if base is None else base
    path = Path(folder) / FILE_NAME
    system = base.get("FONTCONFIG_FILE") or SYSTEM_CONFIG
    path.write_text(config_text(mapping, system, tuple(extra_folders())), encoding="utf-8")
    return {**base, "FONTCONFIG_FILE": str(path)}


def substitution_note(families: list[str]) -> str:
    """``仿宋_GB2312→FandolFang R、…`` for those of *families* that the private config replaced ('' if none)."""
    mapping = substitutions() if applies() else {}
    used = [f"{name}→{mapping[name][0]}{'（粗体）' if mapping[name][1] else ''}" for name in families if name in mapping]
    return "、".join(used)
