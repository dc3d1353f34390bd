/** Reads of the group: no wallet, no password, no GAS. */
import BigNumber from 'bignumber.js';
import { Group } from '../../chain/group';
import { Command } from '../command';
import { Context, chainNow, connectGroup, gasBalance, resolveAddress, walletNames } from '../context';
import { OperationError } from '../errors';
import { fields, print, printJSON, table } from '../output';
import { formatDuration, formatMoney, formatPower, formatSEB, formatTime, humanDuration } from '../units';
import { id } from './operations';

const PAGE = 100;

const allPages = async (read: (offset: BigNumber, limit: BigNumber) => Promise<string[]>): Promise<string[]> => {
  const out: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await read(new BigNumber(offset), new BigNumber(PAGE));
    out.push(...page);
    if (page.length < PAGE) {
      return out;
    }
  }
};

const label = (names: Map<string, string>, address: string | undefined, treasury?: string): string => {
  if (address === undefined || address === '') {
    return '-';
  }
  if (address === treasury) {
    return `treasury (${address})`;
  }
  const name = names.get(address);

  return name === undefined ? address : `${name} (${address})`;
};

const readMember = async (group: Group, address: string) => {
  const member = await group.ledger.member(address);

  return member === undefined ? undefined : { address, ...member };
};

const readPlant = async (group: Group, ppID: string) => {
  const plant = await group.plants.powerPlant(ppID);

  return plant === undefined ? undefined : { ppID, ...plant };
};

/** A referendum with its proposal, the tally and when it can be resolved. */
const readReferendum = async (group: Group, rID: string, now: number) => {
  const [referendum, proposal] = await Promise.all([group.referendums.referendum(rID), group.referendums.proposal(rID)]);
  if (referendum === undefined) {
    return undefined;
  }
  const yes = referendum.yes.toNumber();
  const no = referendum.no.toNumber();
  const electorate = referendum.electorate.toNumber();
  const endsAt = referendum.endsAt.toNumber();
  const open = referendum.status === 'open';
  const decided = yes * 2 > electorate ? 'approved' : no * 2 >= electorate ? 'rejected' : undefined;
  const ended = now > endsAt;
  const outcome = decided ?? (ended ? (yes * 2 > electorate ? 'approved' : 'rejected') : undefined);

  return {
    rID,
    ...referendum,
    proposal,
    secondsLeft: open ? Math.max(0, endsAt - now) : 0,
    canResolve: open && (ended || decided !== undefined),
    early: open && !ended && decided !== undefined,
    expectedOutcome: open ? outcome ?? null : referendum.status,
  };
};

type ReferendumView = NonNullable<Awaited<ReturnType<typeof readReferendum>>>;

const proposalLines = (view: ReferendumView, names: Map<string, string>, treasury: string): Array<[string, string]> => {
  const p = view.proposal;
  if (p === undefined) {
    return [];
  }
  switch (view.kind) {
    case 'admission':
      return [
        ['profile hash', p.profileHash ?? '-'],
        ['utility', p.utility],
      ];
    case 'powerUp':
      return [
        ['capacity', formatPower(p.capacityW, 'p')],
        ['cost', formatMoney(p.cost)],
        ['utility', p.utility],
        ['time to market', formatDuration(p.timeToMarket)],
      ];
    case 'correction':
      return [
        ['quota', `${formatPower(p.quotaW)} from ${label(names, p.from, treasury)} to ${label(names, p.to, treasury)}`],
        ['SEB', `${formatSEB(p.tokens)} back from ${label(names, p.to, treasury)}`],
      ];
    case 'plantUtility':
      return [['new utility', p.utility]];
    default:
      return [];
  }
};

const need = <T>(value: T | undefined, message: string): T => {
  if (value === undefined) {
    throw new OperationError(message);
  }

  return value;
};

const memberRow = (names: Map<string, string>, m: NonNullable<Awaited<ReturnType<typeof readMember>>>): string[] => [
  names.get(m.address) ?? '',
  m.address,
  m.utility,
  formatPower(m.quotaW),
  formatSEB(m.tokens),
  formatTime(m.joinedAt),
];

export const readCommands: Command[] = [
  {
    path: ['summary'],
    arity: [0, 0],
    summary: "The group's summary: members, plants, capacity, SEB supply, treasury.",
    examples: ['mtemsm summary', 'mtemsm summary --json'],
    onChain: true,
    run: async (ctx) => {
      const { group } = await connectGroup(ctx);
      const [summary, treasury] = await Promise.all([group.ledger.groupSummary(), group.ledger.treasury()]);
      if (ctx.json) {
        printJSON({ ...summary, treasury, contracts: group.contracts, rpcURL: group.rpcURL });

        return;
      }
      print(
        fields([
          ['name', `${summary.name} (${summary.symbol})`],
          ['members', summary.members.toFixed()],
          ['power plants', summary.powerPlants.toFixed()],
          ['total capacity', formatPower(summary.totalCapacityW)],
          ['total supply', formatSEB(summary.totalSupply)],
          ['plant size', `${formatPower(summary.minPowerW)} to ${formatPower(summary.maxPowerW)}`],
          ['treasury', `${formatPower(treasury.quotaW)} of quota, ${formatSEB(treasury.tokens)}`],
          ['ledger', group.contracts.ledger],
          ['plants', group.contracts.plants],
          ['referendums', group.contracts.referendums],
          ['rpc', group.rpcURL],
        ]),
      );
    },
  },
  {
    path: ['member'],
    args: 'NAME|ADDRESS',
    arity: [1, 1],
    summary: "A member's record: utility, profile hash, quota, SEB, joined.",
    examples: ['mtemsm member ana', 'mtemsm member AXa8…  --json'],
    onChain: true,
    run: async (ctx, [who]) => {
      const address = resolveAddress(ctx, who);
      const { group } = await connectGroup(ctx);
      const member = await readMember(group, address);
      if (ctx.json) {
        printJSON(member ?? null);

        return;
      }
      if (member === undefined) {
        print(`${who} (${address}) is not a member.`);

        return;
      }
      print(
        fields([
          ['member', label(walletNames(ctx), address)],
          ['utility', member.utility],
          ['profile hash', member.profileHash],
          ['quota', formatPower(member.quotaW)],
          ['SEB', formatSEB(member.tokens)],
          ['joined', formatTime(member.joinedAt)],
        ]),
      );
    },
  },
  {
    path: ['members'],
    arity: [0, 0],
    summary: 'Every member (all pages), in admission order.',
    examples: ['mtemsm members', 'mtemsm members --json'],
    onChain: true,
    run: async (ctx) => {
      const { group } = await connectGroup(ctx);
      const addresses = await allPages((offset, limit) => group.ledger.listOfMembers(offset, limit));
      const members = (await Promise.all(addresses.map(async (address) => readMember(group, address)))).filter(
        (member): member is NonNullable<typeof member> => member !== undefined,
      );
      if (ctx.json) {
        printJSON(members);

        return;
      }
      const names = walletNames(ctx);
      print(table(['WALLET', 'ADDRESS', 'UTILITY', 'QUOTA', 'SEB', 'JOINED'], members.map((m) => memberRow(names, m)), [3, 4]));
      print(`${members.length} member${members.length === 1 ? '' : 's'}.`);
    },
  },
  {
    path: ['plant'],
    args: 'PPID',
    arity: [1, 1],
    summary: 'A power plant: capacity, cost, status, funding, pledges raised, operation.',
    examples: ['mtemsm plant P1'],
    onChain: true,
    run: async (ctx, [ppIDText]) => {
      const ppID = id('P', ppIDText);
      const { group } = await connectGroup(ctx);
      const plant = await readPlant(group, ppID);
      if (ctx.json) {
        printJSON(plant ?? null);

        return;
      }
      const p = need(plant, `No plant ${ppID}.`);
      print(
        fields([
          ['plant', ppID],
          ['status', p.status],
          ['capacity', formatPower(p.capacityW, 'p')],
          ['cost', formatMoney(p.cost)],
          ['raised', `${formatMoney(p.raised)} (${p.cost.gt(0) ? p.raised.div(p.cost).times(100).toFixed(1) : '0'} %) from ${p.funders.toFixed()} funder(s)`],
          ['missing', formatMoney(BigNumber.max(0, p.cost.minus(p.raised)))],
          ['utility', p.utility],
          ['time to market', formatDuration(p.timeToMarket)],
          ['funding ends', formatTime(p.fundingEndsAt)],
          ['funded at', formatTime(p.fundedAt)],
          [
            'may operate from',
            p.fundedAt.gt(0) ? formatTime(p.fundedAt.plus(p.timeToMarket)) : '-',
          ],
          ['operating since', formatTime(p.operatingSince)],
        ]),
      );
    },
  },
  {
    path: ['plants'],
    arity: [0, 0],
    summary: 'Every power plant (all pages), failed and removed ones included.',
    examples: ['mtemsm plants --json'],
    onChain: true,
    run: async (ctx) => {
      const { group } = await connectGroup(ctx);
      const ids = await allPages((offset, limit) => group.plants.listOfPowerPlants(offset, limit));
      const plants = (await Promise.all(ids.map(async (ppID) => readPlant(group, ppID)))).filter(
        (plant): plant is NonNullable<typeof plant> => plant !== undefined,
      );
      if (ctx.json) {
        printJSON(plants);

        return;
      }
      print(
        table(
          ['PLANT', 'STATUS', 'CAPACITY', 'COST', 'RAISED', 'FUNDERS', 'UTILITY'],
          plants.map((p) => [p.ppID, p.status, formatPower(p.capacityW, 'p'), formatMoney(p.cost), formatMoney(p.raised), p.funders.toFixed(), p.utility]),
          [2, 3, 4, 5],
        ),
      );
      print(`${plants.length} plant${plants.length === 1 ? '' : 's'}.`);
    },
  },
  {
    path: ['referendum'],
    args: 'RID',
    arity: [1, 1],
    summary: 'A referendum: what is voted on, the tally, time left, and whether it can be resolved now.',
    examples: ['mtemsm referendum R1', 'mtemsm referendum R1 --json'],
    onChain: true,
    run: async (ctx, [rIDText]) => {
      const rID = id('R', rIDText);
      const { group } = await connectGroup(ctx);
      const view = await readReferendum(group, rID, await chainNow(group));
      if (ctx.json) {
        printJSON(view ?? null);

        return;
      }
      const r = need(view, `No referendum ${rID}.`);
      const names = walletNames(ctx);
      const treasury = group.contracts.ledger;
      const resolveCall =
        r.kind === 'admission' ? 'admission-result' : r.kind === 'powerUp' ? 'power-up-result' : 'change-result';
      print(
        fields([
          ['referendum', `${rID} (${r.kind})`],
          ['status', r.status],
          ['proposer', label(names, r.proposer)],
          ['subject', r.subject === '' ? (r.kind === 'powerUp' ? '(a new plant)' : '-') : /^P\d+$/.test(r.subject) ? r.subject : label(names, r.subject, treasury)],
          ...proposalLines(r, names, treasury),
          ['tally', `yes ${r.yes.toFixed()}, no ${r.no.toFixed()}, electorate ${r.electorate.toFixed()} (approval needs ${Math.floor(r.electorate.toNumber() / 2) + 1} yes)`],
          ['opened', formatTime(r.openedAt)],
          ['ends', `${formatTime(r.endsAt)}${r.status === 'open' ? (r.secondsLeft > 0 ? ` (in ${humanDuration(r.secondsLeft)})` : ' (ended)') : ''}`],
          [
            'resolution',
            r.status !== 'open'
              ? `resolved: ${r.status}`
              : r.canResolve
                ? `can be resolved now${r.early ? ' (early: the outcome can no longer change)' : ''}: ${String(r.expectedOutcome)} — "mtemsm ${resolveCall} ${rID} --from NAME"`
                : 'not yet: votes may still change the outcome',
          ],
        ]),
      );
    },
  },
  {
    path: ['referendums'],
    arity: [0, 0],
    summary: 'Every referendum (R1, R2, … until the first missing).',
    examples: ['mtemsm referendums'],
    onChain: true,
    run: async (ctx) => {
      const { group } = await connectGroup(ctx);
      const now = await chainNow(group);
      const views: ReferendumView[] = [];
      for (let start = 1; ; start += 10) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, async (_, offset) => readReferendum(group, `R${start + offset}`, now)),
        );
        const found = batch.filter((view): view is ReferendumView => view !== undefined);
        views.push(...found);
        if (found.length < batch.length) {
          break;
        }
      }
      if (ctx.json) {
        printJSON(views);

        return;
      }
      const names = walletNames(ctx);
      print(
        table(
          ['REFERENDUM', 'KIND', 'STATUS', 'SUBJECT', 'YES', 'NO', 'ELECTORATE', 'ENDS', 'RESOLVABLE'],
          views.map((r) => [
            r.rID,
            r.kind,
            r.status,
            r.subject === '' ? '(new plant)' : /^P\d+$/.test(r.subject) ? r.subject : names.get(r.subject) ?? r.subject,
            r.yes.toFixed(),
            r.no.toFixed(),
            r.electorate.toFixed(),
            r.status === 'open' ? (r.secondsLeft > 0 ? `in ${humanDuration(r.secondsLeft)}` : 'ended') : formatTime(r.endsAt),
            r.canResolve ? `yes (${String(r.expectedOutcome)})` : r.status === 'open' ? 'no' : '-',
          ]),
          [4, 5, 6],
        ),
      );
      print(`${views.length} referendum${views.length === 1 ? '' : 's'}.`);
    },
  },
  {
    path: ['trade-offer'],
    args: 'TID',
    arity: [1, 1],
    summary: 'A trade offer: who gives quota, who pays SEB, status.',
    examples: ['mtemsm trade-offer T1'],
    onChain: true,
    run: async (ctx, [tIDText]) => showTradeOffer(ctx, tIDText),
  },
  {
    path: ['trade', 'show'],
    args: 'TID',
    arity: [1, 1],
    summary: 'The same as "mtemsm trade-offer TID".',
    examples: ['mtemsm trade show T1'],
    onChain: true,
    run: async (ctx, [tIDText]) => showTradeOffer(ctx, tIDText),
  },
  {
    path: ['treasury'],
    arity: [0, 0],
    summary: "The group treasury's quota and SEB (its address is the ledger's).",
    examples: ['mtemsm treasury'],
    onChain: true,
    run: async (ctx) => {
      const { group } = await connectGroup(ctx);
      const treasury = await group.ledger.treasury();
      if (ctx.json) {
        printJSON({ address: group.contracts.ledger, ...treasury });

        return;
      }
      print(
        fields([
          ['treasury', group.contracts.ledger],
          ['quota', formatPower(treasury.quotaW)],
          ['SEB', formatSEB(treasury.tokens)],
        ]),
      );
    },
  },
  {
    path: ['balance'],
    args: 'NAME|ADDRESS',
    arity: [1, 1],
    summary: 'SEB (NEP-5 balanceOf), quota, and the GAS an address holds to pay for transactions.',
    examples: ['mtemsm balance ana'],
    onChain: true,
    run: async (ctx, [who]) => {
      const { group } = await connectGroup(ctx);
      const address = resolveAddress(ctx, who, group.contracts.ledger);
      const [seb, member, gas] = await Promise.all([
        group.ledger.balanceOf(address),
        group.ledger.member(address),
        gasBalance(group, address).catch(() => new BigNumber(0)),
      ]);
      const quotaW = address === group.contracts.ledger ? (await group.ledger.treasury()).quotaW : member?.quotaW ?? new BigNumber(0);
      if (ctx.json) {
        printJSON({ address, seb, quotaW, gas, member: member !== undefined });

        return;
      }
      print(
        fields([
          ['address', label(walletNames(ctx), address, group.contracts.ledger)],
          ['SEB', formatSEB(seb)],
          ['quota', formatPower(quotaW)],
          ['GAS', `${gas.toFormat()} GAS`],
        ]),
      );
    },
  },
  {
    path: ['contributions'],
    args: 'NAME|ADDRESS',
    arity: [1, 1],
    summary: "A member's pledges, plant by plant (kept as the investment after funding).",
    examples: ['mtemsm contributions ana --json'],
    onChain: true,
    run: async (ctx, [who]) => {
      const address = resolveAddress(ctx, who);
      const { group } = await connectGroup(ctx);
      const pledges = await group.plants.contributionsOf(address);
      if (ctx.json) {
        printJSON(pledges);

        return;
      }
      const total = pledges.reduce((sum, pledge) => sum.plus(pledge.amount), new BigNumber(0));
      print(table(['PLANT', 'PLEDGE'], pledges.map((pledge) => [pledge.ppID, formatMoney(pledge.amount)]), [1]));
      print(`Total ${formatMoney(total)}.`);
    },
  },
  {
    path: ['has-voted'],
    args: 'RID NAME|ADDRESS',
    arity: [2, 2],
    summary: 'Whether a member has voted on a referendum.',
    examples: ['mtemsm has-voted R1 ana'],
    onChain: true,
    run: async (ctx, [rIDText, who]) => {
      const rID = id('R', rIDText);
      const address = resolveAddress(ctx, who);
      const { group } = await connectGroup(ctx);
      const voted = await group.referendums.hasVoted(rID, address);
      if (ctx.json) {
        printJSON({ rID, address, voted });
      } else {
        print(`${who} has ${voted ? '' : 'not '}voted on ${rID}.`);
      }
    },
  },
];

async function showTradeOffer(ctx: Context, tIDText: string): Promise<void> {
  const tID = id('T', tIDText);
  const { group } = await connectGroup(ctx);
  const offer = await group.ledger.tradeOffer(tID);
  if (ctx.json) {
    printJSON(offer === undefined ? null : { tID, ...offer });

    return;
  }
  const o = need(offer, `No trade offer ${tID}.`);
  const names = walletNames(ctx);
  print(
    fields([
      ['offer', tID],
      ['status', o.status],
      ['from', `${label(names, o.from)} gives ${formatPower(o.quotaW)} of quota`],
      ['to', `${label(names, o.to)} pays ${formatSEB(o.tokens)}`],
      ['offered', formatTime(o.offeredAt)],
    ]),
  );
}
