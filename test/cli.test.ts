/**
 * The members' command line end to end: `bin/mtemsm.js` run as a child process
 * against a local network the test starts (fresh chain, random port, wallets and
 * network state in temp folders), the way a member would use it.
 *
 * One network for the file (its own port and home folder, never the default network
 * on port 9040): each CLI process costs about 0.7 s of start-up (and a signed one
 * about 0.5 s more to decrypt its NEP-2 key), so the steps build on each other and
 * read back what a member would check.
 */
import { createPrivateKey, decryptNEP2, privateKeyToAddress } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const BIN = path.resolve(__dirname, '..', 'bin', 'mtemsm.js');
const PASSWORD = 'correct horse battery staple';
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-cli-home-'));
const keystore = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-cli-wallets-'));
const port = 20_000 + Math.floor(Math.random() * 20_000);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const mtemsm = async (args: readonly string[], env: Record<string, string> = {}): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: { ...process.env, MTEMSM_HOME: home, MTEMSM_KEYSTORE: keystore, MTEMSM_PASSWORD: PASSWORD, ...env },
        timeout: 180_000,
      },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
      },
    );
  });

/** Runs a command that must succeed; returns its stdout. */
const ok = async (...args: string[]): Promise<string> => {
  const result = await mtemsm(args);
  if (result.code !== 0) {
    throw new Error(`mtemsm ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  }

  return result.stdout;
};

/** Runs a command with --json that must succeed; returns the parsed output. */
const json = async (...args: string[]): Promise<any> => JSON.parse(await ok(...args, '--json'));

const sleep = async (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const TX_SHAPE = {
  operation: expect.any(String),
  id: expect.anything(),
  block: expect.any(Number),
  transaction: expect.stringMatching(/^0x[0-9a-f]{64}$/),
  gasCost: expect.stringMatching(/^\d+(\.\d+)?$/),
  events: expect.any(Array),
};

describe('mtemsm (command line)', () => {
  let ana: string;
  let bob: string;
  let bobProfileHash: string;

  beforeAll(async () => {
    await ok('network', 'start', '--fresh', '--port', String(port));
  });

  afterAll(async () => {
    await mtemsm(['network', 'stop']);
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(keystore, { recursive: true, force: true });
  });

  test('wallets: NEP-2 keystore, profile hash, wrong password', async () => {
    const [created, other] = await Promise.all([
      json('wallet', 'create', 'ana', '--name', 'Ana Souza', '--unit', '1234567', '--salt', 'pepper'),
      json('wallet', 'create', 'bob', '--name', 'Bob Lima', '--unit', '7654321'),
    ]);
    ana = created.address;
    bob = other.address;
    bobProfileHash = other.profileHash;
    // The profile hash rule of test/group.ts.
    expect(created.profileHash).toBe(
      `0x${require('crypto').createHash('sha256').update('Ana Souza|1234567|pepper').digest('hex')}`,
    );
    expect(other.profile.salt).toMatch(/^[0-9a-f]{32}$/);

    const file = JSON.parse(fs.readFileSync(path.join(keystore, 'ana.json'), 'utf8'));
    expect(Object.keys(file).sort()).toEqual(['address', 'createdAt', 'encryptedKey', 'name', 'profile', 'version']);
    expect(file.encryptedKey).toMatch(/^6P/);
    const privateKey = await decryptNEP2({ password: PASSWORD, encryptedKey: file.encryptedKey });
    expect(privateKeyToAddress(privateKey)).toBe(ana);
    expect(fs.readFileSync(path.join(keystore, 'ana.json'), 'utf8')).not.toContain(privateKey.replace(/^0x/, ''));

    const [wrong, unknown, list] = await Promise.all([
      mtemsm(['wallet', 'verify', 'ana'], { MTEMSM_PASSWORD: 'not it' }),
      mtemsm(['member', 'carol']),
      json('wallet', 'list'),
    ]);
    expect(wrong).toEqual({ code: 1, stdout: '', stderr: 'mtemsm: Wrong password for wallet "ana".\n' });
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^mtemsm: "carol" is neither a NEO address nor a wallet.*\n$/) });
    expect(list.map((wallet: any) => wallet.name)).toEqual(['ana', 'bob']);
  });

  test('deploy with short settings, found the group, invite and admit a member by referendum', async () => {
    // The master account pays both: one after the other (its GAS is in unspent outputs).
    await ok('network', 'fund', 'bob', '--gas', '100');
    const deployment = await json(
      'deploy',
      '--founder',
      'ana',
      '--referendum-period',
      '10m',
      '--crowdfunding-period',
      '10m',
      '--min-funding-window',
      '1s',
      '--min-time-to-market',
      '1s',
      '--min-bid',
      'R$ 10,00',
      '--max-power',
      '100kW',
    );
    expect(deployment).toEqual({
      rpcURL: `http://localhost:${port}/rpc`,
      contracts: { ledger: expect.any(String), trades: expect.any(String), plants: expect.any(String), referendums: expect.any(String) },
      founder: ana,
      settings: { referendumPeriod: 600, crowdfundingPeriod: 600, minTimeToMarket: 1, minBid: '10', maxPowerW: 100_000, minFundingWindow: 1 },
      deployedAt: expect.any(String),
    });
    expect(new Set(Object.values(deployment.contracts)).size).toBe(4);
    expect(JSON.parse(fs.readFileSync(path.join(home, 'deployment.json'), 'utf8'))).toEqual(deployment);
    // The contracts' own settings and partners are the deployment's.
    const [settings, partners] = await Promise.all([json('settings'), json('partners')]);
    expect(settings).toEqual(deployment.settings);
    expect(partners).toEqual({ ...deployment.contracts, founder: ana, sameFounder: true });

    const founding = await json('admission', '--from', 'ana', '--utility', 'Light');
    expect(founding).toEqual({ ...TX_SHAPE, operation: 'admission', value: '', id: null });

    // Without an invitation: the contract's refusal, with the way to get one.
    expect(await mtemsm(['admission', '--from', 'bob', '--utility', 'Light'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'mtemsm: An admission needs an open invitation from a member (a member sends "mtemsm invite bob --from MEMBER" first).\n',
    });
    const invite = await json('invite', 'bob', '--from', 'ana');
    expect(invite).toEqual({ ...TX_SHAPE, operation: 'invite', value: true, id: null, candidate: bob, expiresAt: expect.stringMatching(/^\d+$/) });
    const someoneElse = privateKeyToAddress(createPrivateKey());
    const [invitation, second] = await Promise.all([json('invitation', 'bob'), mtemsm(['invite', someoneElse, '--from', 'ana'])]);
    expect(invitation).toEqual({ candidate: bob, inviter: ana, expiresAt: invite.expiresAt, rID: null, status: 'open' });
    // One open invitation per member.
    expect(second).toEqual({ code: 1, stdout: '', stderr: 'mtemsm: This member already has an open invitation.\n' });

    const request = await json('admission', '--from', 'bob', '--utility', 'Light');
    expect(request).toMatchObject({ operation: 'admission', value: 'R1', id: 'R1' });
    expect(await json('invitation', 'bob')).toMatchObject({ rID: 'R1', status: 'used' });
    expect(await ok('vote', 'R1', 'yes', '--from', 'ana')).toMatch(/^ana voted yes on R1\.\n {2}returned +true\n {2}block +\d+\n {2}transaction +0x[0-9a-f]{64}\n {2}gasCost +[\d.]+ GAS\n$/);

    // A second vote: the contract's message, one line on stderr, nothing on stdout.
    const [doubleVote, referendum] = await Promise.all([mtemsm(['vote', 'R1', 'no', '--from', 'ana']), json('referendum', 'R1')]);
    expect(doubleVote).toEqual({ code: 1, stdout: '', stderr: 'mtemsm: This member has already voted.\n' });
    expect(referendum).toEqual({
      rID: 'R1',
      kind: 'admission',
      proposer: bob,
      subject: bob,
      openedAt: expect.stringMatching(/^\d+$/),
      endsAt: String(Number(referendum.openedAt) + 600),
      electorate: '1',
      yes: '1',
      no: '0',
      status: 'open',
      reason: null,
      proposal: expect.objectContaining({ profileHash: expect.stringMatching(/^0x/), utility: 'Light' }),
      secondsLeft: expect.any(Number),
      canResolve: true,
      early: true,
      expectedOutcome: 'approved',
    });

    expect(await json('admission-result', 'R1', '--from', 'bob')).toMatchObject({ operation: 'admissionResult', value: true });
    const members = await json('members');
    expect(members.map((member: any) => member.address)).toEqual([ana, bob]);
    expect(members[1]).toEqual({
      address: bob,
      utility: 'Light',
      profileHash: bobProfileHash,
      quotaW: '0',
      tokens: '0',
      joinedAt: expect.stringMatching(/^\d+$/),
      serial: 2,
      removals: 0,
      frozen: false,
      reservedQuotaW: '0',
      reservedTokens: '0',
      pledges: 0,
      openOffers: 0,
    });
  });

  test('a plant: power-up, oversubscribed crowdfunding cut in pages, paged start-operation, a lapsed removal', async () => {
    const proposal = await json(
      'power-up',
      '--from',
      'ana',
      '--capacity',
      '10kWp',
      '--cost',
      'R$ 700,00',
      '--utility',
      'Light',
      '--time-to-market',
      '1s',
    );
    expect(proposal).toMatchObject({ operation: 'powerUp', id: 'R2' });
    // Two members vote at once.
    await Promise.all([ok('vote', 'R2', 'yes', '--from', 'ana'), ok('vote', 'R2', 'yes', '--from', 'bob')]);
    expect(await json('power-up-result', 'R2', '--from', 'ana')).toMatchObject({ value: 'P1', id: 'P1' });
    // A removal of the plant, approved while it funds, resolved only once it operates: it lapses.
    expect(await json('propose', 'plant-removal', 'P1', '--from', 'bob')).toMatchObject({ id: 'R3' });
    await Promise.all([ok('vote', 'R3', 'yes', '--from', 'ana'), ok('vote', 'R3', 'yes', '--from', 'bob')]);

    // R$ 800,00 pledged for R$ 700,00: oversubscribed.
    await Promise.all([ok('bid', 'P1', 'R$ 500,00', '--from', 'ana'), ok('bid', 'P1', '300', '--from', 'bob')]);
    const [funding, fundingText] = await Promise.all([json('plant', 'P1'), ok('plant', 'P1')]);
    expect(funding).toMatchObject({ ppID: 'P1', status: 'funding', cost: '700', raised: '800', funders: '2', pledgedAtClose: '0' });
    expect(fundingText).toMatch(/\noversubscribed by +R\$ 100,00\n/);
    expect(fundingText).toMatch(/\nmay close early from +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC if fully pledged\n/);

    // The minimum funding window (1 s) has passed: the close runs every page (the cut's check, then the release).
    const closed = await json('crowdfunding-result', 'P1', '--from', 'bob');
    expect(closed).toMatchObject({ operation: 'crowdfundingResult', value: true, ppID: 'P1', status: 'funded' });
    expect(closed.pages.length).toBeGreaterThanOrEqual(2);
    expect(closed.pages[closed.pages.length - 1]).toEqual({
      operation: 'crowdfundingResult',
      step: 'releasing',
      done: 2,
      block: closed.block,
      transaction: closed.transaction,
      gasCost: expect.stringMatching(/^\d+(\.\d+)?$/),
    });
    expect(closed.gasCost).toBe(closed.pages.reduce((sum: BigNumber, page: any) => sum.plus(page.gasCost), new BigNumber(0)).toFixed());
    // Each pledge keeps its pro-rata share: 500 × 700/800 = 437.50, 300 × 700/800 = 262.50.
    const [funded, kept] = await Promise.all([json('plant', 'P1'), json('contributions', 'ana')]);
    expect(funded).toMatchObject({ status: 'funded', raised: '700', pledgedAtClose: '800' });
    expect(kept).toEqual([{ ppID: 'P1', amount: '437.5' }]);

    // After the time to market (1 s): the check of the watts' rounding, then one funder a page.
    await sleep(1_100);
    const started = await mtemsm(['start-operation', 'P1', '--from', 'bob']);
    expect(started.code).toBe(0);
    expect(started.stderr.split('\n')).toEqual([
      expect.stringMatching(/^P1: startOperation page 1: checking 2 of 2 pledges \(block \d+, [\d.]+ GAS\)…$/),
      expect.stringMatching(/^P1: startOperation page 2: issuing 1 of 2 funders \(block \d+, [\d.]+ GAS\)…$/),
      expect.stringMatching(/^P1: startOperation page 3: issuing 2 of 2 funders \(block \d+, [\d.]+ GAS\), done\.$/),
      '',
    ]);
    expect(started.stdout).toMatch(
      /^P1 started operating: 10 kW \(10000 W\) of quota and 10 SEB went to its 2 funder\(s\)\.\n {2}pages +3 transactions \(checking, issuing, issuing\)\n/,
    );

    const lapsed = await json('change-result', 'R3', '--from', 'ana');
    expect(lapsed).toMatchObject({
      operation: 'changeResult',
      value: false,
      status: 'lapsed',
      reason: 'A plant can be removed only before it operates.',
    });
    const [r3, r3Text, plants, afterAna, afterBob] = await Promise.all([
      json('referendum', 'R3'),
      ok('referendum', 'R3'),
      json('plants'),
      json('member', 'ana'),
      json('member', bob),
    ]);
    expect(r3).toMatchObject({ rID: 'R3', kind: 'plantRemoval', subject: 'P1', status: 'lapsed', reason: lapsed.reason, canResolve: false });
    expect(r3Text).toMatch(/\nresolution +resolved: lapsed \(approved, but it could not apply: A plant can be removed only before it operates\)\n/);
    expect(plants).toEqual([
      expect.objectContaining({ ppID: 'P1', status: 'operating', capacityW: '10000', cost: '700', raised: '700', funders: '2' }),
    ]);
    expect(Number(plants[0].operatingSince)).toBeGreaterThanOrEqual(Number(plants[0].fundedAt) + 1);
    // 10000 W × 437.50/700 = 6250 W, × 262.50/700 = 3750 W (1 SEB per kW).
    expect(afterAna).toMatchObject({ quotaW: '6250', tokens: '6.25', serial: 1, pledges: 0 });
    expect(afterBob).toMatchObject({ quotaW: '3750', tokens: '3.75', serial: 2, pledges: 0 });
  });

  test('trades: an offer valid 7 days by default, one valid for --valid-for, accepted, expired, cancelled', async () => {
    const offer = await json('trade', 'offer', '--from', 'bob', '--to', 'ana', '--quota', '0.5kW', '--seb', '0.5');
    expect(offer).toMatchObject({ operation: 'offerTrade', id: 'T1', validFor: '604800' });
    const short = await json('offer-trade', '--from', 'bob', '--to', 'ana', '--quota', '250W', '--seb', '0.25', '--valid-for', '1h');
    expect(short).toMatchObject({ operation: 'offerTrade', id: 'T2', validFor: '3600' });
    const [t1, t2, bobOffers] = await Promise.all([json('trade-offer', 'T1'), json('trade-offer', 'T2'), json('member', 'bob')]);
    expect(t1).toEqual({ tID: 'T1', from: bob, to: ana, quotaW: '500', tokens: '0.5', status: 'offered', offeredAt: expect.stringMatching(/^\d+$/), expiresAt: offer.expiresAt });
    expect(Number(t1.expiresAt) - Number(t1.offeredAt)).toBe(7 * 86_400);
    expect(Number(t2.expiresAt) - Number(t2.offeredAt)).toBe(3_600);
    expect(bobOffers.openOffers).toBe(2);

    expect(await json('accept-trade', 'T1', '--from', 'ana')).toMatchObject({ operation: 'acceptTrade', value: true, tID: 'T1' });
    // T2 outlives its hour.
    await ok('network', 'advance', '2h');
    const [late, expired] = await Promise.all([mtemsm(['trade', 'accept', 'T2', '--from', 'ana']), json('trade-offer', 'T2')]);
    expect(late).toEqual({ code: 1, stdout: '', stderr: 'mtemsm: The trade offer has expired.\n' });
    expect(expired.status).toBe('expired');
    expect(await json('cancel-trade', 'T2', '--from', 'bob')).toMatchObject({ operation: 'cancelTrade', value: true });

    const [summary, offers, afterAna, afterBob, text] = await Promise.all([
      json('summary'),
      json('trade-offers'),
      json('balance', 'ana'),
      json('member', bob),
      ok('member', 'ana'),
    ]);
    expect(summary).toMatchObject({
      members: '2',
      powerPlants: '1',
      totalCapacityW: '10000',
      totalSupply: '10',
      maxPowerW: '100000',
      name: 'Sharing Electricity in Brazil',
      symbol: 'SEB',
      tradeOffers: '2',
      treasury: { quotaW: '0', tokens: '0' },
    });
    expect(offers.map((o: any) => [o.tID, o.status])).toEqual([
      ['T1', 'accepted'],
      ['T2', 'cancelled'],
    ]);
    // 500 W from bob to ana for 0.5 SEB.
    expect(afterAna).toMatchObject({ address: ana, seb: '5.75', quotaW: '6750', reservedTokens: '0', frozen: false, member: true });
    expect([afterBob.quotaW, afterBob.tokens, afterBob.openOffers]).toEqual(['3250', '4.25', 0]);
    // What a person reads: units with the stored value.
    expect(text).toMatch(/\nquota +6\.75 kW \(6750 W\)\nSEB +5\.75 SEB\n/);

    // NEP-5: a transfer beyond the balance returns false on chain; the command line says so and exits 1.
    const refused = await mtemsm(['transfer', 'ana', '100', '--from', 'bob']);
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^mtemsm: The transfer was refused: bob has only 4\.25 SEB free to give .*nothing moved \(transaction 0x[0-9a-f]{64}\)\.\n$/),
    });
  });

  test('usage errors: one line, exit 2; --help with an example', async () => {
    const [bad, help, invalid, donation, inviteHelp, general] = await Promise.all([
      mtemsm(['bid', 'P1', 'R$ 1,234', '--from', 'ana']),
      mtemsm(['vote', '--help']),
      mtemsm(['offer-trade', '--from', 'bob', '--to', 'ana', '--quota', '1W', '--seb', '1', '--valid-for', '400d']),
      mtemsm(['trade', 'offer', '--from', 'bob', '--to', 'ana', '--quota', '1W', '--valid-for', '1h']),
      mtemsm(['invite', '--help']),
      mtemsm(['--help']),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mtemsm vote RID yes\|no --from NAME\n[\s\S]*Example:\n  mtemsm vote R3 yes --from ana\n$/);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^mtemsm: Bad amount: "R\$ 1,234".*\n$/) });
    expect(invalid).toEqual({ code: 2, stdout: '', stderr: 'mtemsm: Bad --valid-for: "400d" (1 second to 365 days).\n' });
    expect(donation).toEqual({ code: 2, stdout: '', stderr: 'mtemsm: --valid-for is for offers: a donation (--seb 0) is done at once.\n' });
    expect(inviteHelp.stdout).toMatch(/^Usage: mtemsm invite CANDIDATE --from NAME\n[\s\S]*Examples:\n  mtemsm invite bob --from ana\n/);
    expect(general.stdout).toMatch(/\n  trade offer +Offer quota for SEB .*\(also: offer-trade\)\n/);
    expect(general.stdout).toMatch(/\n  admission +Ask to join the group: needs an open invitation from a member/);
  });
});
