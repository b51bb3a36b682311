"""Documents services: structure, texts, publishing, conflicts."""

from __future__ import annotations

import pytest

from accord.core.actors import SYSTEM
from accord.core.errors import Conflict, PermissionDenied, ValidationError
from accord.documents import services
from accord.documents.models import Provision, Translation, Version
from accord.processes.models import Process
from accord.record.models import Event
from tests.factories import world

pytestmark = pytest.mark.django_db


def _doc(process: Process):
    return services.create_document(
        actor=SYSTEM,
        process=process,
        kind="charter",
        title={"en": "Charter", "ru": "Хартия"},
        authentic_languages=["en", "ru"],
        working_language="en",
    )


def test_create_document_opens_an_empty_working_copy_and_records_one_event():
    w = world()
    before = Event.objects.count()
    document = _doc(w.process)
    assert [(v.number, v.status) for v in document.versions.all()] == [(1, "working")]
    assert list(Event.objects.filter(seq__gt=before).values_list("kind", flat=True)) == [
        "document.created"
    ]


def test_tree_eids_follow_structure_and_survive_moves_by_uid():
    w = world()
    version = _doc(w.process).versions.get()
    pre = services.add_provision(
        actor=SYSTEM,
        version=version,
        kind="preamble_paragraph",
        texts={"en": ("", "Recognising diversity,")},
    )
    ch1 = services.add_provision(actor=SYSTEM, version=version, kind="chapter", number="I")
    a1 = services.add_provision(
        actor=SYSTEM, version=version, kind="article", number="1", parent=ch1
    )
    a2 = services.add_provision(
        actor=SYSTEM, version=version, kind="article", number="2", parent=ch1
    )
    p1 = services.add_provision(
        actor=SYSTEM, version=version, kind="paragraph", number="1", parent=a2
    )
    eids = list(version.provisions.order_by("position").values_list("eid", flat=True))
    assert eids == [
        "preamble__p_1",
        "chp_I",
        "chp_I__art_1",
        "chp_I__art_2",
        "chp_I__art_2__para_1",
    ]
    uid = a2.uid
    services.move_provision(actor=SYSTEM, provision=a2, parent=None, after=pre, number="1")
    moved = Provision.objects.get(pk=a2.pk)
    assert moved.uid == uid
    assert moved.eid == "art_1"
    assert Provision.objects.get(pk=p1.pk).eid == "art_1__para_1"
    assert Provision.objects.get(pk=a1.pk).eid == "chp_I__art_1"


def test_a_chapter_cannot_go_inside_an_article():
    w = world()
    version = _doc(w.process).versions.get()
    art = services.add_provision(actor=SYSTEM, version=version, kind="article", number="1")
    count = Event.objects.count()
    with pytest.raises(ValidationError, match="cannot be placed"):
        services.add_provision(actor=SYSTEM, version=version, kind="chapter", parent=art)
    assert version.provisions.count() == 1
    assert Event.objects.count() == count


def test_second_writer_with_a_stale_revision_gets_a_conflict_with_the_current_text():
    w = world()
    version = _doc(w.process).versions.get()
    art = services.add_provision(
        actor=SYSTEM, version=version, kind="article", number="1", texts={"en": ("", "First text")}
    )
    services.set_text(
        actor=SYSTEM, provision=art, language="en", text="Pen-holder's text", expected_revision=1
    )
    with pytest.raises(Conflict, match="Pen-holder's text"):
        services.set_text(
            actor=SYSTEM,
            provision=art,
            language="en",
            text="Secretariat's text",
            expected_revision=1,
        )
    assert Translation.objects.get(provision=art, language="en").text == "Pen-holder's text"


def test_published_versions_are_frozen_and_hashed():
    w = world()
    version = _doc(w.process).versions.get()
    art = services.add_provision(
        actor=SYSTEM,
        version=version,
        kind="article",
        number="1",
        texts={"en": ("", "Text"), "ru": ("", "Текст")},
    )
    published = services.publish_version(actor=SYSTEM, version=version, label="Zero draft")
    assert len(published.content_hash) == 64
    with pytest.raises(Conflict, match="published"):
        services.set_text(actor=SYSTEM, provision=art, language="en", text="Changed")
    rev1 = services.start_working_copy(actor=SYSTEM, document=version.document, label="Rev.1")
    copied = rev1.provisions.get()
    assert copied.uid == art.uid
    assert {t.language: t.text for t in copied.texts.all()} == {"en": "Text", "ru": "Текст"}
    again = services.publish_version(actor=SYSTEM, version=rev1)
    assert again.content_hash == published.content_hash
    assert Version.objects.filter(document=version.document).count() == 2


def test_only_the_secretariat_edits():
    w = world()
    version = _doc(w.process).versions.get()
    for role in ("participant", "chair", "observer", "outsider"):
        with pytest.raises(PermissionDenied):
            services.add_provision(actor=w.users[role], version=version, kind="article")
    services.add_provision(
        actor=w.users["secretariat"], version=version, kind="article", number="1"
    )
    assert Event.objects.last().actor == w.users["secretariat"]


def test_text_in_a_language_that_is_not_authentic_is_refused():
    w = world()
    version = _doc(w.process).versions.get()
    with pytest.raises(ValidationError, match="not an authentic language"):
        services.add_provision(
            actor=SYSTEM, version=version, kind="article", texts={"fr": ("", "Texte")}
        )
    assert not version.provisions.exists()


def _state_of(version: Version) -> tuple[list[tuple[str, int | None, int]], int]:
    rows = list(version.provisions.order_by("position").values_list("eid", "parent_id", "depth"))
    return rows, Event.objects.count()


def test_a_provision_cannot_be_moved_after_itself_or_next_to_another_versions_provision():
    w = world()
    version = _doc(w.process).versions.get()
    a1 = services.add_provision(actor=SYSTEM, version=version, kind="article", number="1")
    services.add_provision(actor=SYSTEM, version=version, kind="article", number="2")
    elsewhere_doc = services.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="statement",
        title={"en": "Statement"},
        authentic_languages=["en"],
        working_language="en",
    )
    stranger = services.add_provision(
        actor=SYSTEM, version=elsewhere_doc.versions.get(), kind="article", number="1"
    )
    before = _state_of(version)
    with pytest.raises(ValidationError, match="cannot be placed after itself"):
        services.move_provision(actor=SYSTEM, provision=a1, after=a1)
    with pytest.raises(ValidationError, match="`after` is in another version"):
        services.move_provision(actor=SYSTEM, provision=a1, after=stranger)
    with pytest.raises(ValidationError, match="The parent is in another version"):
        services.move_provision(actor=SYSTEM, provision=a1, parent=stranger)
    assert _state_of(version) == before


def test_a_provision_cannot_move_inside_its_own_subtree():
    w = world()
    version = _doc(w.process).versions.get()
    chapter = services.add_provision(actor=SYSTEM, version=version, kind="chapter", number="I")
    section = services.add_provision(
        actor=SYSTEM, version=version, kind="section", number="1", parent=chapter
    )
    before = _state_of(version)
    with pytest.raises(ValidationError, match="cannot move inside itself"):
        services.move_provision(actor=SYSTEM, provision=chapter, parent=section)
    assert _state_of(version) == before


def test_inserting_after_a_provision_uses_its_current_place_not_a_stale_copy():
    w = world()
    version = _doc(w.process).versions.get()
    chapter = services.add_provision(actor=SYSTEM, version=version, kind="chapter", number="I")
    article = services.add_provision(actor=SYSTEM, version=version, kind="article", number="1")
    services.move_provision(actor=SYSTEM, provision=article, parent=chapter)
    # `article` still says it is at the top level; the database says it is in chapter I.
    assert article.parent_id is None
    new = services.add_provision(
        actor=SYSTEM, version=version, kind="article", number="2", after=article
    )
    assert Provision.objects.get(pk=new.pk).eid == "chp_I__art_2"
    assert list(version.provisions.order_by("position").values_list("eid", flat=True)) == [
        "chp_I",
        "chp_I__art_1",
        "chp_I__art_2",
    ]


def test_unnumbered_provisions_are_counted_again_after_a_removal():
    w = world()
    version = _doc(w.process).versions.get()
    pre = [
        services.add_provision(
            actor=SYSTEM, version=version, kind="preamble_paragraph", texts={"en": ("", t)}
        )
        for t in ("Recognising,", "Noting,", "Affirming,")
    ]
    services.remove_provision(actor=SYSTEM, provision=pre[1])
    rows = version.provisions.order_by("position")
    assert [(p.eid, p.texts.get().text) for p in rows] == [
        ("preamble__p_1", "Recognising,"),
        ("preamble__p_2", "Affirming,"),
    ]
    assert Event.objects.filter(kind="provision.removed").count() == 1


def test_removing_a_provision_removes_its_subtree_and_texts():
    w = world()
    version = _doc(w.process).versions.get()
    article = services.add_provision(
        actor=SYSTEM, version=version, kind="article", number="1", texts={"en": ("", "Art")}
    )
    services.add_provision(
        actor=SYSTEM,
        version=version,
        kind="paragraph",
        number="1",
        parent=article,
        texts={"en": ("", "Para")},
    )
    services.add_provision(actor=SYSTEM, version=version, kind="article", number="2")
    services.remove_provision(actor=SYSTEM, provision=article)
    assert list(version.provisions.values_list("eid", flat=True)) == ["art_2"]
    assert not Translation.objects.filter(provision__version=version).exists()


def test_a_new_working_copy_keeps_the_whole_tree_with_parents_and_eids():
    w = world()
    version = _doc(w.process).versions.get()
    chapter = services.add_provision(actor=SYSTEM, version=version, kind="chapter", number="I")
    article = services.add_provision(
        actor=SYSTEM, version=version, kind="article", number="1", parent=chapter
    )
    services.add_provision(
        actor=SYSTEM,
        version=version,
        kind="paragraph",
        number="1",
        parent=article,
        texts={"en": ("", "Text"), "ru": ("", "Текст")},
    )
    services.publish_version(actor=SYSTEM, version=version)
    rev1 = services.start_working_copy(actor=SYSTEM, document=version.document, label="Rev.1")

    def tree(v: Version) -> list[tuple[str, str, str | None, int, str]]:
        rows = v.provisions.order_by("position").select_related("parent")
        return [
            (str(p.uid), p.eid, str(p.parent.uid) if p.parent else None, p.depth, p.number)
            for p in rows
        ]

    assert tree(rev1) == tree(version)
    assert rev1.base == version
    copied = Translation.objects.filter(provision__version=rev1)
    assert {(t.language, t.text, t.revision, t.source_version_id) for t in copied} == {
        ("en", "Text", 1, version.pk),
        ("ru", "Текст", 1, version.pk),
    }
    with pytest.raises(Conflict, match="already has a working copy"):
        services.start_working_copy(actor=SYSTEM, document=version.document, label="Rev.2")


def test_a_text_with_a_nul_character_is_refused_on_every_database():
    w = world()
    version = _doc(w.process).versions.get()
    article = services.add_provision(
        actor=SYSTEM, version=version, kind="article", number="1", texts={"en": ("", "Clean")}
    )
    before = _state_of(version)
    with pytest.raises(ValidationError, match="contains a NUL character"):
        services.set_text(actor=SYSTEM, provision=article, language="en", text="a\x00b")
    with pytest.raises(ValidationError, match="contains a NUL character"):
        services.add_provision(
            actor=SYSTEM, version=version, kind="article", texts={"en": ("\x00", "")}
        )
    assert _state_of(version) == before
    assert Translation.objects.get(provision=article).text == "Clean"
