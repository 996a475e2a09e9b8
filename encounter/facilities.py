"""The kinds of city facility a site can be (the aggregate counts reports by them).

Plain Python, read by the server's edges (admin API, CSV import) and the demo content.
Why closed: the Mayor's Office aggregate groups by facility type, so a typo would split a row.
"""

FACILITY_TYPES = (
    "library", "park", "recreation_center", "yard", "office_counter", "shelter", "airport", "port",
    "right_of_way", "parking_structure", "treatment_plant",
)
