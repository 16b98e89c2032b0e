// The player client: a vertical feed of clips to predict on, live over the stream, plus history and leaderboard.
import { createApi, demoToken, demoStatus, uuid, withRetry, fmtTime, serverNow } from './api.js';
import { openStream } from './sse.js';
import { Clip } from './clip.js';
import { translator, localeTag } from './i18n.js';
import { h, $, $$ } from './dom.js';

const api = createApi('reveal.player.token');
const prefs = {
  locale: localStorage.getItem('reveal.locale') || (navigator.language?.startsWith('sv') ? 'sv' : 'en'),
  odds: localStorage.getItem('reveal.odds') || 'decimal',
  period: 'week',
};
let t = translator(prefs.locale);

const state = {
  sessionId: null,
  cards: new Map(), // eventId → card
  intents: new Map(), // marketId → the player's accepted prediction
  stream: null,
  streamWasOpen: false,
  timers: [],
  view: 'feed',
};

// Markets whose result the player has seen on a card: cards for the others come back after a reload (pending ones,
// and those predicted in the last hours: older results stay under "My predictions").
const RESTORE_WITHIN_MS = 6 * 3600 * 1000;
const seen = new Set(JSON.parse(localStorage.getItem('reveal.seen') || '[]'));

function markSeen(marketId) {
  if (seen.has(marketId)) return;
  seen.add(marketId);
  localStorage.setItem('reveal.seen', JSON.stringify([...seen].slice(-500)));
}

// ---------- notices: what went wrong, in the chosen language, until it is fixed ----------

const notices = new Map(); // source → { key, vars }

function notice(source, key, vars = {}) {
  if (key) notices.set(source, { key, vars });
  else notices.delete(source);
  renderNotice();
}

function renderNotice() {
  const el = $('#notice');
  const shown = [...notices.values()].map(({ key, vars }) => t(key, vars));
  el.textContent = shown.join(' · ');
  el.hidden = shown.length === 0;
}

// ---------- chrome: language, odds format, tabs, sign-in ----------

function applyStrings() {
  document.documentElement.lang = prefs.locale;
  $$('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $$('[data-i18n-label]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nLabel)));
  $$('[data-i18n-title]').forEach((el) => el.setAttribute('title', t(el.dataset.i18nTitle)));
  const select = (buttons, on, attr = 'aria-pressed') => buttons.forEach((b) => {
    b.classList.toggle('on', on(b));
    b.setAttribute(attr, String(on(b)));
  });
  select($$('#locale-toggle button'), (b) => b.dataset.locale === prefs.locale);
  select($$('#odds-toggle button'), (b) => b.dataset.odds === prefs.odds);
  select($$('#period-toggle button'), (b) => b.dataset.period === prefs.period);
  select($$('#tabs button[data-view]'), (b) => b.dataset.view === state.view, 'aria-selected');
  $$('#tabs button[data-view]').forEach((b) => { b.tabIndex = b.dataset.view === state.view ? 0 : -1; });
  $('#live').setAttribute('aria-label', t($('#live').classList.contains('open') ? 'live' : 'offline'));
  renderNotice();
}

function wireChrome() {
  $('#locale-toggle').addEventListener('click', async (e) => {
    const locale = e.target.dataset.locale;
    if (!locale || locale === prefs.locale) return;
    prefs.locale = locale;
    localStorage.setItem('reveal.locale', locale);
    t = translator(locale);
    applyStrings();
    state.cards.forEach(renderInfo); // UI strings at once, content once the server answers in the new language
    if (!api.token()) return;
    await Promise.all([...state.cards.values()].map(refreshEvent));
    await loadFeed();
    showView(state.view);
  });
  $('#odds-toggle').addEventListener('click', (e) => {
    if (!e.target.dataset.odds) return;
    prefs.odds = e.target.dataset.odds;
    localStorage.setItem('reveal.odds', prefs.odds);
    applyStrings();
    state.cards.forEach(renderInfo);
    if (state.view === 'history') showHistory().catch(onLoadError);
  });
  $('#period-toggle').addEventListener('click', (e) => {
    if (!e.target.dataset.period) return;
    prefs.period = e.target.dataset.period;
    applyStrings();
    showLeaderboard().catch(onLoadError);
  });
  $('#tabs').addEventListener('click', (e) => { if (e.target.dataset.view) showView(e.target.dataset.view); });
  $('#tabs [role=tablist]').addEventListener('keydown', (e) => {
    const tabs = $$('#tabs button[data-view]');
    const at = tabs.indexOf(document.activeElement);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (at < 0 || !step) return;
    const next = tabs[(at + step + tabs.length) % tabs.length];
    showView(next.dataset.view);
    next.focus();
  });
  $('#sign-out').addEventListener('click', () => { api.signOut(); location.reload(); });
  $('#signin-demo').addEventListener('submit', async (e) => {
    e.preventDefault();
    await signIn(() => demoToken($('#signin-name').value.trim(), false));
  });
  $('#signin-token').addEventListener('submit', async (e) => {
    e.preventDefault();
    await signIn(async () => $('#signin-token-text').value.trim());
  });
}

async function signIn(getToken) {
  try {
    const token = await getToken();
    if (!token) throw new Error(t('demoUnavailable'));
    api.setToken(token);
    $('#signin').hidden = true;
    $('#signin-error').textContent = '';
    notice('auth', null);
    await start();
  } catch (e) {
    $('#signin-error').textContent = e.message;
  }
}

/** Back to sign-in, without a reload; {@code expired} when a token stopped working mid-session. */
async function showSignIn(expired = false) {
  stop();
  api.signOut();
  notice('auth', expired ? 'expired' : null);
  $('#tabs').hidden = true;
  $$('.view').forEach((v) => { v.hidden = true; });
  $('#signin').hidden = false;
  $('#signin-name').value ||= `player-${Math.random().toString(36).slice(2, 7)}`;
  const demo = await demoStatus();
  $('#signin-demo').hidden = !demo.signIn;
  $('#signin-token').hidden = demo.signIn;
}

function showView(view) {
  state.view = view;
  $$('.view').forEach((v) => { v.hidden = v.id !== `view-${view}`; });
  applyStrings();
  if (view === 'history') showHistory().catch(onLoadError);
  if (view === 'leaderboard') showLeaderboard().catch(onLoadError);
  state.cards.forEach(applyPlayback);
}

// ---------- start: session, predictions so far, feed, stream ----------

async function startSession() {
  const session = await api.call('POST', '/api/v1/sessions', {
    platform: 'WEB', appVersion: 'reveal-web-1', locale: prefs.locale, deviceModel: navigator.platform || 'browser',
  });
  state.sessionId = session.sessionId;
}

/** What one signed-in player needs: closed again on sign-out or an expired token, so a new sign-in starts clean. */
function stop() {
  state.stream?.close();
  state.stream = null;
  state.timers.forEach(clearInterval);
  state.timers = [];
  state.cards.forEach((card) => card.clip?.pause());
  state.cards.clear();
  state.intents.clear();
  $('#feed').replaceChildren();
}

async function start() {
  stop();
  try {
    await startSession();
  } catch (e) {
    if (e.status === 401) return showSignIn(true);
    throw e;
  }
  $('#tabs').hidden = false;
  showView('feed');
  await loadIntents().catch(onLoadError);
  await loadFeed();
  await restoreUnseenResults().catch(onLoadError);
  state.streamWasOpen = false;
  state.stream = openStream(`/api/v1/stream?locale=${prefs.locale}`, {
    token: api.token,
    onEvent: onLive,
    onState: onStreamState,
  });
  state.timers.push(setInterval(tick, 250), setInterval(loadFeed, 60000));
}

/** The stream dropped: say so; when it is back, catch up on whatever the replay could not carry. */
function onStreamState(s) {
  $('#live').className = `live ${s}`;
  $('#live').setAttribute('aria-label', t(s === 'open' ? 'live' : 'offline'));
  notice('stream', s === 'open' ? null : 'streamDown');
  if (s === 'open' && state.streamWasOpen) catchUp();
  if (s === 'open') state.streamWasOpen = true;
}

async function catchUp() {
  await loadIntents().catch(onLoadError);
  await loadFeed();
  state.cards.forEach(refreshEvent);
}

function onLoadError(e) {
  if (e.status === 401) showSignIn(true);
  else notice('load', 'feedFailed');
}

async function loadIntents() {
  const page = await api.call('GET', '/api/v1/me/bet-intents?limit=200');
  page.items.filter((i) => i.accepted).forEach((i) => state.intents.set(i.marketId, i));
}

async function loadFeed() {
  try {
    const feed = await api.call('GET', `/api/v1/feed?locale=${prefs.locale}`);
    notice('load', null);
    feed.events.forEach(upsertCard);
    $('#feed-empty').hidden = state.cards.size > 0;
  } catch (e) {
    onLoadError(e);
  }
}

/**
 * The feed carries open markets only: a prediction whose result the player has not seen yet keeps its card, also
 * after a reload, so the result shows up where the prediction was made.
 */
async function restoreUnseenResults() {
  const recent = (i) => i.result === 'PENDING' || Date.now() - Date.parse(i.serverReceivedAt) < RESTORE_WITHIN_MS;
  const eventIds = new Set([...state.intents.values()]
    .filter((i) => recent(i) && !seen.has(i.marketId) && !state.cards.has(i.eventId)).map((i) => i.eventId));
  await Promise.all([...eventIds].slice(0, 20).map(addCardFor));
  $('#feed-empty').hidden = state.cards.size > 0;
}

async function addCardFor(eventId) {
  if (state.cards.has(eventId)) return state.cards.get(eventId);
  const detail = await api.call('GET', `/api/v1/events/${eventId}?locale=${prefs.locale}`).catch(() => null);
  if (!detail || state.cards.has(eventId)) return state.cards.get(eventId);
  upsertCard(detail);
  $('#feed-empty').hidden = true;
  return state.cards.get(eventId);
}

async function refreshEvent(card) {
  try {
    const detail = await api.call('GET', `/api/v1/events/${card.event.id}?locale=${prefs.locale}`);
    card.event = { ...detail, markets: keepMarkets(detail.markets, card.event.markets) };
    renderInfo(card);
  } catch (e) {
    if (e.status === 401) return showSignIn(true);
    if (e.status !== 404) return;
    card.event.status = 'CANCELLED';
    renderInfo(card);
  }
}

/** Fresh markets first; a market the card showed but the answer left out stays, with what was known of it. */
function keepMarkets(fresh, known = []) {
  const merged = fresh.map((m) => ({ ...m, winningOutcomeId: m.winningOutcomeId
    ?? known.find((k) => k.id === m.id)?.winningOutcomeId }));
  return merged.concat(known.filter((k) => !fresh.some((m) => m.id === k.id)));
}

// ---------- cards ----------

const visibility = new IntersectionObserver((entries) => {
  entries.forEach((entry) => {
    const card = state.cards.get(entry.target.dataset.eventId);
    if (!card) return;
    card.visible = entry.isIntersecting;
    markResultsSeen(card);
    applyPlayback(card);
  });
}, { threshold: 0.5 });

function upsertCard(event) {
  let card = state.cards.get(event.id);
  if (card) {
    // the feed never carries reveal windows, nor markets that closed: keep what the stream or the detail told us
    const dropped = card.event.markets.some((k) => !event.markets.some((m) => m.id === k.id) && k.status === 'OPEN');
    card.event = { ...event, ...pick(card.event, 'revealStartMs', 'revealEndMs'), media: mergeMedia(event.media, card.event.media),
      markets: keepMarkets(event.markets, card.event.markets) };
    renderInfo(card);
    if (dropped) refreshEvent(card); // a market left the feed: locked or settled early, the detail says which
    return;
  }
  const video = h('video', { muted: true, playsinline: true, preload: 'none', poster: event.media?.[0]?.posterUrl || '',
    'aria-label': event.title });
  const toggle = h('button', { type: 'button', class: 'playpause' });
  const stage = h('div', { class: 'stage' }, video, toggle, h('span', { class: 'hint' }));
  const info = h('div', { class: 'info' });
  const el = h('article', { class: 'card', 'data-event-id': event.id, 'aria-labelledby': `title-${event.id}` }, stage, info);
  card = { event, el, video, toggle, info, clip: null, mode: null, visible: false, decisions: new Map(), polling: false,
    userPaused: false };
  video.addEventListener('click', () => onVideoTap(card));
  toggle.addEventListener('click', () => {
    card.userPaused = !card.video.paused;
    if (card.userPaused) card.clip?.pause();
    else onVideoTap(card);
    renderToggle(card);
  });
  renderToggle(card);
  video.addEventListener('play', () => renderToggle(card));
  video.addEventListener('pause', () => renderToggle(card));
  video.addEventListener('clipblocked', () => { stage.classList.add('blocked'); });
  video.addEventListener('cliperror', (e) => {
    // a reveal link from an old stream message may have expired: ask the event for a fresh one, once
    if (card.mode === 'reveal' && !card.revealRetried) {
      card.revealRetried = true;
      refreshEvent(card).then(() => { card.mode = null; applyPlayback(card); });
      return;
    }
    stage.querySelector('.hint').textContent = e.detail;
  });
  video.addEventListener('playing', () => { stage.classList.remove('blocked'); });
  state.cards.set(event.id, card);
  const later = [...state.cards.values()].find((c) => c !== card && phaseOf(c) === 'preview'
    && Date.parse(c.event.lockAt) > Date.parse(event.lockAt));
  $('#feed').insertBefore(el, later ? later.el : null);
  visibility.observe(el);
  renderInfo(card);
  // the feed leaves out markets that closed early: one the player predicted on comes from the event's detail
  if ([...state.intents.values()].some((i) => i.eventId === event.id && !findMarket(card, i.marketId))) refreshEvent(card);
}

function pick(obj, ...keys) {
  return Object.fromEntries(keys.filter((k) => obj[k] != null).map((k) => [k, obj[k]]));
}

function mergeMedia(fresh = [], known = []) {
  const merged = fresh.map((m) => ({ ...pick(known.find((k) => k.id === m.id) || {}, 'revealStartMs', 'revealEndMs'), ...m }));
  // the reveal rendition comes only with the lock (stream or detail): keep it when a feed entry lacks it
  return merged.concat(known.filter((k) => !fresh.some((m) => m.id === k.id)));
}

function findMarket(card, marketId) {
  return card.event.markets.find((m) => m.id === marketId);
}

const DONE = ['SETTLED', 'VOID'];

/** A market takes predictions: OPEN and before its own lock time (the server's clock decides, this one estimates). */
function predictable(market) {
  return market.status === 'OPEN' && (!market.lockAt || serverNow() < Date.parse(market.lockAt));
}

/** The card as a whole: preview while anything can be predicted; "closed" when every market locked before the event. */
function phaseOf(card) {
  const ev = card.event;
  if (ev.status === 'CANCELLED') return 'cancelled';
  if (ev.markets.length && ev.markets.every((m) => DONE.includes(m.status))) return 'settled';
  if (ev.revealStartMs != null) return 'reveal';
  if (ev.status === 'LOCKED' || serverNow() >= Date.parse(ev.lockAt)) return 'locked';
  if (ev.markets.length && !ev.markets.some((m) => predictable(m) || m.status === 'SUSPENDED')) return 'closed';
  return 'preview';
}

function renderToggle(card) {
  const playing = !card.video.paused;
  card.toggle.textContent = playing ? '❚❚' : '▶';
  card.toggle.setAttribute('aria-label', t(playing ? 'pause' : 'play'));
  card.toggle.hidden = !card.clip;
}

function onVideoTap(card) {
  if (card.video.paused) {
    card.userPaused = false;
    if (card.mode === 'reveal' && card.clip.phaseWindow?.done) card.mode = null; // tap replays the reveal
    card.visible = true;
    applyPlayback(card);
  } else {
    card.clip?.pause();
  }
}

/** Which window plays follows the phase: preview before lock, nothing while locking, the reveal after. */
function applyPlayback(card) {
  const renditions = card.event.media || [];
  const media = renditions.find((m) => m.mediaType === 'PREVIEW') || renditions[0];
  const reveal = renditions.find((m) => m.mediaType === 'REVEAL');
  if (!media) return;
  const phase = phaseOf(card);
  const onScreen = card.visible && state.view === 'feed';
  if (!onScreen || card.userPaused) {
    card.clip?.pause();
    return;
  }
  if (!card.clip) {
    card.clip = new Clip(card.video, media.hlsUrl);
    renderToggle(card);
  }
  const revealStart = media.revealStartMs ?? card.event.revealStartMs;
  const revealEnd = media.revealEndMs ?? card.event.revealEndMs;
  if (phase === 'preview' || phase === 'closed') { // locked early: the preview still loops until the reveal is out
    if (card.mode !== 'preview') {
      card.clip.source(media.hlsUrl);
      card.clip.play(media.previewStartMs, media.previewEndMs, true);
    } else card.clip.resume();
    card.mode = 'preview';
  } else if ((phase === 'reveal' || phase === 'settled') && revealStart != null && reveal) {
    if (card.mode !== 'reveal') {
      card.clip.source(reveal.hlsUrl);
      card.clip.play(revealStart, revealEnd, false);
    }
    card.mode = 'reveal';
  } else if ((phase === 'reveal' || phase === 'settled') && !reveal) {
    card.clip.pause();
    if (!card.revealAsked) {
      card.revealAsked = true; // an event without prepared media has no reveal rendition: ask once
      refreshEvent(card).then(() => { if (card.event.media?.some((m) => m.mediaType === 'REVEAL')) applyPlayback(card); });
    }
  } else {
    card.clip.pause();
  }
}

function fmtOdds(decimal, fractional) {
  if (decimal == null) return '–';
  return prefs.odds === 'fractional' && fractional ? fractional : Number(decimal).toFixed(2);
}

function renderInfo(card) {
  const ev = card.event;
  const phase = phaseOf(card);
  card.el.dataset.phase = phase;
  // focus stays where it was although the card is redrawn; a button that became disabled hands it to its note
  const active = card.info.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
  card.info.replaceChildren(
    h('p', { class: 'meta' }, h('span', { class: 'sport', 'data-sport': ev.sportType || '' }, t(`sport_${ev.sportType || 'OTHER'}`)),
      h('span', { class: 'badge' }, t(phase === 'closed' ? 'locked' : phase))),
    h('h2', { class: 'title', id: `title-${ev.id}` }, ev.title),
    h('p', { class: 'countdown' }, countdownText(card)),
    ...ev.markets.map((m) => renderMarket(card, m, phase)),
  );
  if (active) {
    const again = $(`[data-focus-key="${active}"]`, card.info);
    const note = $(`.decision[data-focus-key="d:${active.split(':')[1]}"]`, card.info);
    (again && !again.disabled ? again : note)?.focus();
  }
  markResultsSeen(card);
  applyPlayback(card);
  if (phase === 'locked') pollReveal(card);
}

/** A result counts as seen once its card is on screen in the feed. */
function markResultsSeen(card) {
  if (!card.visible || state.view !== 'feed') return;
  card.event.markets.filter((m) => state.intents.get(m.id)?.result && state.intents.get(m.id).result !== 'PENDING')
    .forEach((m) => markSeen(m.id));
}

function decisionText(d) {
  if (d.code) return t(d.code, { odds: fmtOdds(d.decimal, d.fractional) });
  if (d.retry) return t(d.retry, { s: Math.max(1, Math.round(d.waitMs / 1000)), n: d.attempt });
  if (d.failed) return t('failedCode', { code: d.failed });
  return t('sending');
}

function renderMarket(card, market, phase) {
  const intent = state.intents.get(market.id);
  const open = predictable(market) && phase === 'preview';
  const buttons = market.outcomes.map((o) => {
    const classes = ['outcome'];
    if (intent?.outcomeId === o.id) classes.push('picked');
    if (market.winningOutcomeId === o.id) classes.push('winner');
    const button = h('button', { type: 'button', class: classes.join(' '), 'data-outcome-id': o.id, 'data-code': o.code,
      'data-focus-key': `o:${market.id}:${o.id}`, 'aria-pressed': String(intent?.outcomeId === o.id), disabled: !open || !!intent },
    h('span', { class: 'label' }, o.label), h('span', { class: 'odds' }, fmtOdds(o.decimalOdds, o.fractionalOdds)));
    button.addEventListener('click', () => predict(card, market, o));
    return button;
  });
  const decision = card.decisions.get(market.id);
  const result = intent?.result && intent.result !== 'PENDING' ? intent.result : null;
  const winner = market.outcomes.find((o) => o.id === market.winningOutcomeId);
  const lockedEarly = !predictable(market) && !DONE.includes(market.status) && market.status !== 'SUSPENDED';
  return h('section', { class: 'market', 'data-market-id': market.id, 'data-status': market.status },
    h('p', { class: 'question' }, market.question),
    h('div', { class: 'outcomes' }, ...buttons),
    market.status === 'SUSPENDED' ? h('p', { class: 'note' }, t('suspended')) : null,
    lockedEarly && phase === 'closed' ? h('p', { class: 'note locked' }, t('marketLocked')) : null,
    decision ? h('p', { class: `decision ${decision.code === 'ACCEPTED' ? 'ok' : ''}`, role: 'status', tabindex: '-1',
      'data-focus-key': `d:${market.id}`, 'data-code': decision.code || decision.failed || '' },
    decision.code ? h('code', {}, decision.code) : null, ' ', decisionText(decision)) : null,
    result ? h('p', { class: `result ${result.toLowerCase()}`, 'data-result': result }, t(result)) : null,
    winner ? h('p', { class: 'answer' }, t('winner', { label: winner.label })) : null);
}

function countdownText(card) {
  const phase = phaseOf(card);
  if (phase === 'closed') return t('lockedRevealAt', { time: fmtTime(card.event.lockAt, localeTag(prefs.locale)) });
  if (phase !== 'preview') return t(phase === 'locked' ? 'lockingNow' : 'locked');
  const open = card.event.markets.filter(predictable);
  if (!open.length) return t('noOpenQuestion');
  const lockAt = Math.min(...open.map((m) => Date.parse(m.lockAt || card.event.lockAt)));
  const s = Math.ceil(Math.max(0, lockAt - serverNow()) / 1000);
  // past a day a countdown is noise: say when
  if (s >= 86400) return t('locksOn', { date: fmtTime(new Date(lockAt).toISOString(), localeTag(prefs.locale)) });
  const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return t('locksIn', { t: s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}` });
}

/** Runs four times a second: countdowns, and the flip to "locked" when a lock time passes. */
function tick() {
  state.cards.forEach((card) => {
    const phase = phaseOf(card);
    if (card.el.dataset.phase !== phase) renderInfo(card);
    else $('.countdown', card.info).textContent = countdownText(card);
  });
}

/** The stream announces the lock with the reveal windows; asking too covers a missed message. */
async function pollReveal(card) {
  if (card.polling) return;
  card.polling = true;
  for (let i = 0; i < 30 && phaseOf(card) === 'locked'; i++) {
    await new Promise((r) => setTimeout(r, i === 0 ? 1500 : 2000));
    if (phaseOf(card) === 'locked') await refreshEvent(card);
  }
  card.polling = false;
}

// ---------- predicting ----------

async function predict(card, market, outcome) {
  // one key per attempt: retries after a network error reuse it, so the server records the prediction once
  const key = uuid();
  const body = { sessionId: state.sessionId, marketId: market.id, outcomeId: outcome.id,
    oddsVersionId: market.oddsVersionId, clientSentAt: new Date().toISOString() };
  setDecision(card, market.id, {});
  try {
    const intent = await withRetry(() => api.call('POST', '/api/v1/bet-intents', body, { 'Idempotency-Key': key }),
      { onRetry: (attempt, e, waitMs) => setDecision(card, market.id, { attempt, waitMs, retry: retryReason(e) }) });
    if (intent.accepted) state.intents.set(market.id, intent);
    if (intent.acceptanceCode === 'SESSION_ENDED') await startSession();
    // kept as data, not text: the note follows a later change of language or odds format
    setDecision(card, market.id, { code: intent.acceptanceCode, decimal: intent.acceptedDecimalOdds,
      fractional: intent.acceptedFractionalOdds });
  } catch (e) {
    if (e.status === 401) return showSignIn(true);
    setDecision(card, market.id, { failed: e.code || (e.status ? `HTTP ${e.status}` : 'NETWORK_ERROR') });
  }
}

function retryReason(e) {
  if (e.status === 429) return 'rateLimited';
  if (e.status >= 500) return 'unavailable';
  return 'offlineRetry';
}

function setDecision(card, marketId, decision) {
  card.decisions.set(marketId, decision);
  renderInfo(card);
}

// ---------- live updates ----------

function onLive(type, data) {
  const card = data?.eventId ? state.cards.get(data.eventId) : null;
  // news about a market the player predicted on brings its card back, whatever order the messages come in
  if (!card && data?.eventId && state.intents.has(data.marketId) && ['market', 'result'].includes(type)) {
    addCardFor(data.eventId).then((added) => { if (added) onLive(type, data); });
    return;
  }
  switch (type) {
    case 'odds': {
      const market = card && findMarket(card, data.marketId);
      if (!market) return;
      market.oddsVersionId = data.oddsVersionId;
      market.oddsVersionNo = data.versionNo;
      data.outcomes.forEach((o) => {
        const outcome = market.outcomes.find((x) => x.id === o.outcomeId);
        if (outcome) Object.assign(outcome, { decimalOdds: o.decimalOdds, fractionalOdds: o.fractional });
      });
      renderInfo(card);
      break;
    }
    case 'market': {
      const market = card && findMarket(card, data.marketId);
      if (!market) {
        if (card) refreshEvent(card); // a market the card does not know yet
        return;
      }
      market.status = data.status;
      renderInfo(card);
      if (DONE.includes(data.status)) settleCard(card);
      break;
    }
    case 'event':
      if (!card) {
        if (data.status === 'OPEN') setTimeout(loadFeed, 300); // a newly published clip
        return;
      }
      card.event.status = data.status;
      if (data.revealStartMs != null) {
        Object.assign(card.event, { revealStartMs: data.revealStartMs, revealEndMs: data.revealEndMs });
        (data.media || []).forEach((m) => {
          let media = card.event.media?.find((x) => x.id === m.mediaId);
          if (!media && m.hlsUrl) {
            media = { id: m.mediaId, mediaType: m.mediaType };
            (card.event.media ||= []).push(media);
          }
          if (media) Object.assign(media, { revealStartMs: m.revealStartMs, revealEndMs: m.revealEndMs }, m.hlsUrl ? { hlsUrl: m.hlsUrl } : {});
        });
      }
      renderInfo(card);
      break;
    case 'result': {
      const intent = state.intents.get(data.marketId);
      if (intent) Object.assign(intent, { result: data.result, winningOutcomeId: data.winningOutcomeId });
      const market = card && findMarket(card, data.marketId);
      if (market) {
        market.winningOutcomeId = data.winningOutcomeId;
        if (!DONE.includes(market.status)) settleCard(card); // the result came before the market's own message
      }
      if (card) renderInfo(card);
      break;
    }
    case 'reset':
      loadIntents().then(loadFeed).then(() => state.cards.forEach(refreshEvent));
      break;
    case 'unauthorized':
      showSignIn(true);
      break;
    default:
  }
}

/** After settlement: the winning outcome from the event, the player's result from their predictions. */
async function settleCard(card) {
  await refreshEvent(card);
  try {
    const page = await api.call('GET', `/api/v1/me/bet-intents?eventId=${card.event.id}&limit=50`);
    page.items.filter((i) => i.accepted).forEach((i) => state.intents.set(i.marketId, i));
    renderInfo(card);
  } catch (e) {
    onLoadError(e);
  }
}

// ---------- history, summary, leaderboard ----------

const eventCache = new Map();

async function eventDetail(id) {
  const key = `${prefs.locale}:${id}`;
  if (!eventCache.has(key)) {
    eventCache.set(key, api.call('GET', `/api/v1/events/${id}?locale=${prefs.locale}`).catch(() => null));
  }
  return eventCache.get(key);
}

async function showHistory() {
  const [summary, page] = await Promise.all([api.call('GET', '/api/v1/me/summary'),
    api.call('GET', '/api/v1/me/bet-intents?limit=50')]);
  $('#summary').textContent = t('summary', { correct: summary.correct, settled: summary.settled,
    acc: summary.accuracy == null ? '–' : `${Math.round(summary.accuracy * 100)}%`,
    streak: summary.currentStreak, best: summary.bestStreak, pending: summary.pending });
  const rows = await Promise.all(page.items.map(async (intent) => {
    const ev = await eventDetail(intent.eventId);
    const market = ev?.markets.find((m) => m.id === intent.marketId);
    const outcome = market?.outcomes.find((o) => o.id === intent.outcomeId);
    const shown = intent.accepted ? intent.result : intent.acceptanceCode;
    return h('li', { class: 'row', 'data-result': intent.result || '' },
      h('div', { class: 'what' }, h('strong', {}, ev?.title || intent.eventId), h('span', {}, market?.question || ''),
        h('span', {}, `${t('yourPick')}: ${outcome?.label || outcome?.code || '?'} @ ${
          fmtOdds(intent.acceptedDecimalOdds, intent.acceptedFractionalOdds)}`)),
      h('div', { class: 'outcome-tag' }, h('span', { class: `tag ${String(shown).toLowerCase()}` }, t(shown)),
        h('small', {}, fmtTime(intent.serverReceivedAt, localeTag(prefs.locale)))));
  }));
  $('#history').replaceChildren(...(rows.length ? rows : [h('li', { class: 'muted' }, t('noHistory'))]));
}

async function showLeaderboard() {
  const board = await api.call('GET', `/api/v1/leaderboards?period=${prefs.period}&limit=20`);
  const row = (e) => h('tr', { class: e.you ? 'you' : '' }, h('td', {}, String(e.rank)),
    h('td', {}, e.displayName + (e.you ? ` (${t('you')})` : '')), h('td', {}, `${e.correct}/${e.settled}`),
    h('td', {}, e.accuracy == null ? '–' : `${Math.round(e.accuracy * 100)}%`));
  const rows = board.entries.map(row);
  if (board.me && !board.entries.some((e) => e.you)) rows.push(row(board.me));
  $('#board').replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: 4, class: 'muted' }, t('noEntries')))]));
}

// ---------- boot ----------

wireChrome();
applyStrings();
if (api.token()) start().catch(onLoadError); else showSignIn();
