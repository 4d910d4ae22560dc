"""ModelAdmin that asks huisvanhetkind.permissions for every answer.

Coordinators and partner editors work in the Django admin; what they see, may change and
may *pick* comes from the one permission registry, never from Django's per-model flags.
An admin form field is a URL too: every relation field of every form and inline lists
`permissions.scope(user, related_model)` and refuses a posted id outside it, without the
admin having to name the field. `field_actions` narrows a field to another action (an
agreement's network: "network.manage"). The same scope feeds the changelist's related
filters and the autocomplete endpoint. tests/test_admin_scoping.py walks every admin.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, get_fields_from_path, quote
from django.contrib.contenttypes import views as contenttypes_views
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import FieldDoesNotExist
from django.db import router
from django.db.models import Q, URLField
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import permissions


def _field_action(site, model, field_name: str) -> str | None:
    """The action an admin (or an inline) of `model` names for one of its fields."""
    model_admin = site._registry.get(model)
    if model_admin is not None:
        return getattr(model_admin, "field_actions", {}).get(field_name)
    for registered in site._registry.values():
        for inline in registered.inlines:
            if inline.model is model:
                return getattr(inline, "field_actions", {}).get(field_name)
    return None


class PersonalDataMixin:
    """No admin tells anything about a referral or a family's question
    (permissions.is_personal_data): they are for the social workers their rules name.

    - A changelist filters by no relation to them: Django allows any one-step lookup, and
      `?referrals=<id>` told which offer a referral was about, `?referrals_made=<id>` who
      made it.
    - A delete page lists what the deletion takes along or what stops it (a partner's
      referrals, PROTECT): such objects are counted there, never named.
    """

    def lookup_allowed(self, lookup, value, request=None):
        model = self.model
        for part in lookup.split(LOOKUP_SEP):
            try:
                field = model._meta.get_field(part)
            except FieldDoesNotExist:
                break
            if not field.is_relation or field.related_model is None:
                break
            model = field.related_model
            if permissions.is_personal_data(model):
                return False
        return super().lookup_allowed(lookup, value, request)

    def get_deleted_objects(self, objs, request):
        try:
            obj = objs[0]
        except IndexError:
            return [], {}, set(), []
        collector = NestedObjects(using=router.db_for_write(obj._meta.model), origin=objs)
        collector.collect(objs)
        perms_needed = set()

        def format_callback(obj):
            opts = obj._meta
            if permissions.is_personal_data(type(obj)):
                return f"{capfirst(opts.verbose_name)}: {_('(under professional secrecy)')}"
            no_edit_link = f"{capfirst(opts.verbose_name)}: {obj}"
            if not self.admin_site.is_registered(type(obj)):
                return no_edit_link
            model_admin = self.admin_site.get_model_admin(type(obj))
            if not model_admin.has_delete_permission(request, obj):
                perms_needed.add(opts.verbose_name)
            try:
                admin_url = reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                    None,
                    (quote(obj.pk),),
                )
            except NoReverseMatch:
                return no_edit_link
            return format_html(
                '{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), admin_url, obj
            )

        to_delete = collector.nested(format_callback)
        protected = [format_callback(obj) for obj in collector.protected]
        model_count = {
            model._meta.verbose_name_plural: len(objects)
            for model, objects in collector.model_objs.items()
        }
        return to_delete, model_count, perms_needed, protected


class FieldScopingMixin:
    """Every ForeignKey and ManyToMany form field lists only what the user may touch."""

    #: field name -> action in permissions.ACTIONS; default: the related model's own scope
    field_actions: dict[str, str] = {}
    # Web addresses typed without a scheme are https (Django 6's default, already now).
    formfield_overrides = {URLField: {"assume_scheme": "https"}}

    def _scoped_choices(self, db_field, request, kwargs: dict) -> dict:
        queryset = kwargs.get("queryset")
        if queryset is None:
            queryset = self.get_field_queryset(kwargs.get("using"), db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.using(kwargs.get("using"))
            queryset = queryset.all()
        action = self.field_actions.get(db_field.name)
        return {**kwargs, "queryset": permissions.scope(request.user, queryset, action)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._scoped_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A list of fixed choices (pillars, life domains, target groups) as check boxes:
        # the default comma-separated text box refused "ontmoeting" with "Item 1 in de
        # matrix is niet gevalideerd" (it wants the code "meeting", which nobody knows).
        if isinstance(db_field, ArrayField) and db_field.base_field.choices:
            return forms.TypedMultipleChoiceField(
                choices=db_field.base_field.choices,
                coerce=db_field.base_field.to_python,
                required=not db_field.blank,
                label=capfirst(db_field.verbose_name),
                help_text=db_field.help_text,
                widget=forms.CheckboxSelectMultiple,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = self._scoped_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A changelist filter on a relation lists only the related objects the user may see."""

    def field_choices(self, field, request, model_admin):
        action = getattr(model_admin, "filter_actions", {}).get(self.field_path)
        queryset = permissions.scope(request.user, field.related_model, action)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in queryset]


class ScopedAdminMixin(PersonalDataMixin, FieldScopingMixin):
    #: field path in list_filter -> action that scopes its choices (default: the model's)
    filter_actions: dict[str, str] = {}

    def get_list_filter(self, request):
        scoped = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and get_fields_from_path(self.model, item)[-1].is_relation:
                item = (item, ScopedRelatedFieldListFilter)
            scoped.append(item)
        return scoped

    def save_related(self, request, form, formsets, change):
        """A many-to-many field lists only what the user may pick, and the browser posts
        what it shows: saving would drop the links the user cannot see (a shared partner
        taken out of another network). Those are kept as they were."""
        unseen = {}
        if change:
            for name, field in form.fields.items():
                if name in form.cleaned_data and isinstance(field, forms.ModelMultipleChoiceField):
                    related = getattr(form.instance, name, None)
                    if hasattr(related, "through"):
                        unseen[name] = list(related.exclude(pk__in=field.queryset.values("pk")))
        super().save_related(request, form, formsets, change)
        for name, objects in unseen.items():
            if objects:
                getattr(form.instance, name).add(*objects)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The autocomplete endpoint searches this admin's queryset for a field of another
        # form: narrow it to the action that form names for the field, as the field does.
        if request.path.endswith("/autocomplete/"):
            from django.apps import apps

            try:
                source = apps.get_model(request.GET["app_label"], request.GET["model_name"])
            except (KeyError, LookupError):
                return queryset.none(), may_have_duplicates
            action = _field_action(self.admin_site, source, request.GET.get("field_name", ""))
            queryset = permissions.scope(request.user, queryset, action)
        return queryset, may_have_duplicates


class ScopedModelAdmin(ScopedAdminMixin, admin.ModelAdmin):
    #: action whose scope narrows the changelist; None: the model's default scope
    list_action: str | None = None
    #: actions in permissions.ACTIONS
    view_action = ""
    change_action = ""

    def get_queryset(self, request):
        return permissions.scope(request.user, super().get_queryset(request), self.list_action)

    def get_form(self, request, obj=None, **kwargs):
        """The rule is asked of the object as the form would save it, too: "may add" and
        "may change this one" judge it before the form's values (an empty network is a
        transition of every network, an administrator's)."""
        form = super().get_form(request, obj, **kwargs)
        action = self.change_action
        if not action:
            return form

        def _post_clean(bound):
            form._post_clean(bound)
            instance = bound.instance
            # A new object whose rule reads its many-to-many links (an organisation's
            # networks) is judged by its add rule and its scoped fields alone.
            judged = instance.pk is not None or not instance._meta.many_to_many
            if judged and not bound.errors and not permissions.can(request.user, action, instance):
                bound.add_error(None, _("You may not save it like this: it would not be yours."))

        return type(form.__name__, (form,), {"_post_clean": _post_clean})

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        user = request.user
        return permissions.can(user, self.view_action, obj) or self.has_change_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return permissions.can(request.user, self.change_action, obj)

    def has_add_permission(self, request, obj=None):
        return permissions.can(request.user, self.change_action)

    def has_delete_permission(self, request, obj=None):
        return permissions.can(request.user, "admin.delete", obj)


class ScopedInlineMixin(FieldScopingMixin):
    """An inline answers from its parent admin: the rule of the object its rows are part of.

    Django's InlineModelAdmin asks the per-model permissions the portal never grants (only
    superusers saw inlines). Django passes the parent object as `obj` (None on an add
    page): rows are seen when the parent may be seen, added and changed when it may be
    changed. Removing a row: `rows_are_parts` (an opening period, a schedule line) by whoever
    may change the parent; otherwise (a location, a meeting: objects in their own right) the
    registry's delete rule, superusers only. `edit_action` (an action in permissions.ACTIONS)
    is asked too before a row is added, changed or removed (an organisation's agreements are
    the agreement's coordinator's to change).
    """

    #: True: a row is part of its parent and goes with a change of it.
    rows_are_parts = False
    #: an extra action, asked without an object, for adding, changing or removing rows
    edit_action = ""

    def _parent_admin(self):
        return self.admin_site._registry.get(self.parent_model)

    def has_view_permission(self, request, obj=None):
        parent = self._parent_admin()
        return parent is not None and parent.has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        parent = self._parent_admin()
        if parent is None or not parent.has_change_permission(request, obj):
            return False
        return not self.edit_action or permissions.can(request.user, self.edit_action)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.rows_are_parts:
            return self.has_change_permission(request, obj)
        return permissions.can(request.user, "admin.delete")

    def get_formset(self, request, obj=None, **kwargs):
        """A saved row keeps a link the user may not pick (another partner's zitdag at
        their location): saving the page must not fail on a value nobody changed. Only the
        row's current value is added; any other id outside the scope stays a form error."""
        formset = super().get_formset(request, obj, **kwargs)

        class KeepsItsLinks(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if self.instance.pk is None:
                    return
                for name, field in self.fields.items():
                    current = self.initial.get(name)
                    if (
                        current is None
                        or name == self._meta.model._meta.pk.name
                        or type(field) is not forms.ModelChoiceField
                    ):
                        continue
                    shown = field.queryset
                    field.queryset = shown.model._default_manager.filter(
                        Q(pk__in=shown.values("pk")) | Q(pk=current)
                    )

        formset.form = KeepsItsLinks
        return formset


class ScopedTabularInline(ScopedInlineMixin, admin.TabularInline):
    pass


class ScopedStackedInline(ScopedInlineMixin, admin.StackedInline):
    pass


class ReferenceDataAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Shared lists (municipalities, types, school holidays): everyone in the admin reads them."""

    def has_module_permission(self, request):
        return permissions.can_use_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_use_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can(request.user, "reference.edit")

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


def view_on_site(request, content_type_id: int, object_id: str):
    """The admin's "view on site" redirect (/admin/r/…), only for an object the user may see
    in its admin. Django's own answers for any object of any model to any staff member,
    which would tell another network's drafts and every referral's reference."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        raise Http404
    obj = model_admin.get_object(request, object_id)
    if obj is None or not model_admin.has_view_permission(request, obj):
        raise Http404
    return contenttypes_views.shortcut(request, content_type_id, object_id)
