//! A global allocator that counts, per thread, every allocation a piece of code makes.
//!
//! A benchmark binary installs it (wrapped by divan's `AllocProfiler` or on its own):
//!
//! ```
//! #[global_allocator]
//! static ALLOC: twilio_endpoint_benches::alloc::Counting = twilio_endpoint_benches::alloc::Counting;
//! # fn main() {}
//! ```
//!
//! and [`count`] then says how many times a closure asked the allocator for memory.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    /// Allocations and reallocations made by this thread so far.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

/// The system allocator, counting on each thread every `alloc`, `alloc_zeroed` and `realloc`
/// (a buffer that grows is one more trip to the allocator). Frees are not counted.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counting;

fn tally() {
    // `try_with`: a thread being torn down may still allocate.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is forwarded unchanged to `System`; the counter is a thread-local `Cell`
// with a const initializer, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        tally();
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, forwarded as it is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        tally();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout`, through this wrapper.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        tally();
        // SAFETY: `ptr` was allocated by `System` with `layout`; the caller upholds the rest.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// How many allocations (and reallocations) this thread has made so far; always 0 unless
/// [`Counting`] is the global allocator.
pub fn allocations() -> u64 {
    ALLOCATIONS.with(Cell::get)
}

/// Runs `f` once and says how many allocations it made on this thread, and what it returned.
pub fn count<T>(f: impl FnOnce() -> T) -> (u64, T) {
    let before = allocations();
    let value = f();
    (allocations() - before, value)
}
