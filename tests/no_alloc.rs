#![allow(unsafe_code)] // A GlobalAlloc implementation is unsafe by definition; it only counts.
//! The fast path allocates nothing: a counting allocator watches `decide` over the reference
//! workload (its own test binary, so no other test's allocations are counted).

#[path = "../bench/workload.rs"]
mod workload;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn decide_allocates_nothing() {
    let set = workload::policies();
    let prepared: Vec<workload::Prepared> = workload::cases(20_000, 7)
        .iter()
        .map(workload::prepare)
        .collect();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let mut allowed = 0usize;
    for p in &prepared {
        allowed += usize::from(
            swfsim::eval::decide(&set, &p.request()) == swfsim::eval::Decision::Allowed,
        );
    }
    let during = ALLOCATIONS.load(Ordering::Relaxed) - before;
    assert!(allowed > 0);
    assert_eq!(during, 0, "{during} allocations in 20,000 decisions");
}
