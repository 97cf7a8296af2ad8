//! Payloads (`jsonValue` text, at any depth): their context-specific bare names, then every
//! string in them.

use super::super::payload::{self, MappingRole, PayloadNode};
use super::super::text::may_hold_dollar;
use super::super::{CallDirection, CallSide, Namespace, Slot, dollar};
use super::Walker;
use crate::document::Decoded;
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
        // Only maps and diagrams name variables by their structure: only their tree is built.
        let read = match context {
            PayloadContext::Plain => payload::strings(text).map(|strings| (None, strings)),
            _ => payload::read(text).map(|(root, strings)| (Some(root), strings)),
        };
        let Some((root, strings)) = read else {
            self.dollars(layers, ptr, site, true, Slot::Plain);
            return false;
        };
        match (context, root) {
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
        for string in strings {
            // A Data Mapping's fields say what each reference in them does.
            let slot = match (context, string.role) {
                (PayloadContext::Plain, MappingRole::Input(field)) => Slot::MappingInput { field },
                (PayloadContext::Plain, MappingRole::Output(field)) => {
                    Slot::MappingOutput { field }
                }
                _ => Slot::Plain,
            };
            self.payload_string(layers, string.span, ptr, site, &string.key, slot);
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

    /// A string token of a payload, a member of `key`: its `$…$` references (`slot` says what
    /// the place does with them), or, for a `jsonValue`, the payload it holds.
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
            self.dollars(&chain, ptr, &site, true, slot);
        }
    }
}
