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
            self.dollars(layers, ptr, site, true, Slot::Plain);
            return false;
        };
        // Only maps, diagrams and Data Mappings give names a role by their structure: only
        // their tree is built. (A key spelled with an escape may hide `mappedFields`.)
        let structured = match context {
            PayloadContext::Plain => {
                let bytes = text.as_bytes();
                memchr::memmem::find(bytes, b"mappedFields").is_some()
                    || memchr::memmem::find(bytes, b"\\u").is_some()
            }
            _ => true,
        };
        let root = if structured {
            payload::parse(text)
        } else {
            None
        };
        match (context, root) {
            (PayloadContext::Plain, Some(root)) => {
                if let Some(fields) = root.get("mappedFields") {
                    self.mapped_fields(fields, layers, ptr, site);
                    for (k, _, v) in root.members() {
                        if k != "mappedFields" {
                            self.payload_strings(v, layers, ptr, site, k, Slot::Plain);
                        }
                    }
                    return true;
                }
            }
            (
                PayloadContext::SubMap {
                    direction,
                    self_call,
                },
                Some(root),
            ) => self.call_map(&root, layers, ptr, site, direction, self_call),
            (PayloadContext::Diagram, Some(root)) => self.diagram(&root, layers, ptr, site),
            _ => {}
        }
        for (key, token) in strings {
            self.payload_string(layers, token, ptr, site, &key, Slot::Plain);
        }
        true
    }

    /// The entries of a sub-integration ParameterMap carrying values `direction`.
    fn call_map(
        &mut self,
        root: &PayloadNode,
        layers: &[&Decoded<'_>],
        ptr: &str,
        site: &str,
        direction: CallDirection,
        self_call: bool,
    ) {
        // Request maps name the caller's variable in the entry key; the other maps in the
        // entry value.
        let (key_side, value_side) = match direction {
            CallDirection::Request => (CallSide::Caller, CallSide::Callee),
            _ => (CallSide::Callee, CallSide::Caller),
        };
        let entries = root.get("entries").map(PayloadNode::items);
        for (entry_index, entry) in entries.unwrap_or_default().iter().enumerate() {
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
                    let site = [site, " entries[].", member].concat();
                    self.payload_name(layers, *span, ptr, &site, namespace, slot);
                }
            }
        }
    }

    /// The output names and mapping outputs of a Data Transformer `diagramMetadata`.
    fn diagram(&mut self, root: &PayloadNode, layers: &[&Decoded<'_>], ptr: &str, site: &str) {
        let Some(PayloadNode::Object(members)) = root.get("value") else {
            return;
        };
        for (_, _, diagram) in members {
            let outputs = diagram.get("outputs").map(PayloadNode::items);
            for output in outputs.unwrap_or_default() {
                if let Some(PayloadNode::Str(span)) = output.get("name") {
                    let site = [site, " outputs[].name"].concat();
                    self.diagram_name(layers, *span, ptr, &site);
                }
            }
            let mappings = diagram.get("mappings").map(PayloadNode::items);
            for mapping in mappings.unwrap_or_default() {
                if let Some(PayloadNode::Str(span)) = mapping.get("output") {
                    let site = [site, " mappings[].output"].concat();
                    self.diagram_name(layers, *span, ptr, &site);
                }
            }
        }
    }

    /// The fields of a Data Mapping (`mappedFields[]`): what each input field reads, and the
    /// `referenceKey` of each output field, the variable it writes.
    fn mapped_fields(
        &mut self,
        fields: &PayloadNode,
        layers: &[&Decoded<'_>],
        ptr: &str,
        site: &str,
    ) {
        let PayloadNode::Array(items) = fields else {
            self.payload_strings(fields, layers, ptr, site, "mappedFields", Slot::Plain);
            return;
        };
        for (field, mapped) in items.iter().enumerate() {
            for (k, _, v) in mapped.members() {
                let slot = match k.as_ref() {
                    "inputField" => Slot::MappingInput { field },
                    "outputField" => Slot::MappingOutput { field },
                    _ => Slot::Plain,
                };
                self.payload_strings(v, layers, ptr, site, k, slot);
            }
        }
    }

    /// A Data Transformer diagram name: a mirror of the template's names.
    fn diagram_name(&mut self, layers: &[&Decoded<'_>], token: Span, ptr: &str, site: &str) {
        self.payload_name(layers, token, ptr, site, Namespace::Variable, Slot::Plain);
    }

    /// A payload string token whose whole content is a bare variable name.
    fn payload_name(
        &mut self,
        layers: &[&Decoded<'_>],
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
            let mut r = self.reference(&chain, span, d.text.to_string(), ptr, site);
            r.namespace = namespace;
            r.slot = slot;
            self.out.references.push(r);
        }
    }

    /// Every string under `node` of a payload's tree; `slot` is what the place does with a
    /// reference (inside a Data Mapping's output field, only its `referenceKey` is written).
    fn payload_strings(
        &mut self,
        node: &PayloadNode,
        layers: &[&Decoded<'_>],
        ptr: &str,
        site: &str,
        key: &str,
        slot: Slot,
    ) {
        match node {
            PayloadNode::Str(token) => self.payload_string(layers, *token, ptr, site, key, slot),
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

    /// A string token of a payload, a member of `key`: its `$…$` references, or, for a
    /// `jsonValue`, the payload it holds.
    fn payload_string(
        &mut self,
        layers: &[&Decoded<'_>],
        token: Span,
        ptr: &str,
        site: &str,
        key: &str,
        slot: Slot,
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
            let slot = match slot {
                Slot::MappingOutput { .. } if key != "referenceKey" => Slot::Plain,
                other => other,
            };
            self.dollars(&chain, ptr, &site, true, slot);
        }
    }
}
