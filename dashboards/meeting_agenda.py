"""The first agenda of a group's meeting, drafted from what is due for its network.

It reads several apps (themes, agreements, offers' project money, actions), so it lives
in the dashboard layer above them; partners.meetings keeps the meetings themselves.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from aanbod.models import Offer
from partners import meetings
from partners.models import Group

from . import due


def meeting_agenda_draft(*, group: Group, date: dt.date, user) -> str:
    """A first agenda, as plain text the coordinator edits: what is due for this network."""
    today = timezone.localdate()
    network_ids = {group.network_id}
    lines = [
        _("Agenda %(group)s — %(date)s") % {"group": group.name, "date": f"{date:%d/%m/%Y}"},
        "",
        "1. " + _("Welcome and approval of the agenda"),
        "",
    ]
    number = 1

    def section(title: str, items: list[str]) -> None:
        nonlocal number
        if not items:
            return
        number += 1
        lines.append(f"{number}. {title}")
        lines.extend(f"   - {item}" for item in items)
        lines.append("")

    last = group.meetings.filter(date__lt=date).order_by("-date").first()
    if last is not None:
        decided = [d.text for d in last.decision_rows.all()] or last.decision_list()
        section(
            _("Decisions of the last meeting (%(date)s)") % {"date": f"{last.date:%d/%m/%Y}"},
            decided,
        )
    section(
        _("Themes from signals, waiting for the steering group"),
        [theme.title for theme in due.themes_on_agenda(network_ids=network_ids)],
    )
    section(
        _("Agreements ending"),
        [
            _("%(subject)s (ends %(end)s)") % {"subject": a.subject, "end": f"{a.end:%d/%m/%Y}"}
            for a in due.agreements_ending(network_ids=network_ids, today=today)
        ],
    )
    section(_("Project money ending"), _funding_ending(group=group, today=today))
    section(
        _("Actions due"),
        [
            _("%(action)s — %(owner)s, by %(due)s")
            % {
                "action": d.action or d.text,
                "owner": meetings.person_name(d.owner),
                "due": f"{d.due_date:%d/%m/%Y}",
            }
            # This group's own actions: the agenda is mailed to its members only.
            for d in due.decision_actions_open(network_ids=network_ids, today=date)
            if d.meeting.group_id == group.pk
        ]
        + [
            _("%(action)s (plan %(year)s): no result yet")
            % {"action": a.text, "year": a.goal.plan.year}
            for a in due.actions_without_result(network_ids=network_ids, today=today)
        ],
    )
    number += 1
    lines.append(f"{number}. " + _("Any other business"))
    return "\n".join(lines).strip() + "\n"


def _funding_ending(*, group: Group, today: dt.date) -> list[str]:
    offers = (
        Offer.objects.filter(
            networks=group.network_id,
            funding_ends__gte=today,
            funding_ends__lte=today + dt.timedelta(days=due.ENDING_WITHIN_DAYS),
        )
        .exclude(status="archived")
        .select_related("organisation")
        .order_by("funding_ends")[: due.LIST_LIMIT]
    )
    return [
        _("%(offer)s of %(organisation)s (%(source)s, ends %(end)s)")
        % {
            "offer": offer.title,
            "organisation": offer.organisation.name,
            "source": offer.funding_source or _("funding"),
            "end": f"{offer.funding_ends:%d/%m/%Y}",
        }
        for offer in offers
    ]
