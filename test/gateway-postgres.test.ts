/**
 * The gateway's store on a real PostgreSQL server (test/postgres.ts starts one from Debian's
 * package): the same schema and code path as the embedded store, the same scenario
 * (test/store-scenario.ts), the connection closed and opened again as a restart would.
 */
import { Store } from '../src/gateway/store';
import { RunningPostgres, startPostgres } from './postgres';
import { storeScenario } from './store-scenario';

let server: RunningPostgres;

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);

afterAll(() => server?.stop());

test('a PostgreSQL server: a reading once, duplicates and conflicts, all kept across a restart', async () => {
  await storeScenario(async () => Store.open(server.url));
}, 120_000);
