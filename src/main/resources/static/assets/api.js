// Calls the Reveal API with the bearer token kept in localStorage under a page's own key.

export class ApiError extends Error {
  constructor(status, problem, retryAfterMs = null) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.code = this.problem.code;
    this.retryAfterMs = retryAfterMs;
  }
}

let skewMs = 0;

/** Now by the server's clock as far as responses tell (their Date header), so countdowns hold on a skewed phone. */
export function serverNow() {
  return Date.now() + skewMs;
}

function learnClock(res) {
  const date = Date.parse(res.headers.get('Date') || '');
  if (Number.isNaN(date)) return;
  const skew = date + 500 - Date.now(); // Date has whole seconds: assume the middle of one
  skewMs = Math.abs(skew) > 1500 ? skew : 0;
}

export function createApi(storageKey) {
  const token = () => localStorage.getItem(storageKey);
  return {
    token,
    setToken: (t) => localStorage.setItem(storageKey, t),
    signOut: () => localStorage.removeItem(storageKey),
    async call(method, path, body, headers = {}) {
      const init = { method, headers: { Accept: 'application/json', ...headers } };
      if (token()) init.headers.Authorization = `Bearer ${token()}`;
      if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      const res = await fetch(path, init); // a network failure rejects with a TypeError
      learnClock(res);
      const text = await res.text();
      let data = null;
      try { data = text ? JSON.parse(text) : null; } catch { data = { detail: text }; }
      if (!res.ok) throw new ApiError(res.status, data, retryAfter(res));
      return data;
    },
  };
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now; null when absent or unreadable. */
function retryAfter(res) {
  const value = res.headers.get('Retry-After');
  if (!value) return null;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.max(0, Math.min(ms, 60000)) : null;
}

/** Signs in through the demo endpoint; null when the server does not offer demo sign-in. */
export async function demoToken(subject, operator) {
  const res = await fetch('/demo/token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ subject, operator }),
  });
  if (res.status === 404) return null;
  const data = await res.json();
  if (!res.ok) throw new ApiError(res.status, data);
  return data.token;
}

export async function demoStatus() {
  try {
    const res = await fetch('/demo');
    return res.ok ? await res.json() : { signIn: false, content: false };
  } catch {
    return { signIn: false, content: false };
  }
}

/** crypto.randomUUID needs a secure context; plain http on a LAN address still has getRandomValues. */
export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Worth repeating with the same Idempotency-Key: the request may or may not have reached the server. */
export function retryable(e) {
  return e instanceof TypeError || (e instanceof ApiError && (e.status >= 500 || e.status === 429 || e.status === 408));
}

/**
 * Runs fn until it succeeds or fails for good; exponential backoff with jitter between attempts, and never sooner
 * than the server's Retry-After. onRetry(attempt, error, waitMs) can tell the person what is going on.
 */
export async function withRetry(fn, { attempts = 5, baseMs = 400, onRetry = () => {} } = {}) {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!retryable(e) || i >= attempts) throw e;
      const waitMs = Math.max(baseMs * 2 ** (i - 1) + Math.random() * baseMs, e.retryAfterMs || 0);
      onRetry(i, e, waitMs);
      await sleep(waitMs);
    }
  }
}

/** One date-and-time format everywhere: the given BCP 47 locale, or the browser's; always the browser's time zone. */
export function fmtTime(iso, localeTag) {
  return iso ? new Date(iso).toLocaleString(localeTag, { dateStyle: 'medium', timeStyle: 'medium' }) : '';
}
