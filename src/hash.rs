//! Hashing for maps and caches keyed by the project's own data and the user's inputs (automaton
//! states, rendered traces, plans): not an attacker's, so a fast multiplicative hash is enough,
//! and a key that is a hash already costs one step.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// A word-at-a-time hasher: texts eight bytes a step, integers one step each.
#[derive(Clone, Copy, Default)]
pub struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes a step (texts hash in a render cache's every lookup); the tail padded.
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.write_u64(u64::from_le_bytes(b));
        }
        // The tail gathered a byte at a time: copied into a word on the stack (a `memcpy` call)
        // and read back whole, it stalled the read on the call's narrower writes.
        let tail = words.remainder();
        if !tail.is_empty() {
            let w = tail
                .iter()
                .rev()
                .fold(0u64, |w, &b| (w << 8) | u64::from(b));
            self.write_u64(w);
        }
    }
    fn write_u64(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, w: usize) {
        self.write_u64(w as u64);
    }
}

/// A map hashed by [`WordHasher`].
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

#[cfg(test)]
mod tests {
    use super::WordHasher;
    use std::hash::Hasher;

    /// A text hashes as its bytes padded with zeros to whole little-endian words, eight at a
    /// step: the tail of one to seven bytes is one more word.
    #[test]
    fn texts_hash_as_their_zero_padded_words() {
        let text: Vec<u8> = (1..=23).collect();
        for len in 0..=text.len() {
            let mut h = WordHasher::default();
            h.write(&text[..len]);
            let mut want = WordHasher::default();
            for chunk in text[..len].chunks(8) {
                let mut b = [0u8; 8];
                b[..chunk.len()].copy_from_slice(chunk);
                want.write_u64(u64::from_le_bytes(b));
            }
            assert_eq!(h.finish(), want.finish(), "{len}");
        }
    }
}
