/**
 * The simulated meters (src/meters/simulate.ts): registers that add up what each meter
 * measured, readings the gateway's checks accept, and each planted fault refused for its
 * own reason (or, for a dropped reading, simply absent) — checked with the gateway's own
 * rules (src/gateway/reading.ts), so a fault that stopped being caught would fail here.
 */
import { createPrivateKey, privateKeyToAddress } from '@neo-one/client';
import { KnownDevice, readingRefusal } from '../../src/gateway/reading';
import { FAULT_KINDS, MeterSimulator, MeterSpec, planFaults } from '../../src/meters/simulate';

const FIRST = 1_900_032; // a multiple of 96: a UTC midnight
const meters: MeterSpec[] = [
  { deviceID: 'D1', kind: 'consumption', capacityW: 10_000, protocol: 'mqtt', monthlyKWh: 360, category: 'residential', unitIndex: 0, privateKey: createPrivateKey() },
  { deviceID: 'D2', kind: 'consumption', capacityW: 10_000, protocol: 'mqtt', monthlyKWh: 1_125, category: 'residential', unitIndex: 1, privateKey: createPrivateKey() },
  { deviceID: 'D3', kind: 'production', capacityW: 3_000, protocol: 'mqtt', unitIndex: 2, privateKey: createPrivateKey() },
  { deviceID: 'D4', kind: 'production', capacityW: 50_000, protocol: 'modbus', unitIndex: 3, privateKey: createPrivateKey() },
];

test('faults are planned from the seed, on MQTT meters, a replacement only on a household', () => {
  const faults = planFaults(7, meters, FIRST, 96, 3);
  expect(planFaults(7, meters, FIRST, 96, 3)).toEqual(faults);
  expect(planFaults(8, meters, FIRST, 96, 3)).not.toEqual(faults);
  expect(faults).toHaveLength(FAULT_KINDS.length * 3 - 1); // two households: at most two replacements
  expect(faults.every((fault) => fault.deviceID !== 'D4' && fault.interval > FIRST && fault.interval < FIRST + 95)).toBe(true);
  expect(faults.filter((fault) => fault.kind === 'replaced').every((fault) => ['D1', 'D2'].includes(fault.deviceID))).toBe(true);
});

test('a day of readings: registers add up, good readings pass the gateway, each fault is caught for its reason', () => {
  const faults = [
    { kind: 'dropped' as const, deviceID: 'D1', interval: FIRST + 10 },
    { kind: 'forged' as const, deviceID: 'D2', interval: FIRST + 20 },
    { kind: 'spike' as const, deviceID: 'D3', interval: FIRST + 50 },
    { kind: 'future' as const, deviceID: 'D1', interval: FIRST + 60 },
    { kind: 'replaced' as const, deviceID: 'D2', interval: FIRST + 70 },
  ];
  const simulator = new MeterSimulator(meters, 42, faults);
  const known = new Map<string, KnownDevice>(
    meters.map((meter) => [
      meter.deviceID,
      { deviceID: meter.deviceID, kind: meter.kind, meter: privateKeyToAddress(meter.privateKey), capacityW: meter.capacityW, retired: false, plantID: '', owner: 'A', registerWh: 0 },
    ]),
  );
  const now = (FIRST + 96) * 900;
  const previous = new Map<string, { interval: number; registerWh: number }>();
  const measured = new Map<string, number>();
  const refused: string[] = [];
  let replaced = 0;
  for (let interval = FIRST; interval < FIRST + 96; interval++) {
    const output = simulator.next(interval);
    for (const { deviceID, address } of output.replaced) {
      known.set(deviceID, { ...known.get(deviceID)!, meter: address });
      replaced += 1;
    }
    for (const [deviceID, energyWh] of output.energyWh) {
      measured.set(deviceID, (measured.get(deviceID) ?? 0) + energyWh);
    }
    for (const reading of output.messages) {
      const refusal = readingRefusal(reading, known.get(reading.deviceID), previous.get(reading.deviceID), now);
      if (refusal === undefined) {
        previous.set(reading.deviceID, reading);
      } else {
        refused.push(`${reading.deviceID} ${reading.interval - FIRST} ${refusal}`);
      }
    }
    // The Modbus meter shows its export register; no MQTT message from it.
    expect(output.messages.some((reading) => reading.deviceID === 'D4')).toBe(false);
    expect(output.modbus.get('D4')?.exportedWh).toBe(simulator.registerOf('D4'));
  }
  expect(refused).toEqual(['D2 20 badSignature', 'D3 50 overCapacity', 'D1 260 futureInterval']);
  expect(replaced).toBe(1);
  // Every meter's register is the sum of what it measured; the last reading carries it (D1's dropped interval included).
  for (const meter of meters) {
    expect(simulator.registerOf(meter.deviceID)).toBe(measured.get(meter.deviceID));
  }
  for (const deviceID of ['D1', 'D2', 'D3']) {
    expect(previous.get(deviceID)).toEqual(expect.objectContaining({ interval: FIRST + 95, registerWh: measured.get(deviceID) }));
  }
  // PV at night is zero; a household never is; the same seed gives the same day.
  const again = new MeterSimulator(meters, 42, faults);
  expect(again.next(FIRST).energyWh).toEqual(new MeterSimulator(meters, 42, faults).next(FIRST).energyWh);
  const midnight = again.next(FIRST + 1).energyWh;
  expect([midnight.get('D3'), midnight.get('D4')]).toEqual([0, 0]);
  expect(midnight.get('D1')).toBeGreaterThan(0);
});
