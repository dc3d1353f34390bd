/**
 * The gateway's store: every reading, every refusal, and what was sent on chain — one schema
 * and one code path for two databases (../shared/spec/microgrid.md, "The meter gateway"):
 * - embedded by default: PGlite (PostgreSQL compiled to WASM, from npm, no download step)
 *   in a directory under `.mtemsm/`;
 * - a PostgreSQL server with `postgres://…` (the `pg` client).
 * Readings are keyed by (device, interval) and inserted once: a reading sent again is a
 * duplicate (nothing changes), a different one for a stored interval a conflict (refused),
 * so a gateway restarted mid-day, or a meter that resends, stores nothing twice. What was
 * sent on chain is recorded before and after each transaction (`sent`), so a restart resends
 * nothing that landed.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import type { MeterReading, Refusal } from './reading';

/** The two databases' common ground: parameterised SQL ($1, $2, …) and rows back. */
interface Sql {
  readonly query: (text: string, params?: readonly unknown[]) => Promise<{ rows: any[] }>;
  readonly close: () => Promise<void>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS readings (
  device_id text NOT NULL,
  interval bigint NOT NULL,
  energy_wh bigint NOT NULL,
  register_wh bigint NOT NULL,
  voltage_v double precision,
  frequency_hz double precision,
  power_factor double precision,
  source text NOT NULL,
  salt bytea,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, interval)
);
CREATE INDEX IF NOT EXISTS readings_by_interval ON readings (interval);
CREATE TABLE IF NOT EXISTS rejections (
  id bigserial PRIMARY KEY,
  device_id text,
  interval bigint,
  reason text NOT NULL,
  detail text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS sent (
  kind text NOT NULL,
  subject text NOT NULL,
  first_interval bigint NOT NULL,
  last_interval bigint NOT NULL,
  status text NOT NULL,
  transaction text,
  PRIMARY KEY (kind, subject, first_interval)
);
`;

export interface StoredReading extends MeterReading {
  /** 'gap': filled by the gateway from the register's growth over missed intervals (src/gateway/committer.ts). */
  readonly source: 'mqtt' | 'modbus' | 'gap';
  /** A consumption reading's leaf salt (32 bytes), given to the device's owner only. */
  readonly salt?: Buffer;
}

/** A batch sent on chain: a meter's production readings, or a consumption commitment ('community'). */
export interface SentBatch {
  readonly kind: 'production' | 'consumption';
  readonly subject: string;
  readonly firstInterval: number;
  readonly lastInterval: number;
  /** 'sending' before the transaction, 'sent' once it landed. */
  readonly status: 'sending' | 'sent';
  readonly transaction?: string;
}

const toReading = (row: any): StoredReading => ({
  deviceID: row.device_id,
  interval: Number(row.interval),
  energyWh: Number(row.energy_wh),
  registerWh: Number(row.register_wh),
  ...(row.voltage_v === null && row.frequency_hz === null && row.power_factor === null
    ? {}
    : {
        quality: {
          ...(row.voltage_v === null ? {} : { voltageV: Number(row.voltage_v) }),
          ...(row.frequency_hz === null ? {} : { frequencyHz: Number(row.frequency_hz) }),
          ...(row.power_factor === null ? {} : { powerFactor: Number(row.power_factor) }),
        },
      }),
  source: row.source,
  ...(row.salt === null || row.salt === undefined ? {} : { salt: Buffer.from(row.salt) }),
});

export class Store {
  private constructor(private readonly sql: Sql) {}

  /**
   * `location`: a directory for the embedded database (created if absent), or a
   * `postgres://` URL; `memory` for an embedded one that is not kept (tests).
   */
  public static async open(location: string): Promise<Store> {
    let sql: Sql;
    if (/^postgres(ql)?:\/\//.test(location)) {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const { Pool } = require('pg');
      const pool = new Pool({ connectionString: location, max: 4 });
      sql = { query: async (text, params) => pool.query(text, params), close: async () => pool.end() };
    } else {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const { PGlite } = require('@electric-sql/pglite');
      if (location !== 'memory') {
        fs.mkdirSync(location, { recursive: true });
      }
      const db = location === 'memory' ? new PGlite() : new PGlite(location);
      sql = { query: async (text, params) => db.query(text, params), close: async () => db.close() };
    }
    for (const statement of SCHEMA.split(';').map((text) => text.trim()).filter((text) => text !== '')) {
      await sql.query(statement);
    }

    return new Store(sql);
  }

  public async close(): Promise<void> {
    await this.sql.close();
  }

  /**
   * Stores a reading once: 'stored', 'duplicate' (the same reading again: nothing changes)
   * or 'conflict' (another reading of that interval is stored). A consumption reading gets
   * its leaf's salt here, once.
   */
  public async insert(reading: MeterReading, source: StoredReading['source'], consumption: boolean): Promise<'stored' | 'duplicate' | 'conflict'> {
    const [outcome] = await this.insertMany([{ reading, source, consumption }]);

    return outcome;
  }

  /**
   * Many readings in one statement (the gateway's batches): for each, 'stored', 'duplicate'
   * or 'conflict' as `insert` says, in order. Readings of one (device, interval) twice
   * in a batch: the first is stored, the second compared with it.
   */
  public async insertMany(
    readings: ReadonlyArray<{ readonly reading: MeterReading; readonly source: StoredReading['source']; readonly consumption: boolean }>,
  ): Promise<Array<'stored' | 'duplicate' | 'conflict'>> {
    if (readings.length === 0) {
      return [];
    }
    const column = <T>(pick: (entry: (typeof readings)[number]) => T): T[] => readings.map(pick);
    const { rows } = await this.sql.query(
      `INSERT INTO readings (device_id, interval, energy_wh, register_wh, voltage_v, frequency_hz, power_factor, source, salt)
       SELECT d, i, e, r, v, f, p, s, decode(h, 'hex')
       FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::float8[], $6::float8[], $7::float8[], $8::text[], $9::text[]) AS t(d, i, e, r, v, f, p, s, h)
       ON CONFLICT (device_id, interval) DO NOTHING RETURNING device_id, interval`,
      [
        column(({ reading }) => reading.deviceID),
        column(({ reading }) => reading.interval),
        column(({ reading }) => reading.energyWh),
        column(({ reading }) => reading.registerWh),
        column(({ reading }) => reading.quality?.voltageV ?? null),
        column(({ reading }) => reading.quality?.frequencyHz ?? null),
        column(({ reading }) => reading.quality?.powerFactor ?? null),
        column(({ source }) => source),
        column(({ consumption }) => (consumption ? randomBytes(32).toString('hex') : null)),
      ],
    );
    const inserted = new Set(rows.map((row) => `${row.device_id}|${Number(row.interval)}`));
    const seen = new Set<string>();

    return Promise.all(
      readings.map(async ({ reading }) => {
        const key = `${reading.deviceID}|${reading.interval}`;
        if (inserted.has(key) && !seen.has(key)) {
          seen.add(key);

          return 'stored' as const;
        }
        const stored = await this.reading(reading.deviceID, reading.interval);

        return stored !== undefined && stored.energyWh === reading.energyWh && stored.registerWh === reading.registerWh ? ('duplicate' as const) : ('conflict' as const);
      }),
    );
  }

  /** For each device, its latest reading before `interval` (one query for a batch). */
  public async latestBefore(deviceIDs: readonly string[], interval: number): Promise<Map<string, { interval: number; registerWh: number }>> {
    const { rows } = await this.sql.query(
      // One index probe a device (the primary key read backwards), not a scan of its history.
      `SELECT d.device_id, r.interval, r.register_wh FROM unnest($1::text[]) AS d(device_id)
       CROSS JOIN LATERAL (SELECT interval, register_wh FROM readings WHERE device_id = d.device_id AND interval < $2 ORDER BY interval DESC LIMIT 1) AS r`,
      [deviceIDs, interval],
    );

    return new Map(rows.map((row) => [row.device_id, { interval: Number(row.interval), registerWh: Number(row.register_wh) }]));
  }

  public async reading(deviceID: string, interval: number): Promise<StoredReading | undefined> {
    const { rows } = await this.sql.query('SELECT * FROM readings WHERE device_id = $1 AND interval = $2', [deviceID, interval]);

    return rows.length === 0 ? undefined : toReading(rows[0]);
  }

  /** The device's latest reading before `interval` (its register bounds the next one's). */
  public async previous(deviceID: string, interval: number): Promise<StoredReading | undefined> {
    const { rows } = await this.sql.query('SELECT * FROM readings WHERE device_id = $1 AND interval < $2 ORDER BY interval DESC LIMIT 1', [
      deviceID,
      interval,
    ]);

    return rows.length === 0 ? undefined : toReading(rows[0]);
  }

  /** A device's readings of intervals `from` … `to`, in order. */
  public async readings(deviceID: string, from: number, to: number): Promise<StoredReading[]> {
    const { rows } = await this.sql.query('SELECT * FROM readings WHERE device_id = $1 AND interval BETWEEN $2 AND $3 ORDER BY interval', [
      deviceID,
      from,
      to,
    ]);

    return rows.map(toReading);
  }

  /** Every reading of one interval by the given devices, by device ID (the consumption tree's leaves). */
  public async intervalReadings(interval: number, deviceIDs: readonly string[]): Promise<StoredReading[]> {
    const { rows } = await this.sql.query('SELECT * FROM readings WHERE interval = $1 AND device_id = ANY($2) ORDER BY device_id', [interval, deviceIDs]);

    return rows.map(toReading);
  }

  /** The earliest interval of any stored reading, or undefined. */
  public async firstInterval(): Promise<number | undefined> {
    const { rows } = await this.sql.query('SELECT min(interval) AS first FROM readings');

    return rows[0].first === null ? undefined : Number(rows[0].first);
  }

  public async countReadings(): Promise<number> {
    const { rows } = await this.sql.query('SELECT count(*) AS n FROM readings');

    return Number(rows[0].n);
  }

  public async reject(reason: Refusal, detail: string, deviceID?: string, interval?: number): Promise<void> {
    await this.sql.query('INSERT INTO rejections (device_id, interval, reason, detail) VALUES ($1, $2, $3, $4)', [
      deviceID ?? null,
      interval ?? null,
      reason,
      detail,
    ]);
  }

  /** Refusals so far, by reason. */
  public async rejections(): Promise<Partial<Record<Refusal, number>>> {
    const { rows } = await this.sql.query('SELECT reason, count(*) AS n FROM rejections GROUP BY reason ORDER BY reason');

    return Object.fromEntries(rows.map((row) => [row.reason, Number(row.n)]));
  }

  /** Records a batch about to be sent ('sending') or sent ('sent', with its transaction). */
  public async markSent(batch: SentBatch): Promise<void> {
    await this.sql.query(
      `INSERT INTO sent (kind, subject, first_interval, last_interval, status, transaction) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (kind, subject, first_interval) DO UPDATE SET last_interval = $4, status = $5, transaction = $6`,
      [batch.kind, batch.subject, batch.firstInterval, batch.lastInterval, batch.status, batch.transaction ?? null],
    );
  }

  /** The batches of a kind and subject, in order. */
  public async sentBatches(kind: SentBatch['kind'], subject: string): Promise<SentBatch[]> {
    const { rows } = await this.sql.query('SELECT * FROM sent WHERE kind = $1 AND subject = $2 ORDER BY first_interval', [kind, subject]);

    return rows.map((row) => ({
      kind: row.kind,
      subject: row.subject,
      firstInterval: Number(row.first_interval),
      lastInterval: Number(row.last_interval),
      status: row.status,
      ...(row.transaction === null ? {} : { transaction: row.transaction }),
    }));
  }

  /**
   * Per interval of `from` … `to` that the given devices reported: how many readings and
   * their energy (the community's public counts, src/gateway/api.ts). The same readings as
   * `intervalReadings`, counted in one query for a range instead of one per interval.
   */
  public async intervalCounts(from: number, to: number, deviceIDs: readonly string[]): Promise<Array<{ interval: number; meters: number; energyWh: bigint }>> {
    const { rows } = await this.sql.query(
      'SELECT interval, count(*) AS meters, sum(energy_wh) AS energy FROM readings WHERE interval BETWEEN $1 AND $2 AND device_id = ANY($3) GROUP BY interval ORDER BY interval',
      [from, to, deviceIDs],
    );

    // sum(bigint) is numeric: a string in both clients.
    return rows.map((row) => ({ interval: Number(row.interval), meters: Number(row.meters), energyWh: BigInt(String(row.energy)) }));
  }
}
