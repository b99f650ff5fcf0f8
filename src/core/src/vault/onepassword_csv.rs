//! 1Password's CSV import for Login items: `title,website,username,password,notes`.
//! 1Password has no expiry or tag column, so both live in the notes.

use zeroize::Zeroizing;

use super::VaultEntry;

const HEADER: [&str; 5] = ["title", "website", "username", "password", "notes"];

/// Header plus one record, RFC 4180 style: every field quoted, CRLF endings.
///
/// Values are not defused against spreadsheet formula injection (a leading
/// `=`): the file is for 1Password, and altering a token would break it.
pub fn onepassword_csv(entry: &VaultEntry<'_>) -> Zeroizing<String> {
    let mut notes = entry.notes.clone();
    if !entry.tags.is_empty() {
        notes.push_str(&format!("\nTags: {}", entry.tags.join(", ")));
    }
    let record = [
        entry.title.as_str(),
        entry.url.as_str(),
        entry.username.as_deref().unwrap_or_default(),
        entry.token,
        notes.as_str(),
    ];
    let mut csv = line(&HEADER);
    csv.push_str(&Zeroizing::new(line(&record)));
    Zeroizing::new(csv)
}

fn line(fields: &[&str]) -> String {
    let quoted: Vec<String> = fields.iter().map(|f| quote(f)).collect();
    let mut out = quoted.join(",");
    out.push_str("\r\n");
    out
}

/// Always quoting is valid CSV and spares us deciding which characters
/// (comma, quote, CR, LF, leading spaces) would have needed it.
fn quote(field: &str) -> String {
    format!("\"{}\"", field.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::{sample, TOKEN};

    /// A small RFC 4180 reader, so the test checks structure independently of
    /// the writer's own helpers.
    fn parse(csv: &str) -> Vec<Vec<String>> {
        let mut rows = vec![];
        let mut row = vec![];
        let mut field = String::new();
        let mut chars = csv.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') => {}
                (false, '\n') => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        rows
    }

    #[test]
    fn header_and_one_record_with_equal_field_counts() {
        let csv = onepassword_csv(&sample());
        assert!(csv.starts_with("\"title\",\"website\",\"username\",\"password\",\"notes\"\r\n"));
        assert!(csv.ends_with("\r\n"));
        let rows = parse(&csv);
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.len() == 5));
        let r = &rows[1];
        assert_eq!(r[0], "build, \"deploy\" & <ci> (Azure DevOps contoso)");
        assert_eq!(r[1], "https://dev.azure.com/contoso");
        assert_eq!(r[2], "alice@contoso.com");
        assert!(r[3] == TOKEN, "password column differs from the token");
        assert!(r[4].contains("Expires: 2026-12-31"));
        assert!(r[4].ends_with("Tags: azure-devops-pat"));
    }

    #[test]
    fn quotes_are_doubled() {
        assert_eq!(quote("a\"b,c\nd"), "\"a\"\"b,c\nd\"");
    }

    #[test]
    fn missing_username_is_an_empty_field() {
        let mut e = sample();
        e.username = None;
        assert_eq!(parse(&onepassword_csv(&e))[1][2], "");
    }
}
