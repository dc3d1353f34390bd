/** Reads of the group: no wallet, no password, no GAS. */
import { closesEarly, outcomeAt } from '../../domain/majority';
import { isPlantID } from '../../domain/ids';
import BigNumber from 'bignumber.js';
import { firstLine } from '../../chain/batch';
import { Group } from '../../chain/group';
import { allContributions, allMembers, allPlants } from '../../chain/reads';
import { Command } from '../command';
import { Context, chainNow, connectGroup, gasBalance, resolveAddress, walletNames } from '../context';
import { OperationError } from '../errors';
import { fields, print, printJSON, table } from '../output';
import { formatDuration, formatMoney, formatPower, formatSEB, formatTime, humanDuration } from '../units';
import { id } from './operations';

/** Reads run this many at a time (one RPC each). */
const AT_ONCE = 20;

/** `read` over `items`, AT_ONCE at a time, in order. */
const readAll = async <T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += AT_ONCE) {
    out.push(...(await Promise.all(items.slice(start, start + AT_ONCE).map(read))));
  }

  return out;
};

const plural = (count: number | BigNumber, word: string, words = `${word}s`): string =>
  `${count.toString()} ${new BigNumber(count).eq(1) ? word : words}`;

/** A wallet's name with its address, `treasury (…)`, or the address alone. */
export const label = (names: Map<string, string>, address: string | undefined, treasury?: string): string => {
  if (address === undefined || address === '') {
    return '-';
  }
  if (address === treasury) {
    return `treasury (${address})`;
  }
  const name = names.get(address);

  return name === undefined ? address : `${name} (${address})`;
};

/**
 * What binds a member's holdings (the ledger's memberState): admission serial, open
 * removal referendums (frozen while any is open), quota and SEB reserved by open
 * corrections, pledges in plants not yet operating, open trade offers made.
 */
export interface HoldingState {
  readonly serial: number;
  readonly removals: number;
  readonly frozen: boolean;
  readonly reservedQuotaW: BigNumber;
  readonly reservedTokens: BigNumber;
  readonly pledges: number;
  readonly openOffers: number;
}

const holdingState = (raw: readonly BigNumber[]): HoldingState | undefined =>
  raw.length < 6
    ? undefined
    : {
        serial: raw[0].toNumber(),
        removals: raw[1].toNumber(),
        frozen: raw[1].gt(0),
        reservedQuotaW: raw[2],
        // Raw 1e-8 units: the ledger gives an Integer[].
        reservedTokens: raw[3].div(100_000_000),
        pledges: raw[4].toNumber(),
        openOffers: raw[5].toNumber(),
      };

const readMember = async (group: Group, address: string) => {
  const [member, state] = await Promise.all([group.ledger.member(address), group.ledger.memberState(address)]);
  const holding = holdingState(state);

  return member === undefined || holding === undefined ? undefined : { address, ...member, ...holding };
};

type MemberView = NonNullable<Awaited<ReturnType<typeof readMember>>>;

/** `frozen (1 removal open)`, `reserved 90 W`, `2 open offers`: what binds a member, or '-'. */
const bindings = (m: MemberView): string => {
  const notes = [
    ...(m.frozen ? [`frozen (${plural(m.removals, 'removal referendum')} open)`] : []),
    ...(m.reservedQuotaW.gt(0) ? [`${formatPower(m.reservedQuotaW)} reserved`] : []),
    ...(m.reservedTokens.gt(0) ? [`${formatSEB(m.reservedTokens)} reserved`] : []),
    ...(m.pledges > 0 ? [`${plural(m.pledges, 'pledge')}`] : []),
    ...(m.openOffers > 0 ? [`${plural(m.openOffers, 'open offer')}`] : []),
  ];

  return notes.length === 0 ? '-' : notes.join(', ');
};

const readPlant = async (group: Group, ppID: string) => {
  const [plant, state] = await Promise.all([group.plants.powerPlant(ppID), group.plants.plantState(ppID)]);
  if (plant === undefined) {
    return undefined;
  }
  const [openedAt, pledged, cutThreshold, quotaThreshold, done] = state;

  return {
    ppID,
    ...plant,
    openedAt: openedAt ?? new BigNumber(0),
    // Raw cents: Σ pledges when the crowdfunding closed (0 before).
    pledgedAtClose: (pledged ?? new BigNumber(0)).div(100),
    cutThreshold: cutThreshold ?? new BigNumber(0),
    quotaThreshold: quotaThreshold ?? new BigNumber(0),
    pagesDone: (done ?? new BigNumber(0)).toNumber(),
  };
};

type PlantView = NonNullable<Awaited<ReturnType<typeof readPlant>>>;

/** What a plant's status means, and the command that moves it on. */
const STATUS_TEXT: Record<string, string> = {
  funding: 'funding: members of its utility pledge',
  closing: 'closing: oversubscribed, its pledges are cut pro rata to the cost, page by page ("mtemsm crowdfunding-result" goes on)',
  funded: 'funded: it may start operating after its time to market ("mtemsm start-operation")',
  issuing: 'issuing: its quota and SEB go to the funders, one a page ("mtemsm start-operation" goes on)',
  operating: 'operating: its quota and SEB were issued to the funders',
  failing: 'failing: under-pledged at the close, its pledges are cancelled page by page ("mtemsm cancel-pledges")',
  failed: 'failed: under-pledged at the close, its pledges were cancelled',
  removing: 'removing: removed by referendum, its pledges are cancelled page by page ("mtemsm cancel-pledges")',
  removed: 'removed by referendum before it operated, its pledges cancelled',
};

/** The referendums' reasons are events only: the `lapse` event of rID, from the block it opened in. */
const lapseReason = async (group: Group, rID: string, openedAt: number): Promise<string | undefined> => {
  const count = await group.chain.getBlockCount();
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if ((await group.chain.getBlock(middle)).time < openedAt) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  for (let start = low; start < count; start += AT_ONCE) {
    const indexes = Array.from({ length: Math.min(AT_ONCE, count - start) }, (_, offset) => start + offset);
    for (const block of await Promise.all(indexes.map(async (index) => group.chain.getBlock(index)))) {
      for (const transaction of block.transactions) {
        if (transaction.type !== 'InvocationTransaction' || transaction.invocationData.result.state !== 'HALT') {
          continue;
        }
        for (const action of transaction.invocationData.actions) {
          if (action.type !== 'Notification' || action.address !== group.contracts.referendums) {
            continue;
          }
          const event: any = group.referendums.convertAction(action);
          if (event?.type === 'Event' && event.name === 'lapse' && event.parameters.rID === rID) {
            return String(event.parameters.reason);
          }
        }
      }
    }
  }

  return undefined;
};

/**
 * A referendum with its proposal, the tally and when it can be resolved; `withReason`:
 * a lapsed one's reason too (searched in the blocks since it opened).
 */
const readReferendum = async (group: Group, rID: string, now: number, withReason = false) => {
  const [referendum, proposal] = await Promise.all([group.referendums.referendum(rID), group.referendums.proposal(rID)]);
  if (referendum === undefined) {
    return undefined;
  }
  const yes = referendum.yes.toNumber();
  const no = referendum.no.toNumber();
  const electorate = referendum.electorate.toNumber();
  const endsAt = referendum.endsAt.toNumber();
  const open = referendum.status === 'open';
  // src/domain/majority.ts: decided early, or any tally once now > endsAt.
  const outcome = outcomeAt(yes, no, electorate, now, endsAt);

  const reason =
    withReason && referendum.status === 'lapsed' ? (await lapseReason(group, rID, referendum.openedAt.toNumber())) ?? null : null;

  return {
    rID,
    ...referendum,
    reason,
    proposal,
    secondsLeft: open ? Math.max(0, endsAt - now) : 0,
    canResolve: open && outcome !== undefined,
    early: open && closesEarly(yes, no, electorate, now, endsAt),
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

const memberRow = (names: Map<string, string>, m: MemberView): string[] => [
  String(m.serial),
  names.get(m.address) ?? '',
  m.address,
  m.utility,
  formatPower(m.quotaW),
  formatSEB(m.tokens),
  formatTime(m.joinedAt),
  bindings(m),
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
      const [summary, treasury, offers] = await Promise.all([
        group.ledger.groupSummary(),
        group.ledger.treasury(),
        group.trades.offerCount(),
      ]);
      if (ctx.json) {
        printJSON({ ...summary, tradeOffers: offers, treasury, contracts: group.contracts, rpcURL: group.rpcURL });

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
          ['trade offers', offers.toFixed()],
          ['treasury', `${formatPower(treasury.quotaW)} of quota, ${formatSEB(treasury.tokens)}`],
          ['ledger', group.contracts.ledger],
          ['trades', group.contracts.trades],
          ['plants', group.contracts.plants],
          ['referendums', group.contracts.referendums],
          ['energy', group.contracts.energy ?? '(not deployed)'],
          ['consumption', group.contracts.consumption ?? '(not deployed)'],
          ['rpc', group.rpcURL],
        ]),
      );
    },
  },
  {
    path: ['member'],
    args: 'NAME|ADDRESS',
    arity: [1, 1],
    summary: "A member's record: serial, utility, profile hash, quota, SEB, joined, and what binds them (frozen, reserved, pledges, open offers).",
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
          ['serial', `${member.serial} (admission order)`],
          ['utility', member.utility],
          ['profile hash', member.profileHash],
          ['quota', `${formatPower(member.quotaW)}${member.reservedQuotaW.gt(0) ? `, ${formatPower(member.reservedQuotaW)} reserved by a correction` : ''}`],
          ['SEB', `${formatSEB(member.tokens)}${member.reservedTokens.gt(0) ? `, ${formatSEB(member.reservedTokens)} reserved by a correction` : ''}`],
          ['joined', formatTime(member.joinedAt)],
          ['frozen', member.frozen ? `yes: ${plural(member.removals, 'removal referendum')} open (no transfer, trade or pledge)` : 'no'],
          ['pledges', `${member.pledges} in plants not yet operating`],
          ['open offers', `${member.openOffers} made`],
        ]),
      );
    },
  },
  {
    path: ['members'],
    arity: [0, 0],
    summary: 'Every member (all pages), in admission order, with what binds each one.',
    examples: ['mtemsm members', 'mtemsm members --json'],
    onChain: true,
    run: async (ctx) => {
      const { group } = await connectGroup(ctx);
      const addresses = await allMembers(group.ledger);
      const members = (await readAll(addresses, async (address) => readMember(group, address))).filter(
        (member): member is MemberView => member !== undefined,
      );
      if (ctx.json) {
        printJSON(members);

        return;
      }
      const names = walletNames(ctx);
      print(
        table(['SERIAL', 'WALLET', 'ADDRESS', 'UTILITY', 'QUOTA', 'SEB', 'JOINED', 'BOUND'], members.map((m) => memberRow(names, m)), [0, 4, 5]),
      );
      print(`${members.length} member${members.length === 1 ? '' : 's'}.`);
    },
  },
  {
    path: ['plant'],
    args: 'PPID',
    arity: [1, 1],
    summary: 'A power plant: capacity, cost, status (and the command that moves it on), funding, pledges raised, operation.',
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
      const minFundingWindow = await group.plants.minFundingWindow();
      print(fields(plantLines(p, minFundingWindow)));
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
      const ids = await allPlants(group.plants);
      const plants = (await readAll(ids, async (ppID) => readPlant(group, ppID))).filter(
        (plant): plant is PlantView => plant !== undefined,
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
    summary: 'A referendum: what is voted on, the tally, time left, whether it can be resolved now, and why it lapsed if it did.',
    examples: ['mtemsm referendum R1', 'mtemsm referendum R1 --json'],
    onChain: true,
    run: async (ctx, [rIDText]) => {
      const rID = id('R', rIDText);
      const { group } = await connectGroup(ctx);
      const view = await readReferendum(group, rID, await chainNow(group), true);
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
          ['subject', r.subject === '' ? (r.kind === 'powerUp' ? '(a new plant)' : '-') : isPlantID(r.subject) ? r.subject : label(names, r.subject, treasury)],
          ...proposalLines(r, names, treasury),
          ['tally', `yes ${r.yes.toFixed()}, no ${r.no.toFixed()}, electorate ${r.electorate.toFixed()} (approval needs ${Math.floor(r.electorate.toNumber() / 2) + 1} yes)`],
          ['opened', formatTime(r.openedAt)],
          ['ends', `${formatTime(r.endsAt)}${r.status === 'open' ? (r.secondsLeft > 0 ? ` (in ${humanDuration(r.secondsLeft)})` : ' (ended)') : ''}`],
          [
            'resolution',
            r.status === 'lapsed'
              ? `resolved: lapsed (approved, but it could not apply: ${(r.reason ?? 'no lapse event found').replace(/\.$/, '')})`
              : r.status !== 'open'
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
    summary: 'Every referendum (R1, R2, … until the first missing); "mtemsm referendum RID" says why a lapsed one lapsed.',
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
            r.subject === '' ? '(new plant)' : isPlantID(r.subject) ? r.subject : names.get(r.subject) ?? r.subject,
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
    summary: 'A trade offer: who gives quota, who pays SEB, until when, status (offered, accepted, expired, cancelled).',
    examples: ['mtemsm trade-offer T1', 'mtemsm trade-offer T1 --json'],
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
    path: ['trade-offers'],
    aliases: [['trade', 'list']],
    arity: [0, 0],
    summary: 'Every trade offer (T1 … the last), with its status.',
    examples: ['mtemsm trade-offers', 'mtemsm trade list --json'],
    onChain: true,
    run: async (ctx) => {
      const { group } = await connectGroup(ctx);
      const count = (await group.trades.offerCount()).toNumber();
      const ids = Array.from({ length: count }, (_, index) => `T${index + 1}`);
      const offers = (await readAll(ids, async (tID) => ({ tID, offer: await group.trades.tradeOffer(tID) }))).flatMap(
        ({ tID, offer }) => (offer === undefined ? [] : [{ tID, ...offer }]),
      );
      if (ctx.json) {
        printJSON(offers);

        return;
      }
      const names = walletNames(ctx);
      print(
        table(
          ['OFFER', 'STATUS', 'FROM', 'TO', 'QUOTA', 'SEB', 'EXPIRES'],
          offers.map((o) => [o.tID, o.status, names.get(o.from) ?? o.from, names.get(o.to) ?? o.to, formatPower(o.quotaW), formatSEB(o.tokens), formatTime(o.expiresAt)]),
          [4, 5],
        ),
      );
      print(`${plural(offers.length, 'trade offer')}.`);
    },
  },
  {
    path: ['invitation'],
    args: 'NAME|ADDRESS',
    arity: [1, 1],
    summary: "A candidate's invitation: who invited them, until when, and whether it was used (by which admission referendum).",
    examples: ['mtemsm invitation bob', 'mtemsm invitation bob --json'],
    onChain: true,
    run: async (ctx, [who]) => {
      const candidate = resolveAddress(ctx, who);
      const { group } = await connectGroup(ctx);
      const [invitation, now] = await Promise.all([group.referendums.invitation(candidate), chainNow(group)]);
      const inviterMember = invitation === undefined ? false : (await group.ledger.member(invitation.inviter)) !== undefined;
      const status =
        invitation === undefined
          ? 'none'
          : invitation.rID !== ''
          ? 'used'
          : !inviterMember
          ? 'void'
          : now > invitation.expiresAt.toNumber()
          ? 'expired'
          : 'open';
      if (ctx.json) {
        printJSON(invitation === undefined ? null : { candidate, ...invitation, rID: invitation.rID === '' ? null : invitation.rID, status });

        return;
      }
      if (invitation === undefined) {
        print(
          (await group.ledger.member(candidate)) !== undefined
            ? `${who} (${candidate}) is a member.`
            : `${who} (${candidate}) has no invitation (a member sends "mtemsm invite ${who} --from NAME").`,
        );

        return;
      }
      const names = walletNames(ctx);
      const text: Record<string, string> = {
        open: `open: ${who} may ask for admission ("mtemsm admission --from ${who} --utility NAME")`,
        used: `used by the admission referendum ${invitation.rID}`,
        void: 'void: the inviter is no longer a member',
        expired: 'expired: a member must invite again',
      };
      print(
        fields([
          ['candidate', label(names, candidate)],
          ['inviter', label(names, invitation.inviter)],
          ['expires', `${formatTime(invitation.expiresAt)}${status === 'open' ? ` (in ${humanDuration(invitation.expiresAt.toNumber() - now)})` : ''}`],
          ['status', text[status]],
        ]),
      );
    },
  },
  {
    path: ['partners'],
    arity: [0, 0],
    summary: "The ledger's attached contracts (partners()): the only ones it accepts outcomes from, and their founder.",
    examples: ['mtemsm partners', 'mtemsm partners --json'],
    onChain: true,
    run: async (ctx) => {
      const { group } = await connectGroup(ctx);
      const [partners, founders] = await Promise.all([
        group.ledger.partners(),
        Promise.all([
          group.ledger.founder(),
          group.trades.founder(),
          group.plants.founder(),
          group.referendums.founder(),
          ...(group.contracts.energy === undefined ? [] : [group.energy.founder()]),
          ...(group.contracts.consumption === undefined ? [] : [group.consumption.founder()]),
        ]),
      ]);
      const sameFounder = founders.every((founder) => founder === founders[0]);
      if (ctx.json) {
        printJSON({ ledger: group.contracts.ledger, ...partners, founder: founders[0], sameFounder });

        return;
      }
      const names = walletNames(ctx);
      print(
        fields([
          ['ledger (MTEMsm)', group.contracts.ledger],
          ['trades', partners.trades ?? '(none attached)'],
          ['plants', partners.plants ?? '(none attached)'],
          ['referendums', partners.referendums ?? '(none attached)'],
          ['energy', partners.energy ?? '(none attached)'],
          ['founder', sameFounder ? `${label(names, founders[0])} (in all ${founders.length} scripts)` : `DIFFERS: ${founders.join(', ')}`],
        ]),
      );
    },
  },
  {
    path: ['settings'],
    arity: [0, 0],
    summary: "The group's deployment settings, as the contracts hold them.",
    examples: ['mtemsm settings', 'mtemsm settings --json'],
    onChain: true,
    run: async (ctx) => {
      const { group } = await connectGroup(ctx);
      const [referendumPeriod, minTimeToMarket, maxPowerW, crowdfundingPeriod, minBid, minFundingWindow] = await Promise.all([
        group.referendums.referendumPeriod(),
        group.referendums.minTimeToMarket(),
        group.referendums.maxPowerW(),
        group.plants.crowdfundingPeriod(),
        group.plants.minBid(),
        group.plants.minFundingWindow(),
      ]);
      if (ctx.json) {
        // The shape of a deployment's settings (mtemsm deploy --json).
        printJSON({
          referendumPeriod: referendumPeriod.toNumber(),
          crowdfundingPeriod: crowdfundingPeriod.toNumber(),
          minTimeToMarket: minTimeToMarket.toNumber(),
          minBid: minBid.toFixed(),
          maxPowerW: maxPowerW.toNumber(),
          minFundingWindow: minFundingWindow.toNumber(),
        });

        return;
      }
      print(
        fields([
          ['referendum period', `${formatDuration(referendumPeriod)} (also how long an invitation lasts)`],
          ['crowdfunding period', formatDuration(crowdfundingPeriod)],
          ['min funding window', `${formatDuration(minFundingWindow)} (a fully pledged plant may close early after it)`],
          ['min time to market', formatDuration(minTimeToMarket)],
          ['min bid', formatMoney(minBid)],
          ['max power', formatPower(maxPowerW)],
        ]),
      );
    },
  },
  {
    path: ['treasury'],
    arity: [0, 0],
    summary: "The group treasury's quota and SEB (its address is the ledger's).",
    examples: ['mtemsm treasury'],
    onChain: true,
    run: async (ctx) => {
      const { group } = await connectGroup(ctx);
      const [treasury, state] = await Promise.all([group.ledger.treasury(), group.ledger.memberState(group.contracts.ledger)]);
      const reservedQuotaW = state[2] ?? new BigNumber(0);
      const reservedTokens = (state[3] ?? new BigNumber(0)).div(100_000_000);
      if (ctx.json) {
        printJSON({ address: group.contracts.ledger, ...treasury, reservedQuotaW, reservedTokens });

        return;
      }
      print(
        fields([
          ['treasury', group.contracts.ledger],
          ['quota', `${formatPower(treasury.quotaW)}${reservedQuotaW.gt(0) ? `, ${formatPower(reservedQuotaW)} reserved by a correction` : ''}`],
          ['SEB', `${formatSEB(treasury.tokens)}${reservedTokens.gt(0) ? `, ${formatSEB(reservedTokens)} reserved by a correction` : ''}`],
        ]),
      );
    },
  },
  {
    path: ['balance'],
    args: 'NAME|ADDRESS',
    arity: [1, 1],
    summary: 'SEB (NEP-5 balanceOf; what is reserved or frozen), quota, and the GAS an address holds to pay for transactions.',
    examples: ['mtemsm balance ana'],
    onChain: true,
    run: async (ctx, [who]) => {
      const { group } = await connectGroup(ctx);
      const address = resolveAddress(ctx, who, group.contracts.ledger);
      const [seb, member, state, gasRead] = await Promise.all([
        group.ledger.balanceOf(address),
        group.ledger.member(address),
        group.ledger.memberState(address),
        // A failed read is said as such, never shown as 0 GAS.
        gasBalance(group, address).then(
          (gas) => ({ gas, gasError: null }),
          (error) => ({ gas: null, gasError: firstLine(error) || 'the node did not answer' }),
        ),
      ]);
      const { gas, gasError } = gasRead;
      const quotaW = address === group.contracts.ledger ? (await group.ledger.treasury()).quotaW : member?.quotaW ?? new BigNumber(0);
      const reservedQuotaW = state[2] ?? new BigNumber(0);
      const reservedTokens = (state[3] ?? new BigNumber(0)).div(100_000_000);
      const frozen = (state[1] ?? new BigNumber(0)).gt(0);
      if (ctx.json) {
        printJSON({ address, seb, quotaW, reservedTokens, reservedQuotaW, frozen, gas, ...(gasError === null ? {} : { gasError }), member: member !== undefined });

        return;
      }
      const free = frozen ? ' (frozen: a removal referendum is open)' : '';
      print(
        fields([
          ['address', label(walletNames(ctx), address, group.contracts.ledger)],
          ['SEB', `${formatSEB(seb)}${reservedTokens.gt(0) ? ` (${formatSEB(reservedTokens)} reserved, ${formatSEB(seb.minus(reservedTokens))} free)` : ''}${free}`],
          ['quota', `${formatPower(quotaW)}${reservedQuotaW.gt(0) ? ` (${formatPower(reservedQuotaW)} reserved)` : ''}`],
          ['GAS', gas === null ? `not read: ${gasError}` : `${gas.toFormat()} GAS`],
        ]),
      );
    },
  },
  {
    path: ['contributions'],
    args: 'NAME|ADDRESS',
    arity: [1, 1],
    summary: "A member's pledges, plant by plant, all pages (what each keeps: an oversubscribed plant's funded pledge is its pro-rata share).",
    examples: ['mtemsm contributions ana --json'],
    onChain: true,
    run: async (ctx, [who]) => {
      const address = resolveAddress(ctx, who);
      const { group } = await connectGroup(ctx);
      const pledges = await allContributions(group.ledger, group.plants, address);
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
  const [offer, now] = await Promise.all([group.trades.tradeOffer(tID), chainNow(group)]);
  if (ctx.json) {
    printJSON(offer === undefined ? null : { tID, ...offer });

    return;
  }
  const o = need(offer, `No trade offer ${tID}.`);
  const names = walletNames(ctx);
  print(
    fields([
      ['offer', tID],
      ['status', OFFER_STATUS[o.status] ?? o.status],
      ['from', `${label(names, o.from)} gives ${formatPower(o.quotaW)} of quota`],
      ['to', `${label(names, o.to)} pays ${formatSEB(o.tokens)}`],
      ['offered', formatTime(o.offeredAt)],
      ['expires', `${formatTime(o.expiresAt)}${o.status === 'offered' ? ` (in ${humanDuration(o.expiresAt.toNumber() - now)})` : ''}`],
    ]),
  );
}

const OFFER_STATUS: Record<string, string> = {
  offered: 'offered: the receiver may accept it until it expires ("mtemsm trade accept")',
  accepted: 'accepted: quota and SEB changed hands',
  expired: 'expired: it can no longer be accepted (a side may still cancel it to release it)',
  cancelled: 'cancelled (by a side, or a side is no longer that member)',
};

/** A plant's fields for people: status and what moves it on, funding, paged steps, operation. */
function plantLines(p: PlantView, minFundingWindow: BigNumber): Array<[string, string]> {
  const percent = p.cost.gt(0) ? p.raised.div(p.cost).times(100).toFixed(1) : '0';
  const paged = ['closing', 'issuing', 'failing', 'removing'].includes(p.status);
  const pagedStep = (plant: PlantView): string =>
    plant.status === 'closing'
      ? plant.cutThreshold.isZero()
        ? 'checking the cut threshold'
        : `${plant.pagesDone} of ${plural(plant.funders, 'pledge')} released`
      : plant.status === 'issuing'
      ? `${plant.pagesDone} of ${plural(plant.funders, 'funder')} issued`
      : `${plant.pagesDone} pledges cancelled, ${plant.funders.toFixed()} left`;

  return [
    ['plant', p.ppID],
    ['status', STATUS_TEXT[p.status] ?? p.status],
    ['capacity', formatPower(p.capacityW, 'p')],
    ['cost', formatMoney(p.cost)],
    ['raised', `${formatMoney(p.raised)} (${percent} %) from ${plural(p.funders, 'funder')}`],
    ...(p.status === 'funding' || p.status === 'closing'
      ? ([[p.raised.gte(p.cost) ? 'oversubscribed by' : 'missing', formatMoney(p.raised.minus(p.cost).abs())]] as Array<[string, string]>)
      : []),
    ...(p.pledgedAtClose.gt(p.cost) ? ([['pledged at close', `${formatMoney(p.pledgedAtClose)} (each pledge keeps its pro-rata share)`]] as Array<[string, string]>) : []),
    ['utility', p.utility],
    ['time to market', formatDuration(p.timeToMarket)],
    ['funding opened', formatTime(p.openedAt)],
    ...(p.status === 'funding'
      ? ([['may close early from', `${formatTime(p.openedAt.plus(minFundingWindow))} if fully pledged`]] as Array<[string, string]>)
      : []),
    ['funding ends', formatTime(p.fundingEndsAt)],
    ...(paged ? ([['paged step', pagedStep(p)]] as Array<[string, string]>) : []),
    ['funded at', formatTime(p.fundedAt)],
    ['may operate from', p.fundedAt.gt(0) ? formatTime(p.fundedAt.plus(p.timeToMarket)) : '-'],
    ['operating since', formatTime(p.operatingSince)],
  ];
}
