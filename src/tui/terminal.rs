//! The terminal's set-up and restore, including when the program is told to stop.
//!
//! [`enter`] is ratatui's `try_init` (raw mode, alternate screen, a panic hook that restores
//! first) plus signal handling: SIGTERM, SIGHUP, SIGINT and SIGQUIT no longer kill the reader
//! with the terminal left in raw mode, the alternate screen and the cursor hidden. A signal
//! is recorded; the event loop sees [`stop_signal`] within one poll, quits, and [`restore`]
//! runs on the normal path. Should the loop not get there in [`GRACE`] (stuck in a long
//! draw), the signal thread restores the terminal itself and exits with `128 + signal`, as
//! a shell expects of a program killed by it.

use ratatui::DefaultTerminal;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

/// How long the event loop has to quit on its own after a signal.
pub const GRACE: Duration = Duration::from_secs(2);

/// The signal received, 0 for none.
static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// The reader captures the mouse (unless `--no-mouse`): set before [`enter`].
static MOUSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether [`enter`] turns on mouse reporting (and [`restore`] off again).
pub fn use_mouse(on: bool) {
    MOUSE.store(on, Ordering::SeqCst);
}

/// Turns mouse reporting on or off, when the reader uses the mouse.
fn mouse(on: bool) {
    use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    if MOUSE.load(Ordering::SeqCst) {
        let _ = if on {
            ratatui::crossterm::execute!(std::io::stdout(), EnableMouseCapture)
        } else {
            ratatui::crossterm::execute!(std::io::stdout(), DisableMouseCapture)
        };
    }
}

/// A panic restores the terminal (ratatui's hook) with the mouse released first.
fn hook_panics() {
    static HOOKED: std::sync::Once = std::sync::Once::new();
    HOOKED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            mouse(false);
            previous(info);
        }));
    });
}

/// Enters the reader's terminal mode and starts watching for signals. The terminal draws
/// into a fixed viewport of at most `geometry::MAX_COLS` × `MAX_ROWS` cells, which the event
/// loop resizes with the app ([`crate::tui::geometry::clamp`]): ratatui's full-screen
/// viewport would allocate two buffers of whatever size the terminal reports (9.4 GB for
/// 10000×10000).
pub fn enter() -> std::io::Result<DefaultTerminal> {
    use ratatui::crossterm::{execute, terminal};
    let (w, h) = crate::tui::geometry::clamp(terminal::size()?);
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h));
    // `try_init` with a viewport: raw mode and the restoring panic hook, then the alternate
    // screen (which `try_init_with_options` leaves out).
    let terminal = ratatui::try_init_with_options(ratatui::TerminalOptions { viewport })?;
    execute!(std::io::stdout(), terminal::EnterAlternateScreen)?;
    hook_panics();
    mouse(true);
    watch_signals();
    Ok(terminal)
}

/// Leaves the reader's terminal mode (idempotent).
pub fn restore() {
    mouse(false);
    ratatui::restore();
    let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
}

/// Ctrl-Z: gives the terminal back as it was (cooked mode, main screen, cursor shown), stops
/// the reader with SIGTSTP as the shell's job control expects, and once continued (`fg`)
/// takes the terminal again and clears it, so the next frame is drawn whole. Where nothing
/// can continue a stopped process (an orphaned process group, no job control) the kernel
/// discards the signal and the reader simply comes back.
pub fn suspend(terminal: &mut DefaultTerminal) -> std::io::Result<()> {
    use ratatui::crossterm::{execute, terminal};
    restore();
    stop_here();
    // Whatever the shell did to the terminal meanwhile, the reader's mode again.
    terminal::enable_raw_mode()?;
    execute!(std::io::stdout(), terminal::EnterAlternateScreen)?;
    mouse(true);
    terminal.hide_cursor()?;
    terminal.clear()
}

/// True once after the reader was continued (SIGCONT) by something other than [`suspend`]
/// (a `kill -STOP`, a stop from outside): the screen must be drawn whole again.
pub fn continued() -> bool {
    CONTINUED.swap(false, Ordering::SeqCst)
}

static CONTINUED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[cfg(unix)]
fn stop_here() {
    // The default action of SIGTSTP (no handler is installed for it): stop until SIGCONT.
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    CONTINUED.store(false, Ordering::SeqCst);
}

#[cfg(not(unix))]
fn stop_here() {}

/// The signal that asked the reader to stop, if one did.
pub fn stop_signal() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// The exit status for a stop by `signal` (128 + its number).
pub fn exit_status(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(255)
}

#[cfg(unix)]
fn watch_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use signal_hook::iterator::Signals;
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        watch_continue();
        let Ok(mut signals) = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    SIGNAL.store(sig, Ordering::SeqCst);
                    std::thread::sleep(GRACE);
                    // The loop did not quit in time: restore from here and go.
                    restore();
                    std::process::exit(i32::from(exit_status(sig)));
                }
            });
    });
}

#[cfg(not(unix))]
fn watch_signals() {}

/// Records SIGCONT for [`continued`] (the handler only sets a flag).
#[cfg(unix)]
fn watch_continue() {
    let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGCONT])
    else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("sigcont".into())
        .spawn(move || {
            for _ in signals.forever() {
                CONTINUED.store(true, Ordering::SeqCst);
            }
        });
}
