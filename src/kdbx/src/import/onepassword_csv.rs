//! 1Password's CSV import for Login items: `title,website,username,password,notes`.
//! 1Password has no expiry or tag column, so both live in the notes.

use zeroize::Zeroizing;

use crate::KdbxEntry;

const HEADER: [&str; 5] = ["title", "website", "username", "password", "notes"];

/// Header plus one record, RFC 4180 style: every field quoted, CRLF endings.
///
/// The file may well be opened in a spreadsheet before it reaches 1Password, and the title
/// and notes carry text the user typed: every text cell that a spreadsheet would read as a
/// formula is defused (`defuse`). The password cell is the token, whose validated formats
/// (base32 or the alphanumeric `AZDO` format) never start with such a character, and which
/// must stay exactly as issued.
pub fn onepassword_csv(entry: &KdbxEntry) -> Zeroizing<String> {
    let mut notes = entry.notes().unwrap_or_default().to_owned();
    notes.push_str(&format!("\nTags: {}", entry.tags().join(", ")));
    let title = defuse(entry.title.trim());
    let url = defuse(entry.url().unwrap_or_default());
    let username = defuse(entry.username().unwrap_or_default());
    let notes = defuse(&notes);
    let record = [
        title.as_str(),
        url.as_str(),
        username.as_str(),
        entry.token.as_str(),
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

/// A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel,
/// LibreOffice and Google Sheets (CSV injection, OWASP); a leading apostrophe makes it text.
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Always quoting is valid CSV and spares us deciding which characters
/// (comma, quote, CR, LF, leading spaces) would have needed it.
fn quote(field: &str) -> String {
    format!("\"{}\"", field.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::tests::{sample, TOKEN};

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
    fn formula_cells_are_defused_and_the_token_is_kept() {
        let mut e = sample();
        e.title = "=HYPERLINK(\"https://evil.example\",\"open\")".into();
        e.username = Some("@SUM(1+1)".into());
        e.notes = Some("-2+3".into());
        e.url = Some("+cmd".into());
        let rows = parse(&onepassword_csv(&e));
        assert_eq!(rows[1][0], "'=HYPERLINK(\"https://evil.example\",\"open\")");
        assert_eq!(rows[1][1], "'+cmd");
        assert_eq!(rows[1][2], "'@SUM(1+1)");
        assert!(rows[1][4].starts_with("'-2+3"));
        assert!(rows[1][3] == TOKEN, "the token is written as issued");
        for lead in ['\t', '\r'] {
            assert_eq!(defuse(&format!("{lead}=1")), format!("'{lead}=1"));
        }
        assert_eq!(
            defuse("build (Azure DevOps contoso)"),
            "build (Azure DevOps contoso)"
        );
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
