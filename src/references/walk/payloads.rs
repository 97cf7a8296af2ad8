//! Payloads (`jsonValue` text, at any depth): their context-specific bare names, then every
//! string in them.

use super::super::payload::{self, PayloadNode};
use super::super::text::{Decoded, may_hold_dollar};
use super::super::{CallDirection, CallSide, Namespace, Slot, dollar};
use super::Walker;
use crate::document::Span;

/// Where a payload sits, which decides the bare names it holds.
#[derive(Clone, Copy)]
pub(super) enum PayloadContext {
    /// Only `$…$` references (a Data Mapping's say which field they are in).
    Plain,
    /// A sub-integration ParameterMap carrying values `direction`; `self_call` when the call
    /// targets a trigger of this file, so both sides name this file's variables.
    SubMap {
        direction: CallDirection,
        self_call: bool,
    },
    /// A Data Transformer `diagramMetadata` Struct.
    Diagram,
}

impl Walker<'_> {
    /// The payload text of the innermost layer: its bare names by context, then every string
    /// in it (nested `jsonValue` strings as payloads). Text that is not JSON is scanned whole.
    pub(super) fn payload(
        &mut self,
        layers: &[&Decoded],
        ptr: &str,
        site: &str,
        context: PayloadContext,
    ) {
        let text = &layers.last().expect("one layer").text;
        let Some(root) = payload::parse(text) else {
            self.dollars(layers, ptr, site, true, Slot::Plain);
            return;
        };
        match context {
            PayloadContext::Plain => {
                if let Some(fields) = root.get("mappedFields") {
                    self.mapped_fields(fields, layers, ptr, site);
                    for (k, _, v) in root.members() {
                        if k != "mappedFields" {
                            self.payload_strings(v, layers, ptr, site, k, Slot::Plain);
                        }
                    }
                    return;
                }
            }
            PayloadContext::SubMap {
                direction,
                self_call,
            } => {
                // Request maps name the caller's variable in the entry key; the other maps in
                // the entry value.
                let (key_side, value_side) = match direction {
                    CallDirection::Request => (CallSide::Caller, CallSide::Callee),
                    _ => (CallSide::Callee, CallSide::Caller),
                };
                for (entry_index, entry) in root
                    .get("entries")
                    .map(PayloadNode::items)
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    for (member, side) in [("key", key_side), ("value", value_side)] {
                        if let Some(PayloadNode::Str(span)) =
                            entry.at(&[member, "literalValue", "stringValue"])
                        {
                            let namespace = if side == CallSide::Caller || self_call {
                                Namespace::Variable
                            } else {
                                Namespace::CalledVariable
                            };
                            let slot = Slot::CallMap {
                                direction,
                                side,
                                entry: entry_index,
                            };
                            let site = format!("{site} entries[].{member}");
                            self.payload_name(layers, *span, ptr, &site, namespace, slot);
                        }
                    }
                }
            }
            PayloadContext::Diagram => {
                if let Some(PayloadNode::Object(members)) = root.get("value") {
                    for (_, _, diagram) in members {
                        for output in diagram
                            .get("outputs")
                            .map(PayloadNode::items)
                            .unwrap_or_default()
                        {
                            if let Some(PayloadNode::Str(span)) = output.get("name") {
                                let site = format!("{site} outputs[].name");
                                self.diagram_name(layers, *span, ptr, &site);
                            }
                        }
                        for mapping in diagram
                            .get("mappings")
                            .map(PayloadNode::items)
                            .unwrap_or_default()
                        {
                            if let Some(PayloadNode::Str(span)) = mapping.get("output") {
                                let site = format!("{site} mappings[].output");
                                self.diagram_name(layers, *span, ptr, &site);
                            }
                        }
                    }
                }
            }
        }
        self.payload_strings(&root, layers, ptr, site, "", Slot::Plain);
    }

    /// The fields of a Data Mapping (`mappedFields[]`): what each input field reads, and the
    /// `referenceKey` of each output field, the variable it writes.
    fn mapped_fields(&mut self, fields: &PayloadNode, layers: &[&Decoded], ptr: &str, site: &str) {
        let PayloadNode::Array(items) = fields else {
            self.payload_strings(fields, layers, ptr, site, "mappedFields", Slot::Plain);
            return;
        };
        for (field, mapped) in items.iter().enumerate() {
            for (k, _, v) in mapped.members() {
                let slot = match k.as_str() {
                    "inputField" => Slot::MappingInput { field },
                    "outputField" => Slot::MappingOutput { field },
                    _ => Slot::Plain,
                };
                self.payload_strings(v, layers, ptr, site, k, slot);
            }
        }
    }

    /// A Data Transformer diagram name: a mirror of the template's names.
    fn diagram_name(&mut self, layers: &[&Decoded], token: Span, ptr: &str, site: &str) {
        self.payload_name(layers, token, ptr, site, Namespace::Variable, Slot::Plain);
    }

    /// A payload string token whose whole content is a bare variable name.
    fn payload_name(
        &mut self,
        layers: &[&Decoded],
        token: Span,
        ptr: &str,
        site: &str,
        namespace: Namespace,
        slot: Slot,
    ) {
        let text = &layers.last().expect("one layer").text;
        let Some(d) = Decoded::decode(text, token) else {
            return;
        };
        if dollar::is_variable_name(&d.text) {
            let mut chain = layers.to_vec();
            chain.push(&d);
            let span = Span::new(0, d.text.len());
            let mut r = self.reference(&chain, span, d.text.clone(), ptr, site);
            r.namespace = namespace;
            r.slot = slot;
            self.out.references.push(r);
        }
    }

    /// Every string under `node`; `slot` is what the place does with a reference (inside a
    /// Data Mapping's output field, only its `referenceKey` is written).
    fn payload_strings(
        &mut self,
        node: &PayloadNode,
        layers: &[&Decoded],
        ptr: &str,
        site: &str,
        key: &str,
        slot: Slot,
    ) {
        match node {
            PayloadNode::Str(token) => {
                let text = &layers.last().expect("one layer").text;
                // Only `$…$` references are read here, at any depth.
                if !may_hold_dollar(text.get(token.range()).unwrap_or("")) {
                    return;
                }
                let Some(d) = Decoded::decode(text, *token) else {
                    return;
                };
                let mut chain = layers.to_vec();
                chain.push(&d);
                let site = format!("{site} → {key}");
                if key == "jsonValue" {
                    self.payload(&chain, ptr, &site, PayloadContext::Plain);
                } else {
                    let slot = match slot {
                        Slot::MappingOutput { .. } if key != "referenceKey" => Slot::Plain,
                        other => other,
                    };
                    self.dollars(&chain, ptr, &site, true, slot);
                }
            }
            PayloadNode::Object(members) => {
                for (k, _, v) in members {
                    // Below the output field itself, nothing is the written key.
                    let inner = match slot {
                        Slot::MappingOutput { .. } if key != "outputField" => Slot::Plain,
                        other => other,
                    };
                    self.payload_strings(v, layers, ptr, site, k, inner);
                }
            }
            PayloadNode::Array(items) => {
                for item in items {
                    self.payload_strings(item, layers, ptr, site, key, slot);
                }
            }
            PayloadNode::Scalar => {}
        }
    }
}
