"""The schema version this careerjournal writes, without importing the migrations.

Opening an up-to-date journal must not pay for importing sqlite-utils; only an
upgrade does (see :mod:`careerjournal.db.migrations`, which asserts they agree).
"""

LATEST_VERSION = 4
