from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Group


class MeetingNewForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=Group.objects.none(), empty_label=None
    )
    date = forms.DateField(
        label=_("Date of the meeting"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class AgendaForm(forms.Form):
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Drafted from what is due. Change it as you like before you send it."),
    )
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("What was decided"), widget=forms.Textarea(attrs={"rows": 2}))
    action = forms.CharField(
        label=_("What must be done (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = forms.ModelChoiceField(
        label=_("Who does it"),
        queryset=None,
        required=False,
        empty_label=_("Nobody: it is only a decision"),
    )
    due_date = forms.DateField(
        label=_("Done by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.email

    def clean(self):
        data = super().clean()
        owner, due_date = data.get("owner"), data.get("due_date")
        if owner and not due_date:
            self.add_error("due_date", _("Give the date it must be done by."))
        if due_date and not owner:
            self.add_error("owner", _("Choose who does it."))
        return data


class DecisionSearchForm(forms.Form):
    q = forms.CharField(label=_("Search in decisions"), required=False, max_length=100)
