//! Did-you-mean: the known word a misspelt one was meant to be.

/// The closest candidate to a misspelt word, if one is close enough to be
/// what the writer meant.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(distance, c)| {
            *distance <= (c.chars().count().max(word.chars().count()) / 3).max(1)
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// `closest`, but only when no other candidate is as close: among `d-1`,
/// `d-2` and `d-3`, `d-7` is as near to each, and naming one would mislead.
pub fn closest_only<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let best = closest(word, candidates.clone())?;
    let distance = |c: &str| strsim::damerau_levenshtein(&word.to_lowercase(), &c.to_lowercase());
    let tie = candidates
        .filter(|c| *c != best && distance(c) == distance(best))
        .count();
    (tie == 0).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_candidate_closer_than_the_others_is_suggested() {
        let ids = ["d-1", "d-2", "d-3", "kickoff"];
        assert_eq!(closest_only("d-7", ids.iter().copied()), None);
        assert_eq!(closest("d-7", ids.iter().copied()), Some("d-1"));
        assert_eq!(
            closest_only("kikcoff", ids.iter().copied()),
            Some("kickoff")
        );
        assert_eq!(
            closest_only("D-3", ["d-3", "d-30"].iter().copied()),
            Some("d-3")
        );
    }
}
