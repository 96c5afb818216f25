# IMPULS: `make run` serves the demo portal, `make test` runs the suite.
# Both set up .venv from the lock files first; nothing else is needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist), each with its own test database; how the tests are
# shared between them: tests/xdist_scheduling.py.
PYTEST_WORKERS ?= auto
# The PDF worker exits after this many documents and is started afresh:
# WeasyPrint does not give memory back to the operating system.
WORKER_MAX_TASKS ?= 20
WORKER_CMD = $(BIN)/python manage.py db_worker --queue-name '*' \
	--max-tasks $(WORKER_MAX_TASKS) --no-reload -v0

.PHONY: system-packages install messages migrate demo run run-base-url worker test lint format lock clean

# gettext, Pango, HarfBuzz-subset and Chromium (browser tests): installed when missing (as root), or the one
# command to run is printed.
system-packages:
	@scripts/system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock requirements-dev.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	touch $@

install: system-packages $(VENV)/.installed

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

migrate: install
	$(BIN)/python manage.py migrate --no-input -v0

demo: migrate messages
	$(BIN)/python manage.py seed_demo

# The server and, beside it, the worker that builds PDFs (started afresh whenever it
# exits); Ctrl-C stops both. Links in e-mails point at the address served
# (`make run HOST=0.0.0.0:9000` → http://0.0.0.0:9000) unless PORTAL_BASE_URL is set.
RUN_BASE_URL := $(or $(PORTAL_BASE_URL),http://$(HOST))
run: export PORTAL_BASE_URL := $(RUN_BASE_URL)
run: demo
	@echo "Starting the PDF worker beside the server; Ctrl-C stops both."
	( trap 'kill $$child 2>/dev/null; exit 0' TERM; \
	  while true; do $(WORKER_CMD) & child=$$!; wait $$child || sleep 2; done ) & \
	worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

# The address `make run` gives the links in e-mails (tests/test_make.py).
run-base-url:
	@echo $(RUN_BASE_URL)

# The worker alone (production runs it as its own service).
worker: migrate messages
	while true; do $(WORKER_CMD) || sleep 2; done

test: messages
	$(BIN)/python -m pytest --create-db -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-pin every dependency from pyproject.toml (runtime and development separately).
lock:
	rm -rf /tmp/impuls-lock && $(PYTHON) -m venv /tmp/impuls-lock
	/tmp/impuls-lock/bin/pip install --quiet --upgrade pip
	/tmp/impuls-lock/bin/pip install --quiet .
	/tmp/impuls-lock/bin/pip freeze --exclude impuls > requirements.lock
	/tmp/impuls-lock/bin/pip install --quiet ".[dev]"
	{ echo "-r requirements.lock"; /tmp/impuls-lock/bin/pip freeze --exclude impuls \
	  | grep -vxF -f requirements.lock; } > requirements-dev.lock
	rm -rf /tmp/impuls-lock

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
