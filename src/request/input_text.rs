//! Typing a command-line text (`--input KEY=VALUE`) by the variable's declared `dataType`.

use serde_json::{Map, Number, Value};

use super::value::{array_field, member_for};
use crate::model::DataType;

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
}
