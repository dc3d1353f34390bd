/**
 * A probe for issue 15's open criterion ("a day of 96 readings for one meter is one
 * transaction", within the free 10 GAS): how much a reading validator written in raw
 * NeoVM costs, against neo-one's compiled loop (about 0.11 GAS an interval, so 96
 * intervals cannot fit). The validator takes the day packed 3 bytes (unsigned, little
 * endian) an interval and a limit, and returns the sum, or -1 when an interval is over
 * the limit. Run in a node's invokescript (no deployment): its gas_cost is the code's own.
 * Measured here: 16 intervals 0.285 GAS, 96 intervals 1.645 GAS (a sum of 1,171,320 Wh
 * checked), an interval over the limit refused at the 51st after 0.866 GAS.
 * node -r ts-node/register/transpile-only bench/reading-validator.ts
 */
import { startNode } from '../src/chain/node';
const OP: Record<string, number> = { PUSH0: 0x00, PUSHBYTES1: 0x01, PUSHDATA1: 0x4c, PUSHDATA2: 0x4d, PUSHM1: 0x4f, PUSH1: 0x51, PUSH2: 0x52, PUSH3: 0x53, PUSH5: 0x55, JMP: 0x62, JMPIF: 0x63, JMPIFNOT: 0x64, RET: 0x66, TOALTSTACK: 0x6b, FROMALTSTACK: 0x6c, DROP: 0x75, DUP: 0x76, OVER: 0x78, PICK: 0x79, CAT: 0x7e, SUBSTR: 0x7f, SIZE: 0x82, ADD: 0x93, LT: 0x9f, GT: 0xa0 };
type Item = number | { label: string } | { jump: string; op: string } | Buffer;
const assemble = (items: Item[]): Buffer => {
  const labels = new Map<string, number>();
  let pos = 0;
  const sizes = items.map((it) => (typeof it === 'number' ? 1 : Buffer.isBuffer(it) ? it.length : 'label' in it ? 0 : 3));
  items.forEach((it, k) => { if (typeof it === 'object' && !Buffer.isBuffer(it) && 'label' in it) labels.set(it.label, pos); pos += sizes[k]; });
  const out: number[] = [];
  pos = 0;
  items.forEach((it, k) => {
    if (typeof it === 'number') out.push(it);
    else if (Buffer.isBuffer(it)) out.push(...it);
    else if ('jump' in it) { const off = (labels.get(it.jump) as number) - pos; out.push(OP[it.op], off & 0xff, (off >> 8) & 0xff); }
    pos += sizes[k];
  });
  return Buffer.from(out);
};
const pushData = (data: Buffer): Buffer => data.length < 76 ? Buffer.concat([Buffer.from([data.length]), data]) : data.length < 256 ? Buffer.concat([Buffer.from([0x4c, data.length]), data]) : Buffer.concat([Buffer.from([0x4d, data.length & 0xff, data.length >> 8]), data]);
const pushInt = (n: number): Buffer => { // a NeoVM integer: little-endian two's complement, minimal
  let hex = n.toString(16); if (hex.length % 2) hex = '0' + hex; const bytes = Buffer.from(hex, 'hex').reverse();
  const b = bytes[bytes.length - 1] & 0x80 ? Buffer.concat([bytes, Buffer.from([0])]) : bytes; return pushData(b);
};
const validator: Item[] = [
  OP.DUP, OP.SIZE, OP.PUSH0, OP.PUSH0, OP.TOALTSTACK,
  { label: 'loop' },
  OP.DUP, OP.PUSH2, OP.PICK, OP.LT, { jump: 'end', op: 'JMPIFNOT' },
  OP.PUSH2, OP.PICK, OP.OVER, OP.PUSH3, OP.SUBSTR, Buffer.from([0x01, 0x00]), OP.CAT,
  OP.DUP, OP.PUSH5, OP.PICK, OP.GT, { jump: 'bad', op: 'JMPIF' },
  OP.FROMALTSTACK, OP.ADD, OP.TOALTSTACK, OP.PUSH3, OP.ADD, { jump: 'loop', op: 'JMP' },
  { label: 'end' }, OP.DROP, OP.DROP, OP.DROP, OP.DROP, OP.FROMALTSTACK, OP.RET,
  // A probe: the refusal leaves the loop's items under its -1 (a deployed validator would drop them).
  { label: 'bad' }, OP.PUSHM1, OP.RET,
];
(async () => {
  const node = await startNode();
  const rpc = async (method: string, params: unknown[]) => (await (await fetch(node.rpcURL, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })).json()) as any;
  for (const [label, count, over] of [['empty', 0, false], ['16', 16, false], ['96', 96, false], ['96, one over', 96, true]] as const) {
    const limit = 25_000;
    const values = Array.from({ length: count }, (_, i) => (over && i === 50 ? limit + 1 : (i * 997) % limit));
    const packed = Buffer.alloc(count * 3);
    values.forEach((v, i) => packed.writeUIntLE(v, i * 3, 3));
    const script = Buffer.concat([pushInt(limit), count === 0 ? Buffer.from([0]) : pushData(packed), assemble(validator)]);
    const raw = await rpc("invokescript", [script.toString("hex")]); const result = raw.result.result; 
    const expected = over ? -1 : values.reduce((a, b) => a + b, 0);
    console.log(label, 'state', result?.state, 'gas', result?.gas_cost, 'stack', JSON.stringify(result?.stack), 'expected', expected);
  }
  await node.stop();
  process.exit(0);
})();
