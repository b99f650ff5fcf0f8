//! JSON text output, byte for byte what serde_json's `to_string` / `to_string_pretty`
//! wrote, so stored data, files and the port messages are unchanged.

use super::Json;

/// `indent: None` writes compact text; `Some(unit)` writes one member per line.
pub(super) fn write(value: &Json, out: &mut String, indent: Option<&str>, level: usize) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(n.as_str()),
        Json::String(s) => write_string(s, out),
        Json::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                separator(out, indent, level + 1, i > 0);
                write(item, out, indent, level + 1);
            }
            close(out, indent, level, ']');
        }
        Json::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                separator(out, indent, level + 1, i > 0);
                write_string(k, out);
                out.push_str(if indent.is_some() { ": " } else { ":" });
                write(v, out, indent, level + 1);
            }
            close(out, indent, level, '}');
        }
    }
}

fn separator(out: &mut String, indent: Option<&str>, level: usize, comma: bool) {
    if comma {
        out.push(',');
    }
    if let Some(unit) = indent {
        out.push('\n');
        for _ in 0..level {
            out.push_str(unit);
        }
    }
}

fn close(out: &mut String, indent: Option<&str>, level: usize, bracket: char) {
    if let Some(unit) = indent {
        out.push('\n');
        for _ in 0..level {
            out.push_str(unit);
        }
    }
    out.push(bracket);
}

/// A quoted string with `"`, `\` and control characters escaped (short forms where
/// JSON has them, else `\u00xx` in lower-case hex, as serde_json).
pub fn write_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(short);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}
