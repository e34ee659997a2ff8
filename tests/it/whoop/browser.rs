//! The sign-in URL never reaches a command line: the browser opener gets the path of a
//! private redirect page, which is gone once the sign-in ends (issue 14, item 4).

use std::io::BufRead;
use std::os::unix::fs::PermissionsExt;

use super::e2e::CliWorld;
use super::fake;
use crate::harness::mode;

#[test]
fn the_browser_gets_a_private_page_not_the_url() {
    let world = CliWorld::new(1);
    // A stand-in `xdg-open` that records its arguments and the page it was given.
    let bin = world.sandbox.path("bin");
    std::fs::create_dir(&bin).unwrap();
    let seen = world.sandbox.path("opener-args");
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{0}'\ncp \"$1\" '{0}.page'\nstat -c %a \"$1\" \"$(dirname \"$1\")\" > '{0}.modes'\n",
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut child = world
        .sandbox
        .command(&["whoop", "connect", "--timeout", "30"])
        .env("IRONKEEP_WHOOP_BASE_URL", &world.fake.base)
        .env("PATH", path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let url = loop {
        let mut line = String::new();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "connect ended early");
        if line.starts_with("http") {
            break line.trim().to_owned();
        }
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !world.sandbox.path("opener-args.modes").exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let args = std::fs::read_to_string(&seen).expect("the opener ran");
    assert!(
        !args.contains("state=") && !args.contains("code_challenge") && !args.contains("http"),
        "no URL on the opener's command line: {args}"
    );
    let page_path = std::path::PathBuf::from(args.trim());
    let page = std::fs::read_to_string(world.sandbox.path("opener-args.page")).unwrap();
    assert!(
        page.contains(&url.replace('&', "&amp;")),
        "the page redirects to the URL: {page}"
    );
    let modes = std::fs::read_to_string(world.sandbox.path("opener-args.modes")).unwrap();
    assert_eq!(
        modes.split_whitespace().collect::<Vec<_>>(),
        ["600", "700"],
        "private page and folder"
    );
    assert_eq!(mode(&page_path), 0o600);

    // Play the browser: follow the redirect to the loopback listener.
    let (_, location, _) = fake::http_get(&url).unwrap();
    let (status, _, _) = fake::http_get(&location.unwrap()).unwrap();
    assert_eq!(status, 200);
    assert!(child.wait().unwrap().success());
    assert!(!page_path.exists(), "the page is removed when the sign-in ends");
}
