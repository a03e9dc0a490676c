"""jieba's dictionary looked up on demand instead of loaded whole.

jieba's Tokenizer keeps its dictionary as one dict of ~500,000 words and prefixes, unmarshalled from a cache on
every start: about a second, most of what ``fzbg check`` and ``fzbg render`` spent (issue 20). Segmenting a
title or a report's 问题/计划 sections asks it for a few thousand entries at most. So the same dictionary is kept
as a file of its words sorted by their UTF-8 bytes, mapped into memory and searched by bisection, each answer
remembered. The mapping answers exactly what jieba's own gives (``gen_pfdict``: a word's last frequency in
dict.txt, 0 for a prefix of a word, absent otherwise; the total is the sum over all lines), so the words cut are
the same as with ``jieba.Tokenizer()`` (tests/test_lexicon.py compares both).

The sorted file is built from jieba's dict.txt on first use, as jieba builds its own cache, in the user's cache
folder (else the temporary folder), and rebuilt when dict.txt changes. When no folder can be written, it is
built in memory for the run.
"""

from __future__ import annotations

import mmap
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

FORMAT = b"fzbg-jieba-index 1"
NAME = "jieba-words.idx"


def dictionary_file() -> Path:
    """jieba's own dictionary (dict.txt in the installed package), found without importing jieba."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba")
    return Path(spec.origin).with_name("dict.txt")


def cache_folders() -> list[Path]:
    """Where the sorted file may live, best first: the user's cache folder, then the temporary folder."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return [Path(base) / "fzbg", Path(tempfile.gettempdir()) / f"fzbg-{_user()}"]


def _user() -> str:
    try:
        return str(os.getuid())
    except AttributeError:  # Windows: the temporary folder is per user already
        return "user"


def _key(source: Path) -> bytes:
    stat = source.stat()
    return f"{stat.st_size}-{stat.st_mtime_ns}".encode()


def build(source: Path) -> bytes:
    """The sorted file's bytes for *source* (jieba's dict.txt): a header with the source's key and the total,
    then one ``word frequency`` line per word, sorted by the word's UTF-8 bytes (the order a prefix search needs)."""
    freq: dict[bytes, int] = {}
    total = 0
    with source.open("rb") as lines:
        for number, line in enumerate(lines, 1):
            # As jieba's gen_pfdict reads it: word and frequency before the first two spaces, the last one wins.
            fields = line.strip().split(b" ")
            try:
                word, count = fields[0], int(fields[1])
            except (IndexError, ValueError):
                raise ValueError(f"invalid dictionary entry in {source} at line {number}") from None
            freq[word] = count
            total += count
    body = b"".join(word + b" " + str(freq[word]).encode() + b"\n" for word in sorted(freq))
    return b"%s %s %d\n" % (FORMAT, _key(source), total) + body


class Words:
    """The part of a ``dict`` jieba's Tokenizer uses (``in``, ``[]``, ``get``, assignment for add_word), answered
    from the sorted file; assignments and answers are kept in one dict."""

    def __init__(self, data: Any, start: int) -> None:
        self._data = data  # mmap or bytes: both have find, rfind and slicing
        self._start = start
        self._end = len(data)
        self._known: dict[str, int] = {}  # word → frequency (0: a prefix), -1: not in the dictionary

    def _first_at_or_after(self, key: bytes) -> int:
        """Offset of the first line whose word is ≥ *key* (bisection over lines)."""
        data, lo, hi = self._data, self._start, self._end
        while lo < hi:
            mid = (lo + hi) // 2
            newline = data.rfind(b"\n", lo, mid)
            line = lo if newline < 0 else newline + 1
            if data[line:data.find(b" ", line)] < key:
                lo = data.find(b"\n", line) + 1
            else:
                hi = line
        return lo

    def _search(self, word: str) -> int:
        key = word.encode("utf-8", "surrogatepass")
        line = self._first_at_or_after(key)
        if line >= self._end:
            return -1
        data = self._data
        space = data.find(b" ", line)
        found = data[line:space]
        if found == key:
            return int(data[space + 1:data.find(b"\n", space)])
        return 0 if found.startswith(key) else -1

    def _lookup(self, word: str) -> int:
        value = self._known.get(word)
        if value is None:
            value = self._known[word] = self._search(word)
        return value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lookup(word) >= 0

    def __getitem__(self, word: str) -> int:
        value = self._lookup(word)
        if value < 0:
            raise KeyError(word)
        return value

    def get(self, word: str, default: Any = None) -> Any:
        value = self._lookup(word)
        return default if value < 0 else value

    def __setitem__(self, word: str, freq: int) -> None:
        self._known[word] = freq


def _parse(data: Any, key: bytes) -> tuple[Words, int] | None:
    """The words and total of a sorted file, or None when it is not one for *key* (stale, another format, cut)."""
    end = data.find(b"\n")
    header = bytes(data[:end]).split(b" ") if end > 0 else []
    if len(header) != 4 or b" ".join(header[:2]) != FORMAT or header[2] != key or not header[3].isdigit():
        return None
    if len(data) > end + 1 and data[len(data) - 1:] != b"\n":
        return None  # cut short
    return Words(data, end + 1), int(header[3])


def _open(path: Path, key: bytes) -> tuple[Words, int] | None:
    try:
        with path.open("rb") as handle:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)  # stays valid after close
    except (OSError, ValueError):
        return None
    found = _parse(data, key)
    if found is None:
        data.close()
    return found


def _write(path: Path, content: bytes) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".jieba-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(temporary, path)  # atomic: a concurrent run sees the old file or the new one, whole
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def load(source: Path | None = None, folders: list[Path] | None = None) -> tuple[Words, int]:
    """jieba's FREQ and total for *source* (default: jieba's dict.txt), from the first folder holding a current
    sorted file, else built and written to the first folder that takes it, else built in memory."""
    source = source or dictionary_file()
    key = _key(source)
    folders = cache_folders() if folders is None else folders
    for folder in folders:
        found = _open(folder / NAME, key)
        if found is not None:
            return found
    content = build(source)
    for folder in folders:
        if _write(folder / NAME, content):
            found = _open(folder / NAME, key)
            if found is not None:
                return found
    found = _parse(content, key)
    assert found is not None  # just built for this key
    return found


def tokenizer(source: Path | None = None, folders: list[Path] | None = None) -> Any:  # jieba has no types
    """A ``jieba.Tokenizer`` over jieba's dictionary that looks words up on demand (see the module docstring)."""
    jieba = import_jieba()

    class Tokenizer(jieba.Tokenizer):  # type: ignore[misc,name-defined]
        def initialize(self, dictionary: Any = None) -> None:  # (jieba's signature)
            with self.lock:
                if self.initialized:  # type: ignore[has-type]
                    return
                try:
                    self.FREQ, self.total = load(source, folders)
                except (OSError, ModuleNotFoundError):  # no dict.txt beside jieba (a frozen build): jieba's own way
                    super().initialize(dictionary)
                    return
                self.initialized = True

    return Tokenizer()


def import_jieba() -> Any:
    """jieba, imported without pkg_resources when nothing has imported it yet: jieba only uses it to open its own
    files, for which it falls back to plain ``open``, and importing pkg_resources costs ~0.2 s."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba
