//! Fingerprints of texts, recorded beside each translation to notice when the English changes.

use sha2::{Digest, Sha256};

/// The first 8 hex digits of SHA-256: short enough for a comment, ample for telling
/// two versions of one sentence apart.
pub fn fingerprint(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn stable_and_short() {
        assert_eq!(super::fingerprint("abc"), "ba7816bf");
        assert_ne!(super::fingerprint("abc"), super::fingerprint("abd"));
    }
}
