"""Instructor-side package of the course "Jacobians for backpropagation": reference
solutions, checks, the grading preprocessors for nbgrader, and the instructor CLI."""
