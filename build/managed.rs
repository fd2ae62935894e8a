//! Packs the AWS managed policies swfsim ships (`tests/corpus`, see its `NOTICE.md`) into the
//! binary, compressed, for `src/inputs/managed.rs`.
//!
//! Two files go into `OUT_DIR`:
//! - `aws-managed.zlib`: `tests/corpus/NOTICE.md` as it is (the licence travels with the
//!   documents and can be read in the binary), then every document, in name order, byte for byte
//!   as in `tests/corpus/aws-managed/NAME.json`, in zlib streams of about [`STREAM`] bytes each
//!   before compression (a document is never split across two);
//! - `aws-managed-index.rs`: the names, paths and default versions, and where each document lies.
//!
//! The build fails, naming the file and line, when the index and the documents disagree.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use flate2::write::ZlibEncoder;
use flate2::Compression;

/// The uncompressed size a stream is closed at. A lookup inflates at most one stream, up to the
/// end of the document it wants; streams of many documents compress the corpus to about 530 KB,
/// against 900 KB for one stream a document.
const STREAM: usize = 64 * 1024;

/// One line of `aws-managed-index.tsv`.
struct Row {
    name: String,
    path: String,
    version: u16,
    document: Vec<u8>,
}

/// Reads the corpus under `manifest` and writes the blob and its index into `out`.
pub fn pack(manifest: &Path, out: &Path) {
    let corpus = manifest.join("tests/corpus");
    let index = corpus.join("aws-managed-index.tsv");
    let notice = corpus.join("NOTICE.md");
    println!("cargo:rerun-if-changed={}", index.display());
    println!("cargo:rerun-if-changed={}", notice.display());
    println!(
        "cargo:rerun-if-changed={}",
        corpus.join("aws-managed").display()
    );
    let text =
        std::fs::read_to_string(&index).unwrap_or_else(|e| panic!("{}: {e}", index.display()));
    let mut rows: Vec<Row> = text
        .lines()
        .enumerate()
        .skip(1)
        .filter(|(_, line)| !line.is_empty())
        .map(|(i, line)| row(&corpus, &index, i + 1, line))
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(w) = rows.windows(2).find(|w| w[0].name == w[1].name) {
        panic!("{}: `{}` is listed twice", index.display(), w[0].name);
    }
    let notice =
        std::fs::read_to_string(&notice).unwrap_or_else(|e| panic!("{}: {e}", notice.display()));
    let (blob, generated) = encode(notice.into_bytes(), &rows);
    write(&out.join("aws-managed.zlib"), &blob);
    write(&out.join("aws-managed-index.rs"), generated.as_bytes());
}

/// The row at `line` of the index, with its document; panics (failing the build) on a row that
/// does not fit the corpus.
fn row(corpus: &Path, index: &Path, line: usize, text: &str) -> Row {
    let at = format!("{}:{line}", index.display());
    let fields: Vec<&str> = text.split('\t').collect();
    let [name, arn, path, version, _created, _updated, bytes] = fields[..] else {
        panic!(
            "{at}: expected 7 tab-separated fields, found {}",
            fields.len()
        );
    };
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic() && b != b'/') {
        panic!("{at}: `{name}` is not a policy name");
    }
    if !(path.starts_with('/') && path.ends_with('/')) {
        panic!("{at}: the path `{path}` does not start and end with `/`");
    }
    if arn != format!("arn:aws:iam::aws:policy{path}{name}") {
        panic!("{at}: the ARN `{arn}` is not that of `{path}{name}`");
    }
    let version = version
        .strip_prefix('v')
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{at}: the version `{version}` is not `vN`"));
    let file = corpus.join("aws-managed").join(format!("{name}.json"));
    let document = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    if std::str::from_utf8(&document).is_err() {
        panic!("{}: not UTF-8", file.display());
    }
    if bytes.parse::<usize>().ok() != Some(document.len()) {
        panic!("{at}: {bytes} bytes listed, {} in the file", document.len());
    }
    Row {
        name: name.to_string(),
        path: path.to_string(),
        version,
        document,
    }
}

/// The notice followed by the compressed streams, and the Rust source of the index
/// `src/inputs/managed.rs` includes.
fn encode(notice: Vec<u8>, rows: &[Row]) -> (Vec<u8>, String) {
    let mut paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    let mut blob = notice;
    let mut streams = vec![u32::try_from(blob.len()).expect("a notice under 4 GiB")];
    let mut names = String::new();
    let mut entries = String::new();
    let mut stream = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let start = names.len();
        names.push_str(&r.name);
        let path = paths.iter().position(|p| *p == r.path).expect("listed");
        writeln!(
            entries,
            "    Entry {{ name: {start}..{}, path: {path}, version: {}, stream: {}, start: {}, len: {} }},",
            names.len(),
            r.version,
            streams.len() - 1,
            stream.len(),
            r.document.len(),
        )
        .expect("a String takes every write");
        stream.extend_from_slice(&r.document);
        if stream.len() >= STREAM || i + 1 == rows.len() {
            blob.extend(deflate(&std::mem::take(&mut stream)));
            streams.push(u32::try_from(blob.len()).expect("a blob under 4 GiB"));
        }
    }
    let generated = format!(
        "// Written by build.rs from tests/corpus/aws-managed-index.tsv.\n\
         static NAMES: &str = {names:?};\n\
         static PATHS: [&str; {}] = {paths:?};\n\
         static STREAMS: [u32; {}] = {streams:?};\n\
         static ENTRIES: [Entry; {}] = [\n{entries}];\n",
        paths.len(),
        streams.len(),
        rows.len(),
    );
    (blob, generated)
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
    z.write_all(bytes).expect("writing to a Vec");
    z.finish().expect("writing to a Vec")
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
