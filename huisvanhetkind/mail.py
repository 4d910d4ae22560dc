"""Mail headers that cannot break: the one home of what a mail subject may contain."""

SUBJECT_MAX_LENGTH = 200


def mail_subject(text: str) -> str:
    """`text` as a one-line subject: runs of whitespace (newlines too) become one space.

    Subjects carry names people type (an organisation, an offer, an agreement); Django
    refuses a header with a newline (BadHeaderError), so one "A\\nB" made every mail with
    that name fail in the worker, unseen. Build every subject through this.
    """
    subject = " ".join(str(text).split())
    if len(subject) > SUBJECT_MAX_LENGTH:
        subject = subject[: SUBJECT_MAX_LENGTH - 1].rstrip() + "…"
    return subject
