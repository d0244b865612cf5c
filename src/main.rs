//! The `parallax` binary: see `parallax --help`.

/// mimalloc (version 2) rather than glibc's malloc. A long pair makes hundreds of thousands
/// of small allocations on rayon's worker threads; glibc grows each thread's arena a few
/// pages at a time (an `mprotect` and page faults per step: a third of the large pair's
/// run was system time), where mimalloc takes its memory in large, huge-page-backed
/// regions. The large pair of `benches/large_pair.sh` runs in 47 ms instead of 73; the
/// price is a few MiB of resident memory per thread (README, Speed).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    parallax::cli::main()
}
