//! Where WHOOP is: one validated base URL from which every WHOOP URL derives.
//!
//! The base is scheme and host only. It is `https://api.prod.whoop.com` unless a test
//! points it at a fake server on this machine — and then only at a loopback host, so no
//! environment variable can ever send a token or the client secret anywhere else. The CLI
//! reads [`BASE_URL_ENV`] at its edge and passes a [`WhoopBase`] into the core.

use url::{Host, Url};

use super::WhoopError;

/// WHOOP's production API.
pub const PRODUCTION: &str = "https://api.prod.whoop.com";

/// The environment variable (read by the CLI only) that points Ironkeep at a local fake.
pub const BASE_URL_ENV: &str = "IRONKEEP_WHOOP_BASE_URL";

/// The scopes Ironkeep asks for; `offline` yields a refresh token.
pub const SCOPES: &str =
    "read:recovery read:cycles read:workout read:sleep read:profile read:body_measurement offline";

/// A validated WHOOP base URL: production, or a loopback address for tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhoopBase {
    url: Url,
}

impl Default for WhoopBase {
    fn default() -> Self {
        Self::production()
    }
}

impl WhoopBase {
    /// WHOOP's production API over HTTPS.
    pub fn production() -> Self {
        Self {
            url: Url::parse(PRODUCTION).expect("the production URL is valid"),
        }
    }

    /// Parses a base URL: the production URL, or `http(s)://` a loopback host with an
    /// optional port and no path, query, fragment or credentials.
    pub fn parse(text: &str) -> Result<Self, WhoopError> {
        if text.len() > 200 {
            return Err(WhoopError::BadBaseUrl("it is too long".into()));
        }
        let url = Url::parse(text.trim()).map_err(|_| WhoopError::BadBaseUrl("it is not a URL".into()))?;
        if url == Self::production().url {
            return Ok(Self::production());
        }
        if !matches!(url.scheme(), "http" | "https") {
            return Err(WhoopError::BadBaseUrl("the scheme must be http or https".into()));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(WhoopError::BadBaseUrl("it must not carry credentials".into()));
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(WhoopError::BadBaseUrl(
                "it must have no path, query or fragment".into(),
            ));
        }
        let loopback = match url.host() {
            Some(Host::Ipv4(ip)) => ip.is_loopback(),
            Some(Host::Ipv6(ip)) => ip.is_loopback(),
            Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            None => false,
        };
        if !loopback {
            return Err(WhoopError::BadBaseUrl(format!(
                "{} is neither WHOOP's API nor a loopback host",
                url.host_str().unwrap_or("(no host)")
            )));
        }
        Ok(Self { url })
    }

    /// Reads an optional override (the value of [`BASE_URL_ENV`]); `None` means production.
    pub fn from_override(value: Option<&str>) -> Result<Self, WhoopError> {
        match value {
            None => Ok(Self::production()),
            Some(text) => Self::parse(text),
        }
    }

    /// Whether this is WHOOP's production API.
    pub fn is_production(&self) -> bool {
        *self == Self::production()
    }

    /// The base as text, without a trailing slash.
    pub fn as_str(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }

    /// `base` + `path` (`path` starts with `/`).
    pub fn join(&self, path: &str) -> Url {
        Url::parse(&format!("{}{path}", self.as_str())).expect("base plus a fixed path is a URL")
    }

    /// The authorization endpoint.
    pub fn authorize(&self) -> Url {
        self.join("/oauth/oauth2/auth")
    }

    /// The token endpoint.
    pub fn token(&self) -> Url {
        self.join("/oauth/oauth2/token")
    }

    /// A v2 API path, e.g. `/v2/cycle`.
    pub fn api(&self, path: &str) -> Url {
        self.join(&format!("/developer{path}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_production_or_loopback() {
        assert!(
            WhoopBase::parse("https://api.prod.whoop.com")
                .unwrap()
                .is_production()
        );
        assert!(
            WhoopBase::parse("https://api.prod.whoop.com/")
                .unwrap()
                .is_production()
        );
        for ok in [
            "http://127.0.0.1:9",
            "http://[::1]:80",
            "http://localhost:1234",
            "https://127.0.0.2",
        ] {
            assert!(WhoopBase::parse(ok).is_ok(), "{ok} should be accepted");
        }
        for bad in [
            "http://api.prod.whoop.com",
            "https://evil.example",
            "https://api.prod.whoop.com.evil.example",
            "http://127.0.0.1.evil.example",
            "http://user:pw@127.0.0.1:1",
            "http://127.0.0.1:1/path",
            "ftp://127.0.0.1",
            "http://10.0.0.1",
            "not a url",
        ] {
            assert!(
                matches!(WhoopBase::parse(bad), Err(WhoopError::BadBaseUrl(_))),
                "{bad} must be refused"
            );
        }
    }

    #[test]
    fn urls_derive_from_the_base() {
        let base = WhoopBase::parse("http://127.0.0.1:4000").unwrap();
        assert_eq!(base.token().as_str(), "http://127.0.0.1:4000/oauth/oauth2/token");
        assert_eq!(
            base.api("/v2/cycle").as_str(),
            "http://127.0.0.1:4000/developer/v2/cycle"
        );
    }
}
