//! Fingerprints of texts, recorded beside each translation to notice when the English changes.

use sha2::{Digest, Sha256};

/// The first 8 hex digits of SHA-256: short enough for a comment, ample for telling
/// two versions of one sentence apart.
pub fn fingerprint(text: &str) -> String {
    String::from_utf8_lossy(&fingerprint_hex(text)).into_owned()
}

/// Whether `recorded` is the fingerprint of `text`: what `check` asks of every message,
/// so without making a string.
pub fn is_fingerprint_of(recorded: &str, text: &str) -> bool {
    recorded.as_bytes() == fingerprint_hex(text)
}

fn fingerprint_hex(text: &str) -> [u8; 8] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(text.as_bytes());
    let mut out = [0u8; 8];
    for (i, b) in digest.iter().take(4).enumerate() {
        out[2 * i] = HEX[(b >> 4) as usize];
        out[2 * i + 1] = HEX[(b & 15) as usize];
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn stable_and_short() {
        assert_eq!(super::fingerprint("abc"), "ba7816bf");
        assert_ne!(super::fingerprint("abc"), super::fingerprint("abd"));
        assert!(super::is_fingerprint_of("ba7816bf", "abc"));
        assert!(!super::is_fingerprint_of("BA7816BF", "abc"));
        assert!(!super::is_fingerprint_of("ba7816b", "abc"));
    }
}
