// Speed as users feel it (issue #19), each figure with the extension on and off in the same
// run: the rest of the portal under DOM churn, the agent's cost on a non-token page load,
// navigation detection, the delay a click on the token page adds to the page's next paint,
// and the memory a token tab costs.
import os from 'node:os';
import { PAGE, dialog, levelBox } from '../support/replica-page.mjs';
import { assistantFrame } from '../support/extension.mjs';
import { CONTROL_HOST, PORTAL_PAGE, waitForAgent } from './portal.mjs';
import pageTexts from '../../src/core/data/ado-page-texts.json' with { type: 'json' };

const T = (key) => pageTexts.texts[key].en;
const MB = 1024 * 1024;

const sorted = (xs) => xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
export function quantile(xs, q) {
  const v = sorted(xs);
  if (!v.length) return NaN;
  const at = (v.length - 1) * q;
  const lo = Math.floor(at);
  return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (at - lo);
}
const median = (xs) => quantile(xs, 0.5);
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const log = (...a) => console.error('#', ...a);
const f3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/** A non-token portal page, loaded, with the agent (if any) injected and settled. */
async function openPortal(context, withExt, host = undefined) {
  const page = await context.newPage();
  const injected = withExt && !host ? waitForAgent(context, page) : null;
  await page.goto(PORTAL_PAGE('contoso', host));
  await injected;
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
  return page;
}

// ---------------------------------------------------------------- portal page under churn
/**
 * A portal page loaded and settled for a churn run, with its CPU metrics enabled: `host`
 * undefined is the Azure DevOps host (the agent injected where the browser has it).
 */
async function churnPage(context, withExt, { host, profile = false } = {}) {
  const page = await openPortal(context, withExt, host);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  return { page, cdp, profile };
}

/**
 * Main-thread CPU time (CDP ThreadTime) while the page applies its churn, and the wall time
 * of its tasks (TaskDuration: script, style, layout, paint), which on a loaded machine also
 * counts the time the thread waited for a core.
 */
async function churnMeasure({ page, cdp, profile }, { perSecond, seconds }) {
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metrics();
  const { mutations } = await page.evaluate((o) => window.__portal.churn(o), { perSecond, seconds });
  const after = await metrics();
  const threadMs = (after.ThreadTime - before.ThreadTime) * 1000;
  const taskMs = (after.TaskDuration - before.TaskDuration) * 1000;
  const layouts = after.LayoutCount - before.LayoutCount;
  let agentMs = NaN;
  if (profile) agentMs = extensionSelfMs((await cdp.send('Profiler.stop')).profile);
  await cdp.detach();
  await page.close();
  return { threadMs, taskMs, layouts, mutations, agentMs };
}

function extensionSelfMs(profile) {
  const url = new Map(profile.nodes.map((n) => [n.id, n.callFrame.url]));
  let us = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    if ((url.get(profile.samples[i]) ?? '').startsWith('chrome-extension://')) us += profile.timeDeltas[i + 1] ?? 0;
  }
  return us / 1000;
}

/**
 * One round: every side's page loaded, then all of them churning at the same time, so that
 * whatever else the machine runs meanwhile weighs on every side alike. Run one after the
 * other, the sides of a round met different load, and on this shared 2-core machine the
 * per-round ratio spread 5–11 % (log standard deviation); run together, 1–3 %. The sides
 * are loaded and started in an order that rotates with the round, and the per-round line on
 * stderr carries the load average.
 */
async function churnRound(sides, o, round) {
  const order = sides.map((_, k) => sides[(k + round) % sides.length]);
  const pages = [];
  for (const [, open] of order) pages.push(await open());
  // Every page starts from a collected heap, whether it loaded first or last.
  await Promise.all(pages.map((p) => p.cdp.send('HeapProfiler.collectGarbage')));
  const results = await Promise.all(pages.map((p) => churnMeasure(p, o)));
  const r = Object.fromEntries(order.map(([side], k) => [side, results[k]]));
  log(`churn round ${round}: load ${os.loadavg()[0].toFixed(1)}, ${order.map(([side]) => `${side} ${r[side].threadMs.toFixed(0)}`).join(', ')} ms`);
  return r;
}

/** A seeded bootstrap of the median: its 5th and 95th percentiles over 2,000 resamples. */
function bootstrapMedian(xs, resamples = 2000) {
  let seed = 19;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const medians = [];
  for (let b = 0; b < resamples; b++) medians.push(median(xs.map(() => xs[Math.floor(rand() * xs.length)])));
  return [quantile(medians, 0.05), quantile(medians, 0.95)];
}

async function portalChurn({ on, off, launchPlain, launchEmptyAgent }, row, runs) {
  const perSecond = Number(process.env.BENCH_CHURN_RATE ?? 20_000);
  const seconds = Number(process.env.BENCH_CHURN_SECONDS ?? 10);
  const o = { perSecond, seconds };
  // BENCH_CHURN_RUNS rounds (default BENCH_RUNS + 4, since a round's ratio is the noisiest
  // figure here), after one warm-up round that is discarded (a fresh renderer's first page).
  const n = Math.max(1, Number(process.env.BENCH_CHURN_RUNS ?? runs + 4));
  // A/A: a second browser launched exactly as `off`. Its ratio to `off` is what two browsers
  // without the extension differ by in this row: the floor below which on / off says nothing.
  const off2 = await launchPlain();
  const sides = [
    ['off', () => churnPage(off, false)],
    ['on', () => churnPage(on, true)],
    // Control: the extension browser on a host the agent is not injected into.
    ['control', () => churnPage(on, true, { host: CONTROL_HOST })],
    ['off2', () => churnPage(off2, false)],
  ];
  // BENCH_CHURN_EMPTY=1: a fifth side, the extension with an empty content script in the
  // agent's place, so that on / empty is the agent's code alone (off by default: a fifth
  // renderer on two cores makes every round longer).
  if (process.env.BENCH_CHURN_EMPTY) {
    const empty = await launchEmptyAgent();
    sides.push(['empty', () => churnPage(empty, true)]);
  }
  const started = Date.now();
  await churnRound(sides, o, 0);
  const rounds = [];
  const loads = [];
  for (let i = 0; i < n; i++) {
    loads.push(os.loadavg()[0]);
    rounds.push(await churnRound(sides, o, i + 1));
  }
  const roundsMs = Date.now() - started;
  // The agent's own script time in one more run, alone, from a CPU profile (the profiler's
  // overhead stays out of the ratios); the observer's records are the browser's time, not its.
  const profiled = await churnMeasure(await churnPage(on, true, { profile: true }), o);
  const of = (side, k = 'threadMs') => rounds.map((r) => r[side][k]);
  const ratio = (a, b) => rounds.map((r) => r[a].threadMs / r[b].threadMs);
  const interval = (xs) => {
    const [lo, hi] = bootstrapMedian(xs);
    return `median ${f3(median(xs))}, 90 % bootstrap interval ${f3(lo)}–${f3(hi)}, quartiles ${f3(quantile(xs, 0.25))}–${f3(quantile(xs, 0.75))}, range ${f3(quantile(xs, 0))}–${f3(quantile(xs, 1))}`;
  };
  const ratios = ratio('on', 'off');
  const aa = ratio('off2', 'off');
  const mutations = rounds[0].on.mutations;
  const load = `load average ${f1(quantile(loads, 0))}–${f1(quantile(loads, 1))}`;
  row('portal page under churn, main-thread CPU time on / off', median(ratios), 'x', 1.01, {
    n,
    note: `median of per-round ratios, the sides churning at the same time in rotating order, warm-up round discarded; ${interval(ratios)}; A/A floor (next row) ${f3(median(aa))}, and two launches of the browsers differ by up to 2 %, which the interval does not cover (docs/ARCHITECTURE.md); ${mutations} mutations in ${seconds * 60} frames (${seconds} s at 60 fps); CPU on ${f1(median(of('on')))} ms, off ${f1(median(of('off')))} ms; task time on ${f1(median(of('on', 'taskMs')))}, off ${f1(median(of('off', 'taskMs')))} ms; layouts on ${median(of('on', 'layouts'))}, off ${median(of('off', 'layouts'))}; agent script ${f2(profiled.agentMs)} ms (CPU profile, a run alone); ${load}; ${n + 1} rounds took ${f1(roundsMs / 1000)} s`,
  });
  row('  A/A: a second browser without the extension, off2 / off', median(aa), 'x', null, {
    n,
    note: `the measurement's own spread, with nothing differing but the browser instance; ${interval(aa)}; report-only`,
  });
  row('  control: same page on a host without the agent, on / off', median(ratio('control', 'off')), 'x', null, {
    n,
    note: `the extension browser's own difference, not the agent's; CPU ${f1(median(of('control')))} ms; ${interval(ratio('control', 'off'))}`,
  });
  row('  the agent alone: on / control (same browser, agent injected or not)', median(ratio('on', 'control')), 'x', null, {
    n,
    note: interval(ratio('on', 'control')),
  });
  if (rounds[0].empty) {
    row('  the agent\'s code alone: on / empty content script (BENCH_CHURN_EMPTY)', median(ratio('on', 'empty')), 'x', null, {
      n,
      note: `the extension with an empty agent.js, same rounds; ${interval(ratio('on', 'empty'))}; empty / off ${f3(median(ratio('empty', 'off')))}`,
    });
  }
}

// ---------------------------------------------------------------- page-load cost (non-token page)
/** The agent's compile + run and its callbacks during a non-token page load (ms), from a trace. */
async function loadCost(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', categories: 'devtools.timeline,v8' });
  const injected = waitForAgent(context, page);
  await page.goto(PORTAL_PAGE());
  await injected;
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  await page.close();
  // Thread time (tdur): on a loaded machine the wall time (dur) also counts the time the
  // main thread waited for a core.
  const ours = (e) => String(e.args?.data?.url ?? '').startsWith('chrome-extension://');
  let evaluate = 0;
  let callbacks = 0;
  let compile = 0;
  let wall = 0;
  for (const e of events) {
    if (e.ph !== 'X' || !ours(e)) continue;
    const us = e.tdur ?? e.dur;
    if (e.name === 'EvaluateScript') evaluate += us;
    else if (e.name === 'FunctionCall') callbacks += us;
    else if (e.name === 'v8.compile') compile += us;
    if (e.name === 'EvaluateScript' || e.name === 'FunctionCall') wall += e.dur;
  }
  return { ms: (evaluate + callbacks) / 1000, compileMs: compile / 1000, callbackMs: callbacks / 1000, wallMs: wall / 1000 };
}

async function pageLoad(on, row, runs) {
  await loadCost(on); // warm-up: the first page of a renderer also creates the extension's bindings
  const xs = [];
  for (let i = 0; i < runs; i++) xs.push(await loadCost(on));
  row('agent cost of a non-token page load (parse + run)', median(xs.map((x) => x.ms)), 'ms', 1, {
    n: runs,
    note: `trace, thread time of chrome-extension:// scripts' EvaluateScript + callbacks; of which compile ${f2(median(xs.map((x) => x.compileMs)))} ms, callbacks ${f2(median(xs.map((x) => x.callbackMs)))} ms; wall ${f2(median(xs.map((x) => x.wallMs)))} ms`,
  });
}

// ---------------------------------------------------------------- navigation detection
/** pushState to the token path by the page → the assistant's host element in the page (ms). */
async function navigationRun(context) {
  const page = await openPortal(context, true);
  await page.evaluate(() => {
    window.__pgGridAt = null;
    window.__pgHostAt = null;
    new MutationObserver(() => {
      const now = performance.now();
      if (!window.__pgGridAt && [...document.querySelectorAll('[role="grid"]')].some((g) => !g.closest('[data-patguard]'))) window.__pgGridAt = now;
      if (!window.__pgHostAt && document.querySelector('[data-patguard="host"]')) window.__pgHostAt = now;
    }).observe(document, { subtree: true, childList: true });
  });
  const pushAt = await page.evaluate(() => window.__portal.openTokens('contoso'));
  await page.waitForFunction(() => window.__pgHostAt, null, { timeout: 10_000, polling: 10 });
  const { gridAt, hostAt } = await page.evaluate(() => ({ gridAt: window.__pgGridAt, hostAt: window.__pgHostAt }));
  await page.close();
  return { mounted: hostAt - pushAt, afterGrid: hostAt - gridAt };
}

async function navigation(on, row, runs) {
  await navigationRun(on);
  const xs = [];
  for (let i = 0; i < runs; i++) xs.push(await navigationRun(on));
  row('client-side navigation to the token page → assistant mounted', median(xs.map((x) => x.afterGrid)), 'ms', 17, {
    n: runs,
    note: `from the token list in the DOM (within one frame); from pushState ${f1(median(xs.map((x) => x.mounted)))} ms, which includes the page loading and rendering the list`,
  });
}

// ---------------------------------------------------------------- interaction delay + memory
// The page's next paint after a click, measured rAF-based: Event Timing's duration is
// rounded to 8 ms, too coarse for a 2 ms goal. A capture listener on the page's window (it
// runs before the page's and the agent's own handlers) takes the click's timestamp and asks
// for an animation frame; a message posted from that frame's callback runs as the next task,
// after the frame's rendering work (our snapshot in a frame callback included) is done.
// Where in the frame interval the click lands is chance (0–16.7 ms to the next frame), so
// the frame's own work — its first callback to that task — is kept too: what we add to it
// does not depend on that chance.
function installPaintProbe() {
  window.__pgDelays = [];
  window.__pgFrameWork = [];
  window.__pgEventTiming = [];
  window.addEventListener(
    'click',
    (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => {
        const frameAt = performance.now();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          window.__pgFrameWork.push(performance.now() - frameAt);
          window.__pgDelays.push(performance.now() - t0);
        };
        ch.port2.postMessage(0);
      });
    },
    true,
  );
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'click') window.__pgEventTiming.push(e.duration);
    }).observe({ type: 'event', durationThreshold: 16, buffered: false });
  } catch {}
}

async function openForm(context, withExt) {
  const page = await context.newPage();
  await page.goto(PAGE('contoso', 'csp=strict'));
  await page.getByRole('grid').waitFor();
  await page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(page, T('create_title'));
  await panel.waitFor();
  if (withExt) await assistantFrame(page);
  await page.evaluate(installPaintProbe);
  return { page, panel };
}

async function clickOnce({ page, panel }) {
  const count = await page.evaluate(() => window.__pgDelays.length);
  await levelBox(panel, 'Code', 'Read').click();
  await page.waitForFunction((n) => window.__pgDelays.length > n, count, { polling: 'raf' });
  // Let the assistant's round trip (snapshot → findings → outlines) finish before the next click.
  await page.waitForTimeout(120);
}

/** Assistant frame: its renderer's JS heap (after GC) and the core's wasm memory; agent: page heap on − off. */
async function memory(onCtx, offCtx, onPage, offPage) {
  const heap = async (ctx, target) => {
    const cdp = await ctx.newCDPSession(target);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return usedSize;
  };
  const frame = await assistantFrame(onPage);
  const frameHeap = await heap(onCtx, frame);
  const wasm = await frame.evaluate(async () => {
    const glue = await import(new URL('pkg/patguard_assistant.js', location.href).href);
    return (await glue.default()).memory.buffer.byteLength; // init returns the running instance
  });
  const agent = (await heap(onCtx, onPage)) - (await heap(offCtx, offPage));
  return { frameHeap, wasm, agent };
}

async function interaction(on, off, row, runs) {
  const clicks = Math.max(50, Number(process.env.BENCH_CLICKS ?? 60));
  const a = await openForm(on, true);
  const b = await openForm(off, false);
  for (let i = 0; i < 4; i++) {
    await clickOnce(a);
    await clickOnce(b);
  }
  const reset = () => {
    window.__pgDelays = [];
    window.__pgFrameWork = [];
    window.__pgEventTiming = [];
  };
  await a.page.evaluate(reset);
  await b.page.evaluate(reset);
  for (let i = 0; i < clicks; i++) {
    await clickOnce(b);
    await clickOnce(a);
  }
  const got = (p) => p.evaluate(() => ({ d: window.__pgDelays, w: window.__pgFrameWork, et: window.__pgEventTiming }));
  const da = await got(a.page);
  const db = await got(b.page);
  const p = (xs, q) => quantile(xs, q);
  row('click on a scope checkbox → next paint, p75 on − off', p(da.d, 0.75) - p(db.d, 0.75), 'ms', 2, {
    n: clicks,
    note: `p50 on ${f1(p(da.d, 0.5))} / off ${f1(p(db.d, 0.5))} ms, p75 on ${f1(p(da.d, 0.75))} / off ${f1(p(db.d, 0.75))} ms (rAF + task after the click); Event Timing clicks ≥ 16 ms: on ${da.et.length}, off ${db.et.length}`,
  });
  row('  same, p50 on − off', p(da.d, 0.5) - p(db.d, 0.5), 'ms', null, { n: clicks });
  row('  the click\'s frame (first frame callback → after its paint), p75 on − off', p(da.w, 0.75) - p(db.w, 0.75), 'ms', null, {
    n: clicks,
    note: `p50 on ${f1(p(da.w, 0.5))} / off ${f1(p(db.w, 0.5))} ms, p75 on ${f1(p(da.w, 0.75))} / off ${f1(p(db.w, 0.75))} ms: the work in that frame, free of where the click fell in the frame interval`,
  });
  const m = await memory(on, off, a.page, b.page);
  const total = (m.frameHeap + m.wasm + Math.max(0, m.agent)) / MB;
  row('memory per token tab (frame heap + wasm + agent heap)', total, 'MB', 8, {
    note: `assistant frame JS heap ${f2(m.frameHeap / MB)} MB (its renderer's isolate, after GC), wasm memory ${f2(m.wasm / MB)} MB, agent: page heap on − off ${f2(m.agent / MB)} MB`,
  });
  await a.page.close();
  await b.page.close();
  return runs;
}

/**
 * The rows of issue #19; `on` has the extension, `off` is the same browser without it.
 * BENCH_USER=load,navigation,click,churn picks some of them (default: all).
 */
export async function userSpeedFigures({ on, off, launchPlain, launchEmptyAgent, row, runs }) {
  const pick = new Set((process.env.BENCH_USER ?? 'load,navigation,click,churn').split(','));
  if (pick.has('load')) await pageLoad(on, row, runs);
  if (pick.has('navigation')) await navigation(on, row, runs);
  if (pick.has('click')) await interaction(on, off, row, runs);
  if (pick.has('churn')) await portalChurn({ on, off, launchPlain, launchEmptyAgent }, row, runs);
}
