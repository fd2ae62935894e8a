//! The command line run as `main` runs it, with writers that fail and scratch batches.

use super::*;
use clap::Parser;

/// A writer that fails every write with `kind`, counting the writes it was asked for.
struct Failing(std::io::ErrorKind, usize);

impl Write for Failing {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        self.1 += 1;
        Err(std::io::Error::new(self.0, "the output is gone"))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The environment of the tests' runs: a fixed clock and seed, two cores.
const TWO_CORES: Env = Env {
    now: 1_795_608_000,
    entropy: 7,
    progress: false,
    cores: 2,
    terminals: [false, false],
    no_color: false,
    quiet: false,
};

/// `args` run with an output that fails with `kind`: the exit code, stderr, and the writes
/// the output was asked for.
fn run_failing(args: &[&str], kind: std::io::ErrorKind) -> (Exit, String, usize) {
    let cli = Cli::try_parse_from([&["swfsim"], args].concat()).unwrap();
    let (mut out, mut err) = (Failing(kind, 0), Vec::new());
    let code = run(cli, TWO_CORES, &mut out, &mut err);
    (code, String::from_utf8(err).unwrap(), out.1)
}

/// A scratch folder holding `batch.jsonl`: `n` copies of one request, then `tail`.
fn batch_of(name: &str, n: usize, tail: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("swfsim-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("batch.jsonl");
    let line = r#"{"domain":"orders","workflowId":"w","workflowType":{"name":"P","version":"1"}}"#;
    std::fs::write(&file, format!("{line}\n").repeat(n) + tail).unwrap();
    (dir, file)
}

/// `--jobs 100000` (uncapped, a hundred thousand threads' blocks: gigabytes) runs on four threads per core, says so
/// on stderr, and answers as one thread does; the default and a count within the cap say
/// nothing.
#[test]
fn jobs_beyond_four_per_core_are_lowered_with_a_note() {
    let (dir, file) = batch_of("jobs-cap", 2000, "");
    let run_jobs = |jobs: Option<&str>| {
        let mut args = vec!["swfsim", "simulate", "--requests", file.to_str().unwrap()];
        args.extend([
            "--policy",
            "policies/e3-workflow-starter.json",
            "--format",
            "json",
        ]);
        args.extend(jobs.map(|j| ["--jobs", j]).into_iter().flatten());
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run(
            Cli::try_parse_from(args).unwrap(),
            TWO_CORES,
            &mut out,
            &mut err,
        );
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    };
    let (code, out, err) = run_jobs(Some("100000"));
    assert_eq!(
        err,
        "note: --jobs 100000 lowered to 8 (4 per core, 2 cores)\n"
    );
    assert_eq!((code, out.lines().count()), (Exit::Yes, 2000));
    assert_eq!((code, out, String::new()), run_jobs(Some("1")));
    for jobs in [None, Some("8")] {
        assert_eq!(run_jobs(jobs).2, "", "{jobs:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An answer that could not be written is no answer: exit 2 and the error, not the exit
/// code of the answers no one received; a batch stops at the failure, reporting no line
/// after it (its line 3,001 is broken), on one thread or several.
#[test]
fn output_that_cannot_be_written_is_exit_2_and_stops_the_batch() {
    let (dir, file) = batch_of("unwritable", 3000, "not json\n");
    let file = file.to_str().unwrap();
    let policy = ["--policy", "policies/e3-workflow-starter.json"];
    for jobs in ["1", "2", "3"] {
        for form in [["--format", "json"], ["--format", "text"]] {
            let args = [
                &["simulate", "--requests", file][..],
                &policy,
                &form,
                &["--jobs", jobs],
            ]
            .concat();
            let (code, err, writes) = run_failing(&args, std::io::ErrorKind::StorageFull);
            let case = format!("--jobs {jobs} {form:?}");
            assert_eq!(code, Exit::Unanswerable, "{case}");
            assert_eq!(
                err, "error: cannot write the output: the output is gone\n",
                "{case}"
            );
            assert_eq!(writes, 1, "{case}: nothing is written after the failure");
        }
    }
    // A reader that went away (`| head`) did not read the whole answer: exit 2, and why.
    let args = [
        &["simulate", "--requests", file][..],
        &policy,
        &["--jobs", "2"],
    ]
    .concat();
    let (code, err, _) = run_failing(&args, std::io::ErrorKind::BrokenPipe);
    assert_eq!(
        (code, err.as_str()),
        (
            Exit::Unanswerable,
            "error: the output was closed before the whole answer was written\n"
        )
    );
    // With a world, nothing is written after the failure either: not the world.
    let after = dir.join("after.json");
    let after_arg = after.to_str().unwrap();
    for requests in [
        &["--requests", file][..],
        &["--request", "policies/requests/order.json"],
    ] {
        let world = ["--world", "policies/world.json", "--world-out", after_arg];
        let args = [&["simulate"][..], requests, &policy, &world].concat();
        let (code, err, _) = run_failing(&args, std::io::ErrorKind::StorageFull);
        assert_eq!(code, Exit::Unanswerable, "{requests:?}");
        assert_eq!(err, "error: cannot write the output: the output is gone\n");
        assert!(
            !after.exists(),
            "{requests:?}: no world after answers not written"
        );
    }
    // Every command: one answer, the rules' list (a line at a time), a lint report.
    let request = "policies/requests/order.json";
    for args in [
        &["simulate", "--request", request, "--policy", policy[1]][..],
        &["rules"],
        &["lint", policy[1]],
    ] {
        let (code, err, writes) = run_failing(args, std::io::ErrorKind::StorageFull);
        assert_eq!(code, Exit::Unanswerable, "{args:?}");
        assert!(
            err.starts_with("error: cannot write the output"),
            "{args:?}: {err}"
        );
        assert_eq!(writes, 1, "{args:?}: nothing is written after the failure");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
