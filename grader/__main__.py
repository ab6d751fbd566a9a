"""``python -m grader`` and the ``jacobians`` command: grader.cli, after what must start before it."""

import sys

from grader.autograde import startup


def main() -> int:
    try:
        # Before the CLI imports nbgrader (~1 s on one core): an autograde's kernel template imports meanwhile.
        startup.start_kernel_template(sys.argv[1:])
        from grader.cli import main as cli_main

        return cli_main()
    except KeyboardInterrupt:  # before a command handles Ctrl-C itself (autograde does), or in one that need not
        print(("\n" if sys.stderr.isatty() else "") + "interrupted", file=sys.stderr)  # after the terminal's ^C
        return 130


if __name__ == "__main__":
    sys.exit(main())
