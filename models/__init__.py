"""Record types (the contract, explained in docs/records.md) and, in `models.store`, their storage."""
from models.records import (
    SCHEMA_VERSION, Committee, DateItem, Document, Evidence, LegalRef, Member, Person, Record,
    Signer, TaskStat,
)

__all__ = [
    "SCHEMA_VERSION", "Committee", "DateItem", "Document", "Evidence", "LegalRef", "Member",
    "Person", "Record", "Signer", "TaskStat",
]
