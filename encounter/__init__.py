"""The encounter domain core: every rule about a report, in plain Python, in one place.

No Flask, SQLAlchemy or marshmallow here. The server's edges (schemas, push kinds, queue,
detail, exports) and the phone (through the generated ``pwa/src/rules/<section>.json``) read
these rules; none of them keeps a copy.

- ``vocabulary``: choice lists, field groups, text limits, never-collected keys and why;
- ``derived``: fields computed at ingest (search text, staging);
- ``priority`` (+ ``priority_rules.json``): P1/P2/P3 from rules kept as data;
- ``triage``: states, the table of allowed moves, what each move needs;
- ``views``: what each role sees (priority, flags, names, free text, photos);
- ``sensitive``: the one pattern set of never-collected data in free text;
- ``door``: refusal of pushed free text holding such data (``sensitive_text``);
- ``export``: writes all of it to ``pwa/src/rules/``, one JSON file per section.
"""
