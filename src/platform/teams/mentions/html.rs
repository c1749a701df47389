//! Splitting Teams' HTML-ish message text into text and `<at>` parts.

/// A part of a message's text.
pub(super) enum Part<'a> {
    /// Text with tags removed and entities decoded.
    Text(String),
    /// An `<at …>…</at>`, with what is between the tags as sent.
    At {
        /// The raw text between `<at>` and `</at>`.
        raw_inner: &'a str,
    },
}

/// Tags that start a new line when they open or close.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// The parts of `text`, in order. A `<` that does not open a tag (`a < b`, `<3`, one with
/// no closing `>`) is text.
pub(super) fn parts(text: &str) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        plain.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(tag) = tag_at(after) else {
            plain.push('<');
            rest = after;
            continue;
        };
        let mut next = &after[tag.len + 1..];
        if tag.name.eq_ignore_ascii_case("at") && !tag.closing {
            if let Some(close) = find_ignore_case(next, "</at>") {
                flush(&mut plain, &mut parts);
                parts.push(Part::At {
                    raw_inner: &next[..close],
                });
                next = &next[close + "</at>".len()..];
            }
        } else if BLOCKS.iter().any(|b| tag.name.eq_ignore_ascii_case(b)) {
            if !plain.ends_with('\n') {
                plain.push('\n');
            }
        } else if let Some(alt) = tag.alt {
            plain.push_str(alt);
        }
        rest = next;
    }
    plain.push_str(rest);
    flush(&mut plain, &mut parts);
    parts
}

/// The name inside an `<at>`: any tags within removed, entities decoded, marks removed,
/// trimmed.
pub(super) fn inner_name(raw_inner: &str) -> String {
    let mut name = String::new();
    for part in parts(raw_inner) {
        match part {
            Part::Text(t) => name.push_str(&t),
            Part::At { raw_inner } => name.push_str(&inner_name(raw_inner)),
        }
    }
    name.replace(super::MENTION_MARK, "").trim().to_string()
}

/// An entity's `text` without its `<at>` and `</at>` (an entity may omit them).
pub(super) fn strip_at_tags(text: &str) -> &str {
    let text = text.trim();
    let inner = match tag_at(text.strip_prefix('<').unwrap_or_default()) {
        Some(tag) if tag.name.eq_ignore_ascii_case("at") && !tag.closing => &text[tag.len + 2..],
        _ => text,
    };
    match find_ignore_case(inner, "</at>") {
        Some(close) => &inner[..close],
        None => inner,
    }
}

fn flush<'a>(plain: &mut String, parts: &mut Vec<Part<'a>>) {
    if !plain.is_empty() {
        parts.push(Part::Text(decode_entities(plain)));
        plain.clear();
    }
}

/// A tag that starts right after a `<`.
struct Tag<'a> {
    /// The tag's name (`at`, `p`, `br`, `emoji`, … or empty for `<!…>`).
    name: &'a str,
    /// Whether it is `</…>`.
    closing: bool,
    /// An `alt` attribute (emoji and images show it).
    alt: Option<&'a str>,
    /// Bytes up to (not including) the closing `>`.
    len: usize,
}

/// The tag starting at `s` (just after its `<`): a letter, `/` or `!` first, and a `>`.
fn tag_at(s: &str) -> Option<Tag<'_>> {
    let first = s.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
        return None;
    }
    let len = s.find('>')?;
    let body = &s[..len];
    let closing = body.starts_with('/');
    let name_start = usize::from(closing);
    let name_len = body[name_start..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len() - name_start);
    Some(Tag {
        name: &body[name_start..name_start + name_len],
        closing,
        alt: attribute(body, "alt"),
        len,
    })
}

/// A double-quoted attribute's raw value.
fn attribute<'a>(body: &'a str, name: &str) -> Option<&'a str> {
    let at = find_ignore_case(body, &format!(" {name}=\""))?;
    let value = &body[at + name.len() + 3..];
    Some(&value[..value.find('"')?])
}

/// Byte offset of `needle` (ASCII) in `haystack`, ignoring ASCII case.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Decodes HTML character references; an unknown or malformed one stays as written.
pub(super) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| Some((character(&after[..end])?, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference (between `&` and `;`) stands for.
fn character(reference: &str) -> Option<char> {
    if let Some(number) = reference.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match reference {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        // A non-breaking space is a space to a command line.
        "nbsp" => ' ',
        _ => return None,
    })
}
