"""The instructor's HTML report of a course's grades."""
