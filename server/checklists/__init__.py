"""Checklist publishing: drafts checked, published as immutable versions, retired; phones told on pull."""
from server.checklists.content import (
    GUIDE_MAX, LANGUAGES, MAX_STEPS, OPTIONAL_LANGUAGES, REQUIRED_LANGUAGES, STEP_TEXT_MAX, TITLE_MAX, content_problems,
)
from server.checklists.publishing import (
    ChecklistError, DraftChanged, InvalidContent, NoDraft, NothingChanged, OnlyActiveVersion, PublishedSince, can_retire,
    discard_draft, newest_version, publish_draft, publish_version, retire_version, revision_of, running_version, save_draft, starting_version,
    versions_of,
)

__all__ = [
    "GUIDE_MAX", "LANGUAGES", "MAX_STEPS", "OPTIONAL_LANGUAGES", "REQUIRED_LANGUAGES", "STEP_TEXT_MAX", "TITLE_MAX",
    "content_problems", "ChecklistError", "DraftChanged", "InvalidContent", "NoDraft", "NothingChanged",
    "OnlyActiveVersion", "PublishedSince", "can_retire", "discard_draft", "newest_version", "publish_draft", "publish_version", "retire_version", "revision_of", "running_version", "save_draft",
    "starting_version", "versions_of",
]
