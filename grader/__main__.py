import sys

# jsonschema, imported by nbformat, loads the optional IRI format checker (rfc3987-syntax, which
# JupyterLab's jupyter-events pulls in) when installed, and it compiles 39 grammars on import:
# ~0.5 s of every command's start. No schema the grader validates (notebooks, nbgrader's cell
# metadata) has an IRI format, so the CLI goes without that checker.
sys.modules.setdefault("rfc3987_syntax", None)

from grader.cli import main  # noqa: E402

sys.exit(main())
