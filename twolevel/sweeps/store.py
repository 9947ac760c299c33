"""Where sweep results go: numpy arrays in memory, or netCDF (.nc) / zarr (.zarr) streamed block by
block so that results larger than memory never sit in it.

A stream is written at a hidden temporary path in the output's directory and renamed onto the
output only once every block is in: an interrupted or failed run leaves no file that looks
complete (and removes its temporary one when it can).
"""
import contextlib
import os
import shutil
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..common.errors import TwoLevelError

FORMATS = {".nc": "netcdf", ".zarr": "zarr"}


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
        for dim, values in layout.coords.items():
            self.file.createVariable(dim, "f8", (dim,))[:] = values
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
        layout.dataset(lazy).to_zarr(self.path, mode="w", compute=False, consolidated=False)

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
    appears at ``out`` only when the block completes without error."""
    out = Path(out)
    fmt = output_format(out)
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.partial")
    writer = None
    try:
        writer = (NetCDF if fmt == "netcdf" else Zarr)(tmp, layout)
        yield writer
        writer.close()
        writer = None
        _replace(tmp, out)
    finally:
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.close()
        _remove(tmp)


def _replace(tmp, out):
    """Move ``tmp`` onto ``out``; whatever was at ``out`` (an older file or store) goes."""
    if not (out.exists() or out.is_symlink()):
        os.replace(tmp, out)
        return
    old = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.old")
    os.replace(out, old)
    os.replace(tmp, out)
    _remove(old)


def _remove(path):
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        with contextlib.suppress(OSError):
            path.unlink()


def open_result(out):
    """The streamed results at ``out`` as an xarray Dataset opened lazily (close it when done)."""
    import xarray as xr
    if output_format(out) == "netcdf":
        return xr.open_dataset(out, chunks={})
    return xr.open_zarr(out)
