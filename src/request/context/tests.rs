use super::lookup::multivalued;
use super::{Context, ContextValues, ValueSource};
use crate::condition::{key_slot, KnownKey, Lookup, KNOWN_KEYS};

#[test]
fn every_global_and_swf_key_has_a_slot_found_in_any_case() {
    assert!(
        KNOWN_KEYS.windows(2).all(|w| w[0] < w[1]),
        "sorted, no duplicates"
    );
    for &(k, slot) in crate::condition::CANONICAL_KEYS {
        assert_eq!(key_slot(k), Some(slot), "{k}");
        assert_eq!(KNOWN_KEYS[slot as usize], k.to_ascii_lowercase());
        assert_eq!(key_slot(&k.to_ascii_uppercase()), Some(slot));
    }
    assert!(key_slot("swf:tagList.member.4").is_some());
    assert_eq!(key_slot("aws:ResourceTag/team"), None);
    // A key set in one case is found in another, through the slot and through the name.
    let mut cx = Context::new();
    cx.set(
        "AWS:SourceIp",
        vec!["203.0.113.7".into()],
        ValueSource::CommandLine,
    );
    cx.set("aws:ResourceTag/Team", vec!["a".into()], ValueSource::World);
    let slot = key_slot("aws:sourceip");
    assert_eq!(
        cx.values_slot(slot, "aws:sourceip").unwrap().to_vec(),
        ["203.0.113.7"]
    );
    assert_eq!(cx.values("aws:resourcetag/team").unwrap().to_vec(), ["a"]);
    cx.set(
        "aws:sourceip",
        vec!["198.51.100.1".into()],
        ValueSource::CommandLine,
    );
    assert_eq!(cx.entries().len(), 2, "the same key replaced, not added");
}

/// Keys found at compile time are the keys found by name: the same slot, the same entry,
/// whether set first, replacing one set by name in another case, or after 300 others; and a
/// default set on a key not yet there is read by slot and by name as one set by name.
/// Every entry reads back the values it was last set to, through every setter and in
/// contexts past the 255 entries that slots index: one value from the context's text of
/// single values (and as the bytes a writer copies), none or several from a vector.
#[test]
fn entries_read_back_the_values_they_were_last_set_to() {
    let canonical = crate::condition::CANONICAL_KEYS;
    for size in [10, 254, 255, 300] {
        let mut cx = Context::new();
        // What each key (in lower case) should hold, in the order keys were first set.
        let mut want: Vec<(String, Vec<String>)> = Vec::new();
        let mut model = |key: &str, values: Vec<String>, replace: bool| {
            let lower = key.to_ascii_lowercase();
            match want.iter_mut().find(|(k, _)| *k == lower) {
                Some((_, v)) if replace => *v = values,
                Some(_) => {}
                None => want.push((lower, values)),
            }
        };
        for i in 0..size {
            // Known keys (canonical, upper case) among unknown ones, some set twice.
            let (key, known) = match i % 3 {
                0 => (canonical[i % canonical.len()].0.to_string(), true),
                1 => (canonical[(i * 7) % canonical.len()].0.to_uppercase(), false),
                _ => (format!("x:k{}", i / 2), false),
            };
            let one = format!("v{i}-é");
            match i % 7 {
                0 => cx.set(&key, one.clone(), ValueSource::World),
                1 => cx.set_values(&key, std::slice::from_ref(&one), ValueSource::World),
                2 => {
                    let two = vec![one.clone(), format!("w{i}")];
                    cx.set_values(&key, &two, ValueSource::World);
                    model(&key, two, true);
                    continue;
                }
                3 => {
                    cx.set(&key, Vec::<String>::new(), ValueSource::World);
                    model(&key, Vec::new(), true);
                    continue;
                }
                4 => cx.set_str(&key, &one, ValueSource::World),
                5 if known => {
                    let k = KnownKey::new(canonical[i % canonical.len()].0);
                    cx.set_default_known(k, &one, ValueSource::Default);
                    model(&key, vec![one], false);
                    continue;
                }
                5 => {
                    cx.set_default(&key, &one, ValueSource::Default);
                    model(&key, vec![one], false);
                    continue;
                }
                _ if known => {
                    let k = KnownKey::new(canonical[i % canonical.len()].0);
                    cx.set_known_str(k, &one, ValueSource::Request);
                }
                _ => cx.set(&key, vec![one.clone()], ValueSource::Request),
            }
            model(&key, vec![one], true);
        }
        assert_eq!(cx.entries().len(), want.len(), "{size}");
        for (e, (key, values)) in cx.entries().iter().zip(&want) {
            assert_eq!(e.key.to_ascii_lowercase(), *key, "{size}");
            assert_eq!(cx.entry_values(e).to_vec(), *values, "{key} of {size}");
            let single = match values.as_slice() {
                [v] => Some(v.as_bytes()),
                _ => None,
            };
            assert_eq!(cx.entry_single_bytes(e), single, "{key} of {size}");
            assert_eq!(
                cx.values(key).map(|v| v.to_vec()),
                Some(values.iter().map(String::as_str).collect())
            );
        }
    }
}

#[test]
fn known_keys_set_by_slot_are_the_keys_set_by_name() {
    for &(key, slot) in crate::condition::CANONICAL_KEYS {
        let k = KnownKey::new(key);
        assert_eq!((k.key(), k.slot()), (key, slot));
        assert_eq!(key_slot(key), Some(slot));
        for before in [0, 254, 255, 300] {
            let (mut by_slot, mut by_name) = (Context::new(), Context::new());
            for cx in [&mut by_slot, &mut by_name] {
                for i in 0..before {
                    cx.set(&format!("x:k{i}"), vec![i.to_string()], ValueSource::World);
                }
            }
            let (mut fresh_slot, mut fresh_name) = (by_slot.clone(), by_name.clone());
            for cx in [&mut by_slot, &mut by_name] {
                cx.set(&key.to_uppercase(), vec!["old".into()], ValueSource::World);
            }
            by_slot.set_known(k, vec!["v".into()], ValueSource::Request);
            by_slot.set_default_known(k, "ignored", ValueSource::Default);
            by_name.set(key, vec!["v".into()], ValueSource::Request);
            by_name.set_default(key, "ignored", ValueSource::Default);
            assert_eq!(by_slot, by_name, "{key} after {before}");
            assert_eq!(by_slot.values(key).map(|v| v.to_vec()), Some(vec!["v"]));
            // A default on a key not yet set, then another default that must not replace it.
            fresh_slot.set_default_known(k, "d", ValueSource::Default);
            fresh_slot.set_default_known(k, "ignored", ValueSource::Clock);
            fresh_name.set_default(key, "d", ValueSource::Default);
            assert_eq!(fresh_slot, fresh_name, "default of {key} after {before}");
            let lower = key.to_ascii_lowercase();
            for cx in [&fresh_slot, &fresh_name] {
                assert_eq!(
                    cx.values_of(Some(slot), &lower)
                        .and_then(|v| v.single().map(str::to_string)),
                    Some("d".to_string()),
                    "default of {key} after {before}, by slot"
                );
                // A multivalued key is never a variable's value.
                let single = (!multivalued(Some(slot))).then_some("d");
                assert_eq!(cx.single_ref(&lower), single, "{key} after {before}");
                assert_eq!(
                    cx.get(&key.to_uppercase()).map(|e| e.source),
                    Some(ValueSource::Default)
                );
            }
        }
    }
}

/// The single values a decision reads from `singles` are the entries' values: for every
/// known key, set alone, after 300 others, replaced by several values, by none, by one
/// again, and through a different case.
#[test]
fn single_values_are_read_as_the_entries_hold_them() {
    use crate::condition::Values;
    let same = |cx: &Context, key: &str, before: usize| {
        let lower = key.to_ascii_lowercase();
        let slot = key_slot(key);
        let want = cx.values_slot(slot, &lower);
        let got = cx.values_of(slot, &lower);
        assert_eq!(
            got.map(|v| v.iter().map(str::to_string).collect::<Vec<_>>()),
            want.map(|v| v.iter().map(str::to_string).collect::<Vec<_>>()),
            "{key}"
        );
        let single = want.and_then(Values::single).filter(|_| !multivalued(slot));
        assert_eq!(cx.single_ref(&lower), single, "{key}");
        // A policy variable bound to the key's slot reads what one found by name reads.
        let mut var = crate::pattern::Template::parse(&format!("${{{key}}}"), true, false);
        var.bind_slots(&key_slot);
        let Some(crate::pattern::Part::Var(v)) = var.parts.first() else {
            panic!("`{key}` is not a variable")
        };
        assert_eq!(v.slot, slot, "{key}");
        assert_eq!(cx.single_var(v), single, "{key}");
        // Within the slots, a single value comes from `singles`, not from the entry.
        if before == 0 && single.is_some() {
            assert!(matches!(got, Some(Values::One(_))), "{key}");
        }
    };
    let steps: [&[&str]; 4] = [&["a"], &["b", "c"], &[], &["d"]];
    for &(key, _) in crate::condition::CANONICAL_KEYS {
        for before in [0, 300] {
            let mut cx = Context::new();
            for i in 0..before {
                cx.set(&format!("x:k{i}"), vec![i.to_string()], ValueSource::World);
            }
            same(&cx, key, before);
            for (n, values) in steps.iter().enumerate() {
                let spelled = if n % 2 == 0 {
                    key.to_string()
                } else {
                    key.to_uppercase()
                };
                let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
                cx.set(&spelled, values, ValueSource::Request);
                same(&cx, key, before);
            }
        }
    }
}

#[test]
fn a_known_key_set_after_hundreds_of_others_is_still_found() {
    let mut cx = Context::new();
    for i in 0..300 {
        cx.set(
            &format!("aws:ResourceTag/k{i}"),
            vec![i.to_string()],
            ValueSource::World,
        );
    }
    cx.set(
        "aws:SourceIp",
        vec!["203.0.113.7".into()],
        ValueSource::CommandLine,
    );
    let slot = key_slot("aws:sourceip");
    assert_eq!(
        cx.values_slot(slot, "aws:sourceip").unwrap().to_vec(),
        ["203.0.113.7"]
    );
    assert_eq!(
        cx.values_lower("aws:sourceip").unwrap().to_vec(),
        ["203.0.113.7"]
    );
    cx.set_default("aws:SourceIp", "198.51.100.1", ValueSource::Default);
    assert_eq!(cx.values("AWS:SOURCEIP").unwrap().to_vec(), ["203.0.113.7"]);
    assert_eq!(cx.values("aws:ResourceTag/k299").unwrap().to_vec(), ["299"]);
}

/// One value and a vector of that one value are the same values, to every reader.
#[test]
fn context_values_read_alike_however_they_are_held() {
    let one = ContextValues::from("a".to_string());
    let many = ContextValues::from(vec!["a".to_string()]);
    assert_eq!(one, many);
    assert_eq!(*one, ["a"]);
    assert_eq!(
        serde_json::to_string(&one).unwrap(),
        serde_json::to_string(&many).unwrap()
    );
    assert_ne!(
        one,
        ContextValues::from(vec!["a".to_string(), "b".to_string()])
    );
    assert_eq!(ContextValues::from(Vec::new()).len(), 0);
}
