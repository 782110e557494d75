//! Browser tests (wasm-bindgen-test in headless Chromium): only what needs
//! a real DOM. Content must become nodes; nothing from content may become
//! markup or run.
#![cfg(target_arch = "wasm32")]

use ai_interview_lab::ui::rich_text::{Markdown, MarkdownProps};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const MATHML: &str = "http://www.w3.org/1998/Math/MathML";

/// Renders Markdown into a fresh detached-from-app div and waits for Yew.
async fn render(source: &str) -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Markdown>::with_root_and_props(
        root.clone(),
        MarkdownProps {
            source: source.to_string().into(),
            mark: None,
            inline: false,
        },
    )
    .render();
    yew::scheduler::flush().await;
    root
}

fn window_flag(name: &str) -> JsValue {
    js_sys::Reflect::get(&web_sys::window().unwrap(), &JsValue::from_str(name)).unwrap()
}

#[wasm_bindgen_test]
async fn img_onerror_in_content_stays_text_and_never_runs() {
    let root = render("<img src=x onerror=\"window.__pwned_img=1\">").await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(root.text_content().unwrap().contains("<img src=x onerror="));
    // Give a failing image load time to fire, if one had been created.
    let p = js_sys::Promise::new(&mut |r, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&r, 50)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    assert!(window_flag("__pwned_img").is_undefined());
}

#[wasm_bindgen_test]
async fn script_tag_in_content_is_text() {
    let root = render("before <script>window.__pwned_script=1</script> after").await;
    assert!(root.query_selector("script").unwrap().is_none());
    assert!(root.text_content().unwrap().contains("<script>"));
    assert!(window_flag("__pwned_script").is_undefined());
}

#[wasm_bindgen_test]
async fn javascript_link_has_no_href_and_https_link_is_safe() {
    let root = render("[bad](javascript:alert(1)) [good](https://example.com/)").await;
    let links = root.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 1);
    let a: Element = links.get(0).unwrap().dyn_into_element();
    assert_eq!(
        a.get_attribute("href").as_deref(),
        Some("https://example.com/")
    );
    assert_eq!(
        a.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert!(root.text_content().unwrap().contains("bad"));
}

#[wasm_bindgen_test]
async fn latex_becomes_mathml_elements_in_the_mathml_namespace() {
    let root = render("The ratio $\\frac{a}{b}$ and\n\n$$x_i^2$$").await;
    let frac = root
        .query_selector("math mfrac")
        .unwrap()
        .expect("an <mfrac>");
    assert_eq!(frac.namespace_uri().as_deref(), Some(MATHML));
    assert_eq!(frac.child_element_count(), 2);
    let math = root.query_selector_all("math").unwrap();
    assert_eq!(math.length(), 2);
    let display: Element = math.get(1).unwrap().dyn_into_element();
    assert_eq!(display.get_attribute("display").as_deref(), Some("block"));
    let subsup = display
        .query_selector("msubsup")
        .unwrap()
        .expect("an <msubsup>");
    assert_eq!(subsup.namespace_uri().as_deref(), Some(MATHML));
    assert_eq!(subsup.text_content().unwrap(), "xi2");
}

#[wasm_bindgen_test]
async fn markup_inside_latex_text_stays_text() {
    let root = render("$\\text{<b onmouseover=x>hi</b>}$").await;
    assert!(root.query_selector("b").unwrap().is_none());
    let mtext = root.query_selector("mtext").unwrap().expect("an <mtext>");
    assert_eq!(mtext.text_content().unwrap(), "<b onmouseover=x>hi</b>");
}

#[wasm_bindgen_test]
async fn unparseable_latex_shows_its_source_as_code() {
    let root = render("$\\href{javascript:x}{y}$").await;
    assert!(root.query_selector("math").unwrap().is_none());
    let code = root
        .query_selector("code.math-error")
        .unwrap()
        .expect("error code");
    assert_eq!(code.text_content().unwrap(), "\\href{javascript:x}{y}");
}

#[wasm_bindgen_test]
async fn markdown_structure_becomes_elements() {
    let root = render(
        "### Title\n\n- **bold** item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```",
    )
    .await;
    assert_eq!(
        root.query_selector("h3")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Title"
    );
    assert_eq!(
        root.query_selector("li strong")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "bold"
    );
    assert_eq!(root.query_selector_all("td").unwrap().length(), 2);
    assert_eq!(
        root.query_selector("pre code")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "x = 1\n"
    );
}

trait IntoElement {
    fn dyn_into_element(self) -> Element;
}

impl IntoElement for web_sys::Node {
    fn dyn_into_element(self) -> Element {
        use wasm_bindgen::JsCast;
        self.dyn_into::<Element>().unwrap()
    }
}

#[wasm_bindgen_test]
async fn adopted_texts_are_copies_of_the_static_nodes_and_render_as_they_were() {
    use ai_interview_lab::bank::Text;
    use ai_interview_lab::i18n::Lang;
    use ai_interview_lab::ui::texts::{Adopted, Texts};
    use yew::prelude::*;

    let doc = web_sys::window().unwrap().document().unwrap();
    // A static page as the build writes it: texts marked with their keys.
    let page = doc.create_element("div").unwrap();
    let prompt = doc.create_element("div").unwrap();
    prompt.set_attribute("data-t", "prompt").unwrap();
    prompt.set_class_name("md");
    let p = doc.create_element("p").unwrap();
    p.set_text_content(Some("What is <b>9.9e9 + 1e-9</b>?"));
    prompt.append_child(&p).unwrap();
    page.append_child(&prompt).unwrap();
    doc.body().unwrap().append_child(&page).unwrap();
    let texts = std::rc::Rc::new(Adopted::collect(&page));

    #[derive(Properties)]
    struct Props {
        texts: std::rc::Rc<Adopted>,
    }
    impl PartialEq for Props {
        fn eq(&self, _: &Self) -> bool {
            true
        }
    }
    #[function_component]
    fn Show(p: &Props) -> Html {
        let none = Text::default();
        html! { <article>{ p.texts.block("prompt", &none, Lang::En) }{ p.texts.block("missing", &none, Lang::En) }</article> }
    }
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Show>::with_root_and_props(root.clone(), Props { texts }).render();
    yew::scheduler::flush().await;
    let shown = root
        .query_selector("article [data-t=prompt]")
        .unwrap()
        .expect("the copy");
    assert_eq!(
        shown.text_content().unwrap(),
        "What is <b>9.9e9 + 1e-9</b>?"
    );
    assert!(
        shown.query_selector("b").unwrap().is_none(),
        "text stays text"
    );
    // A copy: the static page keeps its own node until it is replaced.
    assert!(!shown.is_same_node(Some(&prompt)));
    assert!(page.contains(Some(&prompt)));
    // A key the page does not have shows nothing rather than another text.
    assert_eq!(root.query_selector_all("article > *").unwrap().length(), 1);
}
