//! `/web/admin/narrative`: the narrative per language as editable text, a preview as chat
//! shows it, and "publish as a new version" through the same use case as chat's
//! `/ambassador narrative set`.

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::{Admin, Section, frame, language_name};
use crate::bot::format::date;
use crate::bot::{NarrativeEditor, NarrativeRefusal};
use crate::core::locale::Locale;
use crate::core::message::Message;
use crate::store::StoredNarrative;
use crate::web::render;
use crate::web::{Page, WebError};

/// `?locale=el`: the language being edited.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Which {
    #[serde(default)]
    locale: String,
}

/// The editor's form.
#[derive(Debug, Default, Deserialize)]
pub(super) struct NarrativeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    locale: String,
    #[serde(default)]
    body: String,
    /// `publish`; anything else previews (which saves nothing).
    #[serde(default)]
    action: String,
}

/// What the form did, shown above the editor.
enum Outcome {
    Preview(Message),
    Published(StoredNarrative),
    Refused(String),
}

/// The language asked for, or the admin's own.
fn locale_or(asked: &str, own: Locale) -> Locale {
    Locale::parse(asked).unwrap_or(own)
}

/// `GET /web/admin/narrative?locale=el`.
pub(super) async fn page(
    Admin(page): Admin,
    Query(which): Query<Which>,
) -> Result<Markup, WebError> {
    let locale = locale_or(&which.locale, page.locale);
    render_editor(&page, locale, None, None).await
}

/// `POST /web/admin/narrative`: previews or publishes the text.
pub(super) async fn submit(
    Admin(page): Admin,
    Form(form): Form<NarrativeForm>,
) -> Result<Response, WebError> {
    if !page.csrf_matches(&form.csrf) {
        return Err(WebError::stale_form(&page));
    }
    // The form names its language in a hidden field; one we do not have was not sent by our
    // page, and is refused rather than published in some other language.
    let Some(locale) = Locale::parse(&form.locale) else {
        let problem = page.t(
            "narrative-set-unknown-locale",
            &[
                ("locale", form.locale.clone().into()),
                ("supported", Locale::supported_list().into()),
            ],
        );
        let body = render_editor(
            &page,
            page.locale,
            Some(&form.body),
            Some(Outcome::Refused(problem)),
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response());
    };
    let bot = &page.bot;
    let org = &page.viewer.org;
    let tz = page.viewer.person.timezone;
    let outcome = if form.action == "publish" {
        bot.publish_narrative(org, &page.viewer.person, locale, &form.body, "web")
            .await
            .map_err(|e| WebError::internal(&page, e))?
            .map(Outcome::Published)
    } else {
        bot.preview_narrative(org, locale, &form.body, tz)
            .await
            .map_err(|e| WebError::internal(&page, e))?
            .map(Outcome::Preview)
    };
    let outcome = outcome.unwrap_or_else(|refusal| Outcome::Refused(describe(&page, &refusal)));
    let status = match outcome {
        Outcome::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::OK,
    };
    // A published text is now the current one; otherwise the admin's text stays in the editor.
    let kept = match outcome {
        Outcome::Published(_) => None,
        _ => Some(form.body.as_str()),
    };
    let body = render_editor(&page, locale, kept, Some(outcome)).await?;
    Ok((status, body).into_response())
}

fn describe(page: &Page, refusal: &NarrativeRefusal) -> String {
    match refusal {
        NarrativeRefusal::Empty => page.t("web-admin-narrative-empty", &[]),
        NarrativeRefusal::Invalid(problem) => {
            page.bot.describe_narrative_problem(page.locale, problem)
        }
    }
}

/// The editor for `locale`, holding `kept` (the admin's text) or else the current text.
async fn render_editor(
    page: &Page,
    locale: Locale,
    kept: Option<&str>,
    outcome: Option<Outcome>,
) -> Result<Markup, WebError> {
    let editor = page
        .bot
        .narrative_editor(&page.viewer.org, locale)
        .await
        .map_err(|e| WebError::internal(page, e))?;
    let text = kept.unwrap_or(&editor.source);
    let language = language_name(page, locale);
    Ok(frame(
        page,
        Section::Narrative,
        html! {
            nav.tabs aria-label=(page.t("web-admin-narrative-languages", &[])) {
                ul {
                    @for l in Locale::ALL {
                        li {
                            a href={ "/web/admin/narrative?locale=" (l.code()) }
                                aria-current=[(l == locale).then_some("page")] {
                                (language_name(page, l))
                            }
                        }
                    }
                }
            }
            @match &outcome {
                Some(Outcome::Published(stored)) => p.ok role="status" {
                    (page.t("web-admin-narrative-published", &[
                        ("version", stored.version.into()),
                        ("language", language.clone().into()),
                    ]))
                },
                Some(Outcome::Refused(problem)) => div.errors role="alert" {
                    p { strong { (page.t("web-admin-narrative-not-saved", &[])) } }
                    ul { li { (problem) } }
                },
                _ => {}
            }
            (status(page, &editor, locale))
            @if let Some(Outcome::Preview(message)) = &outcome {
                section.preview aria-labelledby="preview-title" {
                    h2 #preview-title { (page.t("web-admin-narrative-preview-title", &[])) }
                    p.note { (page.t("web-admin-narrative-preview-note", &[])) }
                    div.card { (render::message(message)) }
                }
            }
            h2 { (page.t("web-admin-narrative-edit-title", &[("language", language.clone().into())])) }
            form.narrative method="post" action="/web/admin/narrative" {
                (page.csrf_field())
                input type="hidden" name="locale" value=(locale.code());
                label for="narrative-body" {
                    (page.t("web-admin-narrative-text", &[("language", language.clone().into())]))
                }
                p.note #narrative-help { (page.t("web-admin-narrative-help", &[])) }
                textarea #narrative-body name="body" rows="18" lang=(locale.code())
                    aria-describedby="narrative-help" { (text) }
                div.actions {
                    button type="submit" name="action" value="preview" {
                        (page.t("web-admin-narrative-preview", &[]))
                    }
                    " "
                    button.primary type="submit" name="action" value="publish" {
                        (page.t("web-admin-narrative-publish", &[]))
                    }
                }
            }
        },
    ))
}

/// The version in force, when it was published, who has read it, and whether this language
/// has its own text.
fn status(page: &Page, editor: &NarrativeEditor, locale: Locale) -> Markup {
    let tz = page.viewer.person.timezone;
    html! {
        @match &editor.current {
            Some(current) => {
                p {
                    (page.t("web-admin-narrative-version", &[
                        ("version", current.version.into()),
                        ("date", date(current.created_at, tz).into()),
                    ]))
                    " "
                    (page.t("web-admin-narrative-acks", &[
                        ("count", editor.acknowledged.into()),
                        ("active", editor.active_people.into()),
                    ]))
                }
                @if !current.narrative.texts.contains_key(&locale) {
                    p.note { (page.t("web-admin-narrative-no-text", &[("language", language_name(page, locale).into())])) }
                }
            },
            None => p { (page.t("web-admin-narrative-none", &[])) },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_language_edits_the_admins_own() {
        assert_eq!(locale_or("el", Locale::En), Locale::El);
        assert_eq!(locale_or("de", Locale::Pl), Locale::Pl);
        assert_eq!(locale_or("", Locale::En), Locale::En);
    }
}
