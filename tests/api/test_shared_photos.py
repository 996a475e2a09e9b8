"""The same photo bytes uploaded by several users: each upload counts for its uploader, none for anyone else.

Why: the same warrant forwarded to staff of two departments is uploaded by each. When only the first upload
was recorded, the second department's liaison could not read the photo of its own report, the second uploader
could not share it with counsel (while every upload answered 201, so the phone retried for ever), and push
told the second uploader the bytes were held (a hint that another department's report holds them) and never
asked them to upload.
"""
import uuid

import pytest

from tests.api.retention_support import photo_ref, png, sha, upload
from tests.factories import encounter_body, push, push_item

SHARED = png(31)   # the forwarded warrant
NEVER = png(32)    # uploaded by nobody


@pytest.fixture
def staff(login):
    """Two field employees of department A, one of B, and each department's liaison, signed in."""
    return {name: login(name) for name in ("field.a", "field.a2", "field.b", "liaison.a", "liaison.b")}


def fetch(client, device, data: bytes):
    """GET the photo's bytes as ``device``."""
    return client.get(f"/api/v1/blobs/{sha(data)}", headers=device.headers)


def citing(world, dept: str, *photos: bytes) -> dict:
    """A report of ``dept`` citing ``photos``, as a push item."""
    return push_item(encounter_body(world, dept=dept, photos=[photo_ref(p) for p in photos]))


def pushed(client, device, item: dict) -> dict:
    """Push one item; return its result."""
    [result] = push(client, device, [item]).get_json()["results"]
    return result


def arrived(client, device, item: dict) -> list[bool]:
    """The report's photos as the desk shows them: whether each has arrived."""
    photos = client.get(f"/api/v1/reports/{item['id']}", headers=device.headers).get_json()["photos"]
    return [photo["uploaded"] for photo in photos]


def share(client, device, data: bytes):
    """Share the photo with counsel as the document of a new encounter in progress."""
    return client.put(f"/api/v1/encounters/{uuid.uuid4()}/documents/{sha(data)}", headers=device.headers,
                      json={"site": "site-a1", "taken_at": "2026-11-20T15:00:00Z"})


def test_bytes_another_department_uploaded_first_are_readable_by_the_second_uploaders_liaison(
        client, world, staff, blob_storage):
    assert upload(client, staff["field.b"], SHARED).status_code == 201
    assert upload(client, staff["field.a"], SHARED).status_code == 201

    result = pushed(client, staff["field.a"], citing(world, "A", SHARED))

    assert (result["status"], result["missing_blobs"]) == ("accepted", [])
    assert fetch(client, staff["liaison.a"], SHARED).data == SHARED


def test_another_departments_liaison_reads_the_bytes_only_through_its_own_departments_report(
        client, world, staff, blob_storage):
    upload(client, staff["field.b"], SHARED)
    upload(client, staff["field.a"], SHARED)
    pushed(client, staff["field.a"], citing(world, "A", SHARED))

    assert fetch(client, staff["liaison.b"], SHARED).status_code == 404  # A's report does not open it to B
    pushed(client, staff["field.b"], citing(world, "B", SHARED))
    assert fetch(client, staff["liaison.b"], SHARED).data == SHARED


def test_bytes_only_another_department_uploaded_arrive_for_a_report_when_its_reporter_uploads_them(
        client, world, staff, blob_storage):
    upload(client, staff["field.b"], SHARED)
    item = citing(world, "A", SHARED)
    pushed(client, staff["field.a"], item)

    assert fetch(client, staff["liaison.a"], SHARED).status_code == 404
    assert arrived(client, staff["liaison.a"], item) == [False]
    upload(client, staff["field.a"], SHARED)
    assert fetch(client, staff["liaison.a"], SHARED).data == SHARED
    assert arrived(client, staff["liaison.a"], item) == [True]


def test_the_second_uploader_may_share_the_bytes_with_counsel_and_a_colleague_who_did_not_upload_may_not(
        client, world, staff, blob_storage):
    upload(client, staff["field.b"], SHARED)
    upload(client, staff["field.a"], SHARED)

    assert share(client, staff["field.a"], SHARED).status_code == 201
    refused = share(client, staff["field.a2"], SHARED)
    assert (refused.status_code, refused.get_json()["reason"]) == (409, "missing_blob")


def test_the_second_uploaders_device_reads_its_photo_back_until_its_report_is_received(
        client, world, staff, blob_storage):
    upload(client, staff["field.b"], SHARED)
    upload(client, staff["field.a"], SHARED)

    assert fetch(client, staff["field.a"], SHARED).data == SHARED
    pushed(client, staff["field.a"], citing(world, "A", SHARED))
    assert fetch(client, staff["field.a"], SHARED).status_code == 404


def test_another_departments_report_citing_the_same_bytes_leaves_the_uploaders_device_reading_them_back(
        client, world, staff, blob_storage):
    """Losing the read-back then would tell the device that another department's report holds the bytes."""
    upload(client, staff["field.a"], SHARED)
    upload(client, staff["field.b"], SHARED)

    pushed(client, staff["field.b"], citing(world, "B", SHARED))

    assert fetch(client, staff["field.a"], SHARED).data == SHARED
    assert fetch(client, staff["field.b"], SHARED).status_code == 404


def test_push_asks_the_pusher_for_bytes_held_only_under_someone_elses_upload_until_they_upload_them(
        client, world, staff, blob_storage):
    upload(client, staff["field.b"], SHARED)
    pushed(client, staff["field.b"], citing(world, "B", SHARED))
    item = citing(world, "A", SHARED, NEVER)

    first = pushed(client, staff["field.a"], item)
    assert upload(client, staff["field.a"], SHARED).status_code == 201
    second = pushed(client, staff["field.a"], item)
    assert upload(client, staff["field.a"], NEVER).status_code == 201
    third = pushed(client, staff["field.a"], item)

    # Held and never-uploaded bytes read alike: nothing tells field.a that B's report holds SHARED.
    assert first["missing_blobs"] == [sha(SHARED), sha(NEVER)]
    assert second["missing_blobs"] == [sha(NEVER)]
    assert (third["status"], third["missing_blobs"]) == ("duplicate", [])
