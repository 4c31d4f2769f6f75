"""The one exception family of vinhdanh.

Problems in a user's submission are *findings*, collected and reported together;
exceptions are for conditions that stop a whole command (no project found, a
broken plan file, a file that must not be overwritten). Every message is
Vietnamese because it reaches a user; the CLI turns these into an exit code and
never shows a traceback.
"""


class VinhdanhError(Exception):
    """Base of every error vinhdanh raises on purpose."""

    exit_code = 1


class UsageError(VinhdanhError):
    """The command was called wrongly (bad path, unknown unit id...)."""

    exit_code = 2


class ProjectError(VinhdanhError):
    """The project itself (ke-hoach.yaml, schemas/, don-vi.yaml) is missing or broken."""

    exit_code = 2
