//! `swfsim completions` and `swfsim man`: the command line described for shells and for `man`,
//! from the same clap definition that parses it.

use super::args::Cli;
use super::exit::Exit;
use super::failure::Failure;
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

/// Writes the completion script of `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Exit {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "swfsim", out);
    Exit::Yes
}

/// Writes `swfsim.1` to `out`, or, with a folder, `swfsim.1` and a `swfsim-COMMAND.1` for each
/// command into it (the folder is made when missing).
pub fn man(dir: Option<&Path>, out: &mut dyn Write) -> Result<Exit, Failure> {
    let mut cmd = Cli::command();
    // Built, each command carries the version (`propagate_version`) onto its page.
    cmd.build();
    let Some(dir) = dir else {
        clap_mangen::Man::new(cmd)
            .render(out)
            .map_err(|e| Failure::one(format!("error: cannot write the manual page: {e}")))?;
        return Ok(Exit::Yes);
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::one(format!(
            "error: cannot make the folder `{}`: {e}",
            dir.display()
        ))
    })?;
    let mut pages = vec![("swfsim".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands() {
        let name = format!("swfsim-{}", sub.get_name());
        pages.push((name.clone(), sub.clone().name(name)));
    }
    for (name, page) in pages {
        let path = dir.join(format!("{name}.1"));
        let mut text = Vec::new();
        clap_mangen::Man::new(page)
            .render(&mut text)
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| Failure::one(format!("error: cannot write `{}`: {e}", path.display())))?;
    }
    Ok(Exit::Yes)
}
