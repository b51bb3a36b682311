# Two commands from a fresh clone: `make demo` and `make test`.
# uv is installed with pip when it is missing; everything else comes from uv.lock.

UV := $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := python3 -m uv
endif
RUN := $(UV) run --frozen

.PHONY: demo serve test check lint typecheck format messages uv sync

uv:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv

sync: uv
	@$(UV) sync --frozen --quiet

demo: sync ## migrate, load the demo scenario, print the accounts, serve on :8000
	$(RUN) accord demo

serve: sync ## serve an existing installation
	$(RUN) accord serve

test: sync ## the test suite (SQLite unless ACCORD_DATABASE_URL is set)
	$(RUN) pytest -q

lint: sync
	$(RUN) ruff format --check src tests bench scripts
	$(RUN) ruff check src tests bench scripts

typecheck: sync
	$(RUN) mypy

check: lint typecheck test ## everything CI checks

format: sync
	$(RUN) ruff format src tests bench scripts
	$(RUN) ruff check --fix src tests bench scripts

messages: sync ## refresh and compile the interface translations
	cd src/accord && ACCORD_DEBUG=1 $(RUN) accord manage makemessages -l ru -l en --no-obsolete
	cd src/accord && ACCORD_DEBUG=1 $(RUN) accord manage compilemessages
