"""Decorators and intrinsics of the compiled kernels.

``helper`` compiles a function that allocates nothing without numba's reference counting: every
array a helper receives is owned by its caller, so counting references to it only costs time (an
atomic add per array handled, a large share of a small scenario). A helper that allocates fails
to compile ("NRT required"), and so does any function it calls (callees inherit the flag), so
the flag cannot hide a leak. ``inlined`` is a helper that numba expands where it is called (the
kernel's thin wrappers, whose tuples of arrays would otherwise be copied at every call).
"""
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic

helper = njit(cache=True, _nrt=False)
inlined = njit(cache=True, _nrt=False, inline="always")


@intrinsic
def cycles(typingctx):
    """The processor's cycle counter (``llvm.readcyclecounter``), to profile blocks in threads."""
    def codegen(context, builder, signature, args):
        fn = cgutils.get_or_insert_function(builder.module, ir.FunctionType(ir.IntType(64), []),
                                            "llvm.readcyclecounter")
        return builder.call(fn, [])
    return types.int64(), codegen


@intrinsic
def fetch_add(typingctx, counter, value):
    """counter[0] += value, atomically; the value before (threads taking blocks off a queue)."""
    def codegen(context, builder, signature, args):
        array = context.make_array(signature.args[0])(context, builder, args[0])
        ptr = cgutils.get_item_pointer(context, builder, signature.args[0], array,
                                       [context.get_constant(types.intp, 0)])
        return builder.atomic_rmw("add", ptr, args[1], "seq_cst")
    return types.int64(counter, types.int64), codegen
