//! "Did you mean": the nearest of a set of names (keys, variants, ids).

/// The candidate nearest to `wrong`, if one is close enough to be a likely typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = wrong.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = strsim::damerau_levenshtein(&lower, &c.to_lowercase());
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let (d, c) = best?;
    let limit = (wrong.chars().count() / 3).max(1);
    (d <= limit).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_a_near_key() {
        assert_eq!(
            closest("sumary", ["summary", "steps", "title"]),
            Some("summary")
        );
        assert_eq!(closest("Titel", ["summary", "title"]), Some("title"));
    }

    #[test]
    fn refuses_far_names() {
        assert_eq!(closest("zzzzzz", ["summary", "title"]), None);
    }
}
