//! Sub-integration calls: which side of a parameter map names a variable of this file.
//!
//! A call task (`SubWorkflow…Task`) passes variables through ParameterMaps whose entries hold
//! bare names on both sides (FORMAT.md §8.5). In request maps the entry key is the caller's
//! variable and the value the called integration's; in response, override and aggregator maps
//! it is the reverse. The called integration's side belongs to this file only when the call's
//! `triggerId` is a trigger of this same file (a self-call, the common case); otherwise the
//! index keeps it as a [`super::Namespace::CalledVariable`]. Loop element mappings name a
//! variable of the called integration, so they too belong to this file only on a self-call.

use super::CallDirection;

/// Parameters holding a request map (entry key = this file's variable).
pub const REQUEST_MAPS: &[&str] = &["requestParamsMap", "requestParameterMapping"];

/// Parameters holding a response-direction map (entry value = this file's variable).
pub const RESPONSE_MAPS: &[&str] = &[
    "responseParamsMap",
    "overrideParameterMapping",
    "aggregatorParameterMapping",
    "responseAggregatorMap",
];

/// The response-direction maps that collect every run's output (loops, scatter).
pub const AGGREGATE_MAPS: &[&str] = &["aggregatorParameterMapping", "responseAggregatorMap"];

/// Parameters naming the called integration's variable that receives each element.
pub const ELEMENT_MAPPINGS: &[&str] = &[
    "iterationElementMapping",
    "subworkflowInput",
    "scatterElementParam",
];

/// True for the task types that call an integration (sub-integration, loops, scatter).
pub fn is_call_task(task: &str) -> bool {
    task.starts_with("SubWorkflow")
}

/// Which way map parameter `param` carries values; `None` when it is not a sub-integration
/// map. The caller's variable is the entry key of a request map and the entry value of the
/// others.
pub fn direction(param: &str) -> Option<CallDirection> {
    if REQUEST_MAPS.contains(&param) {
        Some(CallDirection::Request)
    } else if AGGREGATE_MAPS.contains(&param) {
        Some(CallDirection::Aggregate)
    } else if RESPONSE_MAPS.contains(&param) {
        Some(CallDirection::Response)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_map_has_a_direction() {
        assert_eq!(direction("requestParamsMap"), Some(CallDirection::Request));
        assert_eq!(
            direction("responseParamsMap"),
            Some(CallDirection::Response)
        );
        assert_eq!(
            direction("overrideParameterMapping"),
            Some(CallDirection::Response)
        );
        assert_eq!(
            direction("responseAggregatorMap"),
            Some(CallDirection::Aggregate)
        );
        assert_eq!(direction("additionalHeaders"), None);
        assert!(is_call_task("SubWorkflowForEachLoopV2Task"));
        assert!(!is_call_task("GenericRestV2Task"));
    }
}
