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

/// The system allocator, keeping the bytes held by the whole process now and at most since
/// [`Peak::reset`]: the memory a piece of code holds at its worst, threads included.
#[derive(Clone, Copy, Debug, Default)]
pub struct Peak;

static HELD: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static MOST_HELD: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl Peak {
    /// Starts a new peak from what is held now; gives what is held now.
    pub fn reset() -> usize {
        use std::sync::atomic::Ordering::SeqCst;
        let held = HELD.load(SeqCst);
        MOST_HELD.store(held, SeqCst);
        held
    }

    /// The most bytes held at once since [`Peak::reset`].
    pub fn most_held() -> usize {
        MOST_HELD.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn grew(by: usize) {
        use std::sync::atomic::Ordering::SeqCst;
        let held = HELD.fetch_add(by, SeqCst) + by;
        MOST_HELD.fetch_max(held, SeqCst);
    }

    fn shrank(by: usize) {
        HELD.fetch_sub(by, std::sync::atomic::Ordering::SeqCst);
    }
}

// SAFETY: every call is forwarded unchanged to `System`; the counters are atomics, which never
// allocate.
unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, forwarded as it is.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            Peak::grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            Peak::grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout`, through this wrapper.
        unsafe { System.dealloc(ptr, layout) };
        Peak::shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was allocated by `System` with `layout`; the caller upholds the rest.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            Peak::grew(new_size);
            Peak::shrank(layout.size());
        }
        new
    }
}
