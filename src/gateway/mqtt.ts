/**
 * Meters on MQTT: each publishes its signed readings on `mtemsm/<deviceID>/reading`
 * (src/gateway/reading.ts). The gateway subscribes through a real MQTT client (`mqtt`),
 * to a broker it embeds (`aedes`, on a local port) when none is given, or to the group's
 * broker (`--mqtt mqtt://…`, e.g. Debian's mosquitto).
 */
import { AddressInfo, createServer, Server } from 'net';
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

/** Subscribes the gateway to every meter's readings on the broker at `url`. */
export const subscribeMeters = async (url: string, gateway: Gateway, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<MqttIntake> => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mqtt = require('mqtt');
  const client = await mqtt.connectAsync(url, { clientId: `mtemsm-gateway-${process.pid}`, clean: false, reconnectPeriod: 1_000 });
  // Messages are handled one at a time, in arrival order: a meter's register is checked against its previous reading.
  let queue: Promise<void> = Promise.resolve();
  client.on('message', (topic: string, payload: Buffer) => {
    const deviceID = topic.split('/')[1];
    queue = queue.then(async () => {
      try {
        await gateway.receive(payload, 'mqtt', deviceID);
      } catch (error) {
        log(`gateway: mqtt message on ${topic} not handled: ${(error as Error).message}`);
      }
    });
  });
  client.on('error', (error: Error) => log(`gateway: mqtt: ${error.message}`));
  await client.subscribeAsync(READING_TOPIC, { qos: 1 });

  return {
    close: async () => {
      await queue;
      await client.endAsync();
    },
    settled: async () => queue,
  };
};
