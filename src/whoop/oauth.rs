//! The OAuth 2.0 authorization-code flow with WHOOP: a random `state`, PKCE S256, the
//! authorization URL, callback checks, and the token endpoint (code exchange and refresh).
//!
//! The client id and secret go in the token request's form body, as WHOOP documents. A
//! callback completes the flow only when it carries a code and a `state` equal (compared
//! in constant time) to the one this sign-in generated; anything else is refused without
//! ever reaching the token endpoint.

use std::sync::atomic::AtomicBool;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::header::{CONTENT_TYPE, HeaderValue};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use url::Url;
use zeroize::Zeroizing;

use super::WhoopError;
use super::account::{ClientCredentials, TokenGrant};
use super::base::SCOPES;
use super::http::{Attempt, Delivery, Transport};

/// Random URL-safe text from `bytes` CSPRNG bytes (32 bytes → 43 characters).
fn random_token(bytes: usize) -> Result<SecretString, WhoopError> {
    let mut raw = Zeroizing::new(vec![0u8; bytes]);
    getrandom::fill(&mut raw).map_err(|_| WhoopError::Client("the OS random source failed".into()))?;
    Ok(SecretString::from(URL_SAFE_NO_PAD.encode(&*raw)))
}

/// One sign-in attempt: its `state`, PKCE verifier and authorization URL.
#[derive(Debug)]
pub struct SignIn {
    state: SecretString,
    verifier: SecretString,
    url: Url,
    redirect_uri: String,
}

/// What a callback turned out to be.
#[derive(Debug)]
pub enum Callback {
    /// State matches and a code came: the flow can complete.
    Accepted(SecretString),
    /// Refused, with a public reason; the flow goes on.
    Refused(&'static str),
}

impl SignIn {
    /// Starts a sign-in: fresh state (43 URL-safe characters) and PKCE S256.
    pub fn begin(authorize: Url, creds: &ClientCredentials) -> Result<Self, WhoopError> {
        let state = random_token(32)?;
        let verifier = random_token(32)?;
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.expose_secret().as_bytes()));
        let mut url = authorize;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &creds.client_id)
            .append_pair("redirect_uri", creds.redirect_uri.as_str())
            .append_pair("scope", SCOPES)
            .append_pair("state", state.expose_secret())
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256");
        Ok(Self {
            state,
            verifier,
            url,
            redirect_uri: creds.redirect_uri.as_str().to_owned(),
        })
    }

    /// The URL to open in a browser (it carries the state, which is not a secret once sent).
    pub fn authorization_url(&self) -> &Url {
        &self.url
    }

    /// The registered redirect URI.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Checks a callback's path and query (`/callback?code=…&state=…`) or a full redirected
    /// URL. Only the exact redirect path with a matching state and a code is accepted.
    pub fn check(&self, target: &str) -> Callback {
        let Ok(expected) = Url::parse(&self.redirect_uri) else {
            return Callback::Refused("the redirect URI is not a URL");
        };
        let Ok(url) = expected.join(target.trim()) else {
            return Callback::Refused("the request is not a URL");
        };
        if url.origin() != expected.origin() || url.path() != expected.path() {
            return Callback::Refused("this is not the sign-in address");
        }
        let (mut code, mut state, mut error) = (None, None, false);
        for (key, value) in url.query_pairs() {
            match key.as_ref() {
                "code" if code.is_none() => code = Some(SecretString::from(value.into_owned())),
                "state" if state.is_none() => state = Some(Zeroizing::new(value.into_owned())),
                "error" => error = true,
                "code" | "state" => return Callback::Refused("the request repeats a parameter"),
                _ => {}
            }
        }
        let matches =
            state.is_some_and(|s| bool::from(s.as_bytes().ct_eq(self.state.expose_secret().as_bytes())));
        if !matches {
            return Callback::Refused("the state does not match this sign-in");
        }
        if error {
            return Callback::Refused("WHOOP reported an error instead of a code");
        }
        match code {
            Some(code) if !code.expose_secret().is_empty() && code.expose_secret().len() <= 2048 => {
                Callback::Accepted(code)
            }
            _ => Callback::Refused("the request carries no code"),
        }
    }

    /// Exchanges the authorization code for tokens.
    pub(crate) fn exchange(
        &self,
        transport: &mut Transport,
        creds: &ClientCredentials,
        code: &SecretString,
        cancel: &AtomicBool,
    ) -> Result<TokenGrant, WhoopError> {
        let form = form(&[
            ("grant_type", "authorization_code"),
            ("code", code.expose_secret()),
            ("redirect_uri", &self.redirect_uri),
            ("client_id", &creds.client_id),
            ("client_secret", creds.client_secret.expose_secret()),
            ("code_verifier", self.verifier.expose_secret()),
        ]);
        match token_request(transport, form, Resend::Always, cancel)? {
            TokenAnswer::Granted(grant) => Ok(grant),
            TokenAnswer::InvalidGrant => Err(WhoopError::SignIn(
                "WHOOP refused the authorization code (expired or already used)".into(),
            )),
            TokenAnswer::InvalidClient => Err(WhoopError::WrongCredentials),
            TokenAnswer::Refused(why) => Err(WhoopError::SignIn(why)),
        }
    }
}

/// What checking the app's credentials at the token endpoint found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialCheck {
    /// WHOOP authenticated the client (and refused the made-up code, as it must).
    Accepted,
    /// WHOOP's answer says nothing either way; signing in will tell.
    Unknown,
}

/// Checks a client id and secret before anyone signs in: a code exchange with a code that
/// cannot exist. WHOOP authenticates the client first (RFC 6749 §5.2): `invalid_client`
/// means the id or secret is wrong, `invalid_grant` that they are right (and the code, of
/// course, is not). Nothing is granted either way.
pub(crate) fn check_credentials(
    transport: &mut Transport,
    creds: &ClientCredentials,
    cancel: &AtomicBool,
) -> Result<CredentialCheck, WhoopError> {
    let code = random_token(32)?;
    let verifier = random_token(32)?;
    let form = form(&[
        ("grant_type", "authorization_code"),
        ("code", code.expose_secret()),
        ("redirect_uri", creds.redirect_uri.as_str()),
        ("client_id", &creds.client_id),
        ("client_secret", creds.client_secret.expose_secret()),
        ("code_verifier", verifier.expose_secret()),
    ]);
    match token_request(transport, form, Resend::Always, cancel)? {
        TokenAnswer::InvalidGrant => Ok(CredentialCheck::Accepted),
        TokenAnswer::InvalidClient => Err(WhoopError::WrongCredentials),
        TokenAnswer::Granted(_) | TokenAnswer::Refused(_) => Ok(CredentialCheck::Unknown),
    }
}

/// What the token endpoint said.
pub(crate) enum TokenAnswer {
    Granted(TokenGrant),
    /// `invalid_grant`: the code or refresh token is dead.
    InvalidGrant,
    /// `invalid_client`: WHOOP does not know this client id and secret.
    InvalidClient,
    Refused(String),
}

/// Uses a refresh token (single use: WHOOP rotates it).
pub(crate) fn refresh(
    transport: &mut Transport,
    creds: &ClientCredentials,
    refresh_token: &SecretString,
    cancel: &AtomicBool,
) -> Result<TokenAnswer, WhoopError> {
    let form = form(&[
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token.expose_secret()),
        ("client_id", &creds.client_id),
        ("client_secret", creds.client_secret.expose_secret()),
        ("scope", "offline"),
    ]);
    token_request(transport, form, Resend::OnlyIfNotReceived, cancel)
}

fn form(pairs: &[(&str, &str)]) -> Zeroizing<String> {
    let mut ser = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        ser.append_pair(k, v);
    }
    Zeroizing::new(ser.finish())
}

#[derive(Deserialize)]
struct RawGrant {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    expires_in: i64,
    #[serde(default)]
    scope: Option<String>,
}

#[derive(Deserialize)]
struct RawError {
    error: String,
}

/// Parses a token endpoint's 200 body (untrusted input; never echoed).
pub fn parse_token_response(body: &[u8]) -> Result<(), WhoopError> {
    parse_grant(body).map(drop)
}

fn parse_grant(body: &[u8]) -> Result<TokenGrant, WhoopError> {
    let raw: RawGrant = serde_json::from_slice(body).map_err(|_| WhoopError::BadResponse {
        collection: "sign-in".into(),
        reason: "the token response is not valid JSON of the documented shape".into(),
    })?;
    let ok = |t: &str| !t.is_empty() && t.len() <= 8192 && t.bytes().all(|b| b.is_ascii_graphic());
    if !ok(&raw.access_token) || raw.refresh_token.as_deref().is_some_and(|t| !ok(t)) || raw.expires_in <= 0 {
        return Err(WhoopError::BadResponse {
            collection: "sign-in".into(),
            reason: "the token response holds an unusable token or lifetime".into(),
        });
    }
    Ok(TokenGrant {
        access: SecretString::from(raw.access_token),
        refresh: raw.refresh_token.map(SecretString::from),
        expires_in: raw.expires_in,
        scope: raw.scope.filter(|s| s.len() <= 500),
    })
}

/// When a token request that failed is sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resend {
    /// After any retryable failure (the code exchange: WHOOP answers a repeat itself).
    Always,
    /// Only when WHOOP cannot have received it: a refresh grant that arrived has already
    /// rotated the refresh token, and sending it again would end the connection
    /// (`invalid_grant`) for nothing. The sync ends instead; the next one re-reads the
    /// stored tokens.
    OnlyIfNotReceived,
}

fn token_request(
    transport: &mut Transport,
    form: Zeroizing<String>,
    resend: Resend,
    cancel: &AtomicBool,
) -> Result<TokenAnswer, WhoopError> {
    let url = transport.base().token();
    let mut retry = 0;
    loop {
        let request = transport
            .client()
            .post(url.clone())
            .header(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            )
            .body(form.as_bytes().to_vec());
        match transport.attempt(request, cancel)? {
            Attempt::Retry(reason, _, Delivery::MaybeReceived) if resend == Resend::OnlyIfNotReceived => {
                return Err(WhoopError::Unavailable {
                    collection: "the token refresh".into(),
                    reason: format!(
                        "{reason}; WHOOP may have received it, so it is not sent twice — try again"
                    ),
                });
            }
            Attempt::Retry(reason, wait, _) => {
                retry += 1;
                transport.backoff(retry, wait, &reason, "sign-in", cancel)?;
            }
            Attempt::Done(response) => {
                let status = response.status();
                let body = Zeroizing::new(Transport::read_body(response).map_err(|reason| {
                    WhoopError::Unavailable {
                        collection: "sign-in".into(),
                        reason,
                    }
                })?);
                if status.is_success() {
                    return parse_grant(&body).map(TokenAnswer::Granted);
                }
                let error = serde_json::from_slice::<RawError>(&body)
                    .map(|e| e.error)
                    .unwrap_or_default();
                return Ok(if error == "invalid_grant" {
                    TokenAnswer::InvalidGrant
                } else if error == "invalid_client" {
                    TokenAnswer::InvalidClient
                } else {
                    let code: String = error
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .take(40)
                        .collect();
                    TokenAnswer::Refused(format!(
                        "the token endpoint answered HTTP {}{}",
                        status.as_u16(),
                        if code.is_empty() {
                            String::new()
                        } else {
                            format!(" ({code})")
                        }
                    ))
                });
            }
        }
    }
}
