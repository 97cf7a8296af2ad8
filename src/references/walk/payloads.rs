//! Payloads (`jsonValue` text, at any depth): their context-specific bare names, then every
//! string in them.

use super::super::dollar;
use super::super::payload::{self, PayloadNode};
use super::super::text::{Decoded, may_hold_dollar};
use super::Walker;
use crate::document::Span;

/// Where a payload sits, which decides the bare names it holds.
#[derive(Clone, Copy)]
pub(super) enum PayloadContext {
    /// Only `$…$` references.
    Plain,
    /// A sub-integration ParameterMap; the flags say which entry sides are this file's names.
    SubMap { key_side: bool, value_side: bool },
    /// A Data Transformer `diagramMetadata` Struct.
    Diagram,
}

impl Walker<'_> {
    /// The payload text of the innermost layer: its bare names by context, then every string
    /// in it (nested `jsonValue` strings as payloads). Text that is not JSON is scanned whole.
    /// Returns whether the text read as a payload.
    pub(super) fn payload(
        &mut self,
        layers: &[&Decoded<'_>],
        ptr: &str,
        site: &str,
        context: PayloadContext,
    ) -> bool {
        let text = &layers.last().expect("one layer").text;
        let Some(strings) = payload::strings(text) else {
            self.dollars(layers, ptr, site, true);
            return false;
        };
        // Only maps and diagrams name variables by their structure: their tree is built.
        let root = match context {
            PayloadContext::Plain => None,
            _ => payload::parse(text),
        };
        match (context, root) {
            (
                PayloadContext::SubMap {
                    key_side,
                    value_side,
                },
                Some(root),
            ) => {
                for entry in root
                    .get("entries")
                    .map(PayloadNode::items)
                    .unwrap_or_default()
                {
                    for (side, wanted) in [("key", key_side), ("value", value_side)] {
                        if let (true, Some(PayloadNode::Str(span))) =
                            (wanted, entry.at(&[side, "literalValue", "stringValue"]))
                        {
                            let site = [site, " entries[].", side].concat();
                            self.payload_name(layers, *span, ptr, &site);
                        }
                    }
                }
            }
            (PayloadContext::Diagram, Some(root)) => {
                if let Some(PayloadNode::Object(members)) = root.get("value") {
                    for (_, _, diagram) in members {
                        for output in diagram
                            .get("outputs")
                            .map(PayloadNode::items)
                            .unwrap_or_default()
                        {
                            if let Some(PayloadNode::Str(span)) = output.get("name") {
                                self.payload_name(
                                    layers,
                                    *span,
                                    ptr,
                                    &[site, " outputs[].name"].concat(),
                                );
                            }
                        }
                        for mapping in diagram
                            .get("mappings")
                            .map(PayloadNode::items)
                            .unwrap_or_default()
                        {
                            if let Some(PayloadNode::Str(span)) = mapping.get("output") {
                                self.payload_name(
                                    layers,
                                    *span,
                                    ptr,
                                    &[site, " mappings[].output"].concat(),
                                );
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        for (key, token) in strings {
            self.payload_string(layers, token, ptr, site, &key);
        }
        true
    }

    /// A payload string token whose whole content is a bare variable name.
    fn payload_name(&mut self, layers: &[&Decoded<'_>], token: Span, ptr: &str, site: &str) {
        let text = &layers.last().expect("one layer").text;
        let Some(d) = Decoded::decode(text, token) else {
            return;
        };
        if dollar::is_variable_name(&d.text) {
            let mut chain = layers.to_vec();
            chain.push(&d);
            let span = Span::new(0, d.text.len());
            let r = self.reference(&chain, span, d.text.to_string(), ptr, site);
            self.out.references.push(r);
        }
    }

    /// A string token of a payload, a member of `key`: its `$…$` references, or, for a
    /// `jsonValue`, the payload it holds.
    fn payload_string(
        &mut self,
        layers: &[&Decoded<'_>],
        token: Span,
        ptr: &str,
        site: &str,
        key: &str,
    ) {
        let text = &layers.last().expect("one layer").text;
        // Only `$…$` references are read here, at any depth.
        if !may_hold_dollar(text.get(token.range()).unwrap_or("")) {
            return;
        }
        let Some(d) = Decoded::decode(text, token) else {
            return;
        };
        let mut chain = layers.to_vec();
        chain.push(&d);
        let site = [site, " → ", key].concat();
        if key == "jsonValue" {
            self.payload(&chain, ptr, &site, PayloadContext::Plain);
        } else {
            self.dollars(&chain, ptr, &site, true);
        }
    }
}
