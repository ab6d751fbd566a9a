"""What crosses the kernel boundary: the code run in the student's kernel and the wire protocol."""
