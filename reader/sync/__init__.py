"""Sync with an aggregator server (FreshRSS, Miniflux, Inoreader...): one reading list across
machines. The services speak their APIs; the engine keeps the store in step."""

from __future__ import annotations

import subprocess

from reader.config import Settings, SyncConfig
from reader.sync.engine import SyncReport, run_sync
from reader.sync.service import LoginRefused, Service, SyncError

__all__ = ["LoginRefused", "SyncError", "SyncReport", "make_service", "run_sync"]


def password_of(config: SyncConfig) -> str:
    """sync.password, else the output of sync.password_command (as newsboat's *-passwordeval)."""
    if config.password or not config.password_command:
        return config.password
    try:
        done = subprocess.run(
            config.password_command,
            shell=True,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SyncError(f"sync.password_command failed: {error}") from None
    if done.returncode != 0:
        raise SyncError(f"sync.password_command exited with status {done.returncode}")
    return done.stdout.rstrip("\n")


def make_service(settings: Settings) -> Service:
    config = settings.sync
    if config.service == "greader":
        from reader.sync.greader import GoogleReader

        return GoogleReader(config.url, config.user, password_of(config), settings.fetch)
    if config.service == "miniflux":
        from reader.sync.miniflux import Miniflux

        return Miniflux(config.url, config.token, config.user, password_of(config), settings.fetch)
    raise SyncError("no [sync] service is set in the config")
