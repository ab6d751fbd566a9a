"""The course's languages: catalogues complete and compiled, the language chosen as documented,
the notebook translations paired cell by cell with their English originals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from traitlets.config.loader import PyFileConfigLoader

from grader import i18n
from grader.course.notebooks import NotebookError, build_notebook, language_of
from grader.i18n import LanguageError, _, catalogue, use_language
from grader.i18n import notebooks as translated
from grader.i18n.course_language import CourseLanguage, read_roster
from grader.i18n.message_table import extract_message_table, translate_table
from tests.helpers import PROJECT

LANGUAGES = catalogue.translated_languages()
ENGLISH_TEXTS = translated.english_texts(PROJECT / "notebooks")


# Catalogues ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extracted():
    return catalogue.extract()


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_translates_every_message_of_the_code(extracted, language):
    problems = catalogue.po_problems(language, extracted)
    assert not problems, f"{len(problems)} catalogue problem(s), run `make messages` and translate:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_mo_is_compiled_from_the_po(language):
    assert catalogue.mo_problems(language) == []


def test_extraction_finds_gettext_calls_and_the_self_check_table(extracted):
    ids = {m.id for m in extracted}
    assert "{step}: {done} of {total} succeeded" in ids  # grader/cli.py
    table = translate_table((PROJECT / "notebooks/shared/self_check.py").read_text(), lambda s: s)
    assert table  # the file parses; its MESSAGES values (if any) are message ids
    assert {t for _, _, t, _ in extract_message_table(open(PROJECT / "notebooks/shared/self_check.py", "rb"), {}, [], {})} <= ids


def _doctored_catalogue(tmp_path, monkeypatch, edit) -> None:
    """A copy of the Korean catalogue with one entry changed by ``edit(text) -> text``."""
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    po = locale / "ko" / "LC_MESSAGES" / "jacobians.po"
    po.write_text(edit(po.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(catalogue, "LOCALE_DIR", locale)


@pytest.mark.parametrize("edit, kind", [
    (lambda t: t.replace('msgstr "오류: {error}"', 'msgstr ""'), "untranslated"),
    (lambda t: t.replace('msgid "error: {error}"', '#, fuzzy\nmsgid "error: {error}"'), "fuzzy"),
    (lambda t: t + '\nmsgid "a text the code no longer has"\nmsgstr "없는 문장"\n', "obsolete"),
    (lambda t: t.replace('msgstr "오류: {error}"', 'msgstr "오류: {eror}"'), "placeholders differ"),
    (lambda t: t.replace('msgid "error: {error}"\nmsgstr "오류: {error}"', ""), "missing"),
])
def test_po_problems_name_each_kind_of_stale_entry(tmp_path, monkeypatch, extracted, edit, kind):
    _doctored_catalogue(tmp_path, monkeypatch, edit)
    problems = catalogue.po_problems("ko", extracted)
    assert any(p.startswith(kind) for p in problems), problems


def test_mo_problems_notice_a_po_edited_without_compiling(tmp_path, monkeypatch):
    _doctored_catalogue(tmp_path, monkeypatch, lambda t: t.replace('msgstr "오류: {error}"', 'msgstr "에러: {error}"'))
    assert catalogue.mo_problems("ko")


# Choosing the language ------------------------------------------------------------------------


def test_use_language_translates_and_english_is_the_message_id(monkeypatch):
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    assert _("error: {error}") == "error: {error}"
    with use_language("ko"):
        assert _("error: {error}") == "오류: {error}"
    monkeypatch.setenv(i18n.ENV_VAR, "ko")
    assert _("error: {error}") == "오류: {error}"


def test_an_unknown_language_is_a_clear_error(monkeypatch):
    with pytest.raises(LanguageError, match="use one of en, ko"):
        with use_language("fr"):
            pass
    monkeypatch.setenv(i18n.ENV_VAR, "fr")
    with pytest.raises(LanguageError, match="JACOBIANS_LANGUAGE"):
        CourseLanguage().language
    assert i18n.current_language() == "en"  # gettext never raises while an error is reported


@pytest.mark.parametrize("environment, expected", [(None, "en"), ("ko", "ko"), ("en", "en")])
def test_nbgrader_config_takes_the_language_from_the_environment(monkeypatch, environment, expected):
    if environment is None:
        monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    else:
        monkeypatch.setenv(i18n.ENV_VAR, environment)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(PROJECT)).load_config()
    assert CourseLanguage(config=config).language == expected


def test_roster_names_a_students_own_feedback_language(tmp_path):
    (tmp_path / "roster.csv").write_text("student_id,language\nkim,ko\nexchange_anna,en\n", encoding="utf-8")
    course = CourseLanguage(language="ko")
    assert course.for_student("exchange_anna", tmp_path) == "en"
    assert course.for_student("kim", tmp_path) == "ko"
    assert course.for_student("lee", tmp_path) == "ko"  # not listed: the course language
    assert CourseLanguage(language="en").for_student("lee", tmp_path / "no-roster-here") == "en"


@pytest.mark.parametrize("text, error", [
    ("student_id,language\nkim,fr\n", "line 2"),
    ("student,lang\nkim,ko\n", "student_id,language"),
])
def test_a_bad_roster_says_which_line_to_fix(tmp_path, text, error):
    (tmp_path / "roster.csv").write_text(text, encoding="utf-8")
    with pytest.raises(LanguageError, match=error):
        read_roster(tmp_path / "roster.csv")


# The self-check's message table ----------------------------------------------------------------


TABLE = '''import numpy as np

MESSAGES = {
    "none": "{name}: your function returned None.",
    "shape": ("{name}: wrong shape: "
              "expected {expected}"),
}
OTHER = {"x": "not a message"}
'''


def test_message_table_values_are_extracted_and_translated_in_place():
    import io

    found = [(line, text) for line, _, text, _ in extract_message_table(io.BytesIO(TABLE.encode()), {}, [], {})]
    assert found == [(4, "{name}: your function returned None."), (5, "{name}: wrong shape: expected {expected}")]
    korean = {"{name}: your function returned None.": "{name}: 함수가 None을 반환했습니다."}
    rendered = translate_table(TABLE, lambda s: korean.get(s, s))
    namespace: dict = {}
    exec(rendered, namespace)
    assert namespace["MESSAGES"] == {"none": "{name}: 함수가 None을 반환했습니다.", "shape": "{name}: wrong shape: expected {expected}"}
    assert namespace["OTHER"] == {"x": "not a message"}


# Notebook translations ----------------------------------------------------------------------


@pytest.mark.parametrize("english", ENGLISH_TEXTS, ids=lambda p: p.stem)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_notebook_cell_has_a_current_translation(english, language):
    problems = translated.problems(english, language)
    assert not problems, f"{len(problems)} problem(s) (python -m grader i18n status):\n" + "\n".join(map(str, problems[:15]))


def _code_without_texts(source: str) -> str:
    """A code cell's ast without comments, docstrings or the self-check's message texts."""
    return translated.code_signature(translate_table(source, lambda s: ""))


@pytest.mark.parametrize("english", ENGLISH_TEXTS, ids=lambda p: p.stem)
@pytest.mark.parametrize("language", LANGUAGES)
def test_both_languages_build_the_same_notebook_cell_by_cell(english, language):
    """Same cells, ids, types, nbgrader metadata, tags and code: a submission grades the same in both."""
    if not translated.translation_path(english, language).is_file():
        pytest.fail(f"no {language} translation of {english.name}")
    en, other = build_notebook(english), build_notebook(english, language)
    assert (language_of(en), language_of(other)) == ("en", language)
    assert len(en.cells) == len(other.cells)
    for a, b in zip(en.cells, other.cells):
        assert (a.id, a.cell_type, a.metadata) == (b.id, b.cell_type, b.metadata)
        if a.cell_type == "code":
            assert _code_without_texts(a.source) == _code_without_texts(b.source), a.id


@pytest.fixture
def scratch_notebooks(tmp_path) -> Path:
    """A copy of notebooks/ps1_unary.py and notebooks/shared/, with a fresh skeleton translation."""
    folder = tmp_path / "notebooks"
    (folder / "shared").mkdir(parents=True)
    shutil.copy2(PROJECT / "notebooks" / "ps1_unary.py", folder)
    shutil.copy2(PROJECT / "notebooks" / "shared" / "self_check.py", folder / "shared")
    translated.write_skeleton(folder / "ps1_unary.py", "ko")
    return folder


def _edit_translation(folder: Path, old: str, new: str, count: int = 1) -> None:
    path = folder / "ko" / "ps1_unary.py"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _stamp_all(folder: Path) -> None:
    """Write every cell's current en_sha, as a translator does once a cell is translated."""
    english = folder / "ps1_unary.py"
    for cell in translated.read_cells(english):
        _edit_translation(folder, 'en_sha=""', f'en_sha="{translated.en_sha(cell.source)}"')


def test_skeleton_cells_are_untranslated_until_stamped(scratch_notebooks):
    english = scratch_notebooks / "ps1_unary.py"
    kinds = {p.kind for p in translated.problems(english, "ko")}
    assert kinds == {"untranslated"}
    _stamp_all(scratch_notebooks)
    assert translated.problems(english, "ko") == []
    with pytest.raises(i18n.TranslationError, match="exists"):
        translated.write_skeleton(english, "ko")


@pytest.mark.parametrize("old, new, kind", [
    ("# # ps1_unary: Jacobians", "# # ps1_unary: 야코비안", None),  # translated markdown: fine
    ('"""Jacobian of f(x) = x.', '"""f(x) = x의 야코비안.', None),  # translated docstring: fine
    ("    return np.eye(x.shape[0])", "    return np.eye(x.shape[0])  # 항등 행렬", None),  # comment: fine
    ("    return np.eye(x.shape[0])", "    return np.eye(len(x))", "code"),
    ('role="solution" function="jacobian_identity"', 'role="solution" function="jacobian_relu"', "header"),
])
def test_translation_may_change_only_text_comments_and_docstrings(scratch_notebooks, old, new, kind):
    _stamp_all(scratch_notebooks)
    _edit_translation(scratch_notebooks, old, new)
    kinds = {p.kind for p in translated.problems(scratch_notebooks / "ps1_unary.py", "ko")}
    assert kinds == ({kind} if kind else set())


def test_a_changed_english_cell_makes_its_translation_stale(scratch_notebooks):
    _stamp_all(scratch_notebooks)
    english = scratch_notebooks / "ps1_unary.py"
    english.write_text(english.read_text().replace("This is the first assignment", "This is assignment one"))
    [problem] = translated.problems(english, "ko")
    assert (problem.kind, problem.cell) == ("stale", 1)
    assert problem.en_sha == translated.en_sha(translated.read_cells(english)[0].source)


def test_missing_and_extra_cells_are_named(scratch_notebooks):
    _stamp_all(scratch_notebooks)
    path = scratch_notebooks / "ko" / "ps1_unary.py"
    text = path.read_text(encoding="utf-8")
    last = text.rindex("# %%")
    path.write_text(text[:last], encoding="utf-8")
    assert [p.kind for p in translated.problems(scratch_notebooks / "ps1_unary.py", "ko")] == ["missing"]
    path.write_text(text + "\n# %% [markdown]\n# 덧붙인 셀\n", encoding="utf-8")
    assert "extra" in {p.kind for p in translated.problems(scratch_notebooks / "ps1_unary.py", "ko")}


def test_korean_build_takes_the_translated_text_and_keeps_the_english_structure(scratch_notebooks):
    _stamp_all(scratch_notebooks)
    _edit_translation(scratch_notebooks, "# # ps1_unary: Jacobians of unary element-wise operations",
                      "# # ps1_unary: 단항 원소별 연산의 야코비안")
    english = scratch_notebooks / "ps1_unary.py"
    en, ko = build_notebook(english), build_notebook(english, "ko")
    assert ko.cells[0].source.startswith("# ps1_unary: 단항 원소별 연산의 야코비안")
    assert [(c.id, c.metadata) for c in en.cells] == [(c.id, c.metadata) for c in ko.cells]
    _edit_translation(scratch_notebooks, "    return np.eye(x.shape[0])", "    return np.eye(len(x))")
    with pytest.raises(NotebookError, match="code differs"):
        build_notebook(english, "ko")


# Fonts --------------------------------------------------------------------------------------


def test_report_plots_render_korean_labels_with_a_korean_font(tmp_path):
    """matplotlib warns "Glyph ... missing from font(s)" when it draws Hangul without a font for it."""
    import warnings

    import numpy as np

    from grader.report.report import Plots

    with warnings.catch_warnings(), use_language("ko"):
        warnings.simplefilter("error")
        label = _("points")
        name = Plots(tmp_path).histogram([1.0, 2.0, 2.0], np.arange(-0.5, 3.0), label, "histogram.png")
    assert label == "점수" and (tmp_path / name).stat().st_size > 0


@pytest.mark.parametrize("environment", ["xx", "KO", "ko_KR.UTF-8"])
def test_an_unknown_language_in_the_environment_stops_every_command_reading_the_config(monkeypatch, capsys, environment):
    """traitlets logs an exception raised in a config file and goes on with nbgrader's defaults; the course stops."""
    monkeypatch.setenv(i18n.ENV_VAR, environment)
    with pytest.raises(SystemExit) as stopped:
        PyFileConfigLoader("nbgrader_config.py", path=str(PROJECT)).load_config()
    assert stopped.value.code == 2
    assert f"unknown language {environment!r} in JACOBIANS_LANGUAGE" in capsys.readouterr().err


def test_an_empty_language_in_the_environment_means_english(monkeypatch):
    monkeypatch.setenv(i18n.ENV_VAR, "")
    config = PyFileConfigLoader("nbgrader_config.py", path=str(PROJECT)).load_config()
    assert CourseLanguage(config=config).language == "en"
