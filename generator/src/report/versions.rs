//! Versions by Cargo's rules: which version a change of some level needs.

use super::Level;

/// `major.minor.patch` of a version (a pre-release or build suffix is ignored).
pub(super) fn parse_version(version: &str) -> Option<(u64, u64, u64)> {
    let core = version.split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
    Some((parts.next()??, parts.next()??, parts.next()??))
}

/// The smallest version after `old` that a change of `level` needs, by Cargo's rules.
pub(super) fn needed_version(old: &str, level: Level) -> String {
    let Some((major, minor, patch)) = parse_version(old) else {
        return old.to_owned();
    };
    let (major, minor, patch) = match (level, major) {
        (Level::None, _) => (major, minor, patch),
        (Level::Major, 0) => (0, minor + 1, 0),
        (Level::Major, _) => (major + 1, 0, 0),
        (Level::Minor, 0) | (Level::Patch, _) => (major, minor, patch + 1),
        (Level::Minor, _) => (major, minor + 1, 0),
    };
    format!("{major}.{minor}.{patch}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_bumps_the_minor_for_breaking_changes_in_0x() {
        assert_eq!(needed_version("0.1.0", Level::Major), "0.2.0");
        assert_eq!(needed_version("0.1.3", Level::Minor), "0.1.4");
        assert_eq!(needed_version("1.4.2", Level::Major), "2.0.0");
        assert_eq!(needed_version("1.4.2", Level::Minor), "1.5.0");
        assert_eq!(needed_version("1.4.2", Level::Patch), "1.4.3");
        assert_eq!(needed_version("1.4.2", Level::None), "1.4.2");
        assert!(parse_version("0.2.0-beta.1") > parse_version("0.1.9"));
    }
}
