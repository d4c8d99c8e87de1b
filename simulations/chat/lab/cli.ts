/**
 * `npm run sim -- chat --config scenario.json [--seed N] [--json] [--set key=value]`.
 * The scenario file is nested (`{"presence": {"d": 30000}}`) or dotted (`{"presence.d": 30000}`);
 * unknown or invalid keys exit with code 2 and a message naming the key. `--backoff-file` races the
 * learner's reconnect policy against the built-ins (code lab; a bad file exits 2 with its line:col).
 */
import type { CliIO } from '../../core/lab';
import { runLabCli } from '../../core/cli';
import { mentionsFlag, runCodeRaceCli, textTable } from '../../core/codeRaceCli';
import { chatDefinition } from './definition';
import type { ChatParams } from './schema';
import type { ChatResult } from './result';
import { numberText } from '@/simulations/core/numberText';

const CHAT_CLI_USAGE = `usage: npm run sim -- chat [--config scenario.json] [--preset id] [--seed N] [--json] [--set key=value ...]
scenario keys: users, devicesPerUser, onlineFraction, gateways, serverModel, memoryPerConnectionKB,
  gatewayRamGB, fdLimit, acceptRatePerSec, backlog, heartbeatMs, presence.{d, epsilon, strategy},
  sendsPerUserPerMin, groupShare, groupSize.{median, p99, max}, fanout, fanoutThreshold, receipts,
  reconnect.{policy, baseMs, capMs}, durationMs, faults (and more: see the lab's parameter list)
--backoff-file my-backoff.ts: race your reconnect policy (TypeScript exporting createPolicy(env) ->
  { delayMs(input) }, see the chat lab's code panel) against the six built-in policies with the same
  settings and seed (e.g. --preset restart-storm-no-jitter); one row each.`;

const BACKOFF_FLAG = '--backoff-file';

/** One policy's run in a race (code-lab/chat/race.ts makes them; scripts/sim.ts lends the racer). */
interface BackoffRace {
  rows: { policy: string; result: ChatResult }[];
  ticks: number;
  waits: number;
}

async function runChatCli(args: string[], io: CliIO, extras: Readonly<Record<string, unknown>> = {}): Promise<number> {
  if (mentionsFlag(args, BACKOFF_FLAG)) {
    return runCodeRaceCli<ChatParams, BackoffRace>(chatDefinition, args, io, extras, {
      flag: BACKOFF_FLAG,
      noun: 'backoff policy',
      racer: 'raceBackoffFile',
      usage: CHAT_CLI_USAGE,
      json: (race, seed) => ({ seed, waits: race.waits, ticks: race.ticks, rows: race.rows.map((r) => ({ policy: r.policy, reconnect: r.result.reconnect })) }),
      text: (race) => {
        const f = (x: number | null) => (x === null ? 'n/a' : String(x));
        return `${textTable(
          ['policy', 'recovered ms', 'attempts/client', 'peak attempts/s', 'still disconnected', 'rejected (backlog)'],
          race.rows.map(({ policy, result: { reconnect: r } }) => [policy, f(r.recoverMs), f(r.attemptsPerClient), String(r.peakAttemptsPerSec), String(r.stillDisconnected), String(r.rejected.backlog)]),
        )}\nyour policy: ${race.waits} waits, ${race.ticks} ticks\n`;
      },
    });
  }
  // the shared parser does flags, presets, config, seeds and checks; the lab adds only its summary
  return runLabCli(chatDefinition, args, io, {
    usage: CHAT_CLI_USAGE,
    text: (result, params, seed) => summary(result as ChatResult, params as ChatParams, seed),
  });
}

function summary(r: ChatResult, p: ChatParams, seed: number): string {
  const f = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : numberText(x, 2));
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
