"""Deletion brackets: text a delegation proposes to delete, written
`[text]{delete: RU, BY}`, printed `[text] (RU, BY: delete)` and shown on pages
bracketed and struck through; the display segments and the HTML built from
them.

The property tests reuse the generators of `markup_test`, which generate
deletion brackets too.
"""

from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser

import pytest
from hypothesis import assume, given

from accord.negotiation.markup import (
    Bracket,
    BracketClose,
    BracketOpen,
    Markup,
    MarkupError,
    Node,
    Option,
    OptionClose,
    OptionOpen,
    OptionSet,
    OptionSetClose,
    OptionSetOpen,
    Segment,
    TextRun,
    Words,
    bracket,
    clean_text,
    drop_bracket,
    from_json,
    full_text,
    mark_deletion,
    markers,
    parse,
    remove_brackets,
    render,
    segments,
    to_html,
    to_json,
)
from tests.negotiation.markup_test import PROPERTY, b, markups, opt, options, p

# --- The notation, by example -------------------------------------------------------------


def test_a_deletion_bracket_names_who_proposes_the_deletion() -> None:
    markup = p("The Parties [shall take all measures to]{delete: IR, KP} ensure peace.")

    assert markup == Markup(
        (
            "The Parties ",
            b("b1", "shall take all measures to", by=("IR", "KP"), deletion=True),
            " ensure peace.",
        )
    )
    assert (
        render(markup)
        == "The Parties [#b1 shall take all measures to]{delete: IR, KP} ensure peace."
    )
    assert render(markup, with_ids=False) == (
        "The Parties [shall take all measures to]{delete: IR, KP} ensure peace."
    )
    assert full_text(markup) == (
        "The Parties [shall take all measures to] (IR, KP: delete) ensure peace."
    )
    assert clean_text(markup) == "The Parties ensure peace."


def test_an_ordinary_bracket_and_a_deletion_bracket_side_by_side() -> None:
    """An insertion proposed by one delegation next to a deletion proposed by another."""
    markup = p("States [shall]{RU} [fully]{delete: BY} cooperate.")

    assert markup == Markup(
        (
            "States ",
            b("b1", "shall", by=("RU",)),
            " ",
            b("b2", "fully", by=("BY",), deletion=True),
            " cooperate.",
        )
    )
    assert full_text(markup) == "States [shall] (RU) [fully] (BY: delete) cooperate."
    assert clean_text(markup) == "States cooperate."


def test_a_deletion_bracket_without_attribution() -> None:
    """`{delete}` alone: a deletion nobody is named for (the chair's, say)."""
    markup = p("[#b3 a]{delete} [b]{ Delete }")

    assert markup == Markup((b("b3", "a", deletion=True), " ", b("b1", "b", deletion=True)))
    assert render(markup) == "[#b3 a]{delete} [#b1 b]{delete}"
    assert full_text(markup) == "[a] (delete) [b] (delete)"


def test_lenient_spacing_and_letter_case_render_canonically() -> None:
    markup = p("[a]{ DELETE :RU ,BY\t} [b]{Delete:IR}")

    assert render(markup, with_ids=False) == "[a]{delete: RU, BY} [b]{delete: IR}"


def test_deletion_brackets_nest_with_brackets_and_options() -> None:
    markup = p(
        "[[well]{delete: KP} below 2 °C]{RU} {{Alt 1 (IR): [fully]{delete: MM} || Alt 2: no text}}"
        " [{{A: x || B: y}}]{delete: BY}"
    )

    assert markup == Markup(
        (
            b("b1", b("b2", "well", by=("KP",), deletion=True), " below 2 °C", by=("RU",)),
            " ",
            options(
                "s1",
                opt("o1", "Alt 1", b("b3", "fully", by=("MM",), deletion=True), by=("IR",)),
                opt("o2", "Alt 2"),
            ),
            " ",
            b(
                "b4",
                options("s2", opt("o3", "A", "x"), opt("o4", "B", "y")),
                by=("BY",),
                deletion=True,
            ),
        )
    )
    assert full_text(markup) == (
        "[[well] (KP: delete) below 2 °C] (RU) {Alt 1 (IR): [fully] (MM: delete) / Alt 2: no text}"
        " [{A: x / B: y}] (BY: delete)"
    )


def test_the_word_delete_is_only_special_first_in_a_brackets_braces() -> None:
    markup = p(r"Delete [delete]{RU} \{delete\} {{delete: x || B (KP): delete}}")

    assert markup == Markup(
        (
            "Delete ",
            b("b1", "delete", by=("RU",)),
            " {delete} ",
            options("s1", opt("o1", "delete", "x"), opt("o2", "B", "delete", by=("KP",))),
        )
    )
    assert render(markup, with_ids=False) == (
        r"Delete [delete]{RU} \{delete\} {{delete: x || B (KP): delete}}"
    )


def test_a_delegation_set_naming_delete_does_not_change_the_notation() -> None:
    markup = parse("[a]{delete}", delegations={"delete", "RU"})

    assert markup == Markup((b("b1", "a", deletion=True),))


@pytest.mark.parametrize(
    "source",
    [
        "[#b1 a]{delete: RU, BY}",
        "[#b1 a]{delete}",
        "x [#b2 [#b1 y]{delete: IR} z]{RU} w",
        "[#p-7 #hash first]{delete: KP}",
        "{{#s1 #o1 A: [#b1 x]{delete} || #o2 B (MM): no text}}",
        "[#b1 {{#s1 #o1 A: x || #o2 B: y}}]{delete: BY}",
        "Многополярность [#b1 и разнообразие]{delete: RU, BY}; گزینه [#b2 دوم]{delete: IR}",
    ],
)
def test_canonical_text_with_deletion_brackets_renders_back_unchanged(source: str) -> None:
    assert render(p(source)) == source


# --- Errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kind", "offset", "reason"),
    [
        (
            "[a]{delete:}",
            "empty-attribution",
            3,
            "This deletion names no delegation after ':'; write '{delete}' if it names none.",
        ),
        (
            "[a]{delete: }",
            "empty-attribution",
            3,
            "This deletion names no delegation after ':'; write '{delete}' if it names none.",
        ),
        (
            "[a]{delete, RU}",
            "malformed-attribution",
            10,
            "Expected ':' or '}' after 'delete', as in '{delete: RU}' or '{delete}'.",
        ),
        (
            "[a]{delete RU}",
            "malformed-attribution",
            11,
            "Expected ':' or '}' after 'delete', as in '{delete: RU}' or '{delete}'.",
        ),
        ("[a]{delete", "unclosed-attribution", 3, "This attribution is never closed by '}'."),
        ("[a]{delete ", "unclosed-attribution", 3, "This attribution is never closed by '}'."),
        ("[a]{delete: RU", "unclosed-attribution", 3, "This attribution is never closed by '}'."),
        (
            "[a]{delete: RU,}",
            "malformed-attribution",
            15,
            "Expected a delegation code here, such as 'RU'.",
        ),
        (
            "[a]{delete: RU BY}",
            "malformed-attribution",
            15,
            "Expected ',' or '}' after delegation RU.",
        ),
        (
            "[a]{delete: XX}",
            "unknown-delegation",
            12,
            "Unknown delegation 'XX'; known: BY, IR, KP, MM, RU.",
        ),
        (
            "[a]{delete: RU, RU}",
            "malformed-attribution",
            16,
            "Delegation RU appears twice in this attribution.",
        ),
        (
            "[a]{delete: delete}",
            "malformed-attribution",
            12,
            "'delete' is not a delegation code: a deletion bracket starts its braces with it, "
            "as in '[text]{delete: RU}'.",
        ),
        (
            "[a]{RU, Delete}",
            "malformed-attribution",
            8,
            "'Delete' is not a delegation code: a deletion bracket starts its braces with it, "
            "as in '[text]{delete: RU}'.",
        ),
        (
            "[a]{RU: delete}",
            "malformed-attribution",
            6,
            "Expected ',' or '}' after delegation RU; a deletion is written with 'delete' first, "
            "as in '{delete: RU}'.",
        ),
        (
            "{{A (delete): x || B: y}}",
            "malformed-attribution",
            5,
            "'delete' is not a delegation code: a deletion bracket starts its braces with it, "
            "as in '[text]{delete: RU}'.",
        ),
        (
            "[a]{deleted}",
            "unknown-delegation",
            4,
            "Unknown delegation 'deleted'; known: BY, IR, KP, MM, RU.",
        ),
        (
            "[a] {delete: RU}",
            "stray-brace",
            4,
            "This '{' starts nothing: an attribution follows ']' directly, an option set starts "
            "with '{{'; write '\\{' for a literal brace.",
        ),
        (
            "[a]{delete: RU}{BY}",
            "stray-brace",
            15,
            "This '{' starts nothing: an attribution follows ']' directly, an option set starts "
            "with '{{'; write '\\{' for a literal brace.",
        ),
        ("x []{delete}", "empty-bracket", 2, "This bracket is empty."),
        ("[#b1]{delete: RU}", "empty-bracket", 0, "This bracket is empty."),
    ],
)
def test_invalid_deletion_markup_is_refused_with_offset_and_reason(
    source: str, kind: str, offset: int, reason: str
) -> None:
    with pytest.raises(MarkupError) as caught:
        p(source)

    error = caught.value
    assert (error.kind, error.offset, error.reason) == (kind, offset, reason)
    assert (error.line, error.column) == (1, offset + 1)


def test_brackets_are_ordinary_by_default_frozen_and_checked() -> None:
    plain = Bracket(id="b1", content=("x",))

    assert plain.deletion is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        plain.deletion = True  # type: ignore[misc]
    with pytest.raises(MarkupError) as caught:
        Bracket(id="b1", content=("x",), deletion=1)  # type: ignore[arg-type]
    assert (caught.value.kind, caught.value.reason) == (
        "malformed-content",
        "Bracket b1: deletion must be True or False.",
    )
    for reserved in ("delete", "DELETE", "Delete"):
        with pytest.raises(MarkupError, match="reserved for deletion brackets"):
            Bracket(id="b1", content=("x",), attribution=("RU", reserved))
        with pytest.raises(MarkupError, match="reserved for deletion brackets"):
            Option(id="o1", label="A", content=None, attribution=(reserved,))
    assert Bracket(id="b1", content=("x",), deletion=True) != plain


# --- Views --------------------------------------------------------------------------------


def test_markers_report_deletion_brackets() -> None:
    markup = p("[Eurasian [security]{delete: BY}]{RU} {{Alt 1 (IR): x || Alt 2: [y]{delete}}}")

    assert [
        (m.kind, m.id, m.deletion, m.attribution, m.parents, m.text) for m in markers(markup)
    ] == [
        ("bracket", "b1", False, ("RU",), (), "Eurasian [security] (BY: delete)"),
        ("bracket", "b2", True, ("BY",), ("b1",), "security"),
        ("option_set", "s1", False, ("IR",), (), "{Alt 1 (IR): x / Alt 2: [y] (delete)}"),
        ("option", "o1", False, ("IR",), ("s1",), "x"),
        ("option", "o2", False, (), ("s1",), "[y] (delete)"),
        ("bracket", "b3", True, (), ("s1", "o2"), "y"),
    ]


def test_segments_are_the_document_in_order() -> None:
    markup = p("A [b [c]{delete: RU}]{IR} {{Alt 1 (KP): d || Alt 2: no text}}.")

    assert list(segments(markup)) == [
        TextRun("A "),
        BracketOpen("b1", False, ("IR",)),
        TextRun("b "),
        BracketOpen("b2", True, ("RU",)),
        TextRun("c"),
        BracketClose("b2", True, ("RU",)),
        BracketClose("b1", False, ("IR",)),
        TextRun(" "),
        OptionSetOpen("s1", ("KP",), 2),
        OptionOpen("o1", "Alt 1", ("KP",), 0, False),
        TextRun("d"),
        OptionClose("o1"),
        OptionOpen("o2", "Alt 2", (), 1, True),
        OptionClose("o2"),
        OptionSetClose("s1"),
        TextRun("."),
    ]
    assert list(segments(Markup())) == []


def test_html_marks_brackets_deletions_attributions_and_options_with_classes() -> None:
    markup = p("States [shall]{RU} [fully]{delete: BY, IR} {{Alt 1 (KP): x || Alt 2: no text}}.")

    assert to_html(markup, lang="en") == (
        '<span class="markup" lang="en" dir="ltr">States '
        '<span class="br" data-id="b1">[shall] <span class="attr">(RU)</span></span> '
        '<span class="br br-del" data-id="b2">[<del class="br-del-text">fully</del>] '
        '<span class="attr">(BY, IR: delete)</span></span> '
        '<span class="opts" data-id="s1">{'
        '<span class="opt" data-id="o1"><span class="opt-label">Alt 1</span> '
        '<span class="attr">(KP)</span>: x</span>'
        '<span class="opt-sep"> / </span>'
        '<span class="opt" data-id="o2"><span class="opt-label">Alt 2</span>: '
        '<span class="no-text">no text</span></span>'
        "}</span>.</span>"
    )
    assert to_html(p("[a]{delete}"), lang="en") == (
        '<span class="markup" lang="en" dir="ltr">'
        '<span class="br br-del" data-id="b1">[<del class="br-del-text">a</del>] '
        '<span class="attr">(delete)</span></span></span>'
    )
    assert to_html(Markup(), lang="ru") == '<span class="markup" lang="ru" dir="ltr"></span>'


def test_html_escapes_hostile_text_and_labels() -> None:
    markup = Markup(
        (
            '<script>alert("x")</script> & ',
            b("b1", "<img src=x onerror=alert(1)>", by=("RU",), deletion=True),
            " ",
            options(
                "s1",
                opt("o1", "<b>\"Alt\" 'one'</b>", "</span></del><script>"),
                opt("o2", "B&amp;"),
            ),
        )
    )

    html = to_html(markup, lang="en")

    assert "<script" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; " in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert (
        '<span class="opt-label">&lt;b&gt;&quot;Alt&quot; &#x27;one&#x27;&lt;/b&gt;</span>' in html
    )
    assert "&lt;/span&gt;&lt;/del&gt;&lt;script&gt;" in html
    assert '<span class="opt-label">B&amp;amp;</span>' in html
    assert _read_html(html) == full_text(markup)


def test_html_in_a_right_to_left_language_with_translated_words() -> None:
    markup = p("منشور [چندقطبی]{delete: IR} {{الف (RU): x || ب: no text}}")
    words = Words(delete="исключить", no_text="текст отсутствует", lang="ru")

    html = to_html(markup, lang="fa", words=words)

    assert html.startswith('<span class="markup" lang="fa" dir="rtl">منشور ')
    assert '<span class="attr" lang="ru" dir="ltr">(IR: исключить)</span>' in html
    assert '<span class="attr" dir="ltr">(RU)</span>' in html
    assert '<span class="no-text" lang="ru" dir="ltr">текст отсутствует</span>' in html
    farsi = to_html(markup, lang="fa", words=Words(delete="حذف", no_text="بدون متن", lang="fa"))
    assert '<span class="attr">(IR: حذف)</span>' in farsi


@pytest.mark.parametrize("lang", ["", "e", "en_GB", 'en" onload="x', "en-"])
def test_html_refuses_a_malformed_language_tag(lang: str) -> None:
    with pytest.raises(ValueError, match="Not a language tag"):
        to_html(p("x"), lang=lang)


class _Reader(HTMLParser):
    """The text of an HTML fragment, checking that it uses only the expected
    elements and attributes and that every element is closed in order."""

    ELEMENTS = frozenset({"span", "del"})
    ATTRIBUTES = frozenset({"class", "lang", "dir", "data-id"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in self.ELEMENTS, tag
        assert {name for name, _ in attrs} <= self.ATTRIBUTES, attrs
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise AssertionError(f"unexpected <{tag}/>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        raise AssertionError("unexpected comment")

    def handle_decl(self, decl: str) -> None:
        raise AssertionError("unexpected declaration")

    def handle_pi(self, data: str) -> None:
        raise AssertionError("unexpected processing instruction")


def _read_html(html: str) -> str:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    assert reader.open == []
    return "".join(reader.text)


@PROPERTY
@given(markups())
def test_html_holds_exactly_the_full_text_in_expected_elements(markup: Markup) -> None:
    html = to_html(markup, lang="ru")

    assert _read_html(html) == full_text(markup)
    assert html.count('class="br br-del"') == sum(m.deletion for m in markers(markup))


def _rebuild(items: list[Segment]) -> Markup:
    """The markup the segments describe, for checking that they describe all of it."""
    stack: list[tuple[BracketOpen | OptionSetOpen | OptionOpen | None, list[Node | Option]]] = [
        (None, [])
    ]
    for item in items:
        if isinstance(item, TextRun):
            stack[-1][1].append(item.text)
        elif isinstance(item, BracketOpen | OptionSetOpen | OptionOpen):
            stack.append((item, []))
        else:
            opened, inside = stack.pop()
            assert opened is not None
            assert opened.id == item.id
            if isinstance(item, BracketClose):
                assert opened == BracketOpen(item.id, item.deletion, item.attribution)
                nodes = tuple(node for node in inside if not isinstance(node, Option))
                built: Node | Option = Bracket(
                    id=item.id,
                    content=nodes,
                    attribution=item.attribution,
                    deletion=item.deletion,
                )
            elif isinstance(item, OptionClose):
                assert isinstance(opened, OptionOpen)
                assert opened.no_text == (not inside)
                assert opened.index == len(stack[-1][1])
                nodes = tuple(node for node in inside if not isinstance(node, Option))
                built = Option(
                    id=item.id,
                    label=opened.label,
                    content=nodes or None,
                    attribution=opened.attribution,
                )
            else:
                assert isinstance(opened, OptionSetOpen)
                choices = tuple(node for node in inside if isinstance(node, Option))
                assert len(choices) == opened.size
                built = OptionSet(id=item.id, options=choices)
                assert built.attribution == opened.attribution
            stack[-1][1].append(built)
    assert len(stack) == 1
    return Markup(tuple(node for node in stack[0][1] if not isinstance(node, Option)))


@PROPERTY
@given(markups())
def test_segments_describe_the_whole_markup(markup: Markup) -> None:
    assert _rebuild(list(segments(markup))) == markup


# --- Edits --------------------------------------------------------------------------------

TEXT = "States [shall]{RU} cooperate [fully]{IR}."


def test_bracket_a_span_for_deletion() -> None:
    markup = p(TEXT)

    changed = bracket(markup, 7, 16, attribution=("KP", "BY"), deletion=True)

    assert render(changed) == (
        "States [#b1 shall]{RU} [#b3 cooperate]{delete: KP, BY} [#b2 fully]{IR}."
    )
    full = full_text(markup)
    whole = full.index("[fully]")
    assert render(
        bracket(markup, whole, whole + len("[fully] (IR)"), view="full", deletion=True),
        with_ids=False,
    ) == ("States [shall]{RU} cooperate [[fully]{IR}]{delete}.")


def test_mark_deletion_wraps_the_whole_text_and_merges_attributions() -> None:
    markup = p("States [shall]{RU} cooperate.")

    marked = mark_deletion(markup, attribution=("KP",))
    assert render(marked) == "[#b2 States [#b1 shall]{RU} cooperate.]{delete: KP}"
    assert full_text(marked) == "[States [shall] (RU) cooperate.] (KP: delete)"
    assert clean_text(marked) == ""

    again = mark_deletion(marked, attribution=("IR", "KP", "BY"), id="ignored")
    assert render(again) == "[#b2 States [#b1 shall]{RU} cooperate.]{delete: KP, IR, BY}"
    assert mark_deletion(again, attribution=("BY",)) == again
    assert render(mark_deletion(markup, attribution=("KP",), id="del-1")) == (
        "[#del-1 States [#b1 shall]{RU} cooperate.]{delete: KP}"
    )
    assert render(mark_deletion(markup)) == "[#b2 States [#b1 shall]{RU} cooperate.]{delete}"


def test_mark_deletion_wraps_a_whole_ordinary_bracket_without_merging() -> None:
    markup = p("[#b1 States cooperate.]{RU}")

    assert render(mark_deletion(markup, attribution=("RU",))) == (
        "[#b2 [#b1 States cooperate.]{RU}]{delete: RU}"
    )


def test_mark_deletion_refuses_what_it_cannot_do() -> None:
    with pytest.raises(MarkupError) as caught:
        mark_deletion(Markup(), attribution=("RU",))
    assert (caught.value.kind, caught.value.reason) == (
        "empty-bracket",
        "There is no text to propose for deletion.",
    )
    with pytest.raises(MarkupError, match="'b1' is already used"):
        mark_deletion(p("[x] y"), attribution=("RU",), id="b1")
    with pytest.raises(MarkupError, match="appears twice"):
        mark_deletion(p("x"), attribution=("RU", "RU"))
    with pytest.raises(MarkupError, match="reserved for deletion brackets"):
        mark_deletion(p("x"), attribution=("delete",))


def test_a_proposed_deletion_is_made_or_not_retained() -> None:
    markup = p("States [fully]{delete: BY} cooperate.")

    assert render(drop_bracket(markup, "b1")) == "States cooperate."
    assert render(remove_brackets(markup, "b1")) == "States fully cooperate."


@PROPERTY
@given(markups())
def test_mark_deletion_then_removing_the_brackets_restores_the_text(markup: Markup) -> None:
    assume(markup.content and "del" not in markup.ids)
    only = markup.content[0]
    assume(not (len(markup.content) == 1 and isinstance(only, Bracket) and only.deletion))

    marked = mark_deletion(markup, attribution=("RU",), id="del")

    assert marked.content == (
        Bracket(id="del", content=markup.content, attribution=("RU",), deletion=True),
    )
    assert clean_text(marked) == ""
    assert remove_brackets(marked, "del") == markup
    wrapper = marked.content[0]
    assert isinstance(wrapper, Bracket)
    assert mark_deletion(marked, attribution=("BY", "RU")) == Markup(
        (dataclasses.replace(wrapper, attribution=("RU", "BY")),)
    )


# --- Storage ------------------------------------------------------------------------------


def test_json_writes_deletion_only_for_deletion_brackets() -> None:
    markup = p("a [#b1 b]{RU} [#b2 c]{delete: IR} [#b3 d]{delete}")

    assert to_json(markup) == {
        "v": 1,
        "content": [
            "a ",
            {"type": "bracket", "id": "b1", "attribution": ["RU"], "content": ["b"]},
            " ",
            {
                "type": "bracket",
                "id": "b2",
                "deletion": True,
                "attribution": ["IR"],
                "content": ["c"],
            },
            " ",
            {"type": "bracket", "id": "b3", "deletion": True, "attribution": [], "content": ["d"]},
        ],
    }


def test_json_of_markup_without_deletions_is_written_as_before() -> None:
    """Version 1 stored before deletion brackets existed: read unchanged, and
    written byte for byte as it was (content hashes of stored texts hold)."""
    stored = (
        '{"v": 1, "content": ["a ", {"type": "bracket", "id": "b1", "attribution": ["RU"], '
        '"content": ["b"]}]}'
    )

    markup = from_json(json.loads(stored))

    assert markup == Markup(("a ", b("b1", "b", by=("RU",))))
    assert json.dumps(to_json(markup), ensure_ascii=False) == stored


def test_json_deletion_false_is_read_as_an_ordinary_bracket() -> None:
    data = {
        "v": 1,
        "content": [
            {"type": "bracket", "id": "b1", "deletion": False, "attribution": [], "content": ["x"]}
        ],
    }

    assert from_json(data) == Markup((b("b1", "x"),))


@pytest.mark.parametrize(
    ("deletion", "extra"),
    [(1, {}), (0, {}), ("true", {}), (None, {}), ([True], {}), (True, {"strike": True})],
)
def test_from_json_is_strict_about_deletion(deletion: object, extra: dict[str, object]) -> None:
    data = {
        "v": 1,
        "content": [
            "a",
            {
                "type": "bracket",
                "id": "b1",
                "deletion": deletion,
                "attribution": [],
                "content": ["x"],
                **extra,
            },
        ],
    }

    with pytest.raises(MarkupError) as caught:
        from_json(data)

    expected = (
        "$.content[1]: expected exactly the keys attribution, content, id, type, "
        "and optionally deletion."
        if extra
        else "$.content[1].deletion: expected true or false."
    )
    assert (caught.value.kind, caught.value.reason) == ("malformed-json", expected)


def test_from_json_refuses_a_reserved_code() -> None:
    data = {
        "v": 1,
        "content": [{"type": "bracket", "id": "b1", "attribution": ["delete"], "content": ["x"]}],
    }

    with pytest.raises(MarkupError) as caught:
        from_json(data)

    assert caught.value.reason == (
        "$.content[0]: 'delete' is reserved for deletion brackets and is not a delegation code."
    )


@PROPERTY
@given(markups())
def test_json_round_trip_keeps_the_kind_of_every_bracket(markup: Markup) -> None:
    stored = json.loads(json.dumps(to_json(markup), ensure_ascii=False))
    back = from_json(stored)

    assert back == markup
    assert [m.deletion for m in markers(back)] == [m.deletion for m in markers(markup)]
