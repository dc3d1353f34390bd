/**
 * MTEMsmPlants — the group's power plants: crowdfunding and operation.
 *
 * A plant approved by a powerUp referendum (MTEMsmReferendums) is registered here
 * in `funding`; members of its utility pledge (`bid`, `changeBid`); when the
 * crowdfunding closes it is `funded` or `failed`; after its time to market it
 * starts operating and its capacity is issued on the MTEMsm ledger as quota and
 * SEB to the funders. Plant IDs and the plant count live on the ledger.
 * Behaviour: shared/spec/mtemsm.md (v1); decisions where it is silent: README.
 *
 * Invariant 3, kept here: a plant in funding has raised == Σ pledges <= cost;
 * funded/operating plants have raised == cost; failed/removed ones hold no pledges.
 *
 * Code size rules and how contracts call each other (a called method returns '' or
 * the reason it refused, never throws; the caller throws it): see MTEMsm.ts.
 */
import {
  Address,
  Blockchain,
  constant,
  createEventNotifier,
  Deploy,
  Fixed,
  Integer,
  LinkedSmartContract,
  MapStorage,
  SmartContract,
} from '@neo-one/smart-contract';
import { MTEMsm } from './MTEMsm';

const REFERENDUMS = 'referendums';
const PLEDGES = 'pledges';

// [capacityW, cost, utility, timeToMarket, status, fundingEndsAt, raised, funders, fundedAt, operatingSince]
type PlantRecord = [number, number, string, number, string, number, number, number, number, number];
// [amount, order]; order of the first pledge breaks ties when leftover watts are assigned.
type PledgeRecord = [number, number];

type Plants = MapStorage<string, PlantRecord>;
type PledgesByPlant = MapStorage<[string, Address], PledgeRecord>;
type PledgesByMember = MapStorage<[Address, string], number>;

// Plants: funding | funded | failed | operating | removed | utility.
const notifyProcess = createEventNotifier<string, string>('process', 'id', 'status');
// A plant registered by approved powerUp referendum rID (emitted with process(ppID, 'funding')).
const notifyPlant = createEventNotifier<string, string, Integer, Fixed<2>, string, Integer, Integer>(
  'plant',
  'ppID',
  'rID',
  'capacityW',
  'cost',
  'utility',
  'timeToMarket',
  'fundingEndsAt',
);
// The plant's new utility after an approved plantUtility referendum (with process(ppID, 'utility')).
const notifyPlantUtility = createEventNotifier<string, string>('plantUtility', 'ppID', 'utility');
// The member's pledge for a plant after each change (0: withdrawn or cancelled).
const notifyOffer = createEventNotifier<string, Address, Fixed<2>>('offer', 'ppID', 'member', 'amount');
// The deployment settings, for auditors (emitted once, by the constructor).
const notifySettings = createEventNotifier<Address, Integer, Fixed<2>>(
  'plantSettings',
  'founder',
  'crowdfundingPeriod',
  'minBid',
);

// ---------------------------------------------------------------- Shared routines
// Module-level arrow functions are compiled once and called (methods are inlined).

const ledger = (): MTEMsm => LinkedSmartContract.for<MTEMsm>();

const requirePlant = (plants: Plants, ppID: string): PlantRecord => {
  const plant = plants.get(ppID);
  if (plant === undefined) {
    throw new Error('Unknown power plant.');
  }

  return plant;
};

/** A plant the acting member may pledge to now: witness, founded group, membership, utility, open funding. */
const requireFundingPlant = (plants: Plants, ppID: string, address: Address): PlantRecord => {
  if (!Address.isCaller(address)) {
    throw new Error('Missing witness: the acting address must sign this call.');
  }
  const utility = ledger().utilityOf(address);
  if (utility === '') {
    throw new Error(ledger().founded() ? 'Only members may do this.' : 'The group has not been founded yet.');
  }
  const plant = requirePlant(plants, ppID);
  if (utility !== plant[2]) {
    throw new Error('This member cannot profit from this power utility.');
  }
  if (plant[4] !== 'funding' || Blockchain.currentBlockTime > plant[5]) {
    throw new Error('The crowdfunding of this plant is closed.');
  }

  return plant;
};

/** Plant outcomes are applied by the MTEMsmReferendums contract alone. */
const requireCaller = (expected: Address | undefined): void => {
  const caller = Blockchain.currentCallerContract;
  if (caller === undefined || expected === undefined || !caller.equals(expected)) {
    throw new Error('Only the MTEMsmReferendums contract may apply outcomes.');
  }
};

/**
 * Why a plant cannot change now ('' if it can): it failed or was removed ('live'), or
 * it operates or has begun issuing its quota ('removable').
 */
const changeRefusal = (plant: PlantRecord | undefined, change: string, issuing: boolean): string => {
  if (plant === undefined) {
    return 'Unknown power plant.';
  }
  const status = plant[4];
  if (change === 'live' && (status === 'failed' || status === 'removed')) {
    return 'The plant has failed or was removed.';
  }
  if (change === 'removable' && (issuing || (status !== 'funding' && status !== 'funded'))) {
    return 'A plant can be removed only before it operates.';
  }

  return '';
};

/** Stores a plant with new values for the fields that change over its life, and emits process(ppID, event). */
const setPlant = (
  plants: Plants,
  ppID: string,
  plant: PlantRecord,
  utility: string,
  status: string,
  raised: number,
  funders: number,
  fundedAt: number,
  operatingSince: number,
  event: string,
): void => {
  const [capacityW, cost, , timeToMarket, , fundingEndsAt] = plant;
  plants.set(ppID, [capacityW, cost, utility, timeToMarket, status, fundingEndsAt, raised, funders, fundedAt, operatingSince]);
  notifyProcess(ppID, event);
};

/**
 * Sets a member's pledge (0 deletes it), keeping raised == Σ pledges <= cost
 * (invariant 3). `order` ranks a new pledge; returns whether it was used.
 */
const setPledge = (
  plants: Plants,
  pledgesByPlant: PledgesByPlant,
  pledgesByMember: PledgesByMember,
  ppID: string,
  address: Address,
  amount: number,
  minBid: number,
  order: number,
): boolean => {
  const plant = plants.get(ppID) as PlantRecord;
  const [capacityW, cost, utility, timeToMarket, status, fundingEndsAt, raised, funders] = plant;
  const pledge = pledgesByPlant.get([ppID, address]);
  if (amount > 0 && amount < minBid) {
    throw new Error('The pledge is below the minimum bid.');
  }
  const current = pledge === undefined ? 0 : pledge[0];
  const newRaised = raised - current + amount;
  if (newRaised > cost) {
    throw new Error('The pledge is above what is still missing.');
  }
  let newFunders = funders;
  if (amount === 0) {
    pledgesByPlant.delete([ppID, address]);
    pledgesByMember.delete([address, ppID]);
    newFunders -= 1;
  } else {
    if (pledge === undefined) {
      newFunders += 1;
    }
    pledgesByPlant.set([ppID, address], [amount, pledge === undefined ? order : pledge[1]]);
    pledgesByMember.set([address, ppID], amount);
  }
  plants.set(ppID, [capacityW, cost, utility, timeToMarket, status, fundingEndsAt, newRaised, newFunders, 0, 0]);
  notifyOffer(ppID, address, amount);

  return pledge === undefined && amount > 0;
};

/** Fails or removes a plant and cancels every pledge (work grows with that plant's funders only). */
const cancelPlant = (
  plants: Plants,
  pledgesByPlant: PledgesByPlant,
  pledgesByMember: PledgesByMember,
  ppID: string,
  status: string,
): void => {
  const funders: Address[] = [];
  for (const [funder] of pledgesByPlant.at(ppID)) {
    funders.push(funder);
  }
  for (const funder of funders) {
    pledgesByPlant.delete([ppID, funder]);
    pledgesByMember.delete([funder, ppID]);
    notifyOffer(ppID, funder, 0);
  }
  const plant = plants.get(ppID) as PlantRecord;
  setPlant(plants, ppID, plant, plant[2], status, 0, 0, plant[8], 0, status);
};

// ---------------------------------------------------------------- Apportionment of a plant's capacity
//
// Spec rule (startOperation): quota_i = floor(capacityW * pledge_i / cost) watts, and the
// leftover watts (fewer than the funders) one each to the funders with the largest
// remainders, ties to the earlier pledge. NeoVM allows 2,048 stack items per
// transaction, which arrays of every funder exceed at about 40 funders, so the rule is
// applied with bounded memory: a funder's remainder and pledge order make one key
// (unique, larger = served first), the leftover-th largest key is found by sampling
// passes over storage, and the quota is issued in pages of 20 funders, one page per
// startOperation call (20 funders measured at about 85 GAS, well inside the stack).
// The constants below are literals inside the class: module-level code, constants
// included, runs on every call of the contract and costs every operation gas.
//   16 keys sampled per selection round (each round excludes them all, so it ends);
//   2^40 = 1_099_511_627_776 is above any pledge order (orders count pledges from 1).


export class MTEMsmPlants extends SmartContract {
  public readonly properties = {
    codeVersion: '1.0',
    author: 'MTEMsm developers',
    email: 'mtemsm@example.org',
    description: 'MTEMsm power plants: crowdfunding by pledges and operation',
  };

  private readonly plants = MapStorage.for<string, PlantRecord>();
  private readonly pledgesByPlant = MapStorage.for<[string, Address], PledgeRecord>();
  private readonly pledgesByMember = MapStorage.for<[Address, string], number>();
  // The MTEMsmReferendums contract under REFERENDUMS, recorded once when it is deployed.
  private readonly partners = MapStorage.for<string, Address>();
  // Pledges made so far under PLEDGES (the order of the next first pledge), and for a
  // plant part-way through startOperation's pages, its threshold key under `${ppID}>`
  // and the funders issued so far under `${ppID}#` (one map: each storage field
  // declared costs every call of this contract about 0.07 GAS). Mutable state
  // lives in MapStorage, not in class properties: neo-one 2.x faults a transaction that
  // reads a class property written earlier in the same block by another transaction.
  private readonly counts = MapStorage.for<string, number>();

  public constructor(
    public readonly founder: Address = Deploy.senderAddress,
    public readonly crowdfundingPeriod: Integer = 5_184_000,
    // R$ 100.00 in raw cents.
    public readonly minBid: Fixed<2> = 100_00,
  ) {
    super();
    if (crowdfundingPeriod < 0 || minBid <= 0) {
      throw new Error('Deployment settings must be positive (periods may be 0).');
    }
    // A refusal from the ledger is thrown here, where it faults the transaction.
    const refusal = ledger().attachPlants(founder);
    if (refusal !== '') {
      throw new Error(refusal);
    }
    notifySettings(founder, crowdfundingPeriod, minBid);
  }

  /** Adds to the member's pledge for a plant in funding (a pledge is at least minBid). */
  public bid(ppID: string, address: Address, amount: Fixed<2>): boolean {
    requireFundingPlant(this.plants, ppID, address);
    if (amount <= 0) {
      throw new Error('The amount must be positive.');
    }
    const added: number = amount;
    this.pledge(ppID, address, this.bidOf(ppID, address) + added);

    return true;
  }

  /** Replaces the member's pledge; 0 withdraws it. */
  public changeBid(ppID: string, address: Address, amount: Fixed<2>): boolean {
    requireFundingPlant(this.plants, ppID, address);
    if (amount < 0) {
      throw new Error('The amount must not be negative.');
    }
    if (!this.pledgesByPlant.has([ppID, address])) {
      throw new Error('This member has no pledge for this plant.');
    }
    this.pledge(ppID, address, amount);

    return true;
  }

  /** Closes the crowdfunding: funded when fully raised, else failed with every pledge cancelled. */
  public crowdfundingResult(ppID: string): boolean {
    const plant = requirePlant(this.plants, ppID);
    const [, cost, utility, , status, fundingEndsAt, raised, funders] = plant;
    if (status !== 'funding') {
      throw new Error('The plant is not in funding.');
    }
    if (raised < cost && Blockchain.currentBlockTime <= fundingEndsAt) {
      throw new Error('The crowdfunding is still open.');
    }
    if (raised < cost) {
      cancelPlant(this.plants, this.pledgesByPlant, this.pledgesByMember, ppID, 'failed');

      return false;
    }
    setPlant(this.plants, ppID, plant, utility, 'funded', raised, funders, Blockchain.currentBlockTime, 0, 'funded');

    return true;
  }

  /**
   * Puts a funded plant in operation and issues its capacity on the ledger as quota
   * and SEB to the funders, by the spec's largest-remainder rule (see "Apportionment"
   * above): the quotas add up to capacityW exactly, so invariants 1 and 2 hold. A
   * funder who is no longer a member has its share go to the treasury, as its
   * holdings did when it was removed (invariant 5).
   *
   * Each call issues to the next 20 funders. It returns true when the last
   * page is issued and the plant is operating, false while funders remain: anyone
   * calls again. Until then the plant stays funded and can no longer be removed.
   */
  public startOperation(ppID: string): boolean {
    const plant = requirePlant(this.plants, ppID);
    const [capacityW, cost, utility, timeToMarket, status, , raised, funders, fundedAt] = plant;
    if (status !== 'funded') {
      throw new Error('The plant is not funded.');
    }
    if (Blockchain.currentBlockTime < fundedAt + timeToMarket) {
      throw new Error('The plant is still within its time to market.');
    }
    const issuedSoFar = this.counts.get(`${ppID}#`);
    const issued = issuedSoFar === undefined ? 0 : issuedSoFar;
    const stored = this.counts.get(`${ppID}>`);
    const threshold = stored === undefined ? this.thresholdKey(ppID, capacityW, cost) : stored;
    // One call to the ledger for this page (it issues in the same order). Pledges no
    // longer change once funded, so the storage order is the same on every call.
    const funderList: Address[] = [];
    const quotaList: number[] = [];
    let index = 0;
    for (const [funder, [amount, order]] of this.pledgesByPlant.at(ppID)) {
      if (index >= issued + 20) {
        break;
      }
      if (index >= issued) {
        const floor = (capacityW * amount) / cost;
        funderList.push(funder);
        quotaList.push(this.keyOf(capacityW, cost, amount, order) >= threshold ? floor + 1 : floor);
      }
      index += 1;
    }
    const refusal = ledger().applyIssue(funderList, quotaList);
    if (refusal !== '') {
      throw new Error(refusal);
    }
    if (issued + funderList.length < funders) {
      this.counts.set(`${ppID}>`, threshold);
      this.counts.set(`${ppID}#`, issued + funderList.length);

      return false;
    }
    this.counts.delete(`${ppID}>`);
    this.counts.delete(`${ppID}#`);
    setPlant(
      this.plants,
      ppID,
      plant,
      utility,
      'operating',
      raised,
      funders,
      fundedAt,
      Blockchain.currentBlockTime,
      'operating',
    );

    return true;
  }

  // ---------------------------------------------------------------- Outcomes of referendums (MTEMsmReferendums only)

  /** Records the MTEMsmReferendums contract; called once, by its constructor, in a deployment the founder signs. */
  public attach(founder: Address): string {
    if (!founder.equals(this.founder) || !Address.isSender(founder)) {
      return 'Only the founder may attach a contract.';
    }
    if (this.partners.has(REFERENDUMS)) {
      return 'That contract is already attached.';
    }
    this.partners.set(REFERENDUMS, Blockchain.currentCallerContract as Address);

    return '';
  }

  /** Registers an approved plant in funding (its ID comes from the ledger) and returns its ID. */
  public applyPowerUp(rID: string, capacityW: Integer, cost: Fixed<2>, utility: string, timeToMarket: Integer): string {
    requireCaller(this.partners.get(REFERENDUMS));
    const ppID = ledger().applyPlantRegistration();
    const period: number = this.crowdfundingPeriod;
    const fundingEndsAt = Blockchain.currentBlockTime + period;
    this.plants.set(ppID, [capacityW, cost, utility, timeToMarket, 'funding', fundingEndsAt, 0, 0, 0, 0]);
    notifyPlant(ppID, rID, capacityW, cost, utility, timeToMarket, fundingEndsAt);
    notifyProcess(ppID, 'funding');

    return ppID;
  }

  /** Moves a plant that has not failed nor been removed to another utility's coverage area. */
  public applyPlantUtility(ppID: string, utility: string): string {
    requireCaller(this.partners.get(REFERENDUMS));
    const plant = this.plants.get(ppID);
    const refusal = changeRefusal(plant, 'live', false);
    if (refusal !== '') {
      return refusal;
    }
    const [, , , , status, , raised, funders, fundedAt, operatingSince] = plant as PlantRecord;
    setPlant(this.plants, ppID, plant as PlantRecord, utility, status, raised, funders, fundedAt, operatingSince, 'utility');
    notifyPlantUtility(ppID, utility);

    return '';
  }

  /** Removes a plant that does not operate yet, cancelling its pledges. */
  public applyPlantRemoval(ppID: string): string {
    requireCaller(this.partners.get(REFERENDUMS));
    const refusal = changeRefusal(this.plants.get(ppID), 'removable', this.counts.has(`${ppID}#`));
    if (refusal === '') {
      cancelPlant(this.plants, this.pledgesByPlant, this.pledgesByMember, ppID, 'removed');
    }

    return refusal;
  }

  // ---------------------------------------------------------------- Reads

  @constant
  public powerPlant(
    ppID: string,
  ):
    | {
        readonly capacityW: Integer;
        readonly cost: Fixed<2>;
        readonly utility: string;
        readonly timeToMarket: Integer;
        readonly status: string;
        readonly fundingEndsAt: Integer;
        readonly raised: Fixed<2>;
        readonly funders: Integer;
        readonly fundedAt: Integer;
        readonly operatingSince: Integer;
      }
    | undefined {
    const plant = this.plants.get(ppID);
    if (plant === undefined) {
      return undefined;
    }
    const [capacityW, cost, utility, timeToMarket, status, fundingEndsAt, raised, funders, fundedAt, operatingSince] =
      plant;

    return {
      capacityW,
      cost,
      utility,
      timeToMarket,
      status,
      fundingEndsAt,
      raised,
      funders,
      fundedAt,
      operatingSince,
    };
  }

  @constant
  public bidOf(ppID: string, address: Address): Fixed<2> {
    const pledge = this.pledgesByPlant.get([ppID, address]);

    return pledge === undefined ? 0 : pledge[0];
  }

  /**
   * The member's pledges, as { ppID, amount } pairs (neo-one clients cannot decode
   * tuples, and a Map return breaks calls from linked contracts). Pledges of
   * operating plants stay as the investment record.
   */
  @constant
  public contributionsOf(address: Address): Array<{ readonly ppID: string; readonly amount: Fixed<2> }> {
    const pledges: Array<{ readonly ppID: string; readonly amount: Fixed<2> }> = [];
    for (const [ppID, amount] of this.pledgesByMember.at(address)) {
      pledges.push({ ppID, amount });
    }

    return pledges;
  }


  /** Plant IDs in order of registration (removed and failed plants included). */
  @constant
  public listOfPowerPlants(offset: Integer, limit: Integer): string[] {
    if (offset < 0 || limit <= 0 || limit > 100) {
      throw new Error('Pages need offset >= 0 and 1 <= limit <= 100.');
    }
    const count: number = ledger().plantCount();
    const first: number = offset;
    const size: number = limit;
    const page: string[] = [];
    for (let index = first; index < first + size && index < count; index++) {
      page.push(`P${index + 1}`);
    }

    return page;
  }

  /**
   * '' for an unknown plant (a scalar read for MTEMsmReferendums); 'issuing' for a
   * funded plant part-way through startOperation's pages, which can no longer be removed.
   */
  @constant
  public plantStatus(ppID: string): string {
    const plant = this.plants.get(ppID);

    return plant === undefined ? '' : this.counts.has(`${ppID}#`) ? 'issuing' : plant[4];
  }

  // ---------------------------------------------------------------- Internals

  /**
   * The leftover-th largest key, so that exactly `leftover` funders have a key >= it
   * (a key above all of them when leftover is 0). Each round samples keys in (lo, hi),
   * counts the keys at or above each sampled one and narrows the range to between two
   * neighbouring samples; memory stays at 16 keys whatever the number of funders.
   */
  private thresholdKey(ppID: string, capacityW: number, cost: number): number {
    // rank: position of the wanted key, from the top, among the keys in (lo, hi); the
    // first pass counts it (the leftover watts: capacityW minus every share's floor).
    let rank = -1;
    let lo = 0;
    let hi = cost * 1_099_511_627_776 + 1_099_511_627_776;
    while (rank !== 0) {
      const sample: number[] = [];
      let inRange = 0;
      let assigned = 0;
      for (const [, [amount, order]] of this.pledgesByPlant.at(ppID)) {
        if (rank < 0) {
          // Integer division of non-negative values: floor.
          assigned += (capacityW * amount) / cost;
        }
        const key = this.keyOf(capacityW, cost, amount, order);
        if (key > lo && key < hi) {
          inRange += 1;
          if (sample.length < 16) {
            // Insertion in descending order.
            let index = sample.length;
            sample.push(key);
            while (index > 0 && sample[index - 1] < key) {
              sample[index] = sample[index - 1];
              index -= 1;
            }
            sample[index] = key;
          }
        }
      }
      if (rank < 0) {
        rank = capacityW - assigned;
        if (rank === 0) {
          break;
        }
      }
      if (inRange <= sample.length) {
        return sample[rank - 1];
      }
      // atOrAbove[j]: keys in range at or above sample[j], counted into their lowest bucket.
      const atOrAbove: number[] = [];
      for (let index = 0; index < sample.length; index++) {
        atOrAbove.push(0);
      }
      for (const [, [amount, order]] of this.pledgesByPlant.at(ppID)) {
        const key = this.keyOf(capacityW, cost, amount, order);
        if (key > lo && key < hi) {
          // Binary search for the first sample <= key (the sample is in descending order).
          let index = 0;
          let end = sample.length;
          while (index < end) {
            const middle = (index + end) / 2;
            if (sample[middle] > key) {
              index = middle + 1;
            } else {
              end = middle;
            }
          }
          if (index < sample.length) {
            atOrAbove[index] += 1;
          }
        }
      }
      let counted = 0;
      let upper = hi;
      let next = -1;
      for (let index = 0; index < sample.length && next < 0; index++) {
        if (counted + atOrAbove[index] >= rank) {
          next = index;
        } else {
          counted += atOrAbove[index];
          upper = sample[index];
        }
      }
      if (next >= 0 && counted + atOrAbove[next] === rank) {
        return sample[next];
      }
      // The wanted key lies strictly between sample[next] (or lo) and upper.
      lo = next >= 0 ? sample[next] : lo;
      hi = upper;
      rank -= counted;
    }

    return cost * 1_099_511_627_776 + 1_099_511_627_776;
  }

  /** Remainder first, then the earlier pledge (2^40 is above any order): unique per pledge, always > 0. */
  private keyOf(capacityW: number, cost: number, amount: number, order: number): number {
    return ((capacityW * amount) % cost) * 1_099_511_627_776 + (1_099_511_627_776 - order);
  }

  private pledge(ppID: string, address: Address, amount: number): void {
    const counted = this.counts.get(PLEDGES);
    const pledges = counted === undefined ? 0 : counted;
    if (
      setPledge(
        this.plants,
        this.pledgesByPlant,
        this.pledgesByMember,
        ppID,
        address,
        amount,
        this.minBid,
        pledges + 1,
      )
    ) {
      this.counts.set(PLEDGES, pledges + 1);
    }
  }
}
