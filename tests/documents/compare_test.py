"""The redline engine: provisions aligned by identity, word diffs that never
split a grapheme cluster, in every script.

No database: the engine works on ProvisionSnapshot lists. The UDHR tests use
the real texts in ../shared/data/texts/udhr/ (eight languages and scripts).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import accumulate, pairwise
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.documents.canonical import ProvisionSnapshot, TextSnapshot
from accord.documents.compare import (
    Change,
    Op,
    Segment,
    TextStatus,
    compare_versions,
    diff_text,
    redline_html,
    tokenize,
)
from accord.documents.compare import tokens as tokens_module
from accord.documents.compare.words import longest_increasing
from tests.conftest import require_or_skip

EQUAL, INSERT, DELETE = Op.EQUAL, Op.INSERT, Op.DELETE

UDHR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "texts" / "udhr"


# -- helpers --------------------------------------------------------------------


def old_of(segments: Iterable[Segment]) -> str:
    return "".join(s.text for s in segments if s.op != INSERT)


def new_of(segments: Iterable[Segment]) -> str:
    return "".join(s.text for s in segments if s.op != DELETE)


def graphemes(text: str) -> set[int]:
    """Offsets of the grapheme cluster boundaries of `text` (UAX #29)."""
    return {0, *accumulate(len(g) for g in regex.findall(r"\X", text))}


def assert_sound(segments: list[Segment] | tuple[Segment, ...], old: str, new: str) -> None:
    """Join invariants, grapheme integrity and tidiness of a diff."""
    assert old_of(segments) == old
    assert new_of(segments) == new
    assert all(s.text for s in segments), "no empty segment"
    for side, text, skip in ((old, old, INSERT), (new, new, DELETE)):
        offsets = set(accumulate(len(s.text) for s in segments if s.op != skip))
        assert offsets <= graphemes(side) | {0}, f"a segment boundary splits a cluster of {text!r}"
    for first, second in pairwise(segments):
        assert first.op != second.op, "neighbouring segments are merged"
        assert (first.op, second.op) != (INSERT, DELETE), "deletions come first"


def mirror(segments: list[Segment]) -> list[tuple[str, str]]:
    swapped = {INSERT: DELETE, DELETE: INSERT, EQUAL: EQUAL}
    out: list[tuple[str, str]] = []
    for op, text in segments:
        if swapped[op] == DELETE and out and out[-1][0] == INSERT:
            out.insert(len(out) - 1, (DELETE, text))
        else:
            out.append((swapped[op], text))
    return out


def p(
    uid: str,
    parent: str | None = None,
    number: str = "",
    text: str = "",
    *,
    kind: str = "paragraph",
    heading: str = "",
    language: str = "en",
) -> ProvisionSnapshot:
    return ProvisionSnapshot(uid, kind, parent, number, (TextSnapshot(language, heading, text),))


def changes(old: list[ProvisionSnapshot], new: list[ProvisionSnapshot]) -> dict[str, set[str]]:
    """uid → its set of changes, for the provisions that show any."""
    return {d.uid: set(d.changes) for d in compare_versions(old, new).provisions if d.changes}


# -- word diffs: exact small cases -----------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "", []),
        ("same text", "same text", [(EQUAL, "same text")]),
        ("", "new text", [(INSERT, "new text")]),
        ("old text", "", [(DELETE, "old text")]),
        (
            "abc def ghi",
            "abc xyz ghi",
            [(EQUAL, "abc "), (DELETE, "def"), (INSERT, "xyz"), (EQUAL, " ghi")],
        ),
        (
            "hello world",
            "hello brave new world",
            [(EQUAL, "hello"), (INSERT, " brave new"), (EQUAL, " world")],
        ),
        # A lone space between two changes is folded into one replacement.
        (
            "the cat sat on the mat",
            "a dog sat on the mat",
            [(DELETE, "the cat"), (INSERT, "a dog"), (EQUAL, " sat on the mat")],
        ),
        # A word, not a character: "cats" is not "cat" plus "s".
        ("the cat", "the cats", [(EQUAL, "the "), (DELETE, "cat"), (INSERT, "cats")]),
        # Punctuation is a token of its own.
        (
            "peace, justice and freedom",
            "peace; justice and freedom",
            [(EQUAL, "peace"), (DELETE, ","), (INSERT, ";"), (EQUAL, " justice and freedom")],
        ),
        # Chinese: one character at a time.
        ("人人生而自由", "人人生而平等", [(EQUAL, "人人生而"), (DELETE, "自由"), (INSERT, "平等")]),
        # A combining accent stays on its letter: the whole word changes.
        (
            "cafe noir",
            "cafe\u0301 noir",
            [(DELETE, "cafe"), (INSERT, "cafe\u0301"), (EQUAL, " noir")],
        ),
    ],
)
def test_diff_text_exact_segments(old: str, new: str, expected: list[tuple[str, str]]) -> None:
    """Small diffs give exactly these segments, and the mirror image when reversed."""
    segments = diff_text(old, new)
    assert segments == expected
    assert diff_text(new, old) == mirror(segments)


def test_segments_are_typed_named_tuples() -> None:
    segment = diff_text("a", "b")[0]
    assert segment.op is Op.DELETE
    assert segment.text == "a"
    assert segment == ("delete", "a")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("co‐operation, 1948", ["co", "‐", "operation", ",", " ", "1948"]),
        ("Ça  va\r\nbien", ["Ça", "  ", "va", "\r\n", "bien"]),
        ("e\u0301te\u0301 x", ["e\u0301te\u0301", " ", "x"]),  # decomposed accents
        ("मनुष्य के अधिकार", ["मनुष्य", " ", "के", " ", "अधिकार"]),  # Devanagari conjuncts
        ("👩\u200d👩\u200d👧 ok 👍🏽", ["👩\u200d👩\u200d👧", " ", "ok", " ", "👍🏽"]),
        ("🇫🇷🇩🇪", ["🇫🇷", "🇩🇪"]),  # flags: pairs of regional indicators
        ("\u1100\u1161\u11a8 각 한국어", ["\u1100\u1161\u11a8", " ", "각", " ", "한국어"]),
        ("می\u200cخواهم بروم", ["می\u200cخواهم", " ", "بروم"]),  # Persian ZWNJ inside a word
        ("世界人权宣言。", ["世", "界", "人", "权", "宣", "言", "。"]),
        ("မြန်မာနိုင်ငံ", ["မြန်", "မာ", "နိုင်", "ငံ"]),  # Burmese syllables
        ("လူ့အခွင့်အရေး", ["လူ့", "အ", "ခွင့်", "အ", "ရေး"]),
        ("ภาษาไทย", ["ภ", "า", "ษ", "า", "ไ", "ท", "ย"]),  # Thai: one cluster at a time
    ],
)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


# -- word diffs: hypothesis properties -----------------------------------------------

# Pieces of text that stress the tokeniser: combining marks, joiners, emoji
# sequences, regional indicators, Hangul jamo, Indic and Burmese clusters,
# Arabic prepended marks, scripts without spaces, CR LF.
PIECES = [
    *"abcxyz ABC",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    *".,;:()[]«»-'\"",
    "\N{EN DASH}",
    *"абвгдеё",
    "é",
    "e\u0301",
    "\u0301",
    "\u0308",
    "\u200d",
    "\u200c",
    "👩",
    "👧",
    "🏽",
    "\ufe0f",
    "🇫",
    "🇷",
    "\u1100",
    "\u1161",
    "\u11a8",
    "한",
    "글",
    "क",
    "्",
    "ष",
    "ि",
    "म",
    "ြ",
    "န",
    "်",
    "ာ",
    "့",
    "္",
    "လ",
    "ภ",
    "า",
    "ไ",
    "人",
    "权",
    "。",
    "ب",
    "ِ",
    "ّ",
    "\u0600",
    "١",
    "ש",
    "\u00ad",
    "²",
]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@st.composite
def text_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """An old text and a new one made from it by a few edits (or unrelated)."""
    old = draw(texts)
    if draw(st.booleans()):
        return old, draw(texts)
    new = old
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(new)))
        cut = draw(st.integers(0, 3))
        new = new[:at] + draw(texts.map(lambda t: t[:6])) + new[at + cut :]
    return old, new


@settings(max_examples=400, deadline=None)
@given(text_pairs())
def test_diff_is_sound(pair: tuple[str, str]) -> None:
    """Joining equal+delete gives the old text, equal+insert the new one; no
    segment boundary falls inside a grapheme cluster; reversing old and new
    gives the mirror image (so the insert and delete counts swap)."""
    old, new = pair
    segments = diff_text(old, new)
    assert_sound(segments, old, new)
    reverse = diff_text(new, old)
    assert reverse == mirror(segments)
    assert sum(s.op == INSERT for s in segments) == sum(s.op == DELETE for s in reverse)
    assert sum(s.op == DELETE for s in segments) == sum(s.op == INSERT for s in reverse)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_diff_of_identical_texts_has_no_change(text: str) -> None:
    segments = diff_text(text, text)
    assert [s.op for s in segments] == ([EQUAL] if text else [])
    assert old_of(segments) == text


@settings(max_examples=300, deadline=None)
@given(texts)
def test_tokens_join_back_and_keep_clusters_whole(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert all(tokens)
    assert set(accumulate(len(t) for t in tokens)) <= graphemes(text) | {0}


ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
SAFE_CHARS = regex.findall(f"[{tokens_module._SAFE}]", ALL_CHARS)


def test_fast_path_agrees_with_general_tokeniser_on_every_simple_character() -> None:
    """Texts without joining characters take a plain `re` path; it must cut
    exactly where the general (grapheme-aware) tokeniser cuts."""
    general, simple = tokens_module._GENERAL, tokens_module._SIMPLE
    for char in SAFE_CHARS:
        for sample in (f"a{char}a", f" {char} ", f"{char}{char}", f"1{char}.", f"\r{char}\n"):
            assert simple.findall(sample) == general.findall(sample), repr(sample)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SAFE_CHARS), max_size=40).map("".join))
def test_fast_path_agrees_on_simple_texts(text: str) -> None:
    assert tokens_module._SIMPLE.findall(text) == tokens_module._GENERAL.findall(text)


def test_space_class_is_what_str_isspace_says() -> None:
    """The tokeniser's white space (regex) and the fast path's \\s (re) agree."""
    spaces = regex.findall(f"[{tokens_module._SPACE}]", ALL_CHARS)
    assert spaces == [char for char in ALL_CHARS if char.isspace()]


@settings(max_examples=600, deadline=None)
@given(text_pairs())
def test_common_cuts_fall_on_token_boundaries(pair: tuple[str, str]) -> None:
    """Only the middle of two texts is tokenised: the cuts must fall where
    tokenising the whole text puts a boundary, with the same tokens around."""
    old, new = pair
    if old == new:
        return
    start, old_end, new_end = tokens_module.common_cuts(old, new)
    assert old[:start] == new[:start]
    assert old[old_end:] == new[new_end:]
    for text, end in ((old, old_end), (new, new_end)):
        assert start <= end
        pieces = [text[:start], text[start:end], text[end:]]
        assert [t for piece in pieces for t in tokenize(piece)] == tokenize(text)


def test_large_rewrite_falls_back_to_anchors() -> None:
    """Past MYERS_MAX_D edits, the diff cuts at tokens found once on each side
    and replaces what lies between whole, so the cost stays bounded."""
    xs = " ".join(f"x{i}" for i in range(500))
    ys = " ".join(f"y{i}" for i in range(500))
    ps = " ".join(f"p{i}" for i in range(500))
    qs = " ".join(f"q{i}" for i in range(500))
    old, new = f"{xs} keep {ys}", f"{ps} keep {qs}"
    assert diff_text(old, new) == [
        (DELETE, xs),
        (INSERT, ps),
        (EQUAL, " keep "),
        (DELETE, ys),
        (INSERT, qs),
    ]


def test_pathological_repetition_is_replaced_whole() -> None:
    old = "a " * 3000
    new = "b a " * 1500
    segments = diff_text(old, new)
    assert_sound(segments, old, new)


# -- provisions aligned by identity ------------------------------------------------


def articles(*uids: str) -> list[ProvisionSnapshot]:
    return [
        p(uid, None, str(n), f"Text of {uid}.", kind="article") for n, uid in enumerate(uids, 1)
    ]


def test_identical_versions_show_no_change() -> None:
    version = [*articles("a", "b"), p("a1", "a", "1.", "First paragraph.")]
    redline = compare_versions(version, list(version))
    assert not redline.changed
    assert [d.uid for d in redline.provisions] == ["a", "b", "a1"] or [
        d.uid for d in redline.provisions
    ] == ["a", "a1", "b"]
    assert all(t.status == TextStatus.UNCHANGED for d in redline.provisions for t in d.texts)
    assert redline.provisions[0].texts[0].text == ((EQUAL, "Text of a."),)


def test_one_moved_article_does_not_move_the_others() -> None:
    """Moving article c to the end moves c only: the others keep their
    relative order (longest increasing subsequence), though renumbered."""
    old = articles("a", "b", "c", "d", "e", "f")
    new = articles("a", "b", "d", "e", "f", "c")
    assert changes(old, new) == {
        "c": {Change.MOVED, Change.RENUMBERED},
        "d": {Change.RENUMBERED},
        "e": {Change.RENUMBERED},
        "f": {Change.RENUMBERED},
    }
    redline = compare_versions(old, new)
    assert [d.uid for d in redline.provisions] == ["a", "b", "d", "e", "f", "c"]
    moved = next(d for d in redline.provisions if d.uid == "c")
    assert (moved.old_number, moved.number) == ("3", "6")


def test_swapping_two_neighbours_moves_one() -> None:
    old = articles("a", "b", "c", "d")
    new = [old[0], old[2], old[1], old[3]]
    moved = {uid for uid, c in changes(old, new).items() if Change.MOVED in c}
    assert len(moved) == 1
    assert moved <= {"b", "c"}


def test_moved_is_not_deleted_and_inserted() -> None:
    """The same text under a new identity is a deletion and an insertion; the
    same identity in another place is a move."""
    old = articles("a", "b", "c")
    moved = [old[2], old[0], old[1]]  # numbers kept: "3", "1", "2"
    assert changes(old, moved) == {"c": {Change.MOVED}}
    retyped_identity = [replace(old[2], uid="c2"), old[0], old[1]]
    assert changes(old, retyped_identity)["c"] == {Change.DELETED}
    assert changes(old, retyped_identity)["c2"] == {Change.INSERTED}


def test_new_parent_is_a_move_and_a_move_can_be_a_change() -> None:
    old = [
        *articles("a", "b"),
        p("a1", "a", "1.", "Everyone has the right to life."),
        p("a2", "a", "2.", "No one shall be held in slavery."),
    ]
    new = [
        old[0],
        p("a1", "a", "1.", "Everyone has the right to life."),
        old[1],
        p("a2", "b", "1.", "No one shall be held in servitude."),
    ]
    assert changes(old, new) == {"a2": {Change.MOVED, Change.CHANGED, Change.RENUMBERED}}
    a2 = next(d for d in compare_versions(old, new).provisions if d.uid == "a2")
    assert a2.depth == 1
    assert a2.texts[0].text == (
        (EQUAL, "No one shall be held in "),
        (DELETE, "slavery"),
        (INSERT, "servitude"),
        (EQUAL, "."),
    )


def test_renumbering_alone() -> None:
    old = articles("a", "b", "c")
    new = [replace(old[0], number="1 bis"), old[1], old[2]]
    assert changes(old, new) == {"a": {Change.RENUMBERED}}


def test_retyped_and_heading_changes() -> None:
    old = [p("a", None, "1", "Text.", kind="article", heading="Purpose")]
    new = [p("a", None, "1", "Text.", kind="paragraph", heading="Purposes")]
    redline = compare_versions(old, new)
    diff = redline.provisions[0]
    assert diff.changes == {Change.RETYPED, Change.CHANGED}
    assert diff.texts[0].heading == ((DELETE, "Purpose"), (INSERT, "Purposes"))
    assert diff.texts[0].text == ((EQUAL, "Text."),)


def test_deleted_provisions_stay_where_they_were() -> None:
    """A deleted provision comes after its nearest earlier sibling that is
    still there, after that sibling's own sub-provisions; a deleted article
    brings its deleted paragraphs along."""
    old = [
        p("a", None, "1", kind="article"),
        p("a1", "a", "1."),
        p("a2", "a", "2."),
        p("a3", "a", "3."),
        p("b", None, "2", kind="article"),
        p("b1", "b", "1."),
        p("c", None, "3", kind="article"),
        p("c1", "c", "1."),
        p("c1x", "c1", "(a)"),
    ]
    new = [
        p("a", None, "1", kind="article"),
        p("a2", "a", "1."),
        p("new", "a", "2."),
        p("c", None, "2", kind="article"),
        p("c1", "c", "1."),
        p("c1x", "c1", "(a)"),
    ]
    redline = compare_versions(old, new)
    assert [(d.uid, d.depth) for d in redline.provisions] == [
        ("a", 0),
        ("a1", 1),
        ("a2", 1),
        ("a3", 1),
        ("new", 1),
        ("b", 0),
        ("b1", 1),
        ("c", 0),
        ("c1", 1),
        ("c1x", 2),
    ]
    assert redline.counts() == {
        Change.INSERTED: 1,
        Change.DELETED: 4,
        Change.CHANGED: 0,
        Change.MOVED: 0,
        Change.RENUMBERED: 2,
        Change.RETYPED: 0,
    }
    deleted = next(d for d in redline.provisions if d.uid == "b")
    assert (deleted.old, deleted.new, deleted.number) == (old[4], None, "2")


def test_deleted_provision_does_not_follow_a_moved_sibling() -> None:
    old = articles("a", "b", "c", "d")
    new = [old[1], old[3], old[0]]  # c deleted, a moved to the end
    redline = compare_versions(old, new)
    assert [d.uid for d in redline.provisions] == ["b", "c", "d", "a"]
    assert {d.uid: set(d.changes) for d in redline.provisions if d.changes} == {
        "a": {Change.MOVED},
        "c": {Change.DELETED},
    }


def test_language_added_or_removed_is_inserted_or_deleted_text() -> None:
    old = [
        ProvisionSnapshot(
            "a",
            "article",
            None,
            "1",
            (TextSnapshot("en", "Peace", "Text."), TextSnapshot("fr", "Paix", "Texte.")),
        )
    ]
    new = [
        ProvisionSnapshot(
            "a",
            "article",
            None,
            "1",
            (TextSnapshot("en", "Peace", "Text."), TextSnapshot("ru", "Мир", "Текст.")),
        )
    ]
    diff = compare_versions(old, new).provisions[0]
    assert diff.changes == {Change.CHANGED}
    assert [(t.language, t.status) for t in diff.texts] == [
        ("en", TextStatus.UNCHANGED),
        ("ru", TextStatus.INSERTED),
        ("fr", TextStatus.DELETED),
    ]
    ru, fr = diff.text_in("ru"), diff.text_in("fr")
    assert ru is not None
    assert fr is not None
    assert (ru.heading, ru.text) == (((INSERT, "Мир"),), ((INSERT, "Текст."),))
    assert (fr.heading, fr.text) == (((DELETE, "Paix"),), ((DELETE, "Texte."),))


def test_longest_increasing() -> None:
    assert longest_increasing([]) == []
    assert longest_increasing([3, 1, 2, 5, 4, 6]) == [1, 2, 4, 5]
    assert [[0, 1, 5, 2, 3][i] for i in longest_increasing([0, 1, 5, 2, 3])] == [0, 1, 2, 3]


# -- HTML -------------------------------------------------------------------


def test_redline_html_escapes_and_marks_direction() -> None:
    segments = [Segment(EQUAL, "a < b "), Segment(DELETE, "&"), Segment(INSERT, '"x"')]
    assert redline_html(segments, "fa") == (
        '<span class="redline" lang="fa" dir="rtl">a &lt; b <del>&amp;</del><ins>"x"</ins></span>'
    )
    assert redline_html([], "en") == '<span class="redline" lang="en" dir="ltr"></span>'
    assert 'dir="rtl"' in redline_html(diff_text("سلام", "سلام دنیا"), "ar")


# -- the Universal Declaration, in eight languages ----------------------------------


def _udhr() -> list[ProvisionSnapshot]:
    """The UDHR as a version: the preamble, 30 articles, their numbered
    paragraphs as sub-provisions; one text per language."""
    require_or_skip(UDHR.is_dir(), f"the UDHR texts are not at {UDHR}")
    ns = "{http://www.unhchr.ch/udhr}"
    texts: dict[str, list[TextSnapshot]] = {}
    structure: dict[str, tuple[str, str | None, str]] = {}
    for path in sorted(UDHR.glob("udhr_*.xml")):
        root = ET.parse(path).getroot()
        language = root.attrib["{http://www.w3.org/XML/1998/namespace}lang"].split("-")[0]
        preamble = root.find(f"{ns}preamble")
        assert preamble is not None
        paras = [e.text or "" for e in preamble.iter(f"{ns}para")]
        title = preamble.findtext(f"{ns}title") or ""
        structure["preamble"] = ("preamble", None, "")
        texts.setdefault("preamble", []).append(TextSnapshot(language, title, "\n".join(paras)))
        for article in root.iter(f"{ns}article"):
            uid = f"art-{article.attrib['number']}"
            structure[uid] = ("article", None, article.attrib["number"])
            own = "\n".join(e.text or "" for e in article.findall(f"{ns}para"))
            heading = article.findtext(f"{ns}title") or ""
            texts.setdefault(uid, []).append(TextSnapshot(language, heading, own))
            for n, item in enumerate(article.iter(f"{ns}listitem"), 1):
                child = f"{uid}-{n}"
                structure[child] = ("paragraph", uid, f"{n}.")
                body = "\n".join(e.text or "" for e in item.iter(f"{ns}para"))
                texts.setdefault(child, []).append(TextSnapshot(language, "", body))
    return [
        ProvisionSnapshot(uid, kind, parent, number, tuple(texts[uid]))
        for uid, (kind, parent, number) in structure.items()
    ]


def _words(text: str) -> list[int]:
    """Indexes of the word tokens of text."""
    return [i for i, t in enumerate(tokenize(text)) if tokens_module.is_word(t)]


def _edit(
    version: list[ProvisionSnapshot], uid: str, edit: Callable[[str, str], str]
) -> list[ProvisionSnapshot]:
    return [
        replace(x, texts=tuple(replace(t, text=edit(t.language, t.text)) for t in x.texts))
        if x.uid == uid
        else x
        for x in version
    ]


def test_udhr_redline_in_eight_languages() -> None:
    """Words replaced, deleted and inserted in every language, an article
    moved and the articles after it renumbered, a paragraph moved to another
    article: the redline says exactly that, in every script."""
    old = _udhr()
    by_uid = {x.uid: x for x in old}
    languages = [t.language for t in by_uid["art-1"].texts]
    assert set(languages) == {"ar", "zh", "en", "fr", "ko", "my", "fa", "ru"}

    replaced: dict[str, tuple[str, str]] = {}

    def replace_word(language: str, text: str) -> str:
        tokens = tokenize(text)
        at = _words(text)[1]
        donor = next(
            tokenize(t.text)[i]
            for t in by_uid["art-5"].texts
            if t.language == language
            for i in _words(t.text)
            if tokenize(t.text)[i] != tokens[at]
        )
        replaced[language] = (tokens[at], donor)
        return "".join([*tokens[:at], donor, *tokens[at + 1 :]])

    deleted: dict[str, str] = {}

    def delete_word(language: str, text: str) -> str:
        """Delete a word and the space after it, if any (Chinese has none)."""
        tokens = tokenize(text)
        at = _words(text)[len(_words(text)) // 2]
        gone = 2 if tokens[at + 1].isspace() else 1
        deleted[language] = "".join(tokens[at : at + gone])
        return "".join(tokens[:at] + tokens[at + gone :])

    inserted: dict[str, str] = {}

    def insert_words(language: str, text: str) -> str:
        tokens = tokenize(text)
        first = next(t.text for t in by_uid["art-1"].texts if t.language == language)
        extra = "".join(tokenize(first)[:3]) + (" " if " " in text else "")
        inserted[language] = extra
        at = _words(text)[2]
        return "".join([*tokens[:at], extra, *tokens[at:]])

    new = _edit(old, "art-3", replace_word)
    new = _edit(new, "art-7", delete_word)
    new = _edit(new, "art-12", insert_words)
    # Move article 20 (with its paragraphs) after article 25, renumber 20-25.
    block = [x for x in new if x.uid == "art-20" or x.parent_uid == "art-20"]
    rest = [x for x in new if x not in block]
    at = next(i for i, x in enumerate(rest) if x.uid == "art-26")
    new = rest[:at] + block + rest[at:]
    order = [x.uid for x in new if x.kind == "article"]
    new = [
        replace(x, number=str(order.index(x.uid) + 1)) if x.kind == "article" else x for x in new
    ]
    # Move the second paragraph of article 13 to the end of article 14.
    moving = next(x for x in new if x.uid == "art-13-2")
    new.remove(moving)
    at = max(i for i, x in enumerate(new) if x.parent_uid == "art-14") + 1
    new.insert(at, replace(moving, parent_uid="art-14"))

    redline = compare_versions(old, new)
    assert {d.uid: set(d.changes) for d in redline.provisions if d.changes} == {
        "art-3": {Change.CHANGED},
        "art-7": {Change.CHANGED},
        "art-12": {Change.CHANGED},
        "art-13-2": {Change.MOVED},
        "art-20": {Change.MOVED, Change.RENUMBERED},
        **{f"art-{n}": {Change.RENUMBERED} for n in range(21, 26)},
    }
    assert [d.uid for d in redline.provisions] == [x.uid for x in new]

    old_texts = {(x.uid, t.language): t for x in old for t in x.texts}
    new_texts = {(x.uid, t.language): t for x in new for t in x.texts}
    for diff in redline.provisions:
        for t in diff.texts:
            before, after = old_texts[diff.uid, t.language], new_texts[diff.uid, t.language]
            assert_sound(t.text, before.text, after.text)
            assert_sound(t.heading, before.heading, after.heading)
    for language in languages:
        art3 = next(d for d in redline.provisions if d.uid == "art-3").text_in(language)
        art7 = next(d for d in redline.provisions if d.uid == "art-7").text_in(language)
        art12 = next(d for d in redline.provisions if d.uid == "art-12").text_in(language)
        assert art3 is not None
        assert art7 is not None
        assert art12 is not None
        assert [s.text for s in art3.text if s.op == DELETE] == [replaced[language][0]]
        assert [s.text for s in art3.text if s.op == INSERT] == [replaced[language][1]]
        # "word " or " word": the same deletion, wherever the space is counted.
        [gone] = [s.text for s in art7.text if s.op == DELETE]
        assert sorted(gone) == sorted(deleted[language])
        assert gone.strip() == deleted[language].strip()
        assert [s.op for s in art7.text].count(INSERT) == 0
        assert len(new_of(s for s in art12.text if s.op == INSERT)) == len(inserted[language])
        assert [s.op for s in art12.text].count(DELETE) == 0
        assert "dir=" in redline_html(art3.text, language)


def test_udhr_tokens_never_split_a_cluster() -> None:
    """Every token boundary of the eight full texts is a grapheme boundary;
    Chinese comes one character at a time and Burmese one syllable at a time."""
    for provision in _udhr():
        for t in provision.texts:
            tokens = tokenize(t.text)
            assert "".join(tokens) == t.text
            assert set(accumulate(len(x) for x in tokens)) <= graphemes(t.text) | {0}
            if t.language == "zh":
                assert all(len(regex.findall(r"\X", x)) == 1 for x in tokens if x.strip())
            if t.language == "my":
                # A syllable never starts with a consonant stacked under the
                # one before (after U+1039) or killed by asat (U+103A): those
                # belong to the syllable before.
                for before, token in pairwise(tokens):
                    if regex.match(r"\p{Myanmar}", before) and regex.match(r"\p{Myanmar}", token):
                        assert not before.endswith("\u1039"), (before, token)
                        assert not regex.match(r"\p{L}\u1037?[\u103a\u1039]", token), token
