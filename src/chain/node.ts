/**
 * A private NEO 2 node (neo-one's FullNode) with one validator: the local network
 * the members' command line, the thesis experiment and the benchmarks run on.
 *
 * The validator's key is neo-one's private-net key, so the genesis NEO and GAS belong
 * to the same "master" account neo-one's own tools and generated client use.
 */
import { privateKeyToScriptHash } from '@neo-one/client-common';
import { createHash } from 'crypto';
import { AddressInfo, createServer } from 'net';
// The node's packages are loaded by startNode only: every command line run imports this
// module (for the master key) and would otherwise spend about a second loading a full node.
import type { FullNode as FullNodeType } from '@neo-one/node';
import { constants } from '@neo-one/utils';
import { useNativeCrypto } from './crypto';
import { speedUpVM } from './vm';

export const MASTER_PRIVATE_KEY: string = constants.PRIVATE_NET_PRIVATE_KEY;

export interface RunningNode {
  readonly rpcURL: string;
  readonly stop: () => Promise<void>;
}

/**
 * neo-one's VM names the line of every FAULT by disassembling the whole failing script
 * (about 60 KB here) each time: a tenth of a rejection test's time. The disassembly of a
 * script never changes, so it is kept per script (a few scripts, so a small map). The
 * VM reads the function through @neo-one/node-core's exports object, replaced here.
 */
const memoizeDisassembly = (): void => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const core = require('@neo-one/node-core');
  if (core.disassembleByteCode.memoized === true) {
    return;
  }
  const original = core.disassembleByteCode;
  const kept = new Map<string, unknown>();
  const memoized = (bytes: Buffer): unknown => {
    const key = createHash('sha1').update(bytes).digest('hex');
    let result = kept.get(key);
    if (result === undefined) {
      result = original(bytes);
      if (kept.size >= 32) {
        kept.delete(kept.keys().next().value as string);
      }
      kept.set(key, result);
    }

    return result;
  };
  memoized.memoized = true;
  core.disassembleByteCode = memoized;
};

/**
 * A TCP port free on localhost now, chosen by the system. Test files used to draw a random
 * port among 20,000: two nodes drawing the same one is rare, but then neo-one's node never
 * settles its start (its RPC server's EADDRINUSE is not passed on) and the test waits out
 * its whole timeout.
 */
export const freePort = async (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, 'localhost', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/**
 * Starts a node on `port` (a free one when not given), keeping the chain in `path` (a
 * folder) or in memory when `path` is undefined.
 */
export const startNode = async ({ port: given, path }: { readonly port?: number; readonly path?: string } = {}): Promise<RunningNode> => {
  const port = given ?? (await freePort());
  /* eslint-disable @typescript-eslint/no-var-requires */
  const { FullNode }: { FullNode: typeof FullNodeType } = require('@neo-one/node');
  const { createMain } = require('@neo-one/node-neo-settings');
  const { setGlobalLogLevel } = require('@neo-one/logger');
  /* eslint-enable @typescript-eslint/no-var-requires */
  setGlobalLogLevel('silent');
  useNativeCrypto();
  speedUpVM();
  memoizeDisassembly();
  const node = new FullNode({
    options: {
      path: path ?? '/tmp/mtemsm-memory-node/',
      blockchain: createMain({
        privateNet: true,
        standbyValidators: [constants.PRIVATE_NET_PUBLIC_KEY],
        address: privateKeyToScriptHash(MASTER_PRIVATE_KEY),
      }),
      rpc: { http: { port, host: 'localhost' }, readyHealthCheck: {}, liveHealthCheck: {} },
      node: { consensus: { privateKey: MASTER_PRIVATE_KEY, privateNet: true } },
    },
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    ...(path === undefined ? { leveldown: require('memdown')() } : {}),
  } as any);
  await node.start();

  return { rpcURL: `http://localhost:${port}/rpc`, stop: async () => node.stop() };
};
