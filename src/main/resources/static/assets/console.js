// The operator console: create, publish, price, move and settle events; statistics, overdue list, audit trail.
import { createApi, demoToken, demoStatus, fmtTime } from './api.js';
import { h, $, $$ } from './dom.js';
import { showReports, defaultRange } from './reports.js';

const api = createApi('reveal.operator.token');
const SPORTS = ['FOOTBALL', 'BASKETBALL', 'ICE_HOCKEY', 'TENNIS', 'HANDBALL', 'AMERICAN_FOOTBALL', 'BASEBALL',
  'CRICKET', 'RUGBY', 'GOLF', 'MOTORSPORT', 'OTHER'];
let current = null; // the event shown in the detail panel
let liveTimer = null; // polls the shown event's markets for the live view

// ---------- messages ----------

function flash(text, ok = true) {
  const el = $('#flash');
  el.textContent = text;
  el.className = `flash ${ok ? 'ok' : 'bad'}`;
  el.hidden = false;
}

function problemText(e) {
  const p = e.problem || {};
  const extra = p.currentStatus ? ` (current status ${p.currentStatus})` : '';
  return `${e.status || ''} ${p.code || 'ERROR'}: ${p.detail || e.message}${extra}`;
}

/** Runs an operator action, reporting its outcome; refreshes what it may have changed. */
async function act(label, fn) {
  try {
    const result = await fn();
    flash(`${label}: done`);
    await Promise.all([current ? showEvent(current.id) : null, loadEvents(), loadOverdue()]);
    return result;
  } catch (e) {
    if (e.status === 401 || e.status === 403) return signInAgain(e);
    flash(`${label}: ${problemText(e)}`, false);
    return null;
  }
}

// ---------- sign-in ----------

async function showSignIn() {
  $('#app').hidden = true;
  $('#signin').hidden = false;
  const demo = await demoStatus();
  $('#signin-demo').hidden = !demo.signIn;
  $('#signin-token').hidden = demo.signIn;
}

function signInAgain(e) {
  api.signOut();
  flash(problemText(e), false);
  showSignIn();
}

async function signIn(getToken) {
  try {
    const token = await getToken();
    if (!token) throw new Error('demo sign-in is not available');
    api.setToken(token);
    await start();
  } catch (e) {
    flash(e.message, false);
  }
}

/**
 * Asks before an action that cannot be taken back, saying what it will do. Resolves true when confirmed.
 * facts: lines such as "12 accepted predictions get their result".
 */
function confirmAction(title, facts, confirmLabel) {
  const dialog = $('#confirm');
  $('#confirm-title').textContent = title;
  $('#confirm-body').replaceChildren(h('ul', {}, ...facts.map((f) => h('li', {}, f))));
  $('#confirm-ok').textContent = confirmLabel;
  dialog.returnValue = '';
  dialog.showModal();
  $('#confirm-cancel').focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

// ---------- lists ----------

async function loadEvents() {
  const status = $('#status-filter').value;
  // by lock time, from a day ago: recent and upcoming events (older unsettled ones are in the overdue list)
  const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  const page = await api.call('GET', `/admin/v1/events?limit=200&lockFrom=${since}${status ? `&status=${status}` : ''}`);
  $('#events').replaceChildren(...page.items.slice().reverse().map(eventItem));
}

async function loadOverdue() {
  const items = await api.call('GET', '/admin/v1/events/overdue?limit=50');
  $('#overdue').replaceChildren(...(items.length ? items.map(eventItem) : [h('li', { class: 'muted' }, 'nothing overdue')]));
}

function eventItem(e) {
  const li = h('li', { 'data-event-id': e.id, class: current?.id === e.id ? 'on' : '' },
    h('span', { class: `status ${e.status}` }, e.status), ' ', e.titleEn,
    h('small', {}, ` locks ${fmtTime(e.lockAt)} · ${e.unsettledMarkets}/${e.marketCount} unsettled`));
  li.addEventListener('click', () => showEvent(e.id));
  return li;
}

// ---------- create ----------

function localInput(date) {
  const d = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 19);
}

function resetCreateDefaults() {
  const form = $('#create-form');
  const lock = new Date(Date.now() + 10 * 60000);
  form.lockAt.value = localInput(lock);
  form.settleAt.value = localInput(new Date(lock.getTime() + 5 * 60000));
  // a shipped demo clip as the default source (operators only: the service takes it in and cuts it)
  if (!form['media.hlsMasterUrl'].value) {
    api.call('GET', '/admin/v1/demo/clips')
      .then((c) => { form['media.hlsMasterUrl'].value ||= c.clips[0]?.hlsMasterUrl || ''; }).catch(() => {});
  }
}

function parseOutcomes(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const [code, labelKey, odds] = line.split(/\s+/);
    return odds?.includes('/') ? { code, labelKey, fractionalOdds: odds }
      : { code, labelKey, decimalOdds: odds === undefined ? undefined : Number(odds) };
  });
}

function createBody(form) {
  const v = (name) => form[name].value.trim();
  const num = (name) => (v(name) === '' ? null : Number(v(name)));
  const iso = (name) => (v(name) ? new Date(v(name)).toISOString() : null);
  return {
    sourceRef: v('sourceRef') || undefined,
    sportType: v('sportType'),
    titleEn: v('titleEn'),
    titleSv: v('titleSv') || undefined,
    previewStartMs: num('previewStartMs'), previewEndMs: num('previewEndMs'),
    revealStartMs: num('revealStartMs'), revealEndMs: num('revealEndMs'),
    lockAt: iso('lockAt'), settleAt: iso('settleAt'),
    validateMedia: form.validateMedia.checked,
    media: { hlsMasterUrl: v('media.hlsMasterUrl'), posterUrl: v('media.posterUrl') || undefined },
    markets: [{ questionKey: v('markets[0].questionKey'), marketType: v('markets[0].marketType'),
      outcomes: parseOutcomes(form['markets[0].outcomes'].value) }],
  };
}

/** Puts each error of a 400/422 problem next to the input it names (or the closest enclosing one). */
function clearFieldErrors(form) {
  $$('.field-error', form).forEach((el) => el.remove());
  $$('.invalid', form).forEach((el) => el.classList.remove('invalid'));
  $('#create-errors').replaceChildren();
}

function showFieldErrors(form, problem) {
  clearFieldErrors(form);
  const errors = problem.errors?.length ? problem.errors
    : [{ field: problem.code?.startsWith('MEDIA_') ? 'media.hlsMasterUrl' : '', message: problem.detail }];
  const names = $$('[name]', form).map((el) => el.name);
  for (const { field, message } of errors) {
    const target = names.filter((n) => field === n || field.startsWith(`${n}.`) || field.startsWith(`${n}[`))
      .sort((a, b) => b.length - a.length)[0];
    const input = target ? form[target] : null;
    const note = h('span', { class: 'field-error', 'data-field': field }, `${field ? `${field}: ` : ''}${message}`);
    if (input) {
      input.classList.add('invalid');
      input.closest('label').append(note);
    } else {
      $('#create-errors').append(h('li', {}, note));
    }
  }
}

async function submitCreate(e) {
  e.preventDefault();
  const form = e.target;
  clearFieldErrors(form);
  try {
    const event = await api.call('POST', '/admin/v1/events', createBody(form));
    flash(`Created event ${event.id} (${event.status})`);
    form.sourceRef.value = '';
    await Promise.all([loadEvents(), showEvent(event.id)]);
  } catch (err) {
    if (err.status === 401 || err.status === 403) return signInAgain(err);
    flash(`Create: ${problemText(err)}`, false);
    showFieldErrors(form, err.problem);
  }
}

async function saveKey(e) {
  e.preventDefault();
  const f = e.target;
  const values = { en: f.en.value.trim() };
  if (f.sv.value.trim()) values.sv = f.sv.value.trim();
  await act(`Key ${f.key.value}`, () => api.call('PUT', `/admin/v1/localization-keys/${encodeURIComponent(f.key.value.trim())}`,
    { values }));
}

// ---------- one event ----------

async function showEvent(id) {
  const event = await api.call('GET', `/admin/v1/events/${id}`);
  const audit = await auditTrail(event);
  current = event;
  clearInterval(liveTimer);
  liveTimer = setInterval(refreshLive, 2000);
  const detail = $('#detail');
  detail.hidden = false;
  detail.dataset.eventId = event.id;
  detail.dataset.status = event.status;
  const publish = button('Publish', 'publish', () => act('Publish', () => api.call('POST', `/admin/v1/events/${id}/publish`)));
  const cancel = button('Cancel event', 'cancel', () => act('Cancel', () => api.call('POST', `/admin/v1/events/${id}/cancel`,
    { reason: 'cancelled in the console' })));
  detail.replaceChildren(
    h('h2', {}, event.titleEn, ' ', h('span', { class: `status ${event.status}`, id: 'event-status' }, event.status)),
    h('p', { class: 'muted' }, `${event.id} · ${event.sportType} · source ${event.sourceRef || '–'} · locks ${
      fmtTime(event.lockAt)} · settles ${fmtTime(event.settleAt)} · preview ${event.previewStartMs}–${event.previewEndMs} ms · reveal ${
      event.revealStartMs}–${event.revealEndMs} ms`),
    h('div', { class: 'actions' }, event.status === 'DRAFT' ? publish : null,
      ['DRAFT', 'OPEN', 'LOCKED'].includes(event.status) ? cancel : null),
    ...event.markets.map((m) => marketPanel(m, event)),
    h('h3', {}, 'Audit trail'),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'audit trail' }, auditTable(audit)));
  $$('#events li').forEach((li) => li.classList.toggle('on', li.dataset.eventId === id));
  refreshLive();
}

/** The live view of each shown market: predictions per outcome as they arrive, odds version, time to lock. */
async function refreshLive() {
  const panels = $$('#detail .market[data-market-id]');
  if (!panels.length || document.hidden) return;
  await Promise.all(panels.map(async (panel) => {
    const live = $('.live-view', panel);
    try {
      const s = await api.call('GET', `/admin/v1/markets/${panel.dataset.marketId}/stats`);
      const lockAt = Date.parse(panel.dataset.lockAt);
      const left = Math.round((lockAt - Date.now()) / 1000);
      live.replaceChildren(
        h('span', { 'data-role': 'live-counts' }, s.outcomes.map((o) => `${o.outcomeCode} ${o.acceptedIntents}`).join(' · ')
          || 'no outcomes'),
        h('span', {}, ` · ${s.acceptedIntents} accepted of ${s.intents} · odds v${panel.dataset.oddsVersion}`),
        h('span', { 'data-role': 'live-lock' }, !['OPEN', 'SUSPENDED'].includes(panel.dataset.status)
          ? ` · ${panel.dataset.status.toLowerCase()}` : left > 0 ? ` · locks in ${duration(left)}` : ' · past its lock time'));
    } catch (e) {
      live.textContent = `live view: ${problemText(e)}`;
    }
  }));
}

function duration(seconds) {
  const d = Math.floor(seconds / 86400);
  const hms = [Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60]
    .map((n) => String(n).padStart(2, '0')).join(':');
  return d ? `${d} d ${hms}` : hms;
}

/** Market statistics for a confirmation: how many accepted predictions, and how many per outcome. */
async function predictionsOn(marketId) {
  try {
    return await api.call('GET', `/admin/v1/markets/${marketId}/stats`);
  } catch {
    return null;
  }
}

function countFor(stats, outcomeId) {
  return stats?.outcomes.find((o) => o.outcomeId === outcomeId)?.acceptedIntents ?? 0;
}

function button(label, action, onClick) {
  const b = h('button', { 'data-action': action }, label);
  b.addEventListener('click', onClick);
  return b;
}

function marketPanel(m, event) {
  const base = `/admin/v1/markets/${m.id}`;
  const what = `market ${m.questionKey} of “${event.titleEn}”`;
  const code = (id) => m.outcomes.find((o) => o.id === id)?.code || '–';
  const oddsInputs = m.outcomes.map((o) => h('input', { 'data-outcome-id': o.id, value: o.decimalOdds ?? '', size: 6,
    'aria-label': `new odds for ${o.code}` }));
  const rows = m.outcomes.map((o, i) => h('tr', {}, h('td', {}, o.code), h('td', {}, o.labelKey),
    h('td', {}, `${o.decimalOdds ?? '–'} (${o.fractionalOdds ?? '–'})`), h('td', {}, oddsInputs[i])));
  // no winner preselected: settling is a decision, not a default
  const winner = h('select', { 'data-role': 'winner', 'aria-label': `winning outcome of ${m.questionKey}` },
    h('option', { value: '' }, 'choose the winner…'),
    ...m.outcomes.map((o) => h('option', { value: o.id }, o.code)));
  const reason = h('input', { 'data-role': 'void-reason', placeholder: 'reason to void', value: 'void in the console',
    'aria-label': `reason to void ${m.questionKey}` });
  const stats = h('div', { class: 'stats' });
  const move = (name) => button(name[0].toUpperCase() + name.slice(1), name,
    () => act(`${name} market`, () => api.call('POST', `${base}/${name}`, { reason: `${name} in the console` })));
  const lock = button('Lock', 'lock', async () => {
    const s = await predictionsOn(m.id);
    if (!await confirmAction(`Lock ${what}?`, [
      'No more predictions are accepted on it from now on, before its lock time.',
      `${s?.acceptedIntents ?? '?'} accepted predictions wait for the result.`], 'Lock now')) return;
    act('lock market', () => api.call('POST', `${base}/lock`, { reason: 'lock in the console' }));
  });
  const settle = button(m.status === 'SETTLED' ? 'Correct result' : 'Settle', 'settle', async () => {
    if (!winner.value) {
      flash('Choose the winning outcome first', false);
      winner.focus();
      return;
    }
    const s = await predictionsOn(m.id);
    const wins = countFor(s, winner.value);
    const total = s?.acceptedIntents ?? 0;
    const correcting = m.status === 'SETTLED';
    const facts = correcting
      ? [`The winner changes from ${code(s?.winningOutcomeId)} to ${code(winner.value)}.`,
        `${total} accepted predictions are graded again: ${wins} now win, ${total - wins} now lose.`]
      : [`Winner: ${code(winner.value)}.`, `${total} accepted predictions get their result: ${wins} win, ${total - wins} lose.`];
    if (!await confirmAction(`${correcting ? 'Correct the result of' : 'Settle'} ${what}?`, facts,
      correcting ? 'Correct the result' : 'Settle')) return;
    act(correcting ? 'Correct' : 'Settle', () => api.call(correcting ? 'PUT' : 'POST', `${base}/settlement`,
      { winningOutcomeId: winner.value, reason: correcting ? 'corrected in the console' : undefined }));
  });
  const voidIt = button('Void', 'void', async () => {
    const s = await predictionsOn(m.id);
    if (!await confirmAction(`Void ${what}?`, [
      `${s?.acceptedIntents ?? '?'} accepted predictions become void: nobody wins or loses.`,
      `Reason: ${reason.value || '–'}`], 'Void')) return;
    act('Void', () => api.call('POST', `${base}/void`, { reason: reason.value }));
  });
  const open = ['OPEN', 'SUSPENDED'].includes(m.status);
  return h('section', { class: 'market', 'data-market-id': m.id, 'data-status': m.status, 'data-lock-at': m.lockAt,
    'data-odds-version': m.oddsVersionNo ?? '–' },
    h('h3', {}, m.questionKey, ' ', h('span', { class: `status ${m.status}` }, m.status),
      h('small', { class: 'muted' }, ` ${m.marketType} · odds v${m.oddsVersionNo ?? '–'} · locks ${fmtTime(m.lockAt)}`)),
    h('p', { class: 'live-view muted', 'aria-live': 'off' }),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `odds of ${m.questionKey}` },
      h('table', { class: 'grid-table' }, h('tr', {}, h('th', {}, 'code'), h('th', {}, 'label key'),
      h('th', {}, 'current odds'), h('th', {}, 'new decimal')), ...rows)),
    h('div', { class: 'actions' },
      open ? button('Publish odds', 'odds', () => act('Publish odds', () => api.call('POST', `${base}/odds`, {
        prices: oddsInputs.map((input) => ({ outcomeId: input.dataset.outcomeId, decimalOdds: Number(input.value) })),
      }))) : null,
      m.status === 'OPEN' ? move('suspend') : null,
      m.status === 'SUSPENDED' ? move('resume') : null,
      open ? lock : null),
    h('div', { class: 'actions' },
      ['LOCKED', 'SETTLED'].includes(m.status) ? h('span', {}, winner, ' ', settle) : null,
      !['SETTLED', 'VOID'].includes(m.status) ? h('span', {}, reason, ' ', voidIt) : null,
      button('Statistics', 'stats', async () => {
        try {
          stats.replaceChildren(statsTable(await api.call('GET', `${base}/stats`)));
        } catch (e) {
          flash(`Statistics: ${problemText(e)}`, false);
        }
      })),
    stats);
}

function statsTable(s) {
  const codes = Object.entries(s.acceptanceCodes || {}).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return h('div', {},
    h('p', {}, `${s.intents} predictions (${s.acceptedIntents} accepted) by ${s.players} players · median ${
      s.medianMsBeforeLock == null ? '–' : `${Math.round(s.medianMsBeforeLock / 1000)} s`} before lock · codes: ${codes}`),
    h('table', { class: 'grid-table' }, h('tr', {}, h('th', {}, 'outcome'), h('th', {}, 'accepted'), h('th', {}, 'players'),
      h('th', {}, 'share')),
    ...s.outcomes.map((o) => h('tr', { class: o.outcomeId === s.winningOutcomeId ? 'win' : '' }, h('td', {}, o.outcomeCode),
      h('td', {}, String(o.acceptedIntents)), h('td', {}, String(o.players)),
      h('td', {}, o.playerShare == null ? '–' : `${Math.round(o.playerShare * 100)}%`)))));
}

/** The event's own rows and those of its markets, newest first. */
async function auditTrail(event) {
  const pages = await Promise.all([event.id, ...event.markets.map((m) => m.id)]
    .map((id) => api.call('GET', `/admin/v1/audit-logs?targetId=${id}&limit=100`)));
  return pages.flatMap((p) => p.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function auditTable(rows) {
  return h('table', { class: 'grid-table audit', id: 'audit' },
    h('tr', {}, h('th', {}, 'time'), h('th', {}, 'actor'), h('th', {}, 'action'), h('th', {}, 'target'), h('th', {}, 'details')),
    ...rows.map((r) => h('tr', { 'data-action': r.action }, h('td', {}, fmtTime(r.createdAt)),
      h('td', {}, `${r.actorType}${r.actorId ? ` ${r.actorId}` : ''}`), h('td', {}, r.action),
      h('td', {}, `${r.targetType} ${r.targetId.slice(0, 8)}…`),
      h('td', {}, [r.note, ...Object.entries(r.attributes || {}).map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(' · ')))));
}

// ---------- boot ----------

async function start() {
  $('#signin').hidden = true;
  showReports(api).catch(() => {}); // quietly at sign-in; "Show reports" asks again and says what went wrong
  $('#app').hidden = false;
  $('#sign-out').hidden = false;
  try {
    await Promise.all([loadEvents(), loadOverdue()]);
  } catch (e) {
    if (e.status === 401 || e.status === 403) return signInAgain(e);
    throw e;
  }
  $('#reload-demo').hidden = !(await demoStatus()).content;
  resetCreateDefaults();
}

$('#reports-form').addEventListener('submit', (e) => {
  e.preventDefault();
  showReports(api).catch((err) => flash(`Reports: ${problemText(err)}`, false));
});
defaultRange($('#reports-form'));
$('#create-form').sportType.replaceChildren(...SPORTS.map((s) => h('option', {}, s)));
resetCreateDefaults();
$('#create-form').addEventListener('submit', submitCreate);
$('#key-form').addEventListener('submit', saveKey);
$('#refresh').addEventListener('click', () => Promise.all([loadEvents(), loadOverdue()]));
$('#status-filter').addEventListener('change', loadEvents);
$('#reload-demo').addEventListener('click', () => act('Reload demo', () => api.call('POST', '/admin/v1/demo/reload')));
$('#sign-out').addEventListener('click', () => { api.signOut(); location.reload(); });
$('#signin-demo').addEventListener('submit', (e) => { e.preventDefault(); signIn(() => demoToken($('#signin-name').value.trim(), true)); });
$('#signin-token').addEventListener('submit', (e) => { e.preventDefault(); signIn(async () => $('#signin-token-text').value.trim()); });
if (api.token()) start(); else showSignIn();
