//! How the window's web view draws its pages and which language it reports.
//!
//! Ironkeep's screens are flat 2D documents: lists, forms and small charts. WebKitGTK's
//! GPU compositing buys them nothing and costs a great deal: measured on the ten-year
//! vault under Xvfb (BENCHMARKS.md, "Desktop app"), it held about 70 MiB more memory
//! across the app's processes and made opening History take 126 ms instead of 61 ms,
//! because every frame went through the GL compositor. On Linux the web view therefore
//! never uses hardware acceleration; other platforms keep their defaults.
//!
//! WebKitGTK takes `navigator.language` from the C library's locale, and the "C.UTF-8"
//! locale that minimal systems and containers run with becomes the tag "C", which `Intl`
//! rejects: number formatting and the charts would throw. Under such a locale the web
//! view is told the user's language is `en-US`, as WebKit itself does for plain "C".

/// Sets up the window's web view: CPU drawing, and a language `Intl` accepts (Linux; a
/// no-op elsewhere).
pub fn prepare(window: &tauri::WebviewWindow) -> tauri::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let fallback = fallback_language(&locale_from_env());
        window.with_webview(move |webview| {
            use webkit2gtk::{
                HardwareAccelerationPolicy, SettingsExt as _, WebContextExt as _, WebViewExt as _,
            };
            let view = webview.inner();
            if let Some(settings) = view.settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
            if let (Some(language), Some(context)) = (fallback, view.context()) {
                context.set_preferred_languages(&[language]);
            }
        })?;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
    Ok(())
}

/// The locale that decides the C library's character type, as `setlocale(LC_CTYPE, "")`
/// resolves it from the environment.
#[cfg(target_os = "linux")]
fn locale_from_env() -> String {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
        .unwrap_or_default()
}

/// `Some("en-US")` when `locale` names no language (unset, "C", "POSIX", "C.UTF-8"…).
#[cfg(target_os = "linux")]
fn fallback_language(locale: &str) -> Option<&'static str> {
    let language = locale.split(['.', '@']).next().unwrap_or_default();
    matches!(language, "" | "C" | "POSIX").then_some("en-US")
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::fallback_language;

    #[test]
    fn locales_without_a_language_fall_back_to_en_us() {
        for locale in ["", "C", "C.UTF-8", "C.utf8", "POSIX", "C@euro"] {
            assert_eq!(fallback_language(locale), Some("en-US"), "{locale:?}");
        }
    }

    #[test]
    fn real_locales_are_left_to_webkit() {
        for locale in ["en_US.UTF-8", "de_DE.UTF-8", "fr_FR@euro", "nb_NO", "ca_ES.UTF-8"] {
            assert_eq!(fallback_language(locale), None, "{locale:?}");
        }
    }
}
