"""Blob storage for photos of documents: content-addressed bytes behind a small interface.

``storage()`` returns the app's storage (a ``FileBlobStorage`` under ``BLOB_DIR`` unless
something else was put in ``app.extensions["blob_storage"]``, as object storage could be).
"""
from flask import current_app

from server.blobs.content import ALLOWED_TYPES, sniff_type
from server.blobs.storage import BlobStorage, FileBlobStorage

__all__ = ["ALLOWED_TYPES", "BlobStorage", "FileBlobStorage", "sniff_type", "storage"]


def storage() -> BlobStorage:
    """Return the current app's blob storage, creating the default one on first use."""
    extensions = current_app.extensions
    if "blob_storage" not in extensions:
        extensions["blob_storage"] = FileBlobStorage(current_app.config["BLOB_DIR"])
    return extensions["blob_storage"]
