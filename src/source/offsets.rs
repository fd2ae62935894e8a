//! Where each byte of a decoded text stands in the text it was decoded from.
//!
//! A policy document inside an account export may be written as a JSON object, as JSON text in
//! a JSON string, or percent-encoded in a JSON string. Decoded, it is parsed like any policy;
//! its positions are then carried back to the export through an [`Offsets`]: runs of bytes
//! copied one for one, each escape (`\n`, `\u00e9`, `%7B`) a run of its own.

/// A map from offsets in a decoded text to offsets in its source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Offsets {
    /// `(decoded, source)` at the start of each run, by increasing `decoded`; within a run the
    /// two advance together.
    runs: Vec<(u32, u32)>,
}

impl Offsets {
    /// A text copied one for one from `start` on.
    pub fn shifted(start: u32) -> Offsets {
        Offsets {
            runs: vec![(0, start)],
        }
    }

    /// Records that decoded byte `decoded` comes from source byte `source`: a new run unless it
    /// continues the last one.
    pub fn push(&mut self, decoded: u32, source: u32) {
        if let Some(&(d, s)) = self.runs.last() {
            if decoded >= d && source >= s && decoded - d == source - s {
                return;
            }
        }
        self.runs.push((decoded, source));
    }

    /// The source offset of decoded offset `decoded` (past the end: as far past the last run).
    pub fn map(&self, decoded: u32) -> u32 {
        let i = self.runs.partition_point(|&(d, _)| d <= decoded);
        match i.checked_sub(1).and_then(|i| self.runs.get(i)) {
            Some(&(d, s)) => s.saturating_add(decoded - d),
            None => decoded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shifted_text_maps_each_byte_past_the_start() {
        let o = Offsets::shifted(10);
        assert_eq!(o.map(0), 10);
        assert_eq!(o.map(5), 15);
    }

    #[test]
    fn an_escape_is_a_run_of_its_own() {
        // `%7Ba` decoded to `{a`: `{` from 0..3, `a` from 3.
        let mut o = Offsets::default();
        o.push(0, 0);
        o.push(1, 3);
        o.push(2, 4);
        assert_eq!(o.runs.len(), 2);
        assert_eq!((o.map(0), o.map(1), o.map(2)), (0, 3, 4));
    }
}
