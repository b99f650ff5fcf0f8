//! Messages between the assistant and the page agent over their extension port, and
//! between the assistant and the background. Documented in docs/ARCHITECTURE.md; the
//! agent side is extension/agent/main.js, the background side extension/background.js.
//!
//! Both directions are tagged by `type`. The glue hands each message to the wasm as the
//! JS object itself, read with serde-wasm-bindgen (`lib.rs`), except the snapshot, which
//! comes as JSON text (`from_snapshot_text`); `from_json` reads the same shapes from JSON
//! text for the native tests.

mod memory;

pub use memory::{FormMemo, Memory, Rotation, RowMemo};
use patguard_core::action::{Action, Expect};
use patguard_core::snapshot::{Handle, Snapshot};
use serde::{Deserialize, Deserializer, Serialize};

/// From the agent. Unknown fields are ignored; an unknown `type` is an error.
/// Read in two steps (`MessageType`, then `Incoming::read`): the object is read in
/// place, where a `#[serde(tag)]` enum would first copy a whole snapshot into serde's
/// buffer.
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
        data: Memory,
    },
}

#[derive(Deserialize)]
pub struct SnapshotMessage {
    pub snap: Box<Snapshot>,
}

#[derive(Deserialize)]
struct ActResultMessage {
    id: u32,
    results: Vec<ActOutcome>,
}

#[derive(Deserialize)]
struct MemoryMessage {
    data: Memory,
}

/// Only the `type` of a message, to tell what a message that did not read was.
#[derive(Deserialize)]
pub struct MessageType {
    #[serde(rename = "type")]
    kind: String,
}

impl MessageType {
    pub fn is_snapshot(&self) -> bool {
        self.kind == "snapshot"
    }
}

impl Incoming {
    /// Reads the message whose `type` is `kind` from `message`, the whole message.
    pub fn read<'de, D: Deserializer<'de>>(
        kind: &MessageType,
        message: D,
    ) -> Result<Incoming, String> {
        let text = |e: D::Error| e.to_string();
        match kind.kind.as_str() {
            "snapshot" => return Err("a snapshot is read from its JSON text".into()),
            "actResult" => {
                let m = ActResultMessage::deserialize(message).map_err(text)?;
                Incoming::ActResult {
                    id: m.id,
                    results: m.results,
                }
            }
            "gateClick" => Incoming::GateClick,
            "memory" => Incoming::Memory {
                data: MemoryMessage::deserialize(message).map_err(text)?.data,
            },
            other => return Err(format!("unknown message type {other:?}")),
        }
        .checked()
    }
}

#[derive(Debug, Deserialize)]
pub struct ActOutcome {
    pub ok: bool,
    #[serde(default)]
    pub error: Option<String>,
}

impl Incoming {
    /// A snapshot message as JSON text (`JSON.stringify`), read with serde_json. The only
    /// reader of the snapshot in the panel module: a second one (serde-wasm-bindgen) would
    /// put a second copy of the snapshot's deserializer in it. A lone UTF-16 surrogate,
    /// which `JSON.stringify` writes as an escape, becomes U+FFFD in its one text.
    pub fn from_snapshot_text(text: &str) -> Result<Incoming, String> {
        let message =
            serde_json::from_str::<SnapshotMessage>(&patguard_core::snapshot::well_formed(text))
                .map_err(|e| e.to_string())?;
        Incoming::Snapshot { snap: message.snap }.checked()
    }

    /// Reads a message from JSON text, as the glue's object would read.
    #[cfg(test)]
    pub fn from_json(text: &str) -> Result<Incoming, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let kind = MessageType::deserialize(&value).map_err(|e| e.to_string())?;
        if kind.is_snapshot() {
            return Incoming::from_snapshot_text(text);
        }
        Incoming::read(&kind, &value)
    }

    /// Refuses what serde cannot: a snapshot of a protocol version this core does not know.
    fn checked(self) -> Result<Incoming, String> {
        match self {
            Incoming::Snapshot { snap } => Ok(Incoming::Snapshot {
                snap: Box::new(snap.check_version()?),
            }),
            other => Ok(other),
        }
    }
}

/// Broadcast by the background to every extension page.
#[derive(Debug, Deserialize)]
#[serde(tag = "type")]
pub enum Background {
    /// What became of the clipboard after the delay: `cleared`, `kept` or `failed`.
    #[serde(rename = "clipboard.result")]
    ClipboardResult {
        #[serde(default)]
        outcome: String,
        #[serde(default)]
        error: Option<String>,
    },
}

/// To the agent. Handles are only meaningful with the generation they came from.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Outgoing {
    Act {
        id: u32,
        gen: u32,
        actions: Vec<Action>,
    },
    Resize {
        height: u32,
    },
    /// The verdict on snapshot `gen` for its submit button `h` (`None`, sent as null: no
    /// form, stop holding clicks). The agent holds a click on it while `armed`, and also
    /// while a change after `gen` has not been judged yet, so a fast click cannot outrun
    /// the verdict; a held click becomes `gateClick`.
    Gate {
        gen: u32,
        h: Option<Handle>,
        armed: bool,
    },
    /// Keep this for the next assistant frame of the same panel (no secrets).
    Remember {
        data: Memory,
    },
    /// Let one click through to the gated button, if it still is what the core saw.
    ReleaseGate {
        id: u32,
        expect: Expect,
    },
    /// Where the assistant belongs, sent with every snapshot's view: just before this
    /// element (the page region of a token shown outside any dialog), or, with `h: None`
    /// (sent as null), where the agent puts it by itself (the open dialog, else above the
    /// token list).
    Mount {
        gen: u32,
        h: Option<Handle>,
    },
}

impl Outgoing {
    /// The message as JSON text, as the port's object would read.
    #[cfg(test)]
    pub fn to_json_string(&self) -> String {
        serde_json::to_string(self).expect("a message has only plain values")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                Outgoing::Gate {
                    gen: 2,
                    h: Some(5),
                    armed: true,
                },
                r#"{"type":"gate","gen":2,"h":5,"armed":true}"#,
            ),
            (
                Outgoing::Gate {
                    gen: 2,
                    h: None,
                    armed: false,
                },
                r#"{"type":"gate","gen":2,"h":null,"armed":false}"#,
            ),
            (
                Outgoing::Remember {
                    data: Memory::default(),
                },
                r#"{"type":"remember","data":{"memo":null,"preset":null,"selected":null,"rotation":null}}"#,
            ),
            (
                Outgoing::Mount {
                    gen: 4,
                    h: Some(22),
                },
                r#"{"type":"mount","gen":4,"h":22}"#,
            ),
            (
                Outgoing::Mount { gen: 4, h: None },
                r#"{"type":"mount","gen":4,"h":null}"#,
            ),
            (
                Outgoing::ReleaseGate { id: 1, expect },
                r#"{"type":"releaseGate","id":1,"expect":{"role":"checkbox","checked":"false"}}"#,
            ),
        ];
        for (msg, want) in cases {
            assert_eq!(msg.to_json_string(), want);
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
        let text = Outgoing::Remember { data: data.clone() }.to_json_string();
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
