"""The portal's time zone: dates and times are stored in UTC and shown in Berlin time."""

from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
