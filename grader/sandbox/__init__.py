"""Running a student's kernel isolated: the policy, its typed launch specification, the launcher and the kernel manager."""
