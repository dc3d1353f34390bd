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
 * Anyone can deploy it: no witness, no settings; the referendums contract is named
 * at each call.
 */
import { Address, SmartContract } from '@neo-one/smart-contract';

/** The two result calls of MTEMsmReferendums this proxy sends. */
interface Results {
  readonly changeResult: (rID: string) => boolean;
  readonly admissionResult: (rID: string) => boolean;
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
}
