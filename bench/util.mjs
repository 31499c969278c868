// Small helpers shared by the benchmark modules: statistics, child processes, formatting.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
export const max = (xs) => xs.filter((x) => Number.isFinite(x)).reduce((a, b) => Math.max(a, b), -Infinity);

/** The run whose `key` is the median (lower median for even counts), so its details go together. */
export function medianRun(runs, key) {
  const ok = runs.filter((r) => Number.isFinite(key(r))).sort((a, b) => key(a) - key(b));
  return ok.length ? ok[Math.floor((ok.length - 1) / 2)] : null;
}

export const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

/**
 * Run `cmd args` as a child, passing its stderr through (progress lines), and read the JSON it
 * writes to a temporary --out file. Resolves { result } or { error } (never rejects).
 */
export function runJsonChild(cmd, args, { cwd, timeoutMs = 30 * 60_000 } = {}) {
  const out = join(tmpdir(), `bench-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((resolve) => {
    const child = spawn(cmd, [...args, '--out', out], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', (d) => process.stdout.write(String(d).replace(/^/gm, '    ')));
    child.stderr.on('data', (d) => {
      const s = String(d);
      stderr += s;
      // tsx/npm noise is not progress.
      process.stdout.write(s.split('\n').filter((l) => l && !/npm warn/.test(l)).map((l) => `    ${l}\n`).join(''));
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      try {
        const result = JSON.parse(readFileSync(out, 'utf8'));
        rmSync(out, { force: true });
        resolve({ result });
      } catch {
        const tail = stderr.trim().split('\n').slice(-6).join(' | ');
        resolve({ error: `exited with ${signal ?? code}${tail ? `: ${tail}` : ''}` });
      }
    });
  });
}

// ---- formatting (markdown cells) ----
export const fmtS = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(ms < 10_000 ? 2 : 1) : '—');
export const fmtMB = (mb) => (Number.isFinite(mb) ? (mb >= 100 ? mb.toFixed(0) : mb.toFixed(1)) : '—');
export const fmtMs = (ms) => (Number.isFinite(ms) ? ms.toFixed(0) : '—');
export const fmtX = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)}×` : '—');
export const mbPerS = (bytes, ms) => (Number.isFinite(ms) && ms > 0 ? bytes / 1e6 / (ms / 1000) : NaN);

// ---- a quiet machine ----

let quietWaitMs = 3 * 60_000;
/** `--no-wait`: measure at once even when the machine is busy (the report still says so). */
export function setQuietWait(ms) {
  quietWaitMs = ms;
}

/**
 * Timings on a 2-core machine are only worth something when nothing else runs. Before each
 * timed group, wait (up to `maxWaitMs`) until other processes use less than `threshold` cores;
 * returns the load seen, which the report prints next to the figures.
 */
export async function waitForQuiet({ threshold = 0.35, maxWaitMs = quietWaitMs, log: say = log } = {}) {
  const t0 = Date.now();
  const othersFor = async (ms) => {
    const m = othersCpu(ms);
    await new Promise((r) => setTimeout(r, ms));
    return m.stop();
  };
  let busy = await othersFor(2000);
  let told = false;
  while (busy > threshold && Date.now() - t0 < maxWaitMs) {
    if (!told) say(`machine busy (${busy.toFixed(2)} cores in use by other processes): waiting for it to calm down…`);
    told = true;
    await new Promise((r) => setTimeout(r, 5000));
    busy = await othersFor(2000);
  }
  if (told) say(busy > threshold ? `still busy (${busy.toFixed(2)} cores) after ${Math.round((Date.now() - t0) / 1000)} s: measuring anyway` : 'quiet again');
  return busy;
}

/**
 * CPU used by processes outside this one's process tree while a measurement runs (our children,
 * e.g. Chromium or a node child, are excluded): start() → { stop() → mean cores used by others }.
 */
export function othersCpu(everyMs = 1000) {
  const hz = 100; // USER_HZ on Linux
  const readAll = () => {
    const procs = new Map();
    for (const e of readdirSync('/proc')) {
      if (!/^\d+$/.test(e)) continue;
      try {
        const f = readFileSync(`/proc/${e}/stat`, 'utf8');
        const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
        procs.set(Number(e), { ppid: Number(rest[1]), cpu: Number(rest[11]) + Number(rest[12]) });
      } catch {
        /* gone */
      }
    }
    return procs;
  };
  const ours = (procs) => {
    const mine = new Set([process.pid]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [pid, p] of procs) if (!mine.has(pid) && mine.has(p.ppid)) (mine.add(pid), (grew = true));
    }
    return mine;
  };
  let prev = readAll();
  let prevT = Date.now();
  let jiffies = 0;
  const t0 = prevT;
  const tick = () => {
    const now = readAll();
    const mine = ours(now);
    for (const [pid, p] of now) {
      const before = prev.get(pid);
      if (!mine.has(pid) && before && before.ppid === p.ppid) jiffies += Math.max(0, p.cpu - before.cpu);
    }
    prev = now;
    prevT = Date.now();
  };
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      const secs = (prevT - t0) / 1000;
      return secs > 0 ? jiffies / hz / secs : 0;
    },
  };
}
