"""The offline bundle (tools/offline_bundle.py): the lock, the installer texts, and real bundles.

The slow tests build real bundles from the package index (network needed, as in CI): the linux-x86_64 one is
installed into a fresh venv with ``--no-index`` and an unreachable index and renders the README's example;
the Windows and aarch64 ones are checked against the wheel tags their CPython 3.10–3.13 accept (packaging.tags).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from packaging.requirements import Requirement
from packaging.tags import compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename
from shared import skip_or_fail

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

import offline_bundle as ob  # noqa: E402 - tools/ is not a package
import offline_texts  # noqa: E402

PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"


def offline_env(home: Path) -> dict[str, str]:
    """An environment in which pip can reach no index and reads no configuration of this machine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL="http://127.0.0.1:9/simple", PIP_NO_INPUT="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONIOENCODING="utf-8", HOME=str(home))  # fmt: skip
    return env


# ---------------------------------------------------------------- the lock (fast)


def test_lock_pins_every_dependency_with_hashes() -> None:
    pins = ob.read_lock()
    locked = {canonicalize_name(p.requirement.split("==")[0]) for p in pins}
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^dependencies = \[(.*?)^\]", pyproject, re.M | re.S)
    assert block is not None
    declared = re.findall(r'"([^"]+)"', block.group(1))
    assert len(declared) >= 10
    assert {canonicalize_name(Requirement(d).name) for d in declared} <= locked
    for pin in pins:
        assert re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.]+", pin.requirement), pin
        assert all(h.startswith("sha256:") and len(h) == 71 for h in pin.hashes), pin


def test_markers_are_evaluated_for_the_target_not_this_machine() -> None:
    pins = ob.read_lock()

    def names(target: str, python: str) -> dict[str, str]:
        chosen = ob.pins_for(pins, ob.TARGETS[target], python)
        return dict(p.requirement.split("==") for p in chosen)

    windows, linux = names("win-amd64", "3.12"), names("linux-aarch64", "3.12")
    assert "colorama" in windows and "colorama" not in linux  # sys_platform == 'win32', on a Linux builder
    for target in ob.TARGETS:
        for python in ob.PYTHONS:
            chosen = ob.pins_for(pins, ob.TARGETS[target], python)
            counted = [canonicalize_name(p.requirement.split("==")[0]) for p in chosen]
            assert len(counted) == len(set(counted)), f"two versions of one package for {target} {python}"


def test_requirements_text_has_no_markers_and_every_hash() -> None:
    pins = ob.pins_for(ob.read_lock(), ob.TARGETS["win32"], "3.10")
    text = ob.requirements_text(pins)
    assert ";" not in text
    assert text.count("--hash=") == sum(len(p.hashes) for p in pins)


def test_bundle_names() -> None:
    version = ob.project_version()
    assert ob.bundle_name(ob.TARGETS["win-amd64"], None) == f"fzbg-{version}-offline-win-amd64.zip"
    assert ob.bundle_name(ob.TARGETS["linux-x86_64"], ["3.11"]) == f"fzbg-{version}-offline-linux-x86_64-py3.11.zip"


def test_unsupported_python_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        ob.main(["--target", "win32", "--python", "3.9", "-o", str(tmp_path)])
    assert exit_info.value.code == 2
    assert "支持的 Python 版本" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_windows_installer_is_gbk_with_crlf_and_runs_the_offline_command() -> None:
    name, data = offline_texts.installer(ob.TARGETS["win-amd64"], list(ob.PYTHONS))
    assert name == "安装.bat"
    text = data.decode("gbk")  # what a Chinese cmd.exe reads
    assert "\n" not in text.replace("\r\n", "")
    assert "-m pip install --no-index --find-links wheels --upgrade fzbg" in text
    assert "for %%V in (3.13 3.12 3.11 3.10)" in text


def test_instructions_say_what_is_not_supported() -> None:
    windows = offline_texts.instructions(ob.TARGETS["win-amd64"], list(ob.PYTHONS), "1.0").decode("utf-8-sig")
    assert "Windows 7" in windows and "64 位" in windows and "python -m pip install --no-index" in windows
    linux = offline_texts.instructions(ob.TARGETS["linux-aarch64"], ["3.11"], "1.0").decode("utf-8-sig")
    assert "LoongArch" in linux and "鲲鹏" in linux and "Python 3.11" in linux


# ---------------------------------------------------------------- real bundles (slow, network)


def _build(target: str, outdir: Path, pythons: list[str] | None) -> Path:
    try:
        return ob.build_bundle(target, outdir, pythons)
    except ob.BundleError as exc:
        if "pip" in str(exc) and ("connection" in str(exc).lower() or "network" in str(exc).lower()):
            skip_or_fail(f"package index not reachable: {exc}")
        raise


@pytest.mark.slow
def test_linux_bundle_installs_with_no_index_and_renders(tmp_path: Path) -> None:
    zip_path = _build("linux-x86_64", tmp_path / "dist", [PYTHON])
    assert zip_path.name == f"fzbg-{ob.project_version()}-offline-linux-x86_64-py{PYTHON}.zip"
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(unpacked)
    [root] = unpacked.iterdir()
    assert (root / "离线安装说明.txt").is_file()
    home = tmp_path / "home"
    home.mkdir()
    venv = tmp_path / "venv"
    # The bundle's own installer, exactly as a user runs it, with no index reachable.
    result = subprocess.run(["sh", str(root / "install.sh"), str(venv)], cwd=tmp_path, env=offline_env(home),
                            capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "安装完成" in result.stdout
    work = tmp_path / "work"
    work.mkdir()
    fzbg = venv / "bin" / "fzbg"
    result = subprocess.run([str(fzbg), "render", str(REPO / "examples" / "minimal.yaml"), "-o", "x.docx"], cwd=work,
                            env=offline_env(home), capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    text = "\n".join(p.text for p in docx.Document(str(work / "x.docx")).paragraphs)
    assert "法治政府建设" in text
    # The installed fzbg is the bundle's, not this checkout.
    probe = subprocess.run([str(venv / "bin" / "python"), "-c", "import generator; print(generator.__file__)"],
                           cwd=work, env=offline_env(home), capture_output=True, text=True, check=True)  # fmt: skip
    assert str(venv) in probe.stdout


@pytest.mark.slow
@pytest.mark.parametrize("target", ["win-amd64", "win32", "linux-aarch64"])
def test_bundle_holds_only_wheels_the_target_cpythons_can_install(tmp_path: Path, target: str) -> None:
    """Checked statically (this machine cannot run them): every CPython 3.10-3.13 of the target finds a wheel
    of every locked dependency and of fzbg, and the zip holds no wheel that none of them could install."""
    platforms = list(ob.TARGETS[target].platforms)
    zip_path = _build(target, tmp_path, None)
    assert zip_path.name == f"fzbg-{ob.project_version()}-offline-{target}.zip"
    installer_name = "安装.bat" if ob.TARGETS[target].windows else "install.sh"
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        top = zip_path.stem
        assert f"{top}/{installer_name}" in names and f"{top}/离线安装说明.txt" in names
        installer = archive.read(f"{top}/{installer_name}")
        assert "--find-links wheels" in (installer.decode("gbk") if ob.TARGETS[target].windows else installer.decode())
    wheels = [parse_wheel_filename(Path(n).name) for n in names if n.endswith(".whl")]
    assert len(wheels) == sum(1 for n in names if n.startswith(f"{top}/wheels/")), "only wheels in wheels/"
    pins = ob.read_lock()
    usable_somewhere = set()
    for python in ob.PYTHONS:
        version = tuple(int(p) for p in python.split("."))
        accepted = {*cpython_tags(version, platforms=platforms),
                    *compatible_tags(version, f"cp{version[0]}{version[1]}", platforms=platforms)}  # fmt: skip
        installable = {
            (name, str(ver)) for name, ver, _build_tag, tags in wheels if tags & accepted
        }
        usable_somewhere |= installable
        for pin in [*ob.pins_for(pins, ob.TARGETS[target], python), ob.Pin(f"fzbg=={ob.project_version()}", "", ())]:
            name, ver = pin.requirement.split("==")
            assert (canonicalize_name(name), ver) in installable, f"no wheel of {pin.requirement} for CPython {python}"
    assert {(name, str(ver)) for name, ver, _b, _t in wheels} == usable_somewhere  # nothing unusable
