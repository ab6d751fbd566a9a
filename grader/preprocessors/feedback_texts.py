"""The feedback page's fixed texts, in the student's language, for the course's feedback template."""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor

from grader.i18n import N_, _, use_language
from grader.i18n.course_language import feedback_language

# Every fixed text of grader/templates/feedback/index.html.j2, by the name the template uses
# (resources.texts.<name>); the English text is the gettext message id.
FEEDBACK_TEXTS = {
    "points": N_("points"),
    "notebook_score": N_("{notebook}: {score} / {max_score} points"),
    "function": N_("function"),
    "first_to_fix": N_("first thing to fix"),
    "late_penalty": N_("Late submission penalty: -{points} points"),
    "top": N_("(top)"),
    "your_answer": N_("Your answer"),
    "your_task": N_("Your task"),
    "hidden_tests_of": N_("Hidden tests of {function}"),
    "comments": N_("Comments:"),
}


class FeedbackTexts(NbGraderPreprocessor):
    """Put ``resources["texts"]`` (name -> text) and ``resources["language"]`` for the feedback template."""

    def preprocess(self, nb, resources):
        language = feedback_language(self, resources)
        with use_language(language):
            resources["texts"] = {name: _(text) for name, text in FEEDBACK_TEXTS.items()}
        resources["language"] = language
        return nb, resources
