"""Grading a whole class fast: planning, grading workers, local pool and Dask, kernel templates."""
