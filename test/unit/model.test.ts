/**
 * The model of test/model.ts alone (no node): a short story of a group, each step's value
 * or the contract's message, and the state a user would read after it. The random test
 * compares the model with the chain after every step; here the model itself is pinned.
 */
import { DAY, defaultSettings, E, invariantViolations, Model } from '../model';

const [F, A, B, C] = ['founder', 'ana', 'bia', 'caio'];
const TREASURY = 'treasury';
const HASH = `0x${'ab'.repeat(32)}`;

test('a group’s story on the model: admission, votes, an oversubscribed plant cut pro rata, quotas issued, rejections', () => {
  const model = new Model(defaultSettings(F, TREASURY, { trades: 'trades', plants: 'plants', referendums: 'referendums' }));
  let now = 1_700_000_000;
  const at = (signer: string) => ({ now, signer });
  const ok = <T>(outcome: { ok: true; value: T } | { ok: false; error: string }): T => {
    if (!outcome.ok) {
      throw new Error(`rejected: ${outcome.error}`);
    }

    return outcome.value;
  };

  // Founding, then two admissions by invitation.
  expect(model.admission(at(A), A, HASH, 'Light')).toEqual({ ok: false, error: E.notFounded });
  expect(ok(model.admission(at(F), F, HASH, 'Light'))).toBe('');
  expect(model.admission(at(A), A, HASH, 'Light')).toEqual({ ok: false, error: E.needsInvitation });
  ok(model.invite(at(F), F, A));
  expect(model.admission(at(A), A, HASH, '')).toEqual({ ok: false, error: E.utility });
  expect(ok(model.admission(at(A), A, HASH, 'Light'))).toBe('R1');
  ok(model.vote(at(F), 'R1', F, true));
  expect(ok(model.admissionResult(at(A), 'R1'))).toBe(true);
  ok(model.invite(at(A), A, B));
  expect(ok(model.admission(at(B), B, HASH, 'Light'))).toBe('R2');
  // Electorate 2: one yes is exactly half, not a majority; the referendum stays open.
  ok(model.vote(at(F), 'R2', F, true));
  expect(model.admissionResult(at(B), 'R2')).toEqual({ ok: false, error: E.stillOpen });
  expect(model.vote(at(F), 'R2', F, true)).toEqual({ ok: false, error: E.alreadyVoted });
  ok(model.vote(at(A), 'R2', A, true));
  expect(ok(model.admissionResult(at(B), 'R2'))).toBe(true);
  expect(ok(model.listOfMembers(0, 100))).toEqual([F, A, B]);

  // C is rejected: 2 no of 3 decide it before endsAt.
  ok(model.invite(at(B), B, C));
  expect(ok(model.admission(at(C), C, HASH, 'Light'))).toBe('R3');
  ok(model.vote(at(F), 'R3', F, false));
  ok(model.vote(at(A), 'R3', A, false));
  expect(ok(model.admissionResult(at(C), 'R3'))).toBe(false);
  expect([model.isMember(C), model.referendum('R3')?.status]).toEqual([false, 'rejected']);

  // A plant of 10 kW for R$ 700.00, approved by 2 of 3.
  expect(ok(model.powerUp(at(A), A, 10_000n, 700_00n, 'Light', BigInt(30 * DAY)))).toBe('R4');
  ok(model.vote(at(A), 'R4', A, true));
  ok(model.vote(at(B), 'R4', B, true));
  expect(ok(model.powerUpResult(at(A), 'R4'))).toBe('P1');
  // Pledges of R$ 400, 300 and 350: R$ 1,050.00, oversubscribed by half.
  ok(model.bid(at(A), 'P1', A, 400_00n));
  ok(model.bid(at(B), 'P1', B, 300_00n));
  ok(model.bid(at(F), 'P1', F, 350_00n));
  expect(model.bid(at(F), 'P1', F, 400_00n)).toEqual({ ok: false, error: E.aboveCost });
  expect(model.crowdfundingResult(at(A), 'P1')).toEqual({ ok: false, error: E.fundingOpen });
  now += 7 * DAY;
  expect(ok(model.crowdfundingResult(at(A), 'P1'))).toBe('funded');
  // Each keeps 2/3: 266.67 (the cent left over by the largest remainder, A pledged first), 200.00, 233.33.
  expect([A, B, F].map((address) => model.bidOf('P1', address))).toEqual([266_67n, 200_00n, 233_33n]);

  expect(model.startOperation(at(A), 'P1')).toEqual({ ok: false, error: E.timeToMarketRunning });
  now += 30 * DAY;
  expect(ok(model.startOperation(at(A), 'P1'))).toBe(true);
  // Watts by the kept cents: 3810, 2857, 3333 (10,000 exactly); 1 W == 0.001 SEB, in raw 1e-8 SEB.
  expect([A, B, F].map((address) => [model.member(address)?.quotaW, model.balanceOf(address)])).toEqual([
    [3810n, 381_000_000n],
    [2857n, 285_700_000n],
    [3333n, 333_300_000n],
  ]);
  expect(model.groupSummary()).toMatchObject({ powerPlants: 1, members: 3, totalCapacityW: 10_000n, totalSupply: 1_000_000_000n });
  expect(model.powerPlant('P1')).toMatchObject({ status: 'operating', raised: 700_00n, funders: 3 });
  expect(invariantViolations(model)).toEqual([]);
});
