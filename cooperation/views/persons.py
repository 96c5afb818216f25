"""The office anonymises a person who has left (cooperation/anonymisation.py)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.mixins import FreshSecondFactorMixin
from core.permissions import MemberRequiredMixin
from core.validators import validate_single_line
from core.views import ServiceFormView

from .. import anonymisation
from ..permissions import is_cooperation_member

PAGE_SIZE = 50


class AnonymiseForm(forms.Form):
    former_office = forms.CharField(
        label=gettext_lazy("Former office (replaces the name everywhere)"),
        max_length=150,
        validators=[validate_single_line],
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Kept with the anonymisation. Do not repeat the person's name or e-mail here."
        ),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I have checked that this person has left and that their data may be removed. "
            "This cannot be undone."
        ),
    )


class OfficeOnlyMixin(MemberRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and is_cooperation_member(request.user)
            and not anonymisation.can_anonymise_persons(request.user)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DepartedPersonListView(OfficeOnlyMixin, View):
    template_name = "cooperation/departed_persons.html"

    def get(self, request):
        page = Paginator(anonymisation.departed_persons(), PAGE_SIZE).get_page(
            request.GET.get("seite")
        )
        return render(request, self.template_name, {"page": page, "persons": page.object_list})


class PersonAnonymiseView(FreshSecondFactorMixin, OfficeOnlyMixin, ServiceFormView):
    """The confirmation page with the former office and a reason. A refusal by the
    account's state (own account, administrator, already done, a lasting seat) is
    shown instead of the form and answers a POST with 409."""

    template_name = "cooperation/person_anonymise.html"
    form_class = AnonymiseForm

    def get_target(self):
        return anonymisation.person_for_anonymisation(self.kwargs["pk"])

    def get_initial(self, person):
        return {"former_office": anonymisation.former_office_suggestion(person)}

    def get_cancel_url(self, person) -> str:
        return reverse("cooperation:departed_persons")

    def get_context(self, person):
        refusal = anonymisation.refusal(person, self.request.user)
        return {
            "person": person,
            "refusal": refusal,
            "staff_links": anonymisation.staff_links_of(person) if refusal is None else [],
        }

    def get_conflict_context(self, form, person, error):
        return {"refusal": error, "staff_links": []}

    def post(self, request, *args, **kwargs):
        person = self.get_target()
        refusal = anonymisation.refusal(person, request.user)
        if refusal is not None:  # whatever was typed
            return self.conflict(self.get_form(person, request.POST), person, refusal)
        return super().post(request, *args, **kwargs)

    def get_success_message(self, form, person) -> str:
        return _("The person has been anonymised. The record now shows “%(office)s”.") % {
            "office": self.record.former_office
        }

    def perform(self, form, person):
        self.record = anonymisation.person_anonymise(
            person=person,
            actor=self.request.user,
            former_office=form.cleaned_data["former_office"],
            reason=form.cleaned_data["reason"],
        )
        return reverse("cooperation:departed_persons")
