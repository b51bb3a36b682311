"""Word-level diff of two texts, as a list of equal / delete / insert segments.

The algorithm, cheapest step first:

1. equal texts give one equal segment, without tokenising;
2. the common beginning and end of the two texts are found by comparing
   characters (in C, by halving) and set aside at a safe token boundary
   (`tokens.common_cuts`), so that only the changed middle is tokenised;
   the middles are cut into tokens (`tokens.tokenize`) and their common
   leading and trailing tokens set aside too;
3. the middle is compared with Myers' O(ND) greedy algorithm, which is fast
   when the texts differ little (D small), as revisions of a treaty text do;
4. when the middle differs so much that D passes `MYERS_MAX_D`, the middle is
   cut at the tokens that occur exactly once on each side and in the same
   order (patience diff), and each piece is compared again; a piece with no
   such anchor is shown as replaced whole. The cost therefore stays bounded
   on any input, at the price of a less minimal diff on pathological ones.

Texts are always compared in the same direction (the smaller string as
"old"), the result mirrored when needed, so that the diff of new against old
is exactly the mirror image of old against new.

The segments are then tidied for a reader: a run of spaces and punctuation
alone between two changes is folded into them ("the cat" → "a dog" reads as
one replacement, not as two), and within a change the deleted text comes
before the inserted text.

Invariant (tested): joining the equal and delete segments gives the old text,
joining the equal and insert segments gives the new text, exactly.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple

from accord.documents.compare.tokens import common_cuts, is_word, tokenize

MYERS_MAX_D = 400
"""Largest edit distance (in tokens) Myers may search before the patience fallback."""

_MAX_FOLDED = 3
"""Longest run of separator tokens between two changes that is shown as changed."""


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


class Segment(NamedTuple):
    op: Op
    text: str


# A hunk of the token-level script: (old start, old end, new start, new end);
# equal when both ranges have the same length and old == new tokens, a change
# otherwise. Hunks come in order and cover both sequences.
_Hunk = tuple[bool, int, int, int, int]


def diff_text(old: str, new: str) -> list[Segment]:
    """The word-level diff of `old` and `new`; empty when both are empty."""
    if old == new:
        return [Segment(Op.EQUAL, old)] if old else []
    if not old:
        return [Segment(Op.INSERT, new)]
    if not new:
        return [Segment(Op.DELETE, old)]
    if new < old:
        # Always diff in one direction, so that the redline of new against old
        # is exactly the mirror of old against new, whatever ties the
        # algorithms break one way or the other.
        return _mirror(diff_text(new, old))
    start, old_end, new_end = common_cuts(old, new)
    segments = diff_tokens(tokenize(old[start:old_end]), tokenize(new[start:new_end]))
    if start:
        if segments and segments[0].op == Op.EQUAL:
            segments[0] = Segment(Op.EQUAL, old[:start] + segments[0].text)
        else:
            segments.insert(0, Segment(Op.EQUAL, old[:start]))
    if old_end < len(old):
        if segments and segments[-1].op == Op.EQUAL:
            segments[-1] = Segment(Op.EQUAL, segments[-1].text + old[old_end:])
        else:
            segments.append(Segment(Op.EQUAL, old[old_end:]))
    return segments


def _mirror(segments: list[Segment]) -> list[Segment]:
    """The diff the other way round: insertions become deletions and back,
    deletions still first within each change."""
    out: list[Segment] = []
    for op, text in segments:
        if op == Op.EQUAL:
            out.append(Segment(op, text))
        elif op == Op.DELETE:
            out.append(Segment(Op.INSERT, text))
        elif out and out[-1].op == Op.INSERT:  # (delete, insert) became (insert, delete)
            out.insert(len(out) - 1, Segment(Op.DELETE, text))
        else:
            out.append(Segment(Op.DELETE, text))
    return out


def diff_tokens(a: Sequence[str], b: Sequence[str]) -> list[Segment]:
    """The diff of two token sequences, as merged segments."""
    n, m = len(a), len(b)
    start = 0
    limit = min(n, m)
    while start < limit and a[start] == b[start]:
        start += 1
    end_a, end_b = n, m
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    hunks: list[_Hunk] = []
    if start:
        hunks.append((True, 0, start, 0, start))
    _diff_middle(a, b, start, end_a, start, end_b, hunks)
    if end_a < n:
        hunks.append((True, end_a, n, end_b, m))
    return _segments(a, b, _fold_separators(a, hunks))


def _diff_middle(
    a: Sequence[str], b: Sequence[str], a0: int, a1: int, b0: int, b1: int, out: list[_Hunk]
) -> None:
    """Append the hunks of a[a0:a1] against b[b0:b1] (no common prefix or suffix)."""
    if a0 == a1 or b0 == b1:
        if a0 != a1 or b0 != b1:
            out.append((False, a0, a1, b0, b1))
        return
    script = _myers(a, b, a0, a1, b0, b1, MYERS_MAX_D)
    if script is not None:
        out.extend(script)
        return
    anchors = _unique_anchors(a, b, a0, a1, b0, b1)
    if not anchors:
        out.append((False, a0, a1, b0, b1))
        return
    i, j = a0, b0
    for x, y in anchors:
        _diff_gap(a, b, i, x, j, y, out)
        out.append((True, x, x + 1, y, y + 1))
        i, j = x + 1, y + 1
    _diff_gap(a, b, i, a1, j, b1, out)


def _diff_gap(
    a: Sequence[str], b: Sequence[str], a0: int, a1: int, b0: int, b1: int, out: list[_Hunk]
) -> None:
    """Like _diff_middle, after setting aside the gap's common prefix and suffix."""
    s = 0
    while a0 + s < a1 and b0 + s < b1 and a[a0 + s] == b[b0 + s]:
        s += 1
    if s:
        out.append((True, a0, a0 + s, b0, b0 + s))
        a0 += s
        b0 += s
    e = 0
    while a1 - e > a0 and b1 - e > b0 and a[a1 - e - 1] == b[b1 - e - 1]:
        e += 1
    _diff_middle(a, b, a0, a1 - e, b0, b1 - e, out)
    if e:
        out.append((True, a1 - e, a1, b1 - e, b1))


def _myers(
    a: Sequence[str], b: Sequence[str], a0: int, a1: int, b0: int, b1: int, max_d: int
) -> list[_Hunk] | None:
    """Myers' greedy shortest edit script, or None when it needs more than max_d edits.

    v[k] holds the furthest x (index into a, relative to a0) reached on
    diagonal k = x - y; a copy of v is kept for each d to walk the path back.
    """
    n, m = a1 - a0, b1 - b0
    max_d = min(max_d, n + m)
    offset = max_d + 1
    v = [0] * (2 * max_d + 3)
    trace: list[list[int]] = []
    for d in range(max_d + 1):
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            while x < n and y < m and a[a0 + x] == b[b0 + y]:
                x += 1
                y += 1
            v[offset + k] = x
            if x >= n and y >= m:
                trace.append(v[:])
                return _backtrack(trace, offset, n, m, a0, b0)
        trace.append(v[:])
    return None


def _backtrack(
    trace: list[list[int]], offset: int, n: int, m: int, a0: int, b0: int
) -> list[_Hunk]:
    """Turn Myers' trace into hunks, merging consecutive edits into one change."""
    steps: list[_Hunk] = []  # in reverse order
    x, y = n, m
    for d in range(len(trace) - 1, 0, -1):
        v = trace[d - 1]
        k = x - y
        down = k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1])
        prev_k = k + 1 if down else k - 1
        prev_x = v[offset + prev_k]
        prev_y = prev_x - prev_k
        # The snake from the edit's end point to (x, y) is equal.
        mid_x, mid_y = (prev_x, prev_y + 1) if down else (prev_x + 1, prev_y)
        if mid_x < x:
            steps.append((True, a0 + mid_x, a0 + x, b0 + mid_y, b0 + y))
        steps.append((False, a0 + prev_x, a0 + mid_x, b0 + prev_y, b0 + mid_y))
        x, y = prev_x, prev_y
    if x > 0:
        steps.append((True, a0, a0 + x, b0, b0 + y))
    steps.reverse()
    hunks: list[_Hunk] = []
    for step in steps:
        if hunks and not step[0] and not hunks[-1][0]:
            last = hunks[-1]
            hunks[-1] = (False, last[1], step[2], last[3], step[4])
        else:
            hunks.append(step)
    return hunks


def _unique_anchors(
    a: Sequence[str], b: Sequence[str], a0: int, a1: int, b0: int, b1: int
) -> list[tuple[int, int]]:
    """Pairs (i, j) of tokens found exactly once in a[a0:a1] and in b[b0:b1], keeping
    the longest subsequence in the same order on both sides (patience diff)."""
    count_a: dict[str, int] = {}
    for i in range(a0, a1):
        token = a[i]
        count_a[token] = -1 if token in count_a else i
    count_b: dict[str, int] = {}
    for j in range(b0, b1):
        token = b[j]
        count_b[token] = -1 if token in count_b else j
    pairs = [
        (i, count_b[token])
        for token, i in count_a.items()
        if i >= 0 and count_b.get(token, -1) >= 0
    ]
    pairs.sort()
    keep = longest_increasing([j for _, j in pairs])
    return [pairs[index] for index in keep]


def longest_increasing(values: Sequence[int]) -> list[int]:
    """Indexes of a longest strictly increasing subsequence of `values`, in order.

    O(n log n) patience sorting; used for diff anchors and to tell which
    provisions really moved.
    """
    tails: list[int] = []  # tails[l] = value ending the best subsequence of length l + 1
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for index, value in enumerate(values):
        length = bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[length] = value
            tail_index[length] = index
        previous[index] = tail_index[length - 1] if length else -1
    result: list[int] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        result.append(index)
        index = previous[index]
    result.reverse()
    return result


def _fold_separators(a: Sequence[str], hunks: list[_Hunk]) -> list[_Hunk]:
    """Merge neighbouring hunks of the same kind, and fold an equal hunk made
    only of a few spaces and punctuation marks, between two changes, into one
    change covering all three."""
    merged: list[_Hunk] = []
    for hunk in hunks:
        if merged and merged[-1][0] == hunk[0]:
            last = merged[-1]
            merged[-1] = (hunk[0], last[1], hunk[2], last[3], hunk[4])
        else:
            merged.append(hunk)
    out: list[_Hunk] = []
    for index, hunk in enumerate(merged):
        fold = (
            hunk[0]
            and out
            and index + 1 < len(merged)
            and hunk[2] - hunk[1] <= _MAX_FOLDED
            and not any(is_word(token) for token in a[hunk[1] : hunk[2]])
        )
        if fold or (out and not hunk[0] and not out[-1][0]):
            last = out[-1]
            out[-1] = (False, last[1], hunk[2], last[3], hunk[4])
        else:
            out.append(hunk)
    return out


def _segments(a: Sequence[str], b: Sequence[str], hunks: list[_Hunk]) -> list[Segment]:
    segments: list[Segment] = []
    for equal, i0, i1, j0, j1 in hunks:
        if equal:
            if segments and segments[-1].op == Op.EQUAL:
                segments[-1] = Segment(Op.EQUAL, segments[-1].text + "".join(a[i0:i1]))
            else:
                segments.append(Segment(Op.EQUAL, "".join(a[i0:i1])))
            continue
        if i1 > i0:
            segments.append(Segment(Op.DELETE, "".join(a[i0:i1])))
        if j1 > j0:
            segments.append(Segment(Op.INSERT, "".join(b[j0:j1])))
    return segments
