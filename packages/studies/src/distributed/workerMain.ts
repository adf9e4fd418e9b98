/**
 * Stand-alone entry of a study worker (the same as `quantkit worker`), for hosts without the CLI package and for
 * the multi-process tests: `node --conditions=@quantkit/source --import tsx workerMain.ts --nats <url>
 * [--concurrency n] [--ack-wait ms] [--max-deliver n] [--name s] [--verbose]`.
 */
import { workerCommand } from "../cli/workerCli.js";

const args = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const num = (name: string): number | undefined => {
  const v = value(name);
  return v === undefined ? undefined : Number(v);
};
const nats = value("nats");
if (nats === undefined) {
  console.error(
    "usage: workerMain.ts --nats <url> [--concurrency n] [--ack-wait ms] [--max-deliver n] [--verbose]",
  );
  process.exit(2);
}
const concurrency = num("concurrency");
const ackWaitMs = num("ack-wait");
const maxDeliver = num("max-deliver");
const name = value("name");
try {
  await workerCommand({
    nats,
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(ackWaitMs !== undefined ? { ackWaitMs } : {}),
    ...(maxDeliver !== undefined ? { maxDeliver } : {}),
    ...(name !== undefined ? { name } : {}),
    verbose: args.includes("--verbose"),
  });
} catch (e) {
  console.error(`quantkit worker: ${(e as Error).message}`);
  process.exit(1);
}
