//! Random JSON for the property tests of the Teams decoders and card updates: values of any
//! shape, with the keys Teams and our cards use made likely so the interesting paths run.

use proptest::prelude::*;
use serde_json::{Map, Value};

/// Keys that appear in activities and cards, so random objects often hit real code paths.
const KEYS: &[&str] = &[
    "type",
    "id",
    "name",
    "text",
    "value",
    "action",
    "data",
    "verb",
    "body",
    "items",
    "actions",
    "choices",
    "choice",
    "form",
    "fields",
    "context",
    "mentioned",
    "aadObjectId",
    "entities",
    "tenant",
    "tenantId",
    "team",
    "channel",
    "conversation",
    "from",
    "recipient",
    "membersAdded",
];

/// A JSON scalar: null, a boolean, a number or a short string (often one of [`KEYS`] or a
/// type name Teams uses).
pub(crate) fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,16}".prop_map(Value::String),
        prop::sample::select(vec![
            "message",
            "invoke",
            "conversationUpdate",
            "installationUpdate",
            "mention",
            "clientInfo",
            "Action.Execute",
            "Input.ChoiceSet",
            "ActionSet",
            "personal",
            "adaptiveCard/action",
            "add",
            "remove",
            "people",
            "text",
            "choice",
            "kudos-form",
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ]
}

/// A key: usually one of [`KEYS`], sometimes anything.
pub(crate) fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(KEYS).prop_map(str::to_string),
        1 => "\\PC{0,8}",
    ]
}

/// Any JSON value, nested up to `depth` levels.
pub(crate) fn json(depth: u32) -> impl Strategy<Value = Value> {
    scalar().prop_recursive(depth, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Replaces the value at a random place in `value` (`choices` steer the walk) with `splice`.
pub(crate) fn splice(value: &mut Value, choices: &[usize], splice: Value) {
    // Find the place first (as a JSON pointer), then replace what is there.
    let mut pointer = String::new();
    let mut at: &Value = value;
    for choice in choices {
        let step = match at {
            Value::Object(object) if !object.is_empty() => object
                .iter()
                .nth(choice % object.len())
                .map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v)),
            Value::Array(items) if !items.is_empty() => {
                let index = choice % items.len();
                items.get(index).map(|v| (index.to_string(), v))
            }
            _ => None,
        };
        let Some((token, next)) = step else { break };
        pointer.push('/');
        pointer.push_str(&token);
        at = next;
    }
    if let Some(slot) = value.pointer_mut(&pointer) {
        *slot = splice;
    }
}
