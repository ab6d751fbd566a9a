"""What is left to translate: ``python -m grader i18n status`` (catalogues and notebook texts)."""

from __future__ import annotations

from pathlib import Path

from grader.i18n import catalogue
from grader.i18n import notebooks as translated


def problems(notebooks_dir: Path, languages: list[str]) -> list[str]:
    """One line per missing, stale or wrong translation, catalogue entries first ([] when all is done)."""
    extracted = catalogue.extract()
    found = []
    for code in languages:
        if not catalogue.catalogue_path(code).is_file():
            found.append(f"{catalogue.catalogue_path(code)} is missing: pybabel init -D jacobians -d grader/locale -l {code} -i grader/locale/jacobians.pot")
            continue
        found += [f"{catalogue.catalogue_path(code)}: {p}" for p in catalogue.po_problems(code, extracted)]
        found += catalogue.mo_problems(code)
        for english in translated.english_texts(notebooks_dir):
            found += [str(p) for p in translated.problems(english, code)]
    return found
