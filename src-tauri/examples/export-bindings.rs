//! Regenerates `ui/src/bindings.ts` without opening a window, so a developer or CI can
//! refresh the bindings and check them for drift with `git diff --exit-code`.

use std::process::ExitCode;

use ironkeep_desktop::bindings;

fn main() -> ExitCode {
    let path = bindings::committed_path();
    match bindings::refresh_committed() {
        Ok(true) => println!("updated {}", path.display()),
        Ok(false) => println!("{} is up to date", path.display()),
        Err(err) => {
            eprintln!("could not write {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
