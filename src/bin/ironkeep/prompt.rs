//! Reading a passphrase: a hidden prompt on a terminal, one line of standard input
//! otherwise — never an argument or an environment variable, which other users and
//! shell history can see.

use std::io::{BufRead, IsTerminal};

use anyhow::{Context, bail};
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

/// Reads a passphrase; with `confirm`, asks twice on a terminal.
pub fn passphrase(prompt: &str, confirm: bool) -> anyhow::Result<SecretString> {
    if std::io::stdin().is_terminal() {
        let first =
            SecretString::from(rpassword::prompt_password(prompt).context("could not read the passphrase")?);
        if confirm {
            let again = Zeroizing::new(
                rpassword::prompt_password("Repeat it: ").context("could not read the passphrase")?,
            );
            if again.as_str() != first.expose_secret() {
                bail!("the two passphrases differ; nothing was changed");
            }
        }
        return Ok(first);
    }
    let mut line = Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("could not read the passphrase from standard input")?;
    let trimmed = line.trim_end_matches(['\r', '\n']);
    if trimmed.is_empty() {
        bail!("no passphrase on standard input");
    }
    Ok(SecretString::from(trimmed.to_owned()))
}
