//! How the window's web view draws its pages.
//!
//! Ironkeep's screens are flat 2D documents: lists, forms and small charts. WebKitGTK's
//! GPU compositing buys them nothing and costs a great deal: measured on the ten-year
//! vault under Xvfb (BENCHMARKS.md, "Desktop app"), it held about 75 MiB more memory
//! across the app's processes and made opening History take 126 ms instead of 50 ms,
//! because every frame went through the GL compositor. On Linux the web view therefore
//! never uses hardware acceleration; other platforms keep their defaults.

/// Turns off GPU compositing in the window's web view (Linux; a no-op elsewhere).
pub fn draw_on_cpu(window: &tauri::WebviewWindow) -> tauri::Result<()> {
    #[cfg(target_os = "linux")]
    window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt as _, WebViewExt as _};
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    })?;
    #[cfg(not(target_os = "linux"))]
    let _ = window;
    Ok(())
}
