"""The yearly action plan (jaarlijks actieplan) of a Huis van het Kind network.

The steering group sets goals per pillar with actions, partners, budget and timing;
at the year's end each action gets its result, which flows back to the signal themes
it answered. The evidence pack gathers the figures the plan (or the year report) rests on.
"""
