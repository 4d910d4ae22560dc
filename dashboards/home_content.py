"""The home page under the layout, rendered once per process for what it shows.

Everything in it (dashboards/_home_content.html: the network's name and contact, the
questions, the links) is the same for every visitor of a language and a network until
the network or the catalogue changes, except "this week", whose lines drop out as their
activities end. The week is kept per day, quarter hour and catalogue version
(dashboards.selectors.this_week_kept); a request picks the lines not over yet, and the
content is kept under exactly the language, the versions, the week and those lines.
Nothing to invalidate: another state is another key.
"""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from partners.selectors import public_version

from .kept import KeptInProcess
from .selectors import this_week_kept, this_week_on

TEMPLATE = "dashboards/_home_content.html"
# A few per language and network a day: lines drop out a handful of times a day.
CONTENTS_KEPT = 128

_contents: KeptInProcess[SafeString] = KeptInProcess(CONTENTS_KEPT)


def home_content(*, context: dict, network, now: dt.datetime, limit: int) -> SafeString:
    """`TEMPLATE` with `context` (the questions and links of `network`'s page) and the
    first `limit` activities of its week from `now` on."""
    network_id = network.pk if network else None
    week_key, week = this_week_kept(network_id=network_id, now=now, limit=limit)
    shown = this_week_on(week, now=now, limit=limit)
    return _contents.get_or_make(
        versions=(public_version(), week_key[0]),
        key=(get_language(), network_id, week_key[1:], shown),
        make=lambda: render_to_string(
            TEMPLATE,
            {**context, "network": network, "this_week": [week[index] for index in shown]},
        ),
    )
