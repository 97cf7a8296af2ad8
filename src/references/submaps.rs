//! Sub-integration calls: which side of a parameter map names a variable of this file.
//!
//! A call task (`SubWorkflow…Task`) passes variables through ParameterMaps whose entries hold
//! bare names on both sides (FORMAT.md §8.5). In request maps the entry key is the caller's
//! variable and the value the called integration's; in response, override and aggregator maps
//! it is the reverse. The called integration's side belongs to this file only when the call's
//! `triggerId` is a trigger of this same file (a self-call, the common case). Loop element
//! mappings name a variable of the called integration, so they too belong to this file only
//! on a self-call.

/// Parameters holding a request map (entry key = this file's variable).
pub const REQUEST_MAPS: &[&str] = &["requestParamsMap", "requestParameterMapping"];

/// Parameters holding a response-direction map (entry value = this file's variable).
pub const RESPONSE_MAPS: &[&str] = &[
    "responseParamsMap",
    "overrideParameterMapping",
    "aggregatorParameterMapping",
    "responseAggregatorMap",
];

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

/// Which entry sides of map parameter `param` name variables of this file, as
/// `(key side, value side)`; `None` when `param` is not a sub-integration map.
pub fn sides_of_this_file(param: &str, self_call: bool) -> Option<(bool, bool)> {
    if REQUEST_MAPS.contains(&param) {
        Some((true, self_call))
    } else if RESPONSE_MAPS.contains(&param) {
        Some((self_call, true))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_decides_the_side() {
        assert_eq!(
            sides_of_this_file("requestParamsMap", false),
            Some((true, false))
        );
        assert_eq!(
            sides_of_this_file("responseParamsMap", false),
            Some((false, true))
        );
        assert_eq!(
            sides_of_this_file("overrideParameterMapping", true),
            Some((true, true))
        );
        assert_eq!(sides_of_this_file("additionalHeaders", true), None);
        assert!(is_call_task("SubWorkflowForEachLoopV2Task"));
        assert!(!is_call_task("GenericRestV2Task"));
    }
}
