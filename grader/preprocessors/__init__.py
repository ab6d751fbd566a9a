"""nbgrader preprocessors of the course, one small class per pipeline step.

Composed by ``nbgrader_config.py`` into nbgrader's own autograde and feedback
pipelines, so plain ``nbgrader autograde`` and the course CLI grade alike.
"""

from grader.preprocessors.hidden_tests import HIDDEN_PREFIX, exercise_of
from grader.preprocessors.inject_probes import InjectProbes
from grader.preprocessors.score_probes import ScoreProbes
from grader.preprocessors.strip_hidden_tests import StripHiddenTests

__all__ = ["HIDDEN_PREFIX", "InjectProbes", "ScoreProbes", "StripHiddenTests", "exercise_of"]
