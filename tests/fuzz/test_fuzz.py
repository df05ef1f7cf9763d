"""Every input gets an answer: each fuzz target, a bounded and deterministic run of its
strategy through its check (scripts/fuzz.py runs the same targets at length)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.conftest import Repo
from tests.fuzz.targets import TARGETS


@pytest.mark.parametrize("name", list(TARGETS))
def test_every_input_gets_an_answer(name: str, repo: Repo) -> None:
    from tests.fuzz.targets import prepare_repo

    prepare_repo(repo.path)
    target = TARGETS[name]

    @settings(
        max_examples=target.examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(target.strategy)
    def run(value: object) -> None:
        target.check(repo.path, value)

    run()
