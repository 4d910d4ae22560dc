"""Forms validate input only; the services in services.py do the writing."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ActionResult, ActionStatus, PackKind
from .models import Action, ActionPlan, Goal, months_in_order
from .selectors import partners_of, themes_of


class PlanCreateForm(forms.Form):
    network = forms.ModelChoiceField(queryset=None, label=_("Network"), empty_label=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    multi_year_goals = ActionPlan._meta.get_field("multi_year_goals").formfield(required=False)

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        self.fields["year"].initial = timezone.localdate().year + 1


class PlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "multi_year_goals"]


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = [
            "pillar",
            "life_domain",
            "target_group",
            "text",
            "indicator",
            "multi_year_goal",
            "themes",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "indicator": forms.Textarea(attrs={"rows": 2}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes_of(network_id=plan.network_id)
        goals = plan.multi_year_goal_list()
        if goals:
            self.fields["multi_year_goal"] = forms.ChoiceField(
                label=self.fields["multi_year_goal"].label,
                choices=[("", "—"), *[(goal, goal) for goal in goals]],
                required=False,
            )


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "text",
            "partners",
            "budget",
            "spent",
            "timing",
            "start_month",
            "end_month",
            "status",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.CheckboxSelectMultiple,
        }

    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)

    def __init__(self, *args, network_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = partners_of(network_id=network_id)

    def clean(self):
        data = super().clean()
        if not months_in_order(data.get("start_month"), data.get("end_month")):
            self.add_error("end_month", _("The last month comes before the first."))
        return data


class ActionResultForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Result"), choices=ActionResult.choices, widget=forms.RadioSelect
    )
    result_note = forms.CharField(
        label=_("What it changed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In plain words: the signal givers of the linked themes read this."),
    )


class PackRequestForm(forms.Form):
    kind = forms.ChoiceField(choices=PackKind.choices)
