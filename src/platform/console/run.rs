//! Connecting a console session to a terminal or a piped script.

use std::io::{BufRead, Write};

use super::{ConsoleSession, Step};

/// Reads inputs until `/quit` or end of input and prints everything the bot says.
///
/// With `interactive` false (a piped script), each input is echoed after its prompt so the
/// transcript reads like a conversation.
pub async fn run<R: BufRead, W: Write>(
    session: &mut ConsoleSession,
    mut input: R,
    out: &mut W,
    interactive: bool,
) -> std::io::Result<()> {
    let mut line = String::new();
    loop {
        if interactive {
            write!(out, "{}", session.prompt())?;
            out.flush()?;
        }
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        let first = line.trim_end_matches(['\n', '\r']).to_string();
        if !interactive && !first.trim().is_empty() {
            writeln!(out, "{}{first}", session.prompt())?;
        }
        let mut text = first.clone();
        if ConsoleSession::wants_more_lines(&first) {
            if interactive {
                writeln!(out, "{}", session.multiline_hint())?;
            }
            loop {
                if interactive {
                    write!(out, "... ")?;
                    out.flush()?;
                }
                line.clear();
                if input.read_line(&mut line)? == 0 {
                    break;
                }
                let next = line.trim_end_matches(['\n', '\r']);
                if !interactive {
                    writeln!(out, "... {next}")?;
                }
                if next.trim() == "." {
                    break;
                }
                text.push('\n');
                text.push_str(next);
            }
        }
        let step = session.input(&text).await;
        let (lines, quit) = match step {
            Step::Continue(lines) => (lines, false),
            Step::Quit(lines) => (lines, true),
        };
        for l in lines {
            writeln!(out, "{l}")?;
        }
        if quit {
            break;
        }
    }
    Ok(())
}
