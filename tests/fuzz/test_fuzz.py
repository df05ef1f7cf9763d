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


@pytest.mark.parametrize(
    "value",
    [
        # found by scripts/fuzz.py (seed 1122): a dependency named by a line break
        (
            "pnpm-lock.yaml",
            {
                "web/pnpm-lock.yaml": "lockfileVersion: '6.0'\n\nsettings:",
                "web/package.json": '{\n  "name": ".",\n  "version": "1.0.0",\n'
                '  "dependencies": {\n    "\\n": "1.0.0"\n  }\n}\n',
            },
        ),
    ],
)
def test_inputs_the_long_runs_found(value: tuple[str, dict[str, str | bytes]], repo: Repo) -> None:
    from tests.fuzz.targets import check_lock_project, prepare_repo

    prepare_repo(repo.path)
    check_lock_project(repo.path, value)
