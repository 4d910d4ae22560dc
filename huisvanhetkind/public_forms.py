"""What every form a family fills in has in common (GOV.UK pattern): optional fields say so
in their label, and errors are listed above the form (templates/includes/error_summary.html).
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .antispam import HONEYPOT_FIELD


class PublicFormMixin(forms.Form):
    """Marks each optional visible field "(optional)" after its label.

    `not_marked_optional`: fields that are optional one by one but not as a group (phone
    or e-mail: one of them is needed), so "(optional)" would mislead.
    """

    not_marked_optional: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unmarked = {*self.not_marked_optional, HONEYPOT_FIELD}
        for name, field in self.fields.items():
            if not (field.required or field.widget.is_hidden or name in unmarked):
                field.label = format_lazy("{} {}", field.label, _("(optional)"))
