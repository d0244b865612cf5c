//! Writing script output: stdout through a buffer, a closed pipe is no error, JSON pretty.

use std::io::Write;
use std::process::ExitCode;

/// Writes script output to stdout; a closed pipe is not an error.
pub(crate) fn write_stdout(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parallax: writing output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Pretty JSON and a final newline.
pub(crate) fn write_json(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::other)?;
    writeln!(out)
}
