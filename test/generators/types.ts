/** What the generators produce and share: steps, coverage, the effects a run aims at. */
import { Address, DAY, OpCall, OpName } from '../model';

export interface Actor {
  readonly name: string;
  readonly address: Address;
}

export type Step =
  | {
      readonly kind: 'op';
      readonly call: OpCall;
      /** The account that signs the transaction. */
      readonly signer: Address;
      readonly intent: 'valid' | 'invalid';
      /** What the generator aimed at (for the log). */
      readonly note: string;
    }
  | { readonly kind: 'jump'; readonly seconds: number; readonly note: string };

export type OpStep = Extract<Step, { kind: 'op' }>;

export interface Coverage {
  readonly succeeded: Map<OpName, number>;
  readonly rejected: Map<OpName, number>;
}

export const newCoverage = (): Coverage => ({ succeeded: new Map(), rejected: new Map() });

/**
 * Outcomes worth reaching at least once in a run (beyond each operation succeeding once):
 * the generator leans towards them until the model shows them.
 */
export const EFFECTS = [
  'admission rejected',
  'powerUp rejected',
  'removal applied',
  'correction applied',
  'change lapsed',
  'plant utility applied',
  'plant removed',
  'crowdfunding failed',
  'oversubscribed plant funded',
  'tie decided by pledge order',
  "removed funder's share to the treasury",
  'offer expired',
] as const;
export type Effect = typeof EFFECTS[number];

export const UTILITIES = ['Light', 'Cemig'] as const;
export const OTHER_UTILITY = 'Enel';
export const MAX_JUMP = 40 * DAY;
/** Offer validities (the CLI's default is 7 days). */
export const VALID_FOR = [DAY, 2 * DAY, 7 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY];

/** A weighted choice: `make` may give up (undefined), and another candidate is tried. */
export interface Candidate {
  readonly weight: number;
  readonly make: () => Step | undefined;
}

export const resultOp = (kind: string | undefined): 'admissionResult' | 'powerUpResult' | 'changeResult' =>
  kind === 'admission' ? 'admissionResult' : kind === 'powerUp' ? 'powerUpResult' : 'changeResult';
