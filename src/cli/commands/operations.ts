/** The group's operations: each one transaction, signed by the --from wallet. */
import { UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { Group } from '../../chain/group';
import { ISSUE_PAGE } from '../../chain/batch';
import { Command, FROM } from '../command';
import { Context, Sent, connectGroup, resolveAddress, send, signer, walletNames } from '../context';
import { OperationError, UsageError } from '../errors';
import { fields, print, printJSON } from '../output';
import { formatDuration, formatMoney, formatPower, formatSEB, parseDuration, parseMoney, parsePower, parseSEB } from '../units';
import { makeProfile, readWallet, writeWallet } from '../wallets';

/** `R3`, `P1`, `T2` (case-insensitive). */
export const id = (prefix: 'R' | 'P' | 'T', text: string): string => {
  const upper = text.toUpperCase();
  if (!new RegExp(`^${prefix}[1-9]\\d*$`).test(upper)) {
    const what = { R: 'referendum', P: 'plant', T: 'trade offer' }[prefix];
    throw new UsageError(`Bad ${what} ID "${text}" (like ${prefix}1).`);
  }

  return upper;
};

const utilityOf = (ctx: Context): string => {
  const utility = ctx.need('utility');
  if (Buffer.byteLength(utility, 'utf8') > 64) {
    throw new UsageError('A utility name has at most 64 bytes.');
  }

  return utility;
};

/** Prints what a transaction did: the sentence, the returned value or ID, block, hash and gasCost. */
const report = (ctx: Context, operation: string, sentence: string, sent: Sent, extra: Record<string, unknown> = {}) => {
  const value = sent.value;
  const returnedID = typeof value === 'string' && /^[RPT]\d+$/.test(value) ? value : undefined;
  if (ctx.json) {
    printJSON({
      operation,
      value,
      id: returnedID ?? null,
      ...extra,
      block: sent.block,
      transaction: sent.transaction,
      gasCost: sent.gasCost,
      events: sent.events,
    });

    return;
  }
  print(sentence);
  print(
    fields(
      [
        ...(returnedID === undefined ? ([['returned', JSON.stringify(value)]] as Array<[string, string]>) : [['ID', returnedID] as [string, string]]),
        ['block', String(sent.block)],
        ['transaction', sent.transaction],
        ['gasCost', `${sent.gasCost.toFormat()} GAS`],
      ],
      '  ',
    ),
  );
};

interface Signed {
  readonly group: Group;
  readonly from: UserAccountID;
  readonly name: string;
}

const signed = async (ctx: Context): Promise<Signed> => {
  const { group } = await connectGroup(ctx);

  return { group, from: await signer(ctx, group), name: ctx.need('from') };
};

/**
 * The contract issues a plant's quota to 20 funders per startOperation call and
 * returns true on the last: send calls until then, one after the other. Reports the
 * last call, with the total gasCost and every call's events.
 */
const startOperation = async (ctx: Context, group: Group, from: UserAccountID, ppID: string): Promise<void> => {
  const pages: Sent[] = [];
  for (;;) {
    const sent = await send(() => group.plants.startOperation(ppID, { from }));
    pages.push(sent);
    if (sent.value === true) {
      break;
    }
    if (!ctx.json) {
      process.stderr.write(`${ppID}: call ${pages.length} issued quota to ${ISSUE_PAGE} more funders; sending the next call…\n`);
    }
  }
  const last = pages[pages.length - 1];
  const total: Sent = {
    ...last,
    gasCost: pages.reduce((sum, page) => sum.plus(page.gasCost), new BigNumber(0)),
    events: pages.flatMap((page) => page.events),
  };
  const calls = pages.length === 1 ? '' : ` (${pages.length} calls; gasCost is their total)`;
  report(ctx, 'startOperation', `${ppID} started operating: its quota and SEB went to its funders${calls}.`, total, {
    calls: pages.map((page) => ({ block: page.block, transaction: page.transaction, gasCost: page.gasCost })),
  });
};

const RESULT_OPTIONS = [FROM];

/** Sends the right result call for a referendum (by its kind) or a plant (by its status). */
const sendResult = async (ctx: Context, target: string, kinds?: readonly string[]): Promise<void> => {
  const rIDGiven = target.toUpperCase().startsWith('R') ? id('R', target) : undefined;
  const { group, from } = await signed(ctx);
  if (rIDGiven !== undefined) {
    const rID = rIDGiven;
    const referendum = await group.referendums.referendum(rID);
    if (referendum === undefined) {
      throw new OperationError(`No referendum ${rID}.`);
    }
    if (kinds !== undefined && !kinds.includes(referendum.kind)) {
      throw new UsageError(`${rID} is a ${referendum.kind} referendum: use "mtemsm result ${rID}".`);
    }
    if (referendum.kind === 'admission') {
      const sent = await send(() => group.referendums.admissionResult(rID, { from }));
      report(ctx, 'admissionResult', `${rID} (admission of ${walletNames(ctx).get(referendum.subject) ?? referendum.subject}): ${sent.value === true ? 'approved, admitted' : 'rejected'}.`, sent);
    } else if (referendum.kind === 'powerUp') {
      const sent = await send(() => group.referendums.powerUpResult(rID, { from }));
      report(
        ctx,
        'powerUpResult',
        sent.value === '' ? `${rID} (new plant): rejected.` : `${rID} (new plant): approved; plant ${String(sent.value)} is funding.`,
        sent,
      );
    } else {
      const sent = await send(() => group.referendums.changeResult(rID, { from }));
      report(ctx, 'changeResult', `${rID} (${referendum.kind}): ${sent.value === true ? 'approved and applied' : 'rejected'}.`, sent);
    }

    return;
  }
  const ppID = id('P', target);
  const plant = await group.plants.powerPlant(ppID);
  if (plant === undefined) {
    throw new OperationError(`No plant ${ppID}.`);
  }
  if (plant.status === 'funded') {
    await startOperation(ctx, group, from, ppID);
  } else {
    const sent = await send(() => group.plants.crowdfundingResult(ppID, { from }));
    report(ctx, 'crowdfundingResult', `${ppID}: crowdfunding ${sent.value === true ? 'succeeded (funded)' : 'failed, pledges cancelled'}.`, sent);
  }
};

export const operationCommands: Command[] = [
  {
    path: ['admission'],
    arity: [0, 0],
    options: [
      FROM,
      ['utility', '--utility NAME', 'the distribution utility of the member (1 to 64 bytes)', true],
      ['profile-hash', '--profile-hash HASH', "instead of the wallet's profile hash"],
    ],
    summary: "Ask to join the group (opens an admission referendum); the founder's admission founds the group.",
    examples: ['mtemsm admission --from ana --utility Light'],
    onChain: true,
    run: async (ctx) => {
      const name = ctx.need('from');
      const utility = utilityOf(ctx);
      const wallet = readWallet(ctx.keystore, name);
      const hash = ctx.opt('profile-hash') ?? wallet.profile?.profileHash;
      if (hash === undefined) {
        throw new UsageError(`Wallet "${name}" has no profile: create it with --name and --unit, or pass --profile-hash.`);
      }
      if (!/^0x[0-9a-fA-F]{64}$/.test(hash)) {
        throw new UsageError(`Bad --profile-hash "${hash}" (0x and 64 hex digits).`);
      }
      const { group, from } = await signed(ctx);
      const sent = await send(() => group.referendums.admission(from.address, hash, utility, { from }));
      report(
        ctx,
        'admission',
        sent.value === ''
          ? `${name} founded the group and is its first member (utility ${utility}).`
          : `${name} asked to join the group (utility ${utility}): referendum ${String(sent.value)} opened.`,
        sent,
      );
    },
  },
  {
    path: ['vote'],
    args: 'RID yes|no',
    arity: [2, 2],
    options: [FROM],
    summary: 'Vote on a referendum (one member, one vote).',
    examples: ['mtemsm vote R3 yes --from ana'],
    onChain: true,
    run: async (ctx, [rIDText, answerText]) => {
      const rID = id('R', rIDText);
      const answer = answerText.toLowerCase();
      if (!['yes', 'no', 'y', 'n', 'sim', 'não', 'nao'].includes(answer)) {
        throw new UsageError(`Bad answer "${answerText}" (yes or no).`);
      }
      const yes = ['yes', 'y', 'sim'].includes(answer);
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => group.referendums.vote(rID, from.address, yes, { from }));
      report(ctx, 'vote', `${name} voted ${yes ? 'yes' : 'no'} on ${rID}.`, sent, { rID, answer: yes });
    },
  },
  ...(
    [
      ['admission-result', 'Resolve an admission referendum (anyone may send it).'],
      ['power-up-result', 'Resolve a new-plant referendum: on approval the plant starts funding.'],
      ['change-result', 'Resolve a change referendum (correction, removal, plant utility, plant removal).'],
    ] as const
  ).map(
    ([word, summary]): Command => ({
      path: [word],
      args: 'RID',
      arity: [1, 1],
      options: RESULT_OPTIONS,
      summary,
      examples: [`mtemsm ${word} R1 --from ana`],
      onChain: true,
      run: async (ctx, [rID]) => {
        const kinds: Record<string, readonly string[]> = {
          'admission-result': ['admission'],
          'power-up-result': ['powerUp'],
          'change-result': ['correction', 'removal', 'plantUtility', 'plantRemoval'],
        };
        await sendResult(ctx, id('R', rID), kinds[word]);
      },
    }),
  ),
  {
    path: ['crowdfunding-result'],
    args: 'PPID',
    arity: [1, 1],
    options: RESULT_OPTIONS,
    summary: "Close a plant's crowdfunding: funded when fully pledged, else failed (pledges cancelled).",
    examples: ['mtemsm crowdfunding-result P1 --from ana'],
    onChain: true,
    run: async (ctx, [ppIDText]) => {
      const ppID = id('P', ppIDText);
      const { group, from } = await signed(ctx);
      const sent = await send(() => group.plants.crowdfundingResult(ppID, { from }));
      report(ctx, 'crowdfundingResult', `${ppID}: crowdfunding ${sent.value === true ? 'succeeded (funded)' : 'failed, pledges cancelled'}.`, sent);
    },
  },
  {
    path: ['start-operation'],
    args: 'PPID',
    arity: [1, 1],
    options: RESULT_OPTIONS,
    summary: "Start a funded plant's operation after its time to market: quota and SEB go to the funders.",
    examples: ['mtemsm start-operation P1 --from ana'],
    onChain: true,
    run: async (ctx, [ppIDText]) => {
      const ppID = id('P', ppIDText);
      const { group, from } = await signed(ctx);
      await startOperation(ctx, group, from, ppID);
    },
  },
  {
    path: ['result'],
    args: 'RID|PPID',
    arity: [1, 1],
    options: RESULT_OPTIONS,
    summary:
      'Send the result call that fits: admission/power-up/change result for a referendum, crowdfunding result or start operation for a plant.',
    examples: ['mtemsm result R4 --from ana', 'mtemsm result P1 --from ana'],
    onChain: true,
    run: async (ctx, [target]) => sendResult(ctx, target),
  },
  {
    path: ['power-up'],
    arity: [0, 0],
    options: [
      FROM,
      ['capacity', '--capacity P', 'peak capacity: 10kWp, 10kW, 500W, 1MW or watts', true],
      ['cost', '--cost R$', 'the cost: "R$ 700,00" or 700.00', true],
      ['utility', '--utility NAME', 'the utility the plant feeds', true],
      ['time-to-market', '--time-to-market D', 'from funded to operating: 30d, 12h, 10m or seconds', true],
    ],
    summary: 'Propose a new power plant (opens a referendum).',
    examples: ['mtemsm power-up --from ana --capacity 10kWp --cost "R$ 700,00" --utility Light --time-to-market 30d'],
    onChain: true,
    run: async (ctx) => {
      const capacity = parsePower(ctx.need('capacity'), '--capacity');
      const cost = parseMoney(ctx.need('cost'), '--cost');
      const utility = utilityOf(ctx);
      const timeToMarket = parseDuration(ctx.need('time-to-market'), '--time-to-market');
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => group.referendums.powerUp(from.address, capacity, cost, utility, timeToMarket, { from }));
      report(
        ctx,
        'powerUp',
        `${name} proposed a plant of ${formatPower(capacity, 'p')} costing ${formatMoney(cost)} (utility ${utility}, time to market ${formatDuration(timeToMarket)}): referendum ${String(sent.value)} opened.`,
        sent,
      );
    },
  },
  ...(
    [
      ['bid', 'Pledge money to a funding plant (adds to your pledge).', 'pledged', 'bid'],
      ['change-bid', 'Replace your pledge to a funding plant (0 withdraws it).', 'changed the pledge to', 'changeBid'],
    ] as const
  ).map(
    ([word, summary, verb, method]): Command => ({
      path: [word],
      args: 'PPID AMOUNT',
      arity: [2, 2],
      options: [FROM],
      summary,
      examples: [`mtemsm ${word} P1 "R$ 400,00" --from ana`],
      onChain: true,
      run: async (ctx, [ppIDText, amountText]) => {
        const ppID = id('P', ppIDText);
        const amount = parseMoney(amountText);
        const { group, from, name } = await signed(ctx);
        const sent = await send(() => group.plants[method](ppID, from.address, amount, { from }));
        const pledge = await group.plants.bidOf(ppID, from.address);
        report(ctx, method, `${name} ${verb} ${formatMoney(amount)} on ${ppID}; the pledge is now ${formatMoney(pledge)}.`, sent, {
          ppID,
          pledge,
        });
      },
    }),
  ),
  {
    path: ['trade', 'offer'],
    arity: [0, 0],
    options: [
      FROM,
      ['to', '--to NAME|ADDRESS', 'the member who receives the quota and pays the SEB', true],
      ['quota', '--quota P', 'quota to give: 500W, 0.5kW or watts (default 0)'],
      ['seb', '--seb N', 'SEB asked in return (default 0: a donation of quota, done at once)'],
    ],
    summary: 'Offer quota for SEB to another member (T<n>; --seb 0 donates the quota at once).',
    examples: ['mtemsm trade offer --from bob --to ana --quota 500W --seb 0.5'],
    onChain: true,
    run: async (ctx) => {
      const to = resolveAddress(ctx, ctx.need('to'));
      const quota = ctx.opt('quota') === undefined ? new BigNumber(0) : parsePower(ctx.need('quota'), '--quota');
      const seb = ctx.opt('seb') === undefined ? new BigNumber(0) : parseSEB(ctx.need('seb'), '--seb');
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => group.ledger.offerTrade(from.address, to, quota, seb, { from }));
      report(
        ctx,
        'offerTrade',
        sent.value === ''
          ? `${name} donated ${formatPower(quota)} of quota to ${ctx.need('to')}.`
          : `${name} offered ${formatPower(quota)} of quota to ${ctx.need('to')} for ${formatSEB(seb)}: offer ${String(sent.value)}.`,
        sent,
      );
    },
  },
  ...(
    [
      ['accept', 'Accept a trade offer made to you: quota and SEB change hands at once.', 'acceptTrade', 'accepted'],
      ['cancel', 'Withdraw your trade offer, or decline one made to you.', 'cancelTrade', 'cancelled'],
    ] as const
  ).map(
    ([word, summary, method, verb]): Command => ({
      path: ['trade', word],
      args: 'TID',
      arity: [1, 1],
      options: [FROM],
      summary,
      examples: [`mtemsm trade ${word} T1 --from ana`],
      onChain: true,
      run: async (ctx, [tIDText]) => {
        const tID = id('T', tIDText);
        const { group, from, name } = await signed(ctx);
        const sent = await send(() => group.ledger[method](tID, from.address, { from }));
        report(ctx, method, `${name} ${verb} ${tID}.`, sent);
      },
    }),
  ),
  {
    path: ['transfer'],
    args: 'TO AMOUNT',
    arity: [2, 2],
    options: [FROM],
    summary: 'Give SEB to another member (NEP-5 transfer).',
    examples: ['mtemsm transfer bob 0.25 --from ana'],
    onChain: true,
    run: async (ctx, [toText, amountText]) => {
      const to = resolveAddress(ctx, toText);
      const amount = parseSEB(amountText);
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => group.ledger.transfer(from.address, to, amount, { from }));
      report(ctx, 'transfer', `${name} gave ${formatSEB(amount)} to ${toText}.`, sent);
    },
  },
  {
    path: ['change-profile'],
    arity: [0, 0],
    options: [
      FROM,
      ['utility', '--utility NAME', 'the new utility (default: unchanged)'],
      ['name', '--name "FULL NAME"', 'a new profile: full name (with --unit)'],
      ['unit', '--unit NUMBER', 'a new profile: consumer unit (with --name)'],
      ['salt', '--salt TEXT', 'the new profile salt (random when omitted)'],
      ['profile-hash', '--profile-hash HASH', 'a profile hash made elsewhere'],
    ],
    summary: "Change your profile hash and/or utility at once (a new profile is saved in the wallet after it succeeds).",
    examples: ['mtemsm change-profile --from ana --utility Enel', 'mtemsm change-profile --from ana --name "Ana Souza" --unit 7654321'],
    onChain: true,
    run: async (ctx) => {
      const name = ctx.need('from');
      const wallet = readWallet(ctx.keystore, name);
      const fullName = ctx.opt('name');
      const unit = ctx.opt('unit');
      if ((fullName === undefined) !== (unit === undefined)) {
        throw new UsageError('A new profile needs both --name and --unit.');
      }
      const profile = fullName !== undefined && unit !== undefined ? makeProfile(fullName, unit, ctx.opt('salt')) : undefined;
      const given = ctx.opt('profile-hash');
      if (given !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(given)) {
        throw new UsageError(`Bad --profile-hash "${given}" (0x and 64 hex digits).`);
      }
      if (profile === undefined && given === undefined && ctx.opt('utility') === undefined) {
        throw new UsageError('Nothing to change: give --utility, --name and --unit, or --profile-hash.');
      }
      const { group, from } = await signed(ctx);
      const current = await group.ledger.member(from.address);
      if (current === undefined) {
        throw new OperationError(`${name} is not a member.`);
      }
      const hash = profile?.profileHash ?? given ?? current.profileHash;
      const utility = ctx.opt('utility') === undefined ? current.utility : utilityOf(ctx);
      const sent = await send(() => group.ledger.changeProfile(from.address, hash, utility, { from }));
      if (profile !== undefined) {
        writeWallet(ctx.keystore, { ...wallet, profile }, true);
      }
      report(ctx, 'changeProfile', `${name} changed the profile: hash ${hash}, utility ${utility}.`, sent, { profileHash: hash, utility });
    },
  },
  {
    path: ['propose', 'correction'],
    args: 'FROM TO',
    arity: [2, 2],
    options: [
      FROM,
      ['quota', '--quota P', 'quota to move FROM → TO (default 0)'],
      ['seb', '--seb N', 'SEB to move TO → FROM (default 0)'],
    ],
    summary: 'Propose a correction (referendum): quota moves FROM → TO and SEB TO → FROM; either may be "treasury".',
    examples: ['mtemsm propose correction bob treasury --quota 90W --from ana'],
    onChain: true,
    run: async (ctx, [fromText, toText]) => {
      const quota = ctx.opt('quota') === undefined ? new BigNumber(0) : parsePower(ctx.need('quota'), '--quota');
      const seb = ctx.opt('seb') === undefined ? new BigNumber(0) : parseSEB(ctx.need('seb'), '--seb');
      const { group, from, name } = await signed(ctx);
      const holderFrom = resolveAddress(ctx, fromText, group.contracts.ledger);
      const holderTo = resolveAddress(ctx, toText, group.contracts.ledger);
      const sent = await send(() => group.referendums.proposeCorrection(from.address, holderFrom, holderTo, quota, seb, { from }));
      report(
        ctx,
        'proposeCorrection',
        `${name} proposed a correction (${formatPower(quota)} of quota ${fromText} → ${toText}, ${formatSEB(seb)} ${toText} → ${fromText}): referendum ${String(sent.value)} opened.`,
        sent,
      );
    },
  },
  {
    path: ['propose', 'removal'],
    args: 'MEMBER',
    arity: [1, 1],
    options: [FROM],
    summary: "Propose removing a member (referendum): their quota and SEB go to the treasury.",
    examples: ['mtemsm propose removal bob --from ana'],
    onChain: true,
    run: async (ctx, [memberText]) => {
      const member = resolveAddress(ctx, memberText);
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => group.referendums.proposeRemoval(from.address, member, { from }));
      report(ctx, 'proposeRemoval', `${name} proposed removing ${memberText}: referendum ${String(sent.value)} opened.`, sent);
    },
  },
  {
    path: ['propose', 'plant-utility'],
    args: 'PPID UTILITY',
    arity: [2, 2],
    options: [FROM],
    summary: "Propose changing a plant's utility (referendum).",
    examples: ['mtemsm propose plant-utility P1 Enel --from ana'],
    onChain: true,
    run: async (ctx, [ppIDText, utility]) => {
      const ppID = id('P', ppIDText);
      if (utility === '' || Buffer.byteLength(utility, 'utf8') > 64) {
        throw new UsageError('A utility name has 1 to 64 bytes.');
      }
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => group.referendums.proposePlantUtility(from.address, ppID, utility, { from }));
      report(ctx, 'proposePlantUtility', `${name} proposed moving ${ppID} to utility ${utility}: referendum ${String(sent.value)} opened.`, sent);
    },
  },
  {
    path: ['propose', 'plant-removal'],
    args: 'PPID',
    arity: [1, 1],
    options: [FROM],
    summary: 'Propose removing a plant that does not operate yet (referendum; pledges cancelled).',
    examples: ['mtemsm propose plant-removal P2 --from ana'],
    onChain: true,
    run: async (ctx, [ppIDText]) => {
      const ppID = id('P', ppIDText);
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => group.referendums.proposePlantRemoval(from.address, ppID, { from }));
      report(ctx, 'proposePlantRemoval', `${name} proposed removing ${ppID}: referendum ${String(sent.value)} opened.`, sent);
    },
  },
];
