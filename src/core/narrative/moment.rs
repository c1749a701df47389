//! What a "narrative moment" shows: the next section in rotation and a kudos that lives a value.

/// A recent kudos that could be featured next to a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KudosCandidate<Id> {
    /// The kudos, however the caller identifies it.
    pub id: Id,
    /// Its values.
    pub values: Vec<String>,
    /// Whether a previous moment already featured it.
    pub already_featured: bool,
}

/// The section after the last one shown, wrapping around; `None` when there are no sections.
pub fn next_section(last_shown: Option<usize>, section_count: usize) -> Option<usize> {
    if section_count == 0 {
        return None;
    }
    Some(match last_shown {
        Some(i) => (i + 1) % section_count,
        None => 0,
    })
}

/// Picks the kudos to feature: the newest one that carries at least one of the narrative's
/// values and has not been featured before. `candidates` must be newest first.
pub fn pick_kudos<Id: Clone>(
    candidates: &[KudosCandidate<Id>],
    narrative_values: &[String],
) -> Option<Id> {
    candidates
        .iter()
        .find(|c| {
            !c.already_featured
                && c.values
                    .iter()
                    .any(|v| narrative_values.is_empty() || narrative_values.contains(v))
        })
        .map(|c| c.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_rotate_and_wrap() {
        assert_eq!(next_section(None, 3), Some(0));
        assert_eq!(next_section(Some(0), 3), Some(1));
        assert_eq!(next_section(Some(2), 3), Some(0));
        assert_eq!(next_section(Some(5), 3), Some(0));
        assert_eq!(next_section(None, 0), None);
    }

    #[test]
    fn the_newest_unfeatured_kudos_with_a_value_is_chosen() {
        let c = |id, values: &[&str], featured| KudosCandidate {
            id,
            values: values.iter().map(|s| s.to_string()).collect(),
            already_featured: featured,
        };
        let candidates = [
            c(3, &[], false),
            c(2, &["empathy"], true),
            c(1, &["empathy"], false),
        ];
        assert_eq!(pick_kudos(&candidates, &["empathy".into()]), Some(1));
        assert_eq!(pick_kudos(&candidates[..2], &["empathy".into()]), None);
    }
}
