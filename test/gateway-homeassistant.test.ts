/**
 * Home Assistant MQTT discovery (src/gateway/homeassistant.ts): the messages built (pure),
 * the opt-in list's one-line refusals, and a round on loopback — two embedded brokers
 * (aedes: the gateway's, and one member's own), real MQTT clients subscribed as Home
 * Assistant would be. Opted-in members' configs arrive retained at the discovery topics as
 * valid JSON, their states follow; a member who did not opt in gets nothing; a member whose
 * broker is down is logged and skips only them.
 */
import * as fs from 'fs';
import { AddressInfo, createServer } from 'net';
import * as os from 'os';
import * as path from 'path';
import {
  configTopic,
  discoveryMessages,
  HomeFigures,
  parseOptIns,
  publishToOptedIn,
  readOptIns,
  SENSOR_KEYS,
  stateMessages,
} from '../src/gateway/homeassistant';
import { EmbeddedBroker, startBroker } from '../src/gateway/mqtt';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const mqtt = require('mqtt') as typeof import('mqtt');

const figures: HomeFigures = {
  lastIntervalWh: 250,
  todayWh: 12_345,
  productionShareTodayWh: 4_200,
  alerts: [
    { kind: 'abnormalUsage', message: '19:00: 1000 Wh, 10× the usual' },
    { kind: 'threshold', message: 'today above 10 kWh' },
  ],
};

const device = (deviceID: string) => ({ identifiers: [`mtemsm_${deviceID}`], name: `MTEMsm ${deviceID}`, manufacturer: 'MTEMsm' });

describe('the messages (pure)', () => {
  test('a config per sensor at <prefix>/sensor/mtemsm_<deviceID>_<key>/config, in Home Assistant’s fields', () => {
    const messages = discoveryMessages({ deviceID: 'D7' });
    expect(messages.map(({ topic }) => topic)).toEqual([
      'homeassistant/sensor/mtemsm_D7_consumption_interval/config',
      'homeassistant/sensor/mtemsm_D7_consumption_today/config',
      'homeassistant/sensor/mtemsm_D7_production_share_today/config',
      'homeassistant/sensor/mtemsm_D7_alerts/config',
    ]);
    expect(messages.map(({ payload }) => JSON.parse(payload))).toEqual([
      {
        name: 'Consumption, last 15 minutes',
        unique_id: 'mtemsm_D7_consumption_interval',
        state_topic: 'mtemsm/D7/homeassistant/consumption_interval',
        unit_of_measurement: 'W',
        device_class: 'power',
        state_class: 'measurement',
        device: device('D7'),
      },
      {
        name: 'Consumption today',
        unique_id: 'mtemsm_D7_consumption_today',
        state_topic: 'mtemsm/D7/homeassistant/consumption_today',
        unit_of_measurement: 'kWh',
        device_class: 'energy',
        state_class: 'total_increasing',
        device: device('D7'),
      },
      {
        name: 'Production share today',
        unique_id: 'mtemsm_D7_production_share_today',
        state_topic: 'mtemsm/D7/homeassistant/production_share_today',
        unit_of_measurement: 'kWh',
        device_class: 'energy',
        state_class: 'total_increasing',
        device: device('D7'),
      },
      {
        name: 'Active alerts',
        unique_id: 'mtemsm_D7_alerts',
        state_topic: 'mtemsm/D7/homeassistant/alerts',
        json_attributes_topic: 'mtemsm/D7/homeassistant/alerts/attributes',
        icon: 'mdi:alert-circle-outline',
        device: device('D7'),
      },
    ]);
    expect(discoveryMessages({ prefix: 'casa/ha', deviceID: 'D7' })[0].topic).toBe('casa/ha/sensor/mtemsm_D7_consumption_interval/config');
  });

  test('states: the interval’s mean power, today’s kWh, the alerts’ count after their attributes; none for a missing interval', () => {
    expect(stateMessages({ deviceID: 'D7', figures }).map(({ topic, payload }) => [topic, payload])).toEqual([
      // 250 Wh in 15 minutes: 1000 W.
      ['mtemsm/D7/homeassistant/consumption_interval', '1000'],
      ['mtemsm/D7/homeassistant/consumption_today', '12.345'],
      ['mtemsm/D7/homeassistant/production_share_today', '4.2'],
      ['mtemsm/D7/homeassistant/alerts/attributes', JSON.stringify({ alerts: figures.alerts })],
      ['mtemsm/D7/homeassistant/alerts', '2'],
    ]);
    expect(stateMessages({ deviceID: 'D7', figures: { ...figures, lastIntervalWh: undefined, alerts: [] } }).map(({ topic, payload }) => [topic, payload])).toEqual([
      ['mtemsm/D7/homeassistant/consumption_today', '12.345'],
      ['mtemsm/D7/homeassistant/production_share_today', '4.2'],
      ['mtemsm/D7/homeassistant/alerts/attributes', '{"alerts":[]}'],
      ['mtemsm/D7/homeassistant/alerts', '0'],
    ]);
  });

  test('a bad device, prefix or figure is refused in one line', () => {
    expect(() => discoveryMessages({ deviceID: 'X1' })).toThrow('deviceID is not D<n>: "X1"');
    expect(() => discoveryMessages({ prefix: 'ha/#', deviceID: 'D1' })).toThrow('prefix is not a topic prefix (levels of letters, digits, _ and -, separated by /): "ha/#"');
    expect(() => discoveryMessages({ prefix: '', deviceID: 'D1' })).toThrow('prefix is not a topic prefix');
    expect(() => stateMessages({ deviceID: 'D1', figures: { ...figures, todayWh: 1.5 } })).toThrow('todayWh is an integer, 0 or more: 1.5.');
    expect(() => stateMessages({ deviceID: 'D1', figures: { ...figures, lastIntervalWh: -1 } })).toThrow('lastIntervalWh is an integer, 0 or more: -1.');
  });

  test('the opt-in list: members with their broker and prefix if any; each bad field named in one line', () => {
    expect(parseOptIns('{"members":[{"deviceID":"D1"},{"deviceID":"D2","url":"mqtt://user:secret@casa.local:1883","prefix":"ha"}]}')).toEqual([
      { deviceID: 'D1' },
      { deviceID: 'D2', url: 'mqtt://user:secret@casa.local:1883', prefix: 'ha' },
    ]);
    expect(parseOptIns('{"members":[]}')).toEqual([]);
    const cases: Array<[string, string]> = [
      ['{', 'not JSON: '],
      ['[]', 'members is not a list of {deviceID, url?, prefix?}'],
      ['{"members":{}}', 'members is not a list of {deviceID, url?, prefix?}'],
      ['{"members":[7]}', 'members[0] is not an object {deviceID, url?, prefix?}'],
      ['{"members":[{"deviceID":"D1"},{"device":"D2"}]}', 'members[1].device is not a field (deviceID, url?, prefix?)'],
      ['{"members":[{"deviceID":"member 2"}]}', 'members[0].deviceID is not D<n>: "member 2"'],
      ['{"members":[{"deviceID":"D1","url":"http://casa.local"}]}', 'members[0].url is not an mqtt://, mqtts://, ws:// or wss:// URL: "http://casa.local"'],
      ['{"members":[{"deviceID":"D1","url":"casa.local:1883"}]}', 'members[0].url is not an mqtt://, mqtts://, ws:// or wss:// URL: "casa.local:1883"'],
      ['{"members":[{"deviceID":"D1","prefix":"ha/+"}]}', 'members[0].prefix is not a topic prefix'],
      ['{"members":[{"deviceID":"D1"},{"deviceID":"D1"}]}', 'members[1].deviceID D1 is listed twice'],
    ];
    const refusal = (text: string): string => {
      try {
        parseOptIns(text);

        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    for (const [text, why] of cases) {
      const message = refusal(text);
      expect([text, message.slice(0, why.length), message.includes('\n')]).toEqual([text, why, false]);
    }
    // From a file, the file is named.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-homeassistant-'));
    const file = path.join(dir, 'homeassistant.json');
    fs.writeFileSync(file, '{"members":[{"deviceID":"D5","prefix":"casa"}]}');
    expect(readOptIns(file)).toEqual([{ deviceID: 'D5', prefix: 'casa' }]);
    fs.writeFileSync(file, '{"members":[{"deviceID":"D5","prefx":"casa"}]}');
    expect(() => readOptIns(file)).toThrow(`${file}: members[0].prefx is not a field (deviceID, url?, prefix?)`);
    expect(() => readOptIns(path.join(dir, 'absent.json'))).toThrow(`Cannot read the Home Assistant opt-in list ${path.join(dir, 'absent.json')}: ENOENT`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

interface Received {
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
}

/** A client subscribed as Home Assistant would be, collecting what arrives. */
const listen = async (url: string, topics: string[]) => {
  const client = await mqtt.connectAsync(url, { clientId: `listener-${Math.random().toString(16).slice(2)}` });
  const received: Received[] = [];
  client.on('message', (topic, payload, packet) => received.push({ topic, payload: payload.toString(), retain: packet.retain }));
  await client.subscribeAsync(topics, { qos: 1 });

  return { received, close: async () => client.endAsync() };
};

const until = async (check: () => boolean, what: string): Promise<void> => {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** A port nothing listens on: a broker that is down. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));

  return port;
};

describe('a round on real brokers', () => {
  let gatewayBroker: EmbeddedBroker;
  let memberBroker: EmbeddedBroker;

  beforeAll(async () => {
    [gatewayBroker, memberBroker] = await Promise.all([startBroker(0), startBroker(0)]);
  });

  afterAll(async () => {
    await gatewayBroker?.close();
    await memberBroker?.close();
  });

  test('opted-in members get retained configs then states, on their broker and prefix; the others nothing', async () => {
    const TOPICS = ['homeassistant/#', 'ha/#', 'mtemsm/#'];
    const live = await listen(gatewayBroker.url, TOPICS);
    const liveOnMembers = await listen(memberBroker.url, TOPICS);
    const down = `mqtt://127.0.0.1:${await closedPort()}`;
    const lines: string[] = [];
    const figuresByDevice = new Map(['D1', 'D2', 'D3', 'D4'].map((deviceID) => [deviceID, figures]));
    // D3 has figures but did not opt in; D4 opted in with a broker that is down.
    const members = parseOptIns(JSON.stringify({ members: [{ deviceID: 'D1' }, { deviceID: 'D2', url: memberBroker.url, prefix: 'ha' }, { deviceID: 'D4', url: down }] }));

    const published = await publishToOptedIn({ members, brokerURL: gatewayBroker.url, figuresOf: async (deviceID) => figuresByDevice.get(deviceID), log: (line) => lines.push(line) });
    expect(published).toEqual(['D1', 'D2']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^gateway: Home Assistant for D4 at 127\.0\.0\.1:\d+ not published, tried again next interval: /);

    // Live subscribers: the four configs first, then the five states, in order.
    const d1Configs = SENSOR_KEYS.map((key) => configTopic('homeassistant', 'D1', key));
    const d1States = stateMessages({ deviceID: 'D1', figures }).map(({ topic, payload }) => [topic, payload]);
    await until(() => live.received.length >= 9 && liveOnMembers.received.length >= 9, 'nine messages on each broker');
    expect(live.received.map(({ topic }) => topic)).toEqual([...d1Configs, ...d1States.map(([topic]) => topic)]);
    expect(liveOnMembers.received.map(({ topic }) => topic)).toEqual([
      ...SENSOR_KEYS.map((key) => configTopic('ha', 'D2', key)),
      ...stateMessages({ deviceID: 'D2', figures }).map(({ topic }) => topic),
    ]);

    // Home Assistant started later: everything is there, retained; configs are valid JSON pointing at retained states.
    const later = await listen(gatewayBroker.url, TOPICS);
    await until(() => later.received.length >= 9, 'the retained messages');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(later.received.every(({ retain }) => retain)).toBe(true);
    expect(new Set(later.received.map(({ topic }) => topic))).toEqual(new Set([...d1Configs, ...d1States.map(([topic]) => topic)]));
    const retained = new Map(later.received.map(({ topic, payload }) => [topic, payload]));
    for (const topic of d1Configs) {
      const config = JSON.parse(retained.get(topic)!);
      expect(config.device).toEqual(device('D1'));
      expect(retained.has(config.state_topic)).toBe(true);
    }
    expect(d1States.every(([topic, payload]) => retained.get(topic) === payload)).toBe(true);
    expect(JSON.parse(retained.get('mtemsm/D1/homeassistant/alerts/attributes')!)).toEqual({ alerts: figures.alerts });

    // Nothing of D3 (not opted in) on either broker, nothing of D2 on the gateway's, of D1 on the member's.
    const everything = [...live.received, ...liveOnMembers.received, ...later.received];
    expect(everything.filter(({ topic }) => topic.includes('D3'))).toEqual([]);
    expect([...live.received, ...later.received].filter(({ topic }) => topic.includes('D2'))).toEqual([]);
    expect(liveOnMembers.received.filter(({ topic }) => topic.includes('D1'))).toEqual([]);

    await Promise.all([live.close(), liveOnMembers.close(), later.close()]);
  }, 60_000);
});
