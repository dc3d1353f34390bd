/**
 * The auditor: reads every event of a deployed MTEMsm group from a node (its four
 * contracts; every transaction with neo-one's `error` notification left out, spec v1.1
 * §1: src/audit/events.ts), rebuilds the group from events alone
 * (src/audit/rebuild.ts), checks invariants 1–5 after every transaction, and compares
 * the rebuilt state with the contracts' storage and reads (src/audit/compare.ts).
 * Events that contradict each other end the audit with an error, not a verdict (so
 * the verdict has no row for them: one that could only hold would say nothing).
 *
 * A daily audit resumes from a checkpoint: the rebuild's working state, the next block
 * to read, the journal rows of every event so far (so the exports are the same as a
 * full audit's) and the violations already found (a resumed audit never forgets one).
 */
import { AuditedGroup, IgnoredTransaction, readGroupHistory } from './events';
import { GroupEvent, GroupState, RebuildCheckpoint, RebuildError, rebuild } from './rebuild';
import { ChainComparison, compareWithChain } from './compare';
import { journalRow } from './exports';
import { compareEnergyWithChain, ENERGY_CHECKS, energyCheckpoint, EnergyCheckpoint, EnergyState, EnergyViolation, rebuildEnergy } from './energy';

/** The group's own four contracts: what src/audit/rebuild.ts reads (the energy layer's events go to src/audit/energy.ts). */
const GROUP_CONTRACTS = new Set(['ledger', 'trades', 'plants', 'referendums']);

export interface AuditViolation {
  /** The spec's invariant, 1–5. (Events that contradict each other end the audit with an error instead.) */
  readonly invariant: number;
  readonly block: number;
  readonly transaction: string;
  /** contract.event #index-in-transaction, e.g. `ledger.quotaTransfer #3`. */
  readonly event: string;
  readonly message: string;
}

export interface Checkpoint {
  /** 2 since v1.1 (four contracts, the rebuild's new state). */
  readonly version: 2;
  readonly ledger: string;
  /** The first block a resumed audit reads. */
  readonly nextBlock: number;
  readonly fromBlock: number;
  readonly events: number;
  readonly journal: readonly string[];
  readonly violations: readonly AuditViolation[];
  readonly ignored: readonly IgnoredTransaction[];
  readonly rebuild: RebuildCheckpoint;
  /** The energy layer's rebuild, when the group has it. */
  readonly energy?: EnergyCheckpoint;
}

export interface Verdict {
  readonly ok: boolean;
  readonly ledger: string;
  readonly rpcURL: string;
  /** First and last block of the whole audit (a resumed one included), and of this read. */
  readonly fromBlock: number;
  readonly toBlock: number;
  readonly readFromBlock: number;
  /** Events audited in all, and read this time. */
  readonly events: number;
  readonly eventsRead: number;
  readonly members: number;
  readonly seconds: number;
  /** Where the seconds went: reading the blocks, rebuilding, comparing with the reads. */
  readonly phases: { readonly readSeconds: number; readonly rebuildSeconds: number; readonly compareSeconds: number };
  /** What was checked, and whether it holds; a comparison with the chain says how many values it compared. */
  readonly checked: ReadonlyArray<{ readonly check: string; readonly holds: boolean; readonly compared?: number }>;
  /** The comparison with the chain (when the audit reaches its last block): storage records read, and its seconds by step. */
  readonly comparison?: Pick<ChainComparison, 'records' | 'seconds'>;
  readonly violations: readonly AuditViolation[];
  /** Differences between the rebuilt state and the contracts' reads. */
  readonly mismatches: readonly string[];
  /**
   * HALT transactions left out because they carry neo-one's `error` notification (a
   * throw inside a call from another contract: spec v1.1 §1), with the events of the
   * group they carried; e.g. a result call sent through a proxy contract.
   */
  readonly ignored: readonly IgnoredTransaction[];
  /** The energy layer (src/audit/energy.ts): the first breach of each of E1–E4, and its differences from the contracts' storage. */
  readonly energy?: {
    readonly violations: ReadonlyArray<Omit<AuditViolation, 'invariant'> & { readonly check: string }>;
    readonly mismatches: readonly string[];
  };
}

export interface Audit {
  readonly verdict: Verdict;
  readonly state: GroupState;
  /** The energy layer rebuilt, when the group has it. */
  readonly energy?: EnergyState;
  readonly journal: readonly string[];
  readonly checkpoint: Checkpoint;
}

export interface AuditOptions {
  /** A connected group through `auditedGroup(group)` (src/audit/events.ts). */
  readonly group: AuditedGroup;
  /** Without a checkpoint: the first block to read (the group's deployment is at or after it). */
  readonly fromBlock?: number;
  readonly checkpoint?: Checkpoint;
  /** The last block to read (default: the chain's last block). */
  readonly toBlock?: number;
  readonly progress?: (read: number, total: number) => void;
}

/** The invariants checked from the events, by number (spec 1–5). */
const INVARIANTS: ReadonlyArray<readonly [number, string]> = [
  [1, 'invariant 1: SEB of members and treasury == totalSupply == totalCapacityW / 1000, after every transaction'],
  [2, 'invariant 2: quota of members and treasury == totalCapacityW, after every transaction'],
  [3, 'invariant 3: raised and pledges of every plant against its status, after every transaction'],
  [4, 'invariant 4: yes + no <= electorate and one ballot per member, at every ballot'],
  [5, 'invariant 5: only members and the treasury hold quota or SEB, after every transaction'],
];

const located = (event: GroupEvent, invariant: number, message: string): AuditViolation => ({
  invariant,
  block: event.blockIndex,
  transaction: event.transactionHash,
  event: `${event.contract}.${event.name} #${event.index}`,
  message,
});

export const audit = async ({ group, fromBlock, checkpoint, toBlock: lastBlock, progress }: AuditOptions): Promise<Audit> => {
  const started = Date.now();
  if (checkpoint !== undefined && (checkpoint.version !== 2 || checkpoint.ledger !== group.contracts.ledger)) {
    throw new Error(`The checkpoint is not one of the group at ${group.contracts.ledger}.`);
  }
  const readFrom = checkpoint?.nextBlock ?? fromBlock ?? 0;
  const chainEnd = (await group.chain.getBlockCount()) - 1;
  if (lastBlock !== undefined && lastBlock > chainEnd) {
    throw new Error(`The chain ends at block ${chainEnd}, before block ${lastBlock}.`);
  }
  const toBlock = lastBlock ?? chainEnd;
  if (toBlock < readFrom - 1) {
    throw new Error(`The chain ends at block ${toBlock}, before the checkpoint's block ${readFrom}: is this the same network?`);
  }
  const history = await readGroupHistory(group, { indexStart: readFrom, indexStop: toBlock }, progress);
  const read = Date.now();
  const firstAudit = checkpoint === undefined;
  if (firstAudit && history.events.length > 0 && !isDeployment(history.events[0])) {
    throw new Error(
      `Block ${readFrom} is after the group's deployment (its first event is ${history.events[0].contract}.${history.events[0].name}): audit from an earlier block, or resume from a checkpoint.`,
    );
  }
  if (checkpoint !== undefined && group.contracts.energy !== undefined && checkpoint.energy === undefined) {
    throw new Error('The checkpoint was made before the energy layer was audited: audit from the group\'s first block once.');
  }
  let rebuilt;
  let energy;
  try {
    rebuilt = rebuild(
      history.events.filter((event) => GROUP_CONTRACTS.has(event.contract)),
      history.treasury,
      checkpoint?.rebuild,
    );
    energy = group.contracts.energy === undefined ? undefined : rebuildEnergy(history.events, history.treasury, checkpoint?.energy);
  } catch (error) {
    // The contracts cannot emit contradictory events: no state is left to give a verdict on.
    throw error instanceof RebuildError
      ? new Error(`The events contradict each other at block ${error.event.blockIndex}: ${error.message}`)
      : error;
  }
  // A violation found by an earlier (checkpointed) audit stays the first of its invariant.
  const violations: AuditViolation[] = [...(checkpoint?.violations ?? [])];
  for (const { invariant, message, event } of rebuilt.violations) {
    if (!violations.some((known) => known.invariant === invariant)) {
      violations.push(located(event, invariant, message));
    }
  }
  const journal = [...(checkpoint?.journal ?? []), ...history.events.map(journalRow)];
  const ignored = [...(checkpoint?.ignored ?? []), ...history.ignored];
  const rebuiltAt = Date.now();
  // Reads give the state now: they are compared only when the audit reaches the last block.
  const compared = toBlock === chainEnd;
  const comparison = compared ? await compareWithChain(group, rebuilt.state) : undefined;
  const energyComparison =
    compared && energy !== undefined && group.contracts.energy !== undefined
      ? await compareEnergyWithChain(
          group.rpcURL,
          { ledger: group.contracts.ledger, energy: group.contracts.energy, consumption: group.contracts.consumption },
          energy.state,
          rebuilt.state.settings.founder,
        )
      : undefined;
  const mismatches = comparison?.mismatches ?? [];
  const energyMismatches = energyComparison?.mismatches ?? [];
  const energyViolations = (energy?.violations ?? []).map(({ check, message, event }: EnergyViolation) => {
    const { invariant: _invariant, ...where } = located(event, 0, message);

    return { ...where, check };
  });
  const compareEnd = Date.now();
  const events = (checkpoint?.events ?? 0) + history.events.length;
  const auditFrom = checkpoint?.fromBlock ?? readFrom;
  const sorted = violations.sort((left, right) => left.invariant - right.invariant);

  return {
    verdict: {
      ok: sorted.length === 0 && mismatches.length === 0 && energyViolations.length === 0 && energyMismatches.length === 0,
      ledger: group.contracts.ledger,
      rpcURL: group.rpcURL,
      fromBlock: auditFrom,
      toBlock,
      readFromBlock: readFrom,
      events,
      eventsRead: history.events.length,
      members: rebuilt.state.members.size,
      seconds: (Date.now() - started) / 1_000,
      phases: {
        readSeconds: (read - started) / 1_000,
        rebuildSeconds: (rebuiltAt - read) / 1_000,
        compareSeconds: (compareEnd - rebuiltAt) / 1_000,
      },
      checked: [
        ...INVARIANTS.map(([invariant, check]) => ({ check, holds: !sorted.some((found) => found.invariant === invariant) })),
        ...(comparison?.comparisons ?? []).map(({ check, compared: count, mismatches: found }) => ({
          check,
          holds: found === 0,
          compared: count,
        })),
        ...(energy === undefined
          ? []
          : [
              ...ENERGY_CHECKS.map(([id, check]) => ({ check, holds: !energyViolations.some((found) => found.check === id) })),
              ...(energyComparison === undefined
                ? []
                : [
                    {
                      check: "energy: every device, credit record, certificate, commitment, the totals, the operator and each holder's unclaimed credits equal the contracts' storage",
                      holds: energyMismatches.length === 0,
                      compared: energyComparison.compared,
                    },
                  ]),
            ]),
      ],
      ...(comparison === undefined ? {} : { comparison: { records: comparison.records, seconds: comparison.seconds } }),
      violations: sorted,
      mismatches,
      ignored,
      ...(energy === undefined ? {} : { energy: { violations: energyViolations, mismatches: energyMismatches } }),
    },
    state: rebuilt.state,
    ...(energy === undefined ? {} : { energy: energy.state }),
    journal,
    checkpoint: {
      version: 2,
      ledger: group.contracts.ledger,
      nextBlock: toBlock + 1,
      fromBlock: auditFrom,
      events,
      journal,
      violations: sorted,
      ignored,
      rebuild: rebuilt.checkpoint,
      ...(energy === undefined ? {} : { energy: energyCheckpoint(energy) }),
    },
  };
};

/** The group's first event: the ledger attaching MTEMsmTrades, the second contract deployed. */
const isDeployment = (event: GroupEvent): boolean =>
  event.contract === 'ledger' && event.name === 'attached' && event.parameters.role === 'trades';
