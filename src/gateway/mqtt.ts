/**
 * Meters on MQTT: each publishes its signed readings on `mtemsm/<deviceID>/reading`
 * (src/gateway/reading.ts). The gateway subscribes through a real MQTT client (`mqtt`),
 * to a broker it embeds (`aedes`, on a local port) when none is given, or to the group's
 * broker (`--mqtt mqtt://…`, e.g. Debian's mosquitto).
 */
import * as fs from 'fs';
import { AddressInfo, createServer, Server } from 'net';
import * as path from 'path';
import type { Gateway } from './gateway';

export const READING_TOPIC = 'mtemsm/+/reading';
export const readingTopic = (deviceID: string): string => `mtemsm/${deviceID}/reading`;

export interface EmbeddedBroker {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** An MQTT broker in this process on `port` (0: one the system picks). */
export const startBroker = async (port = 0, host = '127.0.0.1'): Promise<EmbeddedBroker> => {
  // aedes 0.51, the last CommonJS line (1.x is an ES module, which Jest's CommonJS runtime cannot load).
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const broker = require('aedes')();
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });

  return {
    url: `mqtt://${host}:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

export interface MqttIntake {
  readonly close: () => Promise<void>;
  /** Resolves once every message received so far has been handled. */
  readonly settled: () => Promise<void>;
}

/** Messages handed to the gateway at once, at most (an interval of a large community). */
export const INTAKE_BATCH = 5_000;
const RETRY_MS = 1_000;

interface Received {
  readonly topic: string;
  readonly payload: Buffer;
}

const journalLine = ({ topic, payload }: Received): string => `${JSON.stringify({ topic, payload: payload.toString('base64') })}\n`;

/** The journal's messages; a line cut by a crash in mid-write is skipped (its message was never acknowledged). */
const readJournal = (journal: string, log: (line: string) => void): Received[] => {
  if (!fs.existsSync(journal)) {
    return [];
  }

  return fs
    .readFileSync(journal, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .flatMap((line) => {
      try {
        const { topic, payload } = JSON.parse(line);

        return [{ topic: String(topic), payload: Buffer.from(String(payload), 'base64') }];
      } catch {
        log(`gateway: a cut line of the MQTT journal ${journal} skipped`);

        return [];
      }
    });
};

/**
 * Subscribes the gateway to every meter's readings on the broker at `url`.
 *
 * Messages reach the gateway in batches (whatever arrived while the previous batch was
 * stored, up to INTAKE_BATCH), in arrival order. The broker is acknowledged (QoS 1) as a
 * message arrives — MQTT clients take the next message only after acknowledging — so each
 * message is first appended to `journal` (a file): a gateway that crashes before storing
 * what it acknowledged replays the journal when it starts, and the journal is emptied
 * whenever everything in it is stored. A batch the store refuses (the database gone) is
 * retried every second, in order; nothing is dropped. `clientId` names the gateway's
 * session at the broker: kept the same across restarts, the broker keeps what came meanwhile.
 */
export const subscribeMeters = async (
  url: string,
  gateway: Gateway,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  journal?: string,
  clientId = 'mtemsm-gateway',
): Promise<MqttIntake> => {
  if (journal !== undefined) {
    fs.mkdirSync(path.dirname(journal), { recursive: true });
  }
  const pending: Received[] = journal === undefined ? [] : readJournal(journal, log);
  let draining: Promise<void> | undefined;
  let closing = false;
  const drain = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending.slice(0, INTAKE_BATCH);
      try {
        await gateway.receiveMany(batch.map(({ topic, payload }) => ({ raw: payload, source: 'mqtt' as const, topicDeviceID: topic.split('/')[1] })));
        pending.splice(0, batch.length);
      } catch (error) {
        log(`gateway: ${batch.length} MQTT message(s) not stored, ${closing ? 'kept in the journal' : 'retried in a second'}: ${(error as Error).message}`);
        if (closing) {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
    // Synchronously after the last batch: no message can arrive in between.
    if (journal !== undefined) {
      fs.writeFileSync(journal, '');
    }
  };
  const schedule = (): void => {
    draining ??= drain().finally(() => {
      draining = undefined;
    });
  };
  // What an earlier run acknowledged and did not store.
  if (pending.length > 0) {
    log(`gateway: ${pending.length} message(s) of the MQTT journal replayed`);
    schedule();
    await draining;
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mqtt = require('mqtt');
  const client = await mqtt.connectAsync(url, { clientId, clean: false, reconnectPeriod: 1_000 });
  // mqtt.js acknowledges a QoS 1 message once handleMessage calls back: journal it first.
  client.handleMessage = (packet: { topic: string; payload: Buffer }, callback: () => void) => {
    const received = { topic: packet.topic, payload: Buffer.from(packet.payload) };
    if (journal !== undefined) {
      fs.appendFileSync(journal, journalLine(received));
    }
    pending.push(received);
    schedule();
    callback();
  };
  client.on('error', (error: Error) => log(`gateway: mqtt: ${error.message}`));
  await client.subscribeAsync(READING_TOPIC, { qos: 1 });
  const settled = async (): Promise<void> => {
    while (draining !== undefined) {
      await draining;
    }
  };

  return {
    close: async () => {
      await client.endAsync();
      closing = true;
      await settled();
    },
    settled,
  };
};
