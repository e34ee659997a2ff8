//! A WHOOP sync beside the training log: run on a vault handle of its own, as the desktop
//! app runs it, a slow sync never makes the lifter's writes or reads wait for it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ironkeep::training::{Sessions, SessionsMut, SetInput, SetsMut, StartSession};
use ironkeep::vault::VaultRoles;
use ironkeep::whoop::Collection;

use super::fake::History;
use super::{World, assert_matches_truth};
use crate::harness::now;
use crate::training::{ex, kg};

#[test]
fn a_slow_sync_on_its_own_handle_never_makes_the_logger_wait() {
    let truth = History::generate(200, now(), 4);
    let world = World::new(truth.clone());
    let roles = VaultRoles::new(world.vault());
    world.connect(&roles.writer());
    world.fake.with(|state| {
        state.faults.slow = 100_000;
        state.faults.slow_for = Duration::from_millis(150);
    });
    let syncing = AtomicBool::new(true);
    let long = roles.for_long_work().unwrap();
    std::thread::scope(|scope| {
        let (world, syncing) = (&world, &syncing);
        let sync = scope.spawn(move || {
            let report = world.sync(&long, now());
            syncing.store(false, Ordering::SeqCst);
            report
        });
        // Once the sync has committed its first page, the lifter trains.
        while crate::training::count(&roles.reader().unwrap(), Collection::Cycles.table()) == 0 {
            assert!(
                syncing.load(Ordering::SeqCst),
                "the sync ended before its first page was seen"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        let still = |what: &str| {
            assert!(
                syncing.load(Ordering::SeqCst),
                "{what} waited for the sync to end"
            )
        };
        let session = SessionsMut::new(roles.writer().conn())
            .start(&StartSession::default(), now())
            .unwrap()
            .session
            .id;
        still("starting a workout");
        let squat = ex(&roles.reader().unwrap(), "Squat (Barbell)");
        for reps in [5, 5, 4] {
            SetsMut::new(roles.writer().conn())
                .log(session, &SetInput::working(squat, kg("100"), reps))
                .unwrap();
            still("logging a set");
        }
        let detail = Sessions::new(&roles.reader().unwrap()).detail(session).unwrap();
        assert_eq!(detail.sets.len(), 3);
        still("reading the workout back");
        sync.join().unwrap().expect("the sync completes");
    });
    assert_matches_truth(&roles.reader().unwrap(), &truth);
}
