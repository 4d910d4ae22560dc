"""Check that nobody changed the referral access log behind the database's back."""

from django.core.management.base import BaseCommand, CommandError

from doorverwijzing.access_log import access_log_chain_check, access_log_link

SHOWN_BREAKS = 50


class Command(BaseCommand):
    help = (
        "Walk the referral access log's hash chain and report every row that does not "
        "follow from the one before (exit code 1). Note the head it prints somewhere outside "
        "the database; pass it back with --expect to prove no earlier row was rewritten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect",
            metavar="INDEX:HASH",
            action="append",
            default=[],
            help="A head printed by an earlier run; the link must still carry that hash.",
        )

    def handle(self, *args, expect, **options):
        report = access_log_chain_check()
        problems = [
            f"row id {chain_break.entry_id} (link {chain_break.chain_index}): {chain_break.reason}"
            for chain_break in report.breaks
        ]
        for noted in expect:
            index, _, noted_hash = noted.partition(":")
            if not index.isdigit() or not noted_hash:
                raise CommandError(f"--expect takes INDEX:HASH, not {noted!r}.")
            stored = access_log_link(chain_index=int(index))
            if stored != noted_hash:
                found = stored or "no such link"
                problems.append(f"link {index}: noted hash {noted_hash} but the log has {found}")
        if problems:
            for line in problems[:SHOWN_BREAKS]:
                self.stderr.write(line)
            if len(problems) > SHOWN_BREAKS:
                self.stderr.write(f"… and {len(problems) - SHOWN_BREAKS} more")
            raise CommandError(
                f"The access log chain is broken: {len(problems)} problem(s) in {report.rows} rows."
            )
        self.stdout.write(
            f"Access log chain intact: {report.rows} rows. "
            f"Head: {report.head_index}:{report.head_hash}"
        )
