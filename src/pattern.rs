//! IAM wildcards: `*` (any run of characters, empty included) and `?` (exactly one character).
//!
//! Everything else in a pattern is literal: IAM has no brackets, braces, escapes or `**`.
//! [`Pattern`] is the matcher of record. [`PatternSet`] answers "does any of these match?" through
//! globset as an accelerator, after neutralising every globset feature IAM lacks; a test checks it
//! against [`Pattern`] on inputs built to expose the differences.
//!
//! [`Template`] is a pattern or string that may hold policy variables (`${aws:username}`,
//! `${aws:PrincipalTag/team, 'default'}`, `${*}`, `${?}`, `${$}`); resolving it against a lookup
//! gives a [`Pattern`] in which substituted text is always literal.

/// One element of a compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    /// A literal character.
    Lit(char),
    /// `?`: exactly one character. `cross` is false for a `?` inside one of an ARN's first five
    /// segments: it matches one character of its segment, never the `:` that ends it.
    One {
        /// Whether the character may be `:`.
        cross: bool,
    },
    /// `*`: any run of characters. `cross` is false for a `*` inside an ARN segment other than the
    /// resource part that is not the segment's last character: such a `*` does not match `:`.
    Many {
        /// Whether the run may contain `:`.
        cross: bool,
    },
}

/// A compiled wildcard pattern.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pattern {
    toks: Vec<Tok>,
    /// Compare ASCII letters without regard to case (actions).
    fold: bool,
    /// Every `Many` crosses colons: the linear matcher applies (a `One` that does not cross is a
    /// one-character class, which the linear matcher handles).
    simple: bool,
    /// For case-sensitive patterns of literals and `*` only: the literal runs between the stars.
    chunks: Option<Chunks>,
}

/// A `*`-only pattern as literal runs: `prefix*middle*...*suffix` (or one literal when `!star`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Chunks {
    prefix: String,
    middles: Vec<String>,
    suffix: String,
    star: bool,
}

impl Chunks {
    fn of(toks: &[Tok]) -> Option<Chunks> {
        let mut runs: Vec<String> = vec![String::new()];
        for t in toks {
            match t {
                Tok::Lit(c) => runs.last_mut()?.push(*c),
                Tok::Many { cross: true } => runs.push(String::new()),
                _ => return None,
            }
        }
        // Each run grew a character at a time: kept at its own size.
        runs.iter_mut().for_each(String::shrink_to_fit);
        let star = runs.len() > 1;
        let prefix = runs.remove(0);
        let suffix = if star {
            runs.pop().unwrap_or_default()
        } else {
            String::new()
        };
        Some(Chunks {
            prefix,
            middles: runs.into_iter().filter(|m| !m.is_empty()).collect(),
            suffix,
            star,
        })
    }

    /// Whether the literal ends match (all of the match when there is no middle).
    #[inline]
    fn ends_match(&self, text: &str) -> bool {
        if !self.star {
            return same_text(text, &self.prefix);
        }
        text.len() >= self.prefix.len() + self.suffix.len()
            && starts_with_text(text, &self.prefix)
            && ends_with_text(text, &self.suffix)
    }

    /// Greedy leftmost matching is exact for patterns whose only wildcard is `*`.
    fn matches(&self, text: &str) -> bool {
        if !self.ends_match(text) {
            return false;
        }
        if !self.star {
            return true;
        }
        let mut rest = &text[self.prefix.len()..text.len() - self.suffix.len()];
        for m in &self.middles {
            match find(rest, m) {
                Some(i) => rest = &rest[i + m.len()..],
                None => return false,
            }
        }
        true
    }
}

/// `hay.find(needle)`, without the searcher's setup for the short texts of ARNs and keys (a
/// byte-wise search finds the same place: a UTF-8 needle matches only at character boundaries).
fn find(hay: &str, needle: &str) -> Option<usize> {
    if hay.len() > 256 && needle.len() > 16 {
        return hay.find(needle);
    }
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return Some(0);
    };
    (0..(h.len() + 1).saturating_sub(n.len())).find(|&i| h[i] == first && &h[i..i + n.len()] == n)
}

impl Pattern {
    /// A pattern where `*` and `?` are wildcards and everything else is literal.
    pub fn wildcard(text: &str, fold_case: bool) -> Pattern {
        let toks = text
            .chars()
            .map(|c| match c {
                '*' => Tok::Many { cross: true },
                '?' => Tok::One { cross: true },
                c => Tok::Lit(c),
            })
            .collect();
        Pattern::from_toks(toks, fold_case)
    }

    /// A pattern from tokens.
    pub fn from_toks(toks: Vec<Tok>, fold_case: bool) -> Pattern {
        let toks = if fold_case {
            toks.into_iter()
                .map(|t| match t {
                    Tok::Lit(c) => Tok::Lit(c.to_ascii_lowercase()),
                    t => t,
                })
                .collect()
        } else {
            toks
        };
        let mut toks: Vec<Tok> = toks;
        // A compiled policy keeps its patterns: a token is 8 bytes a character, and collecting
        // from characters leaves room for up to twice as many.
        toks.shrink_to_fit();
        let simple = toks
            .iter()
            .all(|t| !matches!(t, Tok::Many { cross: false }));
        let chunks = if fold_case { None } else { Chunks::of(&toks) };
        Pattern {
            toks,
            fold: fold_case,
            simple,
            chunks,
        }
    }

    /// The tokens.
    pub fn toks(&self) -> &[Tok] {
        &self.toks
    }

    /// Whether the pattern has any wildcard.
    pub fn has_wildcard(&self) -> bool {
        self.toks.iter().any(|t| !matches!(t, Tok::Lit(_)))
    }

    /// Whether the pattern matches all of `text`.
    #[inline]
    pub fn matches(&self, text: &str) -> bool {
        // Most patterns are text, or text then one `*`: their ends compare where the caller is.
        match &self.chunks {
            Some(c) if c.middles.is_empty() => c.ends_match(text),
            _ => self.matches_other(text),
        }
    }

    #[inline(never)]
    fn matches_other(&self, text: &str) -> bool {
        if let Some(c) = &self.chunks {
            return c.matches(text);
        }
        if self.simple {
            self.matches_linear(text)
        } else {
            self.matches_dp(text)
        }
    }

    fn matches_linear(&self, text: &str) -> bool {
        linear_match(&self.toks, self.fold, text)
    }

    fn matches_dp(&self, text: &str) -> bool {
        dp_match(&self.toks, self.fold, text)
    }
}

fn eq_char(fold: bool, p: char, c: char) -> bool {
    if fold {
        p == c.to_ascii_lowercase()
    } else {
        p == c
    }
}

/// Matches resolved tokens against text, allocating nothing for ASCII text: the two-pointer
/// matcher when every `*` may cross colons, dynamic programming otherwise. A `?` that may not
/// match `:` is a one-character class, which the two-pointer matcher handles exactly.
pub fn toks_match(toks: &[Tok], fold: bool, text: &str) -> bool {
    if toks.iter().any(|t| matches!(t, Tok::Many { cross: false })) {
        dp_match(toks, fold, text)
    } else {
        linear_match(toks, fold, text)
    }
}

/// The classic two-pointer glob match: linear in practice, at most O(p·t). ASCII text is walked
/// as bytes, other text as characters. Exact when every `*` crosses colons: between two stars
/// the pattern is a fixed-length run of one-character tests (a literal, any character, any but
/// `:`), and the leftmost place each run fits is the best.
fn linear_match(toks: &[Tok], fold: bool, text: &str) -> bool {
    if text.is_ascii() {
        let t = text.as_bytes();
        linear(toks, fold, t.len(), |i| t[i] as char)
    } else {
        let t: Vec<char> = text.chars().collect();
        linear(toks, fold, t.len(), |i| t[i])
    }
}

fn linear(p: &[Tok], fold: bool, len: usize, at: impl Fn(usize) -> char) -> bool {
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < len {
        match p.get(pi) {
            Some(Tok::Many { .. }) => {
                star = Some((pi, ti));
                pi += 1;
                continue;
            }
            Some(Tok::One { cross }) if *cross || at(ti) != ':' => {
                pi += 1;
                ti += 1;
                continue;
            }
            Some(Tok::Lit(c)) if eq_char(fold, *c, at(ti)) => {
                pi += 1;
                ti += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some((sp, st)) => {
                pi = sp + 1;
                ti = st + 1;
                star = Some((sp, st + 1));
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|t| matches!(t, Tok::Many { .. }))
}

/// Dynamic programming over (pattern, text) positions: handles `*` that may not cross `:`.
fn dp_match(toks: &[Tok], fold: bool, text: &str) -> bool {
    let t: Vec<char> = text.chars().collect();
    // cur[j]: the pattern prefix read so far matches t[..j].
    let mut cur = vec![false; t.len() + 1];
    cur[0] = true;
    for tok in toks {
        let mut next = vec![false; t.len() + 1];
        match tok {
            Tok::Lit(c) => {
                for j in 0..t.len() {
                    if cur[j] && eq_char(fold, *c, t[j]) {
                        next[j + 1] = true;
                    }
                }
            }
            Tok::One { cross } => {
                for j in 0..t.len() {
                    if cur[j] && (*cross || t[j] != ':') {
                        next[j + 1] = true;
                    }
                }
            }
            Tok::Many { cross } => {
                let mut on = false;
                for j in 0..=t.len() {
                    if cur[j] {
                        on = true;
                    }
                    next[j] = on;
                    if on && j < t.len() && !*cross && t[j] == ':' {
                        on = false;
                    }
                }
            }
        }
        cur = next;
    }
    cur[t.len()]
}

/// A token buffer that lives on the stack up to 160 tokens (every SWF domain ARN fits).
pub struct TokBuf {
    stack: [Tok; 160],
    len: usize,
    heap: Vec<Tok>,
}

impl Default for TokBuf {
    fn default() -> TokBuf {
        TokBuf {
            stack: [const { Tok::One { cross: true } }; 160],
            len: 0,
            heap: Vec::new(),
        }
    }
}

impl TokBuf {
    /// Appends a token.
    pub fn push(&mut self, t: Tok) {
        if self.heap.is_empty() && self.len < self.stack.len() {
            self.stack[self.len] = t;
            self.len += 1;
        } else {
            if self.heap.is_empty() {
                self.heap.extend_from_slice(&self.stack[..self.len]);
            }
            self.heap.push(t);
        }
    }

    /// The tokens.
    pub fn as_slice(&self) -> &[Tok] {
        if self.heap.is_empty() {
            &self.stack[..self.len]
        } else {
            &self.heap
        }
    }
}

/// The naive recursive matcher IAM's wording describes, kept as the reference for tests.
pub fn reference_match(pattern: &str, text: &str, fold_case: bool) -> bool {
    fn go(p: &[char], t: &[char]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some(('*', rest)) => (0..=t.len()).any(|i| go(rest, &t[i..])),
            Some(('?', rest)) => !t.is_empty() && go(rest, &t[1..]),
            Some((c, rest)) => t.first() == Some(c) && go(rest, &t[1..]),
        }
    }
    let fold = |s: &str| -> Vec<char> {
        s.chars()
            .map(|c| if fold_case { c.to_ascii_lowercase() } else { c })
            .collect()
    };
    go(&fold(pattern), &fold(text))
}

/// Several wildcard patterns; `is_match` asks whether any matches, through globset.
#[derive(Clone, Debug)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    glob: Option<globset::GlobSet>,
    fold: bool,
    /// Some pattern has `?`: globset's `?` matches one byte, not one character, so non-ASCII
    /// input goes to the matcher of record.
    question: bool,
}

/// Rewrites an IAM wildcard pattern as a globset glob with the same meaning: every character
/// other than `*` and `?` is escaped (so `[`, `{`, `\` and `!` are literal), and runs of `*` are
/// collapsed (so `**` never takes globset's recursive meaning).
pub fn to_glob(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut prev_star = false;
    for c in pattern.chars() {
        match c {
            '*' => {
                if !prev_star {
                    out.push('*');
                }
                prev_star = true;
                continue;
            }
            '?' => out.push('?'),
            c if c.is_alphanumeric() => out.push(c),
            c => {
                out.push('\\');
                out.push(c);
            }
        }
        prev_star = false;
    }
    out
}

impl PatternSet {
    /// Compiles the patterns (`*` and `?` wildcards). With `fold_case`, ASCII letters compare
    /// without regard to case (and only ASCII letters: globset's Unicode case folding is not used).
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>, fold_case: bool) -> PatternSet {
        let texts: Vec<String> = patterns
            .into_iter()
            .map(|p| {
                if fold_case {
                    p.to_ascii_lowercase()
                } else {
                    p.to_string()
                }
            })
            .collect();
        let compiled = texts.iter().map(|t| Pattern::wildcard(t, false)).collect();
        let mut builder = globset::GlobSetBuilder::new();
        let mut ok = true;
        for t in &texts {
            let glob = globset::GlobBuilder::new(&to_glob(t))
                .literal_separator(false)
                .backslash_escape(true)
                .case_insensitive(false)
                .empty_alternates(false)
                .build();
            match glob {
                Ok(g) => {
                    builder.add(g);
                }
                Err(_) => ok = false,
            }
        }
        let glob = if ok { builder.build().ok() } else { None };
        PatternSet {
            patterns: compiled,
            glob,
            fold: fold_case,
            question: texts.iter().any(|t| t.contains('?')),
        }
    }

    /// Whether any pattern matches all of `text`.
    pub fn is_match(&self, text: &str) -> bool {
        let folded;
        let text = if self.fold {
            folded = text.to_ascii_lowercase();
            folded.as_str()
        } else {
            text
        };
        match &self.glob {
            Some(g) if !self.question || text.is_ascii() => g.is_match(text),
            _ => self.patterns.iter().any(|p| p.matches(text)),
        }
    }

    /// Whether globset is in use (false only if a pattern could not be compiled by it).
    #[cfg(test)]
    pub fn accelerated(&self) -> bool {
        self.glob.is_some()
    }
}

/// One piece of a [`Template`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// Literal text.
    Text(String),
    /// `*` (only where wildcards are meaningful).
    Star,
    /// `?` (only where wildcards are meaningful).
    Question,
    /// `${key}` or `${key, 'default'}` (boxed: the other parts, far more common, stay small).
    Var(Box<Variable>),
}

/// A policy variable.
#[derive(Clone, Debug)]
pub struct Variable {
    /// The key as written.
    pub key: String,
    /// The key in lower case (keys compare case-insensitively).
    pub key_lower: String,
    /// The default value, if given.
    pub default: Option<String>,
    /// The key's slot among a context's known keys, once a compiler has bound it
    /// ([`Template::bind_slots`]): a lookup by slot is an index, not a search by name. It follows
    /// from the key, so it takes no part in equality.
    pub slot: Option<u8>,
}

impl PartialEq for Variable {
    fn eq(&self, other: &Variable) -> bool {
        self.key == other.key && self.key_lower == other.key_lower && self.default == other.default
    }
}

impl Eq for Variable {}

impl std::hash::Hash for Variable {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
        self.key_lower.hash(state);
        self.default.hash(state);
    }
}

/// How a matcher reads a variable's value: the key's single value, borrowed, or `None` when the
/// key is missing (or multivalued).
pub type VarLookup<'a, 'v> = &'a dyn Fn(&Variable) -> Option<&'v str>;

/// A piece of a resolved template: literal text, `?` or `*` (which crosses everything).
#[derive(Clone, Copy, Debug)]
enum Piece<'a> {
    Lit(&'a str),
    One,
    Many,
}

/// The two-pointer wildcard match over pieces: literal bytes compare byte by byte (a literal
/// starts at a character boundary of the text, so its UTF-8 matches whole characters), `?` and
/// a `*`'s retries advance by whole characters.
fn pieces_match(pieces: &[Piece<'_>], text: &str) -> bool {
    let t = text.as_bytes();
    let step = |i: usize| i + text[i..].chars().next().map_or(1, char::len_utf8);
    let (mut pi, mut po, mut ti) = (0usize, 0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    loop {
        match pieces.get(pi) {
            Some(Piece::Many) => {
                star = Some((pi + 1, ti));
                pi += 1;
                po = 0;
                continue;
            }
            Some(Piece::One) if ti < t.len() => {
                ti = step(ti);
                pi += 1;
                continue;
            }
            Some(Piece::Lit(l)) if po == l.len() => {
                pi += 1;
                po = 0;
                continue;
            }
            Some(Piece::Lit(l)) if ti < t.len() && t[ti] == l.as_bytes()[po] => {
                ti += 1;
                po += 1;
                continue;
            }
            None if ti == t.len() => return true,
            _ => {}
        }
        match star {
            Some((sp, st)) if st < t.len() => {
                let next = step(st);
                star = Some((sp, next));
                pi = sp;
                po = 0;
                ti = next;
            }
            _ => return false,
        }
    }
}

/// Text with optional wildcards and policy variables, parsed once at load time.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Template {
    /// The pieces in order.
    pub parts: Vec<Part>,
}

/// The literal run read so far, as a part of its own size (it grew a character at a time).
fn text_part(lit: &mut String) -> Part {
    let mut text = std::mem::take(lit);
    text.shrink_to_fit();
    Part::Text(text)
}

impl Template {
    /// Parses `text`. With `variables`, `${...}` is a variable (or `${*}`, `${?}`, `${$}`, which
    /// stand for the literal character); with `wildcards`, `*` and `?` are wildcards.
    pub fn parse(text: &str, variables: bool, wildcards: bool) -> Template {
        let mut parts: Vec<Part> = Vec::new();
        let mut lit = String::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if variables && rest.starts_with("${") {
                if let Some(end) = rest.find('}') {
                    let inner = &rest[2..end];
                    let special = match inner {
                        "*" => Some('*'),
                        "?" => Some('?'),
                        "$" => Some('$'),
                        _ => None,
                    };
                    if let Some(ch) = special {
                        lit.push(ch);
                        rest = &rest[end + 1..];
                        continue;
                    }
                    if let Some(var) = parse_variable(inner) {
                        if !lit.is_empty() {
                            parts.push(text_part(&mut lit));
                        }
                        parts.push(Part::Var(Box::new(var)));
                        rest = &rest[end + 1..];
                        continue;
                    }
                }
            }
            match c {
                '*' if wildcards => {
                    if !lit.is_empty() {
                        parts.push(text_part(&mut lit));
                    }
                    parts.push(Part::Star);
                }
                '?' if wildcards => {
                    if !lit.is_empty() {
                        parts.push(text_part(&mut lit));
                    }
                    parts.push(Part::Question);
                }
                c => lit.push(c),
            }
            rest = &rest[c.len_utf8()..];
        }
        if !lit.is_empty() {
            parts.push(text_part(&mut lit));
        }
        // A compiled policy keeps its templates: no room past their parts.
        parts.shrink_to_fit();
        Template { parts }
    }

    /// Whether any variable appears.
    pub fn has_variables(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Var(_)))
    }

    /// The variables, in order.
    pub fn variables(&self) -> impl Iterator<Item = &Variable> {
        self.parts.iter().filter_map(|p| match p {
            Part::Var(v) => Some(&**v),
            _ => None,
        })
    }

    /// The text, borrowed, when the template is one literal piece (or empty).
    pub fn plain_ref(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [] => Some(""),
            [Part::Text(t)] => Some(t),
            _ => None,
        }
    }

    /// The text when there are no variables and no wildcards.
    #[cfg(test)]
    pub fn as_plain(&self) -> Option<String> {
        let mut s = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => s.push_str(t),
                _ => return None,
            }
        }
        Some(s)
    }

    /// Substitutes variables through `lookup` (which returns the single value of a key, or
    /// `None` when the key is missing). A variable whose key is missing takes its default; with
    /// no default the whole template resolves to `None` (it matches nothing). Substituted text is
    /// literal, even if it holds `*` or `?`.
    pub fn resolve(&self, lookup: &dyn Fn(&str) -> Option<String>) -> Option<Vec<Tok>> {
        let mut toks = Vec::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => toks.extend(t.chars().map(Tok::Lit)),
                Part::Star => toks.push(Tok::Many { cross: true }),
                Part::Question => toks.push(Tok::One { cross: true }),
                Part::Var(v) => {
                    let value = lookup(&v.key).or_else(|| v.default.clone())?;
                    toks.extend(value.chars().map(Tok::Lit));
                }
            }
        }
        Some(toks)
    }

    /// Like [`Template::resolve`], into a caller's buffer, with `lookup` borrowing values (by
    /// lower-case key): no allocation. Returns false when a variable's key is missing and has no
    /// default.
    pub fn resolve_into<'v>(&'v self, lookup: VarLookup<'_, 'v>, buf: &mut TokBuf) -> bool {
        resolve_parts_into(&self.parts, lookup, buf)
    }

    /// Whether the template, variables substituted (as literal text) and `*` and `?` taken as
    /// wildcards that cross everything, matches `text`: the answer of [`Template::resolve_into`]
    /// and [`toks_match`], with no token buffer. False when a variable's key is missing and has
    /// no default.
    pub fn matches_resolved<'v>(&'v self, lookup: VarLookup<'_, 'v>, text: &str) -> bool {
        self.matches_with(lookup, text)
    }

    /// [`Template::matches_resolved`] with the lookup known to the compiler (a caller's closure
    /// inlined into the match).
    #[inline]
    pub fn matches_with<'v>(
        &'v self,
        lookup: impl Fn(&Variable) -> Option<&'v str>,
        text: &str,
    ) -> bool {
        parts_match_with(&self.parts, lookup, text)
    }

    /// For a caller that matches one text against many requests' values: where the template's
    /// leading literal text ends, in its parts and in `text`, or `None` when `text` does not
    /// start with it (the template matches `text` with no values). The template matches `text`
    /// when [`Template::matches_after_with`] matches the rest of both.
    pub fn literal_head(&self, text: &str) -> Option<(usize, usize)> {
        let (mut parts, mut bytes) = (0, 0);
        for p in &self.parts {
            let Part::Text(t) = p else { break };
            bytes += strip_prefix_text(text.get(bytes..)?, t).map(|_| t.len())?;
            parts += 1;
        }
        Some((parts, bytes))
    }

    /// [`Template::matches_with`] for the parts from `first` on: the rest of a text whose head
    /// [`Template::literal_head`] matched.
    #[inline]
    pub fn matches_after_with<'v>(
        &'v self,
        first: usize,
        lookup: impl Fn(&Variable) -> Option<&'v str>,
        text: &str,
    ) -> bool {
        parts_match_with(self.parts.get(first..).unwrap_or_default(), lookup, text)
    }

    /// Whether the template, variables substituted, equals `text` exactly; no allocation.
    /// `None` when a variable's key is missing and has no default.
    pub fn equals_resolved<'v>(&'v self, lookup: VarLookup<'_, 'v>, text: &str) -> Option<bool> {
        let mut rest = text;
        let mut ok = true;
        for p in &self.parts {
            let piece: &str = match p {
                Part::Text(t) => t,
                Part::Star => "*",
                Part::Question => "?",
                Part::Var(v) => lookup(v).or(v.default.as_deref())?,
            };
            match strip_prefix_text(rest, piece) {
                Some(r) if ok => rest = r,
                _ => ok = false,
            }
        }
        Some(ok && rest.is_empty())
    }

    /// Binds each variable to its key's slot (`slot_of` takes the lower-case key).
    pub fn bind_slots(&mut self, slot_of: &dyn Fn(&str) -> Option<u8>) {
        for p in &mut self.parts {
            if let Part::Var(v) = p {
                v.slot = slot_of(&v.key_lower);
            }
        }
    }

    /// Like [`Template::resolve`], but into a string (wildcards written as `*` and `?`).
    pub fn resolve_string(&self, lookup: &dyn Fn(&str) -> Option<String>) -> Option<String> {
        let mut s = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => s.push_str(t),
                Part::Star => s.push('*'),
                Part::Question => s.push('?'),
                Part::Var(v) => s.push_str(&lookup(&v.key).or_else(|| v.default.clone())?),
            }
        }
        Some(s)
    }
}

/// Whether `parts`, variables substituted through `lookup`, match `text`: the body of
/// [`Template::matches_with`].
#[inline]
fn parts_match_with<'v>(
    parts: &'v [Part],
    lookup: impl Fn(&Variable) -> Option<&'v str>,
    text: &str,
) -> bool {
    const MAX: usize = 16;
    if parts.len() > MAX {
        let mut buf = TokBuf::default();
        return resolve_parts_into(parts, &lookup, &mut buf)
            && toks_match(buf.as_slice(), false, text);
    }
    // Text and variables' values before the first wildcard compare where they stand (no
    // star can give them back), and a lone final `*` takes whatever is left.
    let mut rest = text;
    let mut first_wildcard = parts.len();
    for (i, p) in parts.iter().enumerate() {
        let literal = match p {
            Part::Text(t) => t.as_str(),
            Part::Var(v) => match lookup(v).or(v.default.as_deref()) {
                Some(value) => value,
                None => return false,
            },
            Part::Star | Part::Question => {
                first_wildcard = i;
                break;
            }
        };
        match strip_prefix_text(rest, literal) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    let tail = &parts[first_wildcard..];
    match tail {
        [] => return rest.is_empty(),
        [Part::Star] => return true,
        _ => {}
    }
    let mut pieces = [Piece::Many; MAX];
    for (slot, p) in pieces.iter_mut().zip(tail) {
        *slot = match p {
            Part::Text(t) => Piece::Lit(t),
            Part::Star => Piece::Many,
            Part::Question => Piece::One,
            Part::Var(v) => match lookup(v).or(v.default.as_deref()) {
                Some(value) => Piece::Lit(value),
                None => return false,
            },
        };
    }
    pieces_match(&pieces[..tail.len()], rest)
}

/// Substitutes variables in `parts` into `buf`: the body of [`Template::resolve_into`].
fn resolve_parts_into<'v>(parts: &'v [Part], lookup: VarLookup<'_, 'v>, buf: &mut TokBuf) -> bool {
    for p in parts {
        match p {
            Part::Text(t) => t.chars().for_each(|c| buf.push(Tok::Lit(c))),
            Part::Star => buf.push(Tok::Many { cross: true }),
            Part::Question => buf.push(Tok::One { cross: true }),
            Part::Var(v) => match lookup(v).or(v.default.as_deref()) {
                Some(value) => value.chars().for_each(|c| buf.push(Tok::Lit(c))),
                None => return false,
            },
        }
    }
    true
}

/// `key` or `key, 'default'` (one space after the comma, single quotes), as IAM writes them.
fn parse_variable(inner: &str) -> Option<Variable> {
    let (key, default) = match inner.split_once(',') {
        None => (inner, None),
        Some((k, d)) => {
            let d = d.strip_prefix(' ')?;
            let d = d.strip_prefix('\'')?.strip_suffix('\'')?;
            (k, Some(d.to_string()))
        }
    };
    if key.is_empty() || key.contains(char::is_whitespace) || !key.contains(':') {
        return None;
    }
    Some(Variable {
        key: key.to_string(),
        key_lower: key.to_ascii_lowercase(),
        default,
        slot: None,
    })
}

/// `a == b`, settled by the lengths and the last bytes before the bytes are compared in full:
/// the texts a policy compares mostly differ in one of those (`team-a`, `team-b`), and a full
/// compare is a call. Two empty texts are equal without it: an empty `String`'s pointer is
/// dangling, and glibc's AVX-512 `memcmp` reads it with a masked load whose fault suppression
/// costs some 80 ns on the benchmark machine (the empty fault detail of nearly every batch line
/// compared so cost a tenth of a brief line).
#[inline]
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && (a.is_empty() || (a.last() == b.last() && a == b))
}

/// `text.starts_with(head)`, the first bytes compared before the rest (and no call for an empty
/// `head`).
#[inline]
pub(crate) fn starts_with_text(text: &str, head: &str) -> bool {
    let (text, head) = (text.as_bytes(), head.as_bytes());
    match head.first() {
        None => true,
        Some(first) => text
            .get(..head.len())
            .is_some_and(|t| t.first() == Some(first) && t == head),
    }
}

/// `text.strip_prefix(head)`, through [`starts_with_text`].
#[inline]
pub(crate) fn strip_prefix_text<'t>(text: &'t str, head: &str) -> Option<&'t str> {
    if starts_with_text(text, head) {
        text.get(head.len()..)
    } else {
        None
    }
}

/// `text.ends_with(tail)`, the last bytes compared before the rest (and no call for an empty
/// `tail`).
#[inline]
pub(crate) fn ends_with_text(text: &str, tail: &str) -> bool {
    let (text, tail) = (text.as_bytes(), tail.as_bytes());
    match tail.last() {
        None => true,
        Some(last) => text
            .len()
            .checked_sub(tail.len())
            .and_then(|at| text.get(at..))
            .is_some_and(|t| t.last() == Some(last) && t == tail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One pattern, three matchers: the reference, [`Pattern`] and the globset-backed set.
    fn check(pattern: &str, text: &str, fold: bool, expected: bool) {
        assert_eq!(
            reference_match(pattern, text, fold),
            expected,
            "reference: {pattern:?} ~ {text:?}"
        );
        assert_eq!(
            Pattern::wildcard(pattern, fold).matches(text),
            expected,
            "Pattern: {pattern:?} ~ {text:?}"
        );
        let set = PatternSet::new([pattern], fold);
        assert!(set.accelerated(), "globset refused {pattern:?}");
        assert_eq!(
            set.is_match(text),
            expected,
            "PatternSet: {pattern:?} ~ {text:?}"
        );
    }

    #[test]
    fn star_and_question() {
        check("swf:Start*", "swf:StartWorkflowExecution", false, true);
        check("swf:*Workflow*", "swf:StartWorkflowExecution", false, true);
        check(
            "swf:StartWorkflowExecutio?",
            "swf:StartWorkflowExecution",
            false,
            true,
        );
        check(
            "swf:StartWorkflowExecutio?",
            "swf:StartWorkflowExecutio",
            false,
            false,
        );
        check("*", "", false, true);
        check("a*b*c", "abbbc", false, true);
        check("a*b*c", "abbb", false, false);
    }

    #[test]
    fn action_case_folding_is_ascii_only() {
        check(
            "SWF:startworkflowexecution",
            "swf:StartWorkflowExecution",
            true,
            true,
        );
        // The Kelvin sign folds to `k` under Unicode rules but not under ASCII rules.
        check("\u{212A}", "k", true, false);
        check("\u{e9}", "\u{c9}", true, false);
    }

    #[test]
    fn globset_syntax_iam_lacks_is_literal() {
        // Brackets, braces, backslash and `!` are ordinary characters in IAM.
        check("a[bc]d", "abd", false, false);
        check("a[bc]d", "a[bc]d", false, true);
        check("{a,b}", "a", false, false);
        check("{a,b}", "{a,b}", false, true);
        check("a\\*", "a\\xyz", false, true);
        check("a\\*", "a*", false, false);
        check("[!a]", "[!a]", false, true);
        // `**` is two stars, not globset's recursive wildcard; `*` crosses `/`.
        check("a/**/b", "a/b", false, false);
        check("a/**/b", "a//b", false, true);
        check("a/**", "a/x/y", false, true);
        check("/domain/*", "/domain/x/y", false, true);
        // `?` is one character, also outside ASCII.
        check("d?", "d\u{e9}", false, true);
        check("d?", "d\u{1F600}", false, true);
        check("d??", "d\u{1F600}", false, false);
    }

    #[test]
    fn wildcards_that_must_not_match_colons() {
        use Tok::{Lit, Many, One};
        for (toks, text, want) in [
            (
                vec![Lit('a'), Many { cross: false }, Lit('b')],
                "axxb",
                true,
            ),
            (
                vec![Lit('a'), Many { cross: false }, Lit('b')],
                "ax:xb",
                false,
            ),
            (vec![Lit('a'), One { cross: false }, Lit('b')], "axb", true),
            (vec![Lit('a'), One { cross: false }, Lit('b')], "a:b", false),
            // Behind a `*` that crosses, the two-pointer matcher must retry past the colon.
            (
                vec![Many { cross: true }, One { cross: false }, Lit('b')],
                "::xb",
                true,
            ),
            (
                vec![Many { cross: true }, One { cross: false }, Lit('b')],
                "x:b",
                false,
            ),
        ] {
            let p = Pattern::from_toks(toks.clone(), false);
            assert_eq!(p.matches(text), want, "{toks:?} ~ {text:?}");
        }
    }

    #[test]
    fn templates_substitute_literally() {
        let t = Template::parse("/domain/${aws:username}-*", true, true);
        let lookup = |k: &str| (k.eq_ignore_ascii_case("aws:username")).then(|| "a*".to_string());
        let p = Pattern::from_toks(t.resolve(&lookup).unwrap(), false);
        assert!(p.matches("/domain/a*-x"));
        assert!(!p.matches("/domain/abc-x"), "a substituted `*` is literal");
        let none = |_: &str| None;
        assert!(
            t.resolve(&none).is_none(),
            "a missing key without default matches nothing"
        );
        let d = Template::parse("${aws:PrincipalTag/team, 'orders'}", true, false);
        assert_eq!(d.resolve_string(&none).as_deref(), Some("orders"));
        let s = Template::parse("${*}${?}${$}", true, true);
        assert_eq!(s.as_plain().as_deref(), Some("*?$"));
        let off = Template::parse("${aws:username}", false, true);
        assert_eq!(off.as_plain().as_deref(), Some("${aws:username}"));
    }

    /// Patterns of up to `n` tokens: literals `a` and `:`, and `?` and `*` each with and
    /// without leave to match `:`.
    pub(super) fn toks(n: usize) -> impl proptest::strategy::Strategy<Value = Vec<Tok>> {
        use proptest::prelude::Just;
        let tok = proptest::prop_oneof![
            Just(Tok::Lit('a')),
            Just(Tok::Lit(':')),
            Just(Tok::One { cross: true }),
            Just(Tok::One { cross: false }),
            Just(Tok::Many { cross: true }),
            Just(Tok::Many { cross: false }),
        ];
        proptest::collection::vec(tok, 0..=n)
    }

    /// The naive recursive matcher over tokens: a `?` or `*` without `cross` never takes `:`.
    fn toks_reference(p: &[Tok], t: &[char]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some((Tok::Lit(c), rest)) => t.first() == Some(c) && toks_reference(rest, &t[1..]),
            Some((Tok::One { cross }, rest)) => {
                t.first().is_some_and(|&c| *cross || c != ':') && toks_reference(rest, &t[1..])
            }
            Some((Tok::Many { cross }, rest)) => (0..=t.len())
                .take_while(|&i| *cross || i == 0 || t[i - 1] != ':')
                .any(|i| toks_reference(rest, &t[i..])),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn matchers_agree_with_the_reference(p in "[ab*?\\[\\]{}\\\\/:.]{0,8}", t in "[ab\\[\\]{}\\\\/:.]{0,10}", fold: bool) {
            let expected = reference_match(&p, &t, fold);
            proptest::prop_assert_eq!(Pattern::wildcard(&p, fold).matches(&t), expected);
            // The same pattern through the linear and DP matchers (the chunked one is skipped).
            let pat = Pattern::wildcard(&p, fold);
            proptest::prop_assert_eq!(pat.matches_linear(&t), expected);
            proptest::prop_assert_eq!(pat.matches_dp(&t), expected);
            proptest::prop_assert_eq!(PatternSet::new([p.as_str()], fold).is_match(&t), expected);
            // A run of `*` means the same as one `*`.
            let collapsed = p.replace("**", "*");
            proptest::prop_assert_eq!(reference_match(&collapsed, &t, fold), expected);
        }

        /// Tokens with and without the ARN segments' colon rule, through every matcher that
        /// takes them: the two-pointer one only when every `*` crosses colons.
        #[test]
        fn token_matchers_agree_with_the_reference(p in toks(8), t in "[a:b]{0,10}") {
            let expected = toks_reference(&p, &t.chars().collect::<Vec<_>>());
            let pat = Pattern::from_toks(p.clone(), false);
            proptest::prop_assert_eq!(pat.matches(&t), expected);
            proptest::prop_assert_eq!(pat.matches_dp(&t), expected);
            proptest::prop_assert_eq!(toks_match(&p, false, &t), expected);
            if pat.simple {
                proptest::prop_assert_eq!(pat.matches_linear(&t), expected);
            }
        }

        /// A template with a variable matched over borrowed pieces (literals before the first
        /// wildcard compared whole, a lone final `*` taking the rest) gives the answer of the
        /// resolved token pattern.
        #[test]
        fn resolved_templates_match_as_their_token_patterns(
            p in "([ab*?/]|\\$\\{aws:username\\}){0,6}",
            t in "[ab/*?é]{0,14}",
            user in proptest::option::of("[ab*é]{0,3}"),
        ) {
            let template = Template::parse(&p, true, true);
            let borrowed = |v: &Variable| (v.key_lower == "aws:username").then_some(user.as_deref()).flatten();
            let owned = |k: &str| (k == "aws:username").then(|| user.clone()).flatten();
            let expected = template
                .resolve(&owned)
                .is_some_and(|toks| Pattern::from_toks(toks, false).matches(&t));
            proptest::prop_assert_eq!(template.matches_resolved(&borrowed, &t), expected);
        }
    }
}

/// The search gave up: the product of the patterns' automata is larger than the bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge;

/// A string that every pattern of `must` matches and no pattern of `must_not` matches, or `None`
/// when there is none: an exact decision, not a sample. It explores the product of the
/// patterns' automata over the characters the patterns mention, plus one fresh character that
/// stands for every other (wildcards cannot tell them apart), breadth first, so the witness is a
/// shortest one. Gives up with [`TooLarge`] after `max_states` product states rather than guess.
/// (About 100 lines: one breadth-first search, its state and its step read best together.)
pub fn witness(
    must: &[&Pattern],
    must_not: &[&Pattern],
    max_states: usize,
) -> Result<Option<String>, TooLarge> {
    use std::collections::{HashMap, VecDeque};
    let all: Vec<&Pattern> = must.iter().chain(must_not).copied().collect();
    // The alphabet: every literal (both cases where a pattern folds case), `:`, and a fresh char.
    let mut alphabet: Vec<char> = vec![':'];
    for p in &all {
        for t in &p.toks {
            if let Tok::Lit(c) = t {
                alphabet.push(*c);
                if p.fold {
                    alphabet.push(c.to_ascii_uppercase());
                    alphabet.push(c.to_ascii_lowercase());
                }
            }
        }
    }
    alphabet.sort_unstable();
    alphabet.dedup();
    let fresh = ('\u{E000}'..='\u{F8FF}')
        .find(|c| !alphabet.contains(c))
        .unwrap_or('\u{E000}');
    alphabet.push(fresh);
    // One state per pattern: the set of token positions reached (after `*` closure).
    type State = Vec<Vec<bool>>;
    let closure = |p: &Pattern, set: &mut Vec<bool>| {
        for i in 0..p.toks.len() {
            if set[i] && matches!(p.toks[i], Tok::Many { .. }) {
                set[i + 1] = true;
            }
        }
    };
    let step = |p: &Pattern, set: &[bool], c: char| -> Vec<bool> {
        let mut next = vec![false; p.toks.len() + 1];
        for (i, on) in set.iter().enumerate() {
            if !*on || i == p.toks.len() {
                continue;
            }
            match p.toks[i] {
                Tok::Lit(x) => {
                    if eq_char(p.fold, x, c) {
                        next[i + 1] = true;
                    }
                }
                Tok::One { cross } => {
                    if cross || c != ':' {
                        next[i + 1] = true;
                    }
                }
                Tok::Many { cross } => {
                    if cross || c != ':' {
                        next[i] = true;
                    }
                }
            }
        }
        closure(p, &mut next);
        next
    };
    let start: State = all
        .iter()
        .map(|p| {
            let mut s = vec![false; p.toks.len() + 1];
            s[0] = true;
            closure(p, &mut s);
            s
        })
        .collect();
    let accepts = |st: &State| -> bool {
        let ok = |i: usize| st[i][all[i].toks.len()];
        (0..must.len()).all(ok) && !(must.len()..all.len()).any(ok)
    };
    let mut parent: HashMap<State, Option<(State, char)>> = HashMap::new();
    let mut queue = VecDeque::new();
    parent.insert(start.clone(), None);
    queue.push_back(start);
    while let Some(st) = queue.pop_front() {
        if accepts(&st) {
            let mut chars = Vec::new();
            let mut cur = st;
            while let Some(Some((prev, c))) = parent.get(&cur).cloned() {
                chars.push(c);
                cur = prev;
            }
            return Ok(Some(chars.into_iter().rev().collect()));
        }
        for &c in &alphabet {
            let next: State = all.iter().zip(&st).map(|(p, s)| step(p, s, c)).collect();
            // A `must` pattern with no live position can never match again.
            if next[..must.len()].iter().any(|s| !s.iter().any(|b| *b)) {
                continue;
            }
            if !parent.contains_key(&next) {
                if parent.len() >= max_states {
                    return Err(TooLarge);
                }
                parent.insert(next.clone(), Some((st.clone(), c)));
                queue.push_back(next);
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod find_tests {
    proptest::proptest! {
        #[test]
        fn find_agrees_with_str_find(hay in "[ab:é/]{0,300}", needle in "[ab:é/]{0,20}") {
            proptest::prop_assert_eq!(super::find(&hay, &needle), hay.find(needle.as_str()));
        }
    }
}

#[cfg(test)]
mod witness_tests {
    use super::*;

    fn w(must: &[&str], not: &[&str]) -> Option<String> {
        let m: Vec<Pattern> = must.iter().map(|p| Pattern::wildcard(p, false)).collect();
        let n: Vec<Pattern> = not.iter().map(|p| Pattern::wildcard(p, false)).collect();
        witness(
            &m.iter().collect::<Vec<_>>(),
            &n.iter().collect::<Vec<_>>(),
            100_000,
        )
        .unwrap()
    }

    #[test]
    fn finds_shortest_witnesses_and_proves_absence() {
        assert_eq!(w(&["prod-*"], &[]).as_deref(), Some("prod-"));
        assert_eq!(w(&["prod-*"], &["prod-*"]), None);
        assert_eq!(w(&["*"], &["prod-*", "dev-*"]).as_deref(), Some(""));
        let x = w(&["prod-*", "*-eu"], &["prod-eu"]).unwrap();
        assert!(
            x.starts_with("prod-") && x.ends_with("-eu") && x != "prod-eu",
            "{x}"
        );
        assert_eq!(w(&["a?"], &["a*"]), None);
        assert!(
            w(&["*"], &["*a*", "*b*"]).is_some(),
            "a fresh character stands for the rest"
        );
        // A `*` that may not cross `:` (an ARN segment).
        let seg = Pattern::from_toks(
            vec![Tok::Lit('a'), Tok::Many { cross: false }, Tok::Lit('b')],
            false,
        );
        let colon = Pattern::wildcard("*:*", false);
        assert_eq!(witness(&[&seg, &colon], &[], 1000).unwrap(), None);
        // Case folding: `SWF:*` (folded) and `swf:x*` (exact) meet at `swf:x`.
        let f = Pattern::wildcard("SWF:*", true);
        let e = Pattern::wildcard("swf:x*", false);
        assert_eq!(
            witness(&[&f, &e], &[], 1000).unwrap().as_deref(),
            Some("swf:x")
        );
    }

    #[test]
    fn gives_up_rather_than_guessing() {
        let many: Vec<Pattern> = (0..12)
            .map(|i| Pattern::wildcard(&format!("*{}*", "ab".repeat(i % 4 + 1)), false))
            .collect();
        let refs: Vec<&Pattern> = many.iter().collect();
        assert_eq!(witness(&refs, &[], 10), Err(TooLarge));
    }

    /// Whether the witness of `m` and not `n` is sound both ways against brute force over every
    /// string of length up to 5, and a shortest one.
    fn agrees_with_brute_force_on(
        m: &[Pattern],
        n: &[Pattern],
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let ok = |s: &str| m.iter().all(|p| p.matches(s)) && !n.iter().any(|p| p.matches(s));
        let got = witness(
            &m.iter().collect::<Vec<_>>(),
            &n.iter().collect::<Vec<_>>(),
            100_000,
        )
        .unwrap();
        let mut brute = None;
        let alphabet = ['a', 'b', ':', 'z'];
        'outer: for len in 0..=5u32 {
            for k in 0..4usize.pow(len) {
                let s: String = (0..len)
                    .map(|i| alphabet[(k / 4usize.pow(i)) % 4])
                    .collect();
                if ok(&s) {
                    brute = Some(s);
                    break 'outer;
                }
            }
        }
        match (&got, &brute) {
            (Some(x), _) => {
                proptest::prop_assert!(ok(x), "witness {x:?} does not satisfy the constraints")
            }
            (None, Some(b)) => proptest::prop_assert!(false, "missed {b:?}"),
            (None, None) => {}
        }
        if let (Some(x), Some(b)) = (&got, &brute) {
            proptest::prop_assert!(
                x.chars().count() <= b.chars().count(),
                "not shortest: {x:?} vs {b:?}"
            );
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1500))]
        /// Sound both ways against brute force over every string of length up to 5.
        #[test]
        fn agrees_with_brute_force(must in proptest::collection::vec("[ab:*?]{0,4}", 1..3), not in proptest::collection::vec("[ab:*?]{0,4}", 0..3)) {
            let m: Vec<Pattern> = must.iter().map(|p| Pattern::wildcard(p, false)).collect();
            let n: Vec<Pattern> = not.iter().map(|p| Pattern::wildcard(p, false)).collect();
            agrees_with_brute_force_on(&m, &n)?;
        }

        /// The same with `?` and `*` that may not match `:` (an ARN's first five segments).
        #[test]
        fn agrees_with_brute_force_on_segment_wildcards(
            must in proptest::collection::vec(super::tests::toks(4), 1..3),
            not in proptest::collection::vec(super::tests::toks(4), 0..3),
        ) {
            let pattern = |t: &Vec<Tok>| Pattern::from_toks(t.clone(), false);
            let m: Vec<Pattern> = must.iter().map(pattern).collect();
            let n: Vec<Pattern> = not.iter().map(pattern).collect();
            agrees_with_brute_force_on(&m, &n)?;
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The compares that look at the end bytes first answer as std's do, on texts that share
        /// prefixes, suffixes and lengths often, with multi-byte characters and empty texts.
        #[test]
        fn text_compares_answer_as_std(a in "[ab\u{e9}-]{0,6}", b in "[ab\u{e9}-]{0,6}") {
            for (x, y) in [(&a, &b), (&b, &a), (&a, &a)] {
                let joined = format!("{x}{y}");
                proptest::prop_assert_eq!(same_text(x, y), x == y);
                // An empty `String` (a dangling pointer), not a literal.
                let empty = String::new();
                proptest::prop_assert_eq!(same_text(x, &empty), x.is_empty());
                proptest::prop_assert_eq!(starts_with_text(x, y), x.starts_with(y.as_str()));
                proptest::prop_assert_eq!(ends_with_text(x, y), x.ends_with(y.as_str()));
                proptest::prop_assert_eq!(strip_prefix_text(x, y), x.strip_prefix(y.as_str()));
                proptest::prop_assert!(starts_with_text(&joined, x) && ends_with_text(&joined, y));
                proptest::prop_assert_eq!(strip_prefix_text(&joined, x), Some(y.as_str()));
            }
        }
    }
}
