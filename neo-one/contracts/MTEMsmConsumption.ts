/**
 * MTEMsmConsumption — consumption commitments (../shared/spec/microgrid.md, section
 * Consumption; issue 15), private by design: no household's consumption is stored or
 * emitted. Per interval the operator commits a Merkle root of salted readings (the tree of
 * src/domain/energy.ts), the community total (only for 3 meters or more) and the meter
 * count; a member contests a reading by proving its leaf (a hash only its owner can open)
 * is in a root, and the dispute is recorded for the auditor and the group.
 * Its own contract: MTEMsmEnergy would pass NEO 2's 64 KiB deploy limit with it.
 * Reads the ledger (membership) and MTEMsmReferendums (the operator, syncOperator), and has
 * MTEMsmReadings (raw NeoVM) check a commitment's packed intervals; nothing calls this
 * contract (links one way).
 */
import { Address, Blockchain, constant, createEventNotifier, crypto, Integer, MapStorage, SmartContract } from '@neo-one/smart-contract';

/** The ledger, as this contract reads it. */
interface Ledger {
  readonly memberState: (address: Address) => Integer[];
}

// A commitment's intervals, packed as stored: interval firstInterval + i at byte 38i, its
// root (32 bytes), community total in Wh (4, unsigned little endian; 0 under 3 meters) and
// meter count (2).
const notifyConsumption = createEventNotifier<Integer, Buffer>('consumption', 'firstInterval', 'intervals');
// A member contests a committed reading, proving its leaf is in the interval's root.
const notifyDispute = createEventNotifier<Integer, Buffer, Address, Integer>('dispute', 'interval', 'leaf', 'member', 'disputes');
/** MTEMsmReferendums: the operator the group elected (the founder until then). */
interface Referendums {
  readonly operator: () => Address;
}
/** MTEMsmReadings (src/chain/readings.ts): a commitment's packed intervals checked in raw NeoVM. */
interface Readings {
  readonly consumption: (packed: Buffer) => Integer;
}
// Its address, the hash of its script (test/unit/readings.test.ts checks it is the script's).
const READINGS = Address.from('AcHQNFq278qWPe4jQkmegZCeKa7sC6s9s2');

export class MTEMsmConsumption extends SmartContract {
  public readonly properties = {
    codeVersion: '0.1',
    author: 'MTEMsm developers',
    email: 'mtemsm@example.org',
    description: 'MTEMsm consumption: Merkle roots, community totals, disputes',
  };
  // The group's founder, part of the script as in MTEMsm (src/chain/compile.ts).
  public readonly founder = Address.from('AXNajBTQLxWHwc9sKyXcc4UdbJvp3arYDG');
  // 'ledger', 'referendums' and 'operator' (MTEMsmReferendums' copy).
  private readonly partnerAt = MapStorage.for<string, Address>();
  // Commitments by their first interval, a multiple of 16, packed as committed (every
  // storage write costs at least 1 GAS, so a commitment is one record).
  private readonly consumption = MapStorage.for<number, Buffer>();
  // 'last': the last interval committed (commitments come in order, so an interval is
  // committed once). A MapStorage, not a class property: README, "neo-one limits".
  private readonly committed = MapStorage.for<string, number>();
  private readonly disputes = MapStorage.for<number, number>();

  public constructor(ledger: Address, referendums: Address) {
    super();
    if (!Address.isSender(this.founder)) {
      throw new Error("The founder's witness is needed to deploy the group.");
    }
    this.partnerAt.set('ledger', ledger);
    this.partnerAt.set('referendums', referendums);
    this.partnerAt.set('operator', SmartContract.for<Referendums>(referendums).operator());
  }

  /**
   * The operator commits up to a day of intervals' consumption, packed 38 bytes an interval
   * (src/domain/energy.ts packConsumption): each one's Merkle root of salted readings, the
   * community total (published only for 3 meters or more, else 0) and the meters that
   * reported. Commitments come in order, each after the last one; gaps are allowed.
   */
  public commitConsumption(firstInterval: Integer, intervals: Buffer): boolean {
    if (!Address.isCaller(this.partner('operator'))) {
      throw new Error('Only the operator commits consumption.');
    }
    if (intervals.length % 38 !== 0) {
      throw new Error('An interval is 38 bytes: its root, total and meter count.');
    }
    const count = intervals.length / 38;
    if (count === 0) {
      throw new Error('No intervals.');
    }
    if (count > 96) {
      throw new Error('At most 96 intervals a commitment.');
    }
    if (firstInterval < 0 || firstInterval % 16 !== 0) {
      throw new Error('A commitment starts at an interval divisible by 16 (every 4 hours UTC).');
    }
    const last = this.committed.get('last');
    if (last !== undefined && firstInterval <= last) {
      throw new Error('The first interval is not after the last one committed.');
    }
    if ((firstInterval + count) * 900 > Blockchain.currentBlockTime) {
      throw new Error('An interval has not ended.');
    }
    if (SmartContract.for<Readings>(READINGS).consumption(intervals) < 0) {
      throw new Error('A total is published only for 3 meters or more.');
    }
    // A key computed, never the argument itself: neo-one keys an argument's bytes apart from
    // the same number computed (measured: a record written under the argument was not found
    // under interval - interval % 16).
    this.consumption.set(firstInterval - (firstInterval % 16), intervals);
    this.committed.set('last', firstInterval + count - 1);
    notifyConsumption(firstInterval, intervals);

    return true;
  }

  /**
   * A member contests a reading of `interval`: `leaf` (the reading's sha256 leaf, which
   * only its owner can open) and its proof, siblings from the leaf up, `lefts[i]` true when
   * sibling i is on the left; checked here against the committed root and recorded.
   */
  public dispute(member: Address, interval: Integer, leaf: Buffer, siblings: Buffer[], lefts: boolean[]): boolean {
    if (!Address.isCaller(member)) {
      throw new Error('Only the member may dispute for themselves.');
    }
    const record = this.recordOf(interval);
    if (record === undefined) {
      throw new Error('That interval is not committed.');
    }
    if (siblings.length !== lefts.length || siblings.length > 32) {
      throw new Error('A proof is at most 32 siblings, each with its side.');
    }
    const state = SmartContract.for<Ledger>(this.partner('ledger')).memberState(member);
    if (state.length === 0 || state[0] === 0) {
      throw new Error('Only members dispute.');
    }
    let hash = crypto.sha256(Buffer.concat([Buffer.from('00', 'hex'), leaf]));
    for (let index = 0; index < siblings.length; index++) {
      hash = lefts[index]
        ? crypto.sha256(Buffer.concat([Buffer.from('01', 'hex'), siblings[index], hash]))
        : crypto.sha256(Buffer.concat([Buffer.from('01', 'hex'), hash, siblings[index]]));
    }
    if (!hash.equals(record.slice(0, 32))) {
      throw new Error('The proof does not lead to the committed root.');
    }
    const key = interval + 0;
    const before = this.disputes.get(key);
    const disputes = before === undefined ? 1 : before + 1;
    this.disputes.set(key, disputes);
    notifyDispute(interval, leaf, member, disputes);

    return true;
  }

  // ---------------------------------------------------------------- Reads

  /** An interval's commitment: root, community total (0 under 3 meters), meters, disputes so far. */
  @constant
  public consumptionOf(
    interval: Integer,
  ): { readonly root: Buffer; readonly totalWh: Integer; readonly meters: Integer; readonly disputes: Integer } | undefined {
    const record = this.recordOf(interval);
    if (record === undefined) {
      return undefined;
    }
    const disputes = this.disputes.get(interval + 0);

    return {
      root: record.slice(0, 32),
      totalWh: Buffer.concat([record.slice(32, 36), Buffer.from('00', 'hex')]).toInteger(),
      meters: Buffer.concat([record.slice(36, 38), Buffer.from('00', 'hex')]).toInteger(),
      disputes: disputes === undefined ? 0 : disputes,
    };
  }

  /**
   * Takes the operator MTEMsmReferendums holds now, after an operator referendum approved
   * one (anyone may send it: the referendum decided).
   */
  public syncOperator(): boolean {
    const operator = SmartContract.for<Referendums>(this.partner('referendums')).operator();
    if (operator.equals(this.partner('operator'))) {
      throw new Error('The operator is already the one the group elected.');
    }
    this.partnerAt.set('operator', operator);
    createEventNotifier<Address>('operator', 'operator')(operator);

    return true;
  }

  /** The operator this contract obeys: MTEMsmReferendums' at deployment or at the last syncOperator. */
  @constant
  public operator(): Address {
    return this.partner('operator');
  }

  // ---------------------------------------------------------------- Internals

  private partner(role: string): Address {
    return this.partnerAt.get(role) as Address;
  }

  /**
   * An interval's 38 bytes: its commitment starts at most 80 intervals before the multiple of
   * 16 it is in (a commitment is at most 96), and commitments never overlap, so the first
   * record found walking back is the only one that can hold it.
   */
  private recordOf(interval: Integer): Buffer | undefined {
    if (interval < 0) {
      return undefined;
    }
    const base = interval - (interval % 16);
    for (let back = 0; back < 96; back += 16) {
      const committed = this.consumption.get(base - back);
      if (committed !== undefined) {
        const offset = (interval - base + back) * 38;

        return offset < committed.length ? committed.slice(offset, offset + 38) : undefined;
      }
    }

    return undefined;
  }
}
