//! Candidate values of numbers, dates and addresses: one in every cell the policies' values
//! cut their line into.

use crate::condition::{CompiledCondition, Value};

/// Numbers: zero, each number the policies name, one either side of it, and one between
/// each two.
pub(super) fn numeric_candidates(conds: &[&CompiledCondition]) -> Vec<String> {
    let mut points: Vec<f64> = conds
        .iter()
        .flat_map(|c| c.values.iter())
        .filter_map(|v| match v.node {
            Value::Number(n) => Some(n),
            _ => None,
        })
        .collect();
    points.sort_by(f64::total_cmp);
    points.dedup();
    let mut out = vec![0.0];
    for (i, p) in points.iter().enumerate() {
        out.extend([*p - 1.0, *p, *p + 1.0]);
        if let Some(q) = points.get(i + 1) {
            out.push(p + (q - p) / 2.0);
        }
    }
    // A value the simulator could not read as a number would make a condition unknown, and
    // the analysis would say so rather than skip it.
    out.into_iter().map(|x| format!("{x}")).collect()
}

/// Whole seconds: one in every cell the policies' instants cut the time line into.
pub(super) fn clock_candidates(conds: &[&CompiledCondition]) -> Vec<i64> {
    const NS: i128 = 1_000_000_000;
    let mut points: Vec<i128> = conds
        .iter()
        .flat_map(|c| c.values.iter())
        .filter_map(|v| match v.node {
            Value::Date(d) => Some(d),
            Value::Number(n) => Some((n * NS as f64) as i128),
            _ => None,
        })
        .collect();
    points.sort_unstable();
    let mut out: Vec<i64> = vec![1_767_225_600]; // 2026-01-01T00:00:00Z
    for p in points {
        let floor = p.div_euclid(NS) as i64;
        out.extend([floor - 1, floor, floor + 1, floor + 2]);
    }
    out.sort_unstable();
    out.dedup();
    out.retain(|s| *s >= 0);
    out
}

/// Addresses: the unspecified ones, and the edges of every network the policies name.
pub(super) fn ip_candidates(conds: &[&CompiledCondition]) -> Vec<String> {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
    let mut out: Vec<IpAddr> = vec![
        IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    ];
    for v in conds.iter().flat_map(|c| c.values.iter()) {
        let Value::Ip(net) = v.node else { continue };
        match net.addr {
            IpAddr::V4(a) => out.extend(
                edges(u128::from(u32::from(a)), net.prefix, 32)
                    .map(|x| IpAddr::V4(Ipv4Addr::from(x as u32))),
            ),
            IpAddr::V6(a) => out.extend(
                edges(u128::from(a), net.prefix, 128).map(|x| IpAddr::V6(Ipv6Addr::from(x))),
            ),
        }
    }
    out.sort();
    out.dedup();
    out.into_iter().map(|a| a.to_string()).collect()
}

/// The addresses at the edges of a network of `bits`-bit addresses (`prefix` bits of `addr`):
/// the last one before it, its first and last, and the first one after it, where they exist.
fn edges(addr: u128, prefix: u8, bits: u32) -> impl Iterator<Item = u128> {
    let max = u128::MAX >> (128 - bits);
    let mask = if prefix == 0 {
        0
    } else {
        (max << (bits - u32::from(prefix))) & max
    };
    let lo = addr & mask;
    let hi = lo | (max & !mask);
    [
        lo.checked_sub(1),
        Some(lo),
        Some(hi),
        (hi < max).then(|| hi + 1),
    ]
    .into_iter()
    .flatten()
}
