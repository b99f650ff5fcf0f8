//! Azure DevOps Server origins' browser-free half: checking what the user typed.
//! Tested natively.

use crate::texts::tr;
use patguard_core::catalog::Lang;

/// A self-hosted Azure DevOps Server origin from what the user typed (an origin or any
/// URL on it, e.g. the token page): `https://host[:port]`.
pub fn server_origin(input: &str, lang: Lang) -> Result<String, String> {
    let t = input.trim();
    let Some(rest) = t.strip_prefix("https://") else {
        return Err(tr(
            lang,
            "enter an https:// address, e.g. https://ado.contoso.com",
            "geben Sie eine https://-Adresse ein, z. B. https://ado.contoso.com",
        ));
    };
    let host_port = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), Some(p.to_string())),
        None => (host_port.clone(), None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    let port_ok = port
        .as_deref()
        .is_none_or(|p| p.parse::<u16>().is_ok_and(|n| n > 0));
    if !host_ok || !port_ok || host_port.contains('@') {
        return Err(tr(
            lang,
            &format!("{host_port:?} is not a valid host name"),
            &format!("{host_port:?} ist kein gültiger Hostname"),
        ));
    }
    if host == "dev.azure.com" || host.ends_with(".visualstudio.com") || host == "visualstudio.com"
    {
        return Err(tr(
            lang,
            "Azure DevOps Services (dev.azure.com, *.visualstudio.com) is supported already",
            "Azure DevOps Services (dev.azure.com, *.visualstudio.com) wird bereits unterstützt",
        ));
    }
    Ok(format!("https://{host_port}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_origins() {
        assert_eq!(
            server_origin(
                " https://ADO.contoso.test/DefaultCollection/_usersSettings/tokens ",
                Lang::En
            )
            .unwrap(),
            "https://ado.contoso.test"
        );
        assert_eq!(
            server_origin("https://tfs.local:8443", Lang::En).unwrap(),
            "https://tfs.local:8443"
        );
        for bad in [
            "http://ado.contoso.test",
            "https://",
            "https://a b",
            "https://user@host",
            "https://h:0",
            "https://dev.azure.com/x",
        ] {
            assert!(server_origin(bad, Lang::En).is_err(), "{bad}");
        }
    }
}
