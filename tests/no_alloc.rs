#![allow(unsafe_code)] // A GlobalAlloc implementation is unsafe by definition; it only counts.
//! The fast path allocates nothing: a counting allocator watches `decide` over the reference
//! workload. Each thread counts its own allocations, so tests running beside each other (or the
//! harness) are not counted.

#[path = "../bench/workload.rs"]
mod workload;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

/// Allocations made so far by this thread.
fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// 20,000 workload requests, their contexts built.
fn prepared() -> Vec<workload::Prepared> {
    workload::cases(20_000, 7)
        .iter()
        .map(workload::prepare)
        .collect()
}

#[test]
fn decide_allocates_nothing() {
    let set = workload::policies();
    let prepared = prepared();
    let before = allocations();
    let mut allowed = 0usize;
    for p in &prepared {
        allowed += usize::from(
            swfsim::eval::decide(&set, &p.request()) == swfsim::eval::Decision::Allowed,
        );
    }
    let during = allocations() - before;
    assert!(allowed > 0);
    assert_eq!(during, 0, "{during} allocations in 20,000 decisions");
}

/// A decider allocates only when it meets a new (action, resource) pair: once its plans are
/// made, deciding the same workload again allocates nothing.
#[test]
fn a_decider_with_its_plans_made_allocates_nothing() {
    let set = workload::policies();
    let prepared = prepared();
    let mut decider = swfsim::eval::Decider::new(&set);
    let decide_all = |d: &mut swfsim::eval::Decider<'_>| {
        prepared
            .iter()
            .filter(|p| d.decide(&p.request()) == swfsim::eval::Decision::Allowed)
            .count()
    };
    let before = allocations();
    let first = decide_all(&mut decider);
    let planning = allocations() - before;
    let before = allocations();
    let second = decide_all(&mut decider);
    let during = allocations() - before;
    assert!(first > 0 && first == second);
    assert!(planning > 0, "the first pass made no plan");
    assert_eq!(during, 0, "{during} allocations in 20,000 decisions");
}
