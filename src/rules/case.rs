//! Case conversion of variable names (the part inside backticks; backticks are kept).

use heck::{ToKebabCase, ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase};

use super::model::Case;
use crate::rename::names::{strip_backticks, with_backticks_of};

/// `name` converted to `case`; words are split at `_`, `-` and case changes.
pub fn convert_case(name: &str, case: Case) -> String {
    let bare = strip_backticks(name);
    let converted = match case {
        Case::Snake => bare.to_snake_case(),
        Case::Camel => bare.to_lower_camel_case(),
        Case::Kebab => bare.to_kebab_case(),
        Case::Screaming => bare.to_shouty_snake_case(),
    };
    with_backticks_of(name, &converted)
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
    }
}
