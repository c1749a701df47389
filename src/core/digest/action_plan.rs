//! What a manager says they will do about a drop: the same rule for `/engagement plan` in chat
//! and the form on the web dashboard.

/// The longest plan kept, in characters: a plan is a sentence or two that digests quote next to
/// the figure, not a document.
pub const ACTION_PLAN_MAX_CHARS: usize = 500;

/// A plan that passed the rules: trimmed, not empty, not too long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionPlan(String);

/// Why a plan was refused; nothing is saved when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActionPlanError {
    /// Nothing but spaces.
    #[error("the plan is empty")]
    Empty,
    /// Longer than [`ACTION_PLAN_MAX_CHARS`].
    #[error("the plan is too long ({actual} > {max} characters)")]
    TooLong {
        /// The limit, in characters.
        max: usize,
        /// What was written, in characters.
        actual: usize,
    },
}

impl ActionPlan {
    /// Checks a plan as typed: surrounding spaces go, the rest is kept as written.
    pub fn parse(text: &str) -> Result<ActionPlan, ActionPlanError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ActionPlanError::Empty);
        }
        let actual = text.chars().count();
        if actual > ACTION_PLAN_MAX_CHARS {
            return Err(ActionPlanError::TooLong {
                max: ACTION_PLAN_MAX_CHARS,
                actual,
            });
        }
        Ok(ActionPlan(text.to_string()))
    }

    /// The plan's words.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_is_kept_trimmed() {
        let plan = ActionPlan::parse("  one-to-ones this week \n").expect("valid");
        assert_eq!(plan.as_str(), "one-to-ones this week");
    }

    #[test]
    fn spaces_alone_are_no_plan() {
        assert_eq!(ActionPlan::parse(" \n\t "), Err(ActionPlanError::Empty));
        assert_eq!(ActionPlan::parse(""), Err(ActionPlanError::Empty));
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        // Greek letters take two bytes each: 500 of them are still within the limit.
        let greek = "α".repeat(ACTION_PLAN_MAX_CHARS);
        assert!(ActionPlan::parse(&greek).is_ok());
        let over = "α".repeat(ACTION_PLAN_MAX_CHARS + 1);
        assert_eq!(
            ActionPlan::parse(&over),
            Err(ActionPlanError::TooLong {
                max: ACTION_PLAN_MAX_CHARS,
                actual: ACTION_PLAN_MAX_CHARS + 1
            })
        );
    }
}
