//! PAT Guard's wasm façade: the assistant that runs in an extension frame inside the
//! token panel. It turns port messages into calls on the browser-free `App` and
//! renders it with `ui`; every Azure DevOps decision is made in patguard-core.

mod app;
mod protocol;
mod ui;

use app::App;
use patguard_core::catalog::Lang;
use protocol::{Incoming, Outgoing};
use std::cell::RefCell;
use std::rc::Rc;
use ui::Ui;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

struct State {
    app: App,
    ui: Ui,
    send: js_sys::Function,
    last_height: u32,
}

impl State {
    fn post(&self, out: &[Outgoing]) {
        for msg in out {
            if let Ok(value) = serde_wasm_bindgen::to_value(msg) {
                let _ = self.send.call1(&JsValue::NULL, &value);
            }
        }
    }

    fn refresh(&mut self) {
        self.ui.render(&self.app);
        let height = self.ui.content_height();
        if height != self.last_height {
            self.last_height = height;
            self.post(&[Outgoing::Resize { height }]);
        }
    }
}

fn today_days_since_epoch() -> i64 {
    (js_sys::Date::now() / 86_400_000.0).floor() as i64
}

#[wasm_bindgen]
pub struct Assistant {
    state: Rc<RefCell<State>>,
}

#[wasm_bindgen]
impl Assistant {
    /// `send` posts one message to the page agent; `browser_lang` is `navigator.language`.
    #[wasm_bindgen(constructor)]
    pub fn new(root: Element, send: js_sys::Function, browser_lang: String) -> Assistant {
        let lang = Lang::from_tag(&browser_lang).unwrap_or(Lang::En);
        let ui = Ui::mount(root);
        let state = Rc::new(RefCell::new(State {
            app: App::new(lang, today_days_since_epoch()),
            ui,
            send,
            last_height: 0,
        }));
        install_listeners(&state);
        state.borrow_mut().refresh();
        Assistant { state }
    }

    pub fn on_message(&self, msg: JsValue) {
        let parsed: Result<Incoming, _> = serde_wasm_bindgen::from_value(msg);
        let mut st = self.state.borrow_mut();
        match parsed {
            Ok(incoming) => {
                let out = st.app.on_message(incoming);
                st.post(&out);
            }
            Err(e) => web_sys::console::warn_1(&format!("PAT Guard: ignored a malformed message: {e}").into()),
        }
        st.refresh();
    }

    pub fn on_disconnect(&self) {
        let mut st = self.state.borrow_mut();
        st.app.on_disconnect();
        st.refresh();
    }
}

fn install_listeners(state: &Rc<RefCell<State>>) {
    let root = state.borrow().ui.root().clone();
    let weak = Rc::downgrade(state);
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let Some(state) = weak.upgrade() else { return };
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        if let Ok(Some(button)) = target.closest("[data-preset-id]") {
            if let Some(id) = button.get_attribute("data-preset-id") {
                let mut st = state.borrow_mut();
                let out = st.app.apply_preset(&id);
                st.post(&out);
                st.refresh();
            }
        }
    });
    root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref()).expect("listen");
    on_click.forget(); // lives as long as the frame

    let weak = Rc::downgrade(state);
    let search = state.borrow().ui.search_input().clone();
    let on_input = Closure::<dyn FnMut(web_sys::Event)>::new(move |_ev: web_sys::Event| {
        if let Some(state) = weak.upgrade() {
            state.borrow_mut().refresh();
        }
    });
    search.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref()).expect("listen");
    on_input.forget();
}
