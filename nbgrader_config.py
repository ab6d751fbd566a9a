"""nbgrader configuration of the course "Jacobians for backpropagation".

Plain ``nbgrader`` commands run at the course root read this file, and so does the
course CLI (``python -m grader``): both grade with the same pipeline.
"""

import os

import grader
from grader.i18n.course_language import code_stub, environment_language_or_stop

c = get_config()  # noqa: F821 (injected by traitlets)

COURSE_ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "jacobians"
c.CourseDirectory.root = COURSE_ROOT
c.CourseDirectory.db_url = os.environ.get("JACOBIANS_DB_URL", f"sqlite:///{os.path.join(COURSE_ROOT, 'gradebook.db')}")

# The course language (README "Choosing the language"): en or ko. JACOBIANS_LANGUAGE overrides it
# for any command. Notebooks are released in it (LocaliseNotebook), and feedback and the
# instructor's tools speak it; a student listed in roster.csv (student_id,language) reads
# feedback in their own language.
# An unknown value stops every command, plain nbgrader included, with an error naming the variable.
c.CourseLanguage.language = LANGUAGE = environment_language_or_stop()
c.CourseLanguage.roster = "roster.csv"
# Release: first rebuild each notebook's text in the course language (only when source/ holds
# another language), then nbgrader's own steps.
c.GenerateAssignment.preprocessors = [
    "grader.course.localise.LocaliseNotebook",
    "nbgrader.preprocessors.IncludeHeaderFooter",
    "nbgrader.preprocessors.InstantiateTests",
    "nbgrader.preprocessors.LockCells",
    "nbgrader.preprocessors.ClearSolutions",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.CheckCellMetadata",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.SaveCells",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Students see this in place of each solution region (its message in the course language).
c.ClearSolutions.code_stub = {"python": code_stub(LANGUAGE)}

# Autograde: nbgrader's own pipeline, plus two steps around Execute. InjectProbes
# makes each hidden test cell only call the student's function on the grader's
# inputs; ScoreProbes compares the answers with grader.contract.reference in this process
# and writes the verdict as the cell's output, before nbgrader reads the scores.
# SandboxedExecute runs the student's kernel sandboxed; FlagNumericalDerivatives
# zeroes a function that differentiates numerically (a scan of its source).
c.Autograde.autograde_preprocessors = [
    "grader.preprocessors.InjectProbes",
    "grader.preprocessors.SandboxedExecute",
    "grader.preprocessors.ScoreProbes",
    "grader.preprocessors.FlagNumericalDerivatives",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "grader.preprocessors.ValidateCellMetadata",
]
# What autograded/ stores must render as feedback: NormaliseNotebook gives every cell a valid id
# of its own and keeps only the metadata grading reads. A test cell deleted, duplicated, moved,
# retyped or stripped of its metadata by a student is put back from the gradebook (RestoreCells:
# nbgrader's OverwriteCells, made robust; it also replaces nbgrader's DeduplicateIds, which kept
# the last copy of a duplicated cell even when that copy was scratch work far below its place).
# ValidateCellMetadata is nbgrader's CheckCellMetadata with its schema compiled once.
c.Autograde.sanitize_preprocessors = [
    "grader.preprocessors.NormaliseNotebook",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "grader.preprocessors.RestoreCells",
    "grader.preprocessors.ValidateCellMetadata",
]
c.OverwriteCells.add_missing_cells = True

# The student's kernel runs sandboxed (grader/sandbox/policy.py; README, "Integrity and threat
# model"): limits per cell and per notebook, a new kernel when one dies or hangs.
c.SandboxedExecute.timeout = 60
c.SandboxedExecute.interrupt_on_timeout = True
c.SandboxedExecute.notebook_timeout = 600
c.SandboxedExecute.memory_limit = 3 << 30
# Once the last cell has answered, the kernel has nothing left to say: kill it rather than
# ask it to exit, which costs ~0.5 s of waiting per notebook (README, "Grading a whole class fast").
c.SandboxedExecute.shutdown_kernel = "immediate"
# Plain tracebacks (the failing line and the error, no surrounding source): IPython's default
# costs a kernel ~20 ms of CPU per traceback, and a notebook's failing visible tests make many.
c.SandboxedExecute.extra_arguments = ["--InteractiveShell.xmode=Plain"]
# nbconvert validates the notebook after each of a pass's steps (15 in autograde); once, after
# the last, is enough: NormaliseNotebook makes every notebook valid first, and an invalid one
# still fails, its error naming the last step rather than the one that broke it.
c.Exporter.optimistic_validation = True
# "auto" isolates kernels where the machine allows it (root on Linux) and warns elsewhere.
c.SandboxedExecute.isolation = os.environ.get("JACOBIANS_KERNEL_ISOLATION", "auto")

# Feedback shows scores, diagnoses and visible tests, never hidden test code. The page is the
# course's template (grader/templates/feedback, README "Feedback"): a summary naming each function
# and its points, lines that wrap, and the maths as MathML, which renders offline without MathJax.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "grader.preprocessors.SummariseScores",
    "grader.preprocessors.FeedbackTexts",
    "grader.preprocessors.StripHiddenTests",
    "grader.preprocessors.RenderMaths",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.HTMLExporter.extra_template_basedirs = [os.path.join(os.path.dirname(grader.__file__), "templates")]

# Exporting grades and collecting from the LMS (README: "Exporting grades", "Collecting from an LMS").
# grades.csv: nbgrader's columns plus points earned per contract function.
c.ExportApp.plugin_class = "grader.course.export.PerFunctionCsvExportPlugin"
# Canvas "Download Submissions" names each file <login>_[late_]<user id>_<file id>_<uploaded name>,
# with -<n> before the extension when a student re-uploaded a file of the same name.
# zip_collect matches this against the whole path of each extracted file.
c.FileNameCollectorPlugin.named_regexp = (
    r"^(?:.*/)?(?P<student_id>[^/]+?)_(?P<late>(?i:late)_)?(?P<lms_user_id>\d+)_(?P<lms_file_id>\d+)_"
    r"(?P<file_id>[^/]+?)(?:-\d+)?\.ipynb$"
)

# The exchange (README: "Students: JupyterLab"): a folder of the course, so that release_assignment,
# fetch_assignment, submit, collect, release_feedback and fetch_feedback all work on one machine.
# Each student's own config (written by grader/course/lab.py) points at the same folder.
c.Exchange.root = os.path.join(COURSE_ROOT, "exchange")
# Simulated students share one OS account: a submission's owner never matches its student id.
c.ExchangeCollect.check_owner = False
