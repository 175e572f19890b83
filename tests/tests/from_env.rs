//! `Client::from_env` reads the documented variables. Alone in its test binary, because it
//! changes the process environment.

use timetrack_client::{Client, Error};

#[test]
fn reads_the_account_or_a_base_url_and_both_credentials() {
    // SAFETY: this binary runs this one test, so no other thread reads the environment meanwhile.
    unsafe {
        std::env::remove_var("TIMETRACK_BASE_URL");
        std::env::remove_var("TIMETRACK_API_SECRET");
        std::env::set_var("TIMETRACK_API_KEY", "k");
        std::env::set_var("TIMETRACK_ACCOUNT", "testkonto");
    }
    let err = Client::from_env().unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("TIMETRACK_API_SECRET"), "{err}");

    unsafe { std::env::set_var("TIMETRACK_API_SECRET", "s") };
    let client = Client::from_env().unwrap();
    assert_eq!(
        client.base_url(),
        "https://testkonto.timetrackenterprise.com/api/v2/ext"
    );

    unsafe { std::env::set_var("TIMETRACK_BASE_URL", "http://127.0.0.1:8080/api/v2/ext/") };
    let client = Client::from_env().unwrap();
    assert_eq!(client.base_url(), "http://127.0.0.1:8080/api/v2/ext");
}
