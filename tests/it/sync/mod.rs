//! Sync between devices (issue 17).

mod capture;
mod cli;
mod converge;
mod crash;
mod file;
mod folder;
mod join;
mod merge;
mod seal;
mod unique;
