"""CSV / XLSX import and export of organisations and locations (django-import-export).

Imports run in one transaction after a preview: a file with any bad row is
refused whole, with a message per row and field. Rows can only touch what the
importing coordinator or partner editor may edit.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from huisvanhetkind import permissions
from huisvanhetkind.spreadsheets import formula_escape, formula_unescape

from .choices import Pillar
from .models import Location, Network, Organisation, OrganisationType


class PillarsWidget(widgets.Widget):
    """Pillars as a comma-separated list of codes or Dutch/English labels."""

    def clean(self, value, row=None, **kwargs):
        if not value:
            return []
        known = {choice.value: choice.value for choice in Pillar}
        known |= {str(choice.label).lower(): choice.value for choice in Pillar}
        pillars = []
        for part in str(value).split(","):
            key = part.strip().lower()
            if not key:
                continue
            if key not in known:
                raise ValueError(_("Unknown pillar: %(value)s") % {"value": part.strip()})
            pillars.append(known[key])
        return pillars

    def render(self, value, obj=None, **kwargs):
        return ", ".join(value or [])


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key by name or slug; an unknown value is a clear row error, not a crash.

    With a queryset, only those rows can be chosen (the importer's own scope).
    """

    def __init__(self, model, field, queryset=None):
        super().__init__(model, field)
        self.scoped = queryset

    def get_queryset(self, value, row, *args, **kwargs):
        return self.scoped if self.scoped is not None else super().get_queryset(value, row)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist as error:
            raise ValueError(_("Unknown or not yours: %(value)s") % {"value": value}) from error


class FormulaSafeResource(resources.ModelResource):
    """Every resource's base: exported cells never run as spreadsheet formulas
    (huisvanhetkind/spreadsheets.py), and imported cells lose that escape again."""

    def export_field(self, field, instance, **kwargs):
        return formula_escape(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        for key, value in row.items():
            row[key] = formula_unescape(value)


class ActorResource(FormulaSafeResource):
    """A resource that knows who imports, to keep every row inside their scope."""

    #: the rule an existing row must pass before the file's values touch it
    edit_action = ""

    def __init__(self, actor=None, **kwargs):
        super().__init__(**kwargs)
        self.actor = actor

    def after_init_instance(self, instance, new, row, **kwargs):
        # Asked of the row as it is now: asked after the file's values are set, the rule
        # let a row naming another network's location (by its public slug) move it into
        # the importer's own network.
        super().after_init_instance(instance, new, row, **kwargs)
        if not new and self.actor and not permissions.can(self.actor, self.edit_action, instance):
            raise ValidationError(_("You may not change this row: it is not yours."))


class OrganisationResource(ActorResource):
    edit_action = "organisation.edit"
    type = fields.Field(
        attribute="type",
        column_name="type",
        widget=LookupWidget(OrganisationType, "name"),
    )
    pillars = fields.Field(attribute="pillars", column_name="pillars", widget=PillarsWidget())

    class Meta:
        model = Organisation
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "type",
            "pillars",
            "description",
            "website",
            "email",
            "phone",
            "contact_name",
            "contact_email",
        ]
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def before_save_instance(self, instance, row, **kwargs):
        if (
            instance.pk
            and self.actor
            and not permissions.can(self.actor, "organisation.edit", instance)
        ):
            raise ValidationError(_("You may not change this organisation."))

    def save_instance(self, instance, is_create, row, **kwargs):
        super().save_instance(instance, is_create, row, **kwargs)
        # A new partner joins the importing coordinator's network(s); a known one keeps its
        # own (a shared partner re-imported is not pulled into every network of the importer).
        if is_create and self.actor:
            coordinated = permissions.coordinated_network_ids(self.actor)
            if coordinated:
                instance.networks.add(*coordinated)


class LocationResource(ActorResource):
    edit_action = "location.edit"
    organisation = fields.Field(attribute="organisation", column_name="organisation")
    network = fields.Field(attribute="network", column_name="network")

    class Meta:
        model = Location
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "organisation",
            "network",
            "street",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "wheelchair_accessible",
            "parking",
            "public_transport",
            "changing_table",
            "quiet_room",
            "closed_in_school_holidays",
            "accessibility_notes",
        ]
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def __init__(self, actor=None, **kwargs):
        super().__init__(actor=actor, **kwargs)
        organisations = Organisation.objects.all()
        networks = Network.objects.all()
        if actor is not None:
            organisations = permissions.scope(actor, organisations, "organisation.edit")
            networks = permissions.scope(actor, networks, "network.choose")
        self.fields["organisation"].widget = LookupWidget(Organisation, "slug", organisations)
        self.fields["network"].widget = LookupWidget(Network, "slug", networks.distinct())

    def before_save_instance(self, instance, row, **kwargs):
        if self.actor and not permissions.can(self.actor, "location.edit", instance):
            raise ValidationError(_("You may not change locations of this organisation."))
