//! The automatic sync at start: off until the first sync by hand, then due once the last
//! sync is older than the chosen hours; the setting is stored in the vault.

use chrono::Duration;
use ironkeep::whoop::{AutoSync, auto};

use super::fake::History;
use super::{World, tiny_options};
use crate::harness::now;

#[test]
fn auto_sync_waits_for_the_first_sync_then_for_the_chosen_hours() {
    let world = World::new(History::generate(12, now(), 2));
    let vault = world.vault();
    let conn = vault.conn();
    assert!(!auto::due(conn, now()).unwrap(), "not connected: never due");
    world.connect(&vault);
    assert_eq!(
        auto::setting(conn).unwrap(),
        AutoSync {
            enabled: true,
            hours: 6
        },
        "on, 6 hours by default"
    );
    assert!(
        !auto::due(conn, now()).unwrap(),
        "the first sync is the person's, with progress"
    );

    world.sync(&vault, now()).unwrap();
    assert!(!auto::due(conn, now() + Duration::hours(5)).unwrap());
    assert!(auto::due(conn, now() + Duration::hours(6)).unwrap());

    let ran = auto::sync_if_due(
        &vault,
        &world.base(),
        now() + Duration::hours(7),
        &tiny_options(),
        &std::sync::atomic::AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap();
    assert!(ran.is_some(), "a due sync runs");
    assert!(
        !auto::due(conn, now() + Duration::hours(8)).unwrap(),
        "and is not due again at once"
    );

    let set = auto::set_setting(
        conn,
        AutoSync {
            enabled: true,
            hours: 48,
        },
    )
    .unwrap();
    assert_eq!(set.hours, 48);
    assert!(!auto::due(conn, now() + Duration::hours(30)).unwrap());
    auto::set_setting(
        conn,
        AutoSync {
            enabled: false,
            hours: 48,
        },
    )
    .unwrap();
    assert!(!auto::setting(conn).unwrap().enabled);
    assert!(
        !auto::due(conn, now() + Duration::days(30)).unwrap(),
        "off means off"
    );
    assert!(
        auto::set_setting(
            conn,
            AutoSync {
                enabled: true,
                hours: 0
            }
        )
        .is_err()
    );
}
