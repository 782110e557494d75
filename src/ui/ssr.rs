//! The build's side of the UI (native only): every page of the built-in
//! bank rendered to static HTML by the same components the modules use,
//! with Yew's server renderer. `postbuild` wraps each in its document.

use std::rc::Rc;

use yew::prelude::*;

use super::chrome::{not_found, Chrome};
use super::home::Home;
use super::labs::{LabIndex, LabPage};
use super::nav::Nav;
use super::question_page::{Drawn, QuestionPage};
use super::review::{ReviewPage, StatsPage};
use super::texts::Rendered;
use super::IndexRef;
use crate::bank::{BankIndex, Question};
use crate::i18n::Lang;
use crate::page::PAGE_SEED;
use crate::route::{Order, Route};

/// One static page: its language, route and what it shows.
#[derive(Clone, PartialEq)]
pub struct StaticPage {
    pub lang: Lang,
    pub route: Route,
    pub index: IndexRef,
    /// A question page's question, generated slots drawn for
    /// [`PAGE_SEED`] (with `drawn` set) or none to draw.
    pub question: Option<(Rc<Question>, Option<Drawn>)>,
}

#[derive(Properties, PartialEq)]
struct PageProps {
    page: StaticPage,
}

#[function_component(Page)]
fn page(p: &PageProps) -> Html {
    let page = &p.page;
    let lang = page.lang;
    let nav = Nav::pages(lang);
    let index = page.index.clone();
    let body = match &page.route {
        Route::Home => html! { <Home {index} {lang} seed={PAGE_SEED} /> },
        Route::Question { id, .. } => {
            let (question, drawn) = match &page.question {
                Some((q, d)) => (Some(q.clone()), d.clone()),
                None => (None, None),
            };
            html! {
                <QuestionPage {index} {question} id={id.clone()} texts={Rendered::shared()} {lang}
                    order={Order::default()} {drawn} prerender=true />
            }
        }
        Route::Labs => html! { <LabIndex {lang} /> },
        Route::Lab { slug, query } => html! {
            <LabPage {index} {lang} slug={slug.clone()} query={query.clone()} />
        },
        Route::Review => html! { <ReviewPage {index} {lang} /> },
        Route::Stats => html! { <StatsPage {index} {lang} /> },
        Route::Interview => super::interview::static_page(lang),
        Route::Embed(_) | Route::NotFound(_) => not_found("", lang, &nav),
    };
    html! {
        <ContextProvider<Nav> context={nav}>
            <Chrome {lang} route={page.route.clone()}>{ body }</Chrome>
        </ContextProvider<Nav>>
    }
}

/// The HTML of `page`'s `#app`.
pub fn render(page: &StaticPage) -> String {
    futures::executor::block_on(
        yew::LocalServerRenderer::<Page>::with_props(PageProps { page: page.clone() })
            .hydratable(false)
            .render(),
    )
}

/// A page's index, shared.
pub fn index_ref(index: BankIndex) -> IndexRef {
    IndexRef(Rc::new(index))
}
