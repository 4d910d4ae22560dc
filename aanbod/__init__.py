"""The offer catalogue (aanbod): services and dated activities of the partners.

Parents browse and search it on the public site without an account; partners
keep their own offers up to date.
"""
