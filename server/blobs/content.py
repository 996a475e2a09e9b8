"""What a file is, judged by its first bytes: the client's Content-Type is never trusted."""

ALLOWED_TYPES = ("image/jpeg", "image/png", "image/webp", "application/pdf")


def sniff_type(data: bytes) -> str | None:
    """Return the MIME type of a JPEG, PNG, WebP or PDF file from its magic bytes, else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None
