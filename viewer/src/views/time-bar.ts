// The time bar: the sim date and time, the clock's controls (play/pause, speed, step, fast, advance to
// a date, and back: rewind or fork at an earlier date) and the run (name, seed, hash, fork). Clock
// errors show next to the controls.
import { api, errorText } from '../api.ts';
import type { App } from '../app.ts';
import { field, h, select } from '../dom.ts';
import { shortHash, simDate, simDateTime, SPEEDS, speedChoice, speedLabel, weekday } from '../format.ts';
import type { ClockView } from '../types.ts';

export function timeBar(app: App): HTMLElement {
  const runName = h('span', { className: 'run-name' }, '…');
  const runSeed = h('span', { className: 'run-seed' });
  const runHash = h('code', { className: 'run-hash', tabindex: '0' });
  const simTime = h('time', { className: 'sim-time' }, '—');
  const simDay = h('span', { className: 'sim-day' });
  const mode = h('span', { className: 'clock-mode', 'data-mode': 'paused' }, '');
  const connection = h('span', { className: 'connection', 'data-state': 'connecting' }, 'Connecting…');

  const playButton = h('button', { type: 'button', className: 'button primary play' }, 'Play');
  const speed = select(
    SPEEDS.map(([label]) => label),
    { 'aria-label': 'Speed (sim time per second)' },
    '1d/s',
  );
  const stepBy = select(
    [
      ['1h', '1 hour'],
      ['6h', '6 hours'],
      ['1d', '1 day'],
    ],
    { 'aria-label': 'Step by' },
    '1d',
  );
  const stepButton = h('button', { type: 'button', className: 'button' }, 'Step');
  const fastButton = h(
    'button',
    { type: 'button', className: 'button', title: 'Run as fast as possible' },
    'Fast',
  );
  const advanceDate = h('input', { type: 'date', 'aria-label': 'Advance to date', required: true });
  const advanceButton = h('button', { type: 'submit', className: 'button' }, 'Advance');
  const error = h('p', { className: 'inline-error', role: 'alert', hidden: true });
  const runFork = h('span', { className: 'run-fork' });

  // Back in time: rewind this run (what came after is dropped) or fork a new run from a date.
  const backDate = h('input', { type: 'date', 'aria-label': 'Rewind or fork at date', required: true });
  const forkSeed = h('input', {
    type: 'number',
    min: '0',
    step: '1',
    placeholder: 'same',
    'aria-label': 'Seed of the fork (empty: the same seed)',
  });
  const rewindButton = h('button', { type: 'submit', className: 'button' }, 'Rewind');
  const forkButton = h('button', { type: 'button', className: 'button' }, 'Fork');
  const timeTravel = h(
    'details',
    { className: 'time-travel' },
    h('summary', { className: 'button' }, 'Back…'),
    h(
      'form',
      {
        className: 'time-travel-panel',
        'aria-label': 'Rewind or fork',
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          if (!backDate.value) return showError('Choose a date to rewind to.');
          void act(rewindButton, { action: 'rewind', to: backDate.value }).then(close);
        },
      },
      h(
        'p',
        { className: 'hint' },
        'Rewind goes back to the date and drops every operation after it. Fork starts a new run from the date (now if empty), with another seed or the same one, and keeps this run.',
      ),
      field('Date', backDate),
      field('Fork seed', forkSeed),
      h('span', { className: 'time-travel-buttons' }, rewindButton, forkButton),
    ),
  );
  const close = () => {
    if (error.hidden) timeTravel.open = false;
  };
  forkButton.addEventListener('click', () => {
    error.hidden = true;
    forkButton.disabled = true;
    const seed = forkSeed.value === '' ? undefined : Number(forkSeed.value);
    api
      .fork({ ...(backDate.value ? { at: backDate.value } : {}), ...(seed !== undefined ? { seed } : {}) })
      .then(() => {
        timeTravel.open = false;
      })
      .catch((e: unknown) => showError(errorText(e)))
      .finally(() => {
        forkButton.disabled = false;
      });
  });

  function showError(text: string): void {
    error.textContent = text;
    error.hidden = false;
  }

  const act = async (button: HTMLButtonElement, body: Parameters<typeof api.clockAction>[0]) => {
    error.hidden = true;
    button.disabled = true;
    try {
      const clock = await api.clockAction(body);
      showClock(clock);
    } catch (e) {
      error.textContent = errorText(e);
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  };

  playButton.addEventListener('click', () => {
    const running = app.state.clock?.mode !== 'paused';
    void act(playButton, running ? { action: 'pause' } : { action: 'play', speed: speed.value });
  });
  speed.addEventListener('change', () => void act(playButton, { action: 'play', speed: speed.value }));
  stepButton.addEventListener('click', () => void act(stepButton, { action: 'step', by: stepBy.value }));
  fastButton.addEventListener('click', () => void act(fastButton, { action: 'fast' }));
  const advanceForm = h(
    'form',
    {
      className: 'advance',
      'aria-label': 'Advance the clock to a date',
      // The picker offers dates from today on; a typed past date goes to the twin, which says why not.
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (!advanceDate.value) {
          error.textContent = 'Choose a date to advance to.';
          error.hidden = false;
          return;
        }
        void act(advanceButton, { action: 'advance', to: advanceDate.value });
      },
    },
    advanceDate,
    advanceButton,
  );

  function showClock(clock: ClockView): void {
    app.state.clock = clock;
    showTime(clock.now);
    const paused = clock.mode === 'paused';
    playButton.textContent = paused ? 'Play' : 'Pause';
    playButton.setAttribute('aria-label', paused ? 'Play: run the clock' : 'Pause the clock');
    const choice = speedChoice(clock.speedMsPerSecond);
    if (choice) speed.value = choice;
    mode.dataset.mode = clock.mode;
    mode.textContent =
      clock.mode === 'paused'
        ? 'Paused'
        : clock.mode === 'fast'
          ? 'Fast'
          : `Running ${speedLabel(clock.speedMsPerSecond)}`;
  }

  let shownMinute = -1;
  function showTime(now: number): void {
    const minute = Math.floor(now / 60_000);
    if (minute === shownMinute) return;
    shownMinute = minute;
    simTime.textContent = simDateTime(now);
    simTime.dateTime = new Date(now).toISOString();
    simDay.textContent = weekday(now);
    const today = simDate(now);
    if (advanceDate.min !== today) advanceDate.min = today;
    if (backDate.max !== today) backDate.max = today;
  }

  function showHash(hash: string): void {
    if (runHash.title === hash) return;
    runHash.textContent = shortHash(hash);
    runHash.title = `Run hash ${hash}`;
    runHash.setAttribute('aria-label', `Run hash ${hash}`);
  }

  app.stream.listen({
    hello(run, clock) {
      app.state.run = run;
      runName.textContent = run.name;
      runName.title = `${run.name} (${run.start} to ${run.until})`;
      runSeed.textContent = `seed ${run.seed}`;
      runFork.textContent = run.forkOf
        ? `fork of run ${run.forkOf.run} at ${run.forkOf.at.slice(0, 10)}`
        : run.id && run.id > 1
          ? `run ${run.id}`
          : '';
      runFork.title = runFork.textContent;
      backDate.min = run.start.slice(0, 10);
      showHash(run.hash);
      showClock(clock);
    },
    tick(tick) {
      showTime(tick.now);
      showHash(tick.hash);
      if (tick.mode && app.state.clock && tick.mode !== app.state.clock.mode) {
        showClock({ ...app.state.clock, mode: tick.mode, now: tick.now });
      }
    },
    clock(clock) {
      showClock(clock);
    },
    connection(state) {
      connection.dataset.state = state;
      connection.textContent =
        state === 'open' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…';
    },
  });

  return h(
    'div',
    { className: 'time-bar' },
    h(
      'div',
      { className: 'brand-run' },
      h('span', { className: 'brand-line' }, h('span', { className: 'brand' }, 'cardtwin'), connection),
      h('span', { className: 'run', 'aria-label': 'Run' }, runName, runSeed, runFork, runHash),
    ),
    h(
      'div',
      { className: 'clock', role: 'group', 'aria-label': 'Sim clock' },
      h('span', { className: 'sim-now' }, simDay, simTime, mode),
      h(
        'div',
        { className: 'clock-controls' },
        playButton,
        field('Speed', speed),
        h('span', { className: 'step-group' }, stepBy, stepButton),
        fastButton,
        advanceForm,
        timeTravel,
      ),
      error,
    ),
  );
}
