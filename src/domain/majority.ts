/**
 * The majority rule and the early close, in one place for all off-chain code (the
 * model, the auditor's rebuild, the command line). The contract applies it in
 * MTEMsmReferendums.outcomeOf; spec (shared/spec/mtemsm.md), "Referendums":
 *
 * - Approved iff `yes * 2 > electorate`: a strict majority of the whole electorate
 *   (the members when it opened), not of the votes cast. Exactly half is not enough.
 * - A result call is accepted once `now > endsAt`, or earlier as soon as the outcome
 *   can no longer change: `yes * 2 > electorate` (approved) or `no * 2 >= electorate`
 *   (the yes votes still possible cannot make a majority).
 * - After endsAt, a referendum without a majority of the electorate is rejected, even
 *   with more yes than no among the votes cast.
 * - v1.1 §2: an approved change that cannot apply is resolved `lapsed` (with the
 *   reason); admissions and powerUps never lapse (their result applies or throws).
 */
import { resultAllowed } from './deadlines';

export type Outcome = 'approved' | 'rejected';

/** A strict majority of the electorate said yes. */
export const isApproved = (yes: number, electorate: number): boolean => yes * 2 > electorate;

/** So many said no that the members left cannot make a majority of yes: `no * 2 >= electorate`. */
export const majorityImpossible = (no: number, electorate: number): boolean => no * 2 >= electorate;

/** The outcome once it can no longer change, whatever the members still to vote say; undefined while it can. */
export const decidedOutcome = (yes: number, no: number, electorate: number): Outcome | undefined =>
  isApproved(yes, electorate) ? 'approved' : majorityImpossible(no, electorate) ? 'rejected' : undefined;

/** The outcome a result call sent at `now` gets; undefined while the call is refused ("still open"). */
export const outcomeAt = (yes: number, no: number, electorate: number, now: number, endsAt: number): Outcome | undefined =>
  decidedOutcome(yes, no, electorate) ?? (resultAllowed(now, endsAt) ? (isApproved(yes, electorate) ? 'approved' : 'rejected') : undefined);

/** Whether a result call at `now` is before endsAt: accepted only because the outcome is decided. */
export const closesEarly = (yes: number, no: number, electorate: number, now: number, endsAt: number): boolean =>
  !resultAllowed(now, endsAt) && decidedOutcome(yes, no, electorate) !== undefined;

/** The kinds whose approval may lapse (every change kind; not admission, not powerUp). */
export const canLapse = (kind: string): boolean => kind !== 'admission' && kind !== 'powerUp';

/** A referendum's final status: rejected, approved, or (an approved change that cannot apply: `reason` given) lapsed. */
export const resolvedStatus = (approved: boolean, lapseReason = ''): 'approved' | 'rejected' | 'lapsed' =>
  !approved ? 'rejected' : lapseReason === '' ? 'approved' : 'lapsed';
