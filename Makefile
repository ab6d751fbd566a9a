# The two set-up commands of the README: `make demo` and `make test`.
# Both build the project's virtual environment (.venv) when it is missing or
# older than pyproject.toml, then do their job.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Jupyter's and IPython's config, data and runtime dirs live in the project, never in $HOME.
export JUPYTER_CONFIG_DIR := $(CURDIR)/.jupyter/config
export JUPYTER_DATA_DIR := $(CURDIR)/.jupyter/data
export JUPYTER_RUNTIME_DIR := $(CURDIR)/.jupyter/runtime
export IPYTHONDIR := $(CURDIR)/.jupyter/ipython
export JUPYTER_PLATFORM_DIRS := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test notebooks release lab clean messages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# The course language of demo, lab, notebooks and release (README "Choosing the language"):
# make demo COURSE_LANGUAGE=ko. Default: $$JACOBIANS_LANGUAGE, else English.
COURSE_LANGUAGE := $(or $(JACOBIANS_LANGUAGE),en)
demo lab notebooks release: export JACOBIANS_LANGUAGE := $(COURSE_LANGUAGE)

demo: $(STAMP)
	$(BIN)/python -m grader demo

test: $(STAMP)
	$(BIN)/python -m pytest

# Rebuild source/ notebooks from notebooks/*.py, then release/ from source/.
notebooks: $(STAMP)
	$(BIN)/python -m grader build

release: notebooks
	$(BIN)/python -m grader release

# A student's JupyterLab on 127.0.0.1 (README "Students: JupyterLab"): the assignments in
# release/ go through the exchange into .lab/$(STUDENT)/. Ctrl-C stops it.
STUDENT ?= student
LAB_PORT ?= 8888
lab: $(STAMP)
	$(BIN)/python -m grader lab --student $(STUDENT) --port $(LAB_PORT)

# The gettext catalogues (README "Choosing the language"): extract every message id from the
# code (babel.cfg says where), add the new ones to each grader/locale/<language>/.../jacobians.po
# (changed ones come back marked fuzzy), then compile the .mo files that are committed beside them.
POT := grader/locale/jacobians.pot
messages: $(STAMP)
	$(BIN)/pybabel --quiet extract -F babel.cfg --no-wrap --sort-by-file --add-location=file \
		--project=jacobians-course --msgid-bugs-address="" -o $(POT) .
	$(BIN)/pybabel --quiet update -i $(POT) -d grader/locale -D jacobians --no-wrap --ignore-obsolete
	$(BIN)/pybabel compile --statistics -d grader/locale -D jacobians

clean:
	rm -rf autograded feedback submitted gradebook.db grades.csv reports .demo .artifacts .jupyter exchange .lab
