// Plays one window of an HLS clip: the preview loops inside preview_start..preview_end, the reveal plays once.
// hls.js where Media Source Extensions exist, the browser's own HLS otherwise (iPhone Safari).
// A clip comes as two renditions on one timeline: the preview (clear, the clip up to the preview end) and, from the
// lock on, the reveal (the whole clip, its rest AES-128 encrypted; hls.js and native HLS fetch the key and decrypt).

export class Clip {
  constructor(video, url) {
    this.video = video;
    this.url = url;
    this.window = null;
    this.hls = null;
    this.attached = false;
    this.watching = false;
    video.muted = true;
    video.playsInline = true;
    video.addEventListener('loadedmetadata', () => this.#enter());
    video.addEventListener('timeupdate', () => this.#guard());
    video.addEventListener('play', () => this.#watch());
    video.addEventListener('ended', () => {
      if (this.window?.loop) {
        this.video.currentTime = this.window.startMs / 1000;
        this.resume();
      }
    });
  }

  /** Switches to another rendition (the reveal at the lock). */
  source(url) {
    if (url === this.url) return;
    this.url = url;
    this.window = null;
    if (this.hls) {
      this.hls.destroy();
      this.hls = null;
    } else if (this.attached) {
      this.video.removeAttribute('src');
      this.video.load();
    }
    this.attached = false;
  }

  /** Loads the playlist once, on first use, so cards scrolled past cost nothing. */
  #attach() {
    if (this.attached) return;
    this.attached = true;
    const Hls = window.Hls;
    if (Hls && Hls.isSupported()) {
      // no worker: the page's Content-Security-Policy allows scripts from 'self' only, not blob: workers
      this.hls = new Hls({ enableWorker: false, startPosition: (this.window?.startMs ?? 0) / 1000 });
      this.hls.on(Hls.Events.ERROR, (event, data) => {
        if (data.fatal) this.video.dispatchEvent(new CustomEvent('cliperror', { detail: `clip: ${data.details}` }));
      });
      this.hls.loadSource(this.url);
      this.hls.attachMedia(this.video);
    } else if (this.video.canPlayType('application/vnd.apple.mpegurl')) {
      this.video.src = this.url;
    } else {
      this.video.dispatchEvent(new CustomEvent('cliperror', { detail: 'HLS is not supported by this browser' }));
    }
  }

  /** Plays [startMs, endMs): looping (preview) or once, then holding the last frame (reveal). */
  play(startMs, endMs, loop) {
    this.window = { startMs, endMs, loop, done: false };
    this.#attach();
    if (this.video.readyState >= 1) this.#enter();
    this.resume();
  }

  resume() {
    if (!this.window || this.window.done) return;
    const p = this.video.play();
    if (p) p.catch(() => this.video.dispatchEvent(new CustomEvent('clipblocked')));
  }

  pause() {
    this.video.pause();
  }

  get phaseWindow() {
    return this.window;
  }

  #enter() {
    const w = this.window;
    if (!w) return;
    const t = this.video.currentTime * 1000;
    if (t < w.startMs || t >= w.endMs) this.video.currentTime = w.startMs / 1000;
  }

  /** Keeps playback inside the window; checked every frame while playing so it never shows past the end. */
  #guard() {
    const w = this.window;
    if (!w || this.video.seeking) return;
    const t = this.video.currentTime * 1000;
    if (t >= w.endMs - 40) {
      if (w.loop) {
        this.video.currentTime = w.startMs / 1000;
      } else {
        w.done = true;
        this.video.pause();
        this.video.dispatchEvent(new CustomEvent('windowend'));
      }
    } else if (t < w.startMs - 250) {
      this.video.currentTime = w.startMs / 1000;
    }
  }

  #watch() {
    if (this.watching) return;
    this.watching = true;
    const tick = () => {
      if (this.video.paused) {
        this.watching = false;
        return;
      }
      this.#guard();
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }
}
