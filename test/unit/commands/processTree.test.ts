import * as assert from 'node:assert/strict';
import { descendantsOf, processTable, type ProcessInfo } from '../../../src/agent/commands/processTree';

const entry = (pid: number, ppid: number, pgid = pid): ProcessInfo => ({ pid, ppid, pgid, zombie: false });

describe('process tree', () => {
  it('finds children and grandchildren, whatever their group', () => {
    const table = [entry(1, 0), entry(10, 1), entry(11, 10, 10), entry(12, 11, 12), entry(13, 12, 13), entry(20, 1)];
    assert.deepEqual(descendantsOf(10, table), [11, 12, 13]);
    assert.deepEqual(descendantsOf(20, table), []);
  });

  it('does not loop on a table where a parent link points back', () => {
    assert.deepEqual(descendantsOf(5, [entry(5, 6), entry(6, 5)]), [6]);
  });

  it('reads this process and its parent from the real process table', async () => {
    const table = await processTable();
    const self = table.find((p) => p.pid === process.pid);
    assert.ok(self, 'this process is listed');
    assert.equal(self.ppid, process.ppid);
    assert.equal(self.zombie, false);
  });
});
