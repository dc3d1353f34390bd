/**
 * The members' command line end to end: `bin/mtemsm.js` run as a child process
 * against a local network the test starts (fresh chain, random port, wallets and
 * network state in temp folders), the way a member would use it.
 *
 * One network for the file: each CLI process costs about 1.5 s of start-up (and a
 * signed one about 1 s more to decrypt its NEP-2 key), so the steps build on each
 * other and read back what a member would check.
 */
import { decryptNEP2, privateKeyToAddress } from '@neo-one/client';
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

  test('deploy with short settings, found the group, admit a member by referendum', async () => {
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
        '--min-time-to-market',
        '1s',
        '--min-bid',
        'R$ 10,00',
        '--max-power',
        '100kW',
    );
    expect(deployment).toEqual({
      rpcURL: `http://localhost:${port}/rpc`,
      contracts: { ledger: expect.any(String), plants: expect.any(String), referendums: expect.any(String) },
      founder: ana,
      settings: { referendumPeriod: 600, crowdfundingPeriod: 600, minTimeToMarket: 1, minBid: '10', maxPowerW: 100_000 },
      deployedAt: expect.any(String),
    });
    expect(JSON.parse(fs.readFileSync(path.join(home, 'deployment.json'), 'utf8'))).toEqual(deployment);

    const founding = await json('admission', '--from', 'ana', '--utility', 'Light');
    expect(founding).toEqual({ ...TX_SHAPE, operation: 'admission', value: '', id: null });

    const request = await json('admission', '--from', 'bob', '--utility', 'Light');
    expect(request).toMatchObject({ operation: 'admission', value: 'R1', id: 'R1' });
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
    });
  });

  test('a plant: power-up approved, bids, crowdfunding, operation, then a trade', async () => {
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

    await Promise.all([ok('bid', 'P1', 'R$ 400,00', '--from', 'ana'), ok('bid', 'P1', '300', '--from', 'bob')]);
    expect(await json('crowdfunding-result', 'P1', '--from', 'bob')).toMatchObject({ value: true });
    await sleep(1_100); // the time to market (1 s) after fundedAt
    expect(await json('start-operation', 'P1', '--from', 'bob')).toMatchObject({ operation: 'startOperation', value: true });

    const offer = await json('trade', 'offer', '--from', 'bob', '--to', 'ana', '--quota', '0.5kW', '--seb', '0.5');
    expect(offer).toMatchObject({ operation: 'offerTrade', id: 'T1' });
    await ok('trade', 'accept', 'T1', '--from', 'ana');

    const [summary, trade, afterAna, afterBob, plants, contributions, text] = await Promise.all([
      json('summary'),
      json('trade-offer', 'T1'),
      json('balance', 'ana'),
      json('member', bob),
      json('plants'),
      json('contributions', 'ana'),
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
      treasury: { quotaW: '0', tokens: '0' },
    });
    expect(trade).toEqual({ tID: 'T1', from: bob, to: ana, quotaW: '500', tokens: '0.5', status: 'accepted', offeredAt: expect.any(String) });
    // floor(10000 × 400/700) = 5714 r .28 and floor(10000 × 300/700) = 4285 r .71 (the leftover watt to bob),
    // then 500 W from bob to ana for 0.5 SEB.
    expect(afterAna).toMatchObject({ address: ana, seb: '5.214', quotaW: '6214', member: true });
    expect([afterBob.quotaW, afterBob.tokens]).toEqual(['3786', '4.786']);
    expect(plants).toEqual([
      expect.objectContaining({ ppID: 'P1', status: 'operating', capacityW: '10000', cost: '700', raised: '700', funders: '2' }),
    ]);
    expect(Number(plants[0].operatingSince)).toBeGreaterThanOrEqual(Number(plants[0].fundedAt) + 1);
    expect(contributions).toEqual([{ ppID: 'P1', amount: '400' }]);

    // What a person reads: units with the stored value.
    expect(text).toMatch(/quota +6\.214 kW \(6214 W\)\nSEB +5\.214 SEB/);
  });

  test('usage errors: one line, exit 2; --help with an example', async () => {
    const [bad, help] = await Promise.all([mtemsm(['bid', 'P1', 'R$ 1,234', '--from', 'ana']), mtemsm(['vote', '--help'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mtemsm vote RID yes\|no --from NAME\n[\s\S]*Example:\n  mtemsm vote R3 yes --from ana\n$/);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^mtemsm: Bad amount: "R\$ 1,234".*\n$/);
  });
});
