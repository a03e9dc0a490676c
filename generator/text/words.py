"""Word boundaries of agency names and titles, for line breaking (GB/T 9704 7.3.1: 回行时要做到词意完整).

Segmentation is jieba's (the common Chinese segmenter, MIT, pure Python, with a place-name-aware
dictionary: 黔东南苗族侗族自治州, 伊犁哈萨克自治州 and 霍尔果斯 are single words in it). Two additions
make it fit names of agencies:

- a small user dictionary (``agency_words.txt``) of the administrative and police words that names are built
  from (经济开发区, 边境管理大队, 出入境边防检查站, …), so they are never split;
- single-character tokens are glued to their neighbours: jieba splits a place name it does not know into
  characters (磨憨 → 磨 憨), and a break next to a single character (的, 县 alone) tears a word apart anyway.

Breaks after the end of an agency (…公安局, …分局, …自治州) and around 关于 are *preferred*: a name that has
to wrap wraps between its administrative levels.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources
from typing import Any

# The end of an agency (…公安局, …分局): a line best ends here, or around 关于.
AGENCY_END = re.compile(r"(?:公安厅|公安局|分局|局|厅|支队|大队|总队|派出所|检查站|处)$")
# The end of a place (…自治州, …县): a line may end here, though not when the agency word follows.
PLACE_END = re.compile(r"(?:省|自治区|市|自治州|地区|盟|州|县|自治县|旗|自治旗|区|新区|开发区|口岸)$")
AGENCY_WORD = re.compile(r"(?:公安厅|公安局|分局|局|厅|支队|大队|总队|派出所|检查站|处)")


@lru_cache(maxsize=1)
def _tokenizer() -> Any:  # jieba ships no type information
    from .lexicon import import_jieba
    from .lexicon import tokenizer as indexed_tokenizer

    import_jieba().setLogLevel(logging.WARNING)  # it announces its dictionary loading on stderr
    # jieba's full dictionary, its words looked up on demand rather than loaded whole (about a second: lexicon.py)
    tokenizer = indexed_tokenizer()
    words = resources.files("generator.text").joinpath("agency_words.txt").read_text(encoding="utf-8")
    for line in words.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            tokenizer.add_word(word)
    return tokenizer


def search_words(text: str) -> list[str]:
    """*text* cut for matching: the words and, for a compound, its parts (jieba's cut_for_search), with the same
    tokenizer as :func:`tokens`, so a run that checks and renders loads jieba's dictionary once, not twice."""
    return [t for t in _tokenizer().cut_for_search(text, HMM=True) if t]


def tokens(text: str) -> list[str]:
    """*text* cut into words (jieba with the agency dictionary), concatenating back to *text*."""
    return [t for t in _tokenizer().cut(text, HMM=False) if t]


def word_breaks(text: str) -> tuple[set[int], dict[int, int]]:
    """Offsets where *text* may wrap between words, and a rank for each: 2 ends an agency or meets 关于,
    1 ends a place, 0 is any other word boundary, -1 separates a place from its agency word (…自治州|公安局)."""
    words = tokens(text)
    allowed: set[int] = set()
    rank: dict[int, int] = {}
    pos = 0
    for index, word in enumerate(words[:-1]):
        pos += len(word)
        following = words[index + 1]
        if len(word) == 1 or len(following) == 1:
            continue  # a single character belongs to its neighbour (unknown names, 的, 之)
        if word[-1].isdigit() and following[0] in "年月日号":
            continue
        if following.startswith("自治"):
            continue  # 伊犁哈萨克|自治州: the ethnic name and its 自治 level are one place
        allowed.add(pos)
        if AGENCY_END.search(word) or "关于" in (word, following):
            rank[pos] = 2
        elif AGENCY_WORD.fullmatch(following):
            rank[pos] = -1
        elif PLACE_END.search(word):
            rank[pos] = 1
        else:
            rank[pos] = 0
    return allowed, rank
