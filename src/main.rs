//! The `parallax` binary: see `parallax --help`.

fn main() -> std::process::ExitCode {
    parallax::cli::main()
}
