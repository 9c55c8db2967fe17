//! A customer's documents as typed values, for everything that judges or
//! shows a valid customer: the rules, the page, the questions, the summary.

use crate::load::customer::Customer;
use crate::model::fingerprint::Fingerprint;
use crate::model::{Decisions, Reviews, Understanding};

/// The typed documents of a customer whose documents are valid, ready for
/// the rules. `None` when the structure has errors (validation reports them;
/// judging a malformed page would only add noise).
pub struct Typed {
    pub understanding: Understanding,
    pub decisions: Decisions,
    pub reviews: Reviews,
    pub fingerprint: Fingerprint,
}

impl Typed {
    pub fn from_customer(customer: &Customer) -> Option<Typed> {
        let (_, understanding) = customer.understanding.as_ref()?.parsed()?;
        let value = understanding.root.to_json();
        let fingerprint = Fingerprint::of(&value);
        let understanding: Understanding = serde_json::from_value(value).ok()?;
        let decisions = match &customer.decisions {
            Some(loaded) => serde_json::from_value(loaded.parsed()?.1.root.to_json()).ok()?,
            None => Decisions::default(),
        };
        let reviews = match &customer.reviews {
            Some(loaded) => serde_json::from_value(loaded.parsed()?.1.root.to_json()).ok()?,
            None => Reviews::default(),
        };
        Some(Typed {
            understanding,
            decisions,
            reviews,
            fingerprint,
        })
    }
}
