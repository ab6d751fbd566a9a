"""Judging answers, pure: answer -> ordered checks -> diagnoses -> grade (no nbgrader)."""
