"""The names of the roles a user holds in a network or organisation.

partners.choices.Role (the Membership field's choices, with their labels) is built on these
values, so the permission registry can reason with roles without importing the partners app
(the core depends on no domain app: see the import-linter layers in pyproject.toml).
"""

COORDINATOR = "coordinator"
PARTNER_EDITOR = "partner_editor"
SOCIAL_WORKER = "social_worker"
VIEWER = "viewer"
