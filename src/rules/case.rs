//! Case conversion of variable names (the part inside backticks; backticks are kept).

use heck::{ToKebabCase, ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase};

use super::model::Case;
use crate::rename::names::{strip_backticks, with_backticks_of};

/// `name` converted to `case`; words are split at `_`, `-` and case changes. Leading and
/// trailing underscores are part of the name's meaning (`_env` marks a private variable by
/// convention) and are kept as they are.
pub fn convert_case(name: &str, case: Case) -> String {
    let bare = strip_backticks(name);
    let core = bare.trim_matches('_');
    if core.is_empty() {
        return name.to_string();
    }
    let lead = &bare[..bare.len() - bare.trim_start_matches('_').len()];
    let trail = &bare[bare.trim_end_matches('_').len()..];
    let converted = match case {
        Case::Snake => core.to_snake_case(),
        Case::Camel => core.to_lower_camel_case(),
        Case::Kebab => core.to_kebab_case(),
        Case::Screaming => core.to_shouty_snake_case(),
    };
    with_backticks_of(name, &format!("{lead}{converted}{trail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_keeps_backticks() {
        assert_eq!(convert_case("orderTotal", Case::Snake), "order_total");
        assert_eq!(convert_case("order_total", Case::Camel), "orderTotal");
        assert_eq!(convert_case("order_total", Case::Kebab), "order-total");
        assert_eq!(convert_case("order-total", Case::Screaming), "ORDER_TOTAL");
        assert_eq!(convert_case("`ErrorInfo`", Case::Snake), "`error_info`");
        assert_eq!(convert_case("HTTPResponse", Case::Snake), "http_response");
        assert_eq!(convert_case("_env", Case::Camel), "_env");
        assert_eq!(convert_case("_order_total_", Case::Camel), "_orderTotal_");
        assert_eq!(
            convert_case("__privateValue", Case::Snake),
            "__private_value"
        );
        assert_eq!(convert_case("`_x_y`", Case::Screaming), "`_X_Y`");
        assert_eq!(convert_case("___", Case::Camel), "___");
    }
}
