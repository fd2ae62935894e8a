//! The `swfsim` binary: parse the command line, run, exit.
use clap::Parser;
use std::io::Write;

mod cli;

#[global_allocator]
static ALLOCATOR: Mimalloc = Mimalloc;

/// mimalloc, asked for a plain block whenever a plain block is aligned enough.
///
/// mimalloc's aligned entry points (all that `mimalloc::MiMalloc` calls) take a slow path for
/// every block over 1 KiB whose size is not a power of two, even for an alignment of 8; a batch
/// line allocates a dozen such blocks. A plain mimalloc block of 16 bytes or more is aligned to
/// 16 (`MI_MAX_ALIGN_SIZE`; a smaller one to 8, its size class), so a layout whose alignment is at
/// most 16 and at most its size gets a plain block, as std's `System` does with `malloc`.
struct Mimalloc;

impl Mimalloc {
    /// The alignment every plain block of at least this size has.
    const PLAIN_ALIGN: usize = 16;

    fn plain(layout: std::alloc::Layout) -> bool {
        layout.align() <= Self::PLAIN_ALIGN && layout.align() <= layout.size()
    }
}

#[expect(
    unsafe_code,
    reason = "a global allocator is an unsafe trait; each method hands its layout to mimalloc, \
              whose blocks meet it (see `Mimalloc`)"
)]
// SAFETY: every pointer returned comes from mimalloc with at least the layout's size and
// alignment (a plain block only when `plain` says its alignment suffices), and every pointer
// given back was returned by one of these methods.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        if Self::plain(layout) {
            unsafe { mi_malloc(layout.size()).cast() }
        } else {
            unsafe { mi_malloc_aligned(layout.size(), layout.align()).cast() }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        if Self::plain(layout) {
            unsafe { mi_zalloc(layout.size()).cast() }
        } else {
            unsafe { mi_zalloc_aligned(layout.size(), layout.align()).cast() }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        // The new block must suit the layout's alignment at the new size.
        if layout.align() <= Self::PLAIN_ALIGN && layout.align() <= new_size {
            unsafe { mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            unsafe { mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast() }
        }
    }
}

/// Whether descriptor 1 was closed when the process started, as `check_stdout` found it.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Looks at descriptor 1 before Rust's runtime starts: the runtime puts `/dev/null` on a
/// standard descriptor it finds closed (so that no file opened later takes its number), after
/// which a closed stdout (`>&-`) cannot be told from a `/dev/null` given on purpose, and the
/// answer would vanish in a silent success. Runs from `.init_array`, before `main`'s runtime.
#[cfg(target_os = "linux")]
#[allow(
    unsafe_code,
    reason = "a constructor in `.init_array` runs before Rust's runtime, the only moment a closed \
              descriptor is still closed; `fcntl(F_GETFD)` only reads the descriptor's flags"
)]
#[used]
#[link_section = ".init_array"]
static CHECK_STDOUT: extern "C" fn() = {
    extern "C" fn check_stdout() {
        // SAFETY: F_GETFD takes no argument and changes nothing; an unused descriptor is EBADF.
        let closed = unsafe { libc::fcntl(1, libc::F_GETFD) } == -1;
        STDOUT_CLOSED.store(closed, std::sync::atomic::Ordering::Relaxed);
    }
    check_stdout
};

/// mimalloc commits its arenas on demand and gives purged memory back (`arena_eager_commit`
/// 0), purging what stays free for 100 ms (`purge_delay`, 10 by default). Committed eagerly, an
/// arena is backed by transparent huge pages, each resident whole, and the pages a batch's
/// threads free stay resident while they allocate afresh: two jobs against 10,000 statements
/// peak at about 140 MB instead of about 90 MB. The price is 4 KB pages: about a fifth more time for that
/// batch, none measurable on the reference workload. Set as defaults, so
/// `MIMALLOC_ARENA_EAGER_COMMIT=2` (with `MIMALLOC_PURGE_DELAY=10`) brings back the faster,
/// larger form. Runs from
/// `.init_array`, before the first allocation reserves an arena (in `main` it is too late: the
/// runtime has allocated by then).
#[cfg(target_os = "linux")]
#[allow(
    unsafe_code,
    reason = "the options must be set before Rust's runtime allocates, so from a constructor; \
              `mi_option_set_default` only stores a value"
)]
#[used]
#[link_section = ".init_array"]
static CONFIGURE_ALLOCATOR: extern "C" fn() = {
    extern "C" fn configure_allocator() {
        // SAFETY: each call stores one of mimalloc's options, read when it is next used.
        unsafe {
            allocator::mi_option_set_default(allocator::ARENA_EAGER_COMMIT, 0);
            allocator::mi_option_set_default(allocator::PURGE_DELAY, 100);
        }
    }
    configure_allocator
};

/// mimalloc's options, as its `mimalloc.h` numbers them (`mi_option_t`, in the version
/// `libmimalloc-sys` in `Cargo.lock` builds).
#[cfg(target_os = "linux")]
#[allow(unsafe_code, reason = "declares two functions of the linked mimalloc")]
mod allocator {
    use std::ffi::{c_int, c_long};
    /// `mi_option_arena_eager_commit`.
    pub const ARENA_EAGER_COMMIT: c_int = 4;
    /// `mi_option_purge_delay`.
    pub const PURGE_DELAY: c_int = 15;
    extern "C" {
        pub fn mi_option_set_default(option: c_int, value: c_long);
        #[cfg_attr(not(test), allow(dead_code))]
        pub fn mi_option_get(option: c_int) -> c_long;
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_allocator_commits_on_demand_and_purges_late() {
            // SAFETY: reads two of mimalloc's options.
            let (eager, delay) = unsafe {
                (
                    mi_option_get(ARENA_EAGER_COMMIT),
                    mi_option_get(PURGE_DELAY),
                )
            };
            assert_eq!((eager, delay), (0, 100));
        }
    }
}

fn stdout_was_closed() -> bool {
    STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed)
}

fn main() -> std::process::ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    if stdout_was_closed() {
        let _ = writeln!(
            stderr.lock(),
            "error: standard output is closed: there is nowhere to write the answer"
        );
        return std::process::ExitCode::from(2);
    }
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let color = [
                std::io::IsTerminal::is_terminal(&stdout),
                std::io::IsTerminal::is_terminal(&stderr),
            ];
            let code = cli::parse_failure(e, color, &mut stdout.lock(), &mut stderr.lock());
            return std::process::ExitCode::from(code as u8);
        }
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let env = cli::Env {
        now: i64::try_from(now.as_secs()).unwrap_or(0),
        entropy: u64::from(now.subsec_nanos())
            ^ (u64::from(std::process::id()) << 32)
            ^ now.as_secs(),
        progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        terminals: [
            std::io::IsTerminal::is_terminal(&stdout),
            std::io::IsTerminal::is_terminal(&stderr),
        ],
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        quiet: false,
    };
    let code = cli::run(cli, env, &mut stdout.lock(), &mut stderr.lock());
    std::process::ExitCode::from(code as u8)
}
