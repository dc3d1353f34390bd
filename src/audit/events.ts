/**
 * Reads every event of a deployed MTEMsm group (ledger `MTEMsm`, `MTEMsmPlants`,
 * `MTEMsmReferendums`) from a node, in emission order, with block times, as the
 * input of src/audit/rebuild.ts.
 *
 * Emission order. The node numbers every action (notification or log) of a
 * transaction 0, 1, 2, … in the order the VM executes it, across all contracts the
 * transaction calls: a `powerUpResult` gives process (referendums, 0), plant (plants, 1),
 * process (plants, 2). That is the `index` of an event; the block's transactions are in
 * block order (`transactionIndex`). So (blockIndex, transactionIndex, index) is a
 * total order of the three contracts' events; the node's `globalIndex` (a counter of
 * all actions on the chain) follows the same order.
 *
 * Why blocks and not each contract's `iterEvents`:
 * - iterEvents returns the notifications of FAULTed transactions too (neo-one stores
 *   the actions of every invocation, and iterActionsRaw does not look at the result):
 *   a referendum "approved" in a transaction that then failed would be replayed as
 *   approved. Here a transaction counts only if its result is HALT.
 * - in @neo-one/client-core 2.7.3, LocalUserAccountProvider binds iterActionsRaw to
 *   the keystore instead of the provider, so iterEvents throws
 *   "this.getProvider is not a function" with the clients neo-one creates for tests.
 * - a block gives the time of its events (the contracts' Blockchain.currentBlockTime).
 * Each contract's own `convertAction` decodes its notifications with its ABI, as
 * iterEvents would. Notifications outside the ABI (neo-one's debugging `trace`,
 * `error`, `console.log`) and logs are not events of the group and are left out.
 */
import type { Block, BlockFilter, Event, Log, RawAction, SmartContractDefinition } from '@neo-one/client';
import type { ContractAddresses, Group } from '../chain/group';
import { NETWORK } from '../chain/group';
import type { ContractRole, GroupEvent } from './rebuild';

/** A deployed contract as the generated neo-one client gives it. */
export interface DeployedContract {
  readonly definition: SmartContractDefinition;
  readonly convertAction: (action: RawAction) => Event<string, any> | Log | undefined;
}

export type GroupContracts = Readonly<Record<ContractRole, DeployedContract>>;

/** What is read from the node: `client.read(network)` of a neo-one client. */
export interface ChainReader {
  readonly getBlockCount: () => Promise<number>;
  readonly iterBlocks: (options?: BlockFilter) => AsyncIterable<Block>;
}

export interface GroupHistory {
  /** The treasury's address: the ledger contract's own. */
  readonly treasury: string;
  readonly events: GroupEvent[];
}

const ROLES: readonly ContractRole[] = ['ledger', 'plants', 'referendums'];

/** Every event of the group's contracts up to the current block (or options.indexStop), in emission order. */
export const readGroupEvents = async (
  chain: ChainReader,
  contracts: GroupContracts,
  network: string,
  options: BlockFilter = {},
  progress?: (read: number, total: number) => void,
): Promise<GroupHistory> => {
  const roleOf = new Map<string, ContractRole>();
  const eventNames = new Map<ContractRole, Set<string>>();
  for (const role of ROLES) {
    const { definition } = contracts[role];
    const deployed = definition.networks[network];
    if (deployed === undefined) {
      throw new Error(`The ${role} contract is not deployed on ${network}.`);
    }
    roleOf.set(deployed.address, role);
    eventNames.set(role, new Set((definition.abi.events ?? []).map((event) => event.name)));
  }

  const indexStart = options.indexStart ?? 0;
  // Without a stop, iterBlocks would wait for blocks to come.
  const indexStop = options.indexStop ?? (await chain.getBlockCount()) - 1;
  const events: GroupEvent[] = [];
  if (indexStop < indexStart) {
    return { treasury: contracts.ledger.definition.networks[network].address, events };
  }
  // neo-one's block iterator stops before indexStop: ask for one more to include it.
  const total = indexStop - indexStart + 1;
  let expected = indexStart;
  for await (const block of chain.iterBlocks({ indexStart, indexStop: indexStop + 1 })) {
    if (block.index !== expected) {
      throw new Error(`The node gave block ${block.index} where block ${expected} was due: the chain changed during the read.`);
    }
    expected += 1;
    if (progress !== undefined && (expected - indexStart) % 100 === 0) {
      progress(expected - indexStart, total);
    }
    for (const transaction of block.transactions) {
      if (transaction.type !== 'InvocationTransaction' || transaction.invocationData.result.state !== 'HALT') {
        continue;
      }
      for (const action of transaction.invocationData.actions) {
        const role = roleOf.get(action.address);
        if (role === undefined || action.type !== 'Notification') {
          continue;
        }
        const event = contracts[role].convertAction(action);
        if (event === undefined || event.type !== 'Event' || !(eventNames.get(role) as Set<string>).has(event.name)) {
          continue;
        }
        events.push({
          contract: role,
          name: event.name,
          parameters: event.parameters,
          blockIndex: block.index,
          blockTime: block.time,
          transactionIndex: action.transactionIndex,
          transactionHash: action.transactionHash,
          index: action.index,
        });
      }
    }
  }

  if (expected !== indexStop + 1) {
    throw new Error(`The chain ended at block ${expected - 1}, before block ${indexStop}: the read is incomplete.`);
  }
  progress?.(total, total);

  return { treasury: contracts.ledger.definition.networks[network].address, events };
};

/**
 * What the auditor reads of a group: its chain, its three contracts as the generated
 * client gives them, their addresses, and the client's name for the network. A group
 * connected with src/chain/group.ts is one (`auditedGroup`); so is a neo-one test
 * context (test/group.ts), whose network has another name.
 */
export interface AuditedGroup extends Pick<Group, 'ledger' | 'plants' | 'referendums' | 'rpcURL'> {
  readonly chain: ChainReader;
  readonly contracts: ContractAddresses;
  readonly network: string;
}

/** A group connected with src/chain/group.ts, as the auditor reads it. */
export const auditedGroup = (group: Group): AuditedGroup => ({
  ...group,
  // Its data provider's block iterator is typed with the provider's own Block type.
  chain: group.chain as unknown as ChainReader,
  network: NETWORK,
});

/** readGroupEvents on an audited group (its three contracts, its network). */
export const readGroupHistory = async (
  group: AuditedGroup,
  options: BlockFilter = {},
  progress?: (read: number, total: number) => void,
): Promise<GroupHistory> =>
  readGroupEvents(
    group.chain,
    { ledger: group.ledger as any, plants: group.plants as any, referendums: group.referendums as any },
    group.network,
    options,
    progress,
  );
