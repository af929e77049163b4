"""Settings of the HTTP service, from the environment (`VANBAN_*`) or passed in.

One `Settings` object is made when the app is created and handed down through
`app.state`; nothing below reads the environment again.
"""
from __future__ import annotations

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

MB = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VANBAN_", extra="ignore")

    db: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the store; none: an SQLite file in the user's data folder",
    )
    token: SecretStr | None = Field(
        default=None,
        description="when set, writes need `Authorization: Bearer <token>`",
    )
    read_token_required: bool = Field(
        default=False, description="reads need the token too (needs `token`)",
    )
    max_upload_bytes: int = Field(default=25 * MB, ge=1, description="largest document accepted")
    max_pdf_pages: int = Field(default=500, ge=1, description="PDF pages read; the rest are skipped with a warning")
    extract_timeout: float = Field(default=120.0, gt=0, description="seconds one extraction may take")
    extract_memory_mb: int = Field(default=2048, ge=64, description="memory one extraction may add")
    workers: int = Field(default=2, ge=1, description="extractions that run at once (one process each)")
    max_queue: int = Field(default=200, ge=0, description="uploads that may wait for a worker; more get 503")
    max_view_chars: int = Field(default=400_000, ge=1000, description="text shown on the document page")

    @model_validator(mode="after")
    def _token_for_reads(self) -> "Settings":
        if self.read_token_required and not self.token_value:
            raise ValueError("VANBAN_READ_TOKEN_REQUIRED needs VANBAN_TOKEN to be set")
        return self

    @property
    def token_value(self) -> str | None:
        """The token, or None when unset or empty (an empty token would open everything by accident)."""
        value = self.token.get_secret_value() if self.token else ""
        return value or None

    @property
    def max_body_bytes(self) -> int:
        """Request body limit: the document plus room for multipart headers and for JSON
        escaping (a client may send "ễ" as 6 bytes of "\\u1ec5"); the document itself is
        measured again once decoded."""
        return 2 * self.max_upload_bytes + 64 * 1024
