/**
 * Smart-home integration (../shared/spec/microgrid.md, "The meter gateway"): a member who
 * opts in sees their own figures in Home Assistant through its MQTT discovery. For each
 * sensor the gateway publishes a retained config on
 * `<prefix>/sensor/mtemsm_<deviceID>_<key>/config` (prefix 'homeassistant' unless the
 * member set another), then the states on the sensors' state topics, on the member's own
 * broker or, without one, the gateway's.
 *
 * Home Assistant's rules this follows (its MQTT sensor and sensor device-class docs):
 * - a config is JSON with name, unique_id, state_topic, unit_of_measurement, device_class,
 *   state_class and device {identifiers, name, manufacturer}; an object ID is letters,
 *   digits, '_' and '-';
 * - device_class 'energy' takes state_class 'total' or 'total_increasing' only, 'power' takes
 *   'measurement' only. So the last interval's consumption is its mean power (W = Wh × 4),
 *   'power'/'measurement': as 'energy'/'total_increasing' an interval's figure would be
 *   summed wrongly (a rise from 100 to 150 Wh counts 50), and 'energy'/'measurement' is
 *   refused. Today's figures reset at local midnight, which 'total_increasing' reads as a
 *   new cycle;
 * - a state is at most 255 characters, so the alerts sensor's state is their count and the
 *   alerts themselves are its JSON attributes (json_attributes_topic).
 */
import * as fs from 'fs';
import { option } from '../analytics/common';
import { demandW } from '../analytics/consumption';
import { DEVICE_ID } from './reading';

/** Home Assistant's default discovery prefix. */
export const DEFAULT_DISCOVERY_PREFIX = 'homeassistant';
export const MANUFACTURER = 'MTEMsm';

/** What a member sees, as of the last ended interval. Energies in whole Wh. */
export interface HomeFigures {
  /** Consumption in the last ended interval; absent: no reading of it (not 0 Wh), and no state is sent. */
  readonly lastIntervalWh?: number;
  /** Consumption since local midnight (America/Sao_Paulo). */
  readonly todayWh: number;
  /** The member's credits today: their quota's share of the group plants' production. */
  readonly productionShareTodayWh: number;
  /** The member's active alerts (abnormal usage, their thresholds, maintenance, quality). */
  readonly alerts: readonly HomeAlert[];
}

export interface HomeAlert {
  readonly kind: string;
  readonly message: string;
}

/** A retained MQTT message: where, and what (UTF-8). */
export interface MqttMessage {
  readonly topic: string;
  readonly payload: string;
}

interface Sensor {
  readonly key: string;
  readonly name: string;
  readonly unit?: string;
  readonly deviceClass?: 'energy' | 'power';
  readonly stateClass?: 'total_increasing' | 'measurement';
  readonly icon?: string;
  /** The state payload; undefined: nothing to send this time. */
  readonly state: (figures: HomeFigures) => string | undefined;
  /** A JSON object of attributes, on the sensor's attributes topic. */
  readonly attributes?: (figures: HomeFigures) => Record<string, unknown>;
}

const kWh = (energyWh: number): string => String(energyWh / 1_000);

/** The sensors, each defined once: its config and its state come from here. */
const SENSORS: readonly Sensor[] = [
  {
    key: 'consumption_interval',
    name: 'Consumption, last 15 minutes',
    unit: 'W',
    deviceClass: 'power',
    stateClass: 'measurement',
    state: (figures) => (figures.lastIntervalWh === undefined ? undefined : String(demandW(figures.lastIntervalWh))),
  },
  { key: 'consumption_today', name: 'Consumption today', unit: 'kWh', deviceClass: 'energy', stateClass: 'total_increasing', state: (figures) => kWh(figures.todayWh) },
  {
    key: 'production_share_today',
    name: 'Production share today',
    unit: 'kWh',
    deviceClass: 'energy',
    stateClass: 'total_increasing',
    state: (figures) => kWh(figures.productionShareTodayWh),
  },
  {
    key: 'alerts',
    name: 'Active alerts',
    icon: 'mdi:alert-circle-outline',
    state: (figures) => String(figures.alerts.length),
    attributes: (figures) => ({ alerts: figures.alerts.map(({ kind, message }) => ({ kind, message })) }),
  },
];

export const SENSOR_KEYS: readonly string[] = SENSORS.map(({ key }) => key);

const stateTopic = (deviceID: string, key: string): string => `mtemsm/${deviceID}/homeassistant/${key}`;
const attributesTopic = (deviceID: string, key: string): string => `${stateTopic(deviceID, key)}/attributes`;
export const configTopic = (prefix: string, deviceID: string, key: string): string => `${prefix}/sensor/mtemsm_${deviceID}_${key}/config`;

// The rules of an opt-in's fields, each once: the parser names the field, the builders refuse.
const deviceIDProblem = (deviceID: unknown): string | undefined =>
  typeof deviceID === 'string' && DEVICE_ID.test(deviceID) ? undefined : `is not D<n>: ${JSON.stringify(deviceID)}`;
const prefixProblem = (prefix: unknown): string | undefined =>
  typeof prefix === 'string' && /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(prefix)
    ? undefined
    : `is not a topic prefix (levels of letters, digits, _ and -, separated by /): ${JSON.stringify(prefix)}`;
const BROKER_PROTOCOLS = ['mqtt:', 'mqtts:', 'ws:', 'wss:'];
const urlProblem = (url: unknown): string | undefined => {
  try {
    if (typeof url === 'string' && BROKER_PROTOCOLS.includes(new URL(url).protocol)) {
      return undefined;
    }
  } catch {
    // not a URL: named below
  }

  return `is not an mqtt://, mqtts://, ws:// or wss:// URL: ${JSON.stringify(url)}`;
};

const check = (name: string, problem: string | undefined): void => {
  if (problem !== undefined) {
    throw new Error(`${name} ${problem}`);
  }
};

/** The retained discovery configs of a member's sensors. */
export const discoveryMessages = ({ prefix = DEFAULT_DISCOVERY_PREFIX, deviceID }: { readonly prefix?: string; readonly deviceID: string }): MqttMessage[] => {
  check('deviceID', deviceIDProblem(deviceID));
  check('prefix', prefixProblem(prefix));
  const device = { identifiers: [`mtemsm_${deviceID}`], name: `${MANUFACTURER} ${deviceID}`, manufacturer: MANUFACTURER };

  return SENSORS.map((sensor) => ({
    topic: configTopic(prefix, deviceID, sensor.key),
    payload: JSON.stringify({
      name: sensor.name,
      unique_id: `mtemsm_${deviceID}_${sensor.key}`,
      state_topic: stateTopic(deviceID, sensor.key),
      ...(sensor.attributes === undefined ? {} : { json_attributes_topic: attributesTopic(deviceID, sensor.key) }),
      ...(sensor.unit === undefined ? {} : { unit_of_measurement: sensor.unit }),
      ...(sensor.deviceClass === undefined ? {} : { device_class: sensor.deviceClass }),
      ...(sensor.stateClass === undefined ? {} : { state_class: sensor.stateClass }),
      ...(sensor.icon === undefined ? {} : { icon: sensor.icon }),
      device,
    }),
  }));
};

const checkFigures = ({ lastIntervalWh, todayWh, productionShareTodayWh }: HomeFigures): void => {
  if (lastIntervalWh !== undefined) {
    option(lastIntervalWh, 0, 'lastIntervalWh', true);
  }
  option(todayWh, 0, 'todayWh', true);
  option(productionShareTodayWh, 0, 'productionShareTodayWh', true);
};

/** A member's states (and the alerts' attributes before their count), in sensor order. */
export const stateMessages = ({ deviceID, figures }: { readonly deviceID: string; readonly figures: HomeFigures }): MqttMessage[] => {
  check('deviceID', deviceIDProblem(deviceID));
  checkFigures(figures);

  return SENSORS.flatMap((sensor) => {
    const state = sensor.state(figures);
    const attributes = sensor.attributes === undefined ? [] : [{ topic: attributesTopic(deviceID, sensor.key), payload: JSON.stringify(sensor.attributes(figures)) }];

    return state === undefined ? attributes : [...attributes, { topic: stateTopic(deviceID, sensor.key), payload: state }];
  });
};

export interface HomeAssistantTarget {
  /** The broker: the member's own, or the gateway's. */
  readonly url: string;
  readonly prefix?: string;
  readonly deviceID: string;
  readonly figures: HomeFigures;
}

/** The host of a broker URL, for logs (a URL may carry a password). */
const brokerHost = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
};

/**
 * Publishes a member's discovery configs, then their states, all retained at QoS 1: a Home
 * Assistant that starts (or subscribes) later gets the sensors and their last values at
 * once. The configs go every time: identical ones change nothing in Home Assistant, and a
 * broker that lost its retained messages gets them back. Returns the messages published.
 */
export const publishHomeAssistant = async ({ url, prefix, deviceID, figures }: HomeAssistantTarget): Promise<number> => {
  const messages = [...discoveryMessages({ prefix, deviceID }), ...stateMessages({ deviceID, figures })];
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mqtt = require('mqtt') as typeof import('mqtt');
  // No retries: an unreachable broker is an error for this interval, logged by the caller; the next interval tries again.
  const client = await mqtt.connectAsync(url, { clientId: `mtemsm-homeassistant-${deviceID}-${process.pid}`, reconnectPeriod: 0, connectTimeout: 10_000 }, false);
  try {
    for (const { topic, payload } of messages) {
      await client.publishAsync(topic, payload, { qos: 1, retain: true });
    }
  } finally {
    await client.endAsync();
  }

  return messages.length;
};

/** A member who opted in: their device, and their broker and prefix if not the defaults. */
export interface HomeAssistantOptIn {
  readonly deviceID: string;
  readonly url?: string;
  readonly prefix?: string;
}

const OPT_IN_FIELDS = ['deviceID', 'url', 'prefix'];

const parseOptIn = (value: unknown, at: string): HomeAssistantOptIn => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${at} is not an object {deviceID, url?, prefix?}`);
  }
  const entry = value as Record<string, unknown>;
  const unknownField = Object.keys(entry).find((field) => !OPT_IN_FIELDS.includes(field));
  if (unknownField !== undefined) {
    throw new Error(`${at}.${unknownField} is not a field (deviceID, url?, prefix?)`);
  }
  check(`${at}.deviceID`, deviceIDProblem(entry.deviceID));
  if (entry.url !== undefined) {
    check(`${at}.url`, urlProblem(entry.url));
  }
  if (entry.prefix !== undefined) {
    check(`${at}.prefix`, prefixProblem(entry.prefix));
  }

  return entry as unknown as HomeAssistantOptIn;
};

/** The opt-in list `{ "members": [{ "deviceID": "D7", "url"?: "mqtt://…", "prefix"?: "homeassistant" }] }`; a bad one throws one line naming the field. */
export const parseOptIns = (text: string): HomeAssistantOptIn[] => {
  let value: any;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || !Array.isArray(value.members)) {
    throw new Error('members is not a list of {deviceID, url?, prefix?}');
  }
  const members = (value.members as unknown[]).map((entry, index) => parseOptIn(entry, `members[${index}]`));
  members.forEach(({ deviceID }, index) => {
    if (members.findIndex((member) => member.deviceID === deviceID) !== index) {
      throw new Error(`members[${index}].deviceID ${deviceID} is listed twice`);
    }
  });

  return members;
};

/** The opt-in list from a file; an error names the file. */
export const readOptIns = (file: string): HomeAssistantOptIn[] => {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the Home Assistant opt-in list ${file}: ${(error as Error).message}`);
  }
  try {
    return parseOptIns(text);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
};

export interface OptedInRound {
  readonly members: readonly HomeAssistantOptIn[];
  /** The gateway's broker, for members who gave none of their own. */
  readonly brokerURL: string;
  /** A member's figures; undefined: none to publish this round. */
  readonly figuresOf: (deviceID: string) => Promise<HomeFigures | undefined>;
  readonly log?: (line: string) => void;
}

/**
 * One round for every member who opted in, and no one else. A member's broker being down
 * (or their figures failing) is logged and skips only that member. Returns the devices published.
 */
export const publishToOptedIn = async ({ members, brokerURL, figuresOf, log = (line) => process.stderr.write(`${line}\n`) }: OptedInRound): Promise<string[]> => {
  const published: string[] = [];
  for (const { deviceID, url = brokerURL, prefix } of members) {
    try {
      const figures = await figuresOf(deviceID);
      if (figures !== undefined) {
        await publishHomeAssistant({ url, prefix, deviceID, figures });
        published.push(deviceID);
      }
    } catch (error) {
      log(`gateway: Home Assistant for ${deviceID} at ${brokerHost(url)} not published, tried again next interval: ${(error as Error).message}`);
    }
  }

  return published;
};
