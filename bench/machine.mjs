// What the numbers were measured on: CPU, cores, RAM, Node, the source revision.
import { readFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';

function git(args, cwd) {
  try {
    // Read-only git: --no-optional-locks keeps `status` from refreshing the index.
    return execFileSync('git', ['--no-optional-locks', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function machineInfo(root) {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    /* not Linux */
  }
  const commit = git(['rev-parse', '--short', 'HEAD'], root);
  const dirty = git(['status', '--porcelain', '--', 'src', 'index.html', 'vite.config.ts'], root);
  return {
    date: new Date().toISOString(),
    cpu,
    cores: cpus().length,
    ramGb: totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit: commit ? `${commit}${dirty ? ' + uncommitted changes in src/' : ''}` : 'unknown',
    loadavg: loadavg(),
  };
}
