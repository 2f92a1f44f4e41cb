"""What a lock does after the vault has dropped its keys and records: let go of
every copy of their words the app and Textual still hold, then collect.

    forget_shown_words(app)   # after the screens that showed words are removed

Python cannot wipe a `str` (it is immutable), so what can be done is: drop every
reference (screens, caches, the clipboard, notifications), collect, and then
overwrite what the allocator keeps of freed memory where it can (`scrub`). A
copy the allocator has not handed back to us, or that the terminal or the
operating system made, is out of reach; README's "Safety of your data" says so.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import functools
import gc
import re
import sys
import weakref
from collections.abc import Callable
from typing import Any

from textual.worker import active_worker

# Textual and Rich keep rendered lines, measured text and parsed markup in
# module- and class-level caches (functools.lru_cache), keyed by the text itself.
_LIBRARIES = ("textual", "rich")


def going(app: Any, modes: list[str]) -> list[weakref.ref[Any]]:
    """The screens a lock is about to remove (those over the current one, and
    the stacks of `modes`) and every widget on them, weakly held. Taken before
    the removal: it detaches the widgets."""
    screens = [*app.screen_stack[1:],
               *(screen for mode in modes for screen in app._screen_stacks.get(mode, []))]
    return [weakref.ref(node) for screen in screens
            for node in (screen, *screen.walk_children(with_self=False))]


def forget_after_lock(app: Any, nodes: list[weakref.ref[Any]],
                      writer: concurrent.futures.Executor) -> None:
    """Forget now, and once more when every one of `nodes` (`going`: what the
    lock removed) has really gone: their tasks end, and their words are freed,
    a little after the removal itself. The `writer` thread (the app's saves,
    the words kept at the lock among them) scrubs its own heap too."""
    _settling.add(app)
    forget_shown_words(app)
    scrubbed = writer.submit(scrub_this_thread)
    _forget_once_gone(app, [*nodes, lambda: None if scrubbed.done() else scrubbed],
                      _SETTLE_WAITS)


def settling(app: Any) -> bool:
    """Is the lock's last forgetting still waiting for removed widgets to go?"""
    return app in _settling


_settling: weakref.WeakSet[Any] = weakref.WeakSet()
# Seconds between looks (each a full collection): soon at first, where widgets go,
# then less and less often: 5 s at most, then it forgets anyway.
_SETTLE_WAITS = (0.05, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 1.8)


def _forget_once_gone(app: Any, nodes: list[Callable[[], object]],
                      waits: tuple[float, ...]) -> None:
    gc.collect()
    # Unlocked again meanwhile: what is left was frozen with the new session (app.py's
    # gc.freeze), so no collection frees it before the next lock, which forgets it.
    if waits and not app.vault_open and any(node() is not None for node in nodes):
        app.set_timer(waits[0], lambda: _forget_once_gone(app, nodes, waits[1:]))
        return
    forget_shown_words(app, notifications=False)  # a "Not saved" said since stays
    _settling.discard(app)


def forget_shown_words(app: Any, *, notifications: bool = True) -> None:
    """Drop Textual's copies of what was on screen, collect, and scrub."""
    if notifications:
        app.clear_notifications()
    app._clipboard = ""  # Textual keeps the last copy_to_clipboard text here
    _drop_gone_watchers(app)
    clear_library_caches()
    gc.collect()
    scrub()


def _drop_gone_watchers(app: Any) -> None:
    """A widget that watches the app (an editor watches its theme) stays in the
    app's list of watchers after it is removed, until that value next changes:
    with its words. Textual itself drops such watchers then; drop them now."""
    watchers: dict[str, list[tuple[Any, Any]]] = getattr(app, "__watchers", {})
    for name, watching in watchers.items():
        watching[:] = [(node, callback) for node, callback in watching
                       if not (getattr(node, "_closing", False) or getattr(node, "_closed", False))]


def let_go_of_this_worker() -> None:
    """Call at the end of a thread worker that held a passphrase or words.

    Textual sets the worker into its pool thread's own context and leaves it
    there until that thread's next job: the Worker, its arguments, its task and
    the widget or screen that started it (words, fields) would outlive a lock.
    Also overwrites what this thread's heap keeps free (`scrub_this_thread`)."""
    active_worker.set(None)  # type: ignore[arg-type]
    scrub_this_thread()


def clear_library_caches() -> None:
    for name, module in list(sys.modules.items()):
        if module is None or name.partition(".")[0] not in _LIBRARIES:
            continue
        for value in list(vars(module).values()):
            _clear(value)
            if isinstance(value, type) and value.__module__ == name:
                for attribute in list(vars(value).values()):
                    _clear(getattr(attribute, "__func__", attribute))


def _clear(value: object) -> None:
    if isinstance(value, functools._lru_cache_wrapper):
        value.cache_clear()


def scrub() -> None:
    """Overwrite freed memory the allocators keep for reuse (best effort).

    Python's small-object allocator hands a freed block back unchanged, so every
    free block it holds (its own count, `_debug_malloc_stats`) is taken once
    as a zeroed buffer and freed again. glibc's `malloc_trim` then gives whole
    free pages of larger blocks back to the system, which reads them as zeros, and
    its free chunks up to 4 KiB in this thread's heap are zeroed (`scrub_this_thread`)."""
    free_blocks, free_pools = _pymalloc_free()
    # Unused pools are carved for whichever size asks next: take them as 512s.
    free_blocks[512] = free_blocks.get(512, 0) + free_pools * (POOL_SIZE // 512)
    for size, count in free_blocks.items():  # one class at a time: little held at once
        held = [bytearray(size - 1) for _ in range(count)]
        del held
    # Larger objects (a private entry's decrypted payload, a drawn frame) come from
    # glibc's heap, whose free chunks keep their bytes too: zeroed as a thread's are.
    scrub_this_thread()


POOL_SIZE = 16384


def scrub_this_thread() -> None:
    """Overwrite what glibc keeps free in this thread's own heap (each thread
    allocates from its own: a passphrase checked in a worker thread leaves the
    key derivation's copies there): blocks of every size up to 4 KiB, taken
    straight from malloc, zeroed and freed again."""
    libc = _libc()
    if libc is None:
        return
    malloc, free = libc.malloc, libc.free
    taken = []
    for size in range(16, 4097, 16):
        for _ in range(_BLOCKS_PER_SIZE):
            block = malloc(size)
            if block:
                ctypes.memset(block, 0, size)
                taken.append(block)
    for block in taken:
        free(block)
    _malloc_trim()


_BLOCKS_PER_SIZE = 16


def _pymalloc_free() -> tuple[dict[int, int], int]:
    """(size class -> free blocks in its pools, unused pools), as pymalloc says."""
    report = _debug_malloc_stats()
    blocks = {int(m.group(1)): int(m.group(2)) for m in re.finditer(
        r"^\s*\d+\s+(\d+)\s+\d+\s+\d+\s+(\d+)\s*$", report, re.M)}
    pools = re.search(r"^(\d+) unused pools", report, re.M)
    return blocks, int(pools.group(1)) if pools else 0


def _debug_malloc_stats() -> str:
    """pymalloc's own report (what `sys._debugmallocstats` prints), written into
    memory: never through stderr, where Textual is drawing the screen."""
    libc = _libc()
    report = getattr(ctypes.pythonapi, "_PyObject_DebugMallocStats", None)
    if libc is None or report is None or not hasattr(libc, "open_memstream"):
        return ""
    report.argtypes, report.restype = [ctypes.c_void_p], ctypes.c_int
    libc.open_memstream.restype = ctypes.c_void_p
    libc.open_memstream.argtypes = [ctypes.POINTER(ctypes.c_char_p),
                                    ctypes.POINTER(ctypes.c_size_t)]
    libc.fclose.argtypes = [ctypes.c_void_p]
    text, size = ctypes.c_char_p(), ctypes.c_size_t()
    stream = libc.open_memstream(ctypes.byref(text), ctypes.byref(size))
    if not stream:
        return ""
    report(stream)
    libc.fclose(stream)
    try:
        return ctypes.string_at(text, size.value).decode("ascii", "replace")
    finally:
        libc.free(ctypes.cast(text, ctypes.c_void_p))


@functools.cache
def _libc() -> Any:
    """The C library this process runs on (Linux), its malloc and free typed."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)  # the symbols already loaded: glibc's (or musl's)
        libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
        libc.free.restype, libc.free.argtypes = None, [ctypes.c_void_p]
    except (OSError, AttributeError):
        return None
    return libc


def give_back_freed_memory() -> None:
    """Hand the free pages the C library keeps back to the system (glibc; elsewhere
    nothing): after the unlock, the decrypted file, the parse's scratch and home's
    first drawing are freed but would still count against the app (issue 17)."""
    _malloc_trim()


# glibc's mallopt settings: blocks from this size up get their own mapping
# (M_MMAP_THRESHOLD), and a heap keeps at most this much free at its top (M_TRIM_THRESHOLD).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _APART_FROM = -1, -3, 128 * 1024


def keep_large_blocks_apart() -> None:
    """Large blocks (from 128 KiB: a decrypted file, a table's bytes) each in a mapping
    of their own, handed back to the system as soon as they are freed (glibc; elsewhere
    nothing). glibc's default raises that size to the largest block freed so far, so
    after the unlock's decrypted file every table's bytes landed in a thread's heap, and
    freed they stayed counted against the app (about 3 MiB at 10 years: issue 17)."""
    libc = _libc()
    mallopt = getattr(libc, "mallopt", None) if libc is not None else None
    if mallopt is not None:  # glibc only
        mallopt(_M_MMAP_THRESHOLD, _APART_FROM)
        mallopt(_M_TRIM_THRESHOLD, _APART_FROM)


def _malloc_trim() -> None:
    libc = _libc()
    trim = getattr(libc, "malloc_trim", None) if libc is not None else None
    if trim is not None:  # glibc only
        trim(0)
