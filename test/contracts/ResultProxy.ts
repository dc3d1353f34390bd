/**
 * ResultProxy: a contract that sends MTEMsmReferendums' result calls on someone's
 * behalf, as the security review's H1 describes (test/forgery.test.ts deploys it).
 *
 * In neo-one 2.x a throw inside a contract that another contract called does not
 * fault the transaction: the callee returns, its storage writes are dropped, and the
 * events it had emitted stay in a HALT transaction. So in v1, `changeResult` sent
 * through this proxy on an approved change that could not apply emitted
 * `process(rID, 'approved')` for a referendum that stayed open. v1.1 refuses every
 * result call from a contract before it emits anything (spec v1.1 §1).
 *
 * It also sends MTEMsmPlants' result calls (refused the same way) and the partners'
 * `attach` (a contract deployed by the founder, signed by the founder, still cannot
 * attach a role that is taken).
 *
 * Anyone can deploy it: no witness, no settings; the called contract is named at each
 * call.
 */
import { Address, Integer, SmartContract } from '@neo-one/smart-contract';

/** The two result calls of MTEMsmReferendums this proxy sends. */
interface Results {
  readonly changeResult: (rID: string) => boolean;
  readonly admissionResult: (rID: string) => boolean;
}

/** MTEMsmPlants' three result calls. */
interface PlantResults {
  readonly crowdfundingResult: (ppID: string, threshold: Integer) => boolean;
  readonly cancelPledges: (ppID: string) => boolean;
  readonly startOperation: (ppID: string, threshold: Integer) => boolean;
}

/** The partners' attach calls: a contract deployed by the founder attaching itself. */
interface LedgerAttach {
  readonly attach: (role: string, maxPowerW: Integer) => string;
}
interface PlantsAttach {
  readonly attach: () => string;
}

export class ResultProxy extends SmartContract {
  public readonly properties = {
    codeVersion: '1.0',
    author: 'MTEMsm tests',
    email: 'mtemsm@example.org',
    description: 'Sends MTEMsmReferendums result calls through a contract (review H1)',
  };

  /** changeResult(rID) on `referendums`, called by this contract. */
  public change(referendums: Address, rID: string): boolean {
    return SmartContract.for<Results>(referendums).changeResult(rID);
  }

  /** admissionResult(rID) on `referendums`, called by this contract. */
  public admit(referendums: Address, rID: string): boolean {
    return SmartContract.for<Results>(referendums).admissionResult(rID);
  }

  /** crowdfundingResult, cancelPledges or startOperation on `plants`, called by this contract. */
  public close(plants: Address, ppID: string): boolean {
    return SmartContract.for<PlantResults>(plants).crowdfundingResult(ppID, 0);
  }

  public cancel(plants: Address, ppID: string): boolean {
    return SmartContract.for<PlantResults>(plants).cancelPledges(ppID);
  }

  public start(plants: Address, ppID: string): boolean {
    return SmartContract.for<PlantResults>(plants).startOperation(ppID, 0);
  }

  /** The ledger's attach(role), called by this contract (with whatever witnesses the transaction has). */
  public attachToLedger(ledger: Address, role: string): string {
    return SmartContract.for<LedgerAttach>(ledger).attach(role, 0);
  }

  /** MTEMsmPlants' attach(), called by this contract. */
  public attachToPlants(plants: Address): string {
    return SmartContract.for<PlantsAttach>(plants).attach();
  }
}
