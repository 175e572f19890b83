//! When a request is sent again: the retry policy, the retry budget a client's calls share, and
//! the loop that sends a request until it gets an answer worth returning.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use reqwest::{Method, StatusCode};

use super::error::retry_after;

/// Statuses after which an idempotent request is sent again.
pub const RETRY_STATUSES: [StatusCode; 5] = [
    StatusCode::REQUEST_TIMEOUT,
    StatusCode::TOO_MANY_REQUESTS,
    StatusCode::BAD_GATEWAY,
    StatusCode::SERVICE_UNAVAILABLE,
    StatusCode::GATEWAY_TIMEOUT,
];

/// When and how often a request is sent again.
///
/// Only idempotent requests (GET, PUT, DELETE, HEAD, OPTIONS) are retried, after a connection
/// error or a status in [`RETRY_STATUSES`]; POST is never retried, so nothing is created twice.
/// The delay before attempt `n + 1` is `base_delay × 2ⁿ⁻¹`, capped at `max_delay`, with jitter
/// (a random point in its upper half). A `Retry-After` answer is honoured as given; when it asks
/// for more than `max_delay`, the answer is returned to the caller instead.
///
/// Retries spend from a [`RetryBudget`] that all calls of a client (and of its clones) share, so
/// that a server that is down gets each call about once instead of `max_attempts` times. Set the
/// policy with `ClientBuilder::retry`, or for one call with [`CallOptions::retry`](super::CallOptions::retry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    pub(crate) budget: Option<RetryBudget>,
}

impl Default for RetryPolicy {
    /// 3 attempts in all, 250 ms base delay, 10 s ceiling, [`RetryBudget::default`].
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(10),
            budget: Some(RetryBudget::default()),
        }
    }
}

impl RetryPolicy {
    /// Every request is sent once.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// How many times a request may be sent in all, the first time included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The delay before the first retry; each further retry doubles it.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest delay between two attempts.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The retry budget of the client ([`RetryBudget::default`] unless set). On a policy given
    /// for one call, only whether there is a budget counts: the budget's tokens are the
    /// client's.
    pub fn budget(mut self, budget: RetryBudget) -> Self {
        self.budget = Some(budget);
        self
    }

    /// No retry budget: every call is retried up to `max_attempts`, however many fail. On a
    /// policy given for one call, that call neither spends from the client's budget nor is
    /// limited by it.
    pub fn without_budget(mut self) -> Self {
        self.budget = None;
        self
    }

    /// The backoff before attempt `attempt + 1`, without jitter.
    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }

    /// The delay before attempt `attempt + 1`, or `None` when the server asks for a longer wait
    /// than the policy allows.
    fn delay(&self, attempt: u32, retry_after: Option<Duration>, random: u64) -> Option<Duration> {
        match retry_after {
            Some(wait) if wait > self.max_delay => None,
            Some(wait) => Some(wait),
            None => {
                let full = self.backoff(attempt);
                let half = full / 2;
                let spread = (full - half).as_nanos() as u64;
                let extra = if spread == 0 {
                    0
                } else {
                    random % (spread + 1)
                };
                Some(half + Duration::from_nanos(extra))
            }
        }
    }
}

/// The retry budget (a token bucket) shared by every call of a client and of its clones, after
/// aws-sdk-rust's retry quota: each retry spends tokens, a call answered at its first attempt
/// puts some back, and when the bucket holds less than a retry costs, calls are sent once.
///
/// The defaults are aws-sdk-rust's standard retry mode: 500 tokens, 5 per retry, 10 per retry
/// after a timeout (a timed-out attempt held a connection for the whole timeout: the strongest
/// sign of an overloaded server), 1 back per call answered at its first attempt. A retry that
/// ends in an answer gets its tokens back, as does a call dropped before it ends; a call that
/// fails after all its retries keeps them spent (10 tokens at 3 attempts). So in an outage about
/// 100 retries go out in all, then every call is sent once until answers come back; a client
/// whose calls fail for good less often than about 1 in 11 never runs dry (10 spent per such
/// call, 1 earned per first-time answer); and 500 first-time answers fill the bucket again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryBudget {
    capacity: u32,
    retry_cost: u32,
    timeout_retry_cost: u32,
    success_refill: u32,
}

impl Default for RetryBudget {
    /// 500 tokens, 5 per retry, 10 per retry after a timeout, 1 back per first-time answer.
    fn default() -> Self {
        RetryBudget {
            capacity: 500,
            retry_cost: 5,
            timeout_retry_cost: 10,
            success_refill: 1,
        }
    }
}

impl RetryBudget {
    /// How many tokens the bucket holds, full (it starts full).
    pub fn capacity(mut self, tokens: u32) -> Self {
        self.capacity = tokens;
        self
    }

    /// What a retry after a connection error or a retryable status costs.
    pub fn retry_cost(mut self, tokens: u32) -> Self {
        self.retry_cost = tokens;
        self
    }

    /// What a retry after a timeout costs.
    pub fn timeout_retry_cost(mut self, tokens: u32) -> Self {
        self.timeout_retry_cost = tokens;
        self
    }

    /// What a call answered at its first attempt puts back (up to the capacity).
    pub fn success_refill(mut self, tokens: u32) -> Self {
        self.success_refill = tokens;
        self
    }
}

/// The tokens of a client's [`RetryBudget`].
#[derive(Debug)]
pub(crate) struct Budget {
    tokens: AtomicU32,
    settings: RetryBudget,
}

impl Budget {
    pub(crate) fn new(settings: &RetryBudget) -> Self {
        Budget {
            tokens: AtomicU32::new(settings.capacity),
            settings: settings.clone(),
        }
    }

    /// Takes `cost` tokens when the bucket holds them.
    fn withdraw(&self, cost: u32) -> bool {
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .is_ok()
    }

    /// Puts `tokens` back, up to the capacity.
    fn deposit(&self, tokens: u32) {
        let capacity = self.settings.capacity;
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                Some(t.saturating_add(tokens).min(capacity))
            });
    }
}

/// The tokens one call has spent on its retries. Dropping it gives them back (the call got an
/// answer, or was dropped); [`Spent::keep`] leaves them spent (the call failed after retries).
struct Spent<'a> {
    budget: Option<&'a Budget>,
    tokens: u32,
}

impl Spent<'_> {
    fn keep(mut self) {
        self.tokens = 0;
    }
}

impl Drop for Spent<'_> {
    fn drop(&mut self) {
        if let (Some(budget), tokens @ 1..) = (self.budget, self.tokens) {
            budget.deposit(tokens);
        }
    }
}

/// Why an answer (or failure) is worth another attempt, if it is.
struct Retryable {
    reason: String,
    retry_after: Option<Duration>,
    timeout: bool,
}

fn retryable(result: &reqwest::Result<reqwest::Response>) -> Option<Retryable> {
    match result {
        Ok(response) if RETRY_STATUSES.contains(&response.status()) => Some(Retryable {
            reason: response.status().to_string(),
            retry_after: retry_after(response.headers(), SystemTime::now()),
            timeout: false,
        }),
        Err(err) if err.is_timeout() => Some(Retryable {
            reason: "timed out".to_owned(),
            retry_after: None,
            timeout: true,
        }),
        Err(err) if err.is_connect() => Some(Retryable {
            reason: "connection failed".to_owned(),
            retry_after: None,
            timeout: false,
        }),
        Err(err) if err.is_request() => Some(Retryable {
            reason: "request failed".to_owned(),
            retry_after: None,
            timeout: false,
        }),
        _ => None,
    }
}

/// Sends `request`, retrying it as `policy` allows (see [`RetryPolicy`]) and as far as `budget`
/// lasts; records the attempts on the current span and each retry as an event. Dropping the
/// future at any point leaves the budget as it was before the call.
pub(crate) async fn execute(
    client: &reqwest::Client,
    policy: &RetryPolicy,
    budget: Option<&Budget>,
    mut request: reqwest::Request,
) -> reqwest::Result<reqwest::Response> {
    let idempotent = [
        Method::GET,
        Method::PUT,
        Method::DELETE,
        Method::HEAD,
        Method::OPTIONS,
    ]
    .contains(request.method());
    let budget = budget.filter(|_| policy.budget.is_some());
    let mut spent = Spent { budget, tokens: 0 };
    let mut attempt = 1;
    loop {
        tracing::Span::current().record("attempts", attempt);
        let again = if idempotent && attempt < policy.max_attempts {
            request.try_clone()
        } else {
            None
        };
        let result = client.execute(request).await;
        let Some(why) = retryable(&result) else {
            if let (Some(budget), 1) = (budget, attempt) {
                budget.deposit(budget.settings.success_refill);
            }
            return result;
        };
        let Some(next) = again else {
            spent.keep();
            return result;
        };
        let Some(delay) = policy.delay(attempt, why.retry_after, random()) else {
            spent.keep();
            return result;
        };
        if let Some(budget) = budget {
            let settings = &budget.settings;
            let cost = if why.timeout {
                settings.timeout_retry_cost
            } else {
                settings.retry_cost
            };
            if !budget.withdraw(cost) {
                tracing::info!(attempt, reason = %why.reason, cost, "retry budget spent; not retrying");
                spent.keep();
                return result;
            }
            spent.tokens += cost;
        }
        tracing::info!(attempt, reason = %why.reason, delay_ms = delay.as_millis() as u64, "retrying");
        drop(result);
        tokio::time::sleep(delay).await;
        request = next;
        attempt += 1;
    }
}

/// A random number for jitter (std's hasher keys are random per process and per call).
fn random() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0x9E37_79B9_7F4A_7C15);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_ceiling_with_jitter_in_the_upper_half() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(700));
        let backoffs: Vec<_> = (1..=5).map(|a| policy.backoff(a).as_millis()).collect();
        assert_eq!(backoffs, [100, 200, 400, 700, 700]);
        for random in [0, 1, u64::MAX / 3, u64::MAX] {
            let delay = policy.delay(3, None, random).unwrap();
            assert!(delay >= Duration::from_millis(200) && delay <= Duration::from_millis(400));
        }
        assert_eq!(policy.delay(3, None, 0), Some(Duration::from_millis(200)));
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_ceiling() {
        let policy = RetryPolicy::default().max_delay(Duration::from_secs(10));
        let wait = Some(Duration::from_secs(7));
        assert_eq!(policy.delay(1, wait, 0), wait);
        assert_eq!(policy.delay(1, Some(Duration::from_secs(11)), 0), None);
    }

    #[test]
    fn disabled_means_one_attempt() {
        assert_eq!(RetryPolicy::disabled().max_attempts, 1);
        assert_eq!(RetryPolicy::default().max_attempts(0).max_attempts, 1);
    }

    #[test]
    fn the_budget_spends_refills_up_to_its_capacity_and_refunds_what_is_not_kept() {
        let budget = Budget::new(&RetryBudget::default().capacity(12));
        assert!(budget.withdraw(5) && budget.withdraw(5));
        assert!(!budget.withdraw(5), "2 tokens left");
        budget.deposit(100);
        assert_eq!(budget.tokens.load(Ordering::Acquire), 12);
        let spent = Spent {
            budget: Some(&budget),
            tokens: 10,
        };
        assert!(budget.withdraw(10));
        drop(spent);
        assert_eq!(budget.tokens.load(Ordering::Acquire), 12, "refunded");
        assert!(budget.withdraw(10));
        Spent {
            budget: Some(&budget),
            tokens: 10,
        }
        .keep();
        assert_eq!(budget.tokens.load(Ordering::Acquire), 2, "kept spent");
    }
}
