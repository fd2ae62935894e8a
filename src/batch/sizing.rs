//! How much a batch holds at once: its threads, and the lines and text of a block.

use crate::eval::Detail;

/// Threads a batch runs on at most, per core: past the cores they only wait for one, and each
/// holds blocks of lines and text (uncapped, `--jobs 100000` would ask for tens of gigabytes).
pub const JOBS_PER_CORE: usize = 4;

/// The threads of a batch run: `asked` (default the number of cores), at least one and at most
/// [`JOBS_PER_CORE`] per core, and whether that lowered it.
pub fn capped_jobs(asked: Option<usize>, cores: usize) -> (usize, bool) {
    let cap = cores.max(1).saturating_mul(JOBS_PER_CORE);
    let jobs = asked.unwrap_or(cores).max(1);
    (jobs.min(cap), jobs > cap)
}

/// The most lines a block of a parallel batch holds, and the bytes of answers it is given room
/// for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct BlockSize {
    /// Lines a block holds at most.
    pub(super) lines: usize,
    /// Bytes of answers a block's text has room for.
    pub(super) room: usize,
}

/// A parallel batch's [`BlockSize`], by how much a line writes at each detail of evaluation:
/// memory stays flat in the number of requests. Each block costs thread wake-ups (256 full
/// JSON lines of 6.5 KB, evaluated [`Detail::Deferred`]: 2.5% less wall time than 128 on the
/// reference workload; 512: faster still, but 46 MB peak for a million requests). Brief JSON
/// lines (1.9 KB, [`Detail::Brief`]) go 512 to a block (2.6% less wall time than 256); text
/// answers (3.6 KB, [`Detail::Full`]) 256. A block's text has room for its lines at once:
/// grown step by step, the freed steps stayed committed (30 MB more at the peak); given more
/// room than it uses, the memory pages of the room it touches are committed whole. These are
/// the most a block holds: where lines write more (the full explanations of a large policy
/// set), a thread's blocks hold as many as fill the room (see `pool::Worker::resize`).
pub(super) fn block_size(detail: Detail) -> BlockSize {
    let (lines, line_bytes) = match detail {
        Detail::Brief => (512, 2048),
        Detail::Deferred => (256, 8192),
        Detail::Full => (256, 4096),
    };
    BlockSize {
        lines,
        room: lines * line_bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--jobs` beyond four threads a core is lowered, and says so; no cores still make one
    /// thread.
    #[test]
    fn jobs_are_capped_at_four_per_core_and_at_least_one() {
        assert_eq!(capped_jobs(Some(100_000), 2), (8, true));
        assert_eq!(capped_jobs(Some(8), 2), (8, false));
        assert_eq!(capped_jobs(None, 2), (2, false));
        assert_eq!(capped_jobs(Some(0), 0), (1, false));
    }
}
