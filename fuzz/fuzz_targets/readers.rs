//! The differential target: the fast YAML reader (`fast_yaml::parse`) and
//! the complete one (serde-saphyr, `load::parse_yaml_exactly`) on the same
//! text with the same options. Whenever the fast path answers, the complete
//! one must accept the document too and build the identical tree: the same
//! values, kinds, keys, spans, and float bits (`-0.0` is not `0.0`). The
//! fast path may give up (it returns `None` and the caller asks serde-saphyr)
//! but it may never accept what serde-saphyr refuses, nor read anything
//! differently.
//!
//! The first byte picks the budget: cuc's own (most inputs), or a small one
//! built from the next bytes, so that inputs of a few hundred bytes reach
//! every limit (depth, values, parser events, total text, documents) and
//! the two readers are compared at them.
//!
//! Run: `cargo fuzz run readers corpus/readers seeds` (see README).

#![no_main]

use libfuzzer_sys::fuzz_target;

use cuc::load::{parse_yaml_exactly, yaml_options};
use cuc::load::source::SourceText;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let (limits, rest) = if choice % 4 == 0 && rest.len() >= 5 {
        rest.split_at(5)
    } else {
        (&[][..], rest)
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let options = || {
        let mut options = yaml_options();
        if let [depth, nodes, events, bytes, documents] = *limits {
            let budget = options.budget.as_mut().expect("cuc reads within a budget");
            budget.max_depth = usize::from(depth % 16);
            budget.max_nodes = usize::from(nodes);
            budget.max_events = usize::from(events);
            budget.max_total_scalar_bytes = usize::from(bytes);
            budget.max_documents = usize::from(documents % 3);
        }
        options
    };
    let Some(fast) = cuc::load::fast_yaml::parse(text, &options()) else {
        return;
    };
    let source = SourceText::new(text.to_owned());
    match parse_yaml_exactly(&source, text, "t.yaml", options()) {
        Ok(exact) => assert!(
            fast.identical(&exact),
            "the readers differ on {text:?} (limits {limits:?}):\nfast  {fast:?}\nexact {exact:?}"
        ),
        Err(refused) => panic!(
            "the fast path read what serde-saphyr refuses on {text:?} (limits {limits:?}): {} ({})",
            refused.message, refused.rule
        ),
    }
});
