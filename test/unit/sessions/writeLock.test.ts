// The workspace's write lock: one session writes at a time, the others wait their turn in order,
// told who they wait for; a failure or a Stop never leaves it held or a stopped session queued;
// a workspace behind it takes the lock at its first write (real files in a temp folder).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockedWrites, WorkspaceWriteLock } from '../../../src/agent/sessions/writeLock';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('The workspace write lock', () => {
  it('lets one owner write, and the others in the order they asked', async () => {
    const lock = new WorkspaceWriteLock();
    const order: string[] = [];
    const waitedFor: string[] = [];
    await lock.acquire('chat');
    await lock.acquire('chat');
    const b = lock.acquire('b', { onWait: (holder) => waitedFor.push(`b waits for ${holder}`) }).then(() => order.push('b'));
    const c = lock.acquire('c', { onWait: (holder) => waitedFor.push(`c waits for ${holder}`) }).then(() => order.push('c'));
    await tick();
    assert.deepEqual(order, []);
    assert.deepEqual(waitedFor, ['b waits for chat', 'c waits for chat']);
    lock.release('c');
    await tick();
    assert.equal(lock.owner, 'chat', 'a release by one that does not hold it changes nothing');
    lock.release('chat');
    await b;
    assert.equal(lock.owner, 'b');
    assert.deepEqual(order, ['b']);
    lock.release('b');
    await c;
    assert.deepEqual(order, ['b', 'c']);
    lock.release('c');
    assert.equal(lock.owner, undefined);
  });

  it('takes a stopped waiter out of the queue, and refuses one stopped already', async () => {
    const lock = new WorkspaceWriteLock();
    await lock.acquire('a');
    const stop = new AbortController();
    const b = lock.acquire('b', { signal: stop.signal });
    const c = lock.acquire('c');
    stop.abort();
    await assert.rejects(b, /stopped while waiting/);
    lock.release('a');
    await c;
    assert.equal(lock.owner, 'c');
    await assert.rejects(lock.acquire('d', { signal: AbortSignal.abort() }), { name: 'AbortError' });
  });

  it('is free again after a session that failed while holding it', async () => {
    const lock = new WorkspaceWriteLock();
    const session = async () => {
      await lock.acquire('here');
      try {
        throw new Error('the model failed');
      } finally {
        lock.release('here');
      }
    };
    await assert.rejects(session(), /the model failed/);
    assert.equal(lock.owner, undefined);
    await lock.acquire('chat');
    assert.equal(lock.owner, 'chat');
  });

  it('takes the lock at the first write of a workspace behind it, and the second writer waits', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ouro-lock-'));
    try {
      await writeFile(join(root, 'a.txt'), 'one\n');
      const lock = new WorkspaceWriteLock();
      const waits: string[] = [];
      const chat = lockedWrites(new NodeWorkspace(root, { approve: 'all' }), lock, 'chat');
      const here = lockedWrites(new NodeWorkspace(root, { approve: 'all' }), lock, 'here', { onWait: (holder) => waits.push(holder) });
      assert.equal(Buffer.from(await chat.readFile('a.txt')).toString('utf8'), 'one\n');
      assert.equal(lock.owner, undefined, 'reading takes no lock');
      await chat.propose({ path: 'a.txt', content: 'two\n', original: 'one\n', summary: 'edit', toolCallId: 'c1' });
      assert.equal(lock.owner, 'chat');
      const second = here.propose({ path: 'b.txt', content: 'new\n', summary: 'create', toolCallId: 'h1' });
      await tick();
      assert.deepEqual(waits, ['chat']);
      await assert.rejects(readFile(join(root, 'b.txt')), { code: 'ENOENT' });
      lock.release('chat');
      assert.equal((await second).status, 'accepted');
      assert.equal(await readFile(join(root, 'b.txt'), 'utf8'), 'new\n');
      assert.equal(lock.owner, 'here');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
