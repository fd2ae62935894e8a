//! What GitHub code scanning refuses of a SARIF upload: more than 25,000 results in a run, a
//! file of more than 10 MB once gzipped (docs/wire-format.md cites GitHub's documentation).

use serde_json::Value;

/// Results GitHub takes in one run.
pub const MAX_RESULTS: usize = 25_000;

/// Bytes a gzipped SARIF upload may have.
pub const MAX_GZIPPED: usize = 10 * 1000 * 1000;

/// The warnings a SARIF log `sarif`, written as `text`, earns: one per GitHub upload limit it
/// passes (none when it is within them).
pub fn sarif_limits(sarif: &Value, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let runs = sarif["runs"].as_array().map_or(&[][..], Vec::as_slice);
    for run in runs {
        let n = run["results"].as_array().map_or(0, Vec::len);
        if n > MAX_RESULTS {
            out.push(format!(
                "warning: the SARIF run has {n} results; GitHub code scanning refuses a run of more than {MAX_RESULTS}\n  help: lint fewer files at a time, or `--select` the rules that matter"
            ));
        }
    }
    // Gzip makes text no larger (but for a header of a few bytes): only a larger text needs the
    // estimate.
    if text.len() > MAX_GZIPPED {
        let estimate = gzipped_estimate(text.as_bytes());
        if estimate > MAX_GZIPPED {
            out.push(format!(
                "warning: the SARIF file is about {} MB gzipped; GitHub code scanning refuses an upload of more than 10 MB gzipped\n  help: lint fewer files at a time, or `--select` the rules that matter",
                estimate.div_ceil(1_000_000)
            ));
        }
    }
    out
}

/// About how many bytes `data` takes gzipped: a greedy LZ77 with one candidate a position,
/// whose literals and matches are costed as a Huffman code would cost them. It finds fewer
/// matches than gzip does, so it tends to be above gzip's size: the 10 MB warning errs on the
/// side of warning.
fn gzipped_estimate(data: &[u8]) -> usize {
    const WINDOW: usize = 32 * 1024;
    const MIN: usize = 4;
    const MAX: usize = 258;
    let mut head = vec![usize::MAX; 1 << 16];
    let hash = |i: usize| {
        let w = u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
        (w.wrapping_mul(2_654_435_761) >> 16) as usize
    };
    let mut literals = [0u64; 256];
    let mut match_bits = 0f64;
    let mut i = 0;
    while i < data.len() {
        let mut len = 0;
        let mut dist = 0;
        if i + MIN <= data.len() {
            let h = hash(i);
            let cand = head[h];
            head[h] = i;
            if cand != usize::MAX && i - cand <= WINDOW {
                let most = MAX.min(data.len() - i);
                len = (0..most)
                    .take_while(|&k| data[cand + k] == data[i + k])
                    .count();
                dist = i - cand;
            }
        }
        if len >= MIN {
            // A length code and its extra bits, a distance code and its extra bits.
            match_bits += 8.0 + (dist as f64).log2();
            for j in (i + 1)..(i + len).min(data.len().saturating_sub(MIN - 1)) {
                head[hash(j)] = j;
            }
            i += len;
        } else {
            literals[usize::from(data[i])] += 1;
            i += 1;
        }
    }
    let total: u64 = literals.iter().sum();
    let literal_bits: f64 = literals
        .iter()
        .filter(|&&n| n > 0)
        .map(|&n| n as f64 * ((total as f64) / n as f64).log2().max(1.0))
        .sum();
    // The gzip header and trailer, and Huffman tables.
    ((literal_bits + match_bits) / 8.0) as usize + 18 + 300
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Repetitive JSON shrinks many times over; random bytes hardly at all.
    #[test]
    fn the_estimate_follows_how_well_text_compresses() {
        let json = "{\"ruleId\": \"SWF303\", \"level\": \"warning\"},\n".repeat(10_000);
        assert!(gzipped_estimate(json.as_bytes()) < json.len() / 20);
        let mut x: u64 = 1;
        let noise: Vec<u8> = (0..100_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        assert!(gzipped_estimate(&noise) > 95_000);
    }
}
