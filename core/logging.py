"""Logging helpers."""

import logging


class OncePerProcess(logging.Filter):
    """Let each distinct message through once per process.

    WeasyPrint repeats some warnings for every font of every PDF (e.g. that it
    falls back to fontTools when HarfBuzz-subset is missing): a worker that builds
    hundreds of documents would print the same line thousands of times.
    """

    def __init__(self, name=""):
        super().__init__(name)
        self.seen: set[tuple[str, object]] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.msg)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True
