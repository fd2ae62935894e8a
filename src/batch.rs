//! Batch runs: lines of requests answered in input order, on one thread or on several.
//!
//! A batch reads its input a block of lines at a time, answers each line against one policy
//! set ([`Batch`]) and hands the answers' text to its caller in input order: from one thread,
//! line by line, or from a pool of threads whose answered blocks are put back in order. How an
//! answer is written is the caller's: a [`Render`] (the command line writes JSON or text
//! lines), run on the thread that answered the line.

mod case;
mod in_order;
mod lines;
mod pool;
mod progress;
mod serial;
mod sizing;
mod tally;

pub use case::{Batch, Render};
pub use progress::Progress;
pub use sizing::{capped_jobs, JOBS_PER_CORE};
pub use tally::Tally;

use crate::swf::{RunIds, World};

/// Where a batch's answers go, in input order: the text of some lines, what each of their
/// cases gave besides its text, and the bytes of input the lines were; `false` once the output
/// cannot be written (the batch stops there).
pub type Emit<'a, C> = dyn FnMut(&[u8], &[C], usize) -> bool + 'a;

/// Answers every line of `input` on `jobs` threads, handing the answers to `emit` in input
/// order. With a world the lines are answered on this thread alone, one after another (each
/// start changes the world the next one meets), and their run ids come from `run_ids`.
///
/// An error reading the input ends the batch after the lines before it were answered: it is
/// returned with the number of the line that could not be read.
pub fn run<R: Render>(
    batch: &Batch<'_, R>,
    input: impl std::io::BufRead + Send,
    jobs: usize,
    world: Option<&mut World>,
    run_ids: &mut RunIds,
    emit: &mut Emit<'_, R::Case>,
) -> Result<(), (usize, std::io::Error)> {
    if jobs <= 1 || world.is_some() {
        serial::run(batch, input, world, run_ids, emit)
    } else {
        pool::run(batch, input, jobs, emit)
    }
}
