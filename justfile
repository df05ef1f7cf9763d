# Recipes for working on releaselint; `uv` provides the environment.

# check that every version declaration of this repository agrees
check-version-alignment:
    uv run --no-dev releaselint check-version-alignment

# every check releaselint runs in CI, on this repository
check:
    uv run --no-dev releaselint check

# the whole test suite
test *args:
    uv run pytest {{args}}

# lint and type-check
lint:
    uv run ruff check src tests scripts
    uv run ruff format --check src tests scripts
    uv run mypy
