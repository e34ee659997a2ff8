//! Giving back, once the first screen is up, the memory that only starting needed.
//!
//! Most of the app's own resident memory at idle was its binary: 15 of its 22 MB of code,
//! and the 3 MB of read-only data and relocation tables, measured page by page
//! (BENCHMARKS.md, "Memory beside the smallest Tauri 2 app"). Starting runs code from all
//! over the binary once (Tauri's setup, the vault's opening, the first commands), and the
//! kernel maps every touched page's neighbours too (fault-around, 64 KiB here), so all of
//! it stayed mapped while the app sat idle; the shared libraries (GTK, WebKitGTK's UI
//! side, LLVM for the GL probing, OpenSSL) are the same story. A few seconds after the
//! page has loaded, the process therefore drops its mappings of those pages with
//! `madvise(MADV_DONTNEED)`: only private mappings of files that are not writable and
//! still hold exactly the file's bytes (see [`maps`]), so nothing is lost: code run again
//! later is mapped back from the page cache by its next access (a minor fault, or a read
//! of the file if the system reclaimed it meanwhile). The pages stay in the page cache,
//! where the kernel may reclaim them like any file's; other processes mapping a library
//! keep their own mappings.
//!
//! The smallest Tauri app the app is measured beside (`examples/empty_window.rs`) does
//! the same, so the comparison stays one of like with like.

#[cfg(target_os = "linux")]
mod maps;

use std::sync::Once;
use std::time::Duration;

/// How long after the first page load the start-up code is given back: the first screen
/// (Today) is drawn well within it (0.7–1.3 s from process start on the ten-year vault).
const SETTLE: Duration = Duration::from_secs(3);

/// Gives back the start-up pages [`SETTLE`] after the first call, on a thread of its own;
/// later calls do nothing. Call it when the window's page has loaded.
pub fn settle_after_first_page() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let spawned = std::thread::Builder::new()
            .name("memory-settle".into())
            .spawn(|| {
                std::thread::sleep(SETTLE);
                match release_start_up_code() {
                    Ok(bytes) => tracing::debug!("gave back {} KiB of mapped files", bytes / 1024),
                    Err(err) => tracing::debug!("could not give back mapped files: {err}"),
                }
            });
        if let Err(err) = spawned {
            tracing::debug!("could not start the memory-settle thread: {err}");
        }
    });
}

/// Drops this process's mappings of its files' unwritten pages (see the module
/// documentation); returns how many bytes of address space were advised (resident or
/// not). A mapping the kernel refuses is skipped; the first refusal is returned only if
/// none was advised.
#[cfg(target_os = "linux")]
pub fn release_start_up_code() -> std::io::Result<usize> {
    let smaps = std::fs::read_to_string("/proc/self/smaps")?;
    let mut advised = 0;
    let mut refused = None;
    for range in maps::clean_file_mappings(&smaps) {
        let len = range.end - range.start;
        // SAFETY: `range` is a whole private mapping of a file that is not writable and
        // holds no anonymous page: every byte in it is the file's byte as the page cache
        // holds it (code or read-only data), and nothing in this process can write to it.
        // MADV_DONTNEED on such a mapping only drops page-table entries; the next access
        // maps the page cache's bytes back, the same bytes a page not yet touched would
        // have shown. No memory that anything owns is freed.
        #[allow(unsafe_code)]
        let done = unsafe { libc::madvise(range.start as *mut libc::c_void, len, libc::MADV_DONTNEED) };
        if done == 0 {
            advised += len;
        } else {
            refused.get_or_insert_with(std::io::Error::last_os_error);
        }
    }
    match refused {
        Some(err) if advised == 0 => Err(err),
        _ => Ok(advised),
    }
}

/// Nothing to give back where the mappings are not read this way.
#[cfg(not(target_os = "linux"))]
pub fn release_start_up_code() -> std::io::Result<usize> {
    Ok(0)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::release_start_up_code;

    /// The address ranges of this test binary's code (`r-xp`), and their resident KiB.
    fn code() -> (Vec<std::ops::Range<u64>>, u64) {
        let exe = std::fs::read_link("/proc/self/exe").unwrap();
        let exe = exe.to_string_lossy();
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let (mut ranges, mut resident, mut in_code) = (Vec::new(), 0, false);
        for line in smaps.lines() {
            let mut fields = line.split(' ');
            let (first, perms) = (fields.next().unwrap_or_default(), fields.next());
            if let (Some((start, end)), Some(4)) = (first.split_once('-'), perms.map(str::len)) {
                in_code = perms == Some("r-xp") && line.trim_end().ends_with(&*exe);
                if in_code {
                    let parse = |hex| u64::from_str_radix(hex, 16).unwrap();
                    ranges.push(parse(start)..parse(end));
                }
            } else if let Some(kib) = line.strip_prefix("Rss:").filter(|_| in_code) {
                resident += kib.trim().trim_end_matches("kB").trim().parse::<u64>().unwrap();
            }
        }
        (ranges, resident)
    }

    #[test]
    fn the_code_is_given_back_and_runs_again_on_the_next_call() {
        // Map all of the binary's code first (reading it through /proc/self/mem faults
        // every page in), so what is given back does not depend on what ran before.
        let mem = std::fs::File::open("/proc/self/mem").unwrap();
        for range in code().0 {
            for page in range.step_by(4096) {
                std::os::unix::fs::FileExt::read_at(&mem, &mut [0], page).unwrap();
            }
        }
        let before = code().1;
        let advised = release_start_up_code().unwrap();
        let after = code().1;
        assert!(advised > 0, "clean file mappings were found");
        assert!(
            after < before / 2,
            "resident code {before} KiB before, {after} KiB after"
        );
        // Code mapped back on use is the same code: this runs through the same parsing
        // again and gives back what it touched.
        assert!(release_start_up_code().unwrap() > 0);
        assert_eq!(format!("{:x}", 48_879), "beef");
    }
}
