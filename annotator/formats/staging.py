"""Where an export is written before it appears, and what a killed export leaves.

An export is written under a hidden name beside OUT (``.OUT.PID.XXXX.tmp``) and renamed
into place when whole. A process killed meanwhile leaves that file or folder behind,
and a ``--force`` export killed between moving the old OUT aside (``.OUT.PID.XXXX.old``)
and moving the new one in would leave no OUT at all. The next export to the same OUT
clears what a dead process left, and first puts a lost OUT back.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import time
from pathlib import Path

# A leftover this old is removed even when its process id is in use again.
_STALE_SECONDS = 24 * 3600
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def prefix(name: str) -> str:
    """The start of a staging name for OUT ``name``: it carries this process's id."""
    return f".{name}.{os.getpid()}."


def clear_leftovers(folder: Path, name: str) -> None:
    """Put back an OUT a killed --force export moved aside, and remove dead stagings."""
    pattern = re.compile(rf"^\.{re.escape(name)}\.(\d+)\..+\.(tmp|old)$")
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        found = pattern.match(entry.name)
        if found is None or not _abandoned(entry, int(found.group(1))):
            continue
        kept = entry / name
        if found.group(2) == "old" and kept.exists() and not (folder / name).exists():
            with contextlib.suppress(OSError):
                os.replace(kept, folder / name)
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()


def _abandoned(entry: Path, pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    try:
        return time.time() - entry.lstat().st_mtime > _STALE_SECONDS
    except OSError:
        return False


def replace_folder(new: Path, target: Path) -> None:
    """Put folder ``new`` in place of the folder ``target``: OUT is never missing.

    Linux swaps the two in one step; elsewhere the old folder is moved aside first, and
    ``clear_leftovers`` puts it back should the process die before the second rename.
    """
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)
        return
    aside = new.with_name(new.name.removesuffix(".tmp") + ".old")
    aside.mkdir()
    os.replace(target, aside / target.name)
    os.replace(new, target)
    shutil.rmtree(aside, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE)
    )
    return done == 0
