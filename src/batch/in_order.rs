//! The in-order writer of a parallel batch: answered blocks, emitted in input order.

use super::Emit;

/// A block a worker has answered: its lines' text, and what each case gave besides.
pub(super) struct Done<C> {
    /// The block's number: blocks are emitted in this order.
    pub(super) seq: usize,
    pub(super) text: Vec<u8>,
    pub(super) answers: Vec<C>,
    /// The bytes of input its lines were.
    pub(super) bytes: usize,
}

/// The writing side of a parallel batch: answered blocks, emitted in input order, their text
/// buffers handed back to the threads that answer blocks.
pub(super) struct InOrder<'e, C> {
    /// Answered blocks by number.
    waiting: std::collections::BTreeMap<usize, Done<C>>,
    /// Blocks emitted so far.
    written: usize,
    spare: std::sync::mpsc::SyncSender<Vec<u8>>,
    emit: &'e mut Emit<'e, C>,
    /// Whether `emit` failed (the output cannot be written): nothing is emitted after.
    pub(super) stopped: bool,
}

impl<'e, C> InOrder<'e, C> {
    /// Emits blocks to `emit`, handing their text buffers back on `spare`.
    pub(super) fn new(
        spare: std::sync::mpsc::SyncSender<Vec<u8>>,
        emit: &'e mut Emit<'e, C>,
    ) -> InOrder<'e, C> {
        InOrder {
            waiting: std::collections::BTreeMap::new(),
            written: 0,
            spare,
            emit,
            stopped: false,
        }
    }

    /// Takes an answered block, emits every block that is next in order and hands their text
    /// buffers back (emptied by the thread that takes one next).
    pub(super) fn take(&mut self, done: Done<C>) {
        self.waiting.insert(done.seq, done);
        while let Some(done) = self.waiting.remove(&self.written) {
            self.stopped = self.stopped || !(self.emit)(&done.text, &done.answers, done.bytes);
            // Fails only once every thread has stopped taking buffers.
            let _ = self.spare.send(done.text);
            self.written += 1;
        }
    }
}
