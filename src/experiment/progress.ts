/** Progress on the terminal: a bar redrawn in place on a TTY, a line per quarter otherwise. */
export type Progress = (step: string, done: number, total: number) => void;

export const consoleProgress = (stream: NodeJS.WriteStream = process.stderr): Progress => {
  let lastStep = '';
  let lastQuarter = -1;

  return (step, done, total) => {
    if (stream.isTTY === true) {
      const width = 30;
      const filled = Math.round((width * done) / Math.max(total, 1));
      stream.write(`\r  ${step.padEnd(34)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done >= total) {
        stream.write('\n');
      }

      return;
    }
    const quarter = Math.floor((4 * done) / Math.max(total, 1));
    if (step !== lastStep || quarter !== lastQuarter) {
      if (step !== lastStep || done >= total || quarter > lastQuarter) {
        stream.write(`  ${step}: ${done}/${total}\n`);
      }
      lastStep = step;
      lastQuarter = quarter;
    }
  };
};

export const silentProgress: Progress = () => undefined;
