//! A lab's inputs from its URL query: each field's text (the query's value,
//! else the field's default), parsed, with one error for each bad field.

use crate::query::Query;
use crate::{parse_matrix, parse_scalar, parse_vector, parse_whole, InputError};

/// Query keys with the default text of each, in the order of the page's fields.
pub type Defaults = &'static [(&'static str, &'static str)];

/// A lab's inputs, parsed from its query.
pub trait LabInputs: Sized {
    /// The lab's fields.
    const DEFAULTS: Defaults;
    /// The fields for query `q`, where a lab's defaults depend on another field.
    fn defaults(_q: &Query) -> Defaults {
        Self::DEFAULTS
    }
    /// The inputs from the fields read from `f`; `None` when one is bad
    /// (its error kept in `f`).
    fn read(f: &mut Fields) -> Option<Self>;
    /// The inputs, or an error for each bad field.
    fn parse(q: &Query) -> Result<Self, Vec<InputError>> {
        let mut f = Fields::new(q, Self::defaults(q));
        let inputs = Self::read(&mut f);
        f.finish(|| inputs)
    }
}

/// The text of field `key`: the query's value, else its default, else "".
pub fn raw<'a>(q: &'a Query, defaults: Defaults, key: &str) -> &'a str {
    q.get(key)
        .or_else(|| defaults.iter().find(|d| d.0 == key).map(|d| d.1))
        .unwrap_or("")
}

/// Parses a query's fields one at a time, keeping the errors.
pub struct Fields<'a> {
    q: &'a Query,
    defaults: Defaults,
    errors: Vec<InputError>,
}

impl<'a> Fields<'a> {
    pub fn new(q: &'a Query, defaults: Defaults) -> Self {
        Fields {
            q,
            defaults,
            errors: Vec::new(),
        }
    }

    /// Field `key` parsed by `parse(key, text)`; `None` (the error kept) if bad.
    pub fn get<T>(
        &mut self,
        key: &str,
        parse: impl FnOnce(&str, &str) -> Result<T, InputError>,
    ) -> Option<T> {
        parse(key, raw(self.q, self.defaults, key))
            .map_err(|e| self.errors.push(e))
            .ok()
    }

    /// The query the fields are read from.
    pub fn query(&self) -> &'a Query {
        self.q
    }

    /// Keeps `e`, a problem found in fields already read.
    pub fn reject(&mut self, e: InputError) {
        self.errors.push(e);
    }

    /// A finite number ([`parse_scalar`]).
    pub fn scalar(&mut self, key: &str) -> Option<f64> {
        self.get(key, parse_scalar)
    }

    /// A whole number ≥ 0 ([`parse_whole`]).
    pub fn whole(&mut self, key: &str) -> Option<u64> {
        self.get(key, parse_whole)
    }

    /// Numbers separated by commas or spaces ([`parse_vector`]).
    pub fn vector(&mut self, key: &str) -> Option<Vec<f64>> {
        self.get(key, parse_vector)
    }

    /// Rows separated by `;` ([`parse_matrix`]).
    pub fn matrix(&mut self, key: &str) -> Option<Vec<Vec<f64>>> {
        self.get(key, parse_matrix)
    }

    /// The inputs `make` builds from the fields read, if none was bad.
    pub fn finish<T>(self, make: impl FnOnce() -> Option<T>) -> Result<T, Vec<InputError>> {
        match self.errors.is_empty().then(make).flatten() {
            Some(v) => Ok(v),
            None => Err(self.errors),
        }
    }
}

/// Each error's field and problem, for tests.
#[cfg(test)]
pub(crate) fn problems(errors: &[InputError]) -> Vec<(&str, crate::Problem)> {
    errors
        .iter()
        .map(|e| (e.field.as_str(), e.problem.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULTS: Defaults = &[("a", "1"), ("v", "1,2")];

    #[test]
    fn fields_read_the_query_else_the_default_and_keep_every_error() {
        let q = Query::parse("a=2.5&x=9");
        assert_eq!(raw(&q, DEFAULTS, "a"), "2.5");
        assert_eq!(raw(&q, DEFAULTS, "v"), "1,2");
        assert_eq!(raw(&q, DEFAULTS, "nope"), "");
        let mut f = Fields::new(&q, DEFAULTS);
        let (a, v) = (f.scalar("a"), f.vector("v"));
        assert_eq!(f.finish(|| Some((a?, v?))), Ok((2.5, vec![1.0, 2.0])));

        let q = Query::parse("a=x&v=");
        let mut f = Fields::new(&q, DEFAULTS);
        let (a, v) = (f.whole("a"), f.vector("v"));
        let errors = f.finish(|| Some((a?, v?))).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["a", "v"]);
    }
}
