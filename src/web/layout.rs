//! The frame of every page: language, title, navigation, sign-out, and the page's own content.

use axum::http::{HeaderMap, header};
use maud::{DOCTYPE, Markup, html};

use crate::bot::{Bot, Viewer};
use crate::core::locale::Locale;
use crate::i18n::Arg;

/// One request's view of the dashboard: who is signed in, in which language, and the use
/// cases. Handlers get it from the [`super::Signed`] extractor.
#[derive(Debug, Clone)]
pub struct Page {
    /// The use cases.
    pub bot: Bot,
    /// The language pages are written in (the person's).
    pub locale: Locale,
    /// Who is signed in.
    pub viewer: Viewer,
}

impl Page {
    /// A message of the catalogs in the person's language.
    pub fn t(&self, key: &str, args: &[Arg<'_>]) -> String {
        self.bot.t(self.locale, key, args)
    }

    /// The hidden field every form of this session carries.
    pub fn csrf_field(&self) -> Markup {
        html! { input type="hidden" name="csrf" value=(self.viewer.csrf_token); }
    }

    /// Whether `submitted` is this session's CSRF token (compared in constant time).
    pub fn csrf_matches(&self, submitted: &str) -> bool {
        let expected = self.viewer.csrf_token.as_bytes();
        let given = submitted.as_bytes();
        expected.len() == given.len()
            && expected
                .iter()
                .zip(given)
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    /// A whole page: `title` as its heading, `main` below it, inside the navigation frame.
    pub fn render(&self, title: &str, main: Markup) -> Markup {
        let person = &self.viewer.person;
        html! {
            (DOCTYPE)
            html lang=(self.locale.code()) {
                (head(title))
                body {
                    a.skip href="#main" { (self.t("web-skip", &[])) }
                    header.top {
                        a.brand href="/web/" { (self.t("web-product", &[])) }
                        nav aria-label=(self.t("web-nav-label", &[])) {
                            ul {
                                li { a href="/web/" { (self.t("web-nav-home", &[])) } }
                                @if self.viewer.leads_teams || person.is_admin {
                                    li { a href="/web/teams/" { (self.t("web-nav-teams", &[])) } }
                                }
                                @if person.is_admin {
                                    li { a href="/web/admin/" { (self.t("web-nav-admin", &[])) } }
                                }
                            }
                        }
                        form.sign-out method="post" action="/web/sign-out" {
                            (self.csrf_field())
                            span.who { (self.t("web-signed-in-as", &[("name", person.display_name.clone().into())])) }
                            " "
                            button type="submit" { (self.t("web-sign-out", &[])) }
                        }
                    }
                    main #main {
                        h1 { (title) }
                        (main)
                    }
                }
            }
        }
    }
}

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="referrer" content="same-origin";
            title { (title) " · ambassador" }
            link rel="stylesheet" href="/web/assets/style.css";
            script src="/web/assets/app.js" defer {}
        }
    }
}

/// How a [`scroll_region`] is named for screen readers.
#[derive(Debug, Clone, Copy)]
pub enum RegionName<'a> {
    /// By the element with this id (a heading or caption already on the page).
    LabelledBy(&'a str),
    /// By this text.
    Label(&'a str),
}

/// A wide table in a box that scrolls sideways on a narrow screen, so the page itself never
/// does. The box is focusable and named, so keyboard and screen-reader users can scroll it too
/// (axe-core counts an unreachable scrolling region as a serious violation).
pub fn scroll_region(name: RegionName<'_>, table: Markup) -> Markup {
    match name {
        RegionName::LabelledBy(id) => html! {
            div.table-wrap role="region" tabindex="0" aria-labelledby=(id) { (table) }
        },
        RegionName::Label(text) => html! {
            div.table-wrap role="region" tabindex="0" aria-label=(text) { (table) }
        },
    }
}

/// A page for someone not signed in (sign-in, refused links, errors): no navigation.
pub fn bare_page(locale: Locale, title: &str, text: &str) -> Markup {
    bare_with(locale, title, html! { p { (text) } })
}

/// [`bare_page`] with any content.
pub fn bare_with(locale: Locale, title: &str, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(locale.code()) {
            (head(title))
            body {
                header.top { span.brand { "ambassador" } }
                main #main {
                    h1 { (title) }
                    (main)
                }
            }
        }
    }
}

/// The language a browser asks for (`Accept-Language`), among those we have; `fallback`
/// (the org's) otherwise. Used before anyone is signed in.
pub fn locale_of_request(headers: &HeaderMap, fallback: Locale) -> Locale {
    let Some(value) = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return fallback;
    };
    let mut asked: Vec<(f32, Locale)> = value
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            Locale::parse(tag).map(|l| (q, l))
        })
        .collect();
    asked.sort_by(|a, b| b.0.total_cmp(&a.0));
    asked.first().map(|(_, l)| *l).unwrap_or(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_preferred_language_wins_among_ours() {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_LANGUAGE,
            "de-DE,de;q=0.9,pl;q=0.8,en;q=0.5".parse().expect("header"),
        );
        assert_eq!(locale_of_request(&h, Locale::En), Locale::Pl);
        h.insert(header::ACCEPT_LANGUAGE, "fr".parse().expect("header"));
        assert_eq!(locale_of_request(&h, Locale::El), Locale::El);
        assert_eq!(locale_of_request(&HeaderMap::new(), Locale::El), Locale::El);
    }
}
