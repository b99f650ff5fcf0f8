//! Messages between the assistant and the page agent over their extension port, and
//! between the assistant and the background. Documented in docs/ARCHITECTURE.md; the
//! agent side is extension/agent/main.js, the background side extension/background.js.

use patguard_core::action::{Action, Expect};
use patguard_core::json::{self, Json, Map};
use patguard_core::snapshot::{Handle, Snapshot};

/// From the agent, or (for `Clipboard*`) from the background.
#[derive(Debug)]
pub enum Incoming {
    Snapshot {
        snap: Box<Snapshot>,
    },
    ActResult {
        id: u32,
        results: Vec<ActOutcome>,
    },
    /// The user clicked the gated submit button; the page has not seen the click.
    GateClick,
    /// What an earlier assistant frame of this panel asked the agent to keep.
    Memory {
        data: crate::app::Memory,
    },
}

#[derive(Debug)]
pub struct ActOutcome {
    pub ok: bool,
    pub error: Option<String>,
}

impl Incoming {
    /// Reads a message as the agent posts it (JSON text from extension/assistant.js):
    /// `type` picks the variant, unknown fields are ignored.
    pub fn from_json(text: &str) -> Result<Incoming, String> {
        let mut value = Json::parse(text)?;
        let message = Incoming::from_value(&value);
        // A snapshot of the success view holds the token in its input's value.
        value.wipe();
        message
    }

    fn from_value(value: &Json) -> Result<Incoming, String> {
        let o = json::object(value, "a message")?;
        let kind = json::req_str(o, "type")?;
        Ok(match kind.as_str() {
            "snapshot" => Incoming::Snapshot {
                snap: Box::new(patguard_core::snapshot::Snapshot::from_value(
                    o.get("snap").ok_or("missing field `snap`")?,
                )?),
            },
            "actResult" => Incoming::ActResult {
                id: json::req_u32(o, "id")?,
                results: o
                    .get("results")
                    .and_then(Json::as_array)
                    .ok_or("field `results`: expected a list")?
                    .iter()
                    .map(ActOutcome::from_value)
                    .collect::<Result<_, _>>()?,
            },
            "gateClick" => Incoming::GateClick,
            "memory" => Incoming::Memory {
                data: crate::app::Memory::from_value(o.get("data").ok_or("missing field `data`")?)?,
            },
            other => return Err(format!("unknown message type {other:?}")),
        })
    }
}

impl ActOutcome {
    fn from_value(value: &Json) -> Result<ActOutcome, String> {
        let o = json::object(value, "an action result")?;
        Ok(ActOutcome {
            ok: json::req_bool(o, "ok")?,
            error: json::opt_str(o, "error")?,
        })
    }
}

/// To the agent. Handles are only meaningful with the generation they came from.
#[derive(Debug, PartialEq)]
pub enum Outgoing {
    Act {
        id: u32,
        gen: u32,
        actions: Vec<Action>,
    },
    Resize {
        height: u32,
    },
    /// Intercept clicks on this submit button (`h: None`: stop intercepting).
    Gate {
        gen: u32,
        h: Option<Handle>,
    },
    /// Keep this for the next assistant frame of the same panel (no secrets).
    Remember {
        data: crate::app::Memory,
    },
    /// Let one click through to the gated button, if it still is what the core saw.
    ReleaseGate {
        id: u32,
        expect: Expect,
    },
}

impl Outgoing {
    /// The message as the agent reads it: `type` first, then the fields; `gate` always
    /// has `h` (null stops intercepting), as the former serde derive wrote it.
    pub fn to_json(&self) -> Json {
        let kind = |name: &str| Map::new().with("type", name);
        match self {
            Outgoing::Act { id, gen, actions } => {
                kind("act").with("id", *id).with("gen", *gen).with(
                    "actions",
                    Json::Array(actions.iter().map(Action::to_json).collect()),
                )
            }
            Outgoing::Resize { height } => kind("resize").with("height", *height),
            Outgoing::Gate { gen, h } => kind("gate").with("gen", *gen).with("h", *h),
            Outgoing::Remember { data } => kind("remember").with("data", data.to_json()),
            Outgoing::ReleaseGate { id, expect } => kind("releaseGate")
                .with("id", *id)
                .with("expect", expect.to_json()),
        }
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{FormMemo, Memory};

    /// The port format, byte for byte as the former serde derive wrote it
    /// (extension/agent/main.js reads these).
    #[test]
    fn outgoing_messages_keep_their_wire_format() {
        let expect = Expect {
            role: Some("checkbox".into()),
            checked: Some("false".into()),
            name: None,
        };
        let cases = [
            (
                Outgoing::Act {
                    id: 3,
                    gen: 7,
                    actions: vec![
                        Action::Click {
                            h: 12,
                            expect: expect.clone(),
                        },
                        Action::SetValue {
                            h: 4,
                            value: "a\"b".into(),
                            expect: Expect::default(),
                        },
                        Action::Mark {
                            h: None,
                            severity: "critical".into(),
                            title: "Full access".into(),
                        },
                        Action::ClearMarks,
                        Action::Mask {
                            h: 9,
                            expect: expect.clone(),
                        },
                    ],
                },
                r#"{"type":"act","id":3,"gen":7,"actions":[{"op":"click","h":12,"expect":{"role":"checkbox","checked":"false"}},{"op":"setValue","h":4,"value":"a\"b","expect":{}},{"op":"mark","h":null,"severity":"critical","title":"Full access"},{"op":"clearMarks"},{"op":"mask","h":9,"expect":{"role":"checkbox","checked":"false"}}]}"#,
            ),
            (
                Outgoing::Resize { height: 240 },
                r#"{"type":"resize","height":240}"#,
            ),
            (
                Outgoing::Gate { gen: 2, h: Some(5) },
                r#"{"type":"gate","gen":2,"h":5}"#,
            ),
            (
                Outgoing::Gate { gen: 2, h: None },
                r#"{"type":"gate","gen":2,"h":null}"#,
            ),
            (
                Outgoing::Remember {
                    data: Memory::default(),
                },
                r#"{"type":"remember","data":{"memo":null,"preset":null,"selected":null,"rotation":null}}"#,
            ),
            (
                Outgoing::ReleaseGate { id: 1, expect },
                r#"{"type":"releaseGate","id":1,"expect":{"role":"checkbox","checked":"false"}}"#,
            ),
        ];
        for (msg, want) in cases {
            assert_eq!(msg.to_json().to_json_string(), want);
        }
    }

    #[test]
    fn memory_round_trips_through_the_agent() {
        let data = Memory {
            memo: Some(FormMemo {
                name: "ci".into(),
                organization: "contoso".into(),
                all_organizations: false,
                scopes: vec!["vso.code".into()],
                full_access: false,
                expiry_days: Some(30),
            }),
            preset: Some("git-read".into()),
            selected: None,
            rotation: None,
        };
        let text = Outgoing::Remember { data: data.clone() }
            .to_json()
            .to_json_string();
        assert_eq!(
            text,
            r#"{"type":"remember","data":{"memo":{"name":"ci","organization":"contoso","all_organizations":false,"scopes":["vso.code"],"full_access":false,"expiry_days":30},"preset":"git-read","selected":null,"rotation":null}}"#
        );
        // The agent sends it back as `memory`.
        let back = text.replacen("\"remember\"", "\"memory\"", 1);
        match Incoming::from_json(&back).unwrap() {
            Incoming::Memory { data: got } => assert_eq!(got, data),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn incoming_messages_are_read_by_their_type() {
        match Incoming::from_json(r#"{"type":"actResult","id":4,"results":[{"ok":true},{"ok":false,"error":"its role changed"}]}"#).unwrap() {
            Incoming::ActResult { id: 4, results } => {
                assert!(results[0].ok && results[0].error.is_none());
                assert_eq!(results[1].error.as_deref(), Some("its role changed"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            Incoming::from_json(r#"{"type":"gateClick"}"#),
            Ok(Incoming::GateClick)
        ));
        assert!(matches!(
            Incoming::from_json(r#"{"type":"memory","data":{}}"#),
            Ok(Incoming::Memory { .. })
        ));
        assert!(Incoming::from_json(r#"{"type":"bogus"}"#).is_err());
        assert!(Incoming::from_json(r#"{"type":"snapshot","snap":{"v":1}}"#)
            .unwrap_err()
            .contains("gen"));
        assert!(Incoming::from_json("not json").is_err());
    }
}
