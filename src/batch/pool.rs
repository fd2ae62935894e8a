//! A batch on a pool of threads, each reading and answering blocks of lines, the answered
//! blocks emitted in input order.
//!
//! Each of `jobs` threads (the calling one and `jobs - 1` others) reads its next block itself
//! (one at a time, under a lock, which numbers the blocks) and answers it, so a block's lines
//! are in the cache of the core that answers them (read by one thread and answered by another,
//! they came over from the other core's: full lines took 6% more wall time). The calling thread
//! also puts the answered blocks back in order and emits them, between its own blocks (a
//! thread that only emitted was woken for every block: 2% more wall time). A thread takes a
//! text buffer before reading a block, and the buffer comes back once the block is written: at
//! most `jobs + 2` blocks are read and not yet written, so memory stays flat and no channel
//! fills (`2 * jobs + 2` took 2% more wall time: more buffers, each colder when used again).
//! The calling thread never waits for a buffer (only it gives them back): with none free it
//! waits for an answered block, which another thread is answering.

use super::case::{Batch, Render, Thread};
use super::in_order::{Done, InOrder};
use super::lines::LineBlock;
use super::sizing::{block_size, BlockSize};
use super::Emit;
use crate::swf::RunIds;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Mutex;

/// Runs a batch on `jobs` threads (at least two), handing each block's answers to `emit` in
/// input order.
pub(super) fn run<R: Render>(
    batch: &Batch<'_, R>,
    input: impl std::io::BufRead + Send,
    jobs: usize,
    emit: &mut Emit<'_, R::Case>,
) -> Result<(), (usize, std::io::Error)> {
    let in_flight = jobs + 2;
    let size = block_size(batch.render.detail());
    let reading = Mutex::new(Reading {
        input,
        next_line: 1,
        next_block: 0,
        ended: false,
        failed: None,
    });
    let (done_tx, done_rx) = sync_channel::<Done<R::Case>>(in_flight);
    // The text buffers, one per block in flight: a worker waits for one before it reads.
    let (spare_tx, spare_rx) = sync_channel::<Vec<u8>>(in_flight);
    for _ in 0..in_flight {
        let _ = spare_tx.send(Vec::with_capacity(size.room));
    }
    let spare_rx = Mutex::new(spare_rx);
    std::thread::scope(|scope| {
        // This thread answers blocks too: `jobs - 1` threads besides it (a thread that only
        // wrote was woken for every block, on cores the workers were using).
        for _ in 1..jobs {
            let (reading, spare_rx, done_tx) = (&reading, &spare_rx, done_tx.clone());
            scope.spawn(move || answer_blocks(batch, size, reading, spare_rx, done_tx));
        }
        // Only the other threads send answered blocks: once they all stop, receiving ends.
        drop(done_tx);
        let out = InOrder::new(spare_tx, emit);
        answer_and_emit(batch, size, &reading, &spare_rx, &done_rx, out);
    });
    let reading = reading
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    reading.failed.map_or(Ok(()), Err)
}

/// A thread besides the calling one: takes a buffer, reads a block and answers it into the
/// buffer, sends it to be emitted; until the input ends or the blocks are no longer taken.
fn answer_blocks<R: Render>(
    batch: &Batch<'_, R>,
    size: BlockSize,
    reading: &Mutex<Reading<impl std::io::BufRead>>,
    spare_rx: &Mutex<Receiver<Vec<u8>>>,
    done_tx: SyncSender<Done<R::Case>>,
) {
    let mut worker = Worker::new(batch, size);
    loop {
        // The lock is held only to take a buffer.
        let Ok(Ok(text)) = spare_rx.lock().map(|rx| rx.recv()) else {
            break;
        };
        let Some(done) = worker.answer_next(batch, text, reading) else {
            break;
        };
        if done_tx.send(done).is_err() {
            break;
        }
    }
}

/// The calling thread: answers a block whenever a buffer is free, emits the answered blocks in
/// order between its own, and stops reading once the output fails.
fn answer_and_emit<R: Render>(
    batch: &Batch<'_, R>,
    size: BlockSize,
    reading: &Mutex<Reading<impl std::io::BufRead>>,
    spare_rx: &Mutex<Receiver<Vec<u8>>>,
    done_rx: &Receiver<Done<R::Case>>,
    mut out: InOrder<'_, R::Case>,
) {
    let mut worker = Worker::new(batch, size);
    let mut reading_on = true;
    loop {
        while let Ok(done) = done_rx.try_recv() {
            out.take(done);
        }
        if out.stopped && reading_on {
            // The output failed: no block is read after (the others' blocks in hand are
            // answered and dropped).
            reading_on = false;
            if let Ok(mut r) = reading.lock() {
                r.ended = true;
            }
        }
        if reading_on {
            // A buffer if one is free (never waiting: the buffers come back from here).
            let text = spare_rx.try_lock().ok().and_then(|rx| rx.try_recv().ok());
            if let Some(text) = text {
                match worker.answer_next(batch, text, reading) {
                    Some(done) => out.take(done),
                    None => reading_on = false,
                }
                continue;
            }
        }
        // Every buffer is in a block another thread answers, or read to the end: wait for the
        // next answered block (a thread that panicked makes the scope panic).
        match done_rx.recv() {
            Ok(done) => out.take(done),
            Err(_) if reading_on => reading_on = false,
            Err(_) => break,
        }
    }
}

/// What a thread answering a parallel batch's blocks keeps from block to block.
struct Worker<'s, S> {
    ids: RunIds,
    thread: Thread<'s, S>,
    block: LineBlock,
    /// Lines the next block holds.
    lines: usize,
    /// The most a block holds.
    most: BlockSize,
}

impl<'s, S> Worker<'s, S> {
    fn new<R: Render<State = S>>(batch: &Batch<'s, R>, most: BlockSize) -> Worker<'s, S> {
        Worker {
            ids: RunIds::new(0),
            // No world: the pool runs only batches that meet none.
            thread: batch.thread(false),
            // Room for a block of the reference workload's lines (300 bytes each).
            block: LineBlock::with_capacity(most.lines, most.lines * 512),
            // The first block is small: how much a line writes is not known yet.
            lines: most.lines.div_ceil(8),
            most,
        }
    }

    /// Sizes the next block by what the last one's lines wrote: as many lines as fill a
    /// block's room at that rate, at most the usual number. The full explanations of a set of
    /// thousands of statements take tens of KB a line: 256 of them were 9 MB a block and each
    /// of `jobs + 2` buffers grew to 16 MB.
    fn resize(&mut self, lines: usize, bytes: usize) {
        let BlockSize { lines: most, room } = self.most;
        // Fewer than the most: sized for a quarter over the last rate (lines differ, and a
        // block past its room doubles it).
        let per_line = (bytes / lines.max(1)).max(1);
        self.lines = if room / per_line >= most {
            most
        } else {
            (room / (per_line + per_line / 4)).max(1)
        };
    }

    /// Reads the next block (numbering it) and answers it into `text`; `None` once the input
    /// has ended (or failed: the reading side keeps the error).
    fn answer_next<R: Render<State = S>>(
        &mut self,
        batch: &Batch<'_, R>,
        mut text: Vec<u8>,
        reading: &Mutex<Reading<impl std::io::BufRead>>,
    ) -> Option<Done<R::Case>> {
        let lines = self.lines;
        let mut guard = reading.lock().ok()?;
        let r = &mut *guard;
        if r.ended {
            return None;
        }
        let failed = self.block.fill(&mut r.input, &mut r.next_line, lines).err();
        // The lines before an unreadable one are answered, as on one thread.
        if failed.is_some() || self.block.len() < lines {
            r.ended = true;
            r.failed = failed;
        }
        if self.block.is_empty() {
            return None;
        }
        let seq = r.next_block;
        r.next_block += 1;
        drop(guard);
        text.clear();
        let answers = self
            .block
            .iter()
            .map(|(n, l)| batch.answer(n, l, None, &mut self.ids, &mut self.thread, &mut text))
            .collect();
        self.resize(self.block.len(), text.len());
        let bytes = self.block.bytes();
        Some(Done {
            seq,
            text,
            answers,
            bytes,
        })
    }
}

/// The input of a parallel batch, which the workers read a block at a time.
struct Reading<R> {
    input: R,
    /// The number of the next line.
    next_line: usize,
    /// The number of the next block (blocks are emitted in this order).
    next_block: usize,
    /// Whether the input ended (or failed): no block is read after.
    ended: bool,
    /// The line that could not be read, and why.
    failed: Option<(usize, std::io::Error)>,
}
