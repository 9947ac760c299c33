"""Reading files: only regular files of bounded size and nesting, refused in one error naming the
file (a FIFO is never opened for a blocking read, a device never read from)."""
import os
import subprocess

import pytest

from installed import command
from twolevel import TwoLevelError
from twolevel.files.toml import MAX_BYTES, MAX_DEPTH, read


def refused(path):
    with pytest.raises(TwoLevelError) as err:
        read(path)
    assert err.value.field == str(path)
    return err.value.message


@pytest.mark.parametrize("path, kind", [("/dev/zero", "a character device"),
                                        ("/dev/null", "a character device")])
def test_devices_are_named(path, kind):
    assert refused(path) == f"cannot read the file (it is {kind}, not a regular file)"


def test_a_fifo_is_named_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "scenario.toml"
    os.mkfifo(fifo)
    done = subprocess.run([command(), "solve", str(fifo)], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"twolevel: error: {fifo}: cannot read the file (it is a FIFO (named " \
                          "pipe), not a regular file)\n"


def test_a_directory_is_named(tmp_path):
    assert refused(tmp_path) == "cannot read the file (it is a directory, not a regular file)"


def test_a_file_over_the_size_limit(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text("# padding\n" * (MAX_BYTES // 10 + 1))
    assert refused(path) == "the file is larger than 4 MiB, the limit for twolevel files"
    path.write_text("# padding\n" * (MAX_BYTES // 10 - 1) + "a = 1\n")
    assert read(path) == {"a": 1}


@pytest.mark.parametrize("depth, ok", [(MAX_DEPTH - 1, True), (MAX_DEPTH, False), (1000, False),
                                       (5000, False)])
def test_nesting(tmp_path, depth, ok):
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * depth + "]" * depth + "\n")  # the document adds one level
    if ok:
        assert read(path)
    else:
        assert refused(path) == f"tables or arrays nested more than {MAX_DEPTH} deep"
