//! Source files, byte spans and line/column positions.
//!
//! Every element the tool reads carries a [`Span`] (byte offsets into one source file). Spans are
//! turned into 1-based line and column numbers only when something is shown to a person, through
//! the [`LineIndex`] of the file. [`Spanned`] wraps a value with its span; its equality ignores the
//! span, so two policies that differ only in layout compare equal.

pub mod offsets;
pub mod path;

pub use offsets::Offsets;

use std::fmt;
use std::sync::Arc;

/// A byte range `start..end` in one source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }
}

/// A value with the place it was read from. Equality, ordering and hashing ignore the span.
#[derive(Clone, Debug)]
pub struct Spanned<T> {
    /// The value.
    pub node: T,
    /// Where it stands in its source.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps a value.
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
    }
}

impl<T: Eq> Eq for Spanned<T> {}

impl<T: std::hash::Hash> std::hash::Hash for Spanned<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.node.hash(state)
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.node
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Bytes per block of [`LineIndex::chars_before`]: a column is counted within at most two blocks.
const BLOCK: usize = 256;

/// Start offsets of every line of a text, and (for text that is not all ASCII) how many
/// characters precede each block of `BLOCK` bytes, so that a column costs the same on a
/// one-line (minified) file as on a pretty-printed one.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// `chars_before[k]`: characters in the text's first `k * BLOCK` bytes; empty for ASCII.
    chars_before: Vec<u32>,
}

/// Bytes of `b` that start a character (UTF-8 continuation bytes are `0b10xx_xxxx`).
fn char_starts(b: &[u8]) -> usize {
    b.iter().filter(|&&x| (x & 0xC0) != 0x80).count()
}

impl LineIndex {
    /// Indexes a text. A byte order mark at its start is not part of the first line (as
    /// every reader skips it): columns there count from after it.
    pub fn new(text: &str) -> LineIndex {
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut starts = vec![bom];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        let mut chars_before = Vec::new();
        if !text.is_ascii() {
            let mut seen = 0usize;
            chars_before.push(0);
            for block in text.as_bytes().chunks(BLOCK) {
                seen += char_starts(block);
                chars_before.push(u32::try_from(seen).unwrap_or(u32::MAX));
            }
        }
        LineIndex {
            starts,
            chars_before,
        }
    }

    /// Characters in `text[..at]`, `at` a char boundary.
    fn chars_to(&self, text: &str, at: usize) -> usize {
        if self.chars_before.is_empty() {
            return at;
        }
        let k = at / BLOCK;
        let before = self.chars_before.get(k).copied().unwrap_or(0) as usize;
        before + char_starts(text.as_bytes().get(k * BLOCK..at).unwrap_or(&[]))
    }

    /// The line and column of a byte offset of `text` (the text this index was built from).
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts.get(line).copied().unwrap_or(0) as usize;
        let end = (offset as usize).min(text.len());
        let column = if start <= end && text.is_char_boundary(start) && text.is_char_boundary(end) {
            self.chars_to(text, end) - self.chars_to(text, start)
        } else {
            end.saturating_sub(start)
        };
        LineCol {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: u32) -> usize {
        let i = line.saturating_sub(1) as usize;
        self.starts.get(i).copied().unwrap_or(0) as usize
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text<'a>(&self, text: &'a str, line: u32) -> &'a str {
        let i = line.saturating_sub(1) as usize;
        let start = self.starts.get(i).copied().unwrap_or(0) as usize;
        let end = self
            .starts
            .get(i + 1)
            .map(|e| *e as usize)
            .unwrap_or(text.len());
        text.get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }
}

/// Identifies a source file within a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct SourceId(pub u32);

/// One file's name, text and line index.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The name shown to users (the path as given).
    pub name: Arc<str>,
    /// The whole text.
    pub text: Arc<str>,
    /// Line starts of the text.
    pub lines: LineIndex,
    /// For a text read out of another (a policy document inside an account export): where each
    /// of its bytes stands in that source.
    pub within: Option<Within>,
    /// What the text is, for a person, when its file's name does not say (`user alice / inline
    /// start-orders`).
    pub label: Option<Arc<str>>,
}

/// Where a text read out of another source stands in it.
#[derive(Clone, Debug)]
pub struct Within {
    /// The source the text was read out of.
    pub parent: SourceId,
    /// Each byte's offset in the parent.
    pub offsets: Arc<Offsets>,
}

impl SourceFile {
    /// A file from its name and text.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> SourceFile {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            name: name.into(),
            text,
            lines,
            within: None,
            label: None,
        }
    }

    /// Line and column of a byte offset.
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.lines.line_col(&self.text, offset)
    }

    /// The text a span covers.
    pub fn snippet(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }
}

/// All files of one run.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> SourceId {
        let id = SourceId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile::new(name, text));
        id
    }

    /// Adds a text read out of source `parent` (a document inside an export, decoded), with
    /// where each of its bytes stands there and what it is; it is shown under the parent's name,
    /// and its positions are the parent's.
    pub fn add_within(
        &mut self,
        parent: SourceId,
        label: impl Into<Arc<str>>,
        text: impl Into<Arc<str>>,
        offsets: impl Into<Arc<Offsets>>,
    ) -> SourceId {
        let name = self
            .get(parent)
            .map(|f| f.name.clone())
            .unwrap_or_else(|| "<unknown>".into());
        let id = self.add_labelled(name, label, text);
        if let Some(f) = self.files.last_mut() {
            f.within = Some(Within {
                parent,
                offsets: offsets.into(),
            });
        }
        id
    }

    /// Adds a text with a label saying what it is (a policy shipped with swfsim).
    pub fn add_labelled(
        &mut self,
        name: impl Into<Arc<str>>,
        label: impl Into<Arc<str>>,
        text: impl Into<Arc<str>>,
    ) -> SourceId {
        let id = self.add(name, text);
        if let Some(f) = self.files.last_mut() {
            f.label = Some(label.into());
        }
        id
    }

    /// The file of an id.
    pub fn get(&self, id: SourceId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// The file's name (for a text read out of another, that source's), or `<unknown>`.
    pub fn name(&self, id: SourceId) -> &str {
        self.get(id).map(|f| &*f.name).unwrap_or("<unknown>")
    }

    /// What a text is when its file's name does not say (`user alice / inline start-orders`);
    /// `None` for a file of its own.
    pub fn label(&self, id: SourceId) -> Option<&str> {
        self.get(id)?.label.as_deref()
    }

    /// The file a span stands in and the span there: for a text read out of another source,
    /// the place of its bytes in that source (and so on up); else the span itself.
    pub fn resolve(&self, id: SourceId, span: Span) -> (SourceId, Span) {
        let (mut id, mut span) = (id, span);
        // Each step goes to a source added earlier: the walk ends.
        while let Some(w) = self.get(id).and_then(|f| f.within.as_ref()) {
            span = Span {
                start: w.offsets.map(span.start),
                end: w.offsets.map(span.end),
            };
            id = w.parent;
        }
        (id, span)
    }

    /// Line and column of a span's start, in the file it stands in (see [`SourceMap::resolve`]).
    pub fn line_col(&self, id: SourceId, span: Span) -> LineCol {
        let (id, span) = self.resolve(id, span);
        self.get(id)
            .map(|f| f.line_col(span.start))
            .unwrap_or(LineCol { line: 1, column: 1 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let text = "ab\n\u{e9}x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 2, column: 1 });
        // 'x' follows a two-byte character: byte 5, column 2.
        assert_eq!(idx.line_col(text, 5), LineCol { line: 2, column: 2 });
        assert_eq!(idx.line_text(text, 2), "\u{e9}x");
    }

    /// A column is what counting the line's characters gives, on a one-line text of many
    /// blocks with characters of every UTF-8 length straddling the blocks' edges.
    #[test]
    fn columns_of_a_minified_policy_count_characters_across_blocks() {
        let mut text = String::new();
        for i in 0..3_000 {
            text.push_str(["a", "\u{e9}", "\u{20ac}", "\u{1f600}"][i % 4]);
            if i % 997 == 0 {
                text.push('\n');
            }
        }
        let idx = LineIndex::new(&text);
        for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let want = LineCol {
                line: 1 + text[..at].matches('\n').count() as u32,
                column: 1 + text[line_start..at].chars().count() as u32,
            };
            assert_eq!(idx.line_col(&text, at as u32), want, "offset {at}");
        }
    }

    #[test]
    fn spanned_equality_ignores_the_span() {
        let a = Spanned::new("x", Span::new(0, 1));
        let b = Spanned::new("x", Span::new(10, 11));
        assert_eq!(a, b);
    }
}
