//! The document walk behind [`super::ReferenceIndex::build`]: one visit per reference site.

mod node;
mod payloads;
mod related;
mod tasks;

pub(super) use related::walk_related;

use node::{Node, child, item, list};
use payloads::PayloadContext;

use std::borrow::Cow;
use std::collections::HashSet;

use serde_json::Value;

use super::text::{map_span, may_hold_dollar};
use super::{Form, Namespace, Reference, Slot, Uncertainty, UnreadableReference, dollar, script};
use crate::document::Decoded;
use crate::document::{Document, Span, SpanNode};

/// What a walk finds.
#[derive(Default)]
pub(super) struct Found {
    pub references: Vec<Reference>,
    pub unreadable: Vec<UnreadableReference>,
    /// The document string tokens whose text read as a payload.
    pub payloads: Vec<Span>,
}

struct Walker<'a> {
    /// The document text; empty when indexing a bare value.
    text: &'a str,
    trigger_ids: HashSet<&'a str>,
    out: Found,
}

impl<'a> Walker<'a> {
    fn new(text: &'a str) -> Walker<'a> {
        Walker {
            text,
            trigger_ids: HashSet::new(),
            out: Found::default(),
        }
    }
}

/// Indexes every reference site of `doc`.
pub(super) fn walk(doc: &Document) -> Found {
    integration(
        doc.text(),
        Node {
            value: doc.value(),
            span: Some(doc.root()),
        },
    )
}

/// Indexes every reference site of an integration held as a bare value.
pub(super) fn walk_value(value: &Value) -> Found {
    integration("", Node { value, span: None })
}

fn integration<'a>(text: &'a str, root: Node<'a>) -> Found {
    let mut walker = Walker::new(text);
    // The corpus has one reference per 260 bytes overall (the densest file one per 120):
    // reserving that many spares most files the copies of a growing vector of large items.
    // Reserving one per 128 bytes saved 0.5% of check's instructions but raised its peak
    // memory on the bench batch by about 0.7 MB, so it stays at one per 256.
    walker.out.references.reserve(text.len() / 256);
    for list in ["triggerConfigs", "triggerConfigsInternal"] {
        for trigger in root.get(list).into_iter().flat_map(Node::items) {
            if let Some(id) = trigger.get("triggerId").and_then(Node::str) {
                walker.trigger_ids.insert(id);
            }
        }
    }
    walker.document(root);
    walker.out
}

impl<'a> Walker<'a> {
    fn document(&mut self, root: Node<'a>) {
        for (i, p) in list(root, "integrationParameters") {
            let ptr = item("/integrationParameters", i);
            self.variable(p, &ptr, "integrationParameters[]", "displayName");
            // An entry shaped like a config parameter (seen once in the corpus).
            if let Some(inner) = p.get("parameter") {
                let ptr = child(&ptr, "parameter");
                self.variable(
                    inner,
                    &ptr,
                    "integrationParameters[].parameter",
                    "displayName",
                );
            }
        }
        for (i, p) in list(root, "integrationConfigParameters") {
            if let Some(inner) = p.get("parameter") {
                let ptr = child(&item("/integrationConfigParameters", i), "parameter");
                self.variable(
                    inner,
                    &ptr,
                    "integrationConfigParameters[].parameter",
                    "displayName",
                );
            }
        }
        if let Some(internal) = root.get("integrationParametersInternal") {
            for (i, p) in list(internal, "parameters") {
                let ptr = item("/integrationParametersInternal/parameters", i);
                let base = "integrationParametersInternal.parameters[]";
                self.variable(p, &ptr, base, "name");
                if let Some(by) = p.get("producedBy") {
                    let namespace = match by.get("elementType").and_then(Node::str) {
                        Some("TASK_CONFIG") => Some(Namespace::TaskId),
                        Some("TRIGGER_CONFIG") => Some(Namespace::TriggerNumber),
                        _ => None,
                    };
                    if let (Some(ns), Some(id)) = (namespace, by.get("elementIdentifier")) {
                        let ptr = [&ptr, "/producedBy/elementIdentifier"].concat();
                        let site = [base, ".producedBy.elementIdentifier"].concat();
                        self.whole(id, ptr, ns, Form::IdLink, site);
                    }
                }
            }
        }
        for (internal, name) in [(false, "triggerConfigs"), (true, "triggerConfigsInternal")] {
            for (i, t) in list(root, name) {
                self.trigger(t, &item(&["/", name].concat(), i), name, internal);
            }
        }
        for (internal, name) in [(false, "taskConfigs"), (true, "taskConfigsInternal")] {
            for (i, t) in list(root, name) {
                self.task(t, &item(&["/", name].concat(), i), name, internal);
            }
        }
        for (i, catcher) in list(root, "errorCatcherConfigs") {
            for (j, edge) in list(catcher, "startErrorTasks") {
                if let Some(id) = edge.get("taskId") {
                    let ptr = format!("/errorCatcherConfigs/{i}/startErrorTasks/{j}/taskId");
                    let site = "errorCatcherConfigs[].startErrorTasks[].taskId";
                    self.whole(id, &ptr, Namespace::TaskId, Form::IdLink, site);
                }
            }
        }
    }

    /// A variable declaration: `key`, its display copy (when equal to the key), `producer`,
    /// and the default value.
    fn variable(&mut self, p: Node<'a>, ptr: &str, base: &str, display: &str) {
        let key = p.get("key");
        if let Some(k) = key {
            let site = [base, ".key"].concat();
            let ptr = child(ptr, "key");
            self.whole(k, ptr, Namespace::Variable, Form::Declaration, site);
        }
        if let (Some(k), Some(d)) = (key, p.get(display)) {
            if k.str().is_some() && k.str() == d.str() {
                let site = [base, ".", display].concat();
                let ptr = child(ptr, display);
                self.whole(d, ptr, Namespace::Variable, Form::Declaration, site);
            }
        }
        if let Some(producer) = p.get("producer") {
            self.producer(
                producer,
                &child(ptr, "producer"),
                &[base, ".producer"].concat(),
            );
        }
        if let Some(value) = p.get("defaultValue") {
            let ptr = child(ptr, "defaultValue");
            self.value_type(value, &ptr, &[base, ".defaultValue"].concat());
        }
    }

    fn trigger(&mut self, t: Node<'a>, ptr: &str, base: &str, internal: bool) {
        for (field, ns) in [
            ("triggerNumber", Namespace::TriggerNumber),
            ("triggerId", Namespace::TriggerId),
        ] {
            if let Some(n) = t.get(field) {
                let site = [base, "[].", field].concat();
                self.whole(n, child(ptr, field), ns, Form::Declaration, site);
            }
        }
        let id_field = if internal { "taskNumber" } else { "taskId" };
        for (j, edge) in list(t, "startTasks") {
            if let Some(id) = edge.get(id_field) {
                let ptr = child(&item(&[ptr, "/startTasks"].concat(), j), id_field);
                let site = [base, "[].startTasks[].", id_field].concat();
                self.whole(id, ptr, Namespace::TaskId, Form::IdLink, site);
            }
        }
        for io in ["inputVariables", "outputVariables"] {
            let Some(names) = t.at(&[io, "names"]) else {
                continue;
            };
            let list_ptr = [ptr, "/", io, "/names"].concat();
            let site = [base, "[].", io, ".names[]"].concat();
            for (j, name) in names.items().enumerate() {
                let ptr = item(&list_ptr, j);
                let form = Form::TriggerVariable;
                self.whole(name, ptr, Namespace::Variable, form, &site);
            }
        }
        if let Some(c) = t.at(&["triggerCriteria", "condition"]) {
            let site = [base, "[].triggerCriteria.condition"].concat();
            self.text_leaf(
                c,
                &[ptr, "/triggerCriteria/condition"].concat(),
                &site,
                "condition",
            );
        }
    }

    /// A ValueType (`stringValue`, `stringArray`, `jsonValue`, `protoValue`…): every string
    /// in it is scanned, `jsonValue` strings as payloads.
    fn value_type(&mut self, value: Node<'a>, ptr: &str, base: &str) {
        for (key, inner) in value.entries() {
            // Only `$…$` references can sit in a ValueType: skip a value without a `$`.
            if !self.may_hold_dollar(inner) {
                continue;
            }
            let site = [base, ".", key].concat();
            self.strings(inner, &child(ptr, key), &site, key);
        }
    }

    fn strings(&mut self, node: Node<'a>, ptr: &str, site: &str, key: &str) {
        match node.value {
            Value::String(_) if key == "jsonValue" => {
                self.payload_leaf(node, ptr, site, PayloadContext::Plain);
            }
            Value::String(_) => self.text_leaf(node, ptr, site, key),
            Value::Array(_) => {
                for (i, element) in node.items().enumerate() {
                    self.strings(element, &item(ptr, i), site, key);
                }
            }
            Value::Object(_) => {
                for (k, inner) in node.entries() {
                    self.strings(inner, &child(ptr, k), site, k);
                }
            }
            _ => {}
        }
    }

    /// The decoded string of `node`, borrowing the value's text (only the offsets of its
    /// escapes are worked out from the token).
    fn decode(&self, node: Node<'a>) -> Option<Decoded<'a>> {
        match (node.value, node.span) {
            (Value::String(s), Some(SpanNode::Scalar(span))) => {
                Decoded::with_text(self.text, *span, s)
                    .or_else(|| Decoded::decode(self.text, *span))
            }
            (Value::String(s), None) => Some(Decoded::plain(s)),
            _ => None,
        }
    }

    /// The raw text of a document string (its decoded value for a bare value), to tell
    /// cheaply whether it may hold a reference.
    fn raw(&self, node: Node<'a>) -> &'a str {
        match (node.value, node.span) {
            (_, Some(SpanNode::Scalar(span))) => self.text.get(span.range()).unwrap_or(""),
            (Value::String(s), None) => s,
            _ => "",
        }
    }

    /// False when the text of `node` (of any kind, its whole extent) cannot hold a `$…$`
    /// reference at any depth; always true for a bare value, which has no text to look at.
    fn may_hold_dollar(&self, node: Node<'a>) -> bool {
        match node.span {
            Some(span) => may_hold_dollar(self.text.get(span.span().range()).unwrap_or("")),
            None => true,
        }
    }

    /// A document string scanned for `$…$` references.
    fn text_leaf(&mut self, node: Node<'a>, ptr: &str, site: &str, _key: &str) {
        if !may_hold_dollar(self.raw(node)) {
            return;
        }
        if let Some(d) = self.decode(node) {
            self.dollars(&[&d], ptr, site, false, Slot::Plain);
        }
    }

    /// A document string holding a payload. A plain payload holds only `$…$` references, so
    /// one without a `$` at any depth is not read.
    fn payload_leaf(&mut self, node: Node<'a>, ptr: &str, site: &str, context: PayloadContext) {
        if matches!(context, PayloadContext::Plain) && !may_hold_dollar(self.raw(node)) {
            return;
        }
        if let Some(d) = self.decode(node)
            && self.payload(&[&d], ptr, site, context)
            && let Some(SpanNode::Scalar(token)) = node.span
        {
            self.out.payloads.push(*token);
        }
    }

    /// The `$…$` references of the innermost layer; `slot` is what the place does with them.
    fn dollars(
        &mut self,
        layers: &[&Decoded<'_>],
        ptr: &str,
        site: &str,
        in_payload: bool,
        slot: Slot,
    ) {
        let text = &layers.last().expect("one layer").text;
        if memchr::memchr(b'$', text.as_bytes()).is_none() {
            return;
        }
        let found = dollar::scan(text);
        for r in found.references {
            let mut reference = self.reference(layers, r.span, r.name, ptr, site);
            reference.form = Form::Dollar;
            reference.extent = map_span(layers, r.extent);
            reference.sub_path = r.sub_path;
            reference.in_payload = in_payload;
            reference.slot = slot;
            self.out.references.push(reference);
        }
        for u in found.unreadable {
            self.out.unreadable.push(UnreadableReference {
                reason: Uncertainty::Unclosed,
                text: text[u.extent.range()].to_string(),
                name: u.name,
                span: map_span(layers, u.span),
                extent: map_span(layers, u.extent),
                pointer: ptr.to_string(),
                site: site.to_string(),
            });
        }
    }

    /// A variable reference to `name` at bytes `inner` of the innermost of `layers`.
    fn reference(
        &self,
        layers: &[&Decoded<'_>],
        inner: Span,
        name: String,
        ptr: &str,
        site: &str,
    ) -> Reference {
        let (ptr, site) = (ptr.to_string(), site.to_string());
        reference_at(map_span(layers, inner), quotes_of(layers), name, ptr, site)
    }

    /// A string whose whole content is one name (declarations, ids). The name spans the
    /// token's whole content, escapes included, so no escape needs mapping. The pointer and
    /// site are taken as they are when the caller has no more use for them. Returns the
    /// reference recorded, if any.
    fn whole(
        &mut self,
        node: Node<'a>,
        ptr: impl Into<String>,
        ns: Namespace,
        form: Form,
        site: impl Into<String>,
    ) -> Option<&mut Reference> {
        let name = node.str().filter(|name| !name.is_empty())?;
        let span = match node.span {
            Some(SpanNode::Scalar(token)) => Span::new(token.start + 1, token.end - 1),
            Some(_) => return None,
            None => Span::new(0, name.len()),
        };
        let (ptr, site) = (ptr.into(), site.into());
        let mut r = reference_at(span, Cow::Borrowed("\""), name.to_string(), ptr, site);
        r.namespace = ns;
        r.form = form;
        self.out.references.push(r);
        self.out.references.last_mut()
    }

    /// `producer`: `1_<taskId>` or `2_<triggerNumber>`.
    fn producer(&mut self, node: Node<'a>, ptr: &str, site: &str) {
        let Some(d) = self.decode(node) else { return };
        let ns = if d.text.starts_with("1_") {
            Namespace::TaskId
        } else if d.text.starts_with("2_") {
            Namespace::TriggerNumber
        } else {
            return;
        };
        if d.text.len() > 2 {
            let span = Span::new(2, d.text.len());
            let mut r = self.reference(&[&d], span, d.text[2..].to_string(), ptr, site);
            r.namespace = ns;
            r.form = Form::IdLink;
            self.out.references.push(r);
        }
    }

    fn code(&mut self, node: Node<'a>, ptr: &str, site: &str, code: Code) {
        let Some(d) = self.decode(node) else { return };
        let names = match code {
            Code::JavaScript => script::javascript_names(&d.text),
            Code::Jsonnet => {
                let mut names = script::jsonnet_ext_vars(&d.text);
                names.extend(script::jsonnet_output_fields(&d.text));
                names
            }
        };
        for n in names
            .into_iter()
            .filter(|n| dollar::is_variable_name(&n.name))
        {
            let mut r = self.reference(&[&d], n.span, n.name, ptr, site);
            r.form = n.form;
            r.jsonnet_identifier = n.bare_identifier;
            self.out.references.push(r);
        }
        if let Code::JavaScript = code {
            for n in script::javascript_possible_names(&d.text) {
                if dollar::is_variable_name(&n.name) {
                    let span = map_span(&[&d], n.span);
                    self.out.unreadable.push(UnreadableReference {
                        reason: Uncertainty::ComputedName,
                        text: format!("{:?}", n.name),
                        name: n.name,
                        span,
                        extent: span,
                        pointer: ptr.to_string(),
                        site: site.to_string(),
                    });
                }
            }
        }
    }
}

/// The quote characters of `layers`, outermost first; one of the common layerings is
/// borrowed.
fn quotes_of(layers: &[&Decoded<'_>]) -> Cow<'static, str> {
    const COMMON: [&str; 4] = ["\"", "\"\"", "\"'", "\"\"\""];
    let same =
        |q: &&&str| q.len() == layers.len() && q.chars().zip(layers).all(|(c, d)| c == d.quote);
    match COMMON.iter().find(same) {
        Some(common) => Cow::Borrowed(common),
        None => Cow::Owned(layers.iter().map(|d| d.quote).collect()),
    }
}

/// A variable reference to `name` at `span` of the document, inside string tokens quoted
/// with `quotes` (outermost first).
fn reference_at(
    span: Span,
    quotes: Cow<'static, str>,
    name: String,
    ptr: String,
    site: String,
) -> Reference {
    Reference {
        namespace: Namespace::Variable,
        form: Form::BareName,
        name,
        span,
        extent: span,
        site,
        pointer: ptr,
        sub_path: String::new(),
        in_payload: quotes.len() > 1,
        jsonnet_identifier: false,
        quotes,
        slot: Slot::Plain,
    }
}

#[derive(Clone, Copy)]
enum Code {
    JavaScript,
    Jsonnet,
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use crate::document::Document;
    use crate::references::ReferenceIndex;

    #[test]
    fn quote_layers_are_recorded_outermost_first_and_borrowed_when_common() {
        let text = r#"{"taskConfigs": [{"taskId": "1", "parameters": {
            "a": {"value": {"stringValue": "$plain$"}},
            "b": {"value": {"jsonValue": "{\"k\": \"$strict$\"}"}},
            "c": {"value": {"jsonValue": "{'k': '$single$'}"}}}}]}"#;
        let doc = Document::parse(text).unwrap();
        let index = ReferenceIndex::build(&doc);
        let quotes = |name: &str| {
            let r = index.references.iter().find(|r| r.name == name).unwrap();
            assert!(matches!(r.quotes, Cow::Borrowed(_)), "{name}");
            r.quotes.to_string()
        };
        assert_eq!(quotes("plain"), "\"");
        assert_eq!(quotes("strict"), "\"\"");
        assert_eq!(quotes("single"), "\"'");
    }
}
