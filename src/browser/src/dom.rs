//! A few helpers for building DOM with web-sys without innerHTML, so page-derived
//! text can never become markup.

pub use gloo_utils::document;
use web_sys::Element;

pub struct El(pub Element);

pub fn el(tag: &str) -> El {
    El(document().create_element(tag).expect("valid tag name"))
}

impl El {
    pub fn attr(self, name: &str, value: &str) -> El {
        self.0
            .set_attribute(name, value)
            .expect("valid attribute name");
        self
    }

    pub fn class(self, class: &str) -> El {
        self.attr("class", class)
    }

    pub fn text(self, text: &str) -> El {
        self.0.set_text_content(Some(text));
        self
    }

    pub fn child(self, child: El) -> El {
        self.0.append_child(&child.0).expect("append child");
        self
    }

    pub fn children(self, children: impl IntoIterator<Item = El>) -> El {
        for c in children {
            self.0.append_child(&c.0).expect("append child");
        }
        self
    }

    pub fn build(self) -> Element {
        self.0
    }
}

/// Replaces all children of `parent` with `child`.
pub fn replace_children(parent: &Element, child: Element) {
    parent.set_text_content(None);
    parent.append_child(&child).expect("append child");
}

/// Replaces `parent`'s content with `child` unless it already shows an equal tree. A change
/// to the live document costs the frame style, layout and paint, and a snapshot arrives on
/// every page change (issue #7); an unchanged region also keeps the keyboard focus.
pub fn replace_children_if_changed(parent: &Element, child: Element) {
    let same = parent.child_element_count() == 1
        && parent
            .first_element_child()
            .is_some_and(|current| current.is_equal_node(Some(&child)));
    if !same {
        replace_children(parent, child);
    }
}

/// Sets an attribute only when its value differs, for the same reason.
pub fn set_attribute_if_changed(element: &Element, name: &str, value: &str) {
    if element.get_attribute(name).as_deref() != Some(value) {
        element.set_attribute(name, value).ok();
    }
}

/// Gives `element` the attribute `name` (with `value`) while `on`, and removes it otherwise,
/// writing only what differs, for the same reason.
pub fn set_attribute_present(element: &Element, name: &str, on: bool, value: &str) {
    if on {
        set_attribute_if_changed(element, name, value);
    } else if element.has_attribute(name) {
        element.remove_attribute(name).ok();
    }
}

/// Sets the text only when it differs, for the same reason.
pub fn set_text_if_changed(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}
