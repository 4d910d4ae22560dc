"""Mail subjects built from names people type are always one safe line."""

from huisvanhetkind.mail import SUBJECT_MAX_LENGTH, mail_subject


def test_newlines_and_runs_of_whitespace_become_one_space():
    assert mail_subject("Uitnodiging:\n A\r\nB\t\u2028C ") == "Uitnodiging: A B C"


def test_a_very_long_subject_is_cut_with_an_ellipsis():
    subject = mail_subject("x" * 500)
    assert len(subject) == SUBJECT_MAX_LENGTH
    assert subject.endswith("…")
