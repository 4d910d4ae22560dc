"""Who may do what: the one permission registry of the portal.

Roles come from partners.Membership. Each domain app declares its rules in its own
`permissions.py` by registering into this module, imported by its AppConfig.ready (the
core names no domain app). Everything else asks here:

- `can(user, action, obj)` answers one question about one object (obj None: "any");
- `scope(user, model_or_queryset, action=None)` narrows a queryset to what the user may
  see or choose. Selectors, admin changelists and every admin form field use it, so "not
  yours" is answered like "does not exist" (404), and a choice field never lists, nor
  accepts, an object outside the user's scope.

Superusers may do everything except the actions registered with `personal_data=True`
(referrals and families' questions): professional secrecy knows no administrator.
The permission-matrix test walks ACTIONS and checks that `can` and `scope` agree.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from . import roles


@dataclass(frozen=True)
class Rule:
    action: str
    who: str
    #: (user, obj or None) -> bool; called only for an active, logged-in user who is not
    #: a superuser (or is one, for personal-data actions)
    check: Callable
    personal_data: bool = False


# Action -> who may do it, in words. The matrix test walks this table.
ACTIONS: dict[str, str] = {}
# Actions about families' personal data: closed to superusers as to everyone else.
REFERRAL_ACTIONS: set[str] = set()
_RULES: dict[str, Rule] = {}
# (model label, action) -> function(user, queryset) -> queryset
_SCOPES: dict[tuple[str, str], Callable] = {}
# model label -> the action scope() uses when the caller names none (admin form fields,
# admin changelists, autocomplete): "what of this model may this user see or pick".
_DEFAULT_ACTIONS: dict[str, str] = {}
# Shared reference data (municipalities, types, holidays): open to everyone in the admin.
OPEN_MODELS: set[str] = set()
# Facts about a user that only the partners app can query (its models), registered by
# partners.permissions with `user_fact`: name -> function(user) -> set of network ids.
_USER_FACTS: dict[str, Callable] = {}


def rule(action: str, who: str, *, personal_data: bool = False):
    """Register the object rule of `action` (a decorator)."""

    def register(check: Callable) -> Callable:
        if action in _RULES:
            raise ValueError(f"Action {action!r} is registered twice.")
        _RULES[action] = Rule(action, who, check, personal_data)
        ACTIONS[action] = who
        if personal_data:
            REFERRAL_ACTIONS.add(action)
        return check

    return register


def scope_rule(model: str, action: str, *, default: bool = False):
    """Register how `action` narrows a queryset of `model` ("app.Model"), a decorator.

    default=True makes it the scope of the model when the caller names no action.
    """

    def register(narrow: Callable) -> Callable:
        _SCOPES[(model, action)] = narrow
        if default:
            if model in _DEFAULT_ACTIONS:
                raise ValueError(f"{model} has two default scopes.")
            _DEFAULT_ACTIONS[model] = action
        return narrow

    return register


def user_fact(name: str):
    """Register how the fact `name` ("steering_network_ids", "working_network_ids") is found."""

    def register(find: Callable) -> Callable:
        _USER_FACTS[name] = find
        return find

    return register


def open_models(*models: str) -> None:
    """Declare reference data: every admin user reads it and may pick it in a form."""
    OPEN_MODELS.update(models)


def can(user, action: str, obj=None) -> bool:
    """May `user` do `action` on `obj`? obj None asks "on any object of this kind"."""
    try:
        registered = _RULES[action]
    except KeyError:
        raise KeyError(f"Unknown action {action!r}: register it in permissions.py.") from None
    if not user.is_authenticated or not user.is_active:
        return False
    if unscoped(user, action):
        return True
    return registered.check(user, obj)


def scope(user, model_or_queryset, action: str | None = None) -> QuerySet:
    """The rows of a model (or queryset) `user` may reach through `action`.

    Without an action: the model's default scope, or everything for reference data.
    A model without a registered scope raises LookupError: a new relation must be
    given a rule before anyone can pick from it.
    """
    if isinstance(model_or_queryset, QuerySet):
        queryset = model_or_queryset
    else:
        queryset = model_or_queryset._default_manager.all()
    label = queryset.model._meta.label
    if action is None:
        if label in OPEN_MODELS:
            return queryset
        if label not in _DEFAULT_ACTIONS:
            raise LookupError(f"No scope for {label}: register one in its app's permissions.py.")
        action = _DEFAULT_ACTIONS[label]
    try:
        narrow = _SCOPES[(label, action)]
    except KeyError:
        raise LookupError(f"No scope of {label} for {action!r}.") from None
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if unscoped(user, action):
        return queryset
    return narrow(user, queryset)


def unscoped(user, action: str) -> bool:
    """Does `user` reach every object through `action`? An administrator does, except
    for personal data."""
    return user.is_superuser and not _RULES[action].personal_data


def is_personal_data(model) -> bool:
    """Are objects of `model` families' personal data (its default scope is a personal-data
    action, as for referrals and families' questions)? Nobody is shown which, not even by
    name, outside the pages of the people their rules name."""
    action = _DEFAULT_ACTIONS.get(model._meta.label)
    return action is not None and _RULES[action].personal_data


def scope_as_ids(user, action: str, ids):
    """The scope of `action` as ids, for statements written in SQL (the coordinator's
    start page): `ids(user)`, read as the rule reads them; None: everything (an
    administrator); an empty set: nothing."""
    if not can(user, action):
        return set()
    if unscoped(user, action):
        return None
    return ids(user)


def scope_rules() -> list[tuple[str, str]]:
    """Every registered (model label, action) scope (for the matrix test)."""
    return sorted(_SCOPES)


# --- The user's roles: facts the rules above are written with --------------------------


def _memberships(user) -> list[tuple[str, int | None, int | None]]:
    """The user's roles, loaded once per user object (one query per request)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_hvhk_memberships", None)
    if cached is None:
        cached = list(user.memberships.values_list("role", "network_id", "organisation_id"))
        user._hvhk_memberships = cached
    return cached


def roles_of(user) -> list[tuple[str, int | None, int | None]]:
    """(role, network id, organisation id) of each of the user's memberships (cached)."""
    return _memberships(user)


def network_ids(user, *roles: str) -> set[int]:
    return {network for role, network, _org in _memberships(user) if network and role in roles}


def organisation_ids(user, *roles: str) -> set[int]:
    return {org for role, _network, org in _memberships(user) if org and role in roles}


def member_organisation_ids(user) -> set[int]:
    """Organisations the user has any role in."""
    return {org for _role, _network, org in _memberships(user) if org}


def coordinated_network_ids(user) -> set[int]:
    return network_ids(user, roles.COORDINATOR)


def viewed_network_ids(user) -> set[int]:
    """Networks whose internal pages the user reads: coordinator or viewer."""
    return network_ids(user, roles.COORDINATOR, roles.VIEWER)


def edited_organisation_ids(user) -> set[int]:
    return organisation_ids(user, roles.PARTNER_EDITOR)


def social_worker_organisation_ids(user) -> set[int]:
    return organisation_ids(user, roles.SOCIAL_WORKER)


def can_use_admin(user) -> bool:
    """Staff with a back-office role (coordinator, viewer, partner editor) or a superuser."""
    return can(user, "admin.use")


def steering_network_ids(user) -> set[int]:
    """Networks whose stuurgroep the user sits in, in person or through an organisation."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_hvhk_steering_networks", None)
    if cached is None:
        cached = _USER_FACTS["steering_network_ids"](user)
        user._hvhk_steering_networks = cached
    return cached


def plan_network_ids(user) -> set[int]:
    """Networks whose action plans and evidence packs the user may read ("plan.view")."""
    return coordinated_network_ids(user) | steering_network_ids(user)


def working_network_ids(user) -> set[int]:
    """Networks the user has a role in, directly or through an organisation (one query, cached)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_hvhk_working_networks", None)
    if cached is None:
        cached = _USER_FACTS["working_network_ids"](user)
        user._hvhk_working_networks = cached
    return cached


def overview_network_ids(user) -> set[int]:
    """Networks whose signal figures the user may read (see "signal.overview")."""
    return viewed_network_ids(user) | steering_network_ids(user)


# --- Rules that belong to no app: the admin itself ---------------------------------------


@rule("admin.use", "coordinator, viewer or partner editor with a staff account")
def _admin_use(user, obj) -> bool:
    return user.is_staff and bool(viewed_network_ids(user) or edited_organisation_ids(user))


@rule("admin.delete", "administrator (superuser) only: the others end or archive through services")
def _admin_delete(user, obj) -> bool:
    return False


@rule(
    "accounts.manage",
    "administrator (superuser) only: accounts, their e-mail addresses and second factors "
    "(Django's model permissions and groups are not used)",
)
def _accounts_manage(user, obj) -> bool:
    return False


@rule("reference.edit", "administrator (superuser) only (municipalities, types, school holidays)")
def _reference_edit(user, obj) -> bool:
    return False
