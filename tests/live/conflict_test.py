"""No lost update on the live screen: two writers of the same provision who
read the same revision (the pen-holder at one venue, the secretariat at
another); the second gets a conflict carrying the current text, never a
silent overwrite."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from accord.core.errors import Conflict
from accord.documents import services as documents
from accord.documents.models import Translation
from accord.live import services
from accord.record.models import Event
from tests.concurrency import run_together
from tests.conftest import require_or_skip
from tests.live.scene import live_scene

PEN = "Security in Eurasia is indivisible and comprehensive."
DESK = "Security in Eurasia is equal and indivisible."


def _pen_edit(live: Any) -> Any:
    return services.edit_text(
        actor=live.user("participant"),
        session=live.s,
        provision_uid=live.uid("3"),
        text=PEN,
        expected_revision=1,
    )


def _desk_edit(live: Any) -> Any:
    return documents.set_text(
        actor=live.user("secretariat"),
        provision=live.provisions["3"],
        language="en",
        heading="Security",
        text=DESK,
        expected_revision=1,
    )


def _stored() -> tuple[str, int]:
    row = Translation.objects.get(provision__number="3", language="en")
    return row.text, row.revision


@pytest.mark.django_db
def test_the_pen_holder_second_gets_the_secretariat_text():
    live = live_scene()
    services.grant_pen(actor=live.user("chair"), session=live.s, to=live.user("participant"))
    _desk_edit(live)
    with pytest.raises(services.LiveConflict) as caught:
        _pen_edit(live)
    assert caught.value.status_code == 409
    assert (caught.value.current.text, caught.value.current.revision) == (DESK, 2)
    assert "revision 2" in caught.value.message
    assert _stored() == (DESK, 2)


@pytest.mark.django_db
def test_the_secretariat_second_gets_the_pen_holder_text():
    live = live_scene()
    services.grant_pen(actor=live.user("chair"), session=live.s, to=live.user("participant"))
    _pen_edit(live)
    with pytest.raises(Conflict) as caught:
        _desk_edit(live)
    assert PEN in caught.value.message
    assert _stored() == (PEN, 2)


@pytest.mark.django_db
def test_two_tabs_of_the_pen_holder_cannot_overwrite_each_other():
    live = live_scene()
    a = live.user("participant")
    services.grant_pen(actor=live.user("chair"), session=live.s, to=a)
    _pen_edit(live)
    with pytest.raises(services.LiveConflict) as caught:
        services.edit_text(
            actor=a, session=live.s, provision_uid=live.uid("3"), text="Other.", expected_revision=1
        )
    assert caught.value.current.text == PEN
    assert _stored() == (PEN, 2)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rounds", [8])
def test_at_the_same_moment_exactly_one_writer_wins(rounds):
    """Real threads with their own connections, started together, many times:
    each time one edit wins and the other gets a conflict with the winner's text."""
    require_or_skip(
        connection.vendor == "postgresql",
        "needs PostgreSQL (set ACCORD_DATABASE_URL): SQLite serialises all writers",
    )
    live = live_scene()
    services.grant_pen(actor=live.user("chair"), session=live.s, to=live.user("participant"))
    for i in range(rounds):
        revision = _stored()[1]
        pen, desk = f"{PEN} ({i})", f"{DESK} ({i})"
        results = run_together(
            [
                lambda pen=pen, revision=revision: services.edit_text(
                    actor=live.user("participant"),
                    session=live.s,
                    provision_uid=live.uid("3"),
                    text=pen,
                    expected_revision=revision,
                ),
                lambda desk=desk, revision=revision: documents.set_text(
                    actor=live.user("secretariat"),
                    provision=live.provisions["3"],
                    language="en",
                    heading="Security",
                    text=desk,
                    expected_revision=revision,
                ),
            ]
        )
        failures = [r for r in results if isinstance(r, Exception)]
        assert len(failures) == 1, results
        assert isinstance(failures[0], Conflict)
        text, new_revision = _stored()
        assert new_revision == revision + 1
        assert text in (pen, desk)
        if isinstance(failures[0], services.LiveConflict):
            assert failures[0].current.text == text == desk
        else:
            assert text == pen
            assert pen in failures[0].message
    assert Event.objects.filter(kind="provision.text_set").count() == rounds
