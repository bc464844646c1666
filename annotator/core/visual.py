"""Visual order for a terminal that does not reorder text itself (display only).

This is the Unicode Bidirectional Algorithm (UAX #9) for one line: isolates, weak and
neutral types, paired brackets, levels and reversal, with mirroring (L4) and with each
combining mark kept after its letter (L3), because a terminal draws a mark on the
character before it in memory. Explicit embeddings and overrides (LRE, RLE, LRO, RLO,
PDF), which article texts do not use, are ignored. Format characters (isolates, LRM,
RLM, ALM, ZWJ/ZWNJ and other boundary neutrals) are left out of the result, as FriBidi's
``--clean`` leaves them out.

Text in visual order is for the eye only: never store it, export it or hand it to Qt.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ISOLATES = frozenset(("LRI", "RLI", "FSI"))
_REMOVED = frozenset(("BN", "LRE", "RLE", "LRO", "RLO", "PDF"))
_NEUTRAL = frozenset(("B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"))
_DROPPED_CHARS = frozenset("\u200e\u200f\u061c")
_MAX_DEPTH = 125
_BRACKETS = {"(": ")", "[": "]", "{": "}", "\u2045": "\u2046", "\u2329": "\u232a"}
_BRACKETS |= {"\u3008": "\u3009", "\u27e8": "\u27e9", "\u2308": "\u2309", "\u230a": "\u230b"}
_CLOSING = {v: k for k, v in _BRACKETS.items()}
_CANONICAL = {"\u2329": "\u3008", "\u232a": "\u3009"}


@lru_cache(maxsize=4096)
def _bidi_class(ch: str) -> str:
    return unicodedata.bidirectional(ch) or "L"


@lru_cache(maxsize=1)
def _mirrors() -> dict[str, str]:
    from bidi.mirror import MIRRORED

    return dict(MIRRORED)


def _first_strong(types: list[str], start: int, end: int) -> str | None:
    """P2: the first L, R or AL in types[start:end], skipping isolated text."""
    depth = 0
    for i in range(start, end):
        t = types[i]
        if t in _ISOLATES:
            depth += 1
        elif t == "PDI" and depth:
            depth -= 1
        elif depth == 0 and t in ("L", "R", "AL"):
            return t
    return None


def _matching_pdi(types: list[str], start: int) -> int:
    """The index of the PDI that closes the isolate opened at ``start`` (or len)."""
    depth = 0
    for i in range(start + 1, len(types)):
        if types[i] in _ISOLATES:
            depth += 1
        elif types[i] == "PDI":
            if depth == 0:
                return i
            depth -= 1
    return len(types)


def _levels(types: list[str], base: int) -> list[int]:
    """X1–X8 for isolates only: the embedding level of each character."""
    levels = [base] * len(types)
    stack = [base]
    for i, t in enumerate(types):
        level = stack[-1]
        levels[i] = level
        if t in _ISOLATES:
            rtl = t == "RLI"
            if t == "FSI":
                rtl = _first_strong(types, i + 1, _matching_pdi(types, i)) in ("R", "AL")
            if rtl:
                new = level + 1 if level % 2 == 0 else level + 2
            else:
                new = level + 2 if level % 2 == 0 else level + 1
            stack.append(new if new <= _MAX_DEPTH else level)
        elif t == "PDI" and len(stack) > 1:
            stack.pop()
            levels[i] = stack[-1]
    return levels


def _sequences(types: list[str], levels: list[int], kept: list[int]) -> list[list[int]]:
    """X10: isolating run sequences, as lists of indices (removed characters left out)."""
    runs: list[list[int]] = []
    for i in kept:
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    start_of = {run[0]: n for n, run in enumerate(runs)}
    pdi_of: dict[int, int] = {}
    for i in kept:
        if types[i] in _ISOLATES:
            pdi_of[i] = _matching_pdi(types, i)
    used = set()
    sequences = []
    for n, run in enumerate(runs):
        if n in used:
            continue
        seq = list(run)
        last = run[-1]
        while types[last] in _ISOLATES and pdi_of.get(last, len(types)) in start_of:
            nxt = start_of[pdi_of[last]]
            used.add(nxt)
            seq.extend(runs[nxt])
            last = runs[nxt][-1]
        sequences.append(seq)
    return sequences


def _resolve(
    text: str, types: list[str], levels: list[int], seq: list[int], base: int, kept: list[int]
) -> None:
    """W1–W7, N0–N2 and I1–I2 over one isolating run sequence (types changed in place,
    levels raised in place)."""
    level = levels[seq[0]]
    position = {i: k for k, i in enumerate(kept)}
    first, last = position[seq[0]], position[seq[-1]]
    before = levels[kept[first - 1]] if first > 0 else base
    after = levels[kept[last + 1]] if last + 1 < len(kept) else base
    if types[seq[-1]] in _ISOLATES:
        after = base
    sos = "R" if max(level, before) % 2 else "L"
    eos = "R" if max(level, after) % 2 else "L"
    original = [types[i] for i in seq]
    t = list(original)
    n = len(t)
    # W1
    for k in range(n):
        if t[k] == "NSM":
            t[k] = (
                sos
                if k == 0
                else ("ON" if t[k - 1] in _ISOLATES or t[k - 1] == "PDI" else t[k - 1])
            )
    # W2, W3
    strong = sos
    for k in range(n):
        if t[k] in ("L", "R", "AL"):
            strong = t[k]
        elif t[k] == "EN" and strong == "AL":
            t[k] = "AN"
    t = ["R" if x == "AL" else x for x in t]
    # W4
    for k in range(1, n - 1):
        if t[k] == "ES" and t[k - 1] == "EN" and t[k + 1] == "EN":
            t[k] = "EN"
        elif t[k] == "CS" and t[k - 1] == t[k + 1] and t[k - 1] in ("EN", "AN"):
            t[k] = t[k - 1]
    # W5
    k = 0
    while k < n:
        if t[k] == "ET":
            j = k
            while j < n and t[j] == "ET":
                j += 1
            if (k > 0 and t[k - 1] == "EN") or (j < n and t[j] == "EN"):
                for m in range(k, j):
                    t[m] = "EN"
            k = j
        else:
            k += 1
    # W6
    t = ["ON" if x in ("ES", "ET", "CS") else x for x in t]
    # W7
    strong = sos
    for k in range(n):
        if t[k] in ("L", "R"):
            strong = t[k]
        elif t[k] == "EN" and strong == "L":
            t[k] = "L"
    embedding = "R" if level % 2 else "L"
    _brackets(text, seq, original, t, sos, embedding)
    # N1, N2
    k = 0
    while k < n:
        if t[k] in _NEUTRAL:
            j = k
            while j < n and t[j] in _NEUTRAL:
                j += 1
            left = sos if k == 0 else ("R" if t[k - 1] in ("R", "EN", "AN") else t[k - 1])
            right = eos if j == n else ("R" if t[j] in ("R", "EN", "AN") else t[j])
            value = left if left == right else embedding
            for m in range(k, j):
                t[m] = value
            k = j
        else:
            k += 1
    # I1, I2
    for k, i in enumerate(seq):
        if level % 2 == 0:
            levels[i] += {"R": 1, "AN": 2, "EN": 2}.get(t[k], 0)
        elif t[k] in ("L", "EN", "AN"):
            levels[i] += 1
        types[i] = t[k]


def _strong_of(value: str) -> str | None:
    if value == "L":
        return "L"
    if value in ("R", "EN", "AN"):
        return "R"
    return None


def _brackets(
    text: str, seq: list[int], original: list[str], t: list[str], sos: str, embedding: str
) -> None:
    """N0: paired brackets take the direction of what they enclose or of their context."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for k, i in enumerate(seq):
        if t[k] != "ON":
            continue
        ch = _CANONICAL.get(text[i], text[i])
        if ch in _BRACKETS:
            if len(stack) == 63:
                break
            stack.append((_CANONICAL.get(_BRACKETS[ch], _BRACKETS[ch]), k))
        elif ch in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], k))
                    del stack[depth:]
                    break
    opposite = "L" if embedding == "R" else "R"
    for open_k, close_k in sorted(pairs):
        inside = {_strong_of(t[m]) for m in range(open_k + 1, close_k)} - {None}
        if embedding in inside:
            value = embedding
        elif opposite in inside:
            context = sos
            for m in range(open_k - 1, -1, -1):
                strong = _strong_of(t[m])
                if strong:
                    context = strong
                    break
            value = opposite if context == opposite else embedding
        else:
            continue
        for k in (open_k, close_k):
            t[k] = value
            m = k + 1
            while m < len(t) and original[m] == "NSM":
                t[m] = value
                m += 1


def visual(line: str) -> str:
    """One line (no line breaks) in visual order, left to right, for a plain terminal.

    The base direction is that of the first strong character (left to right when there
    is none), as FriBidi decides by default.
    """
    if not line:
        return line
    types = [_bidi_class(ch) for ch in line]
    original = list(types)
    strong = _first_strong(types, 0, len(types))
    base = 1 if strong in ("R", "AL") else 0
    levels = _levels(types, base)
    kept = [i for i, t in enumerate(types) if t not in _REMOVED]
    for seq in _sequences(types, levels, kept):
        _resolve(line, types, levels, seq, base, kept)
    # L1: separators, and white space and isolates before them or at the end, go back
    # to the base level.
    trailing = True
    for i in reversed(range(len(line))):
        t = original[i]
        if t in ("S", "B"):
            levels[i] = base
            trailing = True
        elif t in ("WS", "LRI", "RLI", "FSI", "PDI") or t in _REMOVED:
            if trailing:
                levels[i] = base
        else:
            trailing = False
    # L3: a letter and the marks that follow it at the same level are one unit.
    units: list[list[int]] = []
    for i in kept:
        if original[i] == "NSM" and units and levels[units[-1][0]] == levels[i]:
            units[-1].append(i)
        else:
            units.append([i])
    unit_levels = [levels[u[0]] for u in units]
    # L2
    order = list(range(len(units)))
    if unit_levels:
        highest = max(unit_levels)
        lowest_odd = min((lv for lv in unit_levels if lv % 2), default=highest + 1)
        for lv in range(highest, lowest_odd - 1, -1):
            k = 0
            while k < len(order):
                if unit_levels[order[k]] >= lv:
                    j = k
                    while j < len(order) and unit_levels[order[j]] >= lv:
                        j += 1
                    order[k:j] = order[k:j][::-1]
                    k = j
                else:
                    k += 1
    mirrors = _mirrors()
    out: list[str] = []
    for u in order:
        for i in units[u]:
            ch = line[i]
            if original[i] in _ISOLATES or original[i] == "PDI" or ch in _DROPPED_CHARS:
                continue
            if levels[i] % 2 and unicodedata.mirrored(ch):
                ch = mirrors.get(ch, ch)
            out.append(ch)
    return "".join(out)
