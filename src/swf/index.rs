//! Finding a world's domains, open `workflowId`s and `runId`s by their text in constant time: a
//! batch of N starts against a world, and reading a world of N executions, stay linear in N.

use crate::hash::WordHasher;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, RandomState};

/// Places of texts, found by a hash of the text. The hash is keyed afresh for each index
/// (`S`: SipHash under random keys), so no input (a world file, a batch's `workflowId`s) can
/// make its texts collide on purpose; the map from that hash to a place needs no second hash. A
/// hit is confirmed against the text itself by the caller (`is`), and two texts of one hash
/// are both kept: an answer never rests on the hash alone. The index holds no copy of the texts.
#[derive(Clone)]
pub(super) struct TextIndex<P, S = RandomState> {
    keys: S,
    first: HashMap<u64, P, BuildHasherDefault<WordHasher>>,
    /// Places whose hash an earlier text took (64 bits under random keys: in practice none).
    more: Vec<(u64, P)>,
}

impl<P: Copy, S: BuildHasher> TextIndex<P, S> {
    /// The place of `text`, `is` telling whether a place holds it.
    pub(super) fn find(&self, text: &str, is: impl Fn(P) -> bool) -> Option<P> {
        let h = self.keys.hash_one(text);
        let p = *self.first.get(&h)?;
        if is(p) {
            return Some(p);
        }
        self.more
            .iter()
            .find(|&&(mh, mp)| mh == h && is(mp))
            .map(|&(_, mp)| mp)
    }

    /// Records that `text` stands at `place`, unless a place already holds it: then that place
    /// is the error.
    pub(super) fn insert(&mut self, text: &str, place: P, is: impl Fn(P) -> bool) -> Result<(), P> {
        let h = self.keys.hash_one(text);
        match self.first.get(&h) {
            None => {
                self.first.insert(h, place);
                Ok(())
            }
            Some(&p) if is(p) => Err(p),
            Some(_) => {
                if let Some(&(_, p)) = self.more.iter().find(|&&(mh, mp)| mh == h && is(mp)) {
                    return Err(p);
                }
                self.more.push((h, place));
                Ok(())
            }
        }
    }
}

impl<P, S: Default> Default for TextIndex<P, S> {
    fn default() -> Self {
        TextIndex {
            keys: S::default(),
            first: HashMap::default(),
            more: Vec::new(),
        }
    }
}

impl<P, S> std::fmt::Debug for TextIndex<P, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextIndex")
            .field("texts", &(self.first.len() + self.more.len()))
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::TextIndex;
    use std::hash::{BuildHasherDefault, Hasher};

    /// Every text hashes alike: what a collision of the keyed hash would do.
    #[derive(Default)]
    struct OneHash;

    impl Hasher for OneHash {
        fn finish(&self) -> u64 {
            7
        }
        fn write(&mut self, _: &[u8]) {}
    }

    /// Texts whose hashes collide are each found at their own place, a text not recorded is not
    /// found, and a text recorded twice answers with its first place: the index never answers
    /// from the hash alone.
    #[test]
    fn texts_of_one_hash_are_each_found_at_their_place() {
        let texts = ["a", "b", "c", "a", "b"];
        let mut ix: TextIndex<usize, BuildHasherDefault<OneHash>> = TextIndex::default();
        let inserted: Vec<_> = (0..texts.len())
            .map(|p| ix.insert(texts[p], p, |q| texts[q] == texts[p]))
            .collect();
        assert_eq!(inserted, [Ok(()), Ok(()), Ok(()), Err(0), Err(1)]);
        for (t, want) in [("a", Some(0)), ("b", Some(1)), ("c", Some(2)), ("d", None)] {
            assert_eq!(ix.find(t, |q| texts[q] == t), want, "{t}");
        }
    }
}
