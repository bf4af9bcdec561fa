// Single-threaded throughput of bpmn-engine (npm) on a linear user-task model, the peer half of
// bench/peer/run-side-by-side.sh. It mirrors G2G.Benchmarks' --throughput mode step for step:
//   parse the model once; then, for N seconds, as many instances as possible:
//   start -> every user task signalled as it waits -> end; report instances/s.
//
// Usage (from the folder bpmn-engine was installed into, so its packages resolve):
//   node bpmn-engine-throughput.mjs --model approval-5.bpmn [--seconds 10] [--warmup 2] [--tasks 5]
//
// Parse once: the XML goes through bpmn-moddle and moddle-context-serializer a single time — the
// documented way to hand bpmn-engine a prepared source (new Engine({ sourceContext }), see its API
// docs for addSource/sourceContext) — so each instance pays only for building its definition from
// that context and running it, not for XML parsing. A silent Logger replaces the debug logger.

import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';

import { Engine } from 'bpmn-engine';
import BpmnModdle from 'bpmn-moddle';
import * as elements from 'bpmn-elements';
import Serializer, { TypeResolver } from 'moddle-context-serializer';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const modelPath = option('model', 'approval-5.bpmn');
const seconds = Number(option('seconds', '10'));
const warmupSeconds = Number(option('warmup', '2'));
const expectedTasks = Number(option('tasks', '5'));

const silent = () => {};
function SilentLogger() {
  return { debug: silent, error: silent, warn: silent };
}

async function prepare(xml) {
  const moddleContext = await new BpmnModdle().fromXML(xml);
  const unknown = (moddleContext.warnings || []).filter((w) => w.error);
  for (const warning of unknown) console.error(`bpmn-moddle warning: ${warning.message}`);
  return Serializer(moddleContext, TypeResolver({ ...elements }));
}

let instanceNumber = 0;

/** One instance: start, signal each user task as it waits, wait for the end. Returns the number of tasks. */
async function runInstance(sourceContext) {
  const number = instanceNumber++;
  const engine = new Engine({ name: `approval-${number}`, sourceContext, Logger: SilentLogger });
  const waiting = [];
  const listener = new EventEmitter();
  listener.on('activity.wait', (api) => waiting.push(api));
  const ended = engine.waitFor('end');
  await engine.execute({
    listener,
    variables: { title: `关于第${number % 1000000}号来文的请示`, amount: 1000 + (number % 500000) },
  });
  let signalled = 0;
  while (waiting.length > 0) {
    waiting.shift().signal({ outcome: 'approve' });
    signalled++;
  }
  await ended;
  if (signalled !== expectedTasks) throw new Error(`Instance ${number} had ${signalled} user tasks, expected ${expectedTasks}.`);
  return signalled;
}

async function runFor(sourceContext, durationSeconds) {
  let instances = 0;
  let commands = 0;
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  while (performance.now() < deadline) {
    commands += 1 + (await runInstance(sourceContext));
    instances++;
  }
  return { instances, commands, elapsed: (performance.now() - started) / 1000 };
}

const xml = readFileSync(modelPath, 'utf8');
const parseStart = performance.now();
const sourceContext = await prepare(xml);
const parseMs = performance.now() - parseStart;

await runFor(sourceContext, warmupSeconds);

const heapBefore = process.memoryUsage().heapUsed;
const cpuBefore = process.cpuUsage();
const { instances, commands, elapsed } = await runFor(sourceContext, seconds);
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const perSecond = instances / elapsed;

console.log(
  `bpmn-engine: ${instances.toLocaleString('en-US')} instances (${commands.toLocaleString('en-US')} start/signal calls) in ${elapsed.toFixed(2)} s on one thread = ${perSecond.toFixed(0)} instances/s`
);
console.log(
  `bpmn-engine: parse once ${parseMs.toFixed(1)} ms (cold); process CPU ${cpuSeconds.toFixed(2)} s = ${(instances / cpuSeconds).toFixed(0)} instances per CPU-second; heap ${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(1)} MB change`
);
console.log(
  `RESULT engine=bpmn-engine instances_per_sec=${perSecond.toFixed(1)} instances_per_cpu_sec=${(instances / cpuSeconds).toFixed(1)} instances=${instances} seconds=${elapsed.toFixed(3)} cpu_seconds=${cpuSeconds.toFixed(3)}`
);
