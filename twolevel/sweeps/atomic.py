"""An output that appears whole or not at all: hidden temporary names, the swap onto the output,
signals during a write, and write errors said in words.

A run writes ``.NAME.HOST-PID-XXXXXXXX.partial`` next to the output ``NAME`` and swaps it in at
the end. SIGINT, SIGTERM and SIGHUP during the write raise ``Interrupted`` (a KeyboardInterrupt)
so that the temporary file is removed on the way out; during the swap they wait until the swap is
done. A run killed outright (SIGKILL) leaves its temporary file: the next run for the same output
removes every one whose process is gone (and puts back an older output a killed swap had moved
aside).
"""
import contextlib
import errno
import os
import re
import shutil
import signal
import socket
import threading
import uuid
from pathlib import Path

from ..common.errors import TwoLevelError

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                if hasattr(signal, name))
HOST = re.sub(r"[^A-Za-z0-9_]", "_", socket.gethostname()) or "host"
FULL = (errno.ENOSPC, errno.EDQUOT)


class Interrupted(KeyboardInterrupt):
    """A run stopped by the signal ``signum``."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self):
        return signal.Signals(self.signum).name


def temporary(out: Path, kind="partial") -> Path:
    """A hidden name next to ``out`` that tells which process made it."""
    return out.with_name(f".{out.name}.{HOST}-{os.getpid()}-{uuid.uuid4().hex[:8]}.{kind}")


def _pattern(out: Path):
    return re.compile(rf"\.{re.escape(out.name)}\.{HOST}-(\d+)-[0-9a-f]{{8}}\.(partial|old)")


def _alive(pid) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def sweep_stale(out: Path):
    """Remove the temporary files of earlier runs for ``out`` whose process is gone (killed);
    an older output that a killed swap had moved aside goes back to ``out`` if nothing is there."""
    pattern = _pattern(out)
    with contextlib.suppress(OSError):
        for entry in sorted(out.parent.iterdir()):
            found = pattern.fullmatch(entry.name)
            if not found or _alive(int(found.group(1))):
                continue
            if found.group(2) == "old" and not (out.exists() or out.is_symlink()):
                with contextlib.suppress(OSError):
                    os.replace(entry, out)
                    continue
            remove(entry)


class _Signals:
    """While active (main thread only), SIGINT, SIGTERM and SIGHUP raise Interrupted; inside
    ``held()`` they are kept until it ends."""

    def __init__(self):
        self.holding = 0
        self.pending = None

    def handle(self, signum, frame):
        if self.holding:
            self.pending = self.pending or signum
            return
        raise Interrupted(signum)

    @contextlib.contextmanager
    def active(self):
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {s: signal.signal(s, self.handle) for s in SIGNALS}
        try:
            yield
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)

    @contextlib.contextmanager
    def held(self):
        self.holding += 1
        try:
            yield
        finally:
            self.holding -= 1
        if not self.holding and self.pending:
            signum, self.pending = self.pending, None
            raise Interrupted(signum)


def replace(tmp: Path, out: Path, signals: _Signals):
    """Move ``tmp`` onto ``out``; whatever was at ``out`` (an older file or store) goes. Signals
    wait until both names are settled."""
    with signals.held():
        if not (out.exists() or out.is_symlink()):
            os.replace(tmp, out)
            return
        if not out.is_dir() and not tmp.is_dir():  # one atomic rename
            os.replace(tmp, out)
            return
        old = temporary(out, "old")
        os.replace(out, old)
        try:
            os.replace(tmp, out)
        except OSError:
            os.replace(old, out)
            raise
        remove(old)


def remove(path: Path):
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        with contextlib.suppress(OSError):
            path.unlink()


def write_error(exc, out: Path, margin) -> TwoLevelError:
    """``exc`` (an OSError, or a RuntimeError of the netCDF library) raised while writing ``out``
    as one TwoLevelError. A full disk is named as such: by its errno, or, for the netCDF library's
    bare "HDF error", by less than ``margin`` bytes left on the output's file system."""
    full = isinstance(exc, OSError) and exc.errno in FULL
    if not full and not isinstance(exc, OSError):
        with contextlib.suppress(OSError):
            full = shutil.disk_usage(out.parent).free < margin
    if full:
        return TwoLevelError("out", f"no space left on device writing {out} (nothing written)")
    reason = getattr(exc, "strerror", None) or str(exc)
    return TwoLevelError("out", f"cannot write {out}: {' '.join(reason.split())}")


@contextlib.contextmanager
def written(out: Path, margin):
    """OSError and RuntimeError raised inside as one TwoLevelError naming ``out``."""
    try:
        yield
    except (OSError, RuntimeError) as exc:
        raise write_error(exc, out, margin) from None


@contextlib.contextmanager
def whole(out: Path):
    """The hidden temporary path to write ``out`` at; it is moved onto ``out`` when the block
    ends without error and removed otherwise (also on SIGINT, SIGTERM or SIGHUP, which raise
    Interrupted). Yields (temporary path, ``finish``): call ``finish()`` once it is complete."""
    signals = _Signals()
    sweep_stale(out)
    tmp = temporary(out)
    with signals.active():
        try:
            yield tmp, lambda: replace(tmp, out, signals)
        finally:
            with signals.held():
                discard(tmp)


def discard(tmp: Path):
    """Remove the temporary file or store ``tmp``; a file is emptied first, so that its space is
    free even if a library still holds it open (HDF5 keeps a file whose flush failed open)."""
    if tmp.is_file() and not tmp.is_symlink():
        with contextlib.suppress(OSError):
            os.truncate(tmp, 0)
    remove(tmp)
