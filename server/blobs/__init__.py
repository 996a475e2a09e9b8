"""Blob storage for photos of documents: content-addressed bytes behind a small interface.

``storage()`` returns the app's storage: an ``S3BlobStorage`` when ``BLOB_S3_BUCKET`` is
set (several app hosts share it), else a ``FileBlobStorage`` under ``BLOB_DIR`` (the
embedded default), unless something else was put in ``app.extensions["blob_storage"]``.
"""
from flask import current_app

from server.blobs.content import ALLOWED_TYPES, sniff_type
from server.blobs.storage import BlobStorage, FileBlobStorage, StorageUnavailable

__all__ = ["ALLOWED_TYPES", "BlobStorage", "FileBlobStorage", "StorageUnavailable", "sniff_type", "storage"]


def storage() -> BlobStorage:
    """Return the current app's blob storage, creating the default one on first use."""
    extensions = current_app.extensions
    if "blob_storage" not in extensions:
        extensions["blob_storage"] = _configured(current_app.config)
    return extensions["blob_storage"]


def _configured(config) -> BlobStorage:
    """Build the storage the settings name: object storage if a bucket is set, else files."""
    if not config.get("BLOB_S3_BUCKET"):
        return FileBlobStorage(config["BLOB_DIR"])
    from server.blobs.s3 import S3BlobStorage  # boto3 is imported only where object storage is used

    return S3BlobStorage(bucket=config["BLOB_S3_BUCKET"], endpoint=config["BLOB_S3_ENDPOINT"],
                         region=config["BLOB_S3_REGION"], access_key=config["BLOB_S3_ACCESS_KEY"],
                         secret_key=config["BLOB_S3_SECRET_KEY"], timeout=config["BLOB_S3_TIMEOUT_SECONDS"])
