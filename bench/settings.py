"""Production settings for the benchmark, with static files collected into a folder of
their own, so the bench never touches the collected files of other runs. Everything else
is huisvanhetkind.settings.base as read from the environment.
"""

from huisvanhetkind.settings.base import *  # noqa: F403
from huisvanhetkind.settings.base import BASE_DIR

STATIC_ROOT = BASE_DIR / ".data" / "bench-staticfiles"
