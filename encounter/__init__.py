"""The encounter domain core: every rule about a report, in plain Python, in one place.

No Flask, SQLAlchemy or marshmallow here. The server's edges (schemas, push kinds, queue,
detail, exports) and the phone (through the generated ``pwa/src/encounter.json``) read
these rules; none of them keeps a copy.
"""
