//! The spec's rules on values (`minimum`, `maximum`, `minLength`, `maxLength`), checked before a
//! request is sent: a value that breaks one is refused with [`Error::InvalidRequest`] naming the
//! param, the rule and the value, and nothing leaves the process.

use std::fmt::Display;

use super::Error;

/// `value` must be at least `min`.
#[allow(dead_code)] // unused when the spec sets no minimum
pub(crate) fn minimum<T: PartialOrd + Display, E>(
    name: &str,
    value: &T,
    min: T,
) -> Result<(), Error<E>> {
    if *value < min {
        return Err(broken(name, &format!("minimum {min}"), value));
    }
    Ok(())
}

/// `value` must be at most `max`.
#[allow(dead_code)] // unused when the spec sets no maximum
pub(crate) fn maximum<T: PartialOrd + Display, E>(
    name: &str,
    value: &T,
    max: T,
) -> Result<(), Error<E>> {
    if *value > max {
        return Err(broken(name, &format!("maximum {max}"), value));
    }
    Ok(())
}

/// `value` must have at least `min` characters.
#[allow(dead_code)] // unused when the spec sets no minLength
pub(crate) fn min_length<E>(name: &str, value: &str, min: usize) -> Result<(), Error<E>> {
    if value.chars().count() < min {
        return Err(broken(
            name,
            &format!("minLength {min}"),
            &format!("{value:?}"),
        ));
    }
    Ok(())
}

/// `value` must have at most `max` characters.
#[allow(dead_code)] // unused when the spec sets no maxLength
pub(crate) fn max_length<E>(name: &str, value: &str, max: usize) -> Result<(), Error<E>> {
    if value.chars().count() > max {
        return Err(broken(
            name,
            &format!("maxLength {max}"),
            &format!("{value:?}"),
        ));
    }
    Ok(())
}

fn broken<E>(name: &str, rule: &str, value: &dyn Display) -> Error<E> {
    Error::InvalidRequest(format!(
        "`{name}` = {value} breaks the spec's rule `{rule}`; nothing was sent"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_name_the_param_the_rule_and_the_value() {
        let err = maximum::<i64, ()>("limit", &5000, 1000).unwrap_err();
        let Error::InvalidRequest(message) = err else {
            panic!("{err:?}")
        };
        assert_eq!(
            message,
            "`limit` = 5000 breaks the spec's rule `maximum 1000`; nothing was sent"
        );
        assert!(maximum::<i64, ()>("limit", &1000, 1000).is_ok());
        assert!(minimum::<i64, ()>("page", &-1, 0).is_err());
        assert!(minimum::<f64, ()>("rate", &0.5, 0.0).is_ok());
        assert!(min_length::<()>("name", "", 1).is_err());
        assert!(max_length::<()>("code", "ÄÖÜ", 3).is_ok());
        assert!(max_length::<()>("code", "ABCD", 3).is_err());
    }
}
