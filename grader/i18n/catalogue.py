"""Is each catalogue complete and current? A fresh extraction compared with ``<language>.po`` and its ``.mo``.

``make messages`` does the extraction, update and compilation with ``pybabel``; these checks
are what the tests and ``python -m grader i18n status`` report when it was not run, or when a
translation is missing, marked fuzzy, or no longer used.
"""

from __future__ import annotations

import string
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from grader.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE

PROJECT_ROOT = LOCALE_DIR.parents[1]
MAPPING_FILE = PROJECT_ROOT / "babel.cfg"


def catalogue_path(code: str, suffix: str = ".po") -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def translated_languages() -> list[str]:
    return [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def extract(root: Path = PROJECT_ROOT) -> Catalog:
    """Every message id in the code, as ``pybabel extract -F babel.cfg`` finds them."""
    with MAPPING_FILE.open() as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(MAPPING_FILE))
    catalog = Catalog(domain=DOMAIN)
    for filename, lineno, message, comments, context in extract_from_dir(root, method_map, options_map, DEFAULT_KEYWORDS):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def read_catalogue(code: str) -> Catalog:
    with catalogue_path(code).open("rb") as handle:
        return read_po(handle, locale=code, domain=DOMAIN)


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a str.format template (empty for text that is not one)."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:
        return set()


def po_problems(code: str, extracted: Catalog | None = None) -> list[str]:
    """One line per message id that is missing, untranslated, fuzzy, obsolete or misses a placeholder in ``code``."""
    extracted = extracted or extract()
    po = read_catalogue(code)
    wanted = {m.id for m in extracted if m.id}
    problems = [f"obsolete (no longer in the code): {m.id!r}" for m in po.obsolete.values()]
    for message in po:
        if not message.id:
            continue
        if message.id not in wanted:
            problems.append(f"obsolete (no longer in the code): {message.id!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy (check the translation, then remove the fuzzy flag): {message.id!r}")
        elif not message.string:
            problems.append(f"untranslated: {message.id!r}")
        elif isinstance(message.id, str) and placeholders(message.id) != placeholders(message.string):
            problems.append(f"placeholders differ ({sorted(placeholders(message.id))} in English): {message.id!r}")
    problems += [f"missing (run make messages): {i!r}" for i in sorted(wanted - {m.id for m in po if m.id})]
    return problems


def _key(text) -> tuple[str, ...]:
    """A message id or translation as a tuple (plural forms are lists)."""
    return (text,) if isinstance(text, str) else tuple(text)


def mo_problems(code: str) -> list[str]:
    """Differences between ``<code>.po`` (its finished translations) and the committed ``<code>.mo``."""
    mo_path = catalogue_path(code, ".mo")
    if not mo_path.is_file():
        return [f"{mo_path} is missing: run make messages"]
    with mo_path.open("rb") as handle:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(handle) if m.id}
    finished = {_key(m.id): _key(m.string) for m in read_catalogue(code) if m.id and any(_key(m.string)) and not m.fuzzy}
    stale = sorted(set(compiled.items()) ^ set(finished.items()), key=str)
    return [f"{mo_path.name} differs from {catalogue_path(code).name} (run make messages) at {stale[0][0]!r}"] if stale else []
