/**
 * Runs the local network in this process until it is stopped (SIGTERM/SIGINT):
 * `mtemsm network start` launches it in the background.
 *
 *   node -r ts-node/register/transpile-only src/chain/serve.ts <port> <chain folder>
 */
import { startNode } from './node';

const main = async (): Promise<void> => {
  const [port, path] = process.argv.slice(2);
  const node = await startNode({ port: Number(port), path });
  const stop = (): void => {
    node.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`listening ${node.rpcURL}\n`);
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
