//! The binary's global allocator (the library leaves that choice to its users).

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys::{
    mi_free, mi_malloc, mi_malloc_aligned, mi_realloc, mi_realloc_aligned, mi_zalloc,
    mi_zalloc_aligned,
};

/// mimalloc, called as its C users call it: `mi_malloc` for the word-aligned layouts nearly
/// every allocation has (every mimalloc block is word-aligned), the aligned entry points only
/// for the rest. The `mimalloc` crate takes the aligned path for every allocation, which
/// cost a check 3% of its instructions (BENCHMARKS.md).
pub struct Mimalloc;

/// The alignment every block of `mi_malloc` has.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: mimalloc is thread-safe and returns blocks of at least the size asked, aligned to
// a word, and to `layout.align()` by the aligned calls.
unsafe impl GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: plain C allocation calls; a null result is handed back as an error.
        unsafe {
            if layout.align() <= WORD {
                mi_malloc(layout.size()).cast()
            } else {
                mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe {
            if layout.align() <= WORD {
                mi_zalloc(layout.size()).cast()
            } else {
                mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator.
        unsafe { mi_free(ptr.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`.
        unsafe {
            if layout.align() <= WORD {
                mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_aligned_zeroed_and_kept_across_realloc() {
        for align in [1, 2, 4, 8, 16, 64, 4096] {
            for size in [1, 7, 24, 100, 5000] {
                let layout = Layout::from_size_align(size.max(align), align).unwrap();
                // SAFETY: non-zero sizes; every block is freed with the layout it has.
                unsafe {
                    let zeroed = Mimalloc.alloc_zeroed(layout);
                    assert_eq!(zeroed as usize % align, 0, "align {align}");
                    assert!((0..layout.size()).all(|i| *zeroed.add(i) == 0));
                    Mimalloc.dealloc(zeroed, layout);

                    let block = Mimalloc.alloc(layout);
                    assert_eq!(block as usize % align, 0, "align {align}");
                    block.write_bytes(0xAB, layout.size());
                    let grown = Mimalloc.realloc(block, layout, layout.size() * 3);
                    assert_eq!(grown as usize % align, 0, "align {align}");
                    assert!((0..layout.size()).all(|i| *grown.add(i) == 0xAB));
                    let grown_layout = Layout::from_size_align(layout.size() * 3, align).unwrap();
                    Mimalloc.dealloc(grown, grown_layout);
                }
            }
        }
    }
}
