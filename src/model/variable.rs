//! Values and variables: task parameters, variable and config-variable declarations
//! (FORMAT.md §3.4–3.6).

use schemars::JsonSchema;
use serde::Deserialize;

use super::{Extra, string_enum};

/// A task parameter: a value of `TaskConfig.parameters`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default)]
pub struct EventParameter<'a> {
    /// Parameter name, equal to its key in the `parameters` map.
    pub key: Option<&'a str>,
    /// The value; absent and `{}` both occur.
    #[serde(borrow)]
    pub value: Option<ValueType<'a>>,
    /// Mask in logs.
    pub masked: Option<bool>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A typed value; exactly one member is set in practice.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct ValueType<'a> {
    /// String.
    pub string_value: Option<&'a str>,
    /// int64, as a string of digits.
    pub int_value: Option<&'a str>,
    /// Double.
    pub double_value: Option<f64>,
    /// Boolean.
    pub boolean_value: Option<bool>,
    /// JSON text held in a string (not always strict JSON: single quotes occur).
    pub json_value: Option<&'a str>,
    /// String array (`{}` when empty).
    #[serde(borrow)]
    pub string_array: Option<StringParameterArray<'a>>,
    /// int64 array.
    #[serde(borrow)]
    pub int_array: Option<IntParameterArray<'a>>,
    /// Double array.
    pub double_array: Option<DoubleParameterArray>,
    /// Boolean array.
    pub boolean_array: Option<BooleanParameterArray>,
    /// Keys this model does not know (e.g. `protoValue` in internal copies).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{stringValues: [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct StringParameterArray<'a> {
    /// The strings.
    #[serde(borrow)]
    pub string_values: Vec<&'a str>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{intValues: [...]}` (int64 as strings).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct IntParameterArray<'a> {
    /// The integers, as strings of digits.
    #[serde(borrow)]
    pub int_values: Vec<&'a str>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{doubleValues: [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct DoubleParameterArray {
    /// The numbers.
    pub double_values: Vec<f64>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{booleanValues: [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct BooleanParameterArray {
    /// The booleans.
    pub boolean_values: Vec<bool>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A variable declaration (`integrationParameters[]`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct IntegrationParameter<'a> {
    /// The variable's identity; backtick-quoted for generated, system and config variables.
    pub key: Option<&'a str>,
    /// Data type.
    pub data_type: Option<DataType>,
    /// Name shown in the UI (equal to `key` when present).
    pub display_name: Option<&'a str>,
    /// Producer node: `1_<taskId>` or `2_<triggerNumber>`.
    pub producer: Option<&'a str>,
    /// Not persisted.
    pub is_transient: Option<bool>,
    /// Default value.
    #[serde(borrow)]
    pub default_value: Option<ValueType<'a>>,
    /// JSON Schema text for JSON variables.
    pub json_schema: Option<&'a str>,
    /// Input/output role in the integration's interface.
    pub input_output_type: Option<InputOutputType>,
    /// Mask in logs.
    pub masked: Option<bool>,
    /// Searchable in logs.
    pub searchable: Option<bool>,
    /// Description.
    pub description: Option<&'a str>,
    /// Large data offloaded to storage.
    pub contains_large_data: Option<bool>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A config-variable declaration (`integrationConfigParameters[]`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default)]
pub struct IntegrationConfigParameter<'a> {
    /// The declaration; its key is `` `CONFIG_<name>` ``.
    #[serde(borrow)]
    pub parameter: Option<IntegrationParameter<'a>>,
    /// The value, when set.
    #[serde(borrow)]
    pub value: Option<ValueType<'a>>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// `IntegrationParameter.dataType`.
    pub enum DataType {
        /// Not set.
        Unspecified = "INTEGRATION_PARAMETER_DATA_TYPE_UNSPECIFIED",
        /// String.
        StringValue = "STRING_VALUE",
        /// Integer.
        IntValue = "INT_VALUE",
        /// Double.
        DoubleValue = "DOUBLE_VALUE",
        /// Boolean.
        BooleanValue = "BOOLEAN_VALUE",
        /// String array.
        StringArray = "STRING_ARRAY",
        /// Integer array.
        IntArray = "INT_ARRAY",
        /// Double array.
        DoubleArray = "DOUBLE_ARRAY",
        /// Boolean array.
        BooleanArray = "BOOLEAN_ARRAY",
        /// JSON.
        JsonValue = "JSON_VALUE",
        /// Proto (internal use).
        ProtoValue = "PROTO_VALUE",
        /// Proto array (internal use).
        ProtoArray = "PROTO_ARRAY",
        /// Non-serializable object.
        NonSerializableObject = "NON_SERIALIZABLE_OBJECT",
        /// Proto enum.
        ProtoEnum = "PROTO_ENUM",
        /// Serialized object.
        SerializedObjectValue = "SERIALIZED_OBJECT_VALUE",
        /// Proto enum array.
        ProtoEnumArray = "PROTO_ENUM_ARRAY",
        /// Bytes.
        Bytes = "BYTES",
        /// Bytes array.
        BytesArray = "BYTES_ARRAY",
    }
}

string_enum! {
    /// `IntegrationParameter.inputOutputType`.
    pub enum InputOutputType {
        /// Neither input nor output.
        Unspecified = "IN_OUT_TYPE_UNSPECIFIED",
        /// Input of the integration.
        In = "IN",
        /// Output of the integration.
        Out = "OUT",
        /// Both.
        InOut = "IN_OUT",
    }
}
