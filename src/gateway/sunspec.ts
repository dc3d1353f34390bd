/**
 * Meters on Modbus TCP, as SunSpec describes them (SunSpec Information Model, "Meter"
 * model 203, wye-connect three-phase): the register map a SunSpec device exposes from
 * holding register 40000 — the "SunS" marker, the common model (1, 66 registers), model
 * 203 (105 registers) and the end marker — encoded for the simulated meters
 * (`serveSunSpecMeter`, modbus-serial's ServerTCP) and decoded by the gateway
 * (`readSunSpecMeter`, modbus-serial's client), which walks the models to find 203.
 *
 * The points read (offsets in model 203's block, after its ID and length):
 * PhVphA 6 (V_SF 13), Hz 14 (Hz_SF 15), PF 31 (PF_SF 35), TotWhExp 36–37 and TotWhImp
 * 44–45 (acc32, TotWh_SF 52). A scale factor is a signed power of ten; the energies are
 * kept in whole Wh (TotWh_SF 0 in the simulated meters; a meter with another factor is
 * scaled and floored).
 */
import { freePort } from '../chain/node';

export const SUNSPEC_BASE = 40_000;
const MARKER = [0x5375, 0x6e53]; // "SunS"
const COMMON_ID = 1;
const COMMON_LENGTH = 66;
export const METER_MODEL = 203;
const METER_LENGTH = 105;
const END = 0xffff;
const POINT = { PhVphA: 6, V_SF: 13, Hz: 14, Hz_SF: 15, PF: 31, PF_SF: 35, TotWhExp: 36, TotWhImp: 44, TotWh_SF: 52 } as const;

/** What a meter shows: its registers (Wh) and the quality of the supply. */
export interface MeterValues {
  readonly exportedWh: number;
  readonly importedWh: number;
  readonly voltageV: number;
  readonly frequencyHz: number;
  readonly powerFactor: number;
}

const int16 = (value: number): number => (value < 0 ? 0x10000 + value : value) & 0xffff;
const signed16 = (value: number): number => (value & 0x8000 ? value - 0x10000 : value);
const acc32 = (value: number): [number, number] => [Math.floor(value / 0x10000) & 0xffff, value & 0xffff];
const text = (value: string, registers: number): number[] => {
  const bytes = Buffer.alloc(registers * 2);
  bytes.write(value.slice(0, registers * 2), 'ascii');

  return Array.from({ length: registers }, (_, index) => bytes.readUInt16BE(index * 2));
};

/** The whole map from SUNSPEC_BASE: marker, common model, meter model 203, end. */
export const encodeSunSpec = (values: MeterValues, serial: string): number[] => {
  const common = [COMMON_ID, COMMON_LENGTH, ...text('MTEMsm', 16), ...text('simulated meter', 16), ...text('', 8), ...text('1.0', 8), ...text(serial, 16), 1, 0];
  const meter = Array.from({ length: METER_LENGTH }, () => 0);
  // Voltage in 0.1 V, frequency in 0.01 Hz, power factor in 0.001 (scale factors -1, -2, -3).
  meter[POINT.PhVphA] = int16(Math.round(values.voltageV * 10));
  meter[POINT.V_SF] = int16(-1);
  meter[POINT.Hz] = int16(Math.round(values.frequencyHz * 100));
  meter[POINT.Hz_SF] = int16(-2);
  meter[POINT.PF] = int16(Math.round(values.powerFactor * 1_000));
  meter[POINT.PF_SF] = int16(-3);
  [meter[POINT.TotWhExp], meter[POINT.TotWhExp + 1]] = acc32(values.exportedWh);
  [meter[POINT.TotWhImp], meter[POINT.TotWhImp + 1]] = acc32(values.importedWh);
  meter[POINT.TotWh_SF] = 0;

  return [...MARKER, ...common, METER_MODEL, METER_LENGTH, ...meter, END, 0];
};

const scaled = (value: number, factor: number): number => value * 10 ** signed16(factor);

/** Model 203's block (without ID and length) decoded. */
export const decodeMeterModel = (block: readonly number[]): MeterValues => {
  const energy = (at: number) => Math.floor(scaled(block[at] * 0x10000 + block[at + 1], block[POINT.TotWh_SF]));
  const round = (value: number, digits: number) => Number(value.toFixed(digits));

  return {
    exportedWh: energy(POINT.TotWhExp),
    importedWh: energy(POINT.TotWhImp),
    voltageV: round(scaled(signed16(block[POINT.PhVphA]), block[POINT.V_SF]), 3),
    frequencyHz: round(scaled(signed16(block[POINT.Hz]), block[POINT.Hz_SF]), 3),
    powerFactor: round(scaled(signed16(block[POINT.PF]), block[POINT.PF_SF]), 3),
  };
};

export interface SunSpecServer {
  readonly port: number;
  readonly close: () => Promise<void>;
}

/** A simulated SunSpec meter on Modbus TCP: `values()` is read at each request. */
export const serveSunSpecMeter = async (values: () => MeterValues, serial: string, port?: number, host = '127.0.0.1'): Promise<SunSpecServer> => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { ServerTCP } = require('modbus-serial');
  const chosen = port ?? (await freePort());
  const server = new ServerTCP(
    {
      getMultipleHoldingRegisters: (address: number, length: number) => {
        const map = encodeSunSpec(values(), serial);

        return Array.from({ length }, (_, index) => map[address - SUNSPEC_BASE + index] ?? 0);
      },
      getHoldingRegister: (address: number) => encodeSunSpec(values(), serial)[address - SUNSPEC_BASE] ?? 0,
    },
    { host, port: chosen, unitID: 1 },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('initialized', () => resolve());
    server.once('serverError', reject);
  });

  return { port: chosen, close: async () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

/** Reads a SunSpec meter at `host:port`: finds model 203 by walking the models, decodes it. */
export const readSunSpecMeter = async (host: string, port: number, unitID = 1, timeoutMS = 2_000): Promise<MeterValues> => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ModbusRTU = require('modbus-serial');
  const client = new ModbusRTU();
  try {
    await client.connectTCP(host, { port });
    client.setID(unitID);
    client.setTimeout(timeoutMS);
    const marker = (await client.readHoldingRegisters(SUNSPEC_BASE, 2)).data;
    if (marker[0] !== MARKER[0] || marker[1] !== MARKER[1]) {
      throw new Error(`${host}:${port} is not a SunSpec device (no "SunS" at ${SUNSPEC_BASE}).`);
    }
    let address = SUNSPEC_BASE + 2;
    for (let models = 0; models < 32; models++) {
      const [id, length] = (await client.readHoldingRegisters(address, 2)).data;
      if (id === END) {
        break;
      }
      if (id === METER_MODEL) {
        return decodeMeterModel((await client.readHoldingRegisters(address + 2, length)).data);
      }
      address += 2 + length;
    }
    throw new Error(`${host}:${port} has no SunSpec meter model ${METER_MODEL}.`);
  } finally {
    await new Promise<void>((resolve) => client.close(() => resolve()));
  }
};
