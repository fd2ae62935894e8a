//! New executions' `runId`s.

/// Generates run ids: 48 base64 characters and `=`, like SWF's; reproducible from a seed.
#[derive(Clone, Debug)]
pub struct RunIds {
    state: u64,
}

impl RunIds {
    /// From a seed.
    pub fn new(seed: u64) -> RunIds {
        RunIds { state: seed }
    }

    /// The next 64 random bits.
    fn next_u64(&mut self) -> u64 {
        // SplitMix64.
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// The next id.
    pub fn next_id(&mut self) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut s = String::with_capacity(49);
        while s.len() < 48 {
            let mut x = self.next_u64();
            for _ in 0..10 {
                if s.len() == 48 {
                    break;
                }
                s.push(A[(x & 63) as usize] as char);
                x >>= 6;
            }
        }
        s.push('=');
        s
    }
}
