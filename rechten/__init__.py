"""Rights and support a family may have (rechtenverkenning), and the short check that
points a family to them: rights are data owned by the network, the check stores no
answers, only monthly counts of "worth checking" per right per deelgemeente.
"""
