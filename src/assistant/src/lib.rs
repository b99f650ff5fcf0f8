//! PAT Guard's wasm façade: the assistant that runs in an extension frame inside the
//! token panel. It turns port messages and clicks into calls on the browser-free
//! `App`, renders it with `ui`, and performs the effects the app returns through the
//! JS glue (extension/assistant.js). Every Azure DevOps decision is made in patguard-core.

mod app;
mod glue;
mod protocol;
mod ui;

use app::{App, Effect, HandoffFormat, Settings};
use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use glue::Glue;
use patguard_core::catalog::Lang;
use protocol::Incoming;
use std::cell::RefCell;
use std::rc::Rc;
use ui::Ui;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use zeroize::Zeroizing;

struct State {
    app: App,
    ui: Ui,
    glue: Glue,
    last_height: u32,
    last_view: Option<std::mem::Discriminant<patguard_core::page::PageView>>,
    listeners: Vec<EventListener>,
    countdown: Option<Interval>,
}

type Shared = Rc<RefCell<State>>;

fn today_days_since_epoch() -> i64 {
    (js_sys::Date::now() / 86_400_000.0).floor() as i64
}

#[wasm_bindgen]
pub struct Assistant {
    state: Shared,
}

#[wasm_bindgen]
impl Assistant {
    /// `glue` holds the browser functions (see extension/assistant.js); `settings` and
    /// `managed` are the user's settings and the enterprise policy as JSON (or "null").
    #[wasm_bindgen(constructor)]
    pub fn new(
        root: Element,
        glue: Glue,
        browser_lang: String,
        settings: String,
        managed: String,
    ) -> Assistant {
        let mut app = App::new(
            Lang::from_tag(&browser_lang).unwrap_or(Lang::En),
            today_days_since_epoch(),
        );
        app.load_policy(&settings, &managed);
        app.set_reminder_settings(&settings);
        app.settings = Settings {
            clipboard_clear_seconds: clipboard_seconds(&settings),
        };
        let ui = Ui::mount(root);
        let state = Rc::new(RefCell::new(State {
            app,
            ui,
            glue,
            last_height: 0,
            last_view: None,
            listeners: Vec::new(),
            countdown: None,
        }));
        install_listeners(&state);
        refresh(&state);
        Assistant { state }
    }

    /// The enterprise policy arrived after the assistant started (its first read can take
    /// seconds in a fresh profile); the findings and the gate follow it from now on.
    pub fn set_policy(&self, settings: String, managed: String) {
        let effects = self
            .state
            .borrow_mut()
            .app
            .reload_policy(&settings, &managed);
        run_effects(&self.state, effects);
        refresh(&self.state);
    }

    /// A port message from the agent: the object itself, read with serde-wasm-bindgen.
    pub fn on_message(&self, msg: JsValue) {
        let kind = serde_wasm_bindgen::from_value::<protocol::MessageType>(msg.clone());
        if kind.as_ref().is_ok_and(protocol::MessageType::is_snapshot) {
            // The glue sends snapshots as text; one arriving as an object takes the same
            // reader, so the module holds one snapshot deserializer.
            return match js_sys::JSON::stringify(&msg) {
                Ok(text) => self.on_snapshot_text(text.into()),
                Err(e) => self.on_unreadable_snapshot(&patguard_browser::glue::error_text(e)),
            };
        }
        let incoming = match &kind {
            Ok(kind) => Incoming::read(kind, serde_wasm_bindgen::Deserializer::from(msg)),
            Err(e) => Err(e.to_string()),
        };
        let effects = match incoming {
            Ok(incoming) => self.state.borrow_mut().app.on_message(incoming),
            Err(e) => {
                web_sys::console::warn_1(
                    &format!("PAT Guard: ignored a malformed message: {e}").into(),
                );
                Vec::new()
            }
        };
        run_effects(&self.state, effects);
        refresh(&self.state);
    }

    /// A snapshot message as JSON text (`JSON.stringify` in assistant.js): for a large
    /// snapshot serde_json on the text was about twice as fast as serde-wasm-bindgen on the
    /// object (docs/ARCHITECTURE.md). The text holds the token on the success view: wiped.
    pub fn on_snapshot_text(&self, text: String) {
        let text = Zeroizing::new(text);
        match Incoming::from_snapshot_text(&text) {
            Ok(incoming) => {
                let effects = self.state.borrow_mut().app.on_message(incoming);
                run_effects(&self.state, effects);
                refresh(&self.state);
            }
            // A page the core cannot read is said so, never skipped silently.
            Err(e) => self.on_unreadable_snapshot(&e),
        }
    }

    /// Messages the background broadcasts (the clipboard's fate after the delay).
    pub fn on_background(&self, msg: JsValue) {
        if let Ok(protocol::Background::ClipboardResult { outcome, error }) =
            serde_wasm_bindgen::from_value(msg)
        {
            self.state
                .borrow_mut()
                .app
                .on_clipboard_outcome(&outcome, error);
            refresh(&self.state);
        }
    }

    /// The team presets: the user's file (`storage.local` `teamPresets`) and the one the
    /// enterprise policy pushes (`teamPresets`), each JSON text or "null".
    pub fn set_team_presets(&self, user: String, managed: String) {
        let effects = self
            .state
            .borrow_mut()
            .app
            .set_team_presets(&user, &managed);
        run_effects(&self.state, effects);
        refresh(&self.state);
    }

    /// The token inventory (`storage.local` `inventory`, JSON text or "null"): the list
    /// audit uses the scopes it knows.
    pub fn set_inventory(&self, json: String) {
        let effects = self.state.borrow_mut().app.set_inventory(&json);
        run_effects(&self.state, effects);
        refresh(&self.state);
    }

    /// The root's laid-out height, reported by a ResizeObserver in the glue after the
    /// browser's own layout. Measuring in `refresh` forced a synchronous layout on every
    /// render, which was most of the frame's work while the user ticked scopes (issue #7).
    pub fn on_content_height(&self, content: u32) {
        let mut st = self.state.borrow_mut();
        let st = &mut *st;
        // While one view is shown the frame only grows, and never past a cap (the frame then
        // scrolls inside): findings coming and going must not move the page's own controls
        // under the user's pointer.
        let view = st.app.view().map(std::mem::discriminant);
        let height = if view == st.last_view {
            content.max(st.last_height)
        } else {
            content
        };
        let height = height.min(MAX_FRAME_HEIGHT);
        st.last_view = view;
        if height != st.last_height {
            st.last_height = height;
            st.glue.send(&protocol::Outgoing::Resize { height });
        }
    }

    pub fn on_disconnect(&self) {
        self.state.borrow_mut().app.on_disconnect();
        refresh(&self.state);
    }
}

impl Assistant {
    /// A page the core cannot read is said so, never skipped silently.
    fn on_unreadable_snapshot(&self, error: &str) {
        let effects = self.state.borrow_mut().app.on_unreadable_snapshot(error);
        run_effects(&self.state, effects);
        refresh(&self.state);
    }
}

/// `clipboardClearSeconds` from the user's settings, within 5..=600, else 30.
fn clipboard_seconds(settings: &str) -> u32 {
    serde_json::from_str::<serde_json::Value>(settings)
        .ok()
        .and_then(|v| v.get("clipboardClearSeconds")?.as_u64())
        .filter(|s| (5..=600).contains(s))
        .map_or(30, |s| s as u32)
}

/// Tallest the assistant frame gets inside the panel, in CSS pixels.
const MAX_FRAME_HEIGHT: u32 = 560;

fn refresh(state: &Shared) {
    // Hand-offs change the inventory record of the token on the success view.
    let pending = state.borrow_mut().app.inventory_effects();
    run_effects(state, pending);
    {
        let mut st = state.borrow_mut();
        let st = &mut *st;
        st.ui.render(&st.app, js_sys::Date::now());
    }
    sync_countdown(state);
}

fn run_effects(state: &Shared, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::Agent(msg) => state.borrow().glue.send(&msg),
            Effect::Copy {
                text,
                clear_after_seconds,
            } => {
                let promise = state.borrow().glue.copy(&text, clear_after_seconds);
                let state = state.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = glue::await_copy(promise).await;
                    state.borrow_mut().app.on_copy_done(result);
                    refresh(&state);
                });
            }
            Effect::OpenVault {
                format,
                request_json,
                filename,
            } => {
                let promise = state
                    .borrow()
                    .glue
                    .open_vault(format, &request_json, &filename);
                drop(request_json);
                let state = state.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = glue::await_unit(promise).await;
                    state.borrow_mut().app.on_handoff_done(result);
                    refresh(&state);
                });
            }
            Effect::CopyReport(report) => state.borrow().glue.copy_report(&report),
            Effect::RecordInventory { entry_json } => {
                state.borrow().glue.record_inventory(&entry_json)
            }
            Effect::LoadCalculator => {
                let promise = state.borrow().glue.load_calculator();
                let state = state.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = glue::await_unit(promise).await;
                    state.borrow_mut().app.on_calculator_loaded(result);
                    refresh(&state);
                });
            }
            Effect::Calculate {
                text,
                lang,
                request,
            } => {
                let promise = state.borrow().glue.calculate(&text, lang.tag());
                let state = state.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = glue::await_text(promise).await;
                    state.borrow_mut().app.on_calculated(request, result);
                    refresh(&state);
                });
            }
            Effect::StoreTeamPresets { file } => {
                let promise = state.borrow().glue.store_team_presets(&file);
                let state = state.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = glue::await_unit(promise).await {
                        state.borrow_mut().app.on_team_store_failed(e);
                        refresh(&state);
                    }
                });
            }
        }
    }
}

fn on_action(state: &Shared, action: &str, target: &Element) {
    let effects = {
        let mut st = state.borrow_mut();
        let app = &mut st.app;
        match action {
            "fix" => target
                .get_attribute("data-code")
                .map(|c| app.apply_fix(&c))
                .unwrap_or_default(),
            "rotate" => target
                .get_attribute("data-name")
                .map(|n| app.rotate(&n))
                .unwrap_or_default(),
            "confirm-create" => app.confirm_create(),
            "cancel-create" => app.cancel_create(),
            "secure-copy" => app.secure_copy(),
            "save-kdbx" => app.start_handoff(HandoffFormat::Kdbx),
            "save-file" => target
                .get_attribute("data-format")
                .as_deref()
                .and_then(HandoffFormat::from_id)
                .map(|f| app.start_handoff(f))
                .unwrap_or_default(),
            "mask-token" => app.mask_token(),
            "copy-report" => app
                .page_report()
                .map(Effect::CopyReport)
                .into_iter()
                .collect(),
            "save-preset" => app.save_preset(),
            "calculate" => {
                let text = st.ui.calculator_text();
                st.app.calculate_scopes(&text)
            }
            "apply-calculated" => app.apply_calculated(),
            _ => Vec::new(),
        }
    };
    run_effects(state, effects);
    refresh(state);
}

/// The root's click and the preset search's input listeners, held by the state: they are
/// removed when the assistant goes.
fn install_listeners(state: &Shared) {
    let root = state.borrow().ui.root().clone();
    let weak = Rc::downgrade(state);
    let on_click = EventListener::new(&root, "click", move |ev| {
        let Some(state) = weak.upgrade() else { return };
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if let Ok(Some(button)) = target.closest("[data-preset-id]") {
            if let Some(id) = button.get_attribute("data-preset-id") {
                let effects = state.borrow_mut().app.apply_preset(&id);
                run_effects(&state, effects);
                refresh(&state);
            }
        } else if let Ok(Some(button)) = target.closest("button[data-action]") {
            if let Some(action) = button.get_attribute("data-action") {
                on_action(&state, &action, &button);
            }
        }
    });
    let weak = Rc::downgrade(state);
    let search = state.borrow().ui.search_input().clone();
    let on_input = EventListener::new(&search, "input", move |_| {
        if let Some(state) = weak.upgrade() {
            refresh(&state);
        }
    });
    // Opening "Which scopes do I need?" starts loading its module, so the first answer
    // rarely waits for it.
    let weak = Rc::downgrade(state);
    let calculator = state.borrow().ui.calculator_element().clone();
    let on_toggle = EventListener::new(&calculator, "toggle", move |_| {
        let Some(state) = weak.upgrade() else { return };
        if !state.borrow().ui.calculator_open() {
            return;
        }
        let effects = state.borrow_mut().app.calculator_opened();
        run_effects(&state, effects);
        refresh(&state);
    });
    state.borrow_mut().listeners = vec![on_click, on_input, on_toggle];
}

/// The clipboard countdown ticks once a second while the success view shows it, and no
/// timer runs otherwise; refreshing is cheap and only the countdown line changes.
fn sync_countdown(state: &Shared) {
    let counting = state.borrow().app.success().is_some();
    let running = state.borrow().countdown.is_some();
    if counting && !running {
        let weak = Rc::downgrade(state);
        let tick = Interval::new(1000, move || {
            if let Some(state) = weak.upgrade() {
                refresh(&state);
            }
        });
        state.borrow_mut().countdown = Some(tick);
    } else if !counting && running {
        // Safe from inside the tick itself: wasm-bindgen frees a closure after its call.
        state.borrow_mut().countdown = None;
    }
}

/// Bench probe (tests/bench): the path snapshots take (`on_snapshot_text`), `JSON.stringify`
/// in the glue and serde_json in the wasm, then recognition. Returns the view's name, or
/// the error.
#[wasm_bindgen(js_name = benchRecogniseText)]
pub fn bench_recognise_text(msg: String) -> String {
    let snap = match Incoming::from_snapshot_text(&msg) {
        Ok(Incoming::Snapshot { snap }) => Ok(snap),
        Ok(_) => Err("not a snapshot".into()),
        Err(e) => Err(e),
    };
    recognised_view(snap)
}

fn recognised_view(snap: Result<Box<patguard_core::snapshot::Snapshot>, String>) -> String {
    use patguard_core::page::PageView;
    match snap {
        Ok(snap) => {
            match patguard_core::recognizer::recognize_at_days(&snap, today_days_since_epoch()) {
                PageView::Form(_) => "form".into(),
                PageView::List(_) => "list".into(),
                PageView::Success(_) => "success".into(),
                PageView::OtherDialog { .. } => "other".into(),
                PageView::Unrecognized { reason } => reason,
            }
        }
        Err(e) => e,
    }
}
