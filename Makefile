# Two commands for learners: `make lab` and `make test`. Both set up .venv first when needed.
#
#   make lab      virtualenv + JupyterLab on 127.0.0.1 with the course open
#   make test     virtualenv + lint + unit and slow tests + every notebook re-run and compared
#                 (nbval) + the widget notebooks driven in JupyterLab by headless Chromium
#                 (tests/browser) + two learners on a real JupyterHub from deploy/ (tests/hub)
#   make lint     ruff (code, notebooks, docstrings of course_utils) and mypy (course_utils)
#   make unit     the fast unit tests (two workers, about 36 s on 2 cores); make slow: student copies, slides, TF
#                 in subprocesses (tests marked slow)
#   make student  build/student/: copies for learners, without solutions and outputs
#   make slides   build/slides/: one reveal.js deck per notebook, works offline
#   make site     build/site/: the course as a static website (saved outputs), works offline
#   make execute  re-run every notebook in place (authors: do this before committing a notebook);
#                 nbclient with course_utils/teaching/execute.py's fix for its stalls on widget cells
#   make bench    issue 18's budgets, measured and checked: benchmarks/exercise.py (the seed's
#                 training recipe vs the course's), benchmarks/forecast.py (notebook 7's
#                 comparison, re-computed), benchmarks/course.py (make nbval and every notebook
#                 against the seed's script, memory), benchmarks/make_test.py (make test in a
#                 fresh clone); a last block says PASS/FAIL for each (benchmarks/README.md)
#   make bench-classroom  benchmarks/classroom.py: 6 learners on one JupyterHub, with and
#                 without the thread limits
#   make proxy    JupyterHub's proxy (configurable-http-proxy, from npm) into .venv/bin
#   make clean    remove build output and caches (keeps .venv)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# Jupyter refuses to run as root unless told; learners' machines never need this.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# The test suites each start TensorFlow kernels; on a laptop they must not run side by side.
.NOTPARALLEL:

.PHONY: lab test lint unit slow nbval browser hub proxy execute student slides site bench bench-classroom clean venv

venv: $(STAMP)

# (Re)install when the venv is missing or requirements.txt / pyproject.toml changed.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if (3, 10) <= v[:2] <= (3, 13) else "Python 3.10-3.13 is needed (TensorFlow supports these); found %d.%d. Run e.g. make PYTHON=python3.11" % v[:2])'
	@# A venv left half-made (e.g. by a Python without ensurepip) has no pip: start it again.
	$(PY) -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); } || \
		{ rm -rf $(VENV); echo "python3 -m venv failed: on Debian/Ubuntu install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $(STAMP)

# JupyterLab's news pop-up and update checks off: admin defaults read from deploy/lab-settings
# (the hub and Binder use the same file), nothing written into the learner's home.
LAB_SETTINGS := --LabApp.app_settings_dir=$(CURDIR)/deploy/lab-settings --LabApp.news_url=None

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=. $(ROOT_FLAG) \
		$(LAB_SETTINGS) notebooks/01_sequence_data.ipynb

test: lint unit slow nbval browser hub

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# Two workers: 37 s against 51 s on one (1,098 tests then, one pair at load 2-3); 36 s for 1,112 now.
unit: $(STAMP)
	$(PY) -m pytest tests --ignore=tests/browser --ignore=tests/hub -m "not slow" -n 2

# Two workers, each test file on one: the claims (tests/test_claims.py, whose notebook 5 and 7
# sections each start two TensorFlow processes) beside the student copies and decks.
slow: $(STAMP)
	$(PY) -m pytest tests --ignore=tests/browser --ignore=tests/hub -m slow -n 2 --dist loadfile

# Two workers, each notebook whole on one of them, its cells in order (--dist loadfile): faster
# than one worker in every paired run (benchmarks/README.md). NBVAL_REPORT: extra pytest options
# for a report (benchmarks/course.py adds a JUnit file, so budgets are checked on this command).
NBVAL_REPORT ?=
nbval: $(STAMP)
	$(PY) -m pytest --nbval -n 2 --dist loadfile $(NOTEBOOKS) $(NBVAL_REPORT)

student: $(STAMP)
	rm -rf build/student
	$(PY) -m course_utils.teaching student $(NOTEBOOKS) --out build/student

slides: $(STAMP)
	rm -rf build/slides
	$(PY) -m course_utils.teaching slides $(NOTEBOOKS) --out build/slides
	@echo "Open build/slides/01_sequence_data.slides.html in a browser (no network needed)."

site: $(STAMP)
	rm -rf build/site
	$(PY) -m course_utils.teaching site $(NOTEBOOKS) --out build/site
	@echo "Open build/site/index.html in a browser (no network needed)."

# Skips with an install hint when Chromium is missing, except under CI (CI=true), where it fails.
# Two workers (tests/browser/conftest.py picks who runs what): every test that uses JupyterLab in
# one (one server for them all), the site's and slides' accessibility scans in the other.
browser: $(STAMP)
	$(PY) -m pytest -n 2 tests/browser

# JupyterHub's proxy comes from npm, not PyPI: installed inside .venv (needs Node.js and npm).
CHP := $(VENV)/bin/configurable-http-proxy
$(CHP): | $(STAMP)
	@command -v npm >/dev/null 2>&1 || { echo "npm not found: JupyterHub's proxy comes from npm (on Debian/Ubuntu: sudo apt-get install npm)"; exit 1; }
	npm install --prefix $(VENV)/chp --no-audit --no-fund --loglevel=error configurable-http-proxy@5
	ln -sf ../chp/node_modules/.bin/configurable-http-proxy $(CHP)

proxy: $(CHP)

# Skips with an install hint when npm is missing, except under CI (CI=true), where it fails.
hub: $(STAMP)
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory proxy; \
	else echo "npm not found: tests/hub will skip (JupyterHub's proxy comes from npm)"; fi
	$(PY) -m pytest tests/hub

execute: $(STAMP)
	$(PY) -m course_utils.teaching execute $(NOTEBOOKS)

# Issue 18's budgets, each measured and printed with PASS/FAIL in a last block (benchmarks/README.md).
# BENCH_ARGS=--skip-clone leaves out the fresh clone's make test (about 10 of the 25 minutes).
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) benchmarks/budgets.py $(BENCH_ARGS)

# 6 learners on one JupyterHub, with and without the thread limits (issue 15; README "Teaching a class").
bench-classroom: $(STAMP) proxy
	$(PY) benchmarks/classroom.py
	$(PY) benchmarks/classroom.py --no-thread-limit

clean:
	rm -rf build .pytest_cache .ruff_cache .mypy_cache .hypothesis
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +
