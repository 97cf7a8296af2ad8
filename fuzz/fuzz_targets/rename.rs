//! Rename on arbitrary JSON: never panics; a rename that succeeds re-parses, and renaming back
//! (when the old name is a valid new one) restores the original value. The variable or task id renamed is picked from the document by
//! the first input byte, so the fuzzer reaches the reference index with real names.
#![no_main]

use std::path::Path;

use integ::rename::names::{check_task_id, check_variable_name};
use integ::rename::{RenameSet, RenameStep, run};
use integ::source::SourceFile;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// The variable keys and task ids the document declares.
fn names(value: &Value) -> Vec<(bool, String)> {
    let list = |field: &str, key: &str, variable: bool| -> Vec<(bool, String)> {
        value[field]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|item| item[key].as_str())
            .map(|name| (variable, name.to_string()))
            .collect()
    };
    let mut found = list("integrationParameters", "key", true);
    found.extend(list("taskConfigs", "taskId", false));
    found
}

fn rename(file: SourceFile, variable: bool, old: &str, new: &str) -> Option<String> {
    let pair = vec![(old.to_string(), new.to_string())];
    let set = if variable {
        RenameSet {
            variables: pair,
            ..RenameSet::default()
        }
    } else {
        RenameSet {
            task_ids: pair,
            ..RenameSet::default()
        }
    };
    let step = RenameStep { set };
    let outcome = run(vec![file], &[&step], false).ok()?;
    Some(outcome.files[0].result().to_string())
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(file) = SourceFile::from_text(Path::new("fuzz.json"), text.to_string()) else {
        return;
    };
    let candidates = names(file.document().value());
    if candidates.is_empty() {
        return;
    }
    let (variable, old) = candidates[pick as usize % candidates.len()].clone();
    // Renaming back needs OLD to be a valid new name (`a_b` is an id, but not a valid new one).
    let valid = if variable {
        check_variable_name(&old)
    } else {
        check_task_id(&old)
    };
    if valid.is_err() {
        return;
    }
    let new = if variable { "fuzz_renamed" } else { "987654" };
    if text.contains(new) {
        return;
    }
    let original = file.document().value().clone();
    let Some(renamed) = rename(file, variable, &old, new) else {
        return;
    };
    let file = SourceFile::from_text(Path::new("fuzz.json"), renamed).expect("a rename re-parses");
    let back = rename(file, variable, new, &old).expect("renaming back succeeds");
    let back = SourceFile::from_text(Path::new("fuzz.json"), back).expect("re-parses");
    assert_eq!(
        back.document().value(),
        &original,
        "A→B→A restores the value"
    );
});
