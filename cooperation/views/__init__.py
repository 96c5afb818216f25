"""The cooperation's pages: its records (partners, contract, bodies, memberships, phases)
in `records`, the office's pages on persons who have left in `persons`."""

from .persons import (
    AnonymiseForm,
    DepartedPersonListView,
    OfficeOnlyMixin,
    PersonAnonymiseView,
)
from .records import (
    BodyDetailView,
    BodyListView,
    BodyRestoreView,
    BodyUpdateView,
    ContractDocumentView,
    ContractRestoreView,
    ContractView,
    MembershipCreateView,
    MembershipEndView,
    OfficeFormView,
    PartnerDetailView,
    PartnerListView,
    PartnerRestoreView,
    PartnerUpdateView,
    PhaseCreateView,
    RulesOfProcedureUpdateView,
    RulesOfProcedureView,
    partner_form_class,
)

__all__ = [
    "AnonymiseForm",
    "BodyDetailView",
    "BodyListView",
    "BodyRestoreView",
    "BodyUpdateView",
    "ContractDocumentView",
    "ContractRestoreView",
    "ContractView",
    "DepartedPersonListView",
    "MembershipCreateView",
    "MembershipEndView",
    "OfficeFormView",
    "OfficeOnlyMixin",
    "PartnerDetailView",
    "PartnerListView",
    "PartnerRestoreView",
    "PartnerUpdateView",
    "PersonAnonymiseView",
    "PhaseCreateView",
    "RulesOfProcedureUpdateView",
    "RulesOfProcedureView",
    "partner_form_class",
]
