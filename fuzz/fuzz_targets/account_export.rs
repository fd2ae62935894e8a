//! An account export or an org file, whatever its text, never panics the readers: every user's
//! and role's documents are gathered (or refused with errors), every document of the export is
//! listed for lint, and every decoded byte maps back inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use swfsim::inputs::{account, export, org};
use swfsim::request::Principal;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = org::levels(text, "111122223333");
    let _ = org::every_policy(text);
    let Ok(x) = export::read(text) else { return };
    let (docs, _) = account::every_document(&x, text);
    for (d, _) in &docs {
        if let Some(o) = &d.offsets {
            for i in 0..=d.text.len() as u32 {
                assert!(o.map(i) as usize <= text.len(), "byte {i} maps outside the text");
            }
        }
    }
    let arns: Vec<String> = account::principals(&x).map(|(a, _)| a.to_string()).collect();
    for arn in arns {
        if let Ok(p) = Principal::parse(&arn) {
            let _ = account::caller(&x, text, &p);
        }
    }
});
