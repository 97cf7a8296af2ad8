//! L016: a variable declaration without a key.

use super::variables::Usage;
use super::{Lint, LintContext};
use crate::diagnostic::{Applicability, Fix};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::document::{Edit, Layout, SpanNode, add_members, append_elements, remove_elements};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L016",
        name: "variable-without-key",
        severity: Severity::Warning,
        summary: "an `integrationParameters` entry has no `key` (often a config variable in the wrong list)",
        explanation: "\
## What it does
Reports `integrationParameters[]` entries without a `key` (or with an empty one). When the
entry has the shape of a config variable (`{\"parameter\": {…}, \"value\": {…}}`), the message
says so.

## Why is this bad?
A variable's key is its identity; an entry without one declares nothing that can be
referenced. In the corpus this shape came from a config variable pasted into the wrong list:
the integration then has no such config variable, and its references resolve to nothing.

## How to fix
Move config-variable entries to `integrationConfigParameters`; give other entries a key, or
delete them. `integ check --fix --unsafe-fixes` moves a config-variable entry that something
uses and that `integrationConfigParameters` does not declare yet (creating the list when
there is none), and deletes every other entry (unsafe: the entry may be half of a
declaration still being written).
",
    },
    run: check,
    fix: Some(Applicability::Unsafe),
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let usage = std::cell::LazyCell::new(|| Usage::new(ctx.references));
    for (i, p) in ctx.model.integration_parameters.iter().enumerate() {
        if p.key.is_some_and(|k| !k.is_empty()) {
            continue;
        }
        let pointer = format!("/integrationParameters/{i}");
        let config_key = p
            .extra
            .get("parameter")
            .and_then(|inner| inner.get("key"))
            .and_then(|k| k.as_str());
        let (message, fix) = match config_key {
            Some(inner) => {
                let declared = ctx.declared().config.contains(inner);
                let fix = if usage.may_use(inner) && !declared {
                    move_to_config(ctx, i)
                } else {
                    remove_elements(ctx.doc, "/integrationParameters", |j| j == i)
                };
                let message = format!(
                    "variable declaration has no key; it has the shape of config variable {inner} \
                     and belongs in integrationConfigParameters"
                );
                (message, fix)
            }
            None => (
                "variable declaration has no key".to_string(),
                remove_elements(ctx.doc, "/integrationParameters", |j| j == i),
            ),
        };
        let fix = fix.map(Fix::unsafe_edits);
        out.push(ctx.at(&LINT.check, pointer, message).with_fix(fix));
    }
}

/// The edits that move entry `index` of `integrationParameters`, as written, to the end of
/// `integrationConfigParameters` (added after the last member of the file when missing).
fn move_to_config(ctx: &LintContext<'_>, index: usize) -> Option<Vec<Edit>> {
    let doc = ctx.doc;
    let (_, entry) = doc.node(&format!("/integrationParameters/{index}"))?;
    let text = doc.slice(entry.span()).to_string();
    let mut edits = remove_elements(doc, "/integrationParameters", |j| j == index)?;
    let layout = Layout::detect(doc);
    let insertion = match doc.node("/integrationConfigParameters") {
        Some((_, SpanNode::Array(_, items))) if !items.is_empty() => {
            append_elements(doc, &layout, items, &[text])?
        }
        Some((_, SpanNode::Array(span, _))) => Edit::new(*span, layout.array(&[text])),
        Some(_) => return None,
        None => {
            let member = format!(
                "{}{}{}",
                doc.quote("integrationConfigParameters"),
                layout.colon,
                layout.array(&[text])
            );
            add_members(doc, &layout, &[member])
        }
    };
    edits.push(insertion);
    Some(edits)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_keyless_entries() {
        let text = r#"{"integrationParameters": [{"key": "a"},
            {"parameter": {"key": "`CONFIG_x`", "dataType": "STRING_VALUE"}, "value": {"stringValue": "v"}},
            {"dataType": "STRING_VALUE"}, {"key": ""}]}"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/integrationParameters/1",
                "/integrationParameters/2",
                "/integrationParameters/3"
            ]
        );
        assert!(
            findings(&LINT, text)[0]
                .1
                .contains("config variable `CONFIG_x`")
        );
    }

    #[test]
    fn keyed_entries_pass() {
        assert!(pointers(&LINT, r#"{"integrationParameters": [{"key": "a"}]}"#).is_empty());
    }
}
