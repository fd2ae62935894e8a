//! `swfsim simulate`: one request, or a batch of them, decided against the caller's policies
//! (and a world, whose new executions can be written back).

use super::account::Exported;
use super::args::{Explain, KindArg, ReportFormat as Format, SimulateArgs};
use super::batch_lines::{BatchLines, CaseOutput, Counted};
use super::caller::caller_of;
use super::exit::Exit;
use super::failure::{report_as_is, Failure};
use super::load::{input_errors, load_set_for, parse_json};
use super::reports::{self, Wrote};
use super::stdin;
use super::world_file::WorldOut;
use super::Env;
use std::io::Write;
use std::path::Path;
use swfsim::batch::{self, Batch, Progress, Tally, JOBS_PER_CORE};
use swfsim::eval::PolicySet;
use swfsim::output;
use swfsim::request::{CallInputs, StartRequest};
use swfsim::source::SourceMap;
use swfsim::swf::{simulate, Outcome, RunIds, World};

/// Runs `swfsim simulate`, its output buffered; in a report format a run that could not answer
/// writes its errors as a report.
pub fn run(a: SimulateArgs, env: Env, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let (format, case) = (a.format, refusal_case(&a));
    let mut wrote = Wrote::new(out);
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut wrote);
    let result = answer(a, env, &mut buffered, err);
    let _ = buffered.flush();
    drop(buffered);
    let any = wrote.any;
    let result = reports::refusal(result, format, "simulate", case, any, &mut wrote);
    report_as_is(result, err)
}

/// The one test case of a run that could not answer: the request's file (`request`), or the
/// requests' (`requests`).
fn refusal_case(a: &SimulateArgs) -> output::Case {
    let (path, name) = match (&a.request, &a.requests) {
        (Some(p), _) => (Some(p), "request"),
        (None, Some(p)) => (Some(p), "requests"),
        (None, None) => (None, "request"),
    };
    output::Case {
        class: path.map_or_else(|| "simulate".to_string(), |p| stdin::display(p)),
        name: name.to_string(),
    }
}

/// Loads what the command line gives, answers the request or the batch, and writes the world
/// after it.
fn answer(
    a: SimulateArgs,
    env: Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Failure> {
    let mut sources = SourceMap::new();
    let (policies, exported) = load_policies(&a, &mut sources, err)?;
    let (principal, keys, mut caller) = caller_of(&a, exported.as_ref(), &mut sources)?;
    // Before the world is read: a run writing the world it reads reads the last run's.
    let world_out = match &a.world_out {
        Some(p) => Some(WorldOut::prepare(p, err).map_err(Failure::one)?),
        None => None,
    };
    let mut world = read_world(&a, &mut sources)?;
    let region = region_of(&a, world.as_ref())?;
    caller.defaulted.region =
        a.region.is_none() && world.as_ref().is_none_or(|w| w.region.is_none());
    let now = match &a.now {
        Some(t) => parse_now(t)?,
        None => env.now,
    };
    let call = CallInputs {
        principal: principal.into(),
        region,
        user_keys: keys,
        now,
        caller,
    };
    let run = Run {
        policies: &policies,
        call: &call,
        world: world.as_mut(),
        run_ids: RunIds::new(a.seed.unwrap_or(env.entropy)),
    };
    let exit = if let Some(path) = &a.request {
        run.one(&a, path, &mut sources, out, err)?
    } else if let Some(path) = &a.requests {
        run.batch(&a, env, path, &sources, out, err)?
    } else {
        Exit::Yes
    };
    // Answers that could not be written leave no world after them (`run` reports the error):
    // the run is to be made again, from the world it started from.
    if a.world_out.is_some() && out.flush().is_err() {
        return Err(Failure(Vec::new()));
    }
    if let (Some(o), Some(w)) = (world_out, &world) {
        o.commit(w).map_err(Failure::one)?;
    }
    Ok(exit)
}

/// The caller's policies, each file's lint findings of error level written on `err` first.
fn load_policies(
    a: &SimulateArgs,
    sources: &mut SourceMap,
    err: &mut dyn Write,
) -> Result<(PolicySet, Option<Exported>), Failure> {
    let mut notes = Vec::new();
    let policies = load_set_for(
        &a.policies,
        &[],
        KindArg::Identity,
        // The default caller is no one's in an export: --principal must be given.
        (a.principal != swfsim::request::DEFAULT_PRINCIPAL).then_some(a.principal.as_str()),
        sources,
        Some(&mut notes),
    )?;
    for n in notes {
        let _ = write!(err, "{n}");
    }
    Ok(policies)
}

/// The world of `--world`, if one is given.
fn read_world(a: &SimulateArgs, sources: &mut SourceMap) -> Result<Option<World>, Failure> {
    let Some(p) = &a.world else {
        return Ok(None);
    };
    let (id, j) = parse_json(sources, p)?;
    let world = World::from_json(&j).map_err(|e| Failure(input_errors(sources, id, &e)))?;
    Ok(Some(world))
}

/// The region of the call: `--region`, else the world's, else us-east-1 (swfsim's default).
fn region_of(a: &SimulateArgs, world: Option<&World>) -> Result<String, Failure> {
    let region = a
        .region
        .clone()
        .or_else(|| world.and_then(|w| w.region.clone()))
        .unwrap_or_else(|| "us-east-1".to_string());
    let region_ok = !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !region_ok {
        return Err(Failure::one(format!(
            "error: --region: `{region}` is not a region name (such as `us-east-1`)"
        )));
    }
    Ok(region)
}

/// The first second of year 1 and the last of year 9999 (UTC), in epoch seconds: the times
/// `aws:CurrentTime` can be written as (`YYYY-MM-DDThh:mm:ssZ`).
const NOW_RANGE: std::ops::RangeInclusive<i64> = -62_135_596_800..=253_402_300_799;

/// Parses `--now`: epoch seconds or a W3C date, within the years 1 to 9999.
fn parse_now(text: &str) -> Result<i64, Failure> {
    let secs = swfsim::condition::parse_date(text)
        .and_then(|ns| i64::try_from(ns.div_euclid(1_000_000_000)).ok())
        .ok_or_else(|| {
            Failure::one(format!(
                "error: --now `{text}` is not epoch seconds or a W3C date"
            ))
        })?;
    if !NOW_RANGE.contains(&secs) {
        return Err(Failure::one(format!(
            "error: --now `{text}` is outside the years 1 to 9999\n  = help: aws:CurrentTime is written `YYYY-MM-DDThh:mm:ssZ`; give a time from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z"
        )));
    }
    Ok(secs)
}

/// What every request of a run is decided with, and meets.
struct Run<'a> {
    policies: &'a PolicySet,
    call: &'a CallInputs,
    world: Option<&'a mut World>,
    run_ids: RunIds,
}

impl Run<'_> {
    /// `--request`: one answer, explained in full unless `--explain` says otherwise.
    fn one(
        mut self,
        a: &SimulateArgs,
        path: &Path,
        sources: &mut SourceMap,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<Exit, Failure> {
        let (id, j) = parse_json(sources, path)?;
        let req =
            StartRequest::from_json(&j).map_err(|e| Failure(input_errors(sources, id, &e)))?;
        let r = simulate(
            &req,
            self.policies,
            self.call,
            self.world,
            &mut self.run_ids,
        );
        let full = a.explain.unwrap_or(Explain::Full).full_for(r.outcome);
        let _ = match a.format {
            Format::Json => writeln!(out, "{}", output::sim_json_line(&r, sources, full)),
            Format::Text => writeln!(out, "{}", output::sim_text(&r, sources, self.policies)),
            Format::Github | Format::Junit | Format::Markdown => {
                let row = output::RequestRow::of(&r, sources, None);
                let name = path.display().to_string();
                reports::write(a.format, &output::Report::requests(&name, &[row]), out)
            }
        };
        if r.outcome == Outcome::Unknown {
            let _ = writeln!(err, "{}", output::unknown_error(&r));
        }
        Ok(Exit::of(r.outcome))
    }

    /// `--requests`: an answer a line, in input order, and in text a summary of the outcomes
    /// after them; the worst answer is the run's.
    fn batch(
        mut self,
        a: &SimulateArgs,
        env: Env,
        path: &Path,
        sources: &SourceMap,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<Exit, Failure> {
        let (input, name, size) = open_input(path)?;
        let jobs = if self.world.is_some() {
            1
        } else {
            jobs(a, env, err)
        };
        let batch = Batch {
            policies: self.policies,
            call: self.call,
            render: BatchLines {
                sources,
                format: a.format,
                explain: a.explain.unwrap_or(Explain::Auto),
                verbose: a.verbose,
                file: name.clone(),
            },
        };
        let input = std::io::BufReader::with_capacity(1 << 16, input);
        let mut progress = Progress::new(env.progress, size);
        let mut exit = Exit::Yes;
        // A report's rows, and the number of the last line (a case a line, blank ones too).
        let (mut rows, mut line) = (Vec::new(), 0);
        let mut tally = Tally::default();
        // Lines' text is written at once, then their errors, in input order. `false` once the
        // output cannot be written: the batch stops (`run` reports it).
        let mut emit = |text: &[u8], cases: &[CaseOutput], bytes: usize| {
            if out.write_all(text).is_err() {
                return false;
            }
            for c in cases {
                line += 1;
                if let Some(row) = &c.row {
                    rows.push(output::RequestRow {
                        line: Some(line),
                        ..row.clone()
                    });
                }
                for e in &c.err {
                    let _ = writeln!(err, "{e}");
                }
                exit = exit.and(c.exit);
                match c.counted {
                    Some(Counted::Answered(o)) => tally.add(o),
                    Some(Counted::InputError) => tally.add_input_error(),
                    None => {}
                }
            }
            if !cases.is_empty() {
                progress.tick(cases.len(), bytes, err);
            }
            true
        };
        batch::run(
            &batch,
            input,
            jobs,
            self.world,
            &mut self.run_ids,
            &mut emit,
        )
        .map_err(|(n, e)| Failure::one(format!("error: cannot read `{name}` at line {n}: {e}")))?;
        progress.finish(err);
        if reports::is_report(a.format) {
            let _ = reports::write(a.format, &output::Report::requests(&name, &rows), out);
        } else if a.format == Format::Text && !env.quiet {
            let _ = writeln!(out, "{}", output::batch_summary(&tally));
        }
        Ok(exit)
    }
}

/// A batch's input, read by several threads in turn.
type Input = Box<dyn std::io::Read + Send>;

/// The input of `--requests`, its name where a line is located, and its size when it is a
/// file (the progress bar's end): `-` is standard input, named `<stdin>`.
fn open_input(path: &Path) -> Result<(Input, String, Option<u64>), Failure> {
    if stdin::is_stdin(path) {
        return Ok((Box::new(std::io::stdin()), stdin::NAME.into(), None));
    }
    let file = std::fs::File::open(path).map_err(|e| Failure::unreadable(path, e))?;
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    Ok((Box::new(file), path.display().to_string(), size))
}

/// The threads of a batch without a world: `--jobs`, capped, with a note on `err` when the cap
/// lowered it.
fn jobs(a: &SimulateArgs, env: Env, err: &mut dyn Write) -> usize {
    let (jobs, lowered) = batch::capped_jobs(a.jobs, env.cores);
    if lowered {
        let _ = writeln!(
            err,
            "note: --jobs {} lowered to {jobs} ({JOBS_PER_CORE} per core, {} cores)",
            a.jobs.unwrap_or_default(),
            env.cores
        );
    }
    jobs
}
