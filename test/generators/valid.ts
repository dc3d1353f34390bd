/**
 * The valid generators, one per operation (a few cover related operations: joining is
 * an invitation or a request, a result is of any kind, closing and starting may send a
 * single page), drawn by weight. VALID is the table, in the order the weights are drawn;
 * GENERATORS_OF maps each operation to the generators that produce it.
 */
import { OpName, OPS } from '../model';
import { Gen } from './context';
import * as ledger from './ledger';
import * as membership from './membership';
import * as plants from './plants';
import * as proposals from './proposals';
import * as trades from './trades';
import { Step } from './types';
import { ValidGenerator, viewOf } from './view';

export const VALID: ReadonlyArray<readonly [string, ValidGenerator]> = [
  ['join', membership.join],
  ['vote', membership.vote],
  ['result', membership.result],
  ['powerUp', plants.powerUp],
  ['bid', plants.bid],
  ['changeBid', plants.changeBid],
  ['close', plants.close],
  ['closePage', plants.closePage],
  ['cancel', plants.cancel],
  ['start', plants.start],
  ['checkPage', plants.checkPage],
  ['offerTrade', trades.offerTrade],
  ['acceptTrade', trades.acceptTrade],
  ['cancelTrade', trades.cancelTrade],
  ['transfer', ledger.transfer],
  ['changeProfile', ledger.changeProfile],
  ['proposeCorrection', proposals.proposeCorrection],
  ['proposeRemoval', proposals.proposeRemoval],
  ['proposePlantUtility', proposals.proposePlantUtility],
  ['proposePlantRemoval', proposals.proposePlantRemoval],
];

/** Operation → the valid generators that may produce it (every operation has one). */
export const GENERATORS_OF: Readonly<Record<OpName, readonly string[]>> = Object.fromEntries(
  OPS.map((op) => [op, VALID.filter(([, generator]) => generator.ops.includes(op)).map(([name]) => name)]),
) as unknown as Record<OpName, readonly string[]>;

/** A valid call for the model's state at `now`, step `index` (undefined if none was found). */
export const valid = (g: Gen, now: number, index: number): Step | undefined => {
  const view = viewOf(g, now, index);

  return g.weighted(VALID.map(([, generator]) => ({ weight: generator.weight(view), make: () => generator.make(view) })));
};
