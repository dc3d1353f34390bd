/**
 * Review H1 (spec v1.1 §1): result calls sent through another contract.
 *
 * In neo-one 2.x a throw inside a contract another contract called does not fault
 * the transaction; the callee's events stay in a HALT transaction. In v1 a proxy's
 * `changeResult` on an approved change that could not apply (a second removal of a
 * member who already left) so emitted `process(rID, 'approved')` for a referendum
 * that stayed open, and the auditor took it in. Here a proxy contract
 * (test/contracts/ResultProxy.ts), compiled and deployed by an outsider in this test,
 * sends changeResult and admissionResult: each is refused ('Results must be sent
 * directly, not through another contract.'), the referendums stay open with no process
 * event in the transaction, the direct calls still resolve them, and the auditor
 * leaves the proxied transactions out (every event of a transaction with neo-one's
 * `error` notification), so a forged `process(rID, 'approved')` in one, as v1 emitted
 * it, is never taken in.
 */
import type { Block, RawAction, UserAccountID } from '@neo-one/client';
import * as path from 'path';
import { audit } from '../src/audit/audit';
import { AuditedGroup, readGroupHistory } from '../src/audit/events';
import { GroupEvent, rebuild } from '../src/audit/rebuild';
import { blockFor, NETWORK } from '../src/chain/group';
import { auditedGroup, big, foundWith, Group, profileHash, send, voteAll, withGroup } from './group';

const REFUSED = 'Results must be sent directly, not through another contract.';

/** The proxy, compiled from test/contracts/ResultProxy.ts and deployed by `from` (anyone can). */
const deployProxy = async (group: Group, from: UserAccountID): Promise<{ address: string; contract: any }> => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { compileContract } = require('@neo-one/smart-contract-compiler');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createCompilerHost } = require('@neo-one/smart-contract-compiler-node');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { common, crypto, scriptHashToAddress } = require('@neo-one/client-common');
  const result = compileContract(path.join(__dirname, 'contracts', 'ResultProxy.ts'), 'ResultProxy', createCompilerHost(), {});
  const errors = result.diagnostics.filter((diagnostic: any) => diagnostic.category === 1);
  if (errors.length > 0) {
    throw new Error(`ResultProxy does not compile: ${JSON.stringify(errors[0].messageText)}`);
  }
  const address = scriptHashToAddress(common.uInt160ToString(crypto.toScriptHash(Buffer.from(result.contract.script, 'hex'))));
  const sourceMaps = { [address]: await result.sourceMap };
  const { client, developer } = group.connected;
  const deployed = await client.publishAndDeploy(result.contract, result.abi, [], { from, systemFee: big(-1) } as any, sourceMaps);
  await blockFor(developer, group.connected.chain, deployed.transaction.hash);
  const receipt = await deployed.confirmed({ timeoutMS: 60_000 });
  if (receipt.result.state === 'FAULT') {
    throw new Error(`Deploying ResultProxy failed: ${receipt.result.message}`);
  }

  return { address, contract: client.smartContract({ networks: { [NETWORK]: { address } }, abi: result.abi, sourceMaps } as any) };
};

/** A transaction's raw actions, as the node keeps them. */
const actionsOf = async (group: Group, blockIndex: number, hash: string): Promise<readonly RawAction[]> => {
  const block = await group.connected.chain.getBlock(blockIndex);
  const transaction = block.transactions.find((entry) => entry.hash === hash);

  return transaction?.type === 'InvocationTransaction' ? transaction.invocationData.actions : [];
};

/** A notification's first argument: its name. */
const nameOf = (action: RawAction): string | undefined =>
  action.type === 'Notification' && action.args[0]?.type === 'String'
    ? action.args[0].value
    : action.type === 'Notification' && action.args[0]?.type === 'Buffer'
    ? Buffer.from(action.args[0].value, 'hex').toString('utf8')
    : undefined;

/** The text arguments of a notification. */
const textsOf = (action: RawAction): string[] =>
  action.type === 'Notification'
    ? action.args.map((arg) => (arg.type === 'String' ? arg.value : arg.type === 'Buffer' ? Buffer.from(arg.value, 'hex').toString('utf8') : ''))
    : [];

interface Proxied {
  readonly value: unknown;
  readonly state: string;
  readonly blockIndex: number;
  readonly hash: string;
}

/** Sends a call and waits for it: HALT or FAULT, with its value, block and transaction. */
const sendProxied = async (call: Promise<any>): Promise<Proxied> => {
  const result = await call;
  const receipt = await result.confirmed({ timeoutMS: 60_000 });

  return {
    value: receipt.result.state === 'HALT' ? receipt.result.value : undefined,
    state: receipt.result.state,
    blockIndex: receipt.blockIndex,
    hash: result.transaction.hash,
  };
};

test('result calls through a proxy contract are refused, and the auditor ignores their transactions', async () => {
  await withGroup(async (group) => {
    const { referendums, accounts } = group;
    const [F, A, B, C] = await foundWith(group, 3);
    const [, , , D] = accounts;
    const outsider = accounts[8];
    const proxy = await deployProxy(group, outsider);
    const referendumsAddress = group.connected.contracts.referendums;

    // Two removals of C; the first applies, so the second is approved but cannot apply.
    const first = (await send(referendums.proposeRemoval(F.address, C.address, { from: F }))).value as string;
    const second = (await send(referendums.proposeRemoval(A.address, C.address, { from: A }))).value as string;
    for (const rID of [first, second]) {
      await voteAll(group, rID, [F, A, B].map((member) => [member, true] as const));
    }
    expect((await send(referendums.changeResult(first, { from: F }))).value).toBe(true);
    expect(await group.ledger.member(C.address)).toBeUndefined();

    // D's admission, decided (3 of 3 yes) but not resolved.
    await send(referendums.invite(B.address, D.address, { from: B }));
    const admission = (await send(referendums.admission(D.address, profileHash('D'), 'Light', { from: D }))).value as string;
    await voteAll(group, admission, [F, A, B].map((member) => [member, true] as const));

    // ---- through the proxy: refused inside MTEMsmReferendums, so the transactions HALT with nothing applied.
    const change = await sendProxied(proxy.contract.change(referendumsAddress, second, { from: outsider }));
    const admit = await sendProxied(proxy.contract.admit(referendumsAddress, admission, { from: outsider }));
    for (const proxied of [change, admit]) {
      expect([proxied.state, proxied.value]).toEqual(['HALT', false]);
      const actions = await actionsOf(group, proxied.blockIndex, proxied.hash);
      // neo-one's error notification, from MTEMsmReferendums, with the contract's refusal …
      const errors = actions.filter((action) => nameOf(action) === 'error');
      expect(errors.map((action) => [action.address, textsOf(action).includes(REFUSED)])).toEqual([[referendumsAddress, true]]);
      // … and no event of the group at all (v1 emitted process(rID, 'approved') here).
      expect(
        actions
          .filter((action) => Object.values(group.connected.contracts).includes(action.address))
          .map(nameOf)
          .filter((name) => name !== 'error' && name !== 'trace'),
      ).toEqual([]);
    }
    expect((await referendums.referendum(second))?.status).toBe('open');
    expect((await referendums.referendum(admission))?.status).toBe('open');
    expect(await group.ledger.member(D.address)).toBeUndefined();

    // ---- sent directly, the same calls resolve them: the second removal lapses, D is admitted.
    const lapsed = await sendProxied(referendums.changeResult(second, { from: outsider }));
    expect([lapsed.state, lapsed.value]).toEqual(['HALT', false]);
    const lapseActions = await actionsOf(group, lapsed.blockIndex, lapsed.hash);
    expect(lapseActions.map((action) => [nameOf(action), ...textsOf(action).slice(1)])).toEqual([
      ['process', second, 'lapsed'],
      ['lapse', second, 'The member has already left the group.'],
    ]);
    expect((await send(referendums.admissionResult(admission, { from: outsider }))).value).toBe(true);
    expect((await referendums.referendum(second))?.status).toBe('lapsed');
    expect(await group.ledger.member(D.address)).toBeDefined();

    // ---- the auditor: the proxied transactions are left out, the audit passes.
    const audited = auditedGroup(group);
    const history = await readGroupHistory(audited);
    const proxiedHashes = [change.hash, admit.hash];
    expect(history.events.filter((event) => proxiedHashes.includes(event.transactionHash))).toEqual([]);
    expect(history.ignored.map(({ transactionHash, errors, groupEvents }) => [transactionHash, errors, groupEvents])).toEqual([
      [change.hash, [REFUSED], 0],
      [admit.hash, [REFUSED], 0],
    ]);
    const passed = await audit({ group: audited });
    expect([passed.verdict.ok, passed.verdict.violations, passed.verdict.mismatches]).toEqual([true, [], []]);
    expect(passed.state.referendums.get(second)).toMatchObject({ status: 'lapsed', reason: 'The member has already left the group.' });
    expect(passed.verdict.ignored.map(({ transactionHash }) => transactionHash)).toEqual(proxiedHashes);

    // ---- v1's forgery, replayed: the proxied transaction as v1 left it, with MTEMsmReferendums'
    // process(rID, 'approved') before its error notification. The auditor leaves it out …
    const genuine = lapseActions.find((action) => nameOf(action) === 'process') as RawAction & { type: 'Notification' };
    const forged: RawAction = {
      ...genuine,
      transactionHash: change.hash,
      args: genuine.args.map((arg) => (textsOf({ ...genuine, args: [arg] })[0] === 'lapsed' ? { type: 'String', value: 'approved' } : arg)),
    } as RawAction;
    expect(group.referendums.convertAction(forged)).toMatchObject({ name: 'process', parameters: { id: second, status: 'approved' } });
    const withForgery = forgedChain(audited, change.hash, forged);
    const forgedAudit = await audit({ group: withForgery });
    expect([forgedAudit.verdict.ok, forgedAudit.verdict.violations, forgedAudit.verdict.mismatches]).toEqual([true, [], []]);
    expect(forgedAudit.verdict.ignored.find(({ transactionHash }) => transactionHash === change.hash)?.groupEvents).toBe(1);
    expect(forgedAudit.state.referendums.get(second)?.status).toBe('lapsed');
    // … where a reader that kept it (as v1's did) would see R approved while the chain had it open,
    // and could no longer rebuild the chain once the genuine result came.
    const kept = history.events.filter((event) => event.blockIndex <= change.blockIndex);
    const proxiedError = (await actionsOf(group, change.blockIndex, change.hash)).find((action) => nameOf(action) === 'error') as RawAction;
    const forgedEvent: GroupEvent = {
      contract: 'referendums',
      name: 'process',
      parameters: { id: second, status: 'approved' },
      blockIndex: change.blockIndex,
      blockTime: kept[kept.length - 1].blockTime,
      transactionHash: change.hash,
      transactionIndex: proxiedError.transactionIndex,
      index: proxiedError.index,
    };
    expect(rebuild([...kept, forgedEvent], audited.contracts.ledger).state.referendums.get(second)?.status).toBe('approved');
    const later = history.events.filter((event) => event.blockIndex > change.blockIndex);
    expect(() => rebuild([...kept, forgedEvent, ...later], audited.contracts.ledger)).toThrow(`${second} is resolved twice`);
  });
});

test("the plants' result calls through a contract are refused too, and a contract the founder deploys cannot take an attached role", async () => {
  await withGroup(async (group) => {
    const [F] = await foundWith(group, 1);
    const outsider = group.accounts[8];
    const { ledger: ledgerAddress, plants: plantsAddress } = group.connected.contracts;
    // Deployed by the founder: attach then meets the founder's witness and a calling contract.
    const proxy = await deployProxy(group, F);
    const partners = await group.ledger.partners();

    // The direct-call check comes first, so even an unknown plant gets the refusal.
    for (const call of [
      proxy.contract.close(plantsAddress, 'P1', { from: outsider }),
      proxy.contract.cancel(plantsAddress, 'P1', { from: outsider }),
      proxy.contract.start(plantsAddress, 'P1', { from: outsider }),
    ]) {
      const proxied = await sendProxied(call);
      expect([proxied.state, proxied.value]).toEqual(['HALT', false]);
      const errors = (await actionsOf(group, proxied.blockIndex, proxied.hash)).filter((action) => nameOf(action) === 'error');
      expect(errors.map((action) => [action.address, textsOf(action).includes(REFUSED)])).toEqual([[plantsAddress, true]]);
    }

    const TAKEN = 'That contract is already attached.';
    const attachments = [
      proxy.contract.attachToLedger(ledgerAddress, 'trades', { from: F }),
      // Not a role at all: refused as taken, so no fourth partner can be added.
      proxy.contract.attachToLedger(ledgerAddress, 'market', { from: F }),
      proxy.contract.attachToPlants(plantsAddress, { from: F }),
    ];
    for (const call of attachments) {
      const proxied = await sendProxied(call);
      expect([proxied.state, proxied.value]).toEqual(['HALT', TAKEN]);
    }
    // Without the founder's witness the first check refuses it.
    const unsigned = await sendProxied(proxy.contract.attachToLedger(ledgerAddress, 'trades', { from: outsider }));
    expect([unsigned.state, unsigned.value]).toEqual(['HALT', 'Only the founder may attach a contract.']);
    expect(await group.ledger.partners()).toEqual(partners);
  });
});

/** The audited group with `forged` put into transaction `hash`, just before its error notification. */
const forgedChain = (group: AuditedGroup, hash: string, forged: RawAction): AuditedGroup => ({
  ...group,
  chain: {
    getBlockCount: async () => group.chain.getBlockCount(),
    iterBlocks: (filter) => withForgery(group.chain.iterBlocks(filter), hash, forged),
  },
});

async function* withForgery(blocks: AsyncIterable<Block>, hash: string, forged: RawAction): AsyncIterable<Block> {
  for await (const block of blocks) {
    yield {
      ...block,
      transactions: block.transactions.map((transaction) => {
        if (transaction.hash !== hash || transaction.type !== 'InvocationTransaction') {
          return transaction;
        }
        const { actions } = transaction.invocationData;
        const at = actions.findIndex((action) => nameOf(action) === 'error');
        const { blockIndex, blockHash, transactionIndex } = actions[at];
        const placed = { ...forged, blockIndex, blockHash, transactionIndex, transactionHash: hash };
        const renumbered = [...actions.slice(0, at), placed, ...actions.slice(at)].map((action, index) => ({ ...action, index }));

        return { ...transaction, invocationData: { ...transaction.invocationData, actions: renumbered } } as typeof transaction;
      }),
    } as Block;
  }
}
