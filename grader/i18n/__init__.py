"""The course's languages: gettext catalogues, the course language, each student's language.

Every text a student or an instructor reads is English in the code, wrapped in ``_()``
(or marked ``N_()`` where it is defined before the language is known), and translated
by the gettext catalogue ``grader/locale/<language>/LC_MESSAGES/jacobians.mo`` (English
text as the message id; a third language is a new catalogue, not new code).

Which language: ``use_language(code)`` for a block of code (a context variable, so each
thread and each grading task has its own); outside any block, the environment variable
``JACOBIANS_LANGUAGE``, else English. The course language comes from
``c.CourseLanguage.language`` in nbgrader_config.py, which reads the same variable.
"""

from __future__ import annotations

import gettext as _gettext
import os
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from grader.errors import CourseError

SOURCE_LANGUAGE = "en"
DOMAIN = "jacobians"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
ENV_VAR = "JACOBIANS_LANGUAGE"
# English, and every language with a catalogue: a third language is a new catalogue, no code.
LANGUAGES = (SOURCE_LANGUAGE, *sorted(p.parents[1].name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


class LanguageError(CourseError, ValueError):
    """A language the course has no catalogue for."""


class TranslationError(CourseError, ValueError):
    """A translation that is not there, or does not pair with its English original."""


def check_language(code: str, where: str = ENV_VAR) -> str:
    """``code`` if the course speaks it, else LanguageError saying what to use instead."""
    if code not in LANGUAGES:
        raise LanguageError(
            f"unknown language {code!r} in {where}: use one of {', '.join(LANGUAGES)} "
            f"(a new language needs its catalogue grader/locale/<code>/LC_MESSAGES/{DOMAIN}.po)"
        )
    return code


def environment_language() -> str:
    """``JACOBIANS_LANGUAGE`` if set (checked), else English."""
    return check_language(os.environ.get(ENV_VAR) or SOURCE_LANGUAGE)


_current: ContextVar[str | None] = ContextVar("jacobians_language", default=None)


def current_language() -> str:
    """The language of the enclosing ``use_language`` block, else $JACOBIANS_LANGUAGE if valid, else English.

    Never raises: an unknown language is reported where the course language is chosen.
    """
    code = _current.get() or os.environ.get(ENV_VAR)
    return code if code in LANGUAGES else SOURCE_LANGUAGE


@contextmanager
def use_language(code: str):
    """Translate every ``_()`` inside the block into ``code``."""
    token = _current.set(check_language(code, "the language asked for"))
    try:
        yield code
    finally:
        _current.reset(token)


@lru_cache(maxsize=None)
def translations(code: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``code`` (English: the message ids themselves)."""
    if check_language(code) == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[code])


def gettext(message: str) -> str:
    """``message`` in the current language."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet (module-level tables)."""
    return message


_ = gettext
