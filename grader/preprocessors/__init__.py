"""nbgrader preprocessors of the course, one small class per pipeline step, each in a module named after it.

Composed by ``nbgrader_config.py`` into nbgrader's own autograde and feedback
pipelines, so plain ``nbgrader autograde`` and the course CLI grade alike.
"""

from grader.preprocessors.feedback_texts import FeedbackTexts
from grader.preprocessors.flag_numerical_derivatives import FlagNumericalDerivatives
from grader.preprocessors.inject_probes import InjectProbes
from grader.preprocessors.normalise_notebook import NormaliseNotebook
from grader.preprocessors.render_maths import RenderMaths
from grader.preprocessors.restore_cells import RestoreCells
from grader.preprocessors.sandboxed_execute import SandboxedExecute
from grader.preprocessors.score_probes import ScoreProbes
from grader.preprocessors.strip_hidden_tests import StripHiddenTests
from grader.preprocessors.summarise_scores import SummariseScores
from grader.preprocessors.validate_cell_metadata import ValidateCellMetadata

__all__ = [
    "FeedbackTexts",
    "FlagNumericalDerivatives",
    "InjectProbes",
    "NormaliseNotebook",
    "RenderMaths",
    "RestoreCells",
    "SandboxedExecute",
    "ScoreProbes",
    "StripHiddenTests",
    "SummariseScores",
    "ValidateCellMetadata",
]
