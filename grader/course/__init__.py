"""Course operations on nbgrader's API: release, autograde, feedback, export, collect, the demo."""
