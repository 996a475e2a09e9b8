"""The city's time zone: its days, weeks and quarters are Los Angeles time, wherever a server or a desk runs.

One place for it: the server's clock (server/citytime.py) and the desk (pwa/src/rules/city.json, through
encounter/export.py) read it here, so a file the desk names by "today" is the same day the server counts.
"""
ZONE = "America/Los_Angeles"
