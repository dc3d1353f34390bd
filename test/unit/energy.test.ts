/**
 * src/domain/energy.ts: intervals at their edges, the readings' refusals each at its
 * boundary, the credit accumulator against exact fractions on generated histories, and
 * the consumption tree against RFC 6962's published test vectors.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  certificateMix,
  COMMITMENT_ALIGNMENT,
  CONSUMPTION_DATA_ERROR,
  consumptionLeaf,
  consumptionRefusal,
  CONSUMPTION_INTERVALS_PER_COMMITMENT,
  CONSUMPTION_RECORD_BYTES,
  MAX_PACKED_WH,
  packConsumption,
  packReadings,
  READING_BYTES,
  unpackConsumption,
  unpackReadings,
  INTERVAL_SECONDS,
  CREDIT_SCALE,
  CreditPool,
  hasEnded,
  intervalOf,
  PRODUCTION_INTERVALS_PER_CALL,
  maxIntervalEnergyWh,
  merkleProof,
  merkleRoot,
  MIN_METERS_FOR_TOTAL,
  nodeHash,
  ProductionDevice,
  READING_ERRORS,
  readingRefusal,
  verifyProof,
} from '../../src/domain/energy';

describe('intervals', () => {
  test('an interval is 900 s from the epoch, and ends at its last second', () => {
    expect([intervalOf(0), intervalOf(899), intervalOf(900), intervalOf(1_764_547_200)]).toEqual([0, 0, 1, 1_960_608]);
    // Interval 10 is [9000, 9900): ended at 9900, not at 9899.
    expect([hasEnded(10, 9899), hasEnded(10, 9900), hasEnded(10, 9901)]).toEqual([false, true, true]);
  });

  test("a device's limit for an interval is a quarter of its watts, rounded down", () => {
    expect([1000n, 1001n, 1003n, 3n, 5_000_000n].map(maxIntervalEnergyWh)).toEqual([250n, 250n, 250n, 0n, 1_250_000n]);
  });
});

describe('readings', () => {
  const device: ProductionDevice = { kind: 'production', retired: false, capacityW: 10_000n, lastInterval: 99, registerWh: 5_000n };
  const now = 200 * 900; // intervals up to 199 have ended
  const ok = (first: number, energies: bigint[], register: bigint, on = device) => readingRefusal(on, first, energies, register, now);

  test('a day of readings within every rule is accepted', () => {
    const day = Array.from({ length: PRODUCTION_INTERVALS_PER_CALL }, (_, index) => BigInt(index % 2 === 0 ? 2_500 : 0));
    expect(ok(100, day, 5_000n + BigInt(PRODUCTION_INTERVALS_PER_CALL / 2) * 2_500n)).toBeUndefined();
    // Gaps are allowed: the auditor reports them.
    expect(ok(150, [1n], 5_001n)).toBeUndefined();
  });

  test("MTEMsmEnergy and MTEMsmConsumption apply the same limits and word each refusal the same (read from their sources)", () => {
    const source = readFileSync(join(__dirname, '..', '..', 'neo-one', 'contracts', 'MTEMsmEnergy.ts'), 'utf8');
    expect(source).toContain(`if (count > ${PRODUCTION_INTERVALS_PER_CALL}) {`);
    expect(source).toContain(`if ((firstInterval + count) * ${INTERVAL_SECONDS} > Blockchain.currentBlockTime) {`);
    expect(source).toContain(`.readings(energiesWh, (capacityW * ${INTERVAL_SECONDS}) / 3600);`);
    expect(source).toContain(`const count = energiesWh.length / ${READING_BYTES};`);
    const consumption = readFileSync(join(__dirname, '..', '..', 'neo-one', 'contracts', 'MTEMsmConsumption.ts'), 'utf8');
    expect(consumption).toContain(`if (count > ${CONSUMPTION_INTERVALS_PER_COMMITMENT}) {`);
    expect(consumption).toContain(`const count = intervals.length / ${CONSUMPTION_RECORD_BYTES};`);
    expect(consumption).toContain(`firstInterval % ${COMMITMENT_ALIGNMENT} !== 0`);
    expect(consumption).toContain(`throw new Error('${CONSUMPTION_DATA_ERROR}')`);
    // MTEMsmReadings checks MIN_METERS_FOR_TOTAL (src/chain/readings.ts, test/readings.test.ts).
    expect(MIN_METERS_FOR_TOTAL).toBe(3);
    // The tree's domain separation, as the contract walks a proof.
    expect(consumption).toContain("crypto.sha256(Buffer.concat([Buffer.from('00', 'hex'), leaf]))");
    expect(consumption).toContain("crypto.sha256(Buffer.concat([Buffer.from('01', 'hex'), siblings[index], hash]))");
    // Negative energies cannot be packed: refused by packReadings, before any transaction.
    for (const message of Object.values(READING_ERRORS).filter((text) => text !== READING_ERRORS.negative)) {
      expect([message, source.includes(`throw new Error(${JSON.stringify(message)})`) || source.includes(`throw new Error('${message}')`)]).toEqual([
        message,
        true,
      ]);
    }
  });

  test('each refusal, at its boundary', () => {
    expect(readingRefusal(undefined, 100, [1n], 5_001n, now)).toBe(READING_ERRORS.unknown);
    expect(ok(100, [1n], 5_001n, { ...device, retired: true })).toBe(READING_ERRORS.retired);
    expect(ok(100, [1n], 5_001n, { ...device, kind: 'consumption' })).toBe(READING_ERRORS.notProduction);
    expect(ok(100, [], 5_000n)).toBe(READING_ERRORS.empty);
    const many = Array.from({ length: PRODUCTION_INTERVALS_PER_CALL + 1 }, () => 0n);
    expect(ok(100, many, 5_000n)).toBe(READING_ERRORS.tooMany);
    expect(ok(99, [1n], 5_001n)).toBe(READING_ERRORS.notAfter);
    // The last interval must have ended: 199 has, 200 has not.
    expect(ok(199, [1n], 5_001n)).toBeUndefined();
    expect(ok(199, [1n, 1n], 5_002n)).toBe(READING_ERRORS.notEnded);
    expect(ok(100, [-1n], 4_999n)).toBe(READING_ERRORS.negative);
    expect(ok(100, [2_500n], 7_500n)).toBeUndefined();
    expect(ok(100, [2_501n], 7_501n)).toBe(READING_ERRORS.aboveLimit);
    expect(ok(100, [1n, 2n], 5_002n)).toBe(READING_ERRORS.register);
    expect(ok(100, [1n, 2n], 5_004n)).toBe(READING_ERRORS.register);
  });
});

describe('packed intervals', () => {
  test('readings travel 3 bytes each, unsigned little endian, and come back the same', () => {
    const energies = [0n, 1n, 255n, 256n, 65_536n, MAX_PACKED_WH];
    const packed = packReadings(energies);
    expect(packed.toString('hex')).toBe('000000' + '010000' + 'ff0000' + '000100' + '000001' + 'ffffff');
    expect(unpackReadings(packed)).toEqual(energies);
    expect(() => packReadings([-1n])).toThrow(READING_ERRORS.negative);
    expect(() => packReadings([MAX_PACKED_WH + 1n])).toThrow('An energy is above 16777215 Wh');
    expect(() => unpackReadings(Buffer.alloc(4))).toThrow('Packed readings are 3 bytes an interval, not 4 bytes.');
  });

  test('a commitment travels 38 bytes an interval; the 3-meter rule is refused as the contract words it', () => {
    const records = [
      { root: Buffer.alloc(32, 1), totalWh: 4_294_967_295n, meters: 65_535 },
      { root: Buffer.alloc(32, 2), totalWh: 0n, meters: 2 },
    ];
    const packed = packConsumption(records);
    expect(packed.length).toBe(2 * CONSUMPTION_RECORD_BYTES);
    expect(packed.subarray(32, 38).toString('hex')).toBe('ffffffffffff');
    expect(unpackConsumption(packed)).toEqual(records);
    expect(consumptionRefusal(records)).toBeUndefined();
    expect(consumptionRefusal([{ ...records[1], totalWh: 1n }])).toBe(CONSUMPTION_DATA_ERROR);
    expect(consumptionRefusal([{ ...records[1], meters: 0, totalWh: 0n }])).toBeUndefined();
    expect(consumptionRefusal([{ ...records[1], meters: 0, totalWh: 1n }])).toBe(CONSUMPTION_DATA_ERROR);
    expect(consumptionRefusal([{ ...records[1], meters: 3, totalWh: 1n }])).toBeUndefined();
    expect(() => packConsumption([{ ...records[0], root: Buffer.alloc(31) }])).toThrow('A root is 32 bytes, not 31.');
    expect(() => packConsumption([{ ...records[0], totalWh: 1n << 32n }])).toThrow('A community total is from 0 to 4294967295 Wh');
  });
});

describe('the credit accumulator', () => {
  // A small seeded generator: the same histories every run.
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;

    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };

  test('each holder gets its exact pro-rata share to within a Wh, and nothing is lost nor invented', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = random(seed);
      const pool = new CreditPool();
      const holders = ['treasury', 'ana', 'bob', 'carol', 'dora'];
      // Quotas add up to the capacity; a step credits a reading or moves quota between two holders.
      const capacity = 1_000n + BigInt(Math.floor(next() * 100_000));
      const quota = new Map(holders.map((name) => [name, 0n]));
      quota.set('treasury', capacity);
      pool.setQuota('treasury', capacity);
      // The exact share of each holder, as a fraction over a common denominator: Σ E·q / C.
      const exact = new Map(holders.map((name) => [name, 0n]));
      for (let step = 0; step < 200; step++) {
        if (next() < 0.5) {
          const energy = BigInt(Math.floor(next() * 3_000));
          pool.credit(energy, capacity);
          for (const name of holders) {
            exact.set(name, (exact.get(name) as bigint) + energy * (quota.get(name) as bigint) * CREDIT_SCALE);
          }
        } else {
          const from = holders[Math.floor(next() * holders.length)];
          const to = holders[Math.floor(next() * holders.length)];
          const watts = BigInt(Math.floor(next() * Number(quota.get(from) as bigint)));
          if (from !== to) {
            quota.set(from, (quota.get(from) as bigint) - watts);
            quota.set(to, (quota.get(to) as bigint) + watts);
            pool.setQuota(from, quota.get(from) as bigint);
            pool.setQuota(to, quota.get(to) as bigint);
          }
        }
        for (const name of holders) {
          const share = (exact.get(name) as bigint) / capacity / CREDIT_SCALE;
          const accrued = pool.accruedOf(name);
          expect([seed, step, name, share - accrued >= 0n && share - accrued <= 1n]).toEqual([seed, step, name, true]);
        }
        const { produced, credited } = pool.balances();
        expect(credited).toBe(produced);
      }
      // Settling everyone gives the same whole Wh as reading them.
      const read = holders.map((name) => pool.accruedOf(name));
      expect(holders.map((name) => pool.settle(name))).toEqual(read);
      expect(pool.balances().credited).toBe(pool.balances().produced);
    }
  });

  test('a quota traded between readings earns from the next reading on', () => {
    const pool = new CreditPool();
    pool.setQuota('ana', 600n);
    pool.setQuota('bob', 400n);
    pool.credit(1_000n, 1_000n);
    pool.setQuota('ana', 100n);
    pool.setQuota('bob', 900n);
    pool.credit(1_000n, 1_000n);
    expect([pool.accruedOf('ana'), pool.accruedOf('bob')]).toEqual([700n, 1_300n]);
  });

  test('a third of a Wh is kept, not lost: three readings of 1 Wh over three equal holders give each 1 Wh', () => {
    const pool = new CreditPool();
    for (const name of ['a', 'b', 'c']) {
      pool.setQuota(name, 1n);
    }
    pool.credit(1n, 3n);
    expect(['a', 'b', 'c'].map((name) => pool.accruedOf(name))).toEqual([0n, 0n, 0n]);
    pool.credit(1n, 3n);
    pool.credit(1n, 3n);
    // The carried remainders make the third reading's share round up: 3 Wh, 1 each.
    expect(['a', 'b', 'c'].map((name) => pool.accruedOf(name))).toEqual([1n, 1n, 1n]);
    const { produced, credited } = pool.balances();
    expect(credited).toBe(produced);
  });
});

describe("a certificate's source mix", () => {
  test('adds up to the energy by largest remainder, ties to the earlier source, never more than a source holds', () => {
    expect(certificateMix(1_000n, [1_000n, 0n, 0n, 0n, 0n])).toEqual([1_000n, 0n, 0n, 0n, 0n]);
    // 7 of 3 + 3 + 3: 2.33 each, the extra Wh to the first.
    expect(certificateMix(7n, [3n, 3n, 3n, 0n, 0n])).toEqual([3n, 2n, 2n, 0n, 0n]);
    // 5 of 4 + 2: 3.33 and 1.67, the second's remainder the larger.
    expect(certificateMix(5n, [4n, 2n, 0n, 0n, 0n])).toEqual([3n, 2n, 0n, 0n, 0n]);
    expect(certificateMix(9n, [4n, 2n, 3n, 0n, 0n])).toEqual([4n, 2n, 3n, 0n, 0n]);
    expect(() => certificateMix(10n, [4n, 2n, 3n, 0n, 0n])).toThrow('A certificate of 10 Wh cannot be drawn from 9 Wh.');
    for (let energy = 1n; energy <= 97n; energy++) {
      const pool = [50n, 30n, 17n, 0n, 0n];
      const mix = certificateMix(energy, pool);
      expect([energy, mix.reduce((sum, value) => sum + value, 0n), mix.every((value, index) => value <= pool[index])]).toEqual([energy, energy, true]);
    }
  });
});

describe('the consumption tree', () => {
  // RFC 6962's test leaves and the roots of their first 1..8 (Certificate Transparency's vectors).
  const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) =>
    Buffer.from(hex, 'hex'),
  );
  const ROOTS = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];

  test("its roots are RFC 6962's", () => {
    expect(ROOTS.map((_, index) => merkleRoot(LEAVES.slice(0, index + 1)).toString('hex'))).toEqual(ROOTS);
  });

  test('every leaf of trees of 1 to 20 proves; a tampered leaf, sibling or side, or a node shown as a leaf, does not', () => {
    const salt = Buffer.alloc(32, 7);
    for (let size = 1; size <= 20; size++) {
      const leaves = Array.from({ length: size }, (_, index) =>
        consumptionLeaf(salt, { deviceID: `D${index + 1}`, interval: 1_960_608, energyWh: BigInt(100 + index) }),
      );
      const root = merkleRoot(leaves);
      for (let index = 0; index < size; index++) {
        const proof = merkleProof(leaves, index);
        expect(verifyProof(root, leaves[index], proof)).toBe(true);
        const other = consumptionLeaf(salt, { deviceID: `D${index + 1}`, interval: 1_960_608, energyWh: BigInt(101 + index) });
        expect(verifyProof(root, other, proof)).toBe(false);
        if (proof.length > 0) {
          const bent = proof.map((step, at) => (at === 0 ? { ...step, sibling: Buffer.alloc(32, 1) } : step));
          expect(verifyProof(root, leaves[index], bent)).toBe(false);
          const turned = proof.map((step, at) => (at === 0 ? { ...step, left: !step.left } : step));
          expect(verifyProof(root, leaves[index], turned)).toBe(false);
        }
      }
      if (size >= 2) {
        // The node over the first two leaves, shown as a leaf with the rest of leaf 0's proof.
        const node = nodeHash(merkleRoot([leaves[0]]), merkleRoot([leaves[1]]));
        expect(verifyProof(root, node, merkleProof(leaves, 0).slice(1))).toBe(false);
      }
    }
  });

  test('a leaf encodes its reading unambiguously and needs a 32-byte salt', () => {
    const salt = Buffer.alloc(32);
    const a = consumptionLeaf(salt, { deviceID: 'D1', interval: 23, energyWh: 5n });
    const b = consumptionLeaf(salt, { deviceID: 'D12', interval: 3, energyWh: 5n });
    expect(a.equals(b)).toBe(false);
    expect(() => consumptionLeaf(Buffer.alloc(31), { deviceID: 'D1', interval: 1, energyWh: 1n })).toThrow(
      "A leaf's salt is 32 bytes, not 31.",
    );
    expect(() => consumptionLeaf(salt, { deviceID: 'D1', interval: 1, energyWh: -1n })).toThrow(
      'An energy must be an integer from 0 to 2^64 - 1: -1.',
    );
  });
});
