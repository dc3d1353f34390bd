/**
 * A private NEO 2 node (neo-one's FullNode) with one validator: the local network
 * the members' command line, the thesis experiment and the benchmarks run on.
 *
 * The validator's key is neo-one's private-net key, so the genesis NEO and GAS belong
 * to the same "master" account neo-one's own tools and generated client use.
 */
import { privateKeyToScriptHash } from '@neo-one/client-common';
import { FullNode } from '@neo-one/node';
import { createMain } from '@neo-one/node-neo-settings';
import { setGlobalLogLevel } from '@neo-one/logger';
import { constants } from '@neo-one/utils';
import { useNativeCrypto } from './crypto';

export const MASTER_PRIVATE_KEY: string = constants.PRIVATE_NET_PRIVATE_KEY;

export interface RunningNode {
  readonly rpcURL: string;
  readonly stop: () => Promise<void>;
}

/** Starts a node on `port`, keeping the chain in `path` (a folder) or in memory when `path` is undefined. */
export const startNode = async ({ port, path }: { readonly port: number; readonly path?: string }): Promise<RunningNode> => {
  setGlobalLogLevel('silent');
  useNativeCrypto();
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
