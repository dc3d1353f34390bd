/**
 * The energy layer's commands (shared/spec/microgrid.md): devices (`mtemsm device …`),
 * readings, credits, certificates and consumption (`mtemsm energy …`), and the operator
 * (`mtemsm propose operator`, `mtemsm operator …`). Energy is typed in Wh or kWh and
 * stored in Wh; an interval is typed as its number or its local start time and shown as
 * its local time (src/cli/units.ts).
 */
import BigNumber from 'bignumber.js';
import { createHash } from 'crypto';
import * as fs from 'fs';
import { Group } from '../../chain/group';
import {
  COMMITMENT_ALIGNMENT,
  consumptionLeaf,
  CONSUMPTION_INTERVALS_PER_COMMITMENT,
  packConsumption,
  packReadings,
  PRODUCTION_INTERVALS_PER_CALL,
  ProofStep,
  SOURCES,
  verifyProof,
} from '../../domain/energy';
import { Command, FROM, option } from '../command';
import { Context, connectGroup, resolveAddress, send, walletNames } from '../context';
import { OperationError, UsageError } from '../errors';
import { fields, print, printJSON, table } from '../output';
import { formatEnergy, formatInterval, formatPower, parseEnergy, parseInterval, parsePower } from '../units';
import { report, signed } from './operations';
import { label } from './reads';

/** The energy contract of the connected group, or why there is none. */
const energyOf = (group: Group): Group['energy'] => {
  if (group.contracts.energy === undefined) {
    throw new OperationError('This group has no energy contract attached (deployed before the energy layer): deploy a new group.');
  }

  return group.energy;
};
const consumptionOf = (group: Group): Group['consumption'] => {
  if (group.contracts.consumption === undefined) {
    throw new OperationError('The consumption contract of this group is unknown here: its deployment.json (mtemsm deploy) names it.');
  }

  return group.consumption;
};

/** `D3` (case-insensitive). */
const deviceID = (text: string): string => {
  if (!/^d[1-9]\d*$/i.test(text)) {
    throw new UsageError(`Bad device ID: "${text}" (devices are D1, D2, …).`);
  }

  return text.toUpperCase();
};

const requireDevice = async (group: Group, id: string) => {
  const device = await energyOf(group).device(id);
  if (device === undefined) {
    throw new OperationError(`No device ${id}.`);
  }

  return device;
};

/** How an address is shown: its wallet's name, or `treasury (…)` for the group's own (owner of the plants' meters). */
const shownAs = (ctx: Context, group: Group) => {
  const names = walletNames(ctx);

  return (address: string): string => label(names, address, group.contracts.ledger);
};

const deviceFields = (ctx: Context, group: Group, id: string, device: any): Array<[string, string]> => [
  ['device', id],
  ['owner', shownAs(ctx, group)(device.owner)],
  ['kind', device.kind],
  ['meter', device.meter],
  ['capacity', formatPower(device.capacityW)],
  ...(device.kind === 'production' ? ([['source', device.source]] as Array<[string, string]>) : [['category', device.category] as [string, string]]),
  ...(device.plantID === '' ? [] : ([['plant', device.plantID]] as Array<[string, string]>)),
  ['status', device.status],
  ['register', formatEnergy(device.registerWh)],
  ['last reading', device.lastInterval.lt(0) ? '(none yet)' : `interval ${device.lastInterval.toFixed()}, ${formatInterval(device.lastInterval)}`],
];

/**
 * Energies of consecutive intervals (Wh unless a unit is given): `0.75kWh,120Wh,0`; with
 * decimal commas separate them with `;`: `0,75kWh;120Wh`.
 */
const energiesOf = (text: string): BigNumber[] => {
  const energies = text.split(text.includes(';') ? /;/ : /[,\s]+/).filter((part) => part.trim() !== '');

  return energies.map((part) => parseEnergy(part.trim(), '--energies'));
};

/** A consumption proof as the gateway gives a member (issue 16): their reading, its salt, the path to the root. */
interface ProofFile {
  readonly deviceID: string;
  readonly interval: number;
  readonly energyWh: string;
  readonly salt: string;
  readonly proof: ReadonlyArray<{ readonly sibling: string; readonly left: boolean }>;
}

const readProof = (file: string): { leaf: Buffer; proof: ProofStep[]; interval: number; reading: ProofFile } => {
  let reading: ProofFile;
  try {
    reading = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the proof file ${file}: ${(error as Error).message}`);
  }
  if (typeof reading.deviceID !== 'string' || !Number.isInteger(reading.interval) || !/^\d+$/.test(String(reading.energyWh)) || !/^[0-9a-f]{64}$/i.test(reading.salt) || !Array.isArray(reading.proof)) {
    throw new UsageError(`${file} is not a consumption proof: {deviceID, interval, energyWh, salt (32 bytes hex), proof: [{sibling, left}]}.`);
  }
  const leaf = consumptionLeaf(Buffer.from(reading.salt, 'hex'), {
    deviceID: reading.deviceID,
    interval: reading.interval,
    energyWh: BigInt(reading.energyWh),
  });
  const proof = reading.proof.map(({ sibling, left }) => ({ sibling: Buffer.from(sibling, 'hex'), left: left === true }));

  return { leaf, proof, interval: reading.interval, reading };
};

export const energyCommands: Command[] = [
  // ---------------------------------------------------------------- devices
  {
    path: ['device', 'register'],
    options: [
      FROM,
      option('kind', 'production|consumption', 'what the device meters', true),
      option('meter', 'NAME|ADDRESS', "the meter's key: a wallet name or a NEO address (one device per meter)", true),
      option('capacity', 'P', 'its capacity: 5kWp, 9kW, 500W', true),
      option('source', 'SOURCE', `a production device's source: ${SOURCES.join(', ')}`),
      option('category', 'CATEGORY', "a consumption device's category: residential, commercial, industrial"),
      option('plant', 'PPID', "a group plant's production meter (the operator registers it; owner: the group)"),
    ],
    summary:
      "Register a device: a member's own (rooftop PV, the consumer unit's meter; owner: --from), or with --plant a group plant's production meter (by the operator).",
    examples: [
      'mtemsm device register --kind production --meter ana-pv --capacity 4kWp --source solar --from ana',
      'mtemsm device register --kind consumption --meter ana-home --capacity 9kW --category residential --from ana',
      'mtemsm device register --kind production --meter p1-meter --capacity 10kWp --source solar --plant P1 --from operator',
    ],
    onChain: true,
    run: async (ctx) => {
      const kind = ctx.need('kind');
      const capacity = parsePower(ctx.need('capacity'), '--capacity');
      const plant = ctx.opt('plant')?.toUpperCase() ?? '';
      const { group, from, name } = await signed(ctx);
      const meter = resolveAddress(ctx, ctx.need('meter'));
      const owner = plant === '' ? from.address : group.contracts.ledger;
      const sent = await send(() =>
        energyOf(group).registerDevice(owner, kind, meter, capacity, ctx.opt('source') ?? '', plant, ctx.opt('category') ?? '', { from }),
      );
      report(ctx, 'registerDevice', `${name} registered ${String(sent.value)}: a ${kind} device of ${formatPower(capacity)}${plant === '' ? '' : ` metering ${plant}`}.`, sent, {
        deviceID: sent.value,
      });
    },
  },
  {
    path: ['device', 'replace'],
    args: 'DEVICE',
    arity: [1, 1],
    options: [FROM, option('meter', 'NAME|ADDRESS', "the new meter's key", true)],
    summary: "Replace a device's meter (its owner or the operator): the new meter continues the register.",
    examples: ['mtemsm device replace D3 --meter ana-home-2 --from ana'],
    onChain: true,
    run: async (ctx, [text]) => {
      const id = deviceID(text);
      const { group, from, name } = await signed(ctx);
      const device = await requireDevice(group, id);
      const meter = resolveAddress(ctx, ctx.need('meter'));
      const sent = await send(() => energyOf(group).replaceMeter(id, meter, device.registerWh, { from }));
      report(ctx, 'replaceMeter', `${name} replaced ${id}'s meter with ${meter}, continuing the register at ${formatEnergy(device.registerWh)}.`, sent);
    },
  },
  {
    path: ['device', 'retire'],
    args: 'DEVICE',
    arity: [1, 1],
    options: [FROM],
    summary: 'Retire a device (its owner or the operator): it takes no more readings.',
    examples: ['mtemsm device retire D3 --from ana'],
    onChain: true,
    run: async (ctx, [text]) => {
      const id = deviceID(text);
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => energyOf(group).retireDevice(id, { from }));
      report(ctx, 'retireDevice', `${name} retired ${id}.`, sent);
    },
  },
  {
    path: ['device', 'show'],
    args: 'DEVICE',
    arity: [1, 1],
    summary: 'A device: owner, kind, meter, capacity, source or category, plant, status, register and last reading.',
    examples: ['mtemsm device show D1', 'mtemsm device show D1 --json'],
    onChain: true,
    run: async (ctx, [text]) => {
      const id = deviceID(text);
      const { group } = await connectGroup(ctx);
      const device = await requireDevice(group, id);
      if (ctx.json) {
        printJSON({ deviceID: id, ...device });

        return;
      }
      print(fields(deviceFields(ctx, group, id, device)));
    },
  },
  {
    path: ['device', 'list'],
    options: [option('owner', 'NAME|ADDRESS', "only this owner's devices (\"group\": the plants' meters)")],
    summary: "The group's devices (or one owner's), a line each.",
    examples: ['mtemsm device list', 'mtemsm device list --owner ana --json'],
    onChain: true,
    run: async (ctx) => {
      const { group } = await connectGroup(ctx);
      const energy = energyOf(group);
      const ownerText = ctx.opt('owner');
      const owner = ownerText === undefined ? undefined : ownerText === 'group' ? group.contracts.ledger : resolveAddress(ctx, ownerText);
      const ids: string[] = [];
      for (let offset = 0; ; offset += 100) {
        const page: string[] =
          owner === undefined
            ? await energy.listOfDevices(new BigNumber(offset), new BigNumber(100))
            : await energy.devicesOf(owner, new BigNumber(offset), new BigNumber(100));
        ids.push(...page);
        if (page.length < 100) {
          break;
        }
      }
      const devices = await Promise.all(ids.map(async (id) => ({ deviceID: id, ...(await requireDevice(group, id)) })));
      if (ctx.json) {
        printJSON(devices);

        return;
      }
      if (devices.length === 0) {
        print('No devices.');

        return;
      }
      const named = shownAs(ctx, group);
      print(
        table(
          ['device', 'owner', 'kind', 'capacity', 'source/category', 'plant', 'status', 'register'],
          devices.map((device) => [
            device.deviceID,
            named(device.owner),
            device.kind,
            formatPower(device.capacityW),
            device.kind === 'production' ? device.source : device.category,
            device.plantID === '' ? '-' : device.plantID,
            device.status,
            formatEnergy(device.registerWh),
          ]),
        ),
      );
    },
  },

  // ---------------------------------------------------------------- readings and credits
  {
    path: ['energy', 'record'],
    args: 'DEVICE',
    arity: [1, 1],
    options: [
      option('from', 'METER', "the device's meter wallet (it signs its own readings)", true),
      option('first', 'INTERVAL', 'the first interval: its number or local start, "2026-12-01 10:15"', true),
      option('energies', 'LIST', `the energy of each interval from --first, e.g. "0.75kWh,120Wh,0" (at most ${PRODUCTION_INTERVALS_PER_CALL})`, true),
    ],
    summary: `Record a production meter's readings of up to ${PRODUCTION_INTERVALS_PER_CALL} consecutive intervals (a day) in one transaction: its register grows by their sum.`,
    examples: ['mtemsm energy record D1 --first "2026-12-01 10:00" --energies "0.8kWh,0.85kWh,0.9kWh,0.9kWh" --from ana-pv'],
    onChain: true,
    run: async (ctx, [text]) => {
      const id = deviceID(text);
      const first = parseInterval(ctx.need('first'), '--first');
      const energies = energiesOf(ctx.need('energies'));
      const { group, from } = await signed(ctx);
      const device = await requireDevice(group, id);
      const sum = energies.reduce((total, value) => total.plus(value), new BigNumber(0));
      const register = device.registerWh.plus(sum);
      const packed = packReadings(energies.map((energy) => BigInt(energy.toFixed(0)))).toString('hex');
      const sent = await send(() => energyOf(group).recordProduction(id, first, packed, register, { from }));
      const last = first.plus(energies.length - 1);
      report(
        ctx,
        'recordProduction',
        `${id}: ${energies.length} interval${energies.length === 1 ? '' : 's'} recorded, ${formatEnergy(sum)} (${formatInterval(first).split('–')[0]} to ${formatInterval(last)}); register ${formatEnergy(register)}.`,
        sent,
        { deviceID: id, firstInterval: first, energyWh: sum, registerWh: register },
      );
    },
  },
  {
    path: ['energy', 'credits'],
    args: '[WHO]',
    arity: [0, 1],
    options: [option('from', 'NAME', 'whose credits, when WHO is not given')],
    summary:
      "A holder's energy credits: accrued (own devices', and the group plants' by quota), retired, bought, sold, the balance, and the part still in the ledger to claim.",
    examples: ['mtemsm energy credits ana', 'mtemsm energy credits treasury --json'],
    onChain: true,
    run: async (ctx, [who]) => {
      const { group } = await connectGroup(ctx);
      const holder = resolveAddress(ctx, who ?? ctx.need('from'), group.contracts.ledger);
      const [held, unclaimed] = await Promise.all([energyOf(group).creditsOf(holder), group.ledger.unclaimedCreditsOf(holder)]);
      const credits = {
        holder,
        accruedWh: held.accruedWh.plus(unclaimed),
        retiredWh: held.retiredWh,
        soldWh: held.soldWh,
        boughtWh: held.boughtWh,
        balanceWh: held.balanceWh.plus(unclaimed),
        unclaimedWh: unclaimed,
      };
      if (ctx.json) {
        printJSON(credits);

        return;
      }
      print(
        fields([
          ['holder', shownAs(ctx, group)(holder)],
          ['accrued', formatEnergy(credits.accruedWh)],
          ['retired', formatEnergy(credits.retiredWh)],
          ['bought', formatEnergy(credits.boughtWh)],
          ['sold', formatEnergy(credits.soldWh)],
          ['balance', formatEnergy(credits.balanceWh)],
          ['of it, to claim', `${formatEnergy(unclaimed)}${unclaimed.gt(0) ? ` (the group plants'; "mtemsm energy claim" moves them where they can be retired)` : ''}`],
        ]),
      );
    },
  },
  {
    path: ['energy', 'claim'],
    args: '[WHO]',
    arity: [0, 1],
    options: [FROM],
    summary: "Claim the group plants' credits a holder earned by quota (kept in the ledger) into the energy contract, where they can be retired. Anyone may send it; the credits stay the holder's.",
    examples: ['mtemsm energy claim --from ana', 'mtemsm energy claim treasury --from ana'],
    onChain: true,
    run: async (ctx, [who]) => {
      const { group, from, name } = await signed(ctx);
      const holder = who === undefined ? from.address : resolveAddress(ctx, who, group.contracts.ledger);
      const sent = await send(() => energyOf(group).claimCredits(holder, { from }));
      report(ctx, 'claimCredits', `${name} claimed ${formatEnergy(sent.value as BigNumber)} of the group plants' credits for ${who ?? name}.`, sent, { holder });
    },
  },
  {
    path: ['energy', 'retire'],
    args: 'ENERGY',
    arity: [1, 1],
    options: [FROM, option('beneficiary', 'TEXT', 'who claims the energy (only its SHA-256 goes on chain)', true)],
    summary:
      'Retire credits into a certificate (the interval range and source mix they were earned in) for a beneficiary; unclaimed group credits are claimed first when needed.',
    examples: ['mtemsm energy retire 2kWh --beneficiary "Condomínio Sol, unit 101, 2026" --from ana'],
    onChain: true,
    run: async (ctx, [energyText]) => {
      const energyWh = parseEnergy(energyText, 'energy');
      const beneficiaryHash = createHash('sha256').update(ctx.need('beneficiary'), 'utf8').digest('hex');
      const { group, from, name } = await signed(ctx);
      const energy = energyOf(group);
      const [held, unclaimed] = await Promise.all([energy.creditsOf(from.address), group.ledger.unclaimedCreditsOf(from.address)]);
      if (held.balanceWh.lt(energyWh) && unclaimed.gt(0)) {
        const claimed = await send(() => energy.claimCredits(from.address, { from }));
        if (!ctx.json) {
          process.stderr.write(`Claimed ${formatEnergy(claimed.value as BigNumber)} of the group plants' credits first (block ${claimed.block}, ${claimed.gasCost.toFormat()} GAS).\n`);
        }
      }
      const sent = await send(() => energy.retire(from.address, energyWh, beneficiaryHash, { from }));
      report(ctx, 'retire', `${name} retired ${formatEnergy(energyWh)} into certificate ${String(sent.value)}.`, sent, { beneficiaryHash: `0x${beneficiaryHash}` });
    },
  },
  {
    path: ['energy', 'certificate'],
    args: 'CERTIFICATE',
    arity: [1, 1],
    summary: 'A certificate: who retired how much, the intervals and the Wh by source the credits were earned in, the beneficiary hash.',
    examples: ['mtemsm energy certificate C1', 'mtemsm energy certificate C1 --json'],
    onChain: true,
    run: async (ctx, [text]) => {
      const certificateID = text.toUpperCase();
      if (!/^C[1-9]\d*$/.test(certificateID)) {
        throw new UsageError(`Bad certificate ID: "${text}" (certificates are C1, C2, …).`);
      }
      const { group } = await connectGroup(ctx);
      const certificate = await energyOf(group).certificate(certificateID);
      if (certificate === undefined) {
        throw new OperationError(`No certificate ${certificateID}.`);
      }
      if (ctx.json) {
        printJSON({ certificateID, ...certificate });

        return;
      }
      print(
        fields([
          ['certificate', certificateID],
          ['retired by', shownAs(ctx, group)(certificate.member)],
          ['energy', formatEnergy(certificate.energyWh)],
          ['earned from', formatInterval(certificate.fromInterval)],
          ['earned to', formatInterval(certificate.toInterval)],
          ...SOURCES.map((source, index) => [source, formatEnergy(certificate.sources[index])] as [string, string]).filter(([, value]) => value !== '0 Wh'),
          ['beneficiary hash', `0x${certificate.beneficiaryHash}`],
        ]),
      );
    },
  },

  // ---------------------------------------------------------------- consumption
  {
    path: ['energy', 'commit'],
    args: 'FIRST',
    arity: [1, 1],
    options: [
      FROM,
      option('roots', 'LIST', "each interval's Merkle root, hex, comma-separated", true),
      option('totals', 'LIST', "each interval's community total (0 where fewer than 3 meters reported)", true),
      option('meters', 'LIST', 'how many meters reported each interval', true),
    ],
    summary: `The operator commits up to ${CONSUMPTION_INTERVALS_PER_COMMITMENT} intervals (a day) of consumption from FIRST (divisible by ${COMMITMENT_ALIGNMENT}), after the last committed: roots and community totals only (the gateway does this; issue 16).`,
    examples: ['mtemsm energy commit 1996032 --roots 0x…,0x… --totals 3.2kWh,2.9kWh --meters 4,4 --from operator'],
    onChain: true,
    run: async (ctx, [firstText]) => {
      const first = parseInterval(firstText, 'FIRST');
      const roots = ctx.need('roots').split(',').map((root) => root.trim().replace(/^0x/, ''));
      const totals = ctx.need('totals').split(',').map((total) => parseEnergy(total.trim(), '--totals'));
      const meters = ctx.need('meters').split(',').map((count) => {
        if (!/^\d+$/.test(count.trim())) {
          throw new UsageError(`--meters takes whole numbers: "${count.trim()}".`);
        }

        return Number(count.trim());
      });
      if (totals.length !== roots.length || meters.length !== roots.length) {
        throw new UsageError(`Each interval needs a root, a total and a meter count: ${roots.length} root(s), ${totals.length} total(s), ${meters.length} count(s).`);
      }
      const records = roots.map((root, index) => {
        if (!/^[0-9a-fA-F]{64}$/.test(root)) {
          throw new UsageError(`A root is 32 bytes of hex: "${root}".`);
        }

        return { root: Buffer.from(root, 'hex'), totalWh: BigInt(totals[index].toFixed(0)), meters: meters[index] };
      });
      const packed = packConsumption(records).toString('hex');
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => consumptionOf(group).commitConsumption(first, packed, { from }));
      report(ctx, 'commitConsumption', `${name} committed ${roots.length} interval(s) of consumption from ${formatInterval(first)}.`, sent);
    },
  },
  {
    path: ['energy', 'consumption'],
    args: 'INTERVAL',
    arity: [1, 1],
    summary: "An interval's committed consumption: its Merkle root, the community total (only for 3 meters or more), how many meters, disputes.",
    examples: ['mtemsm energy consumption "2026-12-01 18:00"', 'mtemsm energy consumption 1996040 --json'],
    onChain: true,
    run: async (ctx, [text]) => {
      const interval = parseInterval(text, 'INTERVAL');
      const { group } = await connectGroup(ctx);
      const committed = await consumptionOf(group).consumptionOf(interval);
      if (committed === undefined) {
        throw new OperationError(`Interval ${interval.toFixed()} (${formatInterval(interval)}) is not committed.`);
      }
      if (ctx.json) {
        printJSON({ interval, ...committed });

        return;
      }
      print(
        fields(
          Object.entries(committed).map(([key, value]) => [key, key === 'totalWh' ? formatEnergy(value as BigNumber) : String(value)] as [string, string]),
        ),
      );
    },
  },
  {
    path: ['energy', 'verify'],
    options: [option('proof', 'FILE', 'your reading, salt and Merkle path (JSON, as the gateway gives it)', true)],
    summary: 'Check that your consumption reading is in the committed root of its interval (off chain, nothing sent).',
    examples: ['mtemsm energy verify --proof D3-1996040.json'],
    onChain: true,
    run: async (ctx) => {
      const { leaf, proof, interval, reading } = readProof(ctx.need('proof'));
      const { group } = await connectGroup(ctx);
      const committed = await consumptionOf(group).consumptionOf(new BigNumber(interval));
      if (committed === undefined) {
        throw new OperationError(`Interval ${interval} is not committed.`);
      }
      const root = Buffer.from(String((committed as any).root).replace(/^0x/, ''), 'hex');
      const holds = verifyProof(root, leaf, proof);
      if (ctx.json) {
        printJSON({ interval, deviceID: reading.deviceID, energyWh: reading.energyWh, included: holds });
      } else {
        print(
          holds
            ? `${reading.deviceID}'s ${formatEnergy(reading.energyWh)} in ${formatInterval(interval)} is in the committed root.`
            : `${reading.deviceID}'s reading in ${formatInterval(interval)} is NOT in the committed root: "mtemsm energy dispute" cannot prove it; keep the proof and ask the operator.`,
        );
      }
      if (!holds) {
        process.exitCode = 1;
      }
    },
  },
  {
    path: ['energy', 'dispute'],
    options: [FROM, option('proof', 'FILE', 'your reading, salt and Merkle path (JSON)', true)],
    summary: "Contest your committed consumption reading: the proof is checked on chain (sha256) and the dispute recorded for the group and the auditor.",
    examples: ['mtemsm energy dispute --proof D3-1996040.json --from ana'],
    onChain: true,
    run: async (ctx) => {
      const { leaf, proof, interval } = readProof(ctx.need('proof'));
      const { group, from, name } = await signed(ctx);
      const sent = await send(() =>
        consumptionOf(group).dispute(
          from.address,
          new BigNumber(interval),
          leaf.toString('hex'),
          proof.map(({ sibling }) => sibling.toString('hex')),
          proof.map(({ left }) => left),
          { from },
        ),
      );
      report(ctx, 'dispute', `${name} disputed their reading of ${formatInterval(interval)}.`, sent);
    },
  },

  // ---------------------------------------------------------------- operator
  {
    path: ['propose', 'operator'],
    args: 'ADDRESS',
    arity: [1, 1],
    options: [FROM],
    summary: 'Propose a new operator (referendum): who registers the plants\' meters and commits consumption. Once approved, "mtemsm operator sync" makes the energy contracts obey it.',
    examples: ['mtemsm propose operator cooperative-gateway --from ana'],
    onChain: true,
    run: async (ctx, [who]) => {
      const operator = resolveAddress(ctx, who);
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => group.referendums.proposeOperator(from.address, operator, { from }));
      report(ctx, 'proposeOperator', `${name} proposed ${who} as the operator: referendum ${String(sent.value)} opened.`, sent);
    },
  },
  {
    path: ['operator', 'sync'],
    options: [FROM],
    summary: 'Make both energy contracts take the operator the group elected (after an approved operator referendum); anyone may send it.',
    examples: ['mtemsm operator sync --from ana'],
    onChain: true,
    run: async (ctx) => {
      const { group, from, name } = await signed(ctx);
      const elected = await group.referendums.operator();
      const targets: Array<[string, () => Promise<any>]> = [];
      if ((await energyOf(group).operator()) !== elected) {
        targets.push(['energy', () => energyOf(group).syncOperator({ from })]);
      }
      if (group.contracts.consumption !== undefined && (await group.consumption.operator()) !== elected) {
        targets.push(['consumption', () => group.consumption.syncOperator({ from })]);
      }
      if (targets.length === 0) {
        throw new OperationError(`Both energy contracts obey the elected operator already (${elected}).`);
      }
      for (const [which, call] of targets) {
        const sent = await send(call);
        report(ctx, 'syncOperator', `${name}: the ${which} contract now obeys ${elected}.`, sent, { contract: which, operator: elected });
      }
    },
  },
  {
    path: ['operator', 'show'],
    summary: 'The operator the group elected, and the one each energy contract obeys.',
    examples: ['mtemsm operator show', 'mtemsm operator show --json'],
    onChain: true,
    run: async (ctx) => {
      const { group } = await connectGroup(ctx);
      const [elected, energy, consumption] = await Promise.all([
        group.referendums.operator(),
        energyOf(group).operator(),
        group.contracts.consumption === undefined ? Promise.resolve(undefined) : group.consumption.operator(),
      ]);
      if (ctx.json) {
        printJSON({ elected, energy, consumption: consumption ?? null });

        return;
      }
      const named = shownAs(ctx, group);
      const obeys = (address: string | undefined): string =>
        address === undefined ? '(unknown here)' : `${named(address)}${address === elected ? '' : ' (out of date: "mtemsm operator sync")'}`;
      print(
        fields([
          ['elected', named(elected)],
          ['energy contract obeys', obeys(energy)],
          ['consumption contract obeys', obeys(consumption)],
        ]),
      );
    },
  },
];
