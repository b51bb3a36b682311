"""Paths needed before Django's settings are loaded (by the command line)."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """ACCORD_DATA_DIR, else $XDG_DATA_HOME/accord, else ~/.local/share/accord."""
    configured = os.environ.get("ACCORD_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "accord"
