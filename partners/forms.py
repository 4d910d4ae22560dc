from django import forms
from django.utils.translation import gettext_lazy as _

from huisvanhetkind import permissions

from .choices import Role
from .models import Network, Organisation
from .selectors import organisation_readers


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.none(),
        required=False,
        help_text=_("For a coordinator or a viewer of the whole network."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("For a partner editor, a social worker or a viewer of one organisation."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = permissions.scope(actor, Network, "network.manage")
        self.fields["organisation"].queryset = permissions.scope(
            actor, Organisation, "membership.grant"
        )

    def clean(self):
        from .invitations import invitation_place_problem

        cleaned = super().clean()
        problem = invitation_place_problem(
            role=cleaned.get("role", ""),
            has_network=bool(cleaned.get("network")),
            has_organisation=bool(cleaned.get("organisation")),
        )
        if problem:
            raise forms.ValidationError(problem)
        return cleaned


class DecisionSearchForm(forms.Form):
    q = forms.CharField(label=_("Search in decisions"), required=False, max_length=100)


class NetworkAdminForm(forms.ModelForm):
    """The network in the admin: its organiser is the contact point for families' questions,
    so it must have someone who reads them (partners.selectors is the rule's home)."""

    class Meta:
        model = Network
        fields = "__all__"  # noqa: DJ007 - the admin chooses the fields it shows

    def clean_organiser(self):
        organiser = self.cleaned_data.get("organiser")
        # Only a new choice is refused: a network whose organiser lost its last social
        # worker must still be able to correct its phone number (the start page and the
        # system check point at it).
        if (
            "organiser" in self.changed_data
            and organiser is not None
            and not organisation_readers(organisation_id=organiser.pk).exists()
        ):
            raise forms.ValidationError(
                _(
                    "%(organisation)s has no social worker in the portal, so nobody could read "
                    "the families' questions. Give it a social worker first (Roles → Invite "
                    "someone), or choose another organiser."
                )
                % {"organisation": organiser.name}
            )
        return organiser
