//! The `swfsim` binary: parse the command line, run, exit.
use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = swfsim::cli::Cli::parse();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let env = swfsim::cli::Env {
        now: i64::try_from(now.as_secs()).unwrap_or(0),
        entropy: u64::from(now.subsec_nanos())
            ^ (u64::from(std::process::id()) << 32)
            ^ now.as_secs(),
        progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = swfsim::cli::run(cli, env, &mut stdout.lock(), &mut stderr.lock());
    std::process::ExitCode::from(code as u8)
}
