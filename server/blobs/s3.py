"""Photos in an S3-compatible object store (AWS S3, MinIO, SeaweedFS…), so several app hosts share them.

Same promise as the filesystem: a name (the SHA-256) is whole in the store or absent.
S3 gives that per PUT; the request carries the bytes' MD5, so a body cut on its way to
the store is refused by the store instead of being kept short. Any failure to reach the
store raises ``StorageUnavailable``, which the upload and download answer as 503 with
``Retry-After``: the phone keeps the photo and tries again.
"""
import base64
import hashlib

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from server.blobs.storage import _SHA256, BlobStorage, Stray, StorageUnavailable, check_name

_ABSENT = {"404", "NoSuchKey", "NotFound"}


class S3BlobStorage(BlobStorage):
    """Blobs as objects ``ab/cd/<sha256>`` in one bucket (same fan-out as the files, easy to list by prefix)."""

    def __init__(self, *, bucket: str, endpoint: str | None = None, region: str | None = None,
                 access_key: str | None = None, secret_key: str | None = None, timeout: float = 5.0):
        self.bucket = bucket
        # Few, short tries: a request holds a worker while it waits, and the phone will retry anyway.
        config = Config(connect_timeout=timeout, read_timeout=timeout, retries={"max_attempts": 2, "mode": "standard"},
                        s3={"addressing_style": "path"})
        self.client = boto3.session.Session().client(
            "s3", endpoint_url=endpoint or None, region_name=region or None, config=config,
            aws_access_key_id=access_key or None, aws_secret_access_key=secret_key or None)

    @staticmethod
    def key(sha256: str) -> str:
        """Return the object key of a blob; refuses anything but a lowercase hex SHA-256."""
        check_name(sha256)
        return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"

    def put(self, sha256: str, data: bytes) -> None:
        """Upload the bytes with their MD5, so the store keeps all of them or none."""
        md5 = base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode()
        self._call(self.client.put_object, Bucket=self.bucket, Key=self.key(sha256), Body=data, ContentMD5=md5)

    def get(self, sha256: str) -> bytes | None:
        """Download a blob's bytes, or None if the store has no such object."""
        found = self._call(self.client.get_object, Bucket=self.bucket, Key=self.key(sha256))
        if found is None:
            return None
        try:
            return found["Body"].read()
        except (BotoCoreError, OSError) as exc:
            raise StorageUnavailable(f"photo storage broke off a download: {exc}") from exc

    def exists(self, sha256: str) -> bool:
        """Ask the store whether the object is there (a HEAD request)."""
        return self._call(self.client.head_object, Bucket=self.bucket, Key=self.key(sha256)) is not None

    def delete(self, sha256: str) -> int:
        """Remove a blob's object (absent already is fine); return its size as the store reported it (0: absent)."""
        found = self._call(self.client.head_object, Bucket=self.bucket, Key=self.key(sha256))
        if found is None:
            return 0
        self._call(self.client.delete_object, Bucket=self.bucket, Key=self.key(sha256))
        return int(found.get("ContentLength") or 0)

    def strays(self, before: float):
        """Objects named like a blob, last written before ``before`` (a PUT is whole or absent: no temp files)."""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        try:
            for page in pages:
                for found in page.get("Contents", []):
                    name = found["Key"].rsplit("/", 1)[-1]
                    if _SHA256.fullmatch(name) and found["Key"] == self.key(name) \
                            and found["LastModified"].timestamp() < before:
                        yield Stray(name, "blob", int(found.get("Size") or 0), found["Key"])
        except ClientError as exc:
            raise StorageUnavailable(f"photo storage refused a listing: {exc.response.get('Error', {}).get('Code')}") \
                from exc
        except (BotoCoreError, OSError) as exc:
            raise StorageUnavailable(f"photo storage is unreachable: {exc}") from exc

    def remove_stray(self, stray: Stray) -> bool:
        """Delete the stray object (absent already: False)."""
        return self.delete(stray.name) > 0

    @staticmethod
    def _call(method, **kwargs):
        """Call the S3 client: None for a missing object, ``StorageUnavailable`` for anything transient."""
        try:
            return method(**kwargs)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            if str(error.get("Code")) in _ABSENT:
                return None
            raise StorageUnavailable(f"photo storage refused the request: {error.get('Code')} "
                                     f"{error.get('Message', '')}".strip()) from exc
        except (BotoCoreError, OSError) as exc:
            raise StorageUnavailable(f"photo storage is unreachable: {exc}") from exc
