/** mtemsm audit: the auditor's verdict on a group, and the utility's exports. */
import * as fs from 'fs';
import * as path from 'path';
import { Checkpoint, audit } from '../../audit/audit';
import { auditedGroup } from '../../audit/events';
import { writeExports } from '../../audit/exports';
import { Command, option } from '../command';
import { readDeployment } from '../../chain/network';
import { connectGroup } from '../context';
import { OperationError, UsageError } from '../errors';
import { fields, print, printJSON, table } from '../output';

/** The saved checkpoint, if FILE exists (audit() checks that it is this group's). */
const readCheckpoint = (file: string): Checkpoint | undefined => {
  if (!fs.existsSync(file)) {
    return undefined;
  }
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Checkpoint;
  } catch {
    throw new OperationError(`The checkpoint ${file} is not readable JSON.`);
  }
};

export const auditCommands: Command[] = [
  {
    path: ['audit'],
    arity: [0, 0],
    options: [
      option('out', 'DIR', 'write allocation.csv, events.csv, referendums.csv and audit.json there'),
      option('from-block', 'N', 'start reading at block N (the group was deployed at or after it)'),
      option('checkpoint', 'FILE', 'resume from FILE if it exists, and save the new checkpoint there'),
    ],
    summary:
      "Rebuild the group from its events alone, check invariants 1-5 after every transaction, compare with the contracts' reads; exit 0 only when all holds.",
    examples: [
      'mtemsm audit --out audit/',
      'mtemsm audit --checkpoint audit/checkpoint.json --out audit/   # daily: reads only the new blocks',
      'mtemsm audit --rpc http://node.example:10332 --contract AYHNDrWEQdmpZhSJQDLvyr98tZTw5Mh9QJ --json',
    ],
    onChain: true,
    run: async (ctx) => {
      const fromText = ctx.opt('from-block');
      if (fromText !== undefined && !/^\d+$/.test(fromText)) {
        throw new UsageError(`Bad --from-block "${fromText}": a block number (0, 1, 2, …).`);
      }
      const { group } = await connectGroup(ctx);
      const checkpointFile = ctx.opt('checkpoint');
      const checkpoint = checkpointFile === undefined ? undefined : readCheckpoint(checkpointFile);
      const progress = (read: number, total: number): void => {
        if (!ctx.json) {
          process.stderr.write(`\rreading blocks: ${read}/${total}${read === total ? '\n' : ''}`);
        }
      };
      let result;
      try {
        result = await audit({ group: auditedGroup(group), fromBlock: fromText === undefined ? undefined : Number(fromText), checkpoint, progress });
      } catch (error) {
        throw new OperationError((error as Error).message.split('\n')[0]);
      }
      const { verdict } = result;
      const out = ctx.opt('out');
      const saved = readDeployment();
      const written = out === undefined ? [] : writeExports(out, result, saved?.contracts.ledger === group.contracts.ledger ? saved.setting : undefined);
      if (checkpointFile !== undefined) {
        fs.mkdirSync(path.dirname(path.resolve(checkpointFile)), { recursive: true });
        fs.writeFileSync(checkpointFile, JSON.stringify(result.checkpoint));
      }
      if (ctx.json) {
        printJSON(verdict);
      } else {
        print(verdict.ok ? 'AUDIT PASSED: everything checked holds.' : 'AUDIT FAILED: see below.');
        print(
          fields([
            ['group', `${verdict.ledger} on ${verdict.rpcURL}`],
            ['blocks', `${verdict.fromBlock} to ${verdict.toBlock}${verdict.readFromBlock !== verdict.fromBlock ? ` (read ${verdict.readFromBlock} onwards, resumed from the checkpoint)` : ''}`],
            ['events', `${verdict.events.toLocaleString('en-US')} (${verdict.eventsRead.toLocaleString('en-US')} read now)`],
            ['members', String(verdict.members)],
            ['seconds', verdict.seconds.toFixed(1)],
          ]),
        );
        print('');
        for (const { check, holds } of verdict.checked) {
          print(`  ${holds ? 'holds ' : 'BROKEN'}  ${check}`);
        }
        if (verdict.violations.length > 0) {
          print('');
          print('Where each first broke:');
          print(
            table(
              ['invariant', 'block', 'transaction', 'event', 'what'],
              verdict.violations.map((violation) => [String(violation.invariant), String(violation.block), violation.transaction, violation.event, violation.message]),
            ),
          );
        }
        if (verdict.ignored.length > 0) {
          print('');
          print("Transactions left out: they carry neo-one's error notification (a throw inside a call from another contract, spec v1.1 §1):");
          print(
            table(
              ['block', 'transaction', 'group events ignored', 'error'],
              verdict.ignored.map((entry) => [String(entry.blockIndex), entry.transactionHash, String(entry.groupEvents), entry.errors.join('; ')]),
            ),
          );
        }
        for (const mismatch of verdict.mismatches.slice(0, 20)) {
          print(`  differs: ${mismatch}`);
        }
        if (verdict.mismatches.length > 20) {
          print(`  … and ${verdict.mismatches.length - 20} more differences (--json lists them all).`);
        }
        for (const file of written) {
          print(`wrote ${file}`);
        }
        if (checkpointFile !== undefined) {
          print(`checkpoint saved to ${checkpointFile}: the next audit reads from block ${result.checkpoint.nextBlock}`);
        }
      }
      if (!verdict.ok) {
        process.exitCode = 1;
      }
    },
  },
];
