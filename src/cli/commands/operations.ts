/** The group's operations: each one transaction, signed by the --from wallet. */
import { idProblem, IdPrefix, isAnyID, normalizeID } from '../../domain/ids';
import { validUtility } from '../../domain/utility';
import { TransactionOptions, TransactionResult, UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { Receipt, blockPages, firstLine } from '../../chain/batch';
import { Group } from '../../chain/group';
import { SendPage, cancelPledges, closeCrowdfunding, startOperation } from '../../chain/plants';
import { Command, FROM, option } from '../command';
import { Context, Sent, connectGroup, resolveAddress, send, signer, walletNames } from '../context';
import { OperationError, UsageError } from '../errors';
import { fields, print, printJSON } from '../output';
import {
  formatDuration,
  formatMoney,
  formatPower,
  formatSEB,
  formatTime,
  parseDuration,
  parseMoney,
  parsePower,
  parseSEB,
} from '../units';
import { makeProfile, readWallet, writeWallet } from '../wallets';

/** `R3`, `P1`, `T2` (case-insensitive). */
export const id = (prefix: IdPrefix, text: string): string => {
  const normal = normalizeID(prefix, text);
  if (normal === undefined) {
    throw new UsageError(idProblem(prefix, text) as string);
  }

  return normal;
};

const utilityOf = (ctx: Context): string => {
  const utility = ctx.need('utility');
  if (!validUtility(utility)) {
    throw new UsageError('A utility name has 1 to 64 bytes.');
  }

  return utility;
};

/** Prints what a transaction did: the sentence, the returned value or ID, block, hash and gasCost. */
export const report = (ctx: Context, operation: string, sentence: string, sent: Sent, extra: Record<string, unknown> = {}) => {
  const value = sent.value;
  const returnedID = typeof value === 'string' && isAnyID(value) ? value : undefined;
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
  /** A private network (neo-one's node): pages are sent a block each. */
  readonly local: boolean;
}

export const signed = async (ctx: Context): Promise<Signed> => {
  const { group, local } = await connectGroup(ctx);

  return { group, from: await signer(ctx, group), name: ctx.need('from'), local };
};

// ---------------------------------------------------------------- paged plant steps

/** One page of a plant's paged step, as sent. */
interface Page {
  readonly operation: string;
  readonly value: unknown;
  readonly block: number;
  readonly transaction: string;
  readonly gasCost: BigNumber;
  readonly events: ReadonlyArray<{ readonly name: string; readonly parameters: Record<string, unknown> }>;
  /** What the page did, from its `page` event: checking | releasing | issuing | cancelling (or the step's outcome). */
  readonly step: string;
  /** Pledges the step has handled so far (its `page` event). */
  readonly done: number | null;
}

/** The `page` event's step and count, else what the page's `process` or `threshold` event says. */
const pageOf = (operation: string, sent: Omit<Page, 'operation' | 'step' | 'done'>): Page => {
  const page = sent.events.find((event) => event.name === 'page');
  const outcome = sent.events.filter((event) => event.name === 'process').pop();

  return {
    ...sent,
    operation,
    step: page !== undefined ? String(page.parameters.step) : outcome !== undefined ? String(outcome.parameters.status) : '',
    done: page !== undefined ? Number(String(page.parameters.done)) : null,
  };
};

/**
 * A SendPage (src/chain/plants.ts) for the command line: on a private network each
 * page in a block of its own (src/chain/batch.ts blockPages), elsewhere each page sent
 * and confirmed in turn; every page is kept in `pages` and reported on stderr.
 */
const pager = (ctx: Context, signedBy: Signed, ppID: string, funders: () => number, pages: Page[]): SendPage => {
  const { group, from, local } = signedBy;
  const receipts: Receipt[] = [];
  const blocks = blockPages(group, from, receipts);
  const progress = (page: Page): void => {
    if (ctx.json) {
      return;
    }
    const what =
      page.done === null
        ? page.step
        : page.step === 'cancelling'
          ? `cancelling: ${page.done} pledge${page.done === 1 ? '' : 's'} cancelled so far`
          : `${page.step} ${page.done} of ${funders()} ${page.step === 'issuing' ? 'funder' : 'pledge'}${funders() === 1 ? '' : 's'}`;
    process.stderr.write(
      `${ppID}: ${page.operation} page ${pages.length}: ${what} (block ${page.block}, ${page.gasCost.toFormat()} GAS)${page.value === true ? ', done.' : '…'}\n`,
    );
  };

  return async (operation: string, call: (options: TransactionOptions) => Promise<TransactionResult<any>>) => {
    let page: Page;
    if (local) {
      try {
        await blocks(operation, call);
      } catch (error) {
        // sendBlock names the operation first; the command line says the contract's sentence.
        throw new OperationError(firstLine(error).replace(`${operation}: `, ''));
      }
      const receipt = receipts[receipts.length - 1];
      page = pageOf(operation, {
        value: receipt.value,
        block: receipt.blockIndex,
        transaction: receipt.transaction,
        gasCost: receipt.gasCost,
        events: receipt.events,
      });
    } else {
      page = pageOf(operation, await send(() => call({ from })));
    }
    pages.push(page);
    progress(page);

    return page.value === true;
  };
};

/** Reports a paged step: the sentence, and the pages (the last one's block and hash; gasCost their total). */
const reportPages = (ctx: Context, operation: string, sentence: string, pages: readonly Page[], extra: Record<string, unknown>) => {
  const last = pages[pages.length - 1];
  const gasCost = pages.reduce((sum, page) => sum.plus(page.gasCost), new BigNumber(0));
  if (ctx.json) {
    printJSON({
      operation,
      value: last.value,
      id: null,
      ...extra,
      block: last.block,
      transaction: last.transaction,
      gasCost,
      pages: pages.map(({ operation: call, step, done, block, transaction, gasCost: cost }) => ({
        operation: call,
        step,
        done,
        block,
        transaction,
        gasCost: cost,
      })),
      events: pages.flatMap((page) => page.events),
    });

    return;
  }
  print(sentence);
  print(
    fields(
      [
        ['pages', `${pages.length} transaction${pages.length === 1 ? '' : 's'} (${pages.map((page) => page.step).join(', ')})`],
        ['last block', String(last.block)],
        ['last transaction', last.transaction],
        ['gasCost', `${gasCost.toFormat()} GAS${pages.length === 1 ? '' : ' (all pages)'}`],
      ],
      '  ',
    ),
  );
};

const requirePlant = async (group: Group, ppID: string) => {
  const plant = await group.plants.powerPlant(ppID);
  if (plant === undefined) {
    throw new OperationError(`No plant ${ppID}.`);
  }

  return plant;
};

/**
 * Closes a plant's crowdfunding to the end (src/chain/plants.ts closeCrowdfunding):
 * funded (an oversubscribed plant's pledges cut pro rata, page by page), or failed with
 * its pledges cancelled page by page.
 */
const runCrowdfundingResult = async (ctx: Context, signedBy: Signed, ppID: string): Promise<void> => {
  const before = await requirePlant(signedBy.group, ppID);
  const pages: Page[] = [];
  const status = await closeCrowdfunding(
    signedBy.group.plants,
    ppID,
    pager(ctx, signedBy, ppID, () => before.funders.toNumber(), pages),
  );
  if (pages.length === 0) {
    throw new OperationError(`${ppID} is ${status}: its crowdfunding is already closed.`);
  }
  const after = await requirePlant(signedBy.group, ppID);
  const cut = pages.some((page) => page.step === 'releasing' || page.step === 'closing');
  const sentence =
    status === 'funded'
      ? `${ppID}: crowdfunding closed, funded: ${formatMoney(after.raised)} from ${after.funders.toFixed()} funder(s)${
          cut ? `; the ${formatMoney(before.raised)} pledged were cut pro rata to the cost` : ''
        }.`
      : status === 'failed'
        ? `${ppID}: crowdfunding failed (${formatMoney(before.raised)} of ${formatMoney(before.cost)} pledged); ${before.funders.toFixed()} pledge(s) cancelled.`
        : `${ppID}: crowdfunding closed; the plant is ${status}.`;
  reportPages(ctx, 'crowdfundingResult', sentence, pages, { ppID, status, value: status === 'funded' });
};

/** Cancels a failing or removing plant's pledges to the end. */
const runCancelPledges = async (ctx: Context, signedBy: Signed, ppID: string): Promise<void> => {
  const before = await requirePlant(signedBy.group, ppID);
  const pages: Page[] = [];
  await cancelPledges(signedBy.group.plants, ppID, pager(ctx, signedBy, ppID, () => before.funders.toNumber(), pages));
  const after = await requirePlant(signedBy.group, ppID);
  reportPages(
    ctx,
    'cancelPledges',
    `${ppID}: ${before.funders.toFixed()} pledge(s) cancelled (${formatMoney(before.raised)} released); the plant is ${after.status}.`,
    pages,
    { ppID, status: after.status },
  );
};

/** Starts a funded plant's operation to the end: the threshold's check, then one funder's quota a page. */
const runStartOperation = async (ctx: Context, signedBy: Signed, ppID: string): Promise<void> => {
  const before = await requirePlant(signedBy.group, ppID);
  const pages: Page[] = [];
  await startOperation(signedBy.group.plants, ppID, pager(ctx, signedBy, ppID, () => before.funders.toNumber(), pages));
  const after = await requirePlant(signedBy.group, ppID);
  reportPages(
    ctx,
    'startOperation',
    `${ppID} started operating: ${formatPower(after.capacityW)} of quota and ${formatSEB(after.capacityW.div(1_000))} went to its ${after.funders.toFixed()} funder(s).`,
    pages,
    { ppID, status: after.status },
  );
};

const RESULT_OPTIONS = [FROM];

/** The sentence of a change referendum's result: approved and applied, rejected, or lapsed with its reason. */
const changeOutcome = (rID: string, kind: string, sent: Sent): { status: string; reason: string | null; sentence: string } => {
  const resolved = sent.events.find((event) => event.name === 'process' && event.parameters.id === rID);
  const lapse = sent.events.find((event) => event.name === 'lapse' && event.parameters.rID === rID);
  const status = resolved !== undefined ? String(resolved.parameters.status) : sent.value === true ? 'approved' : 'rejected';
  const reason = lapse === undefined ? null : String(lapse.parameters.reason);
  const sentence =
    status === 'lapsed'
      ? `${rID} (${kind}): approved, but it lapsed: ${reason ?? 'it could not apply'}`
      : `${rID} (${kind}): ${status === 'approved' ? 'approved and applied' : status}.`;

  return { status, reason, sentence };
};

/** Sends the right result call for a referendum (by its kind) or a plant (by its status). */
const sendResult = async (ctx: Context, target: string, kinds?: readonly string[]): Promise<void> => {
  const rIDGiven = target.toUpperCase().startsWith('R') ? id('R', target) : undefined;
  const signedBy = await signed(ctx);
  const { group, from } = signedBy;
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
      const outcome = changeOutcome(rID, referendum.kind, sent);
      report(ctx, 'changeResult', outcome.sentence, sent, { status: outcome.status, reason: outcome.reason });
      if (!ctx.json && referendum.kind === 'plantRemoval' && outcome.status === 'approved') {
        const plant = await group.plants.powerPlant(referendum.subject);
        if (plant?.status === 'removing') {
          print(`Next: cancel its pledges with "mtemsm cancel-pledges ${referendum.subject} --from NAME".`);
        }
      }
    }

    return;
  }
  const ppID = id('P', target);
  const plant = await requirePlant(group, ppID);
  if (plant.status === 'funded' || plant.status === 'issuing') {
    await runStartOperation(ctx, signedBy, ppID);
  } else if (['funding', 'closing', 'failing', 'removing'].includes(plant.status)) {
    await runCrowdfundingResult(ctx, signedBy, ppID);
  } else {
    throw new OperationError(`${ppID} is ${plant.status}: it has no result to send.`);
  }
};

/** The most an offer may stay open (MTEMsmTrades): 365 days. */
const MAX_VALID_FOR = 31_536_000;
/** The CLI's default validity of an offer: 7 days. */
const DEFAULT_VALID_FOR = '7d';

export const operationCommands: Command[] = [
  {
    path: ['admission'],
    arity: [0, 0],
    options: [
      FROM,
      option('utility', 'NAME', 'the distribution utility of the member (1 to 64 bytes)', true),
      option('profile-hash', 'HASH', "instead of the wallet's profile hash"),
    ],
    summary:
      'Ask to join the group: needs an open invitation from a member ("mtemsm invite"), opens an admission referendum; the founder\'s first admission founds the group.',
    examples: ['mtemsm admission --from ana --utility Light   # the founder founds the group', 'mtemsm admission --from bob --utility Light   # after "mtemsm invite bob --from ana"'],
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
      let sent: Sent;
      try {
        sent = await send(() => group.referendums.admission(from.address, hash, utility, { from }));
      } catch (error) {
        const message = firstLine(error);
        if (/needs an open invitation/.test(message)) {
          throw new OperationError(`${message.replace(/\.$/, '')} (a member sends "mtemsm invite ${name} --from MEMBER" first).`);
        }
        throw error;
      }
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
    path: ['invite'],
    args: 'CANDIDATE',
    arity: [1, 1],
    options: [FROM],
    summary:
      'Invite someone (a wallet name or address) to ask for admission: one open invitation per member, it expires after the referendum period.',
    examples: ['mtemsm invite bob --from ana', 'mtemsm invite AK2nJJpJr6o664CWJKi1QRXjqeic2zRp8y --from ana'],
    onChain: true,
    run: async (ctx, [who]) => {
      const candidate = resolveAddress(ctx, who);
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => group.referendums.invite(from.address, candidate, { from }));
      const invitation = await group.referendums.invitation(candidate);
      const expiresAt = invitation?.expiresAt;
      report(
        ctx,
        'invite',
        `${name} invited ${who === candidate ? candidate : `${who} (${candidate})`}: they may ask for admission until ${expiresAt === undefined ? '?' : formatTime(expiresAt)} ("mtemsm admission --from ${who} --utility NAME").`,
        sent,
        { candidate, expiresAt },
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
    summary:
      "Close a plant's crowdfunding, every page to the end: funded when pledged in full (an oversubscribed plant keeps a pro-rata share of each pledge), else failed and its pledges cancelled. Early, before the period ends, only when fully pledged and the minimum funding window has passed.",
    examples: ['mtemsm crowdfunding-result P1 --from ana'],
    onChain: true,
    run: async (ctx, [ppIDText]) => runCrowdfundingResult(ctx, await signed(ctx), id('P', ppIDText)),
  },
  {
    path: ['cancel-pledges'],
    args: 'PPID',
    arity: [1, 1],
    options: RESULT_OPTIONS,
    summary: 'Cancel the pledges of a failing or removing plant, every page to the end: it is then failed or removed.',
    examples: ['mtemsm cancel-pledges P2 --from ana'],
    onChain: true,
    run: async (ctx, [ppIDText]) => runCancelPledges(ctx, await signed(ctx), id('P', ppIDText)),
  },
  {
    path: ['start-operation'],
    args: 'PPID',
    arity: [1, 1],
    options: RESULT_OPTIONS,
    summary:
      "Start a funded plant's operation after its time to market, every page to the end (a check of the rounding, then one funder's quota and SEB a page).",
    examples: ['mtemsm start-operation P1 --from ana'],
    onChain: true,
    run: async (ctx, [ppIDText]) => runStartOperation(ctx, await signed(ctx), id('P', ppIDText)),
  },
  {
    path: ['result'],
    args: 'RID|PPID',
    arity: [1, 1],
    options: RESULT_OPTIONS,
    summary:
      'Send the result call that fits: admission/power-up/change result for a referendum; for a plant the crowdfunding result, cancelling its pledges or starting operation, every page.',
    examples: ['mtemsm result R4 --from ana', 'mtemsm result P1 --from ana'],
    onChain: true,
    run: async (ctx, [target]) => sendResult(ctx, target),
  },
  {
    path: ['power-up'],
    arity: [0, 0],
    options: [
      FROM,
      option('capacity', 'P', 'peak capacity: 10kWp, 10kW, 500W, 1MW or watts', true),
      option('cost', 'R$', 'the cost: "R$ 700,00" or 700.00', true),
      option('utility', 'NAME', 'the utility the plant feeds', true),
      option('time-to-market', 'D', 'from funded to operating: 30d, 12h, 10m or seconds', true),
    ],
    summary: 'Propose a new power plant (opens a referendum; cost at most R$ 10.000.000.000,00, time to market at most 10 years).',
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
    aliases: [['offer-trade']],
    arity: [0, 0],
    options: [
      FROM,
      option('to', 'NAME|ADDRESS', 'the member who receives the quota and pays the SEB', true),
      option('quota', 'P', 'quota to give: 500W, 0.5kW or watts (default 0)'),
      option('seb', 'N', 'SEB asked in return (default 0: a donation of quota, done at once)'),
      option('valid-for', 'D', 'how long the offer may be accepted: 7d, 12h, 30m or seconds, 1 s to 365 d (default 7d)'),
    ],
    summary: 'Offer quota for SEB to another member of your utility (T<n>, open until it expires; --seb 0 donates the quota at once).',
    examples: ['mtemsm trade offer --from bob --to ana --quota 500W --seb 0.5', 'mtemsm offer-trade --from bob --to ana --quota 1kW --seb 1 --valid-for 12h'],
    onChain: true,
    run: async (ctx) => {
      const to = resolveAddress(ctx, ctx.need('to'));
      const quota = ctx.opt('quota') === undefined ? new BigNumber(0) : parsePower(ctx.need('quota'), '--quota');
      const seb = ctx.opt('seb') === undefined ? new BigNumber(0) : parseSEB(ctx.need('seb'), '--seb');
      const validText = ctx.opt('valid-for');
      if (validText !== undefined && seb.isZero()) {
        throw new UsageError('--valid-for is for offers: a donation (--seb 0) is done at once.');
      }
      const validFor = parseDuration(validText ?? DEFAULT_VALID_FOR, '--valid-for');
      if (validFor.lt(1) || validFor.gt(MAX_VALID_FOR)) {
        throw new UsageError(`Bad --valid-for: "${validText}" (1 second to 365 days).`);
      }
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => group.trades.offerTrade(from.address, to, quota, seb, validFor, { from }));
      if (sent.value === '') {
        report(ctx, 'offerTrade', `${name} donated ${formatPower(quota)} of quota to ${ctx.need('to')}.`, sent);

        return;
      }
      const tID = String(sent.value);
      const offer = await group.trades.tradeOffer(tID);
      const expiresAt = offer?.expiresAt;
      report(
        ctx,
        'offerTrade',
        `${name} offered ${formatPower(quota)} of quota to ${ctx.need('to')} for ${formatSEB(seb)}: offer ${tID}, open until ${expiresAt === undefined ? '?' : formatTime(expiresAt)} (${formatDuration(validFor)}).`,
        sent,
        { validFor, expiresAt },
      );
    },
  },
  ...(
    [
      ['accept', 'Accept a trade offer made to you before it expires: quota and SEB change hands at once.', 'acceptTrade', 'accepted'],
      ['cancel', 'Withdraw your trade offer, or decline one made to you (expired ones too: it releases the offer).', 'cancelTrade', 'cancelled'],
    ] as const
  ).map(
    ([word, summary, method, verb]): Command => ({
      path: ['trade', word],
      aliases: [[`${word}-trade`]],
      args: 'TID',
      arity: [1, 1],
      options: [FROM],
      summary,
      examples: [`mtemsm trade ${word} T1 --from ana`, `mtemsm ${word}-trade T1 --from ana`],
      onChain: true,
      run: async (ctx, [tIDText]) => {
        const tID = id('T', tIDText);
        const { group, from, name } = await signed(ctx);
        const sent = await send(() => group.trades[method](tID, from.address, { from }));
        report(ctx, method, `${name} ${verb} ${tID}.`, sent, { tID });
      },
    }),
  ),
  {
    path: ['transfer'],
    args: 'TO AMOUNT',
    arity: [2, 2],
    options: [FROM],
    summary: 'Give SEB to another member or the treasury (NEP-5 transfer; reserved SEB cannot be given, a frozen member cannot give).',
    examples: ['mtemsm transfer bob 0.25 --from ana'],
    onChain: true,
    run: async (ctx, [toText, amountText]) => {
      const to = resolveAddress(ctx, toText);
      const amount = parseSEB(amountText);
      const { group, from, name } = await signed(ctx);
      const sent = await send(() => group.ledger.transfer(from.address, to, amount, { from }));
      if (sent.value !== true) {
        // NEP-5: a sender without the SEB gets false, not a fault (the transaction is on chain, nothing moved).
        const [balance, state] = await Promise.all([group.ledger.balanceOf(from.address), group.ledger.memberState(from.address)]);
        const reserved = (state[3] ?? new BigNumber(0)).div(100_000_000);
        throw new OperationError(
          `The transfer was refused: ${name} has only ${formatSEB(balance.minus(reserved))} free to give (balance ${formatSEB(balance)}, reserved ${formatSEB(reserved)}); nothing moved (transaction ${sent.transaction}).`,
        );
      }
      report(ctx, 'transfer', `${name} gave ${formatSEB(amount)} to ${toText}.`, sent);
    },
  },
  {
    path: ['change-profile'],
    arity: [0, 0],
    options: [
      FROM,
      option('utility', 'NAME', 'the new utility (default: unchanged)'),
      option('name', '"FULL NAME"', 'a new profile: full name (with --unit)'),
      option('unit', 'NUMBER', 'a new profile: consumer unit (with --name)'),
      option('salt', 'TEXT', 'the new profile salt (random when omitted)'),
      option('profile-hash', 'HASH', 'a profile hash made elsewhere'),
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
      option('quota', 'P', 'quota to move FROM → TO (default 0)'),
      option('seb', 'N', 'SEB to move TO → FROM (default 0)'),
    ],
    summary:
      'Propose a correction (referendum): quota moves FROM → TO and SEB TO → FROM; either may be "treasury". What it would move is reserved while it is open.',
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
    summary:
      "Propose removing a member (referendum): while it is open their holdings are frozen; on approval their quota and SEB go to the treasury (the last member cannot be removed).",
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
      if (!validUtility(utility)) {
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
    summary:
      'Propose removing a plant that does not operate yet (referendum): on approval it is removing, and "mtemsm cancel-pledges" cancels its pledges.',
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
