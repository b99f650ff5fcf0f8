//! Reading a pasted URL and finding the specification operation it calls.

use super::tables::{Operation, Segment, OPERATIONS};

/// A URL as pasted: `https://…`, or a path that starts with a shell or pipeline
/// variable (`$ORG_URL/$PROJECT/_apis/…`, `$(System.CollectionUri)…`), whose host is unknown.
#[derive(Debug)]
pub struct Url {
    /// Lower-cased, `{org}.visualstudio.com` rewritten to its `dev.azure.com` form.
    pub host: Option<String>,
    /// Path segments, the organization first when the host carried it.
    pub segments: Vec<String>,
    /// Lower-cased query keys.
    pub query: Vec<String>,
    /// The URL has a `?`: prefers the spec's `x-ms-paths` variant of an otherwise equal path.
    pub question_mark: bool,
}

const ADO_SUFFIXES: [&str; 3] = ["dev.azure.com", "visualstudio.com", "azure.com"];

impl Url {
    /// Parses one token. `None` when it is no URL at all.
    pub fn parse(token: &str) -> Option<Url> {
        let token = token
            .trim_matches(|c: char| matches!(c, '"' | '\'' | '(' | ')' | ',' | ';' | '<' | '>'));
        // `<url>https://…</url>`, `--index-url=https://…`: the URL starts at its scheme.
        let token = match token.find("://").and_then(|i| token[..i].rfind("http")) {
            Some(start) => &token[start..],
            None => token,
        };
        let (host, rest) = match token.split_once("://") {
            Some((scheme, rest)) => {
                if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
                    return None;
                }
                let (authority, path) =
                    rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
                let host = authority.rsplit('@').next().unwrap_or(authority);
                let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
                if host.is_empty() {
                    return None;
                }
                (Some(host), path)
            }
            None => (None, token),
        };
        let question_mark = rest.contains('?');
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let path = path.split('#').next().unwrap_or(path);
        let mut segments: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let query = query
            .split('&')
            .filter(|q| !q.is_empty())
            .map(|q| q.split('=').next().unwrap_or(q).to_ascii_lowercase())
            .collect();
        let host = host.map(|h| {
            // fabrikam.visualstudio.com/… = dev.azure.com/fabrikam/…, and so for the
            // service hosts (fabrikam.vsrm.visualstudio.com = vsrm.dev.azure.com/fabrikam).
            match h.strip_suffix(".visualstudio.com") {
                Some(sub) if !sub.contains("vssps") || sub.contains('.') => {
                    let mut parts = sub.splitn(2, '.');
                    let org = parts.next().unwrap_or_default().to_string();
                    let service = parts.next();
                    if org == "app" && service == Some("vssps") {
                        return h;
                    }
                    segments.insert(0, org);
                    match service {
                        Some(s) => format!("{s}.dev.azure.com"),
                        None => "dev.azure.com".to_string(),
                    }
                }
                _ => h,
            }
        });
        if host.is_none() && !segments.iter().any(|s| s.starts_with('_')) {
            return None;
        }
        Some(Url {
            host,
            segments,
            query,
            question_mark,
        })
    }

    pub fn is_azure_devops(&self) -> bool {
        self.host.as_deref().is_none_or(|h| {
            ADO_SUFFIXES
                .iter()
                .any(|s| h == *s || h.ends_with(&format!(".{s}")))
        })
    }

    /// Index of the first `_…` segment (`_apis`, `_git`, `_packaging`, `_odata`).
    pub fn anchor(&self) -> Option<usize> {
        self.segments.iter().position(|s| s.starts_with('_'))
    }

    pub fn has_segment(&self, name: &str) -> bool {
        self.segments.iter().any(|s| s.eq_ignore_ascii_case(name))
    }

    /// The operation this URL calls with `method`: the best-fitting template by host,
    /// the segments before `_apis`, query keys and literal segments.
    pub fn operation(&self, method: &str) -> Option<&'static Operation> {
        let anchor = self.anchor()?;
        let tail = &self.segments[anchor..];
        let api_area = tail
            .get(1)
            .map(|s| s.to_ascii_lowercase())
            .unwrap_or_default();
        let mut best: Option<(u32, &'static Operation)> = None;
        for op in OPERATIONS {
            if op.method != method || (!op.api_area.is_empty() && op.api_area != api_area) {
                continue;
            }
            let Some(op_anchor) = op
                .segments
                .iter()
                .position(|s| matches!(s, Segment::Literal(l) if l.starts_with('_')))
            else {
                continue;
            };
            if !matches(&op.segments[op_anchor..], tail) {
                continue;
            }
            if !op.query.iter().all(|k| self.query.iter().any(|q| q == k)) {
                continue;
            }
            let mut score = 0;
            if let Some(host) = &self.host {
                if host_matches(op.host, host) {
                    score += 8;
                }
                let prefix = &op.segments[..op_anchor];
                let required = prefix.iter().filter(|s| !is_optional(s)).count();
                if (required..=prefix.len()).contains(&anchor) {
                    score += 4;
                }
            } else if op.host == "dev.azure.com" {
                score += 1;
            }
            score += 2 * op.query.len() as u32;
            if op.query_variant == self.question_mark {
                score += 1;
            }
            score += 16
                * op.segments[op_anchor..]
                    .iter()
                    .filter(|s| matches!(s, Segment::Literal(_)))
                    .count() as u32;
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, op));
            }
        }
        best.map(|(_, op)| op)
    }
}

fn is_optional(s: &Segment) -> bool {
    matches!(s, Segment::Param { optional: true, .. })
}

fn host_matches(template: &str, host: &str) -> bool {
    match template.strip_prefix("{service}") {
        Some(rest) => host.ends_with(rest),
        None => template == host,
    }
}

/// Whether the template segments match the URL's, an optional parameter may be absent.
fn matches(template: &[Segment], segments: &[String]) -> bool {
    match (template.first(), segments.first()) {
        (None, None) => true,
        (None, Some(_)) => false,
        (Some(t), seg) => {
            let here = seg.is_some_and(|s| match t {
                Segment::Literal(l) => s.eq_ignore_ascii_case(l),
                Segment::Param { prefix, suffix, .. } => {
                    let lower = s.to_ascii_lowercase();
                    lower.len() > prefix.len() + suffix.len()
                        && lower.starts_with(prefix)
                        && lower.ends_with(suffix)
                }
            }) && matches(&template[1..], &segments[1..]);
            here || (is_optional(t) && matches(&template[1..], segments))
        }
    }
}
