"""Where reader keeps its config and data. Computed on call, never at import time."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "reader"


def config_file(explicit: Path | None = None) -> Path:
    """The config file: `--config`, else `$READER_CONFIG`, else the XDG config dir."""
    if explicit is not None:
        return explicit
    from_env = os.environ.get("READER_CONFIG")
    if from_env:
        return Path(from_env)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


def database_file(data_dir: Path) -> Path:
    return data_dir / "reader.db"


def bundled_samples_dir() -> Path:
    return Path(__file__).parent / "samples"


def styles_dir() -> Path:
    """TCSS: inside the package in a wheel, at the project root in a checkout."""
    packaged = Path(__file__).parent / "styles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "styles"
