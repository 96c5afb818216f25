"""Background tasks of the meetings: a written procedure's reminder and its close at
the deadline. They are defined beside the services they run
(`services/procedures.py`, which enqueues them with `run_after` when a procedure
starts) and re-exported here; the management command `close_written_procedures` does
the same for whatever is due, for deployments that run it by cron, and as a safety
net."""

from .services.procedures import close_written_procedure, remind_written_procedure

__all__ = ["close_written_procedure", "remind_written_procedure"]
