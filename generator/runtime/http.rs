//! The HTTP client a `Client` builds for itself: TLS with an explicit crypto provider (nothing
//! process-wide is installed), the platform's certificate verifier plus extra roots, and a
//! redirect rule that keeps the credentials with their origin.

use std::fmt;
use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use super::{Config, Error};

/// A root certificate to trust besides the platform's (a company proxy's, a test server's).
#[derive(Clone)]
pub struct Certificate(CertificateDer<'static>);

impl Certificate {
    /// A certificate from its DER bytes.
    pub fn from_der(der: impl Into<Vec<u8>>) -> Certificate {
        Certificate(CertificateDer::from(der.into()))
    }

    /// The first certificate of a PEM text.
    pub fn from_pem(pem: &[u8]) -> Result<Certificate, InvalidCertificate> {
        CertificateDer::from_pem_slice(pem)
            .map(Certificate)
            .map_err(|err| InvalidCertificate(err.to_string()))
    }
}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Certificate({} bytes)", self.0.len())
    }
}

/// A PEM text without a readable certificate.
#[derive(Debug, Clone)]
pub struct InvalidCertificate(String);

impl fmt::Display for InvalidCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no readable certificate in the PEM text: {}", self.0)
    }
}

impl std::error::Error for InvalidCertificate {}

/// Builds the HTTP client of `config`: rustls with the `ring` provider given explicitly (quick to
/// build; the process-wide default stays the application's), the platform's verifier plus the
/// extra roots, the timeouts, and redirects followed only within one origin.
pub(crate) fn http_client<E>(config: &Config) -> Result<reqwest::Client, Error<E>> {
    client_with(config, same_origin_redirects())
}

/// The HTTP client of `config` that follows no redirect: for operations that answer only
/// redirects, whose answer is where they point.
pub(crate) fn unfollowing_client<E>(config: &Config) -> Result<reqwest::Client, Error<E>> {
    client_with(config, reqwest::redirect::Policy::none())
}

fn client_with<E>(
    config: &Config,
    redirects: reqwest::redirect::Policy,
) -> Result<reqwest::Client, Error<E>> {
    let config_error = |what: &str, err: &dyn fmt::Display| {
        Error::Config(format!("the HTTP client could not be built: {what}: {err}"))
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = config.root_certificates.iter().map(|c| c.0.clone());
    let verifier =
        rustls_platform_verifier::Verifier::new_with_extra_roots(roots, provider.clone())
            .map_err(|err| config_error("certificate verifier", &err))?;
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|err| config_error("TLS versions", &err))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .redirect(redirects)
        .referer(false)
        .connect_timeout(config.connect_timeout)
        .timeout(config.timeout)
        .build()
        .map_err(|err| config_error("reqwest", &err))
}

/// How many redirects one request may follow.
const MAX_REDIRECTS: usize = 10;

/// Follows a redirect only to the origin (scheme, host, port) of the original request: the
/// credential headers go on every request, so another origin must never receive one.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let origin = attempt.previous().first().map(|url| url.origin());
        if origin != Some(attempt.url().origin()) {
            let location = attempt.url().to_string();
            return attempt.error(CrossOriginRedirect(location));
        }
        if attempt.previous().len() > MAX_REDIRECTS {
            return attempt.error(TooManyRedirects);
        }
        attempt.follow()
    })
}

/// A redirect to another origin, refused.
#[derive(Debug)]
pub(crate) struct CrossOriginRedirect(pub(crate) String);

impl fmt::Display for CrossOriginRedirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "refused a redirect to another origin: {}", self.0)
    }
}

impl std::error::Error for CrossOriginRedirect {}

#[derive(Debug)]
struct TooManyRedirects;

impl fmt::Display for TooManyRedirects {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "more than {MAX_REDIRECTS} redirects")
    }
}

impl std::error::Error for TooManyRedirects {}

/// The refused cross-origin `Location` behind a transport error, if that is what it is.
pub(crate) fn refused_redirect(err: &reqwest::Error) -> Option<String> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(err);
    while let Some(cause) = source {
        if let Some(CrossOriginRedirect(location)) = cause.downcast_ref() {
            return Some(location.clone());
        }
        source = cause.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn building_a_client_installs_no_process_wide_provider() {
        let client = http_client::<()>(&Config::new("ua"));
        assert!(client.is_ok(), "{client:?}");
        assert!(rustls::crypto::CryptoProvider::get_default().is_none());
    }

    #[test]
    fn bad_pem_is_refused() {
        assert!(Certificate::from_pem(b"not a certificate").is_err());
    }
}
