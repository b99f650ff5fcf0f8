//! One least-privilege rule per file; `findings::RULES` lists them.

use super::*;

pub(crate) mod all_organizations;
pub(crate) mod beyond_preset;
pub(crate) mod expired_token;
pub(crate) mod full_access;
pub(crate) mod high_privilege_scope;
pub(crate) mod long_expiry;
pub(crate) mod manage_or_full_level;
pub(crate) mod no_scopes;
pub(crate) mod policy_violation;
pub(crate) mod unknown_scope;
pub(crate) mod vague_name;
