//! KeePass 2.x XML, the one import format `keepassxc-cli import` reads and
//! that KeePass, KeePassXC and most other managers accept.

use zeroize::Zeroizing;

use crate::{KdbxEntry, KdbxError, GROUP_NAME};

/// The XML file for one entry inside the [`GROUP_NAME`] group; fails only on an expiry it
/// cannot read.
pub fn keepass_xml(entry: &KdbxEntry) -> Result<Zeroizing<String>, KdbxError> {
    let mut xml = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n",
        "<KeePassFile>\n",
        "\t<Meta><Generator>PAT Guard</Generator></Meta>\n",
        "\t<Root>\n",
        "\t\t<Group>\n",
        "\t\t\t<Name>Root</Name>\n",
        "\t\t\t<Group>\n",
    ));
    xml.push_str(&format!("\t\t\t\t<Name>{}</Name>\n", escape(GROUP_NAME)));
    xml.push_str("\t\t\t\t<Entry>\n");
    // UTC, whole seconds; a bare date is 00:00:00 that day, as in the KeePass file.
    if let Some(expiry) = entry.expiry()? {
        xml.push_str(&format!(
            "\t\t\t\t\t<Times><Expires>True</Expires><ExpiryTime>{}</ExpiryTime></Times>\n",
            expiry.format("%Y-%m-%dT%H:%M:%SZ")
        ));
    }
    // KeePass separates tags with ';' (',' too, when reading), so neither may
    // appear inside one tag.
    let tags: Vec<String> = entry
        .tags()
        .iter()
        .map(|t| t.replace([';', ','], "_"))
        .collect();
    xml.push_str(&format!(
        "\t\t\t\t\t<Tags>{}</Tags>\n",
        escape(&tags.join(";"))
    ));
    push_string(&mut xml, "Title", entry.title.trim(), false);
    push_string(
        &mut xml,
        "UserName",
        entry.username().unwrap_or_default(),
        false,
    );
    push_string(&mut xml, "Password", &entry.token, true);
    push_string(&mut xml, "URL", entry.url().unwrap_or_default(), false);
    push_string(&mut xml, "Notes", entry.notes().unwrap_or_default(), false);
    xml.push_str(concat!(
        "\t\t\t\t</Entry>\n",
        "\t\t\t</Group>\n",
        "\t\t</Group>\n",
        "\t</Root>\n",
        "</KeePassFile>\n",
    ));
    Ok(Zeroizing::new(xml))
}

fn push_string(xml: &mut String, key: &str, value: &str, secret: bool) {
    // `ProtectInMemory`, never `Protected`: the latter means "encrypted with
    // the inner stream", which a plain XML file has not, and keepassxc-cli
    // 2.7.4 crashes on it.
    let attribute = if secret {
        " ProtectInMemory=\"True\""
    } else {
        ""
    };
    let escaped = Zeroizing::new(escape(value));
    xml.push_str(&format!(
        "\t\t\t\t\t<String><Key>{key}</Key><Value{attribute}>{}</Value></String>\n",
        escaped.as_str()
    ));
}

/// Escapes text content. Characters XML 1.0 cannot carry at all become
/// U+FFFD, and `\r` is written as a reference because parsers would
/// otherwise normalise it away.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::tests::{sample, TOKEN};

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(escape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&apos;f");
        assert_eq!(escape("x\r\ny\u{1}"), "x&#13;\ny\u{FFFD}");
    }

    #[test]
    fn structure_has_group_entry_and_protected_password() {
        let xml = keepass_xml(&sample()).unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\""));
        assert!(xml.contains("<Name>Root</Name>"));
        assert!(xml.contains("<Name>Azure DevOps</Name>"));
        assert!(xml.contains(
            "<Times><Expires>True</Expires><ExpiryTime>2026-12-31T00:00:00Z</ExpiryTime></Times>"
        ));
        assert!(xml.contains("<Tags>azure-devops-pat</Tags>"));
        assert!(xml.contains(
            "<Key>Title</Key><Value>build, &quot;deploy&quot; &amp; &lt;ci&gt; (Azure DevOps contoso)</Value>"
        ));
        let password = format!(
            "<Key>Password</Key><Value ProtectInMemory=\"True\">{}</Value>",
            escape(TOKEN)
        );
        assert!(xml.contains(&password));
        assert!(!xml.contains("Protected=\"True\""));
        assert_eq!(xml.matches("<Entry>").count(), 1);
    }

    #[test]
    fn no_expiry_means_no_times_block() {
        let mut e = sample();
        e.expires = None;
        assert!(!keepass_xml(&e).unwrap().contains("<Times>"));
    }
}
