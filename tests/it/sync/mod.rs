//! Sync between devices (issue 17): what has landed so far.

mod capture;
mod converge;
mod file;
mod folder;
mod merge;
mod seal;
