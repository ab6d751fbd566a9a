"""Running a student's kernel isolated: the policy, the launcher and its limits."""
