/**
 * MTEMsmPlants — the group's power plants: crowdfunding and operation.
 *
 * A plant approved by a powerUp referendum (MTEMsmReferendums) is registered here
 * in `funding`; members of its utility pledge (`bid`, `changeBid`), together as much
 * as they like; when the crowdfunding closes it is `funded` (an oversubscribed plant
 * keeps from each pledge its pro-rata share of the cost) or it fails and its pledges
 * are cancelled; after its time to market it starts operating and its capacity is
 * issued on the MTEMsm ledger as quota and SEB to the funders.
 * Behaviour: shared/spec/mtemsm.md (v1.1); decisions where it is silent: README.
 *
 * Statuses: funding → closing (oversubscribed: its pledges are being cut) → funded
 * → issuing → operating; funding → failing → failed; funding, closing or funded →
 * removing → removed. Every loop over a plant's pledges runs in pages, one page per
 * call, each within NEO's 10 free GAS, so a plant may have any number of funders.
 *
 * Apportionment (the spec's largest-remainder rule, twice: the cents kept of each
 * pledge when oversubscribed, then the watts of each funder): share_i =
 * floor(total * w_i / W), and the `total - Σ floors` leftover units one each to the
 * largest remainders, ties to the earlier pledge. A remainder and the pledge's order
 * make one key (unique; larger = served first), so the rule is "one more unit for
 * every key at or above the leftover-th largest": that key, the threshold, is given by
 * whoever closes the funding or starts the plant (anyone can compute it from the
 * public pledges: src/domain/apportion.ts does), and the contract checks it over
 * every pledge, page by page, before it is used: a threshold is right iff
 * Σ floors + #{keys >= threshold} == total. A wrong one is never adopted; each
 * threshold is checked on its own, so a wrong one slows nobody down.
 *
 * Invariant 3, kept here: funding/closing plants have raised == Σ pledges (above the
 * cost if oversubscribed); failing/removing ones raised == Σ pledges not yet
 * cancelled; funded/issuing/operating ones raised == cost == Σ kept pledges;
 * failed/removed ones hold no pledges.
 *
 * How contracts call each other, and the rules the code follows for gas and size:
 * see MTEMsm.ts.
 */
import {
  Address,
  Blockchain,
  constant,
  createEventNotifier,
  Fixed,
  Integer,
  MapStorage,
  SmartContract,
} from '@neo-one/smart-contract';

// [capacityW, cost, utility, timeToMarket, status, fundingEndsAt, raised, funders,
//  fundedAt, operatingSince, openedAt, pledged, cutThreshold, quotaThreshold, done]
// pledged: Σ pledges when the funding closed (the cut's whole); *Threshold: 0 until
// checked; done: while funding, the pledges made so far (the next pledge's order, which
// breaks ties); after, the pledges handled by the pages of the current step.
type PlantRecord = [
  number,
  number,
  string,
  number,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number
];
// [member, amount, order, binding]: the pledge at an index 1 … funders of its plant;
// order (of the first pledge, in the plant) breaks ties of the apportionment; binding:
// the membership that made it (the ledger's '#' and admission serial).
type PledgeRecord = [Address, number, number, string];
// [step, checked, floors, atOrAbove]: a threshold's check so far (step: the plant's
// status it was made in).
type CheckRecord = [string, number, number, number];

type Plants = MapStorage<string, PlantRecord>;
type PledgeStorage = MapStorage<[string, number], PledgeRecord>;

// The MTEMsm ledger's methods this contract calls, one interface each: a call builds
// an object with every method of its interface (size and gas), so each lists one.
interface LedgerPledge {
  readonly applyPledge: (address: Address, utility: string, delta: Integer) => string;
}
interface LedgerIssue {
  readonly applyIssue: (funders: Address[], bindings: string[], quotas: Integer[]) => string;
}
interface LedgerRegistration {
  readonly applyPlantRegistration: () => string;
}
interface LedgerAttach {
  readonly attach: (role: string, maxPowerW: Integer) => string;
}

// Plants: funding | closing | funded | failing | failed | issuing | operating | removing | removed | utility.
const notifyProcess = createEventNotifier<string, string>('process', 'id', 'status');
// The member's pledge for a plant after each change (0: withdrawn or cancelled; what is kept when cut).
const notifyOffer = createEventNotifier<string, Address, Fixed<2>>('offer', 'ppID', 'member', 'amount');
// A page of a paged step: checking | releasing | issuing | cancelling, and the pledges done so far.
const notifyPage = createEventNotifier<string, string, Integer>('page', 'ppID', 'step', 'done');

// Pledges a page handles, each page within NEO's 10 free GAS at any plant size
// (bench/gas.ts measures the worst page; src/chain/plants.ts follows them).
const CUT_CHECK_PAGE = 14;
const QUOTA_CHECK_PAGE = 8;
const RELEASE_PAGE = 10;

// ---------------------------------------------------------------- Shared routines

const requirePlant = (plants: Plants, ppID: string): PlantRecord => {
  const plant = plants.get(ppID);
  if (plant === undefined) {
    throw new Error('Unknown power plant.');
  }

  return plant;
};

/**
 * Largest-remainder key of a share of `total` in proportion `weight / whole`: the
 * remainder first, then the earlier pledge (2^40 is above any order); unique, > 0.
 */
const keyOf = (total: number, weight: number, whole: number, order: number): number =>
  ((total * weight) % whole) * 1_099_511_627_776 + (1_099_511_627_776 - order);

/**
 * The cents a pledge keeps: all of it, or its share of the cost when the plant was
 * oversubscribed (`pledged` > cost, once the cut's threshold is adopted). Scalars, not
 * the plant's tuple: the loops call it for every pledge of a page.
 */
const keptOf = (cost: number, pledged: number, cutThreshold: number, amount: number, order: number): number => {
  if (pledged <= cost || cutThreshold === 0) {
    return amount;
  }
  const floor = (cost * amount) / pledged;

  return keyOf(cost, amount, pledged, order) >= cutThreshold ? floor + 1 : floor;
};

/** Stores a plant with new values for the fields that change over its life. */
const setPlant = (
  plants: Plants,
  ppID: string,
  plant: PlantRecord,
  status: string,
  raised: number,
  funders: number,
  done: number,
): void => {
  const [capacityW, cost, utility, timeToMarket, , fundingEndsAt, , , fundedAt, operatingSince, openedAt, pledged, cut, quota] =
    plant;
  plants.set(ppID, [
    capacityW,
    cost,
    utility,
    timeToMarket,
    status,
    fundingEndsAt,
    raised,
    funders,
    status === 'funded' && fundedAt === 0 ? Blockchain.currentBlockTime : fundedAt,
    status === 'operating' ? Blockchain.currentBlockTime : operatingSince,
    openedAt,
    pledged,
    cut,
    quota,
    done,
  ]);
};

/**
 * Sets the member's pledge for a plant in funding: `amount` added (bid) or the new
 * amount (changeBid; 0 withdraws), keeping raised == Σ pledges (invariant 3).
 */
const pledge = (
  plants: Plants,
  pledgeAt: PledgeStorage,
  pledgeIndex: MapStorage<[string, Address], number>,
  partnerAt: MapStorage<string, Address>,
  minBid: number,
  ppID: string,
  address: Address,
  amount: number,
  adding: boolean,
): void => {
  if (!Address.isCaller(address)) {
    throw new Error('Missing witness: the acting address must sign this call.');
  }
  const plant = requirePlant(plants, ppID);
  const [, cost, utility, , status, fundingEndsAt, raised, funders, , , , , , , made] = plant;
  const index = pledgeIndex.get([ppID, address]);
  if (!adding && index === undefined) {
    throw new Error('This member has no pledge for this plant.');
  }
  const pledge = index === undefined ? undefined : pledgeAt.get([ppID, index]);
  const current = pledge === undefined ? 0 : pledge[1];
  const next = adding ? current + amount : amount;
  if (next > 0 && next < minBid) {
    throw new Error('The pledge is below the minimum bid.');
  }
  if (next > cost) {
    throw new Error("A pledge cannot exceed the plant's cost.");
  }
  // The member's binding ('#' and admission serial), or why it may not pledge.
  const binding = SmartContract.for<LedgerPledge>(partnerAt.get('ledger') as Address).applyPledge(
    address,
    utility,
    index === undefined ? 1 : next === 0 ? -1 : 0,
  );
  if (!Buffer.from(binding, 'utf8').slice(0, 1).equals(Buffer.from('#', 'utf8'))) {
    throw new Error(binding);
  }
  if (status !== 'funding' || Blockchain.currentBlockTime > fundingEndsAt) {
    throw new Error('The crowdfunding of this plant is closed.');
  }
  if (pledge !== undefined && pledge[3] !== binding) {
    throw new Error('This pledge was made by an earlier membership of this address.');
  }
  let newFunders = funders;
  if (next === 0) {
    // Withdrawn: the last pledge takes its index.
    const moved = pledgeAt.get([ppID, funders]) as PledgeRecord;
    pledgeAt.set([ppID, index as number], moved);
    pledgeIndex.set([ppID, moved[0]], index as number);
    pledgeAt.delete([ppID, funders]);
    pledgeIndex.delete([ppID, address]);
    newFunders -= 1;
  } else if (pledge === undefined) {
    newFunders += 1;
    pledgeAt.set([ppID, newFunders], [address, next, made + 1, binding]);
    pledgeIndex.set([ppID, address], newFunders);
  } else {
    pledgeAt.set([ppID, index as number], [address, next, pledge[2], binding]);
  }
  setPlant(plants, ppID, plant, 'funding', raised - current + next, newFunders, pledge === undefined && next > 0 ? made + 1 : made);
  notifyOffer(ppID, address, next);
};

/**
 * Checks the next page of pledges against `threshold` for the plant's current step
 * (closing: the cents kept of the cost; funded: the watts of the capacity), and
 * adopts it when the last page shows it right; a wrong one is dropped.
 */
const check = (
  plants: Plants,
  pledgeAt: PledgeStorage,
  checks: MapStorage<[string, number], CheckRecord>,
  ppID: string,
  threshold: number,
): void => {
  const plant = plants.get(ppID) as PlantRecord;
  const [capacityW, cost, utility, timeToMarket, status, fundingEndsAt, raised, funders, fundedAt, operatingSince, openedAt, pledged, cut] =
    plant;
  const closing = status === 'closing';
  const total = closing ? cost : capacityW;
  const whole = closing ? pledged : cost;
  const stored = checks.get([ppID, threshold]);
  // A check made in another step (a wrong cut threshold left over) starts again.
  const fresh = stored === undefined || stored[0] !== status;
  const checked = fresh ? 0 : (stored as CheckRecord)[1];
  let floors = fresh ? 0 : (stored as CheckRecord)[2];
  let atOrAbove = fresh ? 0 : (stored as CheckRecord)[3];
  const page = closing ? CUT_CHECK_PAGE : QUOTA_CHECK_PAGE;
  const last = checked + page < funders ? checked + page : funders;
  for (let index = checked + 1; index <= last; index++) {
    const [, amount, order] = pledgeAt.get([ppID, index]) as PledgeRecord;
    const weight = closing ? amount : keptOf(cost, pledged, cut, amount, order);
    floors += (total * weight) / whole;
    if (keyOf(total, weight, whole, order) >= threshold) {
      atOrAbove += 1;
    }
  }
  notifyPage(ppID, 'checking', last);
  if (last < funders) {
    checks.set([ppID, threshold], [status, last, floors, atOrAbove]);

    return;
  }
  checks.delete([ppID, threshold]);
  if (floors + atOrAbove === total) {
    plants.set(ppID, [
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
      openedAt,
      pledged,
      closing ? threshold : cut,
      closing ? 0 : threshold,
      0,
    ]);
    createEventNotifier<string, string, Integer>('threshold', 'ppID', 'step', 'threshold')(
      ppID,
      closing ? 'cut' : 'quota',
      threshold,
    );
  }
};

export class MTEMsmPlants extends SmartContract {
  public readonly properties = {
    codeVersion: '1.1',
    author: 'MTEMsm developers',
    email: 'mtemsm@example.org',
    description: 'MTEMsm power plants: crowdfunding by pledges and operation',
  };
  // The group's founder, part of the script as in MTEMsm (src/chain/compile.ts).
  public readonly founder = Address.from('AXNajBTQLxWHwc9sKyXcc4UdbJvp3arYDG');

  private readonly plants = MapStorage.for<string, PlantRecord>();
  private readonly pledgeAt = MapStorage.for<[string, number], PledgeRecord>();
  private readonly pledgeIndex = MapStorage.for<[string, Address], number>();
  private readonly checks = MapStorage.for<[string, number], CheckRecord>();
  // The ledger ('ledger', given at deployment) and MTEMsmReferendums ('referendums', attached).
  private readonly partnerAt = MapStorage.for<string, Address>();

  public constructor(
    ledger: Address,
    public readonly crowdfundingPeriod: Integer = 5_184_000,
    // R$ 100.00 in raw cents.
    public readonly minBid: Fixed<2> = 100_00,
    // 7 days: no plant closes early before every member could see it and pledge (v1.1 §6).
    public readonly minFundingWindow: Integer = 604_800,
  ) {
    super();
    if (!Address.isSender(this.founder)) {
      throw new Error("The founder's witness is needed to deploy the group.");
    }
    if (crowdfundingPeriod < 0 || minBid <= 0 || minFundingWindow < 0) {
      throw new Error('Deployment settings must be positive (periods may be 0).');
    }
    this.partnerAt.set('ledger', ledger);
    // A refusal from the ledger is thrown here, where it faults the transaction.
    const refusal = SmartContract.for<LedgerAttach>(ledger).attach('plants', 0);
    if (refusal !== '') {
      throw new Error(refusal);
    }
    createEventNotifier<Address, Integer, Fixed<2>, Integer>(
      'plantSettings',
      'founder',
      'crowdfundingPeriod',
      'minBid',
      'minFundingWindow',
    )(this.founder, crowdfundingPeriod, minBid, minFundingWindow);
  }

  /** Adds to the member's pledge for a plant in funding (a pledge is at least minBid and at most the cost). */
  public bid(ppID: string, address: Address, amount: Fixed<2>): boolean {
    if (amount <= 0) {
      throw new Error('The amount must be positive.');
    }
    const added: number = amount;
    pledge(
      this.plants,
      this.pledgeAt,
      this.pledgeIndex,
      this.partnerAt,
      this.minBid,
      ppID,
      address,
      added,
      true,
    );

    return true;
  }

  /** Replaces the member's pledge; 0 withdraws it. */
  public changeBid(ppID: string, address: Address, amount: Fixed<2>): boolean {
    if (amount < 0) {
      throw new Error('The amount must not be negative.');
    }
    const value: number = amount;
    pledge(
      this.plants,
      this.pledgeAt,
      this.pledgeIndex,
      this.partnerAt,
      this.minBid,
      ppID,
      address,
      value,
      false,
    );

    return true;
  }

  /**
   * Closes the crowdfunding, after fundingEndsAt or, fully pledged, once minFundingWindow
   * has passed: funded when exactly pledged; failing (its pledges cancelled in pages,
   * then failed) when under-pledged; closing when oversubscribed, each call then checking
   * a page of `threshold` (the cut's, src/domain/apportion.ts; ignored once one is
   * adopted), then releasing a page of what the pledges do not keep, until funded.
   * Returns true when this call leaves the plant funded.
   */
  public crowdfundingResult(ppID: string, threshold: Integer): boolean {
    this.requireDirectCall();
    const plant = requirePlant(this.plants, ppID);
    const [, cost, , , status, fundingEndsAt, raised, funders, , , openedAt, , cutThreshold, , done] = plant;
    if (status === 'funding') {
      const now = Blockchain.currentBlockTime;
      if (now <= fundingEndsAt && (raised < cost || now < openedAt + this.minFundingWindow)) {
        throw new Error('The crowdfunding is still open.');
      }
      if (raised < cost) {
        setPlant(this.plants, ppID, plant, funders === 0 ? 'failed' : 'failing', raised, funders, 0);
        notifyProcess(ppID, funders === 0 ? 'failed' : 'failing');

        return false;
      }
      if (raised === cost) {
        setPlant(this.plants, ppID, plant, 'funded', raised, funders, 0);
        notifyProcess(ppID, 'funded');

        return true;
      }
      const [capacityW, , utility, timeToMarket] = plant;
      this.plants.set(ppID, [capacityW, cost, utility, timeToMarket, 'closing', fundingEndsAt, raised, funders, 0, 0, openedAt, raised, 0, 0, 0]);
      notifyProcess(ppID, 'closing');
    } else if (status !== 'closing') {
      throw new Error('The plant is not in funding.');
    }
    if (cutThreshold === 0) {
      check(this.plants, this.pledgeAt, this.checks, ppID, threshold);

      return false;
    }
    // Release a page: each pledge's event now shows what it keeps.
    const current = this.plants.get(ppID) as PlantRecord;
    const [, , , , , , , , , , , pledged, cut] = current;
    const last = done + RELEASE_PAGE < funders ? done + RELEASE_PAGE : funders;
    for (let index = done + 1; index <= last; index++) {
      const [member, amount, order] = this.pledgeAt.get([ppID, index]) as PledgeRecord;
      notifyOffer(ppID, member, keptOf(cost, pledged, cut, amount, order));
    }
    notifyPage(ppID, 'releasing', last);
    if (last < funders) {
      setPlant(this.plants, ppID, current, 'closing', raised, funders, last);

      return false;
    }
    setPlant(this.plants, ppID, current, 'funded', cost, funders, 0);
    notifyProcess(ppID, 'funded');

    return true;
  }

  /** Cancels the next page of pledges of a failing or removing plant, from the last; true once it is failed or removed. */
  public cancelPledges(ppID: string): boolean {
    this.requireDirectCall();
    const [, , , , current] = requirePlant(this.plants, ppID);
    if (current !== 'failing' && current !== 'removing') {
      throw new Error('The plant has no pledges to cancel.');
    }
    const plant = this.plants.get(ppID) as PlantRecord;
    const [, cost, , , status, , raised, funders, , , , pledged, cut, , done] = plant;
    const funderList: Address[] = [];
    const bindings: string[] = [];
    const zeros: number[] = [];
    let released = 0;
    const last = funders > 2 ? funders - 2 : 0;
    for (let index = funders; index > last; index--) {
      const [member, amount, order, binding] = this.pledgeAt.get([ppID, index]) as PledgeRecord;
      released += keptOf(cost, pledged, cut, amount, order);
      this.pledgeAt.delete([ppID, index]);
      this.pledgeIndex.delete([ppID, member]);
      funderList.push(member);
      bindings.push(binding);
      zeros.push(0);
      notifyOffer(ppID, member, 0);
    }
    const refusal = SmartContract.for<LedgerIssue>(this.partnerAt.get('ledger') as Address).applyIssue(
      funderList,
      bindings,
      zeros,
    );
    if (refusal !== '') {
      throw new Error(refusal);
    }
    const ended = status === 'failing' ? 'failed' : 'removed';
    notifyPage(ppID, 'cancelling', done + funders - last);
    setPlant(this.plants, ppID, plant, last === 0 ? ended : status, raised - released, last, done + funders - last);
    if (last === 0) {
      notifyProcess(ppID, ended);
    }

    return last === 0;
  }

  /**
   * Puts a funded plant in operation once its time to market has passed, and issues its
   * capacity on the ledger as quota and SEB to the funders by the largest-remainder
   * rule (the quotas add up to capacityW exactly, so invariants 1 and 2 hold): each
   * call checks a page of `threshold` (the watts', src/domain/apportion.ts; ignored once
   * one is adopted), then issues to the next funders. A funder who is no longer a member
   * has its share go to the treasury, as its holdings did (invariant 5). Returns true
   * when the last page is issued and the plant is operating.
   */
  public startOperation(ppID: string, threshold: Integer): boolean {
    this.requireDirectCall();
    const plant = requirePlant(this.plants, ppID);
    const [capacityW, cost, , timeToMarket, status, , raised, funders, fundedAt, , , pledged, cut, quotaThreshold, done] = plant;
    if (status !== 'funded' && status !== 'issuing') {
      throw new Error('The plant is not funded.');
    }
    if (Blockchain.currentBlockTime < fundedAt + timeToMarket) {
      throw new Error('The plant is still within its time to market.');
    }
    if (quotaThreshold === 0) {
      check(this.plants, this.pledgeAt, this.checks, ppID, threshold);

      return false;
    }
    // One funder a page: a member's first quota writes their record, the totals and the
    // treasury (about 9 GAS), so two a page would pass the 10 free GAS.
    const last = done + 1;
    const [member, amount, order, binding] = this.pledgeAt.get([ppID, last]) as PledgeRecord;
    const kept = keptOf(cost, pledged, cut, amount, order);
    const floor = (capacityW * kept) / cost;
    const quotaW = keyOf(capacityW, kept, cost, order) >= quotaThreshold ? floor + 1 : floor;
    const refusal = SmartContract.for<LedgerIssue>(this.partnerAt.get('ledger') as Address).applyIssue(
      [member],
      [binding],
      [quotaW],
    );
    if (refusal !== '') {
      throw new Error(refusal);
    }
    if (status === 'funded') {
      notifyProcess(ppID, 'issuing');
    }
    notifyPage(ppID, 'issuing', last);
    setPlant(this.plants, ppID, plant, last < funders ? 'issuing' : 'operating', raised, funders, last);
    if (last < funders) {
      return false;
    }
    notifyProcess(ppID, 'operating');

    return true;
  }

  // ---------------------------------------------------------------- Outcomes of referendums (MTEMsmReferendums only)

  /** Records the MTEMsmReferendums contract; called once, by its constructor, in a deployment the founder signs. */
  public attach(): string {
    const caller = Blockchain.currentCallerContract;
    if (caller === undefined || !Address.isSender(this.founder)) {
      return 'Only the founder may attach a contract.';
    }
    if (this.partnerAt.has('referendums')) {
      return 'That contract is already attached.';
    }
    this.partnerAt.set('referendums', caller);
    createEventNotifier<string, Address>('attached', 'role', 'contract')('referendums', caller);

    return '';
  }

  /** Registers an approved plant in funding (its ID comes from the ledger) and returns its ID. */
  public applyPowerUp(rID: string, capacityW: Integer, cost: Fixed<2>, utility: string, timeToMarket: Integer): string {
    if (!this.isReferendums()) {
      return '';
    }
    const ppID = SmartContract.for<LedgerRegistration>(this.partnerAt.get('ledger') as Address).applyPlantRegistration();
    if (ppID === '') {
      return '';
    }
    const now = Blockchain.currentBlockTime;
    const period: number = this.crowdfundingPeriod;
    const fundingEndsAt = now + period;
    this.plants.set(ppID, [capacityW, cost, utility, timeToMarket, 'funding', fundingEndsAt, 0, 0, 0, 0, now, 0, 0, 0, 0]);
    createEventNotifier<string, string, Integer, Fixed<2>, string, Integer, Integer>(
      'plant',
      'ppID',
      'rID',
      'capacityW',
      'cost',
      'utility',
      'timeToMarket',
      'fundingEndsAt',
    )(ppID, rID, capacityW, cost, utility, timeToMarket, fundingEndsAt);
    notifyProcess(ppID, 'funding');

    return ppID;
  }

  /** Moves a plant that has not failed nor been removed to another utility's coverage area. */
  public applyPlantUtility(ppID: string, utility: string): string {
    if (!this.isReferendums()) {
      return 'Only the MTEMsmReferendums contract may apply outcomes.';
    }
    const plant = this.plants.get(ppID);
    const status = plant === undefined ? '' : plant[4];
    if (plant === undefined || status === 'failing' || status === 'failed' || status === 'removing' || status === 'removed') {
      return 'The plant has failed or was removed.';
    }
    const [capacityW, cost, , timeToMarket, , fundingEndsAt, raised, funders, fundedAt, operatingSince, openedAt, pledged, cut, quota, done] =
      plant;
    this.plants.set(ppID, [capacityW, cost, utility, timeToMarket, status, fundingEndsAt, raised, funders, fundedAt, operatingSince, openedAt, pledged, cut, quota, done]);
    createEventNotifier<string, string>('plantUtility', 'ppID', 'utility')(ppID, utility);
    notifyProcess(ppID, 'utility');

    return '';
  }

  /** Removes a plant that does not operate yet: its pledges are then cancelled in pages (cancelPledges). */
  public applyPlantRemoval(ppID: string): string {
    if (!this.isReferendums()) {
      return 'Only the MTEMsmReferendums contract may apply outcomes.';
    }
    const plant = this.plants.get(ppID);
    const status = plant === undefined ? '' : plant[4];
    if (plant === undefined || (status !== 'funding' && status !== 'closing' && status !== 'funded')) {
      return 'A plant can be removed only before it operates.';
    }
    const [capacityW, cost, utility, timeToMarket, , fundingEndsAt, raised, funders, fundedAt, , openedAt, pledged, cut, quota] = plant;
    // A plant closing is removed from its pledges as made (its cut, if checked, is dropped).
    this.plants.set(ppID, [
      capacityW,
      cost,
      utility,
      timeToMarket,
      funders === 0 ? 'removed' : 'removing',
      fundingEndsAt,
      raised,
      funders,
      fundedAt,
      0,
      openedAt,
      pledged,
      status === 'closing' ? 0 : cut,
      quota,
      0,
    ]);
    notifyProcess(ppID, funders === 0 ? 'removed' : 'removing');

    return '';
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
    const [capacityW, cost, utility, timeToMarket, status, fundingEndsAt, raised, funders, fundedAt, operatingSince] = plant;

    return { capacityW, cost, utility, timeToMarket, status, fundingEndsAt, raised, funders, fundedAt, operatingSince };
  }

  /**
   * The rest of a plant's record, as integers: [openedAt, pledged (Σ pledges when the
   * funding closed, raw cents), cut threshold, watts threshold (0 until checked),
   * pledges done by the current paged step]; [] for an unknown plant.
   */
  @constant
  public plantState(ppID: string): Integer[] {
    const plant = this.plants.get(ppID);
    if (plant === undefined) {
      return [];
    }
    const [, , , , , , , , , , openedAt, pledged, cutThreshold, quotaThreshold, done] = plant;

    return [openedAt, pledged, cutThreshold, quotaThreshold, done];
  }

  /** The member's pledge: what it keeps once an oversubscribed plant is funded. */
  @constant
  public bidOf(ppID: string, address: Address): Fixed<2> {
    const plant = this.plants.get(ppID);
    const index = this.pledgeIndex.get([ppID, address]);
    if (plant === undefined || index === undefined) {
      return 0;
    }
    const [, amount, order] = this.pledgeAt.get([ppID, index]) as PledgeRecord;
    const [, cost, , , , , , , , , , pledged, cut] = plant;

    return keptOf(cost, pledged, cut, amount, order);
  }

  /**
   * A page of a plant's pledges in index order, as made (amount: raw cents pledged;
   * order: the order of the member's first pledge in this plant), for computing the
   * thresholds. At most 50 a page: 90 objects overflow NeoVM's 2,048 stack items.
   */
  @constant
  public pledges(
    ppID: string,
    offset: Integer,
    limit: Integer,
  ): Array<{ readonly member: Address; readonly amount: Fixed<2>; readonly order: Integer }> {
    this.page(offset, limit);
    if (limit > 50) {
      throw new Error('Pages of pledges hold at most 50.');
    }
    const plant = requirePlant(this.plants, ppID);
    const first: number = offset;
    const size: number = limit;
    const list: Array<{ readonly member: Address; readonly amount: Fixed<2>; readonly order: Integer }> = [];
    for (let index = first + 1; index <= first + size && index <= plant[7]; index++) {
      const [member, amount, order] = this.pledgeAt.get([ppID, index]) as PledgeRecord;
      list.push({ member, amount, order });
    }

    return list;
  }

  /**
   * The member's pledges among plants P<offset+1> … P<offset+limit>, as { ppID, amount }
   * pairs (what each keeps; neo-one clients cannot decode tuples). Pledges of operating
   * plants stay as the investment record.
   */
  @constant
  public contributionsOf(
    address: Address,
    offset: Integer,
    limit: Integer,
  ): Array<{ readonly ppID: string; readonly amount: Fixed<2> }> {
    this.page(offset, limit);
    const first: number = offset;
    const size: number = limit;
    const list: Array<{ readonly ppID: string; readonly amount: Fixed<2> }> = [];
    for (let index = first + 1; index <= first + size; index++) {
      const ppID = `P${index}`;
      const plant = this.plants.get(ppID);
      if (plant === undefined) {
        break;
      }
      const at = this.pledgeIndex.get([ppID, address]);
      if (at !== undefined) {
        const [, amount, order] = this.pledgeAt.get([ppID, at]) as PledgeRecord;
        const [, cost, , , , , , , , , , pledged, cut] = plant;
        list.push({ ppID, amount: keptOf(cost, pledged, cut, amount, order) });
      }
    }

    return list;
  }

  /** Plant IDs in order of registration (removed and failed plants included). */
  @constant
  public listOfPowerPlants(offset: Integer, limit: Integer): string[] {
    this.page(offset, limit);
    const first: number = offset;
    const size: number = limit;
    const list: string[] = [];
    for (let index = first + 1; index <= first + size && this.plants.has(`P${index}`); index++) {
      list.push(`P${index}`);
    }

    return list;
  }

  /** A plant's status, '' for an unknown plant (a scalar read for MTEMsmReferendums). */
  @constant
  public plantStatus(ppID: string): string {
    const plant = this.plants.get(ppID);

    return plant === undefined ? '' : plant[4];
  }

  /** An operating plant's capacity in W, else 0 (one scalar read for MTEMsmEnergy: a plant meter's plant and limit). */
  @constant
  public operatingCapacityW(ppID: string): Integer {
    const plant = this.plants.get(ppID);

    return plant === undefined || plant[4] !== 'operating' ? 0 : plant[0];
  }

  // ---------------------------------------------------------------- Internals

  /** Results may be sent by anyone, but not through a contract (v1.1 §1: a callee's throw would not fault the transaction). */
  private requireDirectCall(): void {
    if (Blockchain.currentCallerContract !== undefined) {
      throw new Error('Results must be sent directly, not through another contract.');
    }
  }

  private isReferendums(): boolean {
    const caller = Blockchain.currentCallerContract;
    const expected = this.partnerAt.get('referendums');

    return caller !== undefined && expected !== undefined && caller.equals(expected);
  }

  /** Checks a page's bounds: 1 to 100 entries. */
  private page(offset: Integer, limit: Integer): void {
    if (offset < 0 || limit <= 0 || limit > 100) {
      throw new Error('Pages need offset >= 0 and 1 <= limit <= 100.');
    }
  }
}
