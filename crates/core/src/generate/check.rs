//! The generators' rules for a bank, a layer above the format's
//! (`bank::validate`): each generated question or part names a known
//! generator with valid parameters, and its first variant (seed 0) can be
//! drawn and is itself a valid question kind.

use std::collections::BTreeMap;

use super::{instantiate, GenError};
use crate::bank::validate::{check_kind, check_text};
use crate::bank::{Bank, Kind, Param, Problem};

/// Every generated item's problems, named by question id and field path.
pub fn check(bank: &Bank) -> Vec<Problem> {
    let mut out = Vec::new();
    for q in &bank.questions {
        if let Kind::Generated { generator, params } = &q.kind {
            check_item(generator, params, "kind", &q.id, &mut out);
        }
        for (i, p) in q.parts.iter().enumerate() {
            if let Kind::Generated { generator, params } = &p.kind {
                check_item(
                    generator,
                    params,
                    &format!("parts[{i}].kind"),
                    &q.id,
                    &mut out,
                );
            }
        }
    }
    out
}

/// A generated item: a known generator, valid parameters, and a first
/// variant (seed 0) that can be drawn and is itself a valid kind.
fn check_item(
    generator: &str,
    params: &BTreeMap<String, Param>,
    at: &str,
    id: &str,
    out: &mut Vec<Problem>,
) {
    match instantiate(generator, params, 0) {
        Ok(inst) => {
            let before = out.len();
            check_kind(&inst.kind, at, id, out);
            check_text(&inst.prompt, &format!("{at}(variant 0).prompt"), id, out);
            check_text(
                &inst.explanation,
                &format!("{at}(variant 0).explanation"),
                id,
                out,
            );
            for p in &mut out[before..] {
                p.message = format!("generator `{generator}` made a bad variant: {}", p.message);
            }
        }
        Err(GenError::BadParams(errors)) => {
            for e in errors {
                out.push(Problem::new(
                    id,
                    &format!("{at}.params.{}", e.param),
                    e.message,
                ));
            }
        }
        Err(e @ GenError::UnknownGenerator { .. }) => {
            out.push(Problem::new(id, &format!("{at}.generator"), e.to_string()))
        }
        Err(e @ GenError::NoInstance { .. }) => {
            out.push(Problem::new(id, &format!("{at}.params"), e.to_string()))
        }
    }
}
