// Server-Sent Events over fetch(), so the bearer token travels in a header and never in a URL (EventSource
// cannot send headers). Reconnects with backoff and resumes with Last-Event-ID.

import { sleep } from './api.js';

export function openStream(url, { token, onEvent, onState = () => {} }) {
  let lastId = null;
  let stopped = false;
  let controller = null;

  async function run() {
    let delay = 1000;
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${token()}` };
        if (lastId) headers['Last-Event-ID'] = lastId;
        const res = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
        if (res.status === 401) {
          onEvent('unauthorized', null);
          return;
        }
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        onState('open');
        delay = 1000;
        await readEvents(res.body, (type, data, id) => {
          if (id) lastId = id;
          onEvent(type, data);
        });
      } catch (e) {
        if (stopped) return;
      }
      onState('closed');
      await sleep(delay + Math.random() * 500);
      delay = Math.min(delay * 2, 15000);
    }
  }

  run();
  return { close() { stopped = true; controller?.abort(); } };
}

/** Parses the text/event-stream format: fields per line, a blank line ends an event, ':' starts a comment. */
async function readEvents(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let type = '';
  let data = [];
  let id = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      if (line === '') {
        if (data.length) dispatch(type || 'message', parse(data.join('\n')), id);
        type = '';
        data = [];
        id = null;
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = val;
        else if (field === 'data') data.push(val);
        else if (field === 'id') id = val;
      }
    }
  }
}

function parse(text) {
  try { return JSON.parse(text); } catch { return text; }
}
