//! A batch on one thread: each line answered before the next is read, with the world the
//! lines meet (each start changes the world the next one meets).

use super::case::{Batch, Render};
use super::lines::LineBlock;
use super::Emit;
use crate::swf::{RunIds, World};

/// The answers' text is handed on a buffer's worth at a time: line by line, each was copied
/// into the writer's buffer first (a twentieth of a run).
const WRITE_AT: usize = 1 << 16;

/// Answers `input` a line at a time, handing each case to `emit` as it is answered and the
/// text a buffer's worth at a time; stops once `emit` fails.
pub(super) fn run<R: Render>(
    batch: &Batch<'_, R>,
    mut input: impl std::io::BufRead,
    mut world: Option<&mut World>,
    run_ids: &mut RunIds,
    emit: &mut Emit<'_, R::Case>,
) -> Result<(), (usize, std::io::Error)> {
    let mut thread = batch.thread(world.is_some());
    let mut text = Vec::with_capacity(2 * WRITE_AT);
    let (mut block, mut next) = (LineBlock::with_capacity(1, 512), 1);
    loop {
        let read = block.fill(&mut input, &mut next, 1);
        for (n, line) in block.iter() {
            let world = world.as_deref_mut();
            let case = batch.answer(n, line, world, run_ids, &mut thread, &mut text);
            emit(&[], std::slice::from_ref(&case), block.bytes());
        }
        if text.len() >= WRITE_AT || block.is_empty() || read.is_err() {
            if !emit(&text, &[], 0) {
                return Ok(());
            }
            text.clear();
        }
        read?;
        if block.is_empty() {
            return Ok(());
        }
    }
}
