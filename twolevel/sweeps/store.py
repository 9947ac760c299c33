"""Where sweep results go: numpy arrays in memory, or netCDF (.nc) / zarr (.zarr) streamed block by
block so that results larger than memory never sit in it.

A stream is written at a hidden temporary path in the output's directory and renamed onto the
output only once every block is in: an interrupted or failed run leaves no file that looks
complete (and removes its temporary one when it can).
"""
import contextlib
import math
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..common.errors import TwoLevelError
from . import atomic

FORMATS = {".nc": "netcdf", ".zarr": "zarr"}
MAX_MEMORY = 4 * 2 ** 30  # bytes of results held in memory (more: stream them to a file)


@dataclass(frozen=True, eq=False)
class Layout:
    """The result's shape: ``dims``/``shape``, index ``coords`` {dim: values}, variables written
    per block ``variables`` {name: dtype} (of which ``block_coords`` are coordinates), storage
    ``chunks`` (the block shape), dataset ``attrs`` and per-variable ``var_attrs``."""

    dims: tuple
    shape: tuple
    coords: dict
    variables: dict
    block_coords: tuple
    chunks: tuple
    attrs: dict
    var_attrs: dict

    def dataset(self, arrays):
        """An xarray Dataset from full arrays {name: array of ``shape``}."""
        import xarray as xr
        data = {n: xr.Variable(self.dims, arrays[n], self.var_attrs.get(n, {}))
                for n in self.variables if n not in self.block_coords}
        coords = {d: (d, v) for d, v in self.coords.items()}
        coords.update({n: (self.dims, arrays[n]) for n in self.block_coords})
        return xr.Dataset(data, coords=coords, attrs=self.attrs)

    def names(self):
        """Every name the result holds (dimensions and variables)."""
        return (*self.dims, *self.variables)

    def point_bytes(self):
        """Bytes of one point's values."""
        return sum(np.dtype(dt).itemsize for dt in self.variables.values())

    def block_bytes(self):
        """Bytes of one block's values."""
        return self.point_bytes() * math.prod(self.chunks)


def output_format(out) -> str:
    """'netcdf' or 'zarr' from the suffix of ``out``; its directory must exist."""
    path = Path(out)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise TwoLevelError("out", f"must end in .nc (netCDF) or .zarr, got {str(out)!r}")
    if not path.parent.resolve().is_dir():
        raise TwoLevelError("out", f"directory {str(path.parent)!r} does not exist")
    return fmt


class Memory:
    """Results held as numpy arrays."""

    def __init__(self, layout: Layout):
        in_memory(math.prod(layout.shape), layout)
        self.layout = layout
        self.arrays = {n: np.empty(layout.shape, dt) for n, dt in layout.variables.items()}

    def write(self, block, data):
        for name, values in data.items():
            self.arrays[name][block.region] = values.reshape(block.shape)

    def result(self):
        return self.layout.dataset(self.arrays)


class NetCDF:
    """A netCDF-4 file written hyperslab by hyperslab, one storage chunk per block, compressed by
    zstd level 1 with byte shuffle (zlib where the netCDF library lacks zstd; zstd writes about 5x
    faster and smaller): booleans as int8 with ``dtype = "bool"``, floats with NaN as fill value,
    as xarray encodes them. (Zarr stores use zarr's default codec, zstd, already.)"""

    def __init__(self, path, layout: Layout):
        import netCDF4
        for name in (*layout.dims, *layout.variables):
            if "/" in name:
                raise TwoLevelError(name, "a netCDF name cannot contain '/' (use .zarr)")
        self.file = netCDF4.Dataset(path, "w", format="NETCDF4")
        codec = "zstd" if getattr(netCDF4, "__has_zstandard_support__", False) else "zlib"
        for dim, size in zip(layout.dims, layout.shape):
            self.file.createDimension(dim, size)
        for dim, values in layout.coords.items():       # numbers, or strings (a mode)
            text = np.asarray(values).dtype.kind == "U"
            self.file.createVariable(dim, str if text else "f8", (dim,))[:] = \
                np.asarray(values, object) if text else values
        coords = " ".join(n for n in layout.block_coords if " " not in n)
        for name, dtype in layout.variables.items():
            boolean = np.dtype(dtype) == np.bool_
            var = self.file.createVariable(
                name, "i1" if boolean else dtype, layout.dims, chunksizes=layout.chunks,
                compression=codec, complevel=1, shuffle=True,
                fill_value=None if boolean else np.nan)
            # every write fills whole chunks: a cache of one chunk keeps memory bounded
            var.set_var_chunk_cache(size=np.dtype(dtype).itemsize * int(np.prod(layout.chunks)))
            attrs = dict(layout.var_attrs.get(name, {}))
            if boolean:
                attrs["dtype"] = "bool"
            if coords and name not in layout.block_coords:
                attrs["coordinates"] = coords  # CF: the sampled values are coordinates
            var.setncatts(attrs)
        self.file.setncatts(layout.attrs)

    def write(self, block, data):
        for name, values in data.items():
            var = self.file[name]
            raw = values.astype(np.int8) if values.dtype == np.bool_ else values
            var[block.region] = raw.reshape(block.shape)

    def close(self):
        self.file.close()


class Zarr:
    """A zarr store: metadata from a lazy template, then one region write per block."""

    def __init__(self, path, layout: Layout):
        import dask.array as da
        import xarray as xr
        self.xr = xr
        self.path, self.layout = str(path), layout
        lazy = {n: da.zeros(layout.shape, dtype=dt, chunks=layout.chunks)
                for n, dt in layout.variables.items()}
        # strings (a mode) as variable-length strings, which zarr v3 specifies
        coords = {d: np.asarray(v, object) if np.asarray(v).dtype.kind == "U" else v
                  for d, v in layout.coords.items()}
        replace(layout, coords=coords).dataset(lazy).to_zarr(self.path, mode="w", compute=False, consolidated=False)

    def write(self, block, data):
        region = dict(zip(self.layout.dims, block.region))
        part = self.xr.Dataset({n: (self.layout.dims, v.reshape(block.shape))
                                for n, v in data.items()})
        part.to_zarr(self.path, region=region, consolidated=False)

    def close(self):
        import zarr
        with warnings.catch_warnings():  # zarr 3 notes that consolidation is an extension
            warnings.simplefilter("ignore")
            zarr.consolidate_metadata(self.path)


@contextlib.contextmanager
def stream(out, layout: Layout):
    """A writer for ``out`` (.nc or .zarr): yields an object with ``write(block, data)``; the file
    appears at ``out`` only when the block completes without error (atomic.whole: a hidden
    temporary file, removed on errors and on SIGINT, SIGTERM or SIGHUP). Write errors are one
    TwoLevelError naming ``out`` (a full disk as "no space left on device")."""
    out = Path(out)
    fmt = output_format(out)
    storable(layout.names())
    margin = layout.block_bytes() + 2 ** 20
    with atomic.whole(out) as (tmp, finish):
        writer = None
        try:
            with atomic.written(out, margin):
                writer = (NetCDF if fmt == "netcdf" else Zarr)(tmp, layout)
            yield Checked(writer, out, margin)
            with atomic.written(out, margin):
                writer.close()
                writer = None
                finish()
        finally:
            if writer is not None:
                with contextlib.suppress(Exception):
                    writer.close()


class Checked:
    """A writer whose write errors are TwoLevelErrors naming the output (atomic.written)."""

    def __init__(self, writer, out, margin):
        self.writer, self.out, self.margin = writer, out, margin

    def write(self, block, data):
        with atomic.written(self.out, self.margin):
            self.writer.write(block, data)


def storable(names):
    """Refuse names that netCDF and zarr would read as groups (a '/' in a constituency name)."""
    for name in names:
        if "/" in name:
            raise TwoLevelError(name, "a name written to .nc or .zarr cannot contain '/' (it "
                                "separates groups there): rename the constituency")


def in_memory(size, layout: Layout):
    """Refuse results of more than MAX_MEMORY bytes held in memory (without ``out``)."""
    need = size * layout.point_bytes()
    if need > MAX_MEMORY:
        raise TwoLevelError("out", f"the results of {size:,} points take {need / 2 ** 30:.3g} "
                            f"GiB, more than the {MAX_MEMORY // 2 ** 30} GiB held in memory: "
                            "give out (a .nc or .zarr path) to stream them to disk")


def open_result(out):
    """The streamed results at ``out`` as an xarray Dataset opened lazily (close it when done)."""
    import xarray as xr
    if output_format(out) == "netcdf":
        return xr.open_dataset(out, chunks={})
    return xr.open_zarr(out)
