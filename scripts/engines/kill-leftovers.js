/**
 * Kills every OpenBao dev server the engine suite's harness (test/engines/bao-server.ts) started and that is still
 * running: each server writes its pid to .engines/run/ and removes it when it exits, so what is left there belongs to
 * a test worker that died before its exit hook ran. Used as the engine suite's jest globalTeardown and by
 * scripts/engines/run.js. Only processes whose command line is a `bao server -dev` are killed.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const runDir = path.resolve(__dirname, '..', '..', '.engines', 'run');

function killLeftovers() {
  let killed = 0;
  for (const file of fs.existsSync(runDir) ? fs.readdirSync(runDir) : []) {
    const pid = Number(fs.readFileSync(path.join(runDir, file), 'utf8'));
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes('bao') && cmdline.includes('-dev')) {
        process.kill(pid, 'SIGKILL');
        killed++;
      }
    } catch {
      // Already gone.
    }
    fs.rmSync(path.join(runDir, file), { force: true });
  }
  if (killed > 0) console.error(`test:engines: killed ${killed} OpenBao server(s) a test worker left behind`);
  return killed;
}

module.exports = killLeftovers;
module.exports.killLeftovers = killLeftovers;
