from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from core.validators import validate_single_line


def validate_page_address(value: str) -> None:
    """A web address (http or https) or a path on this site ("/oeffentlich/…")."""
    if not value:
        return
    validate_single_line(value)
    message = _("Enter the address of the page (beginning with https:// or /).")
    if value.startswith("/"):
        if value.startswith("//") or any(c.isspace() for c in value):
            raise ValidationError(message, code="page_address")
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(message, code="page_address") from None
    if not urlsplit(value).netloc:
        raise ValidationError(message, code="page_address")
