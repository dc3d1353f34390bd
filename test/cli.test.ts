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
import { createPrivateKey, decryptNEP2, privateKeyToAddress, privateKeyToPublicKey } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { execFile } from 'child_process';
import { createCipheriv, createHash, scryptSync } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freePort } from '../src/chain/node';
import { consumptionLeaf, merkleProof, merkleRoot } from '../src/domain/energy';

const BIN = path.resolve(__dirname, '..', 'bin', 'mtemsm.js');
const PASSWORD = 'correct horse battery staple';
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-cli-home-'));
const keystore = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-cli-wallets-'));
/** The test network's port: a free one (beforeAll). */
let port = 0;

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


/**
 * Runs a command with stdout on a shell pipe whose reader waits a second before reading
 * (`mtemsm … | (sleep 1; cat)`): the process must not exit before the pipe has taken all.
 */
const piped = async (args: readonly string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', '"$0" "$@" | (sleep 1; cat)', process.execPath, BIN, ...args],
      { env: { ...process.env, MTEMSM_HOME: home, MTEMSM_KEYSTORE: keystore, MTEMSM_PASSWORD: PASSWORD }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : 1, stdout, stderr }),
    );
  });

/**
 * NEP-2 as another NEO wallet writes it (the NEP-2 text, with the file's own scrypt
 * parameters), written here apart from src/cli/wallets.ts: a key for a hand-written
 * NEP-6 file.
 */
const nep2 = (privateKey: string, password: string, n: number): string => {
  const sha = (data: Buffer) => createHash('sha256').update(data).digest();
  const salt = sha(sha(Buffer.from(privateKeyToAddress(privateKey)))).subarray(0, 4);
  const derived = scryptSync(password.normalize('NFKC'), salt, 64, { N: n, r: 8, p: 8 });
  const half = Buffer.from(Buffer.from(privateKey, 'hex').map((byte, i) => byte ^ derived[i]));
  const cipher = createCipheriv('aes-256-ecb', derived.subarray(32), null).setAutoPadding(false);
  const payload = Buffer.concat([Buffer.from([0x01, 0x42, 0xe0]), salt, cipher.update(half), cipher.final()]);
  const data = Buffer.concat([payload, sha(sha(payload)).subarray(0, 4)]);
  const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let value = BigInt(`0x${data.toString('hex')}`);
  let text = '';
  while (value > 0n) {
    text = ALPHABET[Number(value % 58n)] + text;
    value /= 58n;
  }

  return text;
};

/** A usage error: exit 2, nothing on stdout, one line on stderr. */
const usage = (stderr: string | RegExp) => ({ code: 2, stdout: '', stderr: typeof stderr === 'string' ? `mtemsm: ${stderr}\n` : expect.stringMatching(stderr) });
/** A failed operation: exit 1, nothing on stdout, one line on stderr. */
const failed = (stderr: string | RegExp) => ({ code: 1, stdout: '', stderr: typeof stderr === 'string' ? `mtemsm: ${stderr}\n` : expect.stringMatching(stderr) });

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
    port = await freePort();
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

    // NEP-6, the NEO wallet format; the profile in its extra.
    const file = JSON.parse(fs.readFileSync(path.join(keystore, 'ana.json'), 'utf8'));
    expect(file).toEqual({
      name: 'ana',
      version: '1.0',
      scrypt: { n: 16384, r: 8, p: 8 },
      accounts: [
        {
          address: ana,
          label: 'ana',
          isDefault: true,
          lock: false,
          key: expect.stringMatching(/^6P[1-9A-HJ-NP-Za-km-z]{56}$/),
          contract: { script: expect.stringMatching(/^21(02|03)[0-9a-f]{64}ac$/), parameters: [{ name: 'signature', type: 'Signature' }], deployed: false },
          extra: null,
        },
      ],
      extra: { mtemsm: { profile: created.profile, createdAt: created.createdAt } },
    });
    const privateKey = await decryptNEP2({ password: PASSWORD, encryptedKey: file.accounts[0].key });
    expect(privateKeyToAddress(privateKey)).toBe(ana);
    expect(file.accounts[0].contract.script).toBe(`21${privateKeyToPublicKey(privateKey)}ac`);
    expect(fs.readFileSync(path.join(keystore, 'ana.json'), 'utf8')).not.toContain(privateKey.replace(/^0x/, ''));

    const [wrong, unknown, list] = await Promise.all([
      mtemsm(['wallet', 'verify', 'ana'], { MTEMSM_PASSWORD: 'not it' }),
      mtemsm(['member', 'carol']),
      json('wallet', 'list'),
    ]);
    expect(wrong).toEqual({ code: 1, stdout: '', stderr: 'mtemsm: Wrong password for wallet "ana".\n' });
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^mtemsm: "carol" is neither a NEO address nor a wallet.*\n$/) });
    expect(list.map((wallet: any) => wallet.name)).toEqual(['ana', 'bob']);

    // A wallet of the first format (as mtemsm 1.0 wrote it) is still read and opens.
    const oldKey = createPrivateKey().replace(/^0x/, '');
    const anaFile = JSON.parse(fs.readFileSync(path.join(keystore, 'ana.json'), 'utf8'));
    fs.writeFileSync(
      path.join(keystore, 'old.json'),
      JSON.stringify({ version: 1, name: 'old', address: ana, encryptedKey: anaFile.accounts[0].key, profile: created.profile, createdAt: '2026-01-01T00:00:00.000Z' }),
    );
    // A NEP-6 file of another NEO wallet: two accounts, the second the default, its own scrypt n, no extra.
    const otherPassword = 'another wallet';
    const doraKey = createPrivateKey().replace(/^0x/, '');
    const dora = privateKeyToAddress(doraKey);
    const account = (key: string, isDefault: boolean) => ({
      address: privateKeyToAddress(key),
      label: isDefault ? 'main' : null,
      isDefault,
      lock: false,
      key: nep2(key, otherPassword, 1024),
      contract: { script: `21${privateKeyToPublicKey(key)}ac`, parameters: [{ name: 'signature', type: 'Signature' }], deployed: false },
      extra: null,
    });
    const neon = path.join(home, 'neon-wallet.json');
    fs.writeFileSync(neon, JSON.stringify({ name: 'MyWallet', version: '1.0', scrypt: { n: 1024, r: 8, p: 8 }, accounts: [account(oldKey, false), account(doraKey, true)], extra: null }));
    const [oldShown, oldVerified, importRun, wrongImport, missing, noKey] = await Promise.all([
      json('wallet', 'show', 'old'),
      mtemsm(['wallet', 'verify', 'old']),
      // Opened with the other wallet's password.
      mtemsm(['wallet', 'import', 'dora', '--nep6', neon, '--name', 'Dora Reis', '--unit', '555', '--salt', 'salt', '--json'], { MTEMSM_PASSWORD: otherPassword }),
      mtemsm(['wallet', 'import', 'dora2', '--nep6', neon], { MTEMSM_PASSWORD: PASSWORD }),
      mtemsm(['wallet', 'show', 'nobody']),
      mtemsm(['wallet', 'import', 'dora3']),
    ]);
    expect(importRun).toMatchObject({ code: 0, stderr: '' });
    const imported = JSON.parse(importRun.stdout);
    expect(oldShown).toEqual({ name: 'old', address: ana, profileHash: created.profileHash, profile: created.profile, createdAt: '2026-01-01T00:00:00.000Z', format: 'mtemsm-1' });
    expect(oldVerified).toEqual({ code: 0, stdout: `The password opens wallet "old" (${ana}).\n`, stderr: '' });
    expect(imported).toEqual({
      name: 'dora',
      address: dora,
      profileHash: `0x${createHash('sha256').update('Dora Reis|555|salt').digest('hex')}`,
      profile: expect.objectContaining({ fullName: 'Dora Reis', consumerUnit: '555', salt: 'salt' }),
      createdAt: expect.any(String),
      format: 'NEP-6',
    });
    // Kept as it came (the other wallet's key and scrypt), with only the account taken.
    const doraFile = JSON.parse(fs.readFileSync(path.join(keystore, 'dora.json'), 'utf8'));
    expect(doraFile).toEqual({
      name: 'dora',
      version: '1.0',
      scrypt: { n: 1024, r: 8, p: 8 },
      accounts: [account(doraKey, true)],
      extra: { mtemsm: { profile: imported.profile, createdAt: imported.createdAt } },
    });
    expect(wrongImport).toEqual(failed('Wrong password for wallet "dora2".'));
    expect(missing).toEqual(usage(/^mtemsm: Unknown wallet "nobody" \(in .*; see "mtemsm wallet list"\)\.\n$/));
    expect(noKey).toEqual(usage('Give the key as --wif WIF or --nep6 FILE (one of them).'));
    expect(await mtemsm(['wallet', 'verify', 'dora'], { MTEMSM_PASSWORD: otherPassword })).toEqual({
      code: 0,
      stdout: `The password opens wallet "dora" (${dora}).\n`,
      stderr: '',
    });
    // No password in the environment and no terminal to ask on: one line.
    const env = { ...process.env } as Record<string, string>;
    delete env.MTEMSM_PASSWORD;
    const noPassword = await new Promise<Run>((resolve) =>
      execFile(process.execPath, [BIN, 'wallet', 'verify', 'ana'], { env: { ...env, MTEMSM_HOME: home, MTEMSM_KEYSTORE: keystore } }, (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
      ),
    );
    expect(noPassword).toEqual(usage('Wallet "ana" needs its password: set MTEMSM_PASSWORD (stdin is not a terminal to ask on).'));
    fs.rmSync(path.join(keystore, 'old.json'));
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
      contracts: {
        ledger: expect.any(String),
        trades: expect.any(String),
        plants: expect.any(String),
        referendums: expect.any(String),
        energy: expect.any(String),
        consumption: expect.any(String),
      },
      founder: ana,
      settings: { referendumPeriod: 600, crowdfundingPeriod: 600, minTimeToMarket: 1, minBid: '10', maxPowerW: 100_000, minFundingWindow: 1 },
      setting: 'brazil-dg',
      deployedAt: expect.any(String),
    });
    expect(new Set(Object.values(deployment.contracts)).size).toBe(6);
    expect(JSON.parse(fs.readFileSync(path.join(home, 'deployment.json'), 'utf8'))).toEqual(deployment);
    // The contracts' own settings and partners are the deployment's.
    const [settings, partners] = await Promise.all([json('settings'), json('partners')]);
    expect(settings).toEqual(deployment.settings);
    // The ledger attached all but MTEMsmConsumption (which never changes the ledger).
    const { consumption: _consumption, ...attached } = deployment.contracts;
    expect(partners).toEqual({ ...attached, founder: ana, sameFounder: true });

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

  test('energy: a plant meter and a rooftop PV, readings in kWh, credits by quota, a certificate (claiming first), the operator', async () => {
    await Promise.all(['p1-meter', 'ana-pv'].map(async (name) => ok('wallet', 'create', name)));
    // The founder (ana) is the operator until a referendum elects another.
    expect(await json('operator', 'show')).toEqual({ elected: ana, energy: ana, consumption: ana });
    const plantMeter = await json('device', 'register', '--kind', 'production', '--meter', 'p1-meter', '--capacity', '10kWp', '--source', 'solar', '--plant', 'P1', '--from', 'ana');
    expect(plantMeter).toMatchObject({ operation: 'registerDevice', value: 'D1', deviceID: 'D1' });
    const rooftop = await json('device', 'register', '--kind', 'production', '--meter', 'ana-pv', '--capacity', '4kWp', '--source', 'solar', '--from', 'ana');
    expect(rooftop).toMatchObject({ value: 'D2' });
    // Readings of intervals that have ended (two hours ago), typed in kWh and Wh: 10 kWp makes at most 2.5 kWh an interval.
    const first = Math.floor(Date.now() / 1_000 / 900) - 8;
    const reading = await json('energy', 'record', 'D1', '--first', String(first), '--energies', '2kWh,2.5kWh,1500Wh', '--from', 'p1-meter');
    expect(reading).toMatchObject({ operation: 'recordProduction', value: true, energyWh: '6000', registerWh: '6000' });
    expect(Number(reading.gasCost)).toBeLessThanOrEqual(10);
    expect(await mtemsm(['energy', 'record', 'D1', '--first', String(first), '--energies', '1kWh', '--from', 'p1-meter'])).toEqual(
      failed('The first interval is not after the last one recorded.'),
    );
    expect(await mtemsm(['energy', 'record', 'D1', '--first', String(first + 3), '--energies', '2.6kWh', '--from', 'p1-meter'])).toEqual(
      failed("An energy is above the device's limit for an interval."),
    );
    expect(await mtemsm(['energy', 'record', 'D1', '--first', String(first + 3), '--energies', '2kW', '--from', 'p1-meter'])).toEqual(
      usage('Bad --energies: "2kW" (examples: 750Wh, 0.75kWh, 2MWh).'),
    );
    await ok('energy', 'record', 'D2', '--first', String(first), '--energies', '0.5kWh', '--from', 'ana-pv');
    // 6,000 Wh over 10,000 W of quota: ana's 6,250 W earn 3,750 Wh, bob's 3,750 W 2,250 Wh (in the ledger until claimed).
    const [anaCredits, bobCredits, shown] = await Promise.all([json('energy', 'credits', 'ana'), json('energy', 'credits', 'bob'), ok('device', 'show', 'D1')]);
    expect(anaCredits).toEqual({ holder: ana, accruedWh: '4250', retiredWh: '0', soldWh: '0', boughtWh: '0', balanceWh: '4250', unclaimedWh: '3750' });
    expect(bobCredits).toMatchObject({ accruedWh: '2250', balanceWh: '2250', unclaimedWh: '2250' });
    expect(shown).toMatch(/\nplant +P1\n/);
    expect(shown).toMatch(/\nregister +6 kWh \(6000 Wh\)\n/);
    // 4 kWh retired: more than her rooftop's 500 Wh, so her group credits are claimed first (a second transaction).
    const retired = await mtemsm(['energy', 'retire', '4kWh', '--beneficiary', 'Condomínio Sol, unit 101', '--from', 'ana']);
    expect(retired.code).toBe(0);
    expect(retired.stderr).toMatch(/^Claimed 3\.75 kWh \(3750 Wh\) of the group plants' credits first \(block \d+, [\d.]+ GAS\)\.\n$/);
    expect(retired.stdout).toMatch(/^ana retired 4 kWh \(4000 Wh\) into certificate C1\.\n/);
    const certificate = await json('energy', 'certificate', 'C1');
    expect(certificate).toMatchObject({ certificateID: 'C1', member: ana, energyWh: '4000', fromInterval: String(first), sources: ['4000', '0', '0', '0', '0'] });
    expect(certificate.beneficiaryHash.replace(/^0x/, '')).toBe(createHash('sha256').update('Condomínio Sol, unit 101').digest('hex'));
    expect(await json('energy', 'credits', 'ana')).toMatchObject({ accruedWh: '4250', retiredWh: '4000', balanceWh: '250', unclaimedWh: '0' });
    const devices = await json('device', 'list');
    expect(devices.map((device: any) => [device.deviceID, device.plantID, device.owner])).toEqual([
      ['D1', 'P1', expect.any(String)],
      ['D2', '', ana],
    ]);
    expect(await mtemsm(['energy', 'claim', '--from', 'ana'])).toEqual(failed('No credits to claim.'));

    // Consumption: the operator (ana) commits two intervals of three households (roots and totals
    // only); bob checks his reading against the committed root off chain, then disputes it on chain.
    const now = Math.floor(Date.now() / 1_000 / 900);
    const start = now - (now % 16) - 16;
    const salts = [1, 2, 3].map((fill) => Buffer.alloc(32, fill));
    const readingsOf = (interval: number) =>
      ['D7', 'D8', 'D9'].map((deviceID, index) => ({ deviceID, interval, energyWh: BigInt(400 + index * 10 + (interval % 3)) }));
    const leaves = (interval: number) => readingsOf(interval).map((reading, index) => consumptionLeaf(salts[index], reading));
    const roots = [start, start + 1].map((interval) => merkleRoot(leaves(interval)).toString('hex'));
    const totals = [start, start + 1].map((interval) => readingsOf(interval).reduce((sum, reading) => sum + reading.energyWh, 0n));
    const commit = (...args: string[]) => ['energy', 'commit', ...args, '--from', 'ana'];
    expect(await mtemsm(commit(String(start), '--roots', 'abc', '--totals', '1', '--meters', '3'))).toEqual(usage('A root is 32 bytes of hex: "abc".'));
    expect(await mtemsm(commit(String(start), '--roots', roots.join(','), '--totals', '1', '--meters', '3,3'))).toEqual(
      usage('Each interval needs a root, a total and a meter count: 2 root(s), 1 total(s), 2 count(s).'),
    );
    const committed = await json(...commit(String(start), '--roots', roots.join(','), '--totals', totals.map((total) => `${total}Wh`).join(','), '--meters', '3,3'));
    expect(committed).toMatchObject({ operation: 'commitConsumption', value: true });
    expect(Number(committed.gasCost)).toBeLessThanOrEqual(10);
    expect(await json('energy', 'consumption', String(start + 1))).toMatchObject({ totalWh: String(totals[1]), meters: '3', disputes: '0' });
    expect(await mtemsm(commit(String(start), '--roots', roots[0], '--totals', '0', '--meters', '2'))).toEqual(
      failed('The first interval is not after the last one committed.'),
    );
    const proofFile = path.join(home, 'D8-proof.json');
    fs.writeFileSync(
      proofFile,
      JSON.stringify({
        deviceID: 'D8',
        interval: start + 1,
        energyWh: String(readingsOf(start + 1)[1].energyWh),
        salt: salts[1].toString('hex'),
        proof: merkleProof(leaves(start + 1), 1).map(({ sibling, left }) => ({ sibling: sibling.toString('hex'), left })),
      }),
    );
    expect(await json('energy', 'verify', '--proof', proofFile)).toEqual({
      interval: start + 1,
      deviceID: 'D8',
      energyWh: String(readingsOf(start + 1)[1].energyWh),
      included: true,
    });
    expect(await json('energy', 'dispute', '--proof', proofFile, '--from', 'bob')).toMatchObject({ operation: 'dispute', value: true });
    expect(await json('energy', 'consumption', String(start + 1))).toMatchObject({ disputes: '1' });
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

  test('every other command: transfer, result, bids, trade cancel, profile, the four proposals, reads', async () => {
    const [powerUp, given] = await Promise.all([
      json('power-up', '--from', 'ana', '--capacity', '1kWp', '--cost', '100', '--utility', 'Light', '--time-to-market', '1s'),
      json('transfer', 'ana', '0,25', '--from', 'bob'),
    ]);
    expect(given).toEqual({ ...TX_SHAPE, operation: 'transfer', value: true, id: null });
    const rPowerUp = powerUp.id;
    await Promise.all([ok('vote', rPowerUp, 'yes', '--from', 'ana'), ok('vote', rPowerUp, 'yes', '--from', 'bob')]);
    // result: the call that fits the referendum's kind (here powerUpResult).
    const [resulted, offer] = await Promise.all([
      json('result', rPowerUp, '--from', 'ana'),
      json('trade', 'offer', '--from', 'bob', '--to', 'ana', '--quota', '100W', '--seb', '0.1'),
    ]);
    expect(resulted).toEqual({ ...TX_SHAPE, operation: 'powerUpResult', value: 'P2', id: 'P2' });
    const [bid, cancelled] = await Promise.all([json('bid', 'P2', '50', '--from', 'ana'), json('trade', 'cancel', offer.id, '--from', 'bob')]);
    expect(bid).toMatchObject({ operation: 'bid', ppID: 'P2', pledge: '50' });
    expect(cancelled).toEqual({ ...TX_SHAPE, operation: 'cancelTrade', value: true, id: null, tID: offer.id });
    const [changed, profile] = await Promise.all([
      json('change-bid', 'P2', 'R$ 20,00', '--from', 'ana'),
      json('change-profile', '--from', 'bob', '--name', 'Bob Lima', '--unit', '999', '--salt', 'new'),
    ]);
    expect(changed).toEqual({ ...TX_SHAPE, operation: 'changeBid', value: true, id: null, ppID: 'P2', pledge: '20' });
    const newHash = `0x${createHash('sha256').update('Bob Lima|999|new').digest('hex')}`;
    expect(profile).toEqual({ ...TX_SHAPE, operation: 'changeProfile', value: true, id: null, profileHash: newHash, utility: 'Light' });
    // The new profile is saved in bob's NEP-6 file once it is on chain.
    expect(JSON.parse(fs.readFileSync(path.join(keystore, 'bob.json'), 'utf8')).extra.mtemsm.profile).toEqual({
      fullName: 'Bob Lima',
      consumerUnit: '999',
      salt: 'new',
      profileHash: newHash,
    });

    const [correction, plantUtility] = await Promise.all([
      json('propose', 'correction', 'bob', 'treasury', '--quota', '90W', '--from', 'ana'),
      json('propose', 'plant-utility', 'P2', 'Enel', '--from', 'bob'),
    ]);
    const [removal, plantRemoval] = await Promise.all([
      json('propose', 'removal', 'bob', '--from', 'ana'),
      json('propose', 'plant-removal', 'P2', '--from', 'bob'),
    ]);
    for (const [sent, operation] of [
      [correction, 'proposeCorrection'],
      [plantUtility, 'proposePlantUtility'],
      [removal, 'proposeRemoval'],
      [plantRemoval, 'proposePlantRemoval'],
    ]) {
      expect(sent).toEqual({ ...TX_SHAPE, operation, value: sent.id, id: expect.stringMatching(/^R\d+$/) });
    }
    const ids = [correction.id, plantUtility.id, removal.id, plantRemoval.id];
    expect(new Set(ids).size).toBe(4);
    // The correction and the plant's utility approved by both, the removal rejected (one of two), the plant's removal left open.
    const votes = async (who: string, answers: ReadonlyArray<readonly [string, string]>) => {
      for (const [rID, answer] of answers) {
        await ok('vote', rID, answer, '--from', who);
      }
    };
    await Promise.all([
      votes('ana', [[correction.id, 'yes'], [plantUtility.id, 'yes'], [removal.id, 'yes']]),
      votes('bob', [[correction.id, 'yes'], [plantUtility.id, 'sim'], [removal.id, 'no']]),
    ]);
    const [corrected, rejected] = await Promise.all([
      json('change-result', correction.id, '--from', 'ana'),
      json('change-result', removal.id, '--from', 'bob'),
    ]);
    expect(corrected).toEqual({ ...TX_SHAPE, operation: 'changeResult', value: true, id: null, status: 'approved', reason: null });
    expect(rejected).toEqual({ ...TX_SHAPE, operation: 'changeResult', value: false, id: null, status: 'rejected', reason: null });
    expect(await json('change-result', plantUtility.id, '--from', 'ana')).toMatchObject({ status: 'approved', value: true });

    const [treasury, votedYes, notVoted, list, plant, bobNow, anaBalance, status] = await Promise.all([
      json('treasury'),
      json('has-voted', removal.id, 'ana'),
      json('has-voted', plantRemoval.id, 'ana'),
      piped(['referendums', '--json']),
      json('plant', 'P2'),
      json('member', 'bob'),
      json('balance', 'ana'),
      json('network', 'status'),
    ]);
    // 90 W of bob's quota went to the treasury by the correction.
    expect(treasury).toEqual({ address: expect.any(String), quotaW: '90', tokens: '0', reservedQuotaW: '0', reservedTokens: '0' });
    expect(votedYes).toEqual({ rID: removal.id, address: ana, voted: true });
    expect(notVoted).toEqual({ rID: plantRemoval.id, address: ana, voted: false });
    expect(list.stderr).toBe('');
    const referendums = JSON.parse(list.stdout);
    expect(referendums.map((r: any) => [r.rID, r.kind, r.status])).toEqual([
      ['R1', 'admission', 'approved'],
      ['R2', 'powerUp', 'approved'],
      ['R3', 'plantRemoval', 'lapsed'],
      [rPowerUp, 'powerUp', 'approved'],
      ...[correction, plantUtility, removal, plantRemoval]
        .map((sent, index) => [sent.id, ['correction', 'plantUtility', 'removal', 'plantRemoval'][index], ['approved', 'approved', 'rejected', 'open'][index]])
        .sort((a, b) => Number(a[0].slice(1)) - Number(b[0].slice(1))),
    ]);
    expect(referendums.find((r: any) => r.rID === plantRemoval.id)).toMatchObject({ yes: '0', no: '0', electorate: '2', canResolve: false, expectedOutcome: null });
    expect(plant).toMatchObject({ ppID: 'P2', status: 'funding', utility: 'Enel', capacityW: '1000', cost: '100', raised: '20', funders: '1' });
    expect(bobNow).toMatchObject({ profileHash: newHash, quotaW: '3160', tokens: '4', frozen: false, removals: 0 });
    // The GAS read is a number read from the node (a failed read would be gasError, never 0).
    expect(anaBalance).toMatchObject({ seb: '6', gas: expect.stringMatching(/^\d+(\.\d+)?$/) });
    expect(anaBalance.gasError).toBeUndefined();
    expect(status).toEqual({
      running: true,
      rpcURL: `http://localhost:${port}/rpc`,
      pid: expect.any(Number),
      blockCount: expect.any(Number),
      home,
      deployment: JSON.parse(fs.readFileSync(path.join(home, 'deployment.json'), 'utf8')),
    });
    const advanced = await json('network', 'advance', '1h');
    expect(advanced).toEqual({ advanced: '3600', block: expect.any(Number), time: expect.any(Number) });
    expect(advanced.block).toBeGreaterThanOrEqual(status.blockCount);

    // One refusal of each: exit 2 before anything is sent, exit 1 when the contract or the node says no.
    const refusals = await Promise.all([
      mtemsm(['transfer', 'ana', '1,000', '--from', 'bob']),
      mtemsm(['change-bid', 'P1', '20', '--from', 'ana']),
      mtemsm(['trade', 'cancel', offer.id, '--from', 'bob']),
      mtemsm(['change-profile', '--from', 'bob']),
      mtemsm(['propose', 'correction', 'bob', 'treasury', '--quota', '1.000W', '--from', 'ana']),
      mtemsm(['propose', 'removal', 'dora', '--from', 'ana']),
      mtemsm(['propose', 'plant-utility', 'P2', '', '--from', 'ana']),
      mtemsm(['propose', 'plant-removal', 'X1', '--from', 'ana']),
      mtemsm(['change-result', rPowerUp, '--from', 'ana']),
      mtemsm(['result', rPowerUp, '--from', 'ana']),
      mtemsm(['plant', 'P9']),
      mtemsm(['referendums', 'R1']),
      mtemsm(['treasury', '--json=yes']),
      mtemsm(['has-voted', 'R1']),
      mtemsm(['network', 'status', '--fresh']),
      mtemsm(['network', 'advance', 'soon']),
      mtemsm(['vote', 'R1', 'yes']),
      mtemsm(['vote', 'R1', 'yes', '--from']),
    ]);
    expect(refusals).toEqual([
      usage('Bad SEB amount: "1,000" is 1 in Brazilian notation but 1000 in English: write 1000, "1.000,00" (Brazilian) or 1,000.00 (English).'),
      failed(/^mtemsm: .+\n$/),
      failed(/^mtemsm: .+\n$/),
      usage('Nothing to change: give --utility, --name and --unit, or --profile-hash.'),
      usage(/^mtemsm: Bad --quota: "1\.000W" is 1000 in Brazilian notation but 1 in English: /),
      failed(/^mtemsm: .+\n$/),
      usage('A utility name has 1 to 64 bytes.'),
      usage('Bad plant ID "X1" (like P1).'),
      usage(`${rPowerUp} is a powerUp referendum: use "mtemsm result ${rPowerUp}".`),
      failed(/^mtemsm: .+\n$/),
      failed('No plant P9.'),
      usage('Usage: mtemsm referendums'),
      usage('--json takes no value.'),
      usage('Usage: mtemsm has-voted RID NAME|ADDRESS'),
      usage('Unknown option --fresh for "mtemsm network status" (see --help).'),
      usage('Bad duration: "soon" (examples: 30d, 12h, 10m, 45s, or seconds).'),
      usage('--from is required.'),
      usage('--from needs a value.'),
    ]);
  });

  test('output on a pipe is complete: 700 wallets of JSON (over 200 KB) through a slow reader', async () => {
    const many = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-cli-many-'));
    const ana = JSON.parse(fs.readFileSync(path.join(keystore, 'ana.json'), 'utf8'));
    for (let index = 0; index < 700; index += 1) {
      fs.writeFileSync(path.join(many, `w${String(index).padStart(3, '0')}.json`), JSON.stringify({ ...ana, name: `w${index}` }));
    }
    const result = await piped(['wallet', 'list', '--json', '--keystore', many]);
    fs.rmSync(many, { recursive: true, force: true });
    expect(result.stderr).toBe('');
    expect(result.stdout.length).toBeGreaterThan(200_000);
    const wallets = JSON.parse(result.stdout);
    expect(wallets).toHaveLength(700);
    expect(wallets[699]).toMatchObject({ name: 'w699', format: 'NEP-6', address: ana.accounts[0].address });
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
    const [versionLong, versionShort] = await Promise.all([mtemsm(['--version']), mtemsm(['-V'])]);
    const packageVersion = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')).version;
    expect(versionLong).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: '' });
    expect(versionShort).toEqual(versionLong);
    expect(general.stdout).toMatch(/\nEnvironment:\n {2}MTEMSM_PASSWORD +.*\n {2}MTEMSM_KEYSTORE +.*\n {2}MTEMSM_HOME +.*\n {2}MTEMSM_DEBUG +/);
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
