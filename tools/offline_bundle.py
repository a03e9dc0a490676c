"""Build an offline install bundle: fzbg's wheel, every dependency as a wheel, an installer and instructions.

    python tools/offline_bundle.py --target win-amd64 -o dist/
    python tools/offline_bundle.py --target linux-x86_64 --python 3.11 -o dist/

Run on any machine that reaches the package index; the zip then installs on a machine that reaches none
(政务内网, 公安网) with ``python -m pip install --no-index --find-links wheels fzbg``.

Reproducible: the dependencies are exactly the versions and hashes of ``requirements.lock`` (a universal lock
made by ``uv pip compile --universal --generate-hashes``, see its header). pip's ``download --platform`` takes
the target's wheel tags but evaluates environment markers (``sys_platform == 'win32'``) against the machine it
runs on, so the lock's markers are evaluated here for the target and pip gets a marker-free, hash-pinned list
with ``--no-deps``: a Windows bundle built on Linux still holds colorama.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from offline_texts import installer, instructions  # beside this file: run as a script, tools/ is on sys.path

try:
    from packaging.markers import Marker
except ImportError:  # pip always carries a copy
    from pip._vendor.packaging.markers import Marker  # type: ignore[assignment]

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "requirements.lock"
# CPython versions fzbg supports (requires-python >= 3.10) and that have wheels of every dependency.
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Target:
    """A platform the bundle is for: pip's platform tags and the values of environment markers there."""

    name: str
    platforms: tuple[str, ...]  # pip --platform values, best first
    sys_platform: str
    platform_system: str
    os_name: str
    machine: str

    @property
    def windows(self) -> bool:
        return self.os_name == "nt"


def _linux(arch: str) -> Target:
    # 麒麟 V10 and 统信 UOS 20 ship glibc 2.28: manylinux_2_28 is the newest tag they run.
    tags = tuple(f"manylinux_2_{v}_{arch}" for v in (28, 27, 26, 25, 24, 17)) + (f"manylinux2014_{arch}",)
    return Target(f"linux-{arch}", tags, "linux", "Linux", "posix", arch)


TARGETS = {
    "win-amd64": Target("win-amd64", ("win_amd64",), "win32", "Windows", "nt", "AMD64"),
    "win32": Target("win32", ("win32",), "win32", "Windows", "nt", "x86"),
    "linux-x86_64": _linux("x86_64"),
    "linux-aarch64": _linux("aarch64"),
}


class BundleError(Exception):
    """The bundle cannot be built; the message says why (in Chinese, for the person running the tool)."""


# ---------------------------------------------------------------- the lock file


@dataclass(frozen=True)
class Pin:
    """One entry of the lock: ``name==version``, its marker (may be empty) and its allowed hashes."""

    requirement: str
    marker: str
    hashes: tuple[str, ...]


def read_lock(path: Path = LOCK) -> list[Pin]:
    """The entries of a ``uv pip compile --generate-hashes`` lock file."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))  # join continuation lines
    pins = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        hashes = tuple(re.findall(r"--hash=(\S+)", line))
        spec = re.sub(r"--hash=\S+", "", line).strip()
        requirement, _, marker = (part.strip() for part in spec.partition(";"))
        if "==" not in requirement or not hashes:
            raise BundleError(f"{path.name}：“{requirement}” 没有固定版本或哈希，请用文件头部的命令重新生成")
        pins.append(Pin(requirement, marker, hashes))
    return pins


def marker_environment(target: Target, python: str) -> dict[str, str]:
    """The values environment markers see on *target* running CPython *python* (``3.11``)."""
    return {
        "implementation_name": "cpython", "platform_python_implementation": "CPython",
        "python_version": python, "python_full_version": f"{python}.0", "implementation_version": f"{python}.0",
        "sys_platform": target.sys_platform, "platform_system": target.platform_system, "os_name": target.os_name,
        "platform_machine": target.machine, "platform_release": "", "platform_version": "", "extra": "",
    }  # fmt: skip


def pins_for(pins: list[Pin], target: Target, python: str) -> list[Pin]:
    """The entries of the lock that apply on *target* with CPython *python*."""
    env = marker_environment(target, python)
    return [p for p in pins if not p.marker or Marker(p.marker).evaluate(env)]


def requirements_text(pins: list[Pin]) -> str:
    """A pip requirements file without markers, every entry pinned by its hashes."""
    return "".join(f"{p.requirement} " + " ".join(f"--hash={h}" for h in p.hashes) + "\n" for p in pins)


# ---------------------------------------------------------------- building


def project_version() -> str:
    # A regular expression, not tomllib: the builder may run Python 3.10, which has no tomllib.
    found = re.search(r'^version\s*=\s*"([^"]+)"', (REPO / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    if not found:
        raise BundleError("pyproject.toml 中没有 version")
    return found.group(1)


def bundle_name(target: Target, pythons: list[str] | None) -> str:
    """``fzbg-<version>-offline-<target>[-py<ver>].zip``: the suffix only when Pythons were chosen."""
    suffix = f"-py{'+'.join(pythons)}" if pythons else ""
    return f"fzbg-{project_version()}-offline-{target.name}{suffix}.zip"


def _pip(args: list[str]) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", *args]
    result = subprocess.run(command, capture_output=True, text=True, errors="replace", check=False)
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise BundleError(f"pip 失败（{' '.join(args[:1])}）：\n{tail}")


def build_own_wheel(wheels: Path) -> Path:
    """fzbg's own wheel, built from a clean copy so the checkout gets no build/ or egg-info folders."""
    ignored = shutil.ignore_patterns(
        ".git", ".ci", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".venv", "out", "tests",
        "benchmarks", ".mypy_cache", ".ruff_cache",
    )  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="fzbg-src-") as tmp:
        source = Path(tmp) / "src"
        shutil.copytree(REPO, source, ignore=ignored)
        _pip(["wheel", "--no-deps", "--wheel-dir", str(wheels), str(source)])
    [wheel] = wheels.glob("fzbg-*.whl")
    return wheel


# Pure-Python dependencies published only as a source archive (jieba): downloaded against the lock's hash and
# built here into a py3-none-any wheel, which installs on every target without a compiler.
SOURCE_ONLY = frozenset({"jieba"})


def _name(pin: Pin) -> str:
    return pin.requirement.split("==", 1)[0].strip().lower()


def build_source_only(wheels: Path, pins: list[Pin]) -> None:
    """Wheels of the SOURCE_ONLY pins, built from their hash-checked source archives."""
    chosen = [pin for pin in pins if _name(pin) in SOURCE_ONLY]
    if not chosen:
        return
    with tempfile.TemporaryDirectory(prefix="fzbg-sdist-") as tmp:
        requirements = Path(tmp) / "requirements.txt"
        requirements.write_text(requirements_text(chosen), encoding="utf-8")
        _pip(["download", "--dest", tmp, "--no-binary=:all:", "--no-deps", "--require-hashes", "-r", str(requirements)])
        for archive in sorted(Path(tmp).glob("*.tar.gz")) + sorted(Path(tmp).glob("*.zip")):
            _pip(["wheel", "--no-deps", "--wheel-dir", str(wheels), str(archive)])


def download_dependencies(target: Target, python: str, wheels: Path, pins: list[Pin]) -> None:
    """Every locked dependency for *target* and CPython *python* as wheels, checked against the lock's hashes."""
    wanted = pins_for(pins, target, python)
    build_source_only(wheels, wanted)
    with tempfile.TemporaryDirectory(prefix="fzbg-req-") as tmp:
        requirements = Path(tmp) / "requirements.txt"
        binary = [pin for pin in wanted if _name(pin) not in SOURCE_ONLY]
        requirements.write_text(requirements_text(binary), encoding="utf-8")
        platforms = [arg for tag in target.platforms for arg in ("--platform", tag)]
        _pip([
            "download", "--dest", str(wheels), "--only-binary=:all:", "--no-deps", "--require-hashes",
            "--implementation", "cp", "--python-version", python, *platforms, "-r", str(requirements),
        ])  # fmt: skip


def build_bundle(target_name: str, outdir: Path, pythons: list[str] | None = None) -> Path:
    """Build the zip for *target_name* in *outdir* and return its path (replaced atomically if it exists)."""
    target = TARGETS[target_name]
    versions = pythons or list(PYTHONS)
    pins = read_lock()
    outdir.mkdir(parents=True, exist_ok=True)
    zip_path = outdir / bundle_name(target, pythons)
    top = zip_path.stem
    with tempfile.TemporaryDirectory(prefix="fzbg-bundle-") as tmp:
        root = Path(tmp) / top
        wheels = root / "wheels"
        wheels.mkdir(parents=True)
        build_own_wheel(wheels)
        for python in versions:
            download_dependencies(target, python, wheels, pins)
        examples = root / "示例"
        examples.mkdir()
        for example in sorted((REPO / "examples").glob("*.yaml")):
            shutil.copy2(example, examples / example.name)
        name, data = installer(target, versions)
        (root / name).write_bytes(data)
        (root / "离线安装说明.txt").write_bytes(instructions(target, versions, project_version()))
        partial = zip_path.with_name(zip_path.name + ".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    # A fixed date and mode: the zip's bytes depend only on what is in it.
                    info = zipfile.ZipInfo(f"{top}/{path.relative_to(root).as_posix()}", date_time=ZIP_DATE)
                    info.external_attr = (0o100755 if path.suffix == ".sh" else 0o100644) << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, path.read_bytes())
        os.replace(partial, zip_path)
    return zip_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成 fzbg 离线安装包（在能访问软件包索引的电脑上运行）")
    parser.add_argument("--target", required=True, choices=sorted(TARGETS), help="目标平台")
    parser.add_argument("--python", action="append", metavar="X.Y", help=f"目标 Python 版本，可多次给出（默认 {'、'.join(PYTHONS)}）")
    parser.add_argument("-o", "--outdir", type=Path, required=True, help="输出文件夹")
    args = parser.parse_args(argv)
    for version in args.python or []:
        if version not in PYTHONS:
            parser.error(f"--python {version}：fzbg 支持的 Python 版本为 {'、'.join(PYTHONS)}")
    try:
        path = build_bundle(args.target, args.outdir, args.python)
    except BundleError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    size = path.stat().st_size / 1_000_000
    print(f"已生成 {path}（{size:.1f} MB）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
