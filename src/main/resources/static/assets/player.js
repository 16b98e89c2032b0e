// The player client: a vertical feed of clips to predict on, live over the stream, plus history and leaderboard.
import { createApi, demoToken, demoStatus, uuid, withRetry, fmtTime, serverNow } from './api.js';
import { openStream } from './sse.js';
import { Clip } from './clip.js';
import { translator } from './i18n.js';
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
  view: 'feed',
};

// ---------- chrome: language, odds format, tabs, sign-in ----------

function applyStrings() {
  document.documentElement.lang = prefs.locale;
  $$('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $$('#locale-toggle button').forEach((b) => b.classList.toggle('on', b.dataset.locale === prefs.locale));
  $$('#odds-toggle button').forEach((b) => b.classList.toggle('on', b.dataset.odds === prefs.odds));
  $$('#period-toggle button').forEach((b) => b.classList.toggle('on', b.dataset.period === prefs.period));
  $$('#tabs button[data-view]').forEach((b) => b.classList.toggle('on', b.dataset.view === state.view));
}

function wireChrome() {
  $('#locale-toggle').addEventListener('click', async (e) => {
    const locale = e.target.dataset.locale;
    if (!locale || locale === prefs.locale) return;
    prefs.locale = locale;
    localStorage.setItem('reveal.locale', locale);
    t = translator(locale);
    applyStrings();
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
  });
  $('#period-toggle').addEventListener('click', (e) => {
    if (!e.target.dataset.period) return;
    prefs.period = e.target.dataset.period;
    applyStrings();
    showLeaderboard();
  });
  $('#tabs').addEventListener('click', (e) => { if (e.target.dataset.view) showView(e.target.dataset.view); });
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
    await start();
  } catch (e) {
    $('#signin-error').textContent = e.message;
  }
}

async function showSignIn() {
  state.stream?.close();
  api.signOut();
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
  if (view === 'history') showHistory();
  if (view === 'leaderboard') showLeaderboard();
  state.cards.forEach(applyPlayback);
}

// ---------- start: session, predictions so far, feed, stream ----------

async function startSession() {
  const session = await api.call('POST', '/api/v1/sessions', {
    platform: 'WEB', appVersion: 'reveal-web-1', locale: prefs.locale, deviceModel: navigator.platform || 'browser',
  });
  state.sessionId = session.sessionId;
}

async function start() {
  try {
    await startSession();
  } catch (e) {
    if (e.status === 401) return showSignIn();
    throw e;
  }
  $('#tabs').hidden = false;
  showView('feed');
  await loadIntents();
  await loadFeed();
  state.stream = openStream(`/api/v1/stream?locale=${prefs.locale}`, {
    token: api.token,
    onEvent: onLive,
    onState: (s) => { $('#live').className = `live ${s}`; $('#live').title = t(s === 'open' ? 'live' : 'offline'); },
  });
  setInterval(tick, 250);
  setInterval(loadFeed, 60000);
}

async function loadIntents() {
  const page = await api.call('GET', '/api/v1/me/bet-intents?limit=200');
  page.items.filter((i) => i.accepted).forEach((i) => state.intents.set(i.marketId, i));
}

async function loadFeed() {
  const feed = await api.call('GET', `/api/v1/feed?locale=${prefs.locale}`);
  feed.events.forEach(upsertCard);
  $('#feed-empty').hidden = state.cards.size > 0;
}

async function refreshEvent(card) {
  try {
    const detail = await api.call('GET', `/api/v1/events/${card.event.id}?locale=${prefs.locale}`);
    card.event = detail;
    renderInfo(card);
  } catch (e) {
    if (e.status !== 404) return;
    card.event.status = 'CANCELLED';
    renderInfo(card);
  }
}

// ---------- cards ----------

const visibility = new IntersectionObserver((entries) => {
  entries.forEach((entry) => {
    const card = state.cards.get(entry.target.dataset.eventId);
    if (!card) return;
    card.visible = entry.isIntersecting;
    applyPlayback(card);
  });
}, { threshold: 0.5 });

function upsertCard(event) {
  let card = state.cards.get(event.id);
  if (card) {
    // the feed never carries reveal windows: keep what the stream or the detail told us
    card.event = { ...event, ...pick(card.event, 'revealStartMs', 'revealEndMs'), media: mergeMedia(event.media, card.event.media),
      markets: event.markets.map((m) => ({ ...m, winningOutcomeId: findMarket(card, m.id)?.winningOutcomeId })) };
    renderInfo(card);
    return;
  }
  const video = h('video', { muted: true, playsinline: true, preload: 'none', poster: event.media?.[0]?.posterUrl || '' });
  const badge = h('span', { class: 'badge' });
  const stage = h('div', { class: 'stage' }, video, badge, h('span', { class: 'hint' }));
  const info = h('div', { class: 'info' });
  const el = h('article', { class: 'card', 'data-event-id': event.id }, stage, info);
  card = { event, el, video, badge, info, clip: null, mode: null, visible: false, decisions: new Map(), polling: false };
  video.addEventListener('click', () => onVideoTap(card));
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

function phaseOf(card) {
  const ev = card.event;
  if (ev.status === 'CANCELLED') return 'cancelled';
  if (ev.markets.length && ev.markets.every((m) => m.status === 'SETTLED' || m.status === 'VOID')) return 'settled';
  if (ev.revealStartMs != null) return 'reveal';
  if (ev.status === 'LOCKED' || serverNow() >= Date.parse(ev.lockAt)) return 'locked';
  return 'preview';
}

function onVideoTap(card) {
  if (card.video.paused) {
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
  if (!onScreen) {
    card.clip?.pause();
    return;
  }
  card.clip ||= new Clip(card.video, media.hlsUrl);
  const revealStart = media.revealStartMs ?? card.event.revealStartMs;
  const revealEnd = media.revealEndMs ?? card.event.revealEndMs;
  if (phase === 'preview') {
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
  card.badge.textContent = t(phase === 'locked' ? 'locked' : phase);
  card.info.replaceChildren(
    h('h2', { class: 'title' }, ev.title),
    h('p', { class: 'countdown' }, countdownText(card)),
    ...ev.markets.map((m) => renderMarket(card, m, phase)),
  );
  applyPlayback(card);
  if (phase === 'locked') pollReveal(card);
}

function renderMarket(card, market, phase) {
  const intent = state.intents.get(market.id);
  const open = market.status === 'OPEN' && phase === 'preview';
  const buttons = market.outcomes.map((o) => {
    const classes = ['outcome'];
    if (intent?.outcomeId === o.id) classes.push('picked');
    if (market.winningOutcomeId === o.id) classes.push('winner');
    const button = h('button', { class: classes.join(' '), 'data-outcome-id': o.id, 'data-code': o.code,
      disabled: !open || !!intent },
    h('span', { class: 'label' }, o.label), h('span', { class: 'odds' }, fmtOdds(o.decimalOdds, o.fractionalOdds)));
    button.addEventListener('click', () => predict(card, market, o));
    return button;
  });
  const decision = card.decisions.get(market.id);
  const result = intent?.result && intent.result !== 'PENDING' ? intent.result : null;
  const winner = market.outcomes.find((o) => o.id === market.winningOutcomeId);
  return h('section', { class: 'market', 'data-market-id': market.id, 'data-status': market.status },
    h('p', { class: 'question' }, market.question),
    h('div', { class: 'outcomes' }, ...buttons),
    market.status === 'SUSPENDED' ? h('p', { class: 'note' }, t('suspended')) : null,
    decision ? h('p', { class: `decision ${decision.code === 'ACCEPTED' ? 'ok' : ''}`, role: 'status',
      'data-code': decision.code || '' }, decision.code ? h('code', {}, decision.code) : null, ' ', decision.text) : null,
    result ? h('p', { class: `result ${result.toLowerCase()}`, 'data-result': result }, t(result)) : null,
    winner ? h('p', { class: 'answer' }, t('winner', { label: winner.label })) : null);
}

function countdownText(card) {
  const phase = phaseOf(card);
  if (phase !== 'preview') return t(phase === 'locked' ? 'lockingNow' : 'locked');
  const ms = Math.max(0, Date.parse(card.event.lockAt) - serverNow());
  const s = Math.ceil(ms / 1000);
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
  setDecision(card, market.id, { text: t('sending') });
  try {
    const intent = await withRetry(() => api.call('POST', '/api/v1/bet-intents', body, { 'Idempotency-Key': key }),
      { onRetry: (n) => setDecision(card, market.id, { text: t('retrying', { n }) }) });
    if (intent.accepted) state.intents.set(market.id, intent);
    if (intent.acceptanceCode === 'SESSION_ENDED') await startSession();
    setDecision(card, market.id, { code: intent.acceptanceCode,
      text: t(intent.acceptanceCode, { odds: fmtOdds(intent.acceptedDecimalOdds, intent.acceptedFractionalOdds) }) });
  } catch (e) {
    if (e.status === 401) return showSignIn();
    setDecision(card, market.id, { code: e.code || 'NETWORK_ERROR', text: t('failed', { e: e.message }) });
  }
}

function setDecision(card, marketId, decision) {
  card.decisions.set(marketId, decision);
  renderInfo(card);
}

// ---------- live updates ----------

function onLive(type, data) {
  const card = data?.eventId ? state.cards.get(data.eventId) : null;
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
      if (!market) return;
      market.status = data.status;
      renderInfo(card);
      if (data.status === 'SETTLED' || data.status === 'VOID') settleCard(card);
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
      if (market) market.winningOutcomeId = data.winningOutcomeId;
      if (card) renderInfo(card);
      break;
    }
    case 'reset':
      loadIntents().then(loadFeed).then(() => state.cards.forEach(refreshEvent));
      break;
    case 'unauthorized':
      showSignIn();
      break;
    default:
  }
}

/** After settlement: the winning outcome from the event, the player's result from their predictions. */
async function settleCard(card) {
  await refreshEvent(card);
  const page = await api.call('GET', `/api/v1/me/bet-intents?eventId=${card.event.id}&limit=50`);
  page.items.filter((i) => i.accepted).forEach((i) => state.intents.set(i.marketId, i));
  renderInfo(card);
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
        h('small', {}, fmtTime(intent.serverReceivedAt, prefs.locale))));
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
if (api.token()) start(); else showSignIn();
