"""The course's contract, pure: the reference solutions and the exercise registry (no nbgrader)."""
