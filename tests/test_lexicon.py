"""jieba's dictionary looked up on demand (text/lexicon.py) cuts exactly as jieba's own Tokenizer does."""

from __future__ import annotations

import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any

import jieba
import pytest

from generator.text import lexicon
from generator.text.words import _tokenizer

ROOT = Path(__file__).resolve().parent.parent
AGENCY_WORDS = ROOT / "generator" / "text" / "agency_words.txt"


def corpus() -> list[str]:
    """Every run of Han characters, letters and digits in the examples and the shared seeds: real report text."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").glob("*.yaml"))]
    seeds = Path("/work/shared/seeds")
    if seeds.is_dir():
        texts += [path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))]
    texts.append("新疆维吾尔自治区伊犁哈萨克自治州公安局霍尔果斯口岸分局关于2025年度法治政府建设情况的报告")
    return [run for text in texts for run in re.findall(r"[\u4e00-\u9fd5A-Za-z0-9]+", text)]


def add_agency_words(tokenizer: Any) -> Any:
    for line in AGENCY_WORDS.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            tokenizer.add_word(word)
    return tokenizer


@lru_cache(maxsize=1)
def stock() -> Any:
    """jieba's own Tokenizer, its whole dictionary loaded, with the same agency words."""
    return add_agency_words(jieba.Tokenizer())


def test_frequencies_and_total_equal_jiebas(tmp_path: Path) -> None:
    theirs = jieba.Tokenizer()
    theirs.initialize()
    ours, total = lexicon.load(folders=[tmp_path])
    assert total == theirs.total
    probes = {run[i:j] for run in corpus() for i in range(len(run)) for j in range(i + 1, min(len(run), i + 6) + 1)}
    probes |= set(list(theirs.FREQ)[::997])  # words and prefixes from all over the dictionary
    assert len(probes) > 10_000
    for probe in probes:
        assert ours.get(probe) == theirs.FREQ.get(probe), probe
        assert (probe in ours) == (probe in theirs.FREQ), probe


def test_words_cut_as_jieba_cuts_them() -> None:
    ours = _tokenizer()  # the one fzbg uses, agency words added
    runs = corpus()
    assert len(runs) > 500
    for run in runs:
        assert list(ours.cut(run, HMM=False)) == list(stock().cut(run, HMM=False)), run
        assert list(ours.cut_for_search(run, HMM=True)) == list(stock().cut_for_search(run, HMM=True)), run
    assert ours.total == stock().total  # add_word's suggested frequencies agree too


def test_sorted_file_reused_then_rebuilt_when_stale_or_cut(tmp_path: Path) -> None:
    source = tmp_path / "dict.txt"
    source.write_text("公安局 50 n\n公安 80 n\n分局 30 n\n公安 90 n\n", encoding="utf-8")
    folder = tmp_path / "cache"
    words, total = lexicon.load(source, [folder])
    assert total == 250  # every line counts, as in jieba's gen_pfdict
    assert (words.get("公安"), words.get("公"), words.get("公安局"), words.get("局")) == (90, 0, 50, None)
    index = folder / lexicon.NAME
    built = index.stat().st_mtime_ns

    lexicon.load(source, [folder])
    assert index.stat().st_mtime_ns == built  # reused

    index.write_bytes(index.read_bytes()[:-3])  # cut short (a run killed while writing elsewhere)
    words, _ = lexicon.load(source, [folder])
    assert words.get("分局") == 30

    source.write_text("派出所 7 n\n", encoding="utf-8")
    os.utime(source, ns=(built + 10**9, built + 10**9))
    words, total = lexicon.load(source, [folder])
    assert (total, words.get("派出所"), words.get("公安")) == (7, 7, None)  # rebuilt for the new dict.txt


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a folder the user cannot write")
def test_no_writable_folder_builds_in_memory(tmp_path: Path) -> None:
    source = tmp_path / "dict.txt"
    source.write_text("公安局 50 n\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        words, total = lexicon.load(source, [locked / "fzbg"])
    finally:
        locked.chmod(stat.S_IRWXU)
    assert (words.get("公安局"), total) == (50, 50)


def test_folder_that_is_a_file_builds_in_memory(tmp_path: Path) -> None:
    source = tmp_path / "dict.txt"
    source.write_text("公安局 50 n\n", encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    words, total = lexicon.load(source, [blocker / "fzbg"])
    assert (words.get("公安局"), words.get("公安"), total) == (50, 0, 50)


def test_bad_dictionary_line_named(tmp_path: Path) -> None:
    source = tmp_path / "dict.txt"
    source.write_text("公安局 50 n\n分局\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        lexicon.load(source, [tmp_path / "cache"])


def test_missing_dictionary_falls_back_to_jiebas_loading(tmp_path: Path) -> None:
    ours = lexicon.tokenizer(tmp_path / "no-dict.txt", [tmp_path / "cache"])
    assert list(ours.cut("江州市公安局关于法治政府建设情况的报告", HMM=False)) == list(
        jieba.Tokenizer().cut("江州市公安局关于法治政府建设情况的报告", HMM=False))
    assert isinstance(ours.FREQ, dict)  # jieba's whole dictionary, loaded as jieba loads it
