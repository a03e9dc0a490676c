"""The project as users get it: a wheel installed into a fresh virtual environment.

The editable install used for development hides packaging mistakes (a module or template left out of the
wheel still imports from the checkout). So this builds a wheel, installs it into a venv in tmp_path and
runs the installed ``fzbg`` from another folder, checking that the installed code and template are used.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = "Scripts" if os.name == "nt" else "bin"

# Left out of the copy the wheel is built from: VCS data, build leftovers, and folders the wheel never ships.
IGNORED = shutil.ignore_patterns(
    ".git", ".ci", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".benchmarks", ".venv",
    "out", "tests", "benchmarks", "docs",
)  # fmt: skip


@dataclass
class Installed:
    source: Path  # the copy of the checkout the wheel was built from
    wheel: Path
    venv: Path

    @property
    def python(self) -> Path:
        return self.venv / BIN / ("python.exe" if os.name == "nt" else "python")

    @property
    def fzbg(self) -> Path:
        return self.venv / BIN / ("fzbg.exe" if os.name == "nt" else "fzbg")


def clean_env() -> dict[str, str]:
    """The environment for the installed tool, without anything that points back at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONIOENCODING="utf-8")
    return env


def run(args: list[str | Path], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=clean_env(), capture_output=True, text=True,
        encoding="utf-8", timeout=timeout,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    return result


def can_build_without_isolation() -> bool:
    """True when the running Python can build the wheel itself (fast, offline): setuptools >= 64 with
    bdist_wheel, which setuptools < 70.1 takes from the separate ``wheel`` package."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        major = int(version("setuptools").split(".")[0])
    except (PackageNotFoundError, ValueError):
        return False
    has_bdist_wheel = any(
        importlib.util.find_spec(name) is not None for name in ("wheel", "setuptools.command.bdist_wheel")
    )
    return major >= 64 and has_bdist_wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("packaging")
    # Build from a copy so the build/ and *.egg-info folders never land in the checkout, where other
    # people's test runs may be building at the same moment.
    source = work / "source"
    shutil.copytree(REPO, source, ignore=IGNORED)
    wheels = work / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source]
    if can_build_without_isolation():
        build.insert(4, "--no-build-isolation")
    result = run(build, cwd=work, timeout=600)
    assert result.returncode == 0, result.stderr
    [wheel] = wheels.glob("fzbg-*.whl")
    venv = work / "venv"
    # --system-site-packages: the dependencies come from this interpreter, so nothing is downloaded;
    # --without-pip: the system pip (visible through system site-packages) installs into the venv.
    result = run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv], cwd=work)
    assert result.returncode == 0, result.stderr
    found = Installed(source, wheel, venv)
    result = run(
        [found.python, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", "--no-index", wheel],
        cwd=work,
    )
    assert result.returncode == 0, result.stderr
    assert found.fzbg.is_file(), "the wheel installed no fzbg command"
    return found


def test_installed_fzbg_makes_a_report_from_another_folder(installed: Installed, tmp_path: Path) -> None:
    elsewhere = tmp_path / "某单位" / "报告"
    elsewhere.mkdir(parents=True)
    result = run([installed.fzbg, "new", "-o", "s.yaml"], cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "已生成 s.yaml" in result.stdout
    for variant in ("formal", "public"):
        # The untouched skeleton has 【待填写】 gaps: it renders only as a draft (marked 草稿 on every page).
        result = run([installed.fzbg, "render", "s.yaml", "-o", f"s-{variant}.docx", "--variant", variant, "--draft"],
                     cwd=elsewhere)
        assert result.returncode == 0, result.stderr
        document = docx.Document(io.BytesIO((elsewhere / f"s-{variant}.docx").read_bytes()))
        styles = {p.style.style_id for p in document.paragraphs if p.text.strip()}
        assert {"FzTitle", "Heading1", "Body"} <= styles  # the shipped template's styles were used
        assert ("Mark" in styles) == (variant == "formal")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["s-formal.docx", "s-public.docx", "s.yaml"]


PROBE = """
import json, sys
from importlib import resources
from importlib.metadata import distribution
from generator.cli import main
import generator.resources as r

codes = [main(["new", "-o", "p.yaml"]), main(["render", "p.yaml", "-o", "p.docx", "--fonts", "windows", "--draft"])]
template = r.templates_dir().joinpath("report.docx")
print(json.dumps({
    "codes": codes,
    "modules": {name: getattr(module, "__file__", None) for name, module in sys.modules.items()
                if name == "generator" or name.startswith("generator.")},
    "templates": str(r.templates_dir()),
    "via_resources": str(resources.files("generator.templates")),
    "template_is_file": template.is_file(),
    "template_bytes": len(r.read_template_bytes("report.docx")),
    "frameworks": sorted(p.name for p in r.templates_dir().joinpath("frameworks").iterdir()),
    "dist": str(distribution("fzbg").locate_file("")),
}))
"""


def test_installed_code_and_template_are_used_not_the_checkout(installed: Installed, tmp_path: Path) -> None:
    result = run([installed.python, "-c", PROBE], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.splitlines()[-1])
    assert found["codes"] == [0, 0]
    venv = installed.venv.resolve()
    assert {"generator", "generator.cli", "generator.render.docx", "generator.resources"} <= set(found["modules"])
    paths = {key: found[key] for key in ("templates", "via_resources", "dist")}
    paths.update({name: file for name, file in found["modules"].items() if file})
    for key, value in paths.items():
        path = Path(value).resolve()
        assert path.is_relative_to(venv), f"{key} = {path}, not inside the venv"
        assert not path.is_relative_to(REPO), f"{key} = {path} comes from the checkout"
    assert found["templates"] == found["via_resources"]
    assert found["template_is_file"]
    assert found["template_bytes"] == (REPO / "templates" / "report.docx").stat().st_size
    assert "outline-2021-2025.yaml" in found["frameworks"]
    assert (tmp_path / "p.docx").is_file()


def test_python_dash_m_generator_in_the_venv(installed: Installed, tmp_path: Path) -> None:
    result = run([installed.python, "-m", "generator", "--help"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "用法：" in result.stdout and "render" in result.stdout


def test_wheel_ships_every_module_of_the_package(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as archive:
        shipped = {name for name in archive.namelist() if name.startswith("generator/")}
    expected = {
        path.relative_to(installed.source).as_posix()
        for path in (installed.source / "generator").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert sorted(expected - shipped) == []


def test_wheel_ships_the_templates(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as archive:
        names = set(archive.namelist())
    assert "generator/templates/report.docx" in names
    assert "generator/templates/frameworks/outline-2021-2025.yaml" in names
    assert "generator/py.typed" in names
    with zipfile.ZipFile(installed.wheel) as archive:
        assert archive.read("generator/templates/report.docx") == (REPO / "templates" / "report.docx").read_bytes()
