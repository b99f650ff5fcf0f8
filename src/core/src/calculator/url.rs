//! Reading a pasted URL and finding the specification operation it calls.

use super::tables::{operation, API_AREAS, MAX_SEGMENTS, METHODS, OPERATION_META};

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
    /// Returns the operation's index in the table.
    pub fn operation(&self, method: &str) -> Option<usize> {
        let anchor = self.anchor()?;
        let tail = &self.segments[anchor..];
        let wanted_area = tail
            .get(1)
            .map(|s| s.to_ascii_lowercase())
            .unwrap_or_default();
        // An area no template has still matches the templates without one.
        let area_index = API_AREAS.iter().position(|a| *a == wanted_area);
        let method_index = METHODS.iter().position(|m| *m == method)?;
        let mut best: Option<(u32, usize)> = None;
        for (index, meta) in OPERATION_META.iter().enumerate() {
            // The cheap fields first: most rows end here without reading their texts.
            if usize::from(meta.method) != method_index
                || (meta.api_area != 0 && Some(usize::from(meta.api_area)) != area_index)
            {
                continue;
            }
            let Some(op) = operation(index) else {
                continue;
            };
            let mut segs = [""; MAX_SEGMENTS];
            let mut n = 0;
            for s in op.path.split('/') {
                segs[n] = s;
                n += 1;
            }
            let segs = &segs[..n];
            let Some(op_anchor) = segs.iter().position(|s| s.starts_with('_')) else {
                continue;
            };
            if !matches(&segs[op_anchor..], meta.optional >> op_anchor, tail) {
                continue;
            }
            if !op.query_keys().all(|k| self.query.iter().any(|q| q == k)) {
                continue;
            }
            let mut score = 0;
            if let Some(host) = &self.host {
                if host_matches(op.host(), host) {
                    score += 8;
                }
                let optional_before =
                    (meta.optional & ((1u32 << op_anchor) - 1)).count_ones() as usize;
                if (op_anchor - optional_before..=op_anchor).contains(&anchor) {
                    score += 4;
                }
            } else if op.host() == "dev.azure.com" {
                score += 1;
            }
            score += 2 * op.query_keys().count() as u32;
            if meta.query_variant == self.question_mark {
                score += 1;
            }
            score += 16
                * segs[op_anchor..]
                    .iter()
                    .filter(|s| !s.contains('{'))
                    .count() as u32;
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, index));
            }
        }
        best.map(|(_, index)| index)
    }
}

fn host_matches(template: &str, host: &str) -> bool {
    match template.strip_prefix("{service}") {
        Some(rest) => host.ends_with(rest),
        None => template == host,
    }
}

/// Whether one template segment (`_apis`, `{project}`, `${type}`) matches a URL segment.
fn segment_matches(template: &str, segment: &str) -> bool {
    match (template.find('{'), template.rfind('}')) {
        (Some(open), Some(close)) => {
            let (prefix, suffix) = (&template[..open], &template[close + 1..]);
            segment.len() > prefix.len() + suffix.len()
                && segment
                    .get(..prefix.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
                && segment
                    .get(segment.len() - suffix.len()..)
                    .is_some_and(|s| s.eq_ignore_ascii_case(suffix))
        }
        _ => segment.eq_ignore_ascii_case(template),
    }
}

/// Whether the template segments match the URL's; bit 0 of `optional` says whether the
/// first template segment may be absent, bit 1 the next, …
fn matches(template: &[&str], optional: u32, segments: &[String]) -> bool {
    match (template.first(), segments.first()) {
        (None, None) => true,
        (None, Some(_)) => false,
        (Some(t), seg) => {
            let here = seg.is_some_and(|s| segment_matches(t, s))
                && matches(&template[1..], optional >> 1, &segments[1..]);
            here || (optional & 1 == 1 && matches(&template[1..], optional >> 1, segments))
        }
    }
}
