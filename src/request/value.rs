//! Typed values (`ValueType`) of execute requests: the members by data type, and the JSON
//! shape of a value found in a request file (typing command-line text is [`super::parse_input`]).
//!
//! int64 values are JSON strings (`{"intValue": "42"}`, `{"intArray": {"intValues": ["1"]}}`),
//! as proto3 JSON writes them; doubles are JSON numbers; `jsonValue` is a string holding JSON.

use serde_json::Value;

use crate::model::DataType;

/// The members a `ValueType` may hold, in the API's order.
pub const MEMBERS: &[&str] = &[
    "stringValue",
    "intValue",
    "doubleValue",
    "booleanValue",
    "jsonValue",
    "stringArray",
    "intArray",
    "doubleArray",
    "booleanArray",
];

/// The `ValueType` member that holds values of `data_type`, for the types a request can carry.
pub fn member_for(data_type: &DataType) -> Option<&'static str> {
    Some(match data_type {
        DataType::StringValue => "stringValue",
        DataType::IntValue => "intValue",
        DataType::DoubleValue => "doubleValue",
        DataType::BooleanValue => "booleanValue",
        DataType::JsonValue => "jsonValue",
        DataType::StringArray => "stringArray",
        DataType::IntArray => "intArray",
        DataType::DoubleArray => "doubleArray",
        DataType::BooleanArray => "booleanArray",
        _ => return None,
    })
}

/// The field inside an array member (`stringArray` → `stringValues`).
pub(super) fn array_field(member: &str) -> Option<&'static str> {
    Some(match member {
        "stringArray" => "stringValues",
        "intArray" => "intValues",
        "doubleArray" => "doubleValues",
        "booleanArray" => "booleanValues",
        _ => return None,
    })
}

/// What is wrong with a `ValueType` found in a file, and where inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueProblem {
    /// JSON Pointer of the offending part, relative to the value (`""`, `/intValue`,
    /// `/intArray/intValues/2`).
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

impl ValueProblem {
    fn at(pointer: impl Into<String>, message: impl Into<String>) -> ValueProblem {
        ValueProblem {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

/// Checks the JSON shape of a `ValueType` and returns the member it holds. The value must be
/// an object with exactly one known member of the right JSON type; int64s may be strings of
/// digits or integers, doubles numbers (or the strings proto3 JSON allows), `jsonValue` a string
/// holding JSON.
pub fn value_member(value: &Value) -> Result<&str, ValueProblem> {
    let Value::Object(map) = value else {
        return Err(ValueProblem::at(
            "",
            format!("must be an object such as {{\"stringValue\": \"…\"}}, found {value}"),
        ));
    };
    if let Some(unknown) = map.keys().find(|k| !MEMBERS.contains(&k.as_str())) {
        return Err(ValueProblem::at(
            pointer_of(unknown),
            format!(
                "{unknown:?} is not a member of a value (expected one of {})",
                MEMBERS.join(", ")
            ),
        ));
    }
    let mut members = map.iter();
    let Some((member, inner)) = members.next() else {
        return Err(ValueProblem::at(
            "",
            "holds no value (expected one member such as stringValue)",
        ));
    };
    if let Some((second, _)) = members.next() {
        return Err(ValueProblem::at(
            pointer_of(second),
            format!("holds both {member} and {second}; a value has exactly one member"),
        ));
    }
    check_member(member, inner).map_err(|mut p| {
        p.pointer = format!("{}{}", pointer_of(member), p.pointer);
        p
    })?;
    Ok(member)
}

fn pointer_of(key: &str) -> String {
    let mut pointer = String::new();
    crate::document::push_token(&mut pointer, key);
    pointer
}

fn check_member(member: &str, inner: &Value) -> Result<(), ValueProblem> {
    let fail = |expected: &str| {
        Err(ValueProblem::at(
            "",
            format!("{member} must be {expected}, found {inner}"),
        ))
    };
    match member {
        "stringValue" if !inner.is_string() => fail("a string"),
        "intValue" if !is_int64(inner) => fail("a 64-bit integer as a string of digits"),
        "doubleValue" if !is_double(inner) => fail("a number"),
        "booleanValue" if !inner.is_boolean() => fail("true or false"),
        "jsonValue" => match inner.as_str() {
            None => fail("a string holding JSON"),
            Some(text) => serde_json::from_str::<Value>(text)
                .map(|_| ())
                .map_err(|e| ValueProblem::at("", format!("jsonValue does not hold JSON ({e})"))),
        },
        array if array_field(array).is_some() => check_array(array, inner),
        _ => Ok(()),
    }
}

fn check_array(member: &str, inner: &Value) -> Result<(), ValueProblem> {
    let field = array_field(member).expect("an array member");
    let Value::Object(map) = inner else {
        return Err(ValueProblem::at(
            "",
            format!("{member} must be an object {{\"{field}\": [...]}}, found {inner}"),
        ));
    };
    if let Some(unknown) = map.keys().find(|k| *k != field) {
        return Err(ValueProblem::at(
            pointer_of(unknown),
            format!("{member} holds {unknown:?}; expected only {field:?}"),
        ));
    }
    let Some(items) = map.get(field) else {
        return Ok(());
    };
    let Value::Array(items) = items else {
        return Err(ValueProblem::at(
            pointer_of(field),
            format!("{member}.{field} must be an array, found {items}"),
        ));
    };
    for (i, item) in items.iter().enumerate() {
        let ok = match member {
            "stringArray" => item.is_string(),
            "intArray" => is_int64(item),
            "doubleArray" => is_double(item),
            _ => item.is_boolean(),
        };
        if !ok {
            return Err(ValueProblem::at(
                format!("{}/{i}", pointer_of(field)),
                format!("{member}.{field}[{i}] has the wrong type: {item}"),
            ));
        }
    }
    Ok(())
}

/// proto3 JSON int64: a string of digits or an integer number, within 64 bits.
fn is_int64(value: &Value) -> bool {
    match value {
        Value::String(s) => s.parse::<i64>().is_ok() && !s.starts_with('+'),
        Value::Number(n) => n.is_i64(),
        _ => false,
    }
}

/// proto3 JSON double: a number, or a string holding one (`"NaN"` and `"Infinity"` included).
fn is_double(value: &Value) -> bool {
    match value {
        Value::Number(_) => true,
        Value::String(s) => {
            matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity") || s.parse::<f64>().is_ok()
        }
        _ => false,
    }
}

/// The data type a `ValueType` member holds (the inverse of [`member_for`]).
pub fn data_type_of(member: &str) -> Option<DataType> {
    Some(match member {
        "stringValue" => DataType::StringValue,
        "intValue" => DataType::IntValue,
        "doubleValue" => DataType::DoubleValue,
        "booleanValue" => DataType::BooleanValue,
        "jsonValue" => DataType::JsonValue,
        "stringArray" => DataType::StringArray,
        "intArray" => DataType::IntArray,
        "doubleArray" => DataType::DoubleArray,
        "booleanArray" => DataType::BooleanArray,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn checks_value_shapes() {
        assert_eq!(value_member(&json!({"intValue": "5"})), Ok("intValue"));
        assert_eq!(value_member(&json!({"intValue": 5})), Ok("intValue"));
        assert_eq!(
            value_member(&json!({"intArray": {"intValues": ["1", 2]}})),
            Ok("intArray")
        );
        assert_eq!(value_member(&json!({"stringArray": {}})), Ok("stringArray"));
        let p = value_member(&json!({"intValue": "five"})).unwrap_err();
        assert_eq!(p.pointer, "/intValue");
        let p = value_member(&json!({"intArray": {"intValues": ["1", "x"]}})).unwrap_err();
        assert_eq!(p.pointer, "/intArray/intValues/1");
        let p = value_member(&json!({"stringValue": "a", "intValue": "1"})).unwrap_err();
        assert_eq!(p.pointer, "/intValue");
        assert!(p.message.contains("exactly one member"));
        let p = value_member(&json!({"jsonValue": "{'a': 1}"})).unwrap_err();
        assert!(p.message.contains("does not hold JSON"), "{}", p.message);
        let p = value_member(&json!({"stringVal": "a"})).unwrap_err();
        assert_eq!(p.pointer, "/stringVal");
        assert!(value_member(&json!({})).is_err());
        assert!(value_member(&json!("a")).is_err());
        assert!(value_member(&json!({"booleanValue": "true"})).is_err());
    }

    #[test]
    fn members_and_types_correspond() {
        for member in MEMBERS {
            let t = data_type_of(member).unwrap();
            assert_eq!(member_for(&t), Some(*member));
        }
    }
}
