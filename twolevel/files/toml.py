"""Reading TOML files strictly: every problem is one TwoLevelError naming the file and field."""
import datetime
import os
import stat
import tomllib

from ..common import validate as v
from ..common.errors import TwoLevelError


MAX_BYTES = 4 * 2 ** 20  # a twolevel file is at most 4 MiB (parsing it takes about 2 s)
MAX_DEPTH = 32  # tables and arrays nested at most this deep
SPECIAL = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
           (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
           (stat.S_ISSOCK, "a socket"))


def read(path) -> dict:
    """The TOML document at ``path``; errors name the file. Only a regular file of at most
    MAX_BYTES is read (a FIFO or a device is refused without reading from it), and its tables and
    arrays may nest at most MAX_DEPTH deep."""
    text = _text(path)
    if not text.strip():
        raise TwoLevelError(str(path), "the file is empty")
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TwoLevelError(str(path), f"not valid TOML: {exc}") from None
    except RecursionError:
        doc = None
    if doc is None or _depth(doc) > MAX_DEPTH:
        raise TwoLevelError(str(path), f"tables or arrays nested more than {MAX_DEPTH} deep")
    return doc


def _text(path) -> str:
    """The UTF-8 text of the regular file at ``path`` (opened without blocking on a FIFO)."""
    def cannot(why):
        return TwoLevelError(str(path), f"cannot read the file ({why})")

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise cannot(f"{exc.__class__.__name__}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        for test, kind in SPECIAL:
            if test(info.st_mode):
                raise cannot(f"it is {kind}, not a regular file")
        if info.st_size > MAX_BYTES:
            raise _too_large(path)
        with os.fdopen(os.dup(fd), "rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise cannot(f"{exc.__class__.__name__}: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise _too_large(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise cannot(f"UnicodeDecodeError: {exc}") from None


def _too_large(path):
    return TwoLevelError(str(path), f"the file is larger than {MAX_BYTES // 2 ** 20} MiB, the "
                         "limit for twolevel files")


def _depth(doc) -> int:
    """How deep tables and arrays nest in ``doc`` (a table of scalars: 1), without recursion."""
    deepest, stack = 0, [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        children = node.values() if isinstance(node, dict) else node
        stack += [(c, depth + 1) for c in children if isinstance(c, (dict, list))]
    return deepest


def describe(value) -> str:
    """``value`` named by its TOML type, for error messages."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (datetime.date, datetime.time)):
        return f"the date/time {value.isoformat()}"
    return f"{value!r}"


def table(field, value) -> dict:
    if not isinstance(value, dict):
        raise TwoLevelError(field, f"must be a table, got {describe(value)}")
    return value


def scalar(field, value, rule):
    """One number (or, for a choice rule, one string) of a scenario file (arrays are for the
    Python API), checked against ``rule``."""
    if rule in v.CHOICES:
        if not isinstance(value, str):
            raise TwoLevelError(field, f"must be one of {', '.join(v.CHOICES[rule])}, "
                                f"got {describe(value)}")
        return v.choice(field, value, v.CHOICES[rule])
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TwoLevelError(field, f"must be a number, got {describe(value)}")
    try:
        value = float(value)
    except OverflowError:
        raise TwoLevelError(field, f"must be a finite number, got an integer of "
                            f"{len(str(abs(value)))} digits") from None
    return v.number(field, value, rule)


def numbers(field, doc, spec, required=True) -> dict:
    """Validated numbers of ``doc`` by ``spec`` {key: (rule, required)}."""
    out = {}
    for key, (rule, needed) in spec.items():
        if key in doc:
            out[key] = scalar(f"{field}.{key}", doc[key], rule)
        elif needed and required:
            raise TwoLevelError(f"{field}.{key}", "is required")
    return out


def located(exc: TwoLevelError, where) -> TwoLevelError:
    """``exc`` with the file (or case) ``where`` in front of its field."""
    where = str(where)
    return TwoLevelError(f"{where}: {exc.field}" if exc.field else where, exc.message)


def parse(path, build, label=None):
    """``build(doc)`` on the TOML document at ``path``; errors name ``label`` (default: path)."""
    where = path if label is None else label
    try:
        doc = read(path)
    except TwoLevelError as exc:
        raise TwoLevelError(str(where), exc.message) from None
    try:
        return build(doc)
    except TwoLevelError as exc:
        raise located(exc, where) from None
