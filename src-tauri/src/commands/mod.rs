//! The IPC commands, one module per screen area. Each command is a thin wrapper: it
//! takes the shared state, calls one core function, and maps the core error with `Into`.

pub mod backup;
pub mod insights;
pub mod journal;
pub mod programs;
pub mod settings;
pub mod sync;
pub mod training;
pub mod vault;
pub mod whoop;
