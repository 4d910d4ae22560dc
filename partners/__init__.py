"""The network: municipalities, the Huis van het Kind networks, partner
organisations, their locations, agreements and the roles of their people.
Everything else in the portal hangs on this data.
"""
