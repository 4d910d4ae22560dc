from django import forms
from django.utils.translation import gettext_lazy as _

from huisvanhetkind import permissions

from .choices import Role
from .models import Network, Organisation


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
        cleaned = super().clean()
        if bool(cleaned.get("network")) == bool(cleaned.get("organisation")):
            raise forms.ValidationError(_("Choose a network or an organisation, not both."))
        return cleaned


class DecisionSearchForm(forms.Form):
    q = forms.CharField(label=_("Search in decisions"), required=False, max_length=100)
