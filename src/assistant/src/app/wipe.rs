//! A snapshot of the success view holds the token as its input's value. The app wipes every
//! input value of the snapshot it holds before that snapshot is replaced or dropped, so the
//! token does not stay behind in freed memory. (The JavaScript copies cannot be wiped; see
//! README, "How the token is handled".)

use patguard_core::snapshot::{Node, Snapshot};
use zeroize::Zeroize;

pub(super) fn wipe_input_values(snap: &mut Snapshot) {
    fn wipe(node: &mut Node) {
        if let Some(value) = &mut node.v {
            value.zeroize();
        }
        node.v = None;
        node.k.iter_mut().for_each(wipe);
    }
    snap.roots.iter_mut().for_each(wipe);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_value_is_wiped_at_any_depth() {
        let mut snap = patguard_core::testkit::fixture("success-en");
        assert!(snap
            .nodes()
            .any(|n| n.v.as_deref().is_some_and(|v| v.len() == 84)));
        wipe_input_values(&mut snap);
        assert!(snap.nodes().all(|n| n.v.is_none()));
        assert!(snap.nodes().count() > 10, "the structure stays");
    }
}
