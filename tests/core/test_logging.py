import logging

from core.logging import OncePerProcess


def test_it_lets_a_repeated_warning_through_once(caplog):
    logger = logging.getLogger("tests.once")
    once = OncePerProcess()
    logger.addFilter(once)
    try:
        with caplog.at_level(logging.WARNING, logger="tests.once"):
            for family in ("DejaVu Sans", "DejaVu Sans", "DejaVu Sans Bold"):
                logger.warning('Using fontTools instead of HarfBuzz-Subset for font "%s".', family)
            logger.warning("Another warning")
    finally:
        logger.removeFilter(once)
    assert [r.getMessage() for r in caplog.records] == [
        'Using fontTools instead of HarfBuzz-Subset for font "DejaVu Sans".',
        "Another warning",
    ]


def test_the_weasyprint_logger_carries_the_filter():
    filters = logging.getLogger("weasyprint").filters
    assert any(isinstance(f, OncePerProcess) for f in filters)
