use keepass::config::KdfConfig;

use crate::KdbxError;

/// Argon2id cost parameters. Only Argon2id is offered: it is what KeePassXC
/// recommends for new databases, and the crate's own default (Argon2d, 1 MiB)
/// is far too weak for a file that may end up in a cloud folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfSettings {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfSettings {
    /// What the extension ships: KeePassXC's default memory (64 MiB) with the
    /// iteration count measured to stay well under 2 s in single-threaded wasm
    /// (the browser gives us no threads): about 0.6 s in node 20 on a 2-core
    /// CI machine, leaving room for slow laptops. Two lanes cost nothing here
    /// but let native KeePass clients open the file faster on two cores.
    pub const SHIPPED: KdfSettings = KdfSettings {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 2,
    };

    /// Deliberately cheap, for unit tests that only care about structure.
    /// Never use it for a real export.
    pub const INSECURE_FAST_FOR_TESTS: KdfSettings = KdfSettings {
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };

    pub(crate) fn validate(&self) -> Result<(), KdbxError> {
        if self.iterations == 0 {
            return Err(KdbxError::BadKdf("iterations must be at least 1".into()));
        }
        if self.parallelism == 0 {
            return Err(KdbxError::BadKdf("parallelism must be at least 1".into()));
        }
        // Argon2's own floor: 8 KiB per lane.
        if u64::from(self.memory_kib) < 8 * u64::from(self.parallelism) {
            return Err(KdbxError::BadKdf(
                "memory must be at least 8 KiB per lane".into(),
            ));
        }
        Ok(())
    }

    pub(crate) fn to_config(self) -> KdfConfig {
        KdfConfig::Argon2id {
            iterations: u64::from(self.iterations),
            // KDBX stores bytes; keepass converts back to KiB for Argon2.
            memory: u64::from(self.memory_kib) * 1024,
            parallelism: self.parallelism,
            version: argon2::Version::Version13,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_settings_are_argon2id_64_mib() {
        assert!(KdfSettings::SHIPPED.validate().is_ok());
        match KdfSettings::SHIPPED.to_config() {
            KdfConfig::Argon2id { memory, .. } => assert_eq!(memory, 64 * 1024 * 1024),
            other => panic!("expected Argon2id, got {other:?}"),
        }
    }

    #[test]
    fn zero_costs_are_rejected() {
        let zero_iter = KdfSettings {
            iterations: 0,
            ..KdfSettings::SHIPPED
        };
        assert!(zero_iter.validate().is_err());
        let tiny_memory = KdfSettings {
            memory_kib: 8,
            parallelism: 2,
            iterations: 1,
        };
        assert!(tiny_memory.validate().is_err());
    }
}
