/**
 * `npm run sim -- chat --config scenario.json [--seed N] [--json] [--set key=value]`.
 * The scenario file is nested (`{"presence": {"d": 30000}}`) or dotted (`{"presence.d": 30000}`);
 * unknown or invalid keys exit with code 2 and a message naming the key.
 */
import type { CliIO } from '../../core/lab';
import { flatten, parseText, validate, type ParamError } from '../../core/params';
import { runHeadless } from '../../core/runner';
import { paramProblems } from '../../core/budget';
import { chatDefinition } from './definition';
import { chatSchema, type ChatParams } from './schema';
import type { ChatResult } from './result';

const CHAT_CLI_USAGE = `usage: npm run sim -- chat [--config scenario.json] [--preset id] [--seed N] [--json] [--set key=value ...]
scenario keys: users, devicesPerUser, onlineFraction, gateways, serverModel, memoryPerConnectionKB,
  gatewayRamGB, fdLimit, acceptRatePerSec, backlog, heartbeatMs, presence.{d, epsilon, strategy},
  sendsPerUserPerMin, groupShare, groupSize.{median, p99, max}, fanout, fanoutThreshold, receipts,
  reconnect.{policy, baseMs, capMs}, durationMs, faults (and more: see the lab's parameter list)`;

function fail(io: CliIO, errors: ParamError[] | string[]): number {
  for (const e of errors) io.stderr(`chat: ${typeof e === 'string' ? e : e.message}\n`);
  return 2;
}

async function runChatCli(args: string[], io: CliIO): Promise<number> {
  let configPath: string | undefined;
  let seed: number | undefined;
  let presetId: string | undefined;
  let json = false;
  const sets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--config') configPath = value();
      else if (a.startsWith('--config=')) configPath = a.slice(9);
      else if (a === '--seed' || a.startsWith('--seed=')) {
        const text = a === '--seed' ? value() : a.slice(7);
        const n = Number(text);
        if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return fail(io, [`seed = ${JSON.stringify(text)} is invalid: expected an integer from 0 to 4294967295`]);
        seed = n;
      } else if (a === '--json') json = true;
      else if (a === '--preset') presetId = value();
      else if (a.startsWith('--preset=')) presetId = a.slice(9);
      else if (a === '--set') sets.push(value());
      else if (a === '--help' || a === '-h') {
        io.stdout(CHAT_CLI_USAGE + '\n');
        return 0;
      } else return fail(io, [`unknown argument ${JSON.stringify(a)}\n${CHAT_CLI_USAGE}`]);
    } catch (e) {
      return fail(io, [(e as Error).message]);
    }
  }
  let input: Record<string, unknown> = {};
  if (presetId !== undefined) {
    const preset = chatDefinition.presets.find((p) => p.id === presetId);
    if (!preset) return fail(io, [`unknown preset ${JSON.stringify(presetId)}; known presets: ${chatDefinition.presets.map((p) => p.id).join(', ')}`]);
    input = { ...preset.params };
    if (seed === undefined && preset.seed !== undefined) seed = preset.seed;
  }
  if (configPath !== undefined) {
    let text: string;
    try {
      text = io.readFile(configPath);
    } catch (e) {
      return fail(io, [`cannot read config ${configPath}: ${(e as Error).message}`]);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return fail(io, [`config ${configPath} is not valid JSON: ${(e as Error).message}`]);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return fail(io, [`config ${configPath} must be a JSON object of scenario keys`]);
    input = { ...input, ...flatten(chatSchema, parsed as Record<string, unknown>) };
  }
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq < 0) return fail(io, [`--set ${s}: expected key=value`]);
    const key = s.slice(0, eq);
    const spec = (chatSchema as Record<string, (typeof chatSchema)[keyof typeof chatSchema]>)[key];
    input[key] = spec ? parseText(spec, s.slice(eq + 1)) : s.slice(eq + 1);
  }
  const v = validate(chatSchema, input);
  if (!v.ok) return fail(io, v.errors);
  const params = v.params as ChatParams;
  // the same refusals as the param panel and the generic CLI: cross-field rules, then the work budget
  const problems = paramProblems(chatDefinition, params);
  if (problems.length) return fail(io, problems);

  const runSeed = seed ?? 1;
  const { result } = runHeadless(chatDefinition, params, runSeed, (f) => io.progress(f, 'chat'));
  const r = result as ChatResult;
  if (json) io.stdout(JSON.stringify(r, null, 2) + '\n');
  else io.stdout(summary(r, params, runSeed));
  return 0;
}

function summary(r: ChatResult, p: ChatParams, seed: number): string {
  const f = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toLocaleString('en-US', { maximumFractionDigits: 2 }));
  const perSec = (x: number) => f(x / (p.durationMs / 1000));
  return [
    `chat: ${f(r.devices)} devices of ${f(p.users)} users on ${p.gateways} ${p.serverModel} gateways, ${p.durationMs / 1000} s, seed ${seed}`,
    `  sends ${f(r.sends)} (${perSec(r.sends)}/s)  socket writes ${f(r.socketWrites)} (${perSec(r.socketWrites)}/s)  offline enqueues ${f(r.offlineEnqueues)}  pushes ${f(r.pushes)}`,
    `  receipts ${f(r.receipts)}  heartbeats ${f(r.heartbeats)} (${perSec(r.heartbeats)}/s)  presence deliveries ${f(r.presenceDeliveries)} (${perSec(r.presenceDeliveries)}/s)`,
    `  delivery latency p50 ${f(r.deliveryLatencyMs.p50)} ms  p99 ${f(r.deliveryLatencyMs.p99)} ms  max ${f(r.deliveryLatencyMs.max)} ms  gateways touched/msg ${f(r.gatewaysTouchedMean)}`,
    `  reconnect: ${f(r.reconnect.attemptsPerClient)} attempts/client  peak ${f(r.reconnect.peakAttemptsPerSec)} attempts/s  recovered in ${r.reconnect.recoverMs === null ? 'n/a' : f(r.reconnect.recoverMs) + ' ms'}`,
    `  gateways needed ${r.gatewaysNeeded} (memory ${r.gatewaysNeededBy.memory}, fd ${r.gatewaysNeededBy.fd}, cpu ${r.gatewaysNeededBy.cpu})  peak memory/gateway ${f(r.memoryPerGatewayMB)} MB  max connections/gateway ${f(r.maxConnectionsPerGateway)}`,
    `  offline backlog ${f(r.offlineBacklog)}  storage writes ${f(r.storage.writes)}`,
    '',
  ].join('\n');
}

/** The lab's command line (`LabDefinition.cli`). */
export const chatCli = { usage: CHAT_CLI_USAGE, run: runChatCli };
