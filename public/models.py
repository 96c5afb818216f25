"""The public pages own no data: they show what the domain apps' `published()`
querysets return (see "Publication" in docs/architecture.md)."""
