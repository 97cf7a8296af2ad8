//! Typed values (`ValueType`) of execute requests: typing a command-line text by a variable's
//! declared `dataType`, and checking the JSON shape of a value found in a request file.
//!
//! int64 values are JSON strings (`{"intValue": "42"}`, `{"intArray": {"intValues": ["1"]}}`),
//! as proto3 JSON writes them; doubles are JSON numbers; `jsonValue` is a string holding JSON.

use serde_json::{Map, Number, Value};

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
fn array_field(member: &str) -> Option<&'static str> {
    Some(match member {
        "stringArray" => "stringValues",
        "intArray" => "intValues",
        "doubleArray" => "doubleValues",
        "booleanArray" => "booleanValues",
        _ => return None,
    })
}

/// Types the command-line text `text` as a value of `data_type` and returns the `ValueType`
/// object (`{"intValue": "42"}`). The error says why the text is not such a value.
///
/// Arrays take either a JSON array (`["a", "b,c"]`, `[1, 2]`) or comma-separated items
/// (`a,b`, `1, 2`); an empty text is an empty array. Items of number and boolean arrays may
/// have spaces around them; string items are kept exactly.
pub fn parse_input(data_type: &DataType, text: &str) -> Result<Value, String> {
    let Some(member) = member_for(data_type) else {
        return Err(format!(
            "values of type {data_type} cannot be given on the command line \
             (supported: STRING_VALUE, INT_VALUE, DOUBLE_VALUE, BOOLEAN_VALUE, JSON_VALUE and their arrays)"
        ));
    };
    let value = match member {
        "stringValue" => Value::String(text.to_string()),
        "intValue" => Value::String(parse_int(text)?),
        "doubleValue" => parse_double(text)?,
        "booleanValue" => Value::Bool(parse_bool(text)?),
        "jsonValue" => {
            serde_json::from_str::<Value>(text).map_err(|e| format!("is not JSON ({e})"))?;
            Value::String(text.to_string())
        }
        array => {
            let items = split_array(array, text)?;
            let field = array_field(array).expect("an array member");
            single(field, Value::Array(items))
        }
    };
    Ok(single(member, value))
}

fn single(key: &str, value: Value) -> Value {
    let mut map = Map::new();
    map.insert(key.to_string(), value);
    Value::Object(map)
}

fn parse_int(text: &str) -> Result<String, String> {
    text.parse::<i64>()
        .map(|n| n.to_string())
        .map_err(|_| "is not a 64-bit integer".to_string())
}

fn parse_double(text: &str) -> Result<Value, String> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("inf") || lower.contains("nan") {
        return Err("is not a finite number".to_string());
    }
    let n: f64 = text.parse().map_err(|_| "is not a number".to_string())?;
    Number::from_f64(n)
        .map(Value::Number)
        .ok_or_else(|| "is not a finite number".to_string())
}

fn parse_bool(text: &str) -> Result<bool, String> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err("is not a boolean (true or false)".to_string()),
    }
}

/// The items of an array input, typed for the array `member`.
fn split_array(member: &str, text: &str) -> Result<Vec<Value>, String> {
    if text.trim_start().starts_with('[') {
        let items: Vec<Value> = serde_json::from_str(text)
            .map_err(|e| format!("starts with [ but is not a JSON array ({e})"))?;
        return items
            .iter()
            .enumerate()
            .map(|(i, item)| json_item(member, item).map_err(|why| format!("item {i} {why}")))
            .collect();
    }
    if text.is_empty() {
        return Ok(Vec::new());
    }
    text.split(',')
        .enumerate()
        .map(|(i, item)| {
            text_item(member, item).map_err(|why| format!("item {i} ({item:?}) {why}"))
        })
        .collect()
}

fn text_item(member: &str, item: &str) -> Result<Value, String> {
    match member {
        "stringArray" => Ok(Value::String(item.to_string())),
        "intArray" => parse_int(item.trim()).map(Value::String),
        "doubleArray" => parse_double(item.trim()),
        _ => parse_bool(item.trim()).map(Value::Bool),
    }
}

fn json_item(member: &str, item: &Value) -> Result<Value, String> {
    let ok = match (member, item) {
        ("stringArray", Value::String(_)) => true,
        ("intArray", Value::Number(n)) if n.is_i64() => {
            return Ok(Value::String(n.to_string()));
        }
        ("intArray", Value::String(s)) => return parse_int(s).map(Value::String),
        ("doubleArray", Value::Number(_)) => true,
        ("booleanArray", Value::Bool(_)) => true,
        _ => false,
    };
    if ok {
        Ok(item.clone())
    } else {
        let expected = match member {
            "stringArray" => "a string",
            "intArray" => "a 64-bit integer",
            "doubleArray" => "a number",
            _ => "a boolean",
        };
        Err(format!("({item}) is not {expected}"))
    }
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

    fn parse(t: DataType, text: &str) -> Result<Value, String> {
        parse_input(&t, text)
    }

    #[test]
    fn types_scalars() {
        assert_eq!(
            parse(DataType::StringValue, "a,b"),
            Ok(json!({"stringValue": "a,b"}))
        );
        assert_eq!(
            parse(DataType::IntValue, "42"),
            Ok(json!({"intValue": "42"}))
        );
        assert_eq!(
            parse(DataType::IntValue, "-7"),
            Ok(json!({"intValue": "-7"}))
        );
        assert!(parse(DataType::IntValue, "1.5").is_err());
        assert!(parse(DataType::IntValue, "9223372036854775808").is_err());
        assert_eq!(
            parse(DataType::DoubleValue, "2.5"),
            Ok(json!({"doubleValue": 2.5}))
        );
        for bad in ["NaN", "inf", "-Infinity", "1e999", "x", ""] {
            assert!(parse(DataType::DoubleValue, bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse(DataType::BooleanValue, "true"),
            Ok(json!({"booleanValue": true}))
        );
        for bad in ["True", "1", "yes", ""] {
            assert!(parse(DataType::BooleanValue, bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse(DataType::JsonValue, r#"{"a": [1]}"#),
            Ok(json!({"jsonValue": "{\"a\": [1]}"}))
        );
        assert!(
            parse(DataType::JsonValue, "{'a': 1}")
                .unwrap_err()
                .starts_with("is not JSON")
        );
        assert!(parse(DataType::ProtoValue, "x").is_err());
    }

    #[test]
    fn types_arrays_from_commas_or_json() {
        assert_eq!(
            parse(DataType::StringArray, "a, b"),
            Ok(json!({"stringArray": {"stringValues": ["a", " b"]}}))
        );
        assert_eq!(
            parse(DataType::StringArray, r#"["a,b", "c"]"#),
            Ok(json!({"stringArray": {"stringValues": ["a,b", "c"]}}))
        );
        assert_eq!(
            parse(DataType::StringArray, ""),
            Ok(json!({"stringArray": {"stringValues": []}}))
        );
        assert_eq!(
            parse(DataType::IntArray, "1, 2,3"),
            Ok(json!({"intArray": {"intValues": ["1", "2", "3"]}}))
        );
        assert_eq!(
            parse(DataType::IntArray, r#"[1, "2"]"#),
            Ok(json!({"intArray": {"intValues": ["1", "2"]}}))
        );
        assert_eq!(
            parse(DataType::DoubleArray, "1.5,2"),
            Ok(json!({"doubleArray": {"doubleValues": [1.5, 2.0]}}))
        );
        assert_eq!(
            parse(DataType::BooleanArray, "[true, false]"),
            Ok(json!({"booleanArray": {"booleanValues": [true, false]}}))
        );
        let err = parse(DataType::IntArray, "1,x").unwrap_err();
        assert_eq!(err, "item 1 (\"x\") is not a 64-bit integer");
        let err = parse(DataType::BooleanArray, "[true, 1]").unwrap_err();
        assert_eq!(err, "item 1 (1) is not a boolean");
        assert!(parse(DataType::StringArray, "[a").is_err());
    }

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
