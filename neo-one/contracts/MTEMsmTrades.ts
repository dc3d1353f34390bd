/**
 * MTEMsmTrades — trade offers between members: quota one way, SEB the other (the
 * thesis' "trade"), and donations of quota.
 *
 * An offer waits for its receiver until it expires; accepting it moves quota and SEB
 * on the MTEMsm ledger atomically (the ledger's applyTrade checks both members, their
 * utility, their frozen and reserved holdings). An offer is bound to the two
 * memberships it was made between (their admission serials, the ledger's `binding`):
 * once either side has left the group, even if admitted again, it can no longer be
 * accepted and reads as cancelled (v1.1 §9).
 * Behaviour: shared/spec/mtemsm.md (v1.1); decisions where it is silent: README.
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

// [from, to, quotaW, tokens, status, offeredAt, expiresAt, binding]
type OfferRecord = [Address, Address, number, number, string, number, number, string];

/** The MTEMsm ledger, as this contract calls it (only these methods: each one listed costs every call). */
interface Ledger {
  readonly applyTrade: (from: Address, to: Address, quotaW: Integer, tokens: Fixed<8>, binding: string) => string;
  readonly applyOfferEnd: (from: Address, binding: string) => string;
  readonly bindingOf: (from: Address, to: Address) => string;
  readonly attach: (role: string, maxPowerW: Integer) => string;
}

// offered | accepted | cancelled | donated (expiresAt 0 for a donation).
const notifyTrade = createEventNotifier<string, Address, Address, Integer, Fixed<8>, string, Integer>(
  'trade',
  'offerID',
  'from',
  'to',
  'quotaW',
  'tokens',
  'status',
  'expiresAt',
);

export class MTEMsmTrades extends SmartContract {
  public readonly properties = {
    codeVersion: '1.1',
    author: 'MTEMsm developers',
    email: 'mtemsm@example.org',
    description: 'MTEMsm trade offers: quota for SEB between members',
  };
  // The group's founder, part of the script as in MTEMsm (src/chain/compile.ts).
  public readonly founder = Address.from('AXNajBTQLxWHwc9sKyXcc4UdbJvp3arYDG');

  private readonly offers = MapStorage.for<string, OfferRecord>();
  // The offers made so far under 'offers' (the next ID).
  private readonly counts = MapStorage.for<string, number>();
  // The ledger's address under 'ledger', given at deployment.
  private readonly partnerAt = MapStorage.for<string, Address>();

  public constructor(ledger: Address) {
    super();
    if (!Address.isSender(this.founder)) {
      throw new Error("The founder's witness is needed to deploy the group.");
    }
    this.partnerAt.set('ledger', ledger);
    const refusal = SmartContract.for<Ledger>(ledger).attach('trades', 0);
    if (refusal !== '') {
      throw new Error(refusal);
    }
  }

  /**
   * Offers quota for SEB to another member of the same utility, open for `validFor`
   * seconds (the CLI's default is 7 days), and returns its ID; with tokens == 0 it is
   * a donation, done at once (returns '').
   */
  public offerTrade(from: Address, to: Address, quotaW: Integer, tokens: Fixed<8>, validFor: Integer): string {
    if (!Address.isCaller(from)) {
      throw new Error('Missing witness: the acting address must sign this call.');
    }
    if (from.equals(to)) {
      throw new Error('Sender and receiver must differ.');
    }
    if (quotaW < 0 || tokens < 0 || (quotaW === 0 && tokens === 0)) {
      throw new Error('quotaW and tokens must not be negative, nor both zero.');
    }
    if (tokens > 0 && (validFor <= 0 || validFor > 31_536_000)) {
      throw new Error('An offer is valid for 1 second to 365 days.');
    }
    const result = this.ledger().applyTrade(from, to, quotaW, tokens, '');
    if (tokens === 0) {
      if (result !== '') {
        throw new Error(result);
      }
      notifyTrade('', from, to, quotaW, 0, 'donated', 0);

      return '';
    }
    // A new offer's binding starts with '#'; a refusal is a sentence.
    if (!Buffer.from(result, 'utf8').slice(0, 1).equals(Buffer.from('#', 'utf8'))) {
      throw new Error(result);
    }
    const counted = this.counts.get('offers');
    const count = (counted === undefined ? 0 : counted) + 1;
    this.counts.set('offers', count);
    const offerID = `T${count}`;
    const period: number = validFor;
    const expiresAt = Blockchain.currentBlockTime + period;
    this.offers.set(offerID, [from, to, quotaW, tokens, 'offered', Blockchain.currentBlockTime, expiresAt, result]);
    notifyTrade(offerID, from, to, quotaW, tokens, 'offered', expiresAt);

    return offerID;
  }

  /** The receiver accepts before the offer expires: quota from→to and SEB to→from, atomically, or nothing at all. */
  public acceptTrade(offerID: string, address: Address): boolean {
    if (!Address.isCaller(address)) {
      throw new Error('Missing witness: the acting address must sign this call.');
    }
    const [from, to, quotaW, tokens, status, offeredAt, expiresAt, binding] = this.openOffer(offerID);
    if (!address.equals(to)) {
      throw new Error('Only the receiver of the offer may accept it.');
    }
    if (Blockchain.currentBlockTime > expiresAt) {
      throw new Error('The trade offer has expired.');
    }
    const refusal = this.ledger().applyTrade(from, to, quotaW, tokens, binding);
    if (refusal !== '') {
      throw new Error(refusal);
    }
    this.offers.set(offerID, [from, to, quotaW, tokens, 'accepted', offeredAt, expiresAt, binding]);
    notifyTrade(offerID, from, to, quotaW, tokens, 'accepted', expiresAt);

    return status === 'offered';
  }

  /** The sender withdraws or the receiver declines an offer not yet accepted (expired ones too). */
  public cancelTrade(offerID: string, address: Address): boolean {
    if (!Address.isCaller(address)) {
      throw new Error('Missing witness: the acting address must sign this call.');
    }
    const [from, to, quotaW, tokens, status, offeredAt, expiresAt, binding] = this.openOffer(offerID);
    if (!address.equals(from) && !address.equals(to)) {
      throw new Error('Only a side of the offer may cancel it.');
    }
    this.ledger().applyOfferEnd(from, binding);
    this.offers.set(offerID, [from, to, quotaW, tokens, 'cancelled', offeredAt, expiresAt, binding]);
    notifyTrade(offerID, from, to, quotaW, tokens, 'cancelled', expiresAt);

    return status === 'offered';
  }

  /**
   * status: offered | accepted | cancelled as recorded, read as 'expired' once past
   * expiresAt and as 'cancelled' once a side has left the group.
   */
  @constant
  public tradeOffer(
    offerID: string,
  ):
    | {
        readonly from: Address;
        readonly to: Address;
        readonly quotaW: Integer;
        readonly tokens: Fixed<8>;
        readonly status: string;
        readonly offeredAt: Integer;
        readonly expiresAt: Integer;
      }
    | undefined {
    const offer = this.offers.get(offerID);
    if (offer === undefined) {
      return undefined;
    }
    const [from, to, quotaW, tokens, stored, offeredAt, expiresAt, binding] = offer;
    const status =
      stored !== 'offered'
        ? stored
        : this.ledger().bindingOf(from, to) !== binding
        ? 'cancelled'
        : Blockchain.currentBlockTime > expiresAt
        ? 'expired'
        : stored;

    return { from, to, quotaW, tokens, status, offeredAt, expiresAt };
  }

  /** Offers made so far (their IDs are T1 … T<offerCount>). */
  @constant
  public offerCount(): Integer {
    const counted = this.counts.get('offers');

    return counted === undefined ? 0 : counted;
  }

  private ledger(): Ledger {
    return SmartContract.for<Ledger>(this.partnerAt.get('ledger') as Address);
  }

  /** An offer not yet accepted nor cancelled. */
  private openOffer(offerID: string): OfferRecord {
    const offer = this.offers.get(offerID);
    if (offer === undefined) {
      throw new Error('Unknown trade offer.');
    }
    if (offer[4] !== 'offered') {
      throw new Error('The trade offer is no longer open.');
    }

    return offer;
  }
}
