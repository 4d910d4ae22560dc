# The two commands: `make run` and `make test`. Both install first when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast lint fmt lock messages vendor-static worker beat bench

install: $(STAMP)

# Recreated whenever the lock file changes, so a fresh clone and a stale .venv
# both end up with exactly the pinned versions.
$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $(STAMP)

run: install
	$(PY) -m huisvanhetkind.local run

test: install
	$(PY) -m huisvanhetkind.local test $(ARGS)

# Everything but the browser tests.
test-fast: install
	$(PY) -m huisvanhetkind.local test -m "not browser" $(ARGS)

lint: install
	$(VENV)/bin/ruff check .

fmt: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerate the lock file after changing dependencies in pyproject.toml.
lock: install
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

messages: install
	cd $(CURDIR) && DEBUG=true $(PY) manage.py makemessages --all --no-obsolete \
	  --ignore=.venv --ignore=.data --ignore=static/vendor --ignore=node_modules --ignore=bench --ignore="*/tests/*"
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv

vendor-static:
	./scripts/vendor-static.sh

# The benchmark (bench/README.md): SCALE=city (default), city10 or flanders. Not part of `make test`.
SCALE ?= city
bench: install
	$(PY) -m bench.run --scale $(SCALE) $(ARGS)

worker: install
	DEBUG=true $(VENV)/bin/celery -A huisvanhetkind worker --loglevel=INFO

beat: install
	DEBUG=true $(VENV)/bin/celery -A huisvanhetkind beat --loglevel=INFO --schedule .data/celerybeat-schedule
