"""Where the bundled resources are: inside the installed package, or beside a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The resources folder: annotator/resources in a wheel, resources/ in a checkout."""
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if (candidate / "schemas" / "default.toml").is_file():
            return candidate
    raise FileNotFoundError("annotator's resources folder is missing; reinstall the package")


def default_schema_path() -> Path:
    return resources_dir() / "schemas" / "default.toml"


def sample_paths() -> list[Path]:
    """The bundled sample articles, in a stable order."""
    return sorted((resources_dir() / "samples").glob("*.txt"))


def font_paths() -> list[Path]:
    return sorted((resources_dir() / "fonts").glob("*.ttf"))


def i18n_dir() -> Path:
    return resources_dir() / "i18n"
