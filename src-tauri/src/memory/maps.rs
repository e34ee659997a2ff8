//! Which of the process's mappings hold nothing but the bytes of the file they map.
//!
//! Read from `/proc/self/smaps`: a private mapping of a file (the executable or a shared
//! library: their code, read-only data, unwind and relocation tables) that is not writable
//! and holds no anonymous page. The relocated pointers (`.data.rel.ro`, `r--p` once the
//! loader has made it read-only again) are excluded by their anonymous pages: the loader
//! wrote them, so they are no longer the file's bytes. Shared mappings (`r--s`: memory
//! another process writes) and the kernel's own (`[vvar]`, `[vdso]`) are never chosen.

use std::ops::Range;

/// The address ranges of the mappings in `smaps` (the text of a `/proc/PID/smaps`) that
/// map a file privately, are not writable and have no anonymous page. A mapping whose
/// `Anonymous:` line is missing or unreadable is left out.
pub fn clean_file_mappings(smaps: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in smaps.lines() {
        if let Some(mapping) = header(line) {
            current = mapping.filter(Mapping::maps_a_file_read_only).map(|m| m.range);
            continue;
        }
        if let (Some(range), Some(kib)) = (&current, line.strip_prefix("Anonymous:")) {
            if kib.trim().trim_end_matches("kB").trim() == "0" {
                found.push(range.clone());
            }
            current = None;
        }
    }
    found
}

/// One mapping's header line.
struct Mapping<'a> {
    range: Range<usize>,
    perms: &'a [u8],
    path: &'a str,
}

impl Mapping<'_> {
    /// `r--p` or `r-xp` (not writable, private) of a path in the file system.
    fn maps_a_file_read_only(&self) -> bool {
        self.perms[1] == b'-' && self.perms[3] == b'p' && self.path.starts_with('/')
    }
}

/// `Some(None)` for a header line this module cannot read (never chosen), `None` for a
/// line that is not a header (`Rss:`, `Anonymous:`, …).
fn header(line: &str) -> Option<Option<Mapping<'_>>> {
    let (addresses, rest) = line.split_once(' ')?;
    let (start, end) = addresses.split_once('-')?;
    let start = usize::from_str_radix(start, 16).ok()?;
    let end = usize::from_str_radix(end, 16).ok()?;
    // perms, offset, device, inode, then the path (which may contain spaces).
    let mut fields = rest.splitn(5, ' ');
    let perms = fields.next()?.as_bytes();
    let path = fields.nth(3).map(str::trim_start).unwrap_or_default();
    Some((perms.len() == 4 && start < end).then_some(Mapping {
        range: start..end,
        perms,
        path,
    }))
}

#[cfg(test)]
mod tests {
    use super::clean_file_mappings;

    /// Trimmed from a real `/proc/PID/smaps` of the app: its four segments, a library's
    /// code, a shared memory mapping, the heap, and the kernel's `[vvar]`.
    const SMAPS: &str = "\
5566aa000000-5566aa9b6000 r--p 00000000 fe:00 1234   /opt/ironkeep/ironkeep-desktop
Rss:                3548 kB
Anonymous:             0 kB
5566aa9b6000-5566abee5000 r-xp 009b5000 fe:00 1234   /opt/ironkeep/ironkeep-desktop
Rss:               15100 kB
Anonymous:             0 kB
5566abee6000-5566ac09d000 r--p 01ee4000 fe:00 1234   /opt/ironkeep/ironkeep-desktop
Rss:                1740 kB
Anonymous:          1740 kB
5566ac09d000-5566ac0a6000 rw-p 0209a000 fe:00 1234   /opt/ironkeep/ironkeep-desktop
Rss:                  36 kB
Anonymous:            36 kB
7f0000000000-7f0000100000 r-xp 00000000 fe:00 99     /usr/lib/x86_64-linux-gnu/libgtk-3.so.0.2406.32
Rss:                 400 kB
Anonymous:             0 kB
7f0000200000-7f0000300000 r--s 00000000 00:01 7      /memfd:WebKitSharedMemory (deleted)
Rss:                1024 kB
Anonymous:             0 kB
5566ad000000-5566ad700000 rw-p 00000000 00:00 0      [heap]
Rss:                7000 kB
Anonymous:          7000 kB
7ffd00000000-7ffd00004000 r--p 00000000 00:00 0      [vvar]
Rss:                   0 kB
Anonymous:             0 kB
";

    #[test]
    fn only_unwritten_private_file_mappings_are_clean() {
        assert_eq!(
            clean_file_mappings(SMAPS),
            vec![
                0x5566_aa00_0000..0x5566_aa9b_6000,
                0x5566_aa9b_6000..0x5566_abee_5000,
                0x7f00_0000_0000..0x7f00_0010_0000,
            ]
        );
    }

    #[test]
    fn a_mapping_the_loader_wrote_to_is_never_clean() {
        // The relocated pointers after the loader made them read-only again: `r--p`, but
        // holding anonymous (copied) pages.
        let relro = "\
5566abee6000-5566ac09d000 r--p 01ee4000 fe:00 1234   /opt/ironkeep/ironkeep-desktop
Anonymous:             4 kB
";
        assert!(clean_file_mappings(relro).is_empty());
    }

    #[test]
    fn a_mapping_without_an_anonymous_count_is_left_alone() {
        let cut = "5566aa9b6000-5566abee5000 r-xp 009b5000 fe:00 1234   /opt/ironkeep/ironkeep-desktop\nRss: 4 kB\n";
        assert!(clean_file_mappings(cut).is_empty());
    }
}
