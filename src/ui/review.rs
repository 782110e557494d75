//! `review/` (today's queue) and `stats/` (figures, reset, export and
//! import). The figures come from `crate::progress`; this is layout. Both
//! need the learner's progress: their static pages show the heading and a
//! loading line until the app takes them over.

use yew::prelude::*;

use super::nav::use_nav;
use super::store::{self, todays_queue, Action, StoreHandle};
use super::IndexRef;
use crate::i18n::{strings, Lang};
use crate::progress::{self, BankProgress};
use crate::route::{Order, Route};

#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub index: IndexRef,
    pub lang: Lang,
}

/// Question `id` in review mode (`?r=1`: "next" walks today's queue).
fn review_route(id: &str) -> Route {
    Route::Question {
        id: id.to_string(),
        order: Order {
            review: true,
            ..Order::default()
        },
        variant: None,
    }
}

/// A page's heading and a loading line: what the static page shows before
/// the app has read the learner's progress.
fn waiting(title: &str, lang: Lang) -> Html {
    html! {
        <section>
            <h1 id="q-title" tabindex="-1">{ title.to_string() }</h1>
            <p class="status" role="status">{ strings(lang).loading_progress }</p>
        </section>
    }
}

#[function_component(ReviewPage)]
pub fn review_page(p: &PageProps) -> Html {
    let store = use_context::<StoreHandle>();
    let nav = use_nav();
    let lang = p.lang;
    let bank = &p.index.0;
    let Some(store) = store else {
        return waiting(lang.pick("今日复习", "Review"), lang);
    };
    let queue = todays_queue(bank, &store);
    let empty = BankProgress::default();
    let bp = store.progress.banks.get(&bank.id).unwrap_or(&empty);
    let cards = progress::cards(&bp.reviews);
    let due = queue
        .iter()
        .filter(|id| cards.contains_key(id.as_str()))
        .count();
    let limit = store.progress.settings.daily_limit;
    let on_limit = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            if let Ok(n) = v.trim().parse::<u32>() {
                store.dispatch(Action::SetLimit(n));
            }
        })
    };
    html! {
        <section class="review">
            <h1 id="q-title" tabindex="-1">{ lang.pick("今日复习", "Review") }</h1>
            <p data-testid="review-summary">{ match lang {
                Lang::Zh => format!("今天还有 {} 道：{} 道到期，{} 道新题。", queue.len(), due, queue.len() - due),
                Lang::En => format!("{} left today: {} due, {} new.", queue.len(), due, queue.len() - due),
            } }</p>
            <div class="field">
                <label for="daily-limit">{ lang.pick("每日上限（到期 + 新题）", "Daily limit (due + new)") }</label>
                <input id="daily-limit" type="number" inputmode="numeric" min="1" max="500" value={limit.to_string()}
                    onchange={on_limit} data-testid="daily-limit" />
            </div>
            if let Some(first) = queue.first() {
                <p><a class="button primary" href={nav.href(&review_route(first))} data-testid="start-review">{ lang.pick("开始", "Start") }</a></p>
                <ol class="queue">{ for queue.iter().filter_map(|id| bank.question(id)).map(|q| html! {
                    <li><a href={nav.href(&review_route(&q.id))} data-qid={q.id.clone()}>{ q.summary.get(lang).to_string() }</a>
                        { if cards.contains_key(q.id.as_str()) { lang.pick("（到期）", " (due)") } else { lang.pick("（新）", " (new)") } }</li>
                }) }</ol>
            } else {
                <p data-testid="review-done">{ lang.pick("今天的复习完成了。", "Nothing left for today.") }</p>
            }
        </section>
    }
}

/// Reviews per day as an SVG bar chart (last 30 days).
fn chart(counts: &[usize], lang: Lang) -> Html {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let (w, h) = (300.0, 100.0);
    let bw = w / counts.len().max(1) as f64;
    let label = match lang {
        Lang::Zh => format!("最近 {} 天每天的复习数，最多 {} 次", counts.len(), max),
        Lang::En => format!(
            "Reviews per day over the last {} days, at most {}",
            counts.len(),
            max
        ),
    };
    html! {
        <svg class="day-chart" viewBox={format!("0 0 {w} {}", h + 14.0)} role="img" aria-label={label} data-testid="day-chart">
            { for counts.iter().enumerate().map(|(i, &c)| {
                let bh = h * c as f64 / max as f64;
                html! { <rect x={format!("{:.2}", i as f64 * bw + 1.0)} y={format!("{:.2}", h - bh)} width={format!("{:.2}", bw - 2.0)} height={format!("{bh:.2}")} data-count={c.to_string()} /> }
            }) }
            <line x1="0" y1={h.to_string()} x2={w.to_string()} y2={h.to_string()} />
            <text x="0" y={(h + 12.0).to_string()} font-size="9">{ lang.pick("30 天前", "30 days ago") }</text>
            <text x={w.to_string()} y={(h + 12.0).to_string()} font-size="9" text-anchor="end">{ lang.pick("今天", "today") }</text>
        </svg>
    }
}

#[function_component(StatsPage)]
pub fn stats_page(p: &PageProps) -> Html {
    let store = use_context::<StoreHandle>();
    let confirm = use_state(|| None::<String>);
    let pending = use_state(|| None::<(progress::Progress, progress::MergeReport)>);
    let import_error = use_state(|| None::<String>);
    let lang = p.lang;
    let bank = &p.index.0;
    let Some(store) = store else {
        return waiting(lang.pick("进度", "Progress"), lang);
    };
    let empty = BankProgress::default();
    let bp = store.progress.banks.get(&bank.id).unwrap_or(&empty);
    let (now, off) = (store::now_ms(), store::offset_min());
    let topics: Vec<(String, Vec<String>)> = bank
        .topics
        .iter()
        .map(|tp| {
            (
                tp.id.clone(),
                bank.questions
                    .iter()
                    .filter(|q| q.topic == tp.id)
                    .map(|q| q.id.clone())
                    .collect(),
            )
        })
        .collect();
    let per_topic = progress::topic_stats(&topics, bp, now);
    let all_ids = bank.ids();
    let retention = progress::retention(&all_ids, bp, now);
    let streak = progress::streak(bp, now, off);
    let days = progress::reviews_per_day(bp, now, off, 30);

    let export = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            store::download(
                "ai-interview-lab-progress.json",
                &progress::write(&store.progress),
            )
        })
    };
    let on_file = {
        let (pending, import_error, store) = (pending.clone(), import_error.clone(), store.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let (pending, import_error, current) = (
                pending.clone(),
                import_error.clone(),
                store.progress.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                match text.map(|t| progress::parse_import(&t)) {
                    Some(Ok(p)) => {
                        let report = progress::merge(&current, &p).1;
                        import_error.set(None);
                        pending.set(Some((p, report)));
                    }
                    Some(Err(why)) => import_error.set(Some(why)),
                    None => import_error.set(Some("the file could not be read as text".into())),
                }
            });
            input.set_value("");
        })
    };
    let apply = {
        let (pending, store) = (pending.clone(), store.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some((p, _)) = (*pending).clone() {
                store.dispatch(Action::Import(p));
            }
            pending.set(None);
        })
    };
    let cancel = {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(None))
    };
    let undo = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::UndoImport))
    };
    let total = bp.reviews.len();

    html! {
        <section class="stats">
            <h1 id="q-title" tabindex="-1">{ lang.pick("进度", "Progress") }</h1>
            <dl class="results">
                <dt>{ lang.pick("复习总数", "Reviews") }</dt><dd data-testid="total-reviews">{ total }</dd>
                <dt>{ lang.pick("连续天数", "Streak (days)") }</dt><dd data-testid="streak">{ streak }</dd>
                <dt>{ lang.pick("估计记忆保持率（FSRS）", "Estimated retention (FSRS)") }</dt>
                <dd data-testid="retention">{ retention.map(|r| format!("{:.0}%", r * 100.0)).unwrap_or_else(|| "—".into()) }</dd>
            </dl>
            { chart(&days, lang) }
            <div class="table-wrap">
                <table class="topic-stats">
                    <thead><tr>
                        <th scope="col">{ lang.pick("主题", "Topic") }</th>
                        <th scope="col">{ lang.pick("正确率", "Accuracy") }</th>
                        <th scope="col">{ lang.pick("到期", "Due") }</th>
                        <th scope="col">{ lang.pick("新题", "New") }</th>
                        <th scope="col"><span class="visually-hidden">{ lang.pick("重置", "Reset") }</span></th>
                    </tr></thead>
                    <tbody>{ for per_topic.iter().zip(&topics).map(|(s, (_, ids))| {
                        let name = bank.topic(&s.topic).map(|tp| tp.name.get(lang).to_string()).unwrap_or_default();
                        let asking = confirm.as_deref() == Some(s.topic.as_str());
                        let on_reset = {
                            let (confirm, topic) = (confirm.clone(), s.topic.clone());
                            Callback::from(move |_: MouseEvent| confirm.set(Some(topic.clone())))
                        };
                        let on_confirm = {
                            let (confirm, store, ids, bank_id) = (confirm.clone(), store.clone(), ids.clone(), bank.id.clone());
                            Callback::from(move |_: MouseEvent| {
                                store.dispatch(Action::ResetTopic { bank: bank_id.clone(), questions: ids.clone() });
                                confirm.set(None);
                            })
                        };
                        let on_keep = {
                            let confirm = confirm.clone();
                            Callback::from(move |_: MouseEvent| confirm.set(None))
                        };
                        html! {
                            <tr data-topic={s.topic.clone()}>
                                <th scope="row">{ name }</th>
                                <td data-testid="accuracy">{ if s.graded == 0 { "—".to_string() } else { format!("{}/{}", s.correct, s.graded) } }</td>
                                <td data-testid="due">{ s.due }</td>
                                <td>{ s.new }</td>
                                <td>
                                    if asking {
                                        <button class="button danger" data-testid="confirm-reset" onclick={on_confirm}>{ lang.pick("确认重置", "Confirm reset") }</button>
                                        <button class="button" onclick={on_keep}>{ lang.pick("取消", "Cancel") }</button>
                                    } else {
                                        <button class="button" data-testid="reset-topic" onclick={on_reset}>{ lang.pick("重置", "Reset") }</button>
                                    }
                                </td>
                            </tr>
                        }
                    }) }</tbody>
                </table>
            </div>
            <h2>{ lang.pick("导出与导入", "Export and import") }</h2>
            <p>{ lang.pick("导出全部进度为 JSON 文件；导入时按复习时间合并，不会丢失或重复计算任何一次复习，并且可以撤销。",
                       "Export all progress as a JSON file. Importing merges by review time: no review is lost or counted twice, and it can be undone.") }</p>
            <p class="actions">
                <button class="button" data-testid="export" onclick={export}>{ lang.pick("导出", "Export") }</button>
                <label class="button file-button">
                    { lang.pick("导入文件…", "Import a file…") }
                    <input type="file" accept="application/json,.json" data-testid="import-file" onchange={on_file} />
                </label>
                if store.before_import.is_some() {
                    <button class="button" data-testid="undo-import" onclick={undo}>{ lang.pick("撤销导入", "Undo import") }</button>
                }
            </p>
            { for (*import_error).clone().map(|e| html! { <p class="answer-error" role="alert" data-testid="import-error">{ lang.pick("无法导入：", "Cannot import: ") }{ e }</p> }) }
            { for (*pending).clone().map(|(_, r)| html! {
                <div class="import-preview" role="status" data-testid="import-preview">
                    <p>{ match lang {
                        Lang::Zh => format!("将新增 {} 次复习（{} 次已存在，不会重复计算），新增 {} 个题库。", r.added, r.already, r.new_banks),
                        Lang::En => format!("This adds {} reviews ({} already here are not counted twice) and {} new bank(s).", r.added, r.already, r.new_banks),
                    } }</p>
                    <button class="button primary" data-testid="apply-import" onclick={apply.clone()}>{ lang.pick("合并", "Merge") }</button>
                    <button class="button" onclick={cancel.clone()}>{ lang.pick("取消", "Cancel") }</button>
                </div>
            }) }
        </section>
    }
}
