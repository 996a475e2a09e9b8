"""Administration logic: departments, sites, users and devices, shared by the admin API, the CSV
import and the demo seed. Takes validated values (the schemas in ``server/schemas/admin.py`` are the
edge), writes through the session, audits every change in the same transaction; the caller commits."""
