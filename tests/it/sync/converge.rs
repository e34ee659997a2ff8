//! Convergence: devices that log, edit and delete on their own and exchange their sealed
//! changes in any order — each device's files in sequence, duplicates included — end in
//! the same state, with nothing left waiting, and that state is the one a device replaying
//! every file once, serially, reaches.

use std::collections::BTreeMap;

use ironkeep::sync::{Sealed, merge, seal};
use proptest::prelude::*;
use rusqlite::{Connection, params};

use crate::training::db;

const NOW_MS: u64 = 1_790_000_000_000;
const LIFTS: [&str; 3] = ["squat-barbell", "bench-press-barbell", "deadlift-barbell"];

struct Device {
    conn: Connection,
    log: Vec<Sealed>,
    /// How many of each device's files this one has merged.
    read: Vec<usize>,
}

impl Device {
    fn new(n: usize, devices: usize) -> Device {
        let conn = db();
        conn.execute(
            "INSERT INTO sync_state (id, device) VALUES (1, ?1)",
            [vec![n as u8 + 1; 16]],
        )
        .unwrap();
        Device {
            conn,
            log: Vec::new(),
            read: vec![0; devices],
        }
    }

    fn pick(&self, sql: &str, k: u64) -> Option<i64> {
        let ids: Vec<i64> = self
            .conn
            .prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        (!ids.is_empty()).then(|| ids[(k as usize) % ids.len()])
    }

    fn act(&self, op: u8, k: u64, step: usize) {
        let c = &self.conn;
        let set = || self.pick("SELECT id FROM session_set ORDER BY gid", k);
        let session = || self.pick("SELECT id FROM session ORDER BY gid", k);
        match op {
            0 => {
                c.execute(
                    "INSERT INTO session (name, started_at) VALUES (?1, ?2)",
                    params![format!("S{step}"), format!("2026-12-01T10:{:02}:00Z", step % 60)],
                )
                .unwrap();
            }
            1..=3 => {
                let Some(s) = session() else { return };
                let lift: i64 = c
                    .query_row(
                        "SELECT id FROM exercise WHERE slug = ?1",
                        [LIFTS[k as usize % 3]],
                        |r| r.get(0),
                    )
                    .unwrap();
                let kg = 20 + (k % 40) as i64 * 5;
                c.execute(
                    "INSERT INTO session_set (session_id, exercise_id, position, weight_milli, weight_unit, weight_kg, reps)
                     VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0) FROM session_set WHERE session_id = ?1),
                             ?3, 'kg', ?4, ?5)",
                    params![s, lift, kg * 1000, kg as f64, (k % 12) as i64 + 1],
                )
                .unwrap();
            }
            4 => {
                if let Some(id) = set() {
                    c.execute(
                        "UPDATE session_set SET reps = ?2 WHERE id = ?1",
                        params![id, (k % 20) as i64],
                    )
                    .unwrap();
                }
            }
            5 => {
                if let Some(id) = set() {
                    c.execute(
                        "UPDATE session_set SET notes = ?2 WHERE id = ?1",
                        params![id, format!("n{step}")],
                    )
                    .unwrap();
                }
            }
            6 => {
                if let Some(id) = session() {
                    c.execute(
                        "UPDATE session SET notes = ?2 WHERE id = ?1",
                        params![id, format!("s{step}")],
                    )
                    .unwrap();
                }
            }
            7 => {
                // Delete a set and close the gap, as the logger does.
                if let Some(id) = set() {
                    let (s, p): (i64, i64) = c
                        .query_row(
                            "SELECT session_id, position FROM session_set WHERE id = ?1",
                            [id],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )
                        .unwrap();
                    c.execute("DELETE FROM session_set WHERE id = ?1", [id]).unwrap();
                    let later: Vec<i64> = c
                        .prepare("SELECT id FROM session_set WHERE session_id = ?1 AND position > ?2 ORDER BY position")
                        .unwrap()
                        .query_map(params![s, p], |r| r.get(0))
                        .unwrap()
                        .map(Result::unwrap)
                        .collect();
                    for id in later {
                        c.execute(
                            "UPDATE session_set SET position = position - 1 WHERE id = ?1",
                            [id],
                        )
                        .unwrap();
                    }
                }
            }
            _ => {
                if k.is_multiple_of(4)
                    && let Some(id) = session()
                {
                    c.execute("DELETE FROM session WHERE id = ?1", [id]).unwrap();
                }
            }
        }
    }

    fn seal(&mut self, now: u64) {
        if let Some(sealed) = seal(&self.conn, now).unwrap() {
            self.log.push(sealed);
        }
    }

    /// The training log as every device names it.
    fn state(&self) -> BTreeMap<String, Vec<String>> {
        let mut state = BTreeMap::new();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT 'session ' || hex(gid), name || '|' || started_at || '|' || notes FROM session
                 UNION ALL
                 SELECT 'set ' || hex(t.gid),
                        hex(s.gid) || '|' || e.slug || '|' || t.position || '|' || t.weight_milli || t.weight_unit
                        || '|' || t.reps || '|' || t.notes
                   FROM session_set t JOIN session s ON s.id = t.session_id JOIN exercise e ON e.id = t.exercise_id",
            )
            .unwrap();
        for row in stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap()
        {
            let (k, v) = row.unwrap();
            state.entry(k).or_insert_with(Vec::new).push(v);
        }
        state
    }
}

/// Device `to` merges the next file of device `from` (or, if `again`, the last one again).
fn deliver(devices: &mut [Device], to: usize, from: usize, again: bool, now: u64) -> bool {
    let next = devices[to].read[from];
    let index = if again && next > 0 { next - 1 } else { next };
    let Some(batch) = devices[from].log.get(index).cloned() else {
        return false;
    };
    devices[to].seal(now);
    merge(&devices[to].conn, &batch, now).unwrap();
    devices[to].read[from] = next.max(index + 1);
    true
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn devices_that_exchange_everything_in_any_order_end_alike(
        steps in prop::collection::vec((0usize..3, 0u8..10, any::<u64>()), 10..60),
    ) {
        let n = 3;
        let mut devices: Vec<Device> = (0..n).map(|i| Device::new(i, n)).collect();
        for (step, (d, op, k)) in steps.into_iter().enumerate() {
            let now = NOW_MS + step as u64 * 1000;
            match op {
                0..=8 => devices[d].act(op, k, step),
                _ => {
                    // A sync step: seal, then merge one file from another device.
                    devices[d].seal(now);
                    let from = (d + 1 + (k as usize % (n - 1))) % n;
                    deliver(&mut devices, d, from, k % 5 == 0, now);
                }
            }
        }
        let end = NOW_MS + 1_000_000;
        for device in &mut devices {
            device.seal(end);
        }
        for to in 0..n {
            for from in (0..n).filter(|f| *f != to) {
                while deliver(&mut devices, to, from, false, end) {}
            }
        }
        let first = devices[0].state();
        for device in &devices {
            prop_assert_eq!(&device.state(), &first);
            let waiting: i64 = device.conn.query_row("SELECT count(*) FROM sync_held", [], |r| r.get(0)).unwrap();
            prop_assert_eq!(waiting, 0);
            let marks: i64 = device.conn.query_row("SELECT count(*) FROM sync_dirty", [], |r| r.get(0)).unwrap();
            prop_assert_eq!(marks, 0, "merges leave nothing to send back");
        }
        // A device that only replays every file once, one device's log after another, ends
        // the same: the state is the serial replay's, whatever order the others saw.
        let replay = Device::new(n, n + 1);
        for device in &devices {
            for batch in &device.log {
                merge(&replay.conn, batch, end).unwrap();
            }
        }
        prop_assert_eq!(&replay.state(), &first);
        let waiting: i64 = replay.conn.query_row("SELECT count(*) FROM sync_held", [], |r| r.get(0)).unwrap();
        prop_assert_eq!(waiting, 0);
    }
}
