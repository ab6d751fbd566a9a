"""Course operations on nbgrader's API: release, autograde, feedback, export, collect, gradebook queries, the demo's class, the lab."""
