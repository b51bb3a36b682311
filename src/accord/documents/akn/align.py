"""Lining up the paragraphs of two language versions that do not correspond
one to one, by their lengths (Gale and Church, "A program for aligning
sentences in bilingual corpora", 1993).

Translations of the same paragraph have lengths in a steady ratio, whatever
the scripts. A dynamic programme finds the cheapest sequence of "beads":
one paragraph for one (the usual case), a paragraph with no counterpart, or
two or three paragraphs for one. A paragraph missing in the other language
costs less the shorter it is: short connecting lines ("Now, therefore,")
are the ones translations drop or merge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Bead (reference paragraphs, other paragraphs) → prior probability.
_BEADS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099,
    (0, 1): 0.0099,
    (2, 1): 0.0445,
    (1, 2): 0.0445,
    (3, 1): 0.005,
    (2, 2): 0.011,
}
_VARIANCE = 6.8


@dataclass(frozen=True)
class Bead:
    """Reference paragraphs `ours` (indexes) correspond to paragraphs `theirs`."""

    ours: tuple[int, ...]
    theirs: tuple[int, ...]


def _match_cost(ours: int, theirs: int, ratio: float) -> float:
    delta = (theirs - ratio * ours) / math.sqrt(_VARIANCE * max(ours, 1) * ratio)
    tail = 2 * (1 - 0.5 * (1 + math.erf(abs(delta) / math.sqrt(2))))
    return -math.log(max(tail, 1e-300))


def align(reference: list[str], other: list[str]) -> list[Bead]:
    """The beads that line `other` up with `reference`, in order."""
    ours = [len(t) for t in reference]
    theirs = [len(t) for t in other]
    if not ours or not theirs:
        return [Bead((i,), ()) for i in range(len(ours))] + [
            Bead((), (j,)) for j in range(len(theirs))
        ]
    ratio = max(sum(theirs), 1) / max(sum(ours), 1)
    average = max(sum(ours) / len(ours), 1)
    n, m = len(ours), len(theirs)
    cost = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for (di, dj), prior in _BEADS.items():
                if i < di or j < dj or (di, dj) == (0, 0) or cost[i - di][j - dj] == math.inf:
                    continue
                length_ours = sum(ours[i - di : i])
                length_theirs = sum(theirs[j - dj : j])
                if dj == 0:
                    step = -math.log(prior) * min(1.0, length_ours / average)
                elif di == 0:
                    step = -math.log(prior)
                else:
                    step = -math.log(prior) + _match_cost(length_ours, length_theirs, ratio)
                if cost[i - di][j - dj] + step < cost[i][j]:
                    cost[i][j] = cost[i - di][j - dj] + step
                    back[i][j] = (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        step_back = back[i][j]
        assert step_back is not None
        di, dj = step_back
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]
