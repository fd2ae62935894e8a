//! The line reader: a batch's input read a block of lines at a time, each line kept whole or,
//! when it is not UTF-8, as the text before its first invalid byte.

/// A block of input lines: their text one after another (one buffer for
/// the block, not a string a line), and each line's number and place in it.
pub(super) struct LineBlock {
    text: String,
    lines: Vec<BlockLine>,
    /// The bytes of input the lines were, their ends included.
    read: usize,
}

/// A line of a [`LineBlock`]: its number, its place in the block's text, and for a line that is
/// not UTF-8 the offset of its first invalid byte (its place then holds the text before it).
struct BlockLine {
    n: usize,
    at: std::ops::Range<usize>,
    not_utf8: Option<usize>,
}

/// A line as a batch reads it: its text, or the text before its first byte that is not UTF-8
/// and that byte's offset (an input error for that line alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Line<'a> {
    /// The line's text.
    Text(&'a str),
    /// A line that is not UTF-8: the text before its first invalid byte, and that byte's offset.
    NotUtf8 {
        /// The text before the invalid byte.
        before: &'a str,
        /// The invalid byte's offset in the line.
        at: usize,
    },
}

impl LineBlock {
    pub(super) fn with_capacity(lines: usize, bytes: usize) -> LineBlock {
        LineBlock {
            text: String::with_capacity(bytes),
            lines: Vec::with_capacity(lines),
            read: 0,
        }
    }

    /// Empties the block and reads up to `max` lines into it, numbered from `*next` on, as
    /// `BufRead::lines` reads them (without the `\n` or `\r\n` that ends them), but for a line
    /// that is not UTF-8: it is kept as [`Line::NotUtf8`], and the lines after it are read. On
    /// an error reading the input the lines before it stay, with the failing line's number.
    /// The lines' ends are found with `memchr` and the block is checked as UTF-8 at once
    /// (`read_line` searched and checked each line on its own: 800 instructions a line of the
    /// reference workload); only a block that fails is checked line by line.
    pub(super) fn fill(
        &mut self,
        input: &mut impl std::io::BufRead,
        next: &mut usize,
        max: usize,
    ) -> Result<(), (usize, std::io::Error)> {
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        bytes.clear();
        self.lines.clear();
        // Each line's number and bytes, its end included.
        let mut read = Ok(());
        while self.lines.len() < max {
            let start = bytes.len();
            if let Err(e) = read_until_newline(input, &mut bytes) {
                read = Err((*next, e));
                break;
            }
            if bytes.len() == start {
                break;
            }
            self.lines.push(BlockLine {
                n: *next,
                at: start..bytes.len(),
                not_utf8: None,
            });
            *next += 1;
        }
        self.read = bytes.len();
        self.text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => self.keep_utf8(&e.into_bytes()),
        };
        for l in &mut self.lines {
            let line = &self.text.as_bytes()[l.at.clone()];
            let ending = match line {
                _ if l.not_utf8.is_some() => 0,
                [.., b'\r', b'\n'] => 2,
                [.., b'\n'] => 1,
                _ => 0,
            };
            l.at.end -= ending;
        }
        read
    }

    /// The block's text from `bytes`, which are not all UTF-8: each line that is not keeps the
    /// text before its first invalid byte, and that byte's offset. (A newline is never part of
    /// a character: the lines are checked one by one.)
    fn keep_utf8(&mut self, bytes: &[u8]) -> String {
        let mut text = String::with_capacity(bytes.len());
        for l in &mut self.lines {
            let raw = bytes.get(l.at.clone()).unwrap_or_default();
            let start = text.len();
            match std::str::from_utf8(raw) {
                Ok(line) => text.push_str(line),
                Err(e) => {
                    let at = e.valid_up_to();
                    text.push_str(std::str::from_utf8(&raw[..at]).unwrap_or_default());
                    l.not_utf8 = Some(at);
                }
            }
            l.at = start..text.len();
        }
        text
    }

    pub(super) fn len(&self) -> usize {
        self.lines.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The bytes of input the lines were, their ends included.
    pub(super) fn bytes(&self) -> usize {
        self.read
    }

    /// Each line's number and text.
    pub(super) fn iter(&self) -> impl Iterator<Item = (usize, Line<'_>)> {
        self.lines.iter().map(|l| {
            let text = self.text.get(l.at.clone()).unwrap_or_default();
            let line = match l.not_utf8 {
                None => Line::Text(text),
                Some(at) => Line::NotUtf8 { before: text, at },
            };
            (l.n, line)
        })
    }
}

/// Appends the next line of `input` to `buf`, its `\n` included (none at the end of the input),
/// as `BufRead::read_until` does, finding the newline with `memchr`.
fn read_until_newline(input: &mut impl std::io::BufRead, buf: &mut Vec<u8>) -> std::io::Result<()> {
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let (used, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), available.is_empty()),
        };
        buf.extend_from_slice(&available[..used]);
        input.consume(used);
        if done {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A line as a batch reads it: its text, or the text before its first byte that is not
    /// UTF-8 and that byte's offset.
    type Read = Result<String, (String, usize)>;

    /// What a batch reads of `input`: each line as `BufRead::lines` reads it (`\n` or `\r\n`
    /// ends it), or the text before the first byte of it that is not UTF-8, and that byte's
    /// offset.
    fn by_lines(input: &[u8]) -> Vec<Read> {
        let mut lines = Vec::new();
        let mut rest = input;
        while !rest.is_empty() {
            let (mut raw, ended) = match rest.iter().position(|&b| b == b'\n') {
                Some(i) => (rest[..i].to_vec(), i + 1),
                None => (rest.to_vec(), rest.len()),
            };
            if rest.get(ended - 1) == Some(&b'\n') && raw.last() == Some(&b'\r') {
                raw.pop();
            }
            rest = &rest[ended..];
            lines.push(String::from_utf8(raw).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                (String::from_utf8(e.as_bytes()[..at].to_vec()).unwrap(), at)
            }));
        }
        lines
    }

    /// What blocks of `max` lines read, through a reader buffer of `capacity` bytes.
    fn by_blocks(input: &[u8], max: usize, capacity: usize) -> Vec<Read> {
        let mut reader = std::io::BufReader::with_capacity(capacity, input);
        let (mut block, mut next, mut lines) = (LineBlock::with_capacity(max, 16), 1, Vec::new());
        let mut bytes = 0;
        loop {
            block.fill(&mut reader, &mut next, max).unwrap();
            bytes += block.bytes();
            for (n, line) in block.iter() {
                assert_eq!(n, lines.len() + 1);
                lines.push(match line {
                    Line::Text(l) => Ok(l.to_string()),
                    Line::NotUtf8 { before, at } => Err((before.to_string(), at)),
                });
            }
            if block.is_empty() {
                assert_eq!(bytes, input.len(), "every byte counted");
                return lines;
            }
        }
    }

    /// Bytes that make lines: text, `\r`, `\n`, a multi-byte character, and broken UTF-8.
    fn input() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            6 => "[a-z{}\":]{0,12}".prop_map(String::into_bytes),
            3 => Just(b"\n".to_vec()),
            1 => Just(b"\r\n".to_vec()),
            1 => Just(b"\r".to_vec()),
            1 => Just("é€".as_bytes().to_vec()),
            1 => Just(vec![0xff]),
            1 => Just(vec![0xe2, 0x82]),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn blocks_read_the_lines_as_lines_does_and_keep_each_broken_line(
            input in input(),
            max in 1usize..6,
            capacity in 1usize..24,
        ) {
            prop_assert_eq!(by_blocks(&input, max, capacity), by_lines(&input));
        }
    }

    #[test]
    fn blocks_read_long_lines_crlf_and_an_unended_last_line_as_lines_does() {
        let long = "x".repeat(100_000);
        for input in [
            String::new(),
            "\n".into(),
            "a\r\nb\n\nc".into(),
            format!("{long}\r\n{long}\n{long}"),
            "a\r\r\n\r".into(),
        ] {
            for max in [1, 2, 128] {
                assert_eq!(
                    by_blocks(input.as_bytes(), max, 7),
                    by_lines(input.as_bytes())
                );
            }
        }
        let mut broken = b"ok\n".to_vec();
        broken.extend_from_slice(&[0xc3, b'\n', b'z']);
        assert_eq!(
            by_blocks(&broken, 128, 64),
            [
                Ok("ok".to_string()),
                Err((String::new(), 0)),
                Ok("z".into())
            ]
        );
    }
}
