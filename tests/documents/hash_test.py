"""The content hash of a version: the same for the same text, different for any change.

Property tests build provision trees of random shape with texts in several
languages, then check that what must not matter does not, and that every
kind of change does.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from accord.core.actors import SYSTEM
from accord.documents import services
from accord.documents.canonical import (
    ProvisionSnapshot,
    TextSnapshot,
    canonical_bytes,
    content_hash,
)
from accord.documents.enums import ProvisionKind
from accord.documents.models import Provision
from tests.factories import world

LANGUAGES = ["en", "ru", "be", "fa", "ko", "my", "zh"]
KINDS = list(ProvisionKind.values)

# Texts mixing scripts, combining marks and characters that have NFD forms.
text = st.text(
    alphabet=st.sampled_from(
        list("abc XYZ.,;()[]-\N{EN DASH}«»\"'0123456789")
        + list("ёйЁЙабвгдежзиклмн")
        + list("éèçñüÅ")
        + ["\u0301", "\u0308"]  # combining acute, diaeresis
        + list("각한글")
        + list("فارسی")
        + list("ဗမာ")
    ),
    max_size=30,
)
number = st.text(alphabet="0123456789IVXabc.)", max_size=4)

Texts = dict[str, tuple[str, str]]


@st.composite
def trees(draw: st.DrawFn, min_size: int = 1) -> list[tuple[str, str, int | None, str, Texts]]:
    """Provisions in document order: (uid, kind, parent index, number, texts).
    A parent always comes before its children."""
    size = draw(st.integers(min_value=min_size, max_value=8))
    rows = []
    for i in range(size):
        parent = draw(st.none() | st.integers(min_value=0, max_value=i - 1)) if i else None
        languages = draw(st.lists(st.sampled_from(LANGUAGES), unique=True, max_size=4))
        texts = {lang: (draw(text), draw(text)) for lang in languages}
        rows.append((f"uid-{i}", draw(st.sampled_from(KINDS)), parent, draw(number), texts))
    return rows


def snapshot(
    rows: list[tuple[str, str, int | None, str, Texts]], *, shuffle: random.Random | None = None
) -> list[ProvisionSnapshot]:
    result = []
    for uid, kind, parent, num, texts in rows:
        items = list(texts.items())
        if shuffle is not None:
            shuffle.shuffle(items)
        result.append(
            ProvisionSnapshot(
                uid=uid,
                kind=kind,
                parent_uid=rows[parent][0] if parent is not None else None,
                number=num,
                texts=tuple(TextSnapshot(lang, h, t) for lang, (h, t) in items),
            )
        )
    return result


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


@given(trees(), st.randoms(use_true_random=False))
def test_the_hash_does_not_depend_on_the_order_texts_are_given_in(
    rows: list[tuple[str, str, int | None, str, Texts]], rnd: random.Random
) -> None:
    assert content_hash(snapshot(rows, shuffle=rnd)) == content_hash(snapshot(rows))


@given(trees(), st.randoms(use_true_random=False))
def test_the_hash_does_not_depend_on_the_insertion_order_of_the_text_mapping(
    rows: list[tuple[str, str, int | None, str, Texts]], rnd: random.Random
) -> None:
    reordered = []
    for uid, kind, parent, num, texts in rows:
        keys = list(texts)
        rnd.shuffle(keys)
        reordered.append((uid, kind, parent, num, {k: texts[k] for k in keys}))
    assert content_hash(snapshot(reordered)) == content_hash(snapshot(rows))


@given(trees())
def test_nfc_and_nfd_forms_of_the_same_text_hash_alike(
    rows: list[tuple[str, str, int | None, str, Texts]],
) -> None:
    def normalised(form: str) -> list[tuple[str, str, int | None, str, Texts]]:
        f = nfc if form == "NFC" else nfd
        return [
            (uid, kind, parent, f(num), {lang: (f(h), f(t)) for lang, (h, t) in texts.items()})
            for uid, kind, parent, num, texts in rows
        ]

    assert content_hash(snapshot(normalised("NFD"))) == content_hash(snapshot(normalised("NFC")))


@given(trees())
def test_the_hash_is_a_sha256_of_the_canonical_bytes_and_repeatable(
    rows: list[tuple[str, str, int | None, str, Texts]],
) -> None:
    import hashlib

    first = content_hash(snapshot(rows))
    assert first == content_hash(snapshot(rows))
    assert first == hashlib.sha256(canonical_bytes(snapshot(rows))).hexdigest()


@given(trees(), st.data())
def test_changing_any_heading_or_text_in_any_language_changes_the_hash(
    rows: list[tuple[str, str, int | None, str, Texts]], data: st.DataObject
) -> None:
    with_text = [i for i, row in enumerate(rows) if row[4]]
    assume(with_text)
    i = data.draw(st.sampled_from(with_text))
    uid, kind, parent, num, texts = rows[i]
    lang = data.draw(st.sampled_from(sorted(texts)))
    field = data.draw(st.sampled_from([0, 1]))  # heading or text
    new = data.draw(text)
    assume(nfc(new) != nfc(texts[lang][field]))
    pair = list(texts[lang])
    pair[field] = new
    changed = list(rows)
    changed[i] = (uid, kind, parent, num, {**texts, lang: (pair[0], pair[1])})
    assert content_hash(snapshot(changed)) != content_hash(snapshot(rows))


@given(trees(), st.data())
def test_adding_or_dropping_a_language_changes_the_hash(
    rows: list[tuple[str, str, int | None, str, Texts]], data: st.DataObject
) -> None:
    i = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    uid, kind, parent, num, texts = rows[i]
    missing = [lang for lang in LANGUAGES if lang not in texts]
    add = data.draw(st.booleans())
    if missing and add:
        lang = data.draw(st.sampled_from(missing))
        new_texts = {**texts, lang: ("", "added")}
    else:
        with_content = sorted(k for k, (h, t) in texts.items() if h or t)
        assume(with_content)
        dropped = data.draw(st.sampled_from(with_content))
        new_texts = {k: v for k, v in texts.items() if k != dropped}
    changed = list(rows)
    changed[i] = (uid, kind, parent, num, new_texts)
    assert content_hash(snapshot(changed)) != content_hash(snapshot(rows))


@given(trees(), st.data())
def test_moving_words_between_heading_and_text_changes_the_hash(
    rows: list[tuple[str, str, int | None, str, Texts]], data: st.DataObject
) -> None:
    with_text = [i for i, row in enumerate(rows) if row[4]]
    assume(with_text)
    i = data.draw(st.sampled_from(with_text))
    uid, kind, parent, num, texts = rows[i]
    lang = data.draw(st.sampled_from(sorted(texts)))
    heading, body = texts[lang]
    assume(nfc(heading) != nfc(body))
    changed = list(rows)
    changed[i] = (uid, kind, parent, num, {**texts, lang: (body, heading)})
    assert content_hash(snapshot(changed)) != content_hash(snapshot(rows))


@given(trees(min_size=2), st.data())
def test_reordering_provisions_changes_the_hash(
    rows: list[tuple[str, str, int | None, str, Texts]], data: st.DataObject
) -> None:
    snap = snapshot(rows)
    i = data.draw(st.integers(min_value=0, max_value=len(snap) - 2))
    j = data.draw(st.integers(min_value=i + 1, max_value=len(snap) - 1))
    swapped = list(snap)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    assert content_hash(swapped) != content_hash(snap)


@given(trees(), st.data())
def test_renumbering_a_provision_changes_the_hash(
    rows: list[tuple[str, str, int | None, str, Texts]], data: st.DataObject
) -> None:
    snap = snapshot(rows)
    i = data.draw(st.integers(min_value=0, max_value=len(snap) - 1))
    new = data.draw(number)
    assume(nfc(new) != nfc(snap[i].number))
    changed = list(snap)
    changed[i] = replace(snap[i], number=new)
    assert content_hash(changed) != content_hash(snap)


@given(trees(min_size=2), st.data())
def test_reparenting_a_provision_changes_the_hash(
    rows: list[tuple[str, str, int | None, str, Texts]], data: st.DataObject
) -> None:
    snap = snapshot(rows)
    i = data.draw(st.integers(min_value=1, max_value=len(snap) - 1))
    new_parent = data.draw(st.none() | st.sampled_from([p.uid for p in snap[:i]]))
    assume(new_parent != snap[i].parent_uid)
    changed = list(snap)
    changed[i] = replace(snap[i], parent_uid=new_parent)
    assert content_hash(changed) != content_hash(snap)


@given(trees(), st.data())
def test_changing_a_provisions_kind_changes_the_hash(
    rows: list[tuple[str, str, int | None, str, Texts]], data: st.DataObject
) -> None:
    snap = snapshot(rows)
    i = data.draw(st.integers(min_value=0, max_value=len(snap) - 1))
    kind = data.draw(st.sampled_from([k for k in KINDS if k != snap[i].kind]))
    changed = list(snap)
    changed[i] = replace(snap[i], kind=kind)
    assert content_hash(changed) != content_hash(snap)


@given(trees(), st.data())
def test_adding_or_removing_a_provision_changes_the_hash(
    rows: list[tuple[str, str, int | None, str, Texts]], data: st.DataObject
) -> None:
    snap = snapshot(rows)
    i = data.draw(st.integers(min_value=0, max_value=len(snap)))
    extra = ProvisionSnapshot(uid="uid-new", kind="article", parent_uid=None, number="")
    assert content_hash([*snap[:i], extra, *snap[i:]]) != content_hash(snap)
    j = data.draw(st.integers(min_value=0, max_value=len(snap) - 1))
    assert content_hash(snap[:j] + snap[j + 1 :]) != content_hash(snap)


@settings(max_examples=50)
@given(trees(), st.data())
def test_a_provisions_identity_is_part_of_the_hash(
    rows: list[tuple[str, str, int | None, str, Texts]], data: st.DataObject
) -> None:
    """Two texts with the same words but provisions of different identity are
    different texts: proposals and translations are attached by identity."""
    snap = snapshot(rows)
    i = data.draw(st.integers(min_value=0, max_value=len(snap) - 1))
    changed = list(snap)
    changed[i] = replace(snap[i], uid="uid-other")
    assert content_hash(changed) != content_hash(snap)


# --- end to end, through the services -------------------------------------------------------


@pytest.mark.django_db
def test_versions_published_with_the_same_content_have_the_same_hash_and_one_letter_differs() -> (
    None
):
    w = world()
    document = services.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="charter",
        title={"en": "Eurasian Charter", "ru": "Евразийская хартия"},
        authentic_languages=["en", "ru"],
        working_language="ru",
    )
    zero = document.versions.get()
    chapter = services.add_provision(
        actor=SYSTEM,
        version=zero,
        kind="chapter",
        number="I",
        texts={"en": ("Principles", ""), "ru": ("Принципы", "")},
    )
    services.add_provision(
        actor=SYSTEM,
        version=zero,
        kind="article",
        number="1",
        parent=chapter,
        texts={
            "en": ("", "The Parties respect diversity."),
            "ru": ("", "Стороны уважают многообразие."),
        },
    )
    first = services.publish_version(actor=SYSTEM, version=zero, label="Zero draft")

    rev1 = services.start_working_copy(actor=SYSTEM, document=document, label="Rev.1")
    second = services.publish_version(actor=SYSTEM, version=rev1)
    assert second.content_hash == first.content_hash

    rev2 = services.start_working_copy(actor=SYSTEM, document=document, label="Rev.2")
    article = rev2.provisions.get(kind="article")
    latin_e = "\N{LATIN SMALL LETTER E}"  # looks like the Cyrillic letter it replaces
    services.set_text(
        actor=SYSTEM,
        provision=article,
        language="ru",
        text="Стороны уважают многообрази" + latin_e + ".",
    )
    third = services.publish_version(actor=SYSTEM, version=rev2)
    assert third.content_hash != first.content_hash


@pytest.mark.django_db
def test_the_hash_follows_the_text_not_the_history_of_edits() -> None:
    """Editing a text and editing it back, or typing it decomposed (NFD),
    publishes the same hash as the untouched text."""
    w = world()
    document = services.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="statement",
        title={"en": "Statement"},
        authentic_languages=["en", "ru"],
        working_language="en",
    )
    zero = document.versions.get()
    services.add_provision(
        actor=SYSTEM,
        version=zero,
        kind="paragraph",
        number="1",
        texts={"en": ("", "Agreed."), "ru": ("", "Согласовано, ёж.")},
    )
    first = services.publish_version(actor=SYSTEM, version=zero)

    rev1 = services.start_working_copy(actor=SYSTEM, document=document, label="Rev.1")
    paragraph = Provision.objects.get(version=rev1)
    services.set_text(actor=SYSTEM, provision=paragraph, language="en", text="Not agreed.")
    services.set_text(actor=SYSTEM, provision=paragraph, language="en", text="Agreed.")
    services.set_text(
        actor=SYSTEM, provision=paragraph, language="ru", text=nfd("Согласовано, ёж.")
    )
    assert paragraph.texts.get(language="en").revision == 3
    assert paragraph.texts.get(language="ru").text != "Согласовано, ёж."
    assert services.publish_version(actor=SYSTEM, version=rev1).content_hash == first.content_hash


def test_an_empty_text_hashes_like_a_missing_one() -> None:
    """A language row with neither heading nor text says nothing."""
    rows: list[tuple[str, str, int | None, str, Texts]] = [
        ("u1", "article", None, "1", {"en": ("", "Text")}),
    ]
    with_empty: list[tuple[str, str, int | None, str, Texts]] = [
        ("u1", "article", None, "1", {"en": ("", "Text"), "ru": ("", "")}),
    ]
    assert content_hash(snapshot(rows)) == content_hash(snapshot(with_empty))
