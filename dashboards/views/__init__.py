"""The dashboard layer's pages: the parents' home page and the coordinator's cockpit."""

from .cockpit import (  # noqa: F401
    cockpit,
    decision_done,
    decision_log,
    decision_new,
    meeting_detail,
    meeting_new,
    meeting_send,
)
from .home import HomeView  # noqa: F401
from .network import NetworkHomeView  # noqa: F401
