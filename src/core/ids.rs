//! Typed database identifiers, so a person id can never be passed where an org id is expected.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// An organisation: a Slack workspace, a Teams tenant, a Discord guild or the console org.
    OrgId
);
id_type!(
    /// A person in an organisation's directory.
    PersonId
);
id_type!(
    /// A department in an organisation's tree.
    DepartmentId
);
id_type!(
    /// One act of recognition, possibly to several people.
    KudosId
);
id_type!(
    /// One version of an organisation's customer narrative.
    NarrativeVersionId
);
id_type!(
    /// A durable scheduled job.
    JobId
);
