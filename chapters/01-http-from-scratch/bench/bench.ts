// Compares the chapter's server with node:http on the same keep-alive JSON endpoint: `pnpm bench`.
// Each server runs in its own child process, so autocannon (in this process) does not compete with it for the event
// loop. The two are measured in alternating rounds so that a burst of load from elsewhere on the machine hits both.
// Besides requests per second, each child reports the CPU time it spent per request, which depends far less on
// what else the machine is doing. This only reports; it is not a test.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { createServer } from '../solution/http/http.server';
import { json } from '../solution/http/response';

const KINDS = ['from scratch', 'node:http'] as const;
type Kind = (typeof KINDS)[number];

const PAYLOAD = { message: 'hello', items: [1, 2, 3], nested: { ok: true } };
const CONNECTIONS = 10;
const ROUNDS = 3;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

interface Child {
  process: ChildProcess;
  port: number;
}

interface Sample {
  requestsPerSecond: number;
  cpuMicrosPerRequest: number;
}

/** In a child process: serves the payload, reports its port, and answers CPU-time queries. */
async function serve(kind: Kind): Promise<void> {
  let port: number;
  if (kind === 'from scratch') {
    port = await createServer(() => json(200, PAYLOAD)).listen(0);
  } else {
    const server = http.createServer((_request, response) => {
      const body = JSON.stringify(PAYLOAD);
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  });
  // The parent's exit closes the IPC channel; that is our signal to stop.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ port });
}

function start(kind: Kind): Promise<Child> {
  const child = fork(__filename, ['serve', kind], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve({ process: child, port: message.port }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with code ${code}`)));
  });
}

function cpuMicros(child: Child): Promise<number> {
  return new Promise((resolve) => {
    child.process.once('message', (message: { cpuMicros: number }) => resolve(message.cpuMicros));
    child.process.send('cpu');
  });
}

async function load(kind: Kind, child: Child, seconds: number): Promise<Sample> {
  const cpuBefore = await cpuMicros(child);
  const result = await autocannon({
    url: `http://127.0.0.1:${child.port}/`,
    connections: CONNECTIONS,
    duration: seconds,
  });
  const cpu = (await cpuMicros(child)) - cpuBefore;
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`${kind}: ${result.errors} errors and ${result.non2xx} non-2xx responses`);
  }
  return { requestsPerSecond: result.requests.average, cpuMicrosPerRequest: cpu / result.requests.total };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  console.log(
    `${CONNECTIONS} keep-alive connections; ${ROUNDS} alternating rounds of ${SECONDS} s per server\n`,
  );
  const children = new Map<Kind, Child>();
  try {
    for (const kind of KINDS) children.set(kind, await start(kind));
    const samples = new Map<Kind, Sample[]>(KINDS.map((kind) => [kind, []]));
    for (const [kind, child] of children) await load(kind, child, 1); // warm-up: let the JIT settle
    for (let round = 0; round < ROUNDS; round++) {
      for (const [kind, child] of children) samples.get(kind)?.push(await load(kind, child, SECONDS));
    }
    const summary = new Map<Kind, Sample>();
    for (const [kind, list] of samples) {
      const sample = {
        requestsPerSecond: median(list.map((s) => s.requestsPerSecond)),
        cpuMicrosPerRequest: median(list.map((s) => s.cpuMicrosPerRequest)),
      };
      summary.set(kind, sample);
      console.log(
        `${kind.padEnd(12)} ${Math.round(sample.requestsPerSecond).toString().padStart(7)} req/s (median)` +
          `   ${sample.cpuMicrosPerRequest.toFixed(1).padStart(5)} µs CPU per request`,
      );
    }
    const scratch = summary.get('from scratch');
    const node = summary.get('node:http');
    if (scratch && node) {
      const throughput = (scratch.requestsPerSecond / node.requestsPerSecond).toFixed(2);
      const cpu = (scratch.cpuMicrosPerRequest / node.cpuMicrosPerRequest).toFixed(2);
      console.log(
        `\nfrom scratch vs node:http: ${throughput}× the requests per second, ${cpu}× the CPU per request`,
      );
    }
  } finally {
    for (const child of children.values()) child.process.kill();
  }
}

const [mode, kind] = process.argv.slice(2);
if (mode === 'serve') {
  void serve(kind as Kind);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
