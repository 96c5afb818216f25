import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel, Timestamps
from core.uploads import private_upload_to
from core.validators import validate_sane_date, validate_single_line

SAXONY_ANHALT_PREFIX = "15"


class PartnerKind(models.TextChoices):
    TOWN = "town", _("Town (Stadt)")
    MUNICIPALITY = "municipality", _("Municipality (Gemeinde)")
    DISTRICT = "district", _("District (Landkreis)")
    PLANNING_COMMUNITY = "planning_community", _("Planning community")
    REGIONAL_ACTOR = "regional_actor", _("Regional actor")


class PartnerStatus(models.TextChoices):
    JOINT = "joint", _("Joint partner")
    ASSOCIATED = "associated", _("Associated partner")
    NEIGHBOUR = "neighbour", _("Neighbouring municipality")
    REGIONAL_ACTOR = "regional_actor", _("Regional actor")


# Order in which partners are listed: the cooperation's core first.
STATUS_ORDER = [
    PartnerStatus.JOINT,
    PartnerStatus.ASSOCIATED,
    PartnerStatus.NEIGHBOUR,
    PartnerStatus.REGIONAL_ACTOR,
]

MUNICIPAL_KINDS = {PartnerKind.TOWN, PartnerKind.MUNICIPALITY}
TERRITORIAL_KINDS = {*MUNICIPAL_KINDS, PartnerKind.DISTRICT}


def validate_ags(*, ags: str, kind: str) -> None:
    """Check an official municipality key (Amtlicher Gemeindeschlüssel).

    Towns and municipalities have 8 digits, districts 5 (state, government
    region, district); all partners of this cooperation lie in Saxony-Anhalt,
    whose keys start with 15. Other kinds of partner have no key.
    """

    def fail(message, code, **params):
        # The inner error carries code and params; a dict-form error would drop them.
        raise ValidationError({"ags": ValidationError(message, code=code, params=params)})

    if kind in MUNICIPAL_KINDS:
        length = 8
    elif kind == PartnerKind.DISTRICT:
        length = 5
    else:
        if ags:
            fail(
                _("Only towns, municipalities and districts have an official key."),
                "ags_not_applicable",
            )
        return
    if not ags:
        fail(
            _("Please enter the official key (AGS) with %(length)d digits."),
            "ags_required",
            length=length,
        )
    if not ags.isdigit() or len(ags) != length:
        fail(
            _("The official key must consist of exactly %(length)d digits."),
            "ags_length",
            length=length,
        )
    if not ags.startswith(SAXONY_ANHALT_PREFIX):
        fail(
            _("Keys of Saxony-Anhalt start with %(prefix)s."),
            "ags_state",
            prefix=SAXONY_ANHALT_PREFIX,
        )


class PartnerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def territorial(self):
        return self.filter(kind__in=TERRITORIAL_KINDS)

    def in_display_order(self):
        return self.alias(
            status_rank=models.Case(
                *(models.When(status=s, then=i) for i, s in enumerate(STATUS_ORDER)),
                default=len(STATUS_ORDER),
            )
        ).order_by("status_rank", "name")


class Partner(TimeStampedModel):
    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_single_line]
    )
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        help_text=_("Used in tables, e.g. “Halberstadt”."),
        validators=[validate_single_line],
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    status = models.CharField(_("status"), max_length=30, choices=PartnerStatus.choices)
    ags = models.CharField(
        _("official key (AGS)"),
        max_length=8,
        blank=True,
        help_text=_("8 digits for a town or municipality, 5 for a district."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    street = models.CharField(
        _("street and number"), max_length=200, blank=True, validators=[validate_single_line]
    )
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("A postal code has five digits."))],
    )
    city = models.CharField(
        _("city"), max_length=100, blank=True, validators=[validate_single_line]
    )
    website = models.URLField(_("web site"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ("name",)
        permissions = [("manage_facilities", _("Can manage the partner's facilities"))]
        constraints = [
            models.UniqueConstraint(
                fields=["ags"],
                condition=~Q(ags=""),
                name="partner_ags_unique_when_set",
                violation_error_message=_("A partner with this official key already exists."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperation:partner_detail", args=[self.pk])

    def clean(self):
        validate_ags(ags=self.ags, kind=self.kind)

    @property
    def is_territorial(self) -> bool:
        """Towns, municipalities and districts: places where facilities can be located."""
        return self.kind in TERRITORIAL_KINDS

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.street, f"{self.postal_code} {self.city}".strip()) if line]


class PartnerStaff(TimeStampedModel):
    """A user working for a partner; administrators keep the partner's data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_links",
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="staff"
    )
    position = models.CharField(
        _("position"), max_length=150, blank=True, validators=[validate_single_line]
    )
    is_admin = models.BooleanField(
        _("partner administrator"),
        default=False,
        help_text=_("May change the partner's data and facilities."),
    )

    class Meta:
        verbose_name = _("staff link")
        verbose_name_plural = _("staff links")
        ordering = ("partner__name", "user__display_name")
        constraints = [
            models.UniqueConstraint(fields=["user", "partner"], name="staff_user_partner_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.partner}"


class SpatialPlanningContract(Timestamps):
    title = models.CharField(_("title"), max_length=250, validators=[validate_single_line])
    parties = models.ManyToManyField(Partner, verbose_name=_("parties"), related_name="contracts")
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, validators=[validate_sane_date]
    )
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, validators=[validate_sane_date]
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, validators=[validate_sane_date]
    )
    preamble = models.TextField(_("preamble"), blank=True)
    document = models.FileField(
        _("signed document"), upload_to=private_upload_to, blank=True, max_length=200
    )
    history = HistoricalRecords(m2m_fields=[parties])

    class Meta:
        verbose_name = _("spatial-planning contract")
        verbose_name_plural = _("spatial-planning contracts")
        ordering = ("-valid_from", "-pk")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperation:contract")

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end of validity must not lie before its start.")},
                code="validity_order",
            )


class ContractClause(TimeStampedModel):
    contract = models.ForeignKey(
        SpatialPlanningContract,
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="clauses",
    )
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=250, validators=[validate_single_line])
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ("contract", "position")
        constraints = [
            models.UniqueConstraint(fields=["contract", "position"], name="clause_position_unique")
        ]

    def __str__(self):
        return f"§ {self.position} {self.title}"


class ContractAmendment(TimeStampedModel):
    contract = models.ForeignKey(
        SpatialPlanningContract,
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="amendments",
    )
    title = models.CharField(_("title"), max_length=250, validators=[validate_single_line])
    signed_on = models.DateField(_("signed on"), validators=[validate_sane_date])
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ("contract", "signed_on")

    def __str__(self):
        return self.title


class BodyKind(models.TextChoices):
    BOARD = "board", _("Cooperation board")
    WORKING_GROUP = "working_group", _("Working group")


class QuorumRule(models.TextChoices):
    MAJORITY_OF_SEATS = "majority", _("More than half of the voting seats present")
    TWO_THIRDS_OF_SEATS = "two_thirds", _("At least two thirds of the voting seats present")
    NONE = "none", _("No quorum required")


class Body(TimeStampedModel):
    """The board or a working group: an organ with members, meetings and decisions."""

    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_single_line]
    )
    short_code = models.CharField(
        _("short code"),
        max_length=10,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z][A-Z0-9]{0,9}$",
                _("Use capital letters and digits only, starting with a letter."),
            )
        ],
        help_text=_("Used in decision numbers, e.g. “KG” in KG-2026/007."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    description = models.TextField(_("description"), blank=True)
    quorum_rule = models.CharField(
        _("quorum rule"),
        max_length=20,
        choices=QuorumRule.choices,
        default=QuorumRule.MAJORITY_OF_SEATS,
    )
    rules_of_procedure = models.TextField(_("rules of procedure"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ("kind", "name")
        permissions = [
            ("act_as_member", _("Can act as a member of the body")),
            ("chair_body", _("Can act as the chair of the body")),
            ("lead_body", _("Can act as the lead of the working group")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperation:body_detail", args=[self.pk])

    @property
    def is_board(self) -> bool:
        return self.kind == BodyKind.BOARD


class DecisionKind(models.TextChoices):
    """What a motion is about: the rules of procedure name the majority each kind needs."""

    ORDINARY = "ordinary", _("Ordinary decision")
    FINANCIAL = "financial", _("Decision with financial effect")
    CONTRACT = "contract", _("Contract or its amendment")
    RULES = "rules", _("Change of the rules of procedure")


class Majority(models.TextChoices):
    """The majority a motion needs. Abstentions are never yes votes; "of votes cast"
    counts yes against no only (abstentions and seats not voting do not count), "of
    seats" counts yes against every voting seat of the body."""

    SIMPLE = "simple", _("Simple majority of the votes cast")
    ABSOLUTE_OF_SEATS = "absolute_of_seats", _("Absolute majority of the voting seats")
    TWO_THIRDS_OF_VOTES = "two_thirds_of_votes", _("Two thirds of the votes cast")
    TWO_THIRDS_OF_SEATS = "two_thirds_of_seats", _("Two thirds of the voting seats")
    UNANIMITY = "unanimity", _("Unanimity of the votes cast (abstentions do not prevent it)")


def majority_reached(majority: str, *, yes: int, no: int, abstain: int, seats: int) -> bool:
    """Whether `yes` votes carry a motion under `majority` (the one arithmetic of it).

    A tie is never a majority; without a single yes vote nothing is adopted; two
    thirds means at least two thirds (2 of 3 is enough)."""
    if yes <= 0:
        return False
    if majority == Majority.SIMPLE:
        return yes > no
    if majority == Majority.ABSOLUTE_OF_SEATS:
        return 2 * yes > seats
    if majority == Majority.TWO_THIRDS_OF_VOTES:
        return 3 * yes >= 2 * (yes + no)
    if majority == Majority.TWO_THIRDS_OF_SEATS:
        return 3 * yes >= 2 * seats
    if majority == Majority.UNANIMITY:
        return no == 0
    raise ValueError(f"unknown majority {majority!r}")


class DeputyRule(models.TextChoices):
    OWN_MEMBER = "own_member", _("A deputy votes only in place of the member they stand in for")
    ANY_MEMBER = "any_member", _("A deputy may vote in place of any absent member of the body")


class ObjectionRule(models.TextChoices):
    NONE = "none", _("An objection does not stop a written procedure")
    ANY_MEMBER = "any_member", _("The objection of any single member ends the written procedure")


class RulesOfProcedure(TimeStampedModel):
    """A body's rules of procedure (Geschäftsordnung) as data, versioned by its history.

    The quorum rule has its one home on `Body.quorum_rule` (meetings freeze it when
    held); it is edited on the same page. A body without a row follows the defaults
    (`rules_for`): simple majority for everything, deputies only for their member, no
    written procedure."""

    body = models.OneToOneField(
        Body,
        verbose_name=_("body"),
        on_delete=models.CASCADE,
        related_name="procedure_rules",
    )
    majority_ordinary = models.CharField(
        _("majority for ordinary decisions"),
        max_length=30,
        choices=Majority.choices,
        default=Majority.SIMPLE,
    )
    majority_financial = models.CharField(
        _("majority for decisions with financial effect"),
        max_length=30,
        choices=Majority.choices,
        default=Majority.SIMPLE,
    )
    majority_contract = models.CharField(
        _("majority for the contract and its amendments"),
        max_length=30,
        choices=Majority.choices,
        default=Majority.SIMPLE,
    )
    majority_rules = models.CharField(
        _("majority for changing the rules of procedure"),
        max_length=30,
        choices=Majority.choices,
        default=Majority.SIMPLE,
    )
    deputy_rule = models.CharField(
        _("deputies"), max_length=20, choices=DeputyRule.choices, default=DeputyRule.OWN_MEMBER
    )
    written_procedure_allowed = models.BooleanField(_("written procedures allowed"), default=False)
    written_procedure_majority = models.CharField(
        _("majority in a written procedure"),
        max_length=30,
        choices=Majority.choices,
        default=Majority.ABSOLUTE_OF_SEATS,
    )
    written_procedure_objection = models.CharField(
        _("objection to a written procedure"),
        max_length=20,
        choices=ObjectionRule.choices,
        default=ObjectionRule.ANY_MEMBER,
    )
    written_votes_open = models.BooleanField(
        _("votes in a written procedure are open"),
        default=False,
        help_text=_(
            "Open: the office sees how each seat voted while the procedure runs, and the "
            "decision lists who voted how. Otherwise only who has voted, until the end."
        ),
    )

    class Meta:
        verbose_name = _("rules of procedure")
        verbose_name_plural = _("rules of procedure")

    def __str__(self):
        return f"{_('Rules of procedure')}: {self.body}"

    def majority_for(self, kind: str) -> str:
        return {
            DecisionKind.ORDINARY: self.majority_ordinary,
            DecisionKind.FINANCIAL: self.majority_financial,
            DecisionKind.CONTRACT: self.majority_contract,
            DecisionKind.RULES: self.majority_rules,
        }[kind]


def rules_for(body: Body) -> RulesOfProcedure:
    """The body's rules of procedure: its saved row, or the defaults (unsaved) when the
    office has not set any yet. Reads the row once per body object."""
    try:
        return body.procedure_rules
    except RulesOfProcedure.DoesNotExist:
        return RulesOfProcedure(body=body)


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
    MEMBER = "member", _("Member")
    DEPUTY_MEMBER = "deputy_member", _("Deputy member")
    LEAD = "lead", _("Lead")
    OFFICE = "office", _("Office")
    GUEST = "guest", _("Guest")


# Roles that hold a voting seat; deputies vote only in place of their member.
VOTING_ROLES = {Role.CHAIR, Role.DEPUTY_CHAIR, Role.MEMBER, Role.LEAD}
ROLE_ORDER = [
    Role.CHAIR,
    Role.DEPUTY_CHAIR,
    Role.LEAD,
    Role.MEMBER,
    Role.DEPUTY_MEMBER,
    Role.OFFICE,
    Role.GUEST,
]


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on), valid_from__lte=on)

    def in_role_order(self):
        return self.alias(
            role_rank=models.Case(
                *(models.When(role=r, then=i) for i, r in enumerate(ROLE_ORDER)),
                default=len(ROLE_ORDER),
            )
        ).order_by("role_rank", *ROLE_ORDER_TIES)

    def in_role_order_ties(self):
        """The order of `in_role_order` within a role, for `sorted_by_role`: without the
        role's rank (a CASE over every role), which costs more to build than sorting a
        page's members in Python."""
        return self.order_by(*ROLE_ORDER_TIES)


# How `in_role_order` orders the members of one role.
ROLE_ORDER_TIES = ("partner__name", "user__display_name", "pk")
_ROLE_RANK = {role: rank for rank, role in enumerate(ROLE_ORDER)}


def sorted_by_role(memberships) -> list:
    """Memberships read in `in_role_order_ties` put in the order of `in_role_order`: a
    stable sort by the role's rank keeps the database's order within each role."""
    return sorted(memberships, key=lambda m: _ROLE_RANK.get(m.role, len(ROLE_ORDER)))


class Membership(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner represented"),
        on_delete=models.PROTECT,
        related_name="memberships",
        null=True,
        blank=True,
    )
    deputy_for = models.ForeignKey(
        "self",
        verbose_name=_("deputy for"),
        on_delete=models.SET_NULL,
        related_name="deputies",
        null=True,
        blank=True,
    )
    valid_from = models.DateField(
        _("valid from"), default=timezone.localdate, validators=[validate_sane_date]
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, validators=[validate_sane_date]
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ("body", "role", "pk")

    def __str__(self):
        return f"{self.user} – {self.body} ({self.get_role_display()})"

    @property
    def has_voting_seat(self) -> bool:
        return self.role in VOTING_ROLES

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.valid_from <= on and (self.valid_until is None or self.valid_until >= on)

    def public_name(self) -> str:
        """How this seat appears on public pages (see "Publication" in
        docs/architecture.md): a board seat by its holder's public office (the display
        name, which names the office, e.g. "Oberbürgermeister:in Halberstadt"), a
        working-group seat by the partner represented. Never a user name or an e-mail
        address; without either, the role alone."""
        role = self.get_role_display()
        if self.body.is_board and self.user.display_name:
            return self.user.display_name
        if self.partner_id:
            return f"{self.partner.name} ({role})"
        return str(role)

    def clean(self):
        errors = {}
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            errors["valid_until"] = ValidationError(
                _("The end of the membership must not lie before its start."),
                code="validity_order",
            )
        if self.deputy_for_id:
            if self.role != Role.DEPUTY_MEMBER:
                errors["deputy_for"] = ValidationError(
                    _("Only a deputy member stands in for another member."), code="deputy_role"
                )
            elif self.deputy_for.body_id != self.body_id:
                errors["deputy_for"] = ValidationError(
                    _("A deputy stands in for a member of the same body."), code="deputy_body"
                )
            elif self.deputy_for_id == self.pk:
                errors["deputy_for"] = ValidationError(
                    _("A member cannot be their own deputy."), code="deputy_self"
                )
        elif self.role == Role.DEPUTY_MEMBER:
            errors["deputy_for"] = ValidationError(
                _("Please choose the member this deputy stands in for."), code="deputy_missing"
            )
        if errors:
            raise ValidationError(errors)


class CooperationPhaseKind(models.TextChoices):
    FINDING = "finding", _("Finding phase")
    START = "start", _("Start and euphoria phase")
    IMPLEMENTATION = "implementation", _("Implementation phase")
    STABILISATION = "stabilisation", _("Stabilisation or stagnation phase")
    MERGER_OR_DISSOLUTION = "merger", _("Merger or dissolution")


class CooperationPhaseQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(since__lte=on).order_by("-since", "-pk").first()


class CooperationPhase(TimeStampedModel):
    """An entry in the cooperation's phase history (ARGE Greiving et al., 2008)."""

    phase = models.CharField(_("phase"), max_length=20, choices=CooperationPhaseKind.choices)
    since = models.DateField(_("since"), validators=[validate_sane_date])
    reason = models.TextField(_("reason"))

    objects = CooperationPhaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation phase")
        verbose_name_plural = _("cooperation phases")
        ordering = ("-since", "-pk")

    def __str__(self):
        return f"{self.get_phase_display()} ({self.since:%d.%m.%Y})"


# Direct foreign-key object permissions (faster than guardian's generic table,
# and they cascade on delete). Their history audits every grant and revocation.
class PartnerUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Partner, on_delete=models.CASCADE)
    history = HistoricalRecords()


class PartnerGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Partner, on_delete=models.CASCADE)
    history = HistoricalRecords()


class BodyUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Body, on_delete=models.CASCADE)
    history = HistoricalRecords()


class BodyGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Body, on_delete=models.CASCADE)
    history = HistoricalRecords()


class PersonAnonymisation(TimeStampedModel):
    """That, when, by whom and why the office anonymised a person who has left
    (cooperation/anonymisation.py). It keeps none of the removed data: only the former
    office that now stands in for the name."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="anonymisation",
    )
    former_office = models.CharField(
        _("former office"), max_length=150, validators=[validate_single_line]
    )
    reason = models.TextField(_("reason"), max_length=1000)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anonymised by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    performed_at = models.DateTimeField(_("anonymised at"), default=timezone.now)

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        ordering = ("-performed_at", "-pk")

    def __str__(self):
        return self.former_office
