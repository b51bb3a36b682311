"""The compilation view costs the same number of SQL queries whatever the
size of the document: benchmark 10(a)'s generated charter (`bench/compilation.py`,
the same generator and the same views) at 30 and at 120 provisions, in five
languages, with twice as many proposals as provisions, compiled through the
services."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "compilation.py"

# Session and user; the document (the page: with its process); the viewer's
# access (roles, delegations, standings); the version; the rows (statuses,
# proposal counts, provisions, their texts); the delegation codes; and for the
# API the versions the texts come from.
EXPECTED = {"page-en": 13, "page-my": 13, "api": 13, "api-en": 13}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_compilation", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered before it runs: its dataclasses look their module up.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _bench()


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path_factory):
    settings.STATIC_ROOT = tmp_path_factory.mktemp("static")


def test_the_compilation_view_costs_the_same_queries_at_30_and_120_provisions(
    bench, db, django_assert_num_queries
):
    sizes: dict[int, dict[str, int]] = {}
    for provisions in (30, 120):
        charter = bench.build(
            provisions=provisions, proposals=2 * provisions, delegations=8, seed=provisions
        )
        assert charter.incorporated > provisions  # a compilation with something in it
        sizes[provisions] = {}
        for view in bench.views(charter):
            view.run()  # warm up
            with django_assert_num_queries(EXPECTED[view.key]):
                sizes[provisions][view.key] = view.run()
    # The page and the API, each in two ways, measured at both sizes; the larger
    # document answers more, in the same number of queries.
    assert set(sizes[30]) == set(sizes[120]) == set(EXPECTED)
    assert all(sizes[120][key] > 2 * sizes[30][key] for key in sizes[30])
