/**
 * Nep5Baseline: the smallest NEP-5 token in neo-one's dialect, the baseline against
 * which `npm run bench` prices MTEMsm's SEB `transfer`.
 *
 * A balances map, the witness check, the NEP-5 `transfer` event, and nothing else:
 * no membership, no receiver checks, no contract-receiver hook. The constructor mints
 * the whole supply to the deployer.
 */
import {
  Address,
  constant,
  createEventNotifier,
  Deploy,
  Fixed,
  MapStorage,
  SmartContract,
} from '@neo-one/smart-contract';

// 1,000,000 tokens, in raw units of Fixed<8>.
const SUPPLY = 1_000_000_00000000;

// NEP-5 transfer, exactly as NEP-5 defines it (`from` undefined on mint).
const notifyTransfer = createEventNotifier<Address | undefined, Address | undefined, Fixed<8>>(
  'transfer',
  'from',
  'to',
  'amount',
);

export class Nep5Baseline extends SmartContract {
  public readonly properties = {
    codeVersion: '1.0',
    author: 'MTEMsm developers',
    email: 'mtemsm@example.org',
    description: 'Minimal NEP-5 token: the gas baseline of npm run bench',
  };
  public readonly name = 'NEP-5 Baseline';
  public readonly symbol = 'NB';
  public readonly decimals = 8;

  private readonly balances = MapStorage.for<Address, Fixed<8>>();

  public constructor(owner: Address = Deploy.senderAddress) {
    super();
    this.balances.set(owner, SUPPLY);
    notifyTransfer(undefined, owner, SUPPLY);
  }

  @constant
  public get totalSupply(): Fixed<8> {
    return SUPPLY;
  }

  @constant
  public balanceOf(address: Address): Fixed<8> {
    const balance = this.balances.get(address);

    return balance === undefined ? 0 : balance;
  }

  public transfer(from: Address, to: Address, amount: Fixed<8>): boolean {
    if (amount < 0) {
      throw new Error('The amount must not be negative.');
    }
    if (!Address.isCaller(from)) {
      throw new Error('Missing witness: the sender must sign this call.');
    }
    const fromBalance = this.balanceOf(from);
    if (fromBalance < amount) {
      return false;
    }
    this.balances.set(from, fromBalance - amount);
    this.balances.set(to, this.balanceOf(to) + amount);
    notifyTransfer(from, to, amount);

    return true;
  }
}
