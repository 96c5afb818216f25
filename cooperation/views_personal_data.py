"""The office anonymises a person who has left (cooperation/anonymisation.py)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.models import User
from core.validators import validate_single_line

from . import anonymisation
from .permissions import MemberRequiredMixin, is_cooperation_member

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


class PersonAnonymiseView(OfficeOnlyMixin, View):
    template_name = "cooperation/person_anonymise.html"

    def get_person(self, pk):
        return get_object_or_404(User, pk=pk)

    def render_form(self, form, person, *, status=200, refusal=None):
        context = {
            "form": form,
            "person": person,
            "refusal": refusal,
            "staff_links": anonymisation.staff_links_of(person) if refusal is None else [],
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        person = self.get_person(pk)
        refusal = anonymisation.refusal(person, request.user)
        form = AnonymiseForm(
            initial={"former_office": anonymisation.former_office_suggestion(person)}
        )
        return self.render_form(form, person, refusal=refusal)

    def post(self, request, pk):
        person = self.get_person(pk)
        refusal = anonymisation.refusal(person, request.user)
        form = AnonymiseForm(request.POST)
        if refusal is not None:
            return self.render_form(form, person, status=409, refusal=refusal)
        if not form.is_valid():
            return self.render_form(form, person, status=400)
        try:
            record = anonymisation.person_anonymise(
                person=person,
                actor=request.user,
                former_office=form.cleaned_data["former_office"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    for item in errors:
                        form.add_error(field if field in form.fields else None, item)
                return self.render_form(form, person, status=400)
            return self.render_form(form, person, status=409, refusal=error)
        messages.success(
            request,
            _("The person has been anonymised. The record now shows “%(office)s”.")
            % {"office": record.former_office},
        )
        return redirect("cooperation:departed_persons")
