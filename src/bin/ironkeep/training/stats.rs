//! Records, weekly volume, body weight, the plate calculator and preferences.

use super::*;

pub(super) fn records(
    conn: &rusqlite::Connection,
    exercise: Option<String>,
    out: &Output,
) -> anyhow::Result<()> {
    let records = match exercise {
        Some(name) => vec![Records::new(conn).of_exercise(Exercises::new(conn).by_name(&name)?.id)?],
        None => Records::new(conn).all()?,
    };
    let unit = Settings::new(conn).display_unit()?;
    let show = |r: &Option<ironkeep::training::records::Record>| {
        r.as_ref().map_or("-".to_owned(), |r| {
            format!("{:.1} {unit}", r.value / unit.kg_factor())
        })
    };
    let human = records
            .iter()
            .map(|r| {
                format!(
                    "{}\n  best e1RM (Epley) {}\n  heaviest          {}\n  best set volume   {}\n  best session vol. {}",
                    r.exercise,
                    show(&r.best_e1rm),
                    show(&r.heaviest),
                    show(&r.best_set_volume),
                    show(&r.best_session_volume)
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
    out.print(&human, json!({ "records": records }));
    Ok(())
}

pub(super) fn volume(
    conn: &rusqlite::Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    now: DateTime<Utc>,
    out: &Output,
) -> anyhow::Result<()> {
    let to = to.map_or(now + chrono::Duration::days(1), ironkeep::training::day_start);
    let from = from.map_or(to - chrono::Duration::weeks(12), ironkeep::training::day_start);
    let weeks = volume::weekly(conn, from, to)?;
    let human = weeks
        .iter()
        .map(|w| {
            format!(
                "{}  {:<12} {:>4} sets  {:>10.1} kg",
                w.week, w.muscle, w.sets, w.volume_kg
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    out.print(&human, json!({ "weeks": weeks }));
    Ok(())
}

pub(super) fn body(
    conn: &rusqlite::Connection,
    weight: Option<String>,
    at: Option<String>,
    now: DateTime<Utc>,
    out: &Output,
) -> anyhow::Result<()> {
    let body = BodyWeights::new(conn);
    if let Some(text) = weight {
        let weight = parse_weight(&text, Settings::new(conn).display_unit()?)?;
        let at = at.as_deref().map(parse_time).transpose()?.unwrap_or(now);
        body.log(at, weight, false, now)?;
    }
    let recent = body.recent(10)?;
    let human = recent
        .iter()
        .map(|b| format!("{}  {}", b.measured_at, b.weight))
        .collect::<Vec<_>>()
        .join("\n");
    out.print(&human, json!({ "body_weight": recent }));
    Ok(())
}

pub(super) fn prefs(
    conn: &rusqlite::Connection,
    display_unit: Option<String>,
    (rest, warmup_rest): (Option<String>, Option<String>),
    bar: Option<String>,
    plates: Vec<String>,
    out: &Output,
) -> anyhow::Result<()> {
    let settings = Settings::new(conn);
    if let Some(unit) = display_unit {
        settings.set_display_unit(unit.parse()?)?;
    }
    if rest.is_some() || warmup_rest.is_some() {
        let current = settings.rest_defaults()?;
        let typed = |given: Option<String>, seconds: u32| given.unwrap_or_else(|| seconds.to_string());
        settings.set_rest_defaults(&RestDefaults::from_typed(
            &typed(rest, current.working_seconds),
            &typed(warmup_rest, current.warmup_seconds),
        )?)?;
    }
    if let Some(bar) = bar {
        let bar = parse_weight(&bar, Settings::new(conn).display_unit()?)?;
        let current = settings.plate_set(bar.unit())?;
        let plates_milli = if plates.is_empty() {
            current.plates_milli
        } else {
            plates
                .iter()
                .map(|p| Ok(Weight::parse(p, bar.unit())?.milli()))
                .collect::<anyhow::Result<_>>()?
        };
        settings.set_plate_set(&plates::PlateSet {
            unit: bar.unit(),
            bar_milli: bar.milli(),
            plates_milli,
        })?;
    } else if !plates.is_empty() {
        bail!("give --bar with --plates, e.g. --bar 20kg --plates 25,20,15,10,5,2.5,1.25");
    }
    let unit = settings.display_unit()?;
    let (kg, lb) = (settings.plate_set(Unit::Kg)?, settings.plate_set(Unit::Lb)?);
    let show = |set: &plates::PlateSet| {
        let list: Vec<String> = set
            .plates_milli
            .iter()
            .map(|&m| units::format_milli(u64::from(m)))
            .collect();
        format!(
            "bar {} {}, plates {}",
            units::format_milli(u64::from(set.bar_milli)),
            set.unit,
            list.join(", ")
        )
    };
    let rest = settings.rest_defaults()?;
    out.print(
        &format!(
            "Display unit  {unit}\nkg plates     {}\nlb plates     {}\nRest          {} after a working set, {} after a warm-up",
            show(&kg),
            show(&lb),
            rest_text(rest.working_seconds),
            rest_text(rest.warmup_seconds),
        ),
        json!({ "display_unit": unit, "plates": [kg, lb], "rest": rest }),
    );
    Ok(())
}

/// A rest as people read it: "2:30", or "no timer" for 0.
fn rest_text(seconds: u32) -> String {
    if seconds == 0 {
        "no timer".to_owned()
    } else {
        format!("{}:{:02}", seconds / 60, seconds % 60)
    }
}

pub(super) fn plate_load(conn: &rusqlite::Connection, target: String, out: &Output) -> anyhow::Result<()> {
    let target = parse_weight(&target, Settings::new(conn).display_unit()?)?;
    let set = Settings::new(conn).plate_set(target.unit())?;
    let load = plates::load(target, &set)?;
    let human = format!(
        "Per side: {}\nTotal {} {} (short by {})",
        if load.per_side.is_empty() {
            "nothing (just the bar)".to_owned()
        } else {
            load.per_side.join(" + ")
        },
        load.total,
        load.unit,
        load.short_by
    );
    out.print(&human, serde_json::to_value(&load)?);
    Ok(())
}
