/**
 * Reads every event of a deployed MTEMsm group (ledger `MTEMsm`, `MTEMsmTrades`,
 * `MTEMsmPlants`, `MTEMsmReferendums`) from a node, in emission order, with block
 * times, as the input of src/audit/rebuild.ts.
 *
 * Emission order. The node numbers every action (notification or log) of a
 * transaction 0, 1, 2, … in the order the VM executes it, across all contracts the
 * transaction calls: a `powerUpResult` gives process (referendums, 0), plant (plants, 1),
 * process (plants, 2). That is the `index` of an event; the block's transactions are in
 * block order (`transactionIndex`). So (blockIndex, transactionIndex, index) is a
 * total order of the four contracts' events; the node's `globalIndex` (a counter of
 * all actions on the chain) follows the same order.
 *
 * Which transactions count:
 * - only HALT invocations. neo-one stores the actions of FAULTed transactions too:
 *   a referendum "approved" in a transaction that then failed would be replayed as
 *   approved.
 * - none that carries neo-one's `error` notification (spec v1.1 §1), from any
 *   contract: EVERY event of such a transaction is ignored. neo-one 2.x compiles
 *   `throw` as `Runtime.Notify(['error', message, line])` and then, in a contract
 *   that another contract called, a normal return (the throw faults the transaction
 *   only when the transaction script called the thrower: ThrowHelper and
 *   ThrowCompletionBaseHelper in @neo-one/smart-contract-compiler). The thrower's
 *   storage writes are dropped, but the events it had emitted stay in a HALT
 *   transaction: in v1 a proxy contract could so emit `process(rID, 'approved')` for
 *   a referendum that stays open (review H1). The group's own flows never throw
 *   inside a call between contracts (partners return refusals), and v1.1 refuses
 *   contract callers of every result call before it emits anything.
 *   `ignored` lists these transactions, with the group events they carried, for the
 *   verdict. Known limit of this rule: one transaction script may call a group method
 *   directly (its events genuine, its changes kept) AND a proxy whose call is refused
 *   (an `error`); then genuine events are ignored and the audit no longer agrees with
 *   the reads. The events alone cannot say which call emitted what.
 * Why blocks and not each contract's `iterEvents`:
 * - iterEvents does not look at the transaction's result, nor at its other actions;
 * - in @neo-one/client-core 2.7.3, LocalUserAccountProvider binds iterActionsRaw to
 *   the keystore instead of the provider, so iterEvents throws
 *   "this.getProvider is not a function" with the clients neo-one creates for tests.
 * - a block gives the time of its events (the contracts' Blockchain.currentBlockTime).
 * Each contract's own `convertAction` decodes its notifications with its ABI, as
 * iterEvents would. Other notifications (neo-one's debugging `trace`, `console.log`)
 * and logs are not events of the group and are left out.
 */
import type { Block, BlockFilter, Event, Log, RawAction, SmartContractDefinition } from '@neo-one/client';
import { smartContractConverters } from '@neo-one/client-common';
import type { ContractAddresses, Group } from '../chain/group';
import { NETWORK } from '../chain/group';
import type { ContractRole, GroupEvent } from './rebuild';

/** A deployed contract as the generated neo-one client gives it. */
export interface DeployedContract {
  readonly definition: SmartContractDefinition;
  readonly convertAction: (action: RawAction) => Event<string, any> | Log | undefined;
}

/** The group's four contracts, and the energy layer's two when the group has them. */
export type GroupContracts = Readonly<Record<GroupRole, DeployedContract>> & Partial<Readonly<Record<EnergyRole, DeployedContract>>>;
type GroupRole = 'ledger' | 'trades' | 'plants' | 'referendums';
type EnergyRole = 'energy' | 'consumption';

/** What is read from the node: `client.read(network)` of a neo-one client. */
export interface ChainReader {
  readonly getBlockCount: () => Promise<number>;
  readonly iterBlocks: (options?: BlockFilter) => AsyncIterable<Block>;
}

/** A HALT transaction left out because it carries neo-one's `error` notification. */
export interface IgnoredTransaction {
  readonly blockIndex: number;
  readonly transactionHash: string;
  /** The thrown message(s), as the `error` notifications give them. */
  readonly errors: readonly string[];
  /** How many of the group's events it carried (all ignored). */
  readonly groupEvents: number;
}

export interface GroupHistory {
  /** The treasury's address: the ledger contract's own. */
  readonly treasury: string;
  readonly events: GroupEvent[];
  readonly ignored: IgnoredTransaction[];
}

export const ROLES: readonly GroupRole[] = ['ledger', 'trades', 'plants', 'referendums'];
const ENERGY_ROLES: readonly EnergyRole[] = ['energy', 'consumption'];

/** The string a notification starts with (its name), or undefined. */
const notificationName = (action: RawAction): string | undefined => {
  if (action.type !== 'Notification' || action.args.length === 0) {
    return undefined;
  }
  try {
    return smartContractConverters.toString(action.args[0]);
  } catch {
    return undefined;
  }
};

/** The message of neo-one's `error` notification (['error', message, line]; decoders disagree on the order). */
const errorMessage = (action: RawAction): string => {
  if (action.type !== 'Notification') {
    return '';
  }
  for (const arg of action.args.slice(1)) {
    if (arg.type === 'String' || arg.type === 'Buffer') {
      const text = smartContractConverters.toString(arg);
      if (/^[\x20-\x7e]+$/.test(text)) {
        return text;
      }
    }
  }

  return '';
};

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
  for (const role of [...ROLES, ...ENERGY_ROLES]) {
    const contract = contracts[role];
    const deployed = contract?.definition.networks[network];
    if (contract === undefined || deployed === undefined) {
      if ((ROLES as readonly string[]).includes(role)) {
        throw new Error(`The ${role} contract is not deployed on ${network}.`);
      }
      continue;
    }
    roleOf.set(deployed.address, role);
    eventNames.set(role, new Set((contract.definition.abi.events ?? []).map((event) => event.name)));
  }
  const treasury = contracts.ledger.definition.networks[network].address;

  const indexStart = options.indexStart ?? 0;
  // Without a stop, iterBlocks would wait for blocks to come.
  const indexStop = options.indexStop ?? (await chain.getBlockCount()) - 1;
  const events: GroupEvent[] = [];
  const ignored: IgnoredTransaction[] = [];
  if (indexStop < indexStart) {
    return { treasury, events, ignored };
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
      const found: GroupEvent[] = [];
      const errors: string[] = [];
      for (const action of transaction.invocationData.actions) {
        if (notificationName(action) === 'error') {
          errors.push(errorMessage(action));
          continue;
        }
        const role = roleOf.get(action.address);
        if (role === undefined || action.type !== 'Notification') {
          continue;
        }
        const event = (contracts[role] as DeployedContract).convertAction(action);
        if (event === undefined || event.type !== 'Event' || !(eventNames.get(role) as Set<string>).has(event.name)) {
          continue;
        }
        found.push({
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
      if (errors.length > 0) {
        ignored.push({ blockIndex: block.index, transactionHash: transaction.hash, errors, groupEvents: found.length });
      } else {
        events.push(...found);
      }
    }
  }

  if (expected !== indexStop + 1) {
    throw new Error(`The chain ended at block ${expected - 1}, before block ${indexStop}: the read is incomplete.`);
  }
  progress?.(total, total);

  return { treasury, events, ignored };
};

/**
 * What the auditor reads of a group: its chain, its four contracts as the generated
 * client gives them, their addresses, and the client's name for the network. A group
 * connected with src/chain/group.ts is one (`auditedGroup`).
 */
export interface AuditedGroup extends Pick<Group, 'ledger' | 'trades' | 'plants' | 'referendums' | 'rpcURL'>, Partial<Pick<Group, 'energy' | 'consumption'>> {
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

/** readGroupEvents on an audited group (its four contracts, its network). */
export const readGroupHistory = async (
  group: AuditedGroup,
  options: BlockFilter = {},
  progress?: (read: number, total: number) => void,
): Promise<GroupHistory> =>
  readGroupEvents(
    group.chain,
    {
      ledger: group.ledger as any,
      trades: group.trades as any,
      plants: group.plants as any,
      referendums: group.referendums as any,
      // The energy layer's, when the group has it (a deployment saved before it has not).
      ...(group.contracts.energy === undefined || group.energy === undefined ? {} : { energy: group.energy as any }),
      ...(group.contracts.consumption === undefined || group.consumption === undefined ? {} : { consumption: group.consumption as any }),
    },
    group.network,
    options,
    progress,
  );
