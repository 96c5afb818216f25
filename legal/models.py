"""The legal texts every public body's site carries, and the feedback on barriers.

Imprint (§ 5 DDG), privacy statement (Art. 13 GDPR) and accessibility statement
(BITV 2.0 § 7; in Sachsen-Anhalt the state's accessibility law asks for the same parts):
one `LegalText` per kind, edited by the office, versioned (`version` guards against
lost updates) with a history of who changed what. The accessibility statement keeps
the parts the law asks for in fields of their own (state of conformity, date of the
last review, feedback e-mail, the enforcement body), so the office fills in a date or
picks a state instead of keeping sentences in a free text correct; the known limits
and everything else are Markdown.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.validators import validate_sane_date, validate_single_line

from .validators import validate_page_address


class LegalTextKind(models.TextChoices):
    IMPRINT = "imprint", _("Imprint")
    PRIVACY = "privacy", _("Privacy statement")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")


# The kinds in the addresses of the office's pages (German like every URL).
KIND_SLUGS = {
    LegalTextKind.IMPRINT: "impressum",
    LegalTextKind.PRIVACY: "datenschutz",
    LegalTextKind.ACCESSIBILITY: "barrierefreiheit",
}
SLUG_KINDS = {slug: kind for kind, slug in KIND_SLUGS.items()}
PUBLIC_URL_NAMES = {
    LegalTextKind.IMPRINT: "legal:imprint",
    LegalTextKind.PRIVACY: "legal:privacy",
    LegalTextKind.ACCESSIBILITY: "legal:accessibility",
}


class Conformity(models.TextChoices):
    """The state of conformity, in the words of the EU model statement."""

    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class LegalText(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=LegalTextKind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    text = models.TextField(_("text"), help_text=_("Markdown"))
    # The parts of the accessibility statement the law asks for (blank for the others).
    conformity = models.CharField(
        _("state of conformity"), max_length=10, choices=Conformity.choices, blank=True
    )
    reviewed_on = models.DateField(
        _("last reviewed on"), null=True, blank=True, validators=[validate_sane_date]
    )
    feedback_email = models.EmailField(_("e-mail address for feedback"), blank=True)
    enforcement_body = models.TextField(
        _("enforcement body"),
        blank=True,
        help_text=_("Name and postal address, one line each; plain text."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("legal text")
        verbose_name_plural = _("legal texts")
        ordering = ("kind",)

    def __str__(self):
        return self.title or self.get_kind_display()

    @property
    def slug(self) -> str:
        return KIND_SLUGS[self.kind]

    @property
    def is_accessibility_statement(self) -> bool:
        return self.kind == LegalTextKind.ACCESSIBILITY

    def get_absolute_url(self):
        return reverse(PUBLIC_URL_NAMES[self.kind])

    def clean(self):
        super().clean()
        if not self.is_accessibility_statement:
            return
        missing = {
            name: ValidationError(_("The accessibility statement needs this."), code="required")
            for name in ("conformity", "reviewed_on", "feedback_email", "enforcement_body")
            if not getattr(self, name)
        }
        if missing:
            raise ValidationError(missing)


class AccessibilityFeedbackQuerySet(models.QuerySet):
    def open(self):
        return self.filter(answered_at=None)

    def answered(self):
        return self.exclude(answered_at=None)


class AccessibilityFeedback(TimeStampedModel):
    """A barrier reported through the public form (BITV 2.0 § 7: feedback mechanism).

    Anyone may send one, logged in or not; the office reads them and marks each as
    answered with a note. Name and e-mail are optional (for an answer)."""

    MESSAGE_MAX = 5000

    message = models.TextField(_("message"))
    name = models.CharField(
        _("name"), max_length=200, blank=True, validators=[validate_single_line]
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    page_address = models.CharField(
        _("page address"), max_length=500, blank=True, validators=[validate_page_address]
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    answer_note = models.TextField(_("note on the answer"), blank=True)

    objects = AccessibilityFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback on accessibility")
        verbose_name_plural = _("feedback on accessibility")
        ordering = ("-created", "-pk")
        indexes = [models.Index(fields=["-created", "-id"], name="legal_feedback_newest")]

    def __str__(self):
        return _("Feedback no. %(number)s") % {"number": self.pk}

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
