// Which MCP tools the model is offered whole, and the loader that stands for the rest.
import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { DEFER_ABOVE, DeferredTools, LOAD_TOOLS } from '../../../src/agent/mcp/deferredTools';
import { defineTool, type Tool, type ToolContext } from '../../../src/agent/tools/tool';

const tool = (name: string, description = `Does ${name}. More words that are not sent.`): Tool =>
  defineTool({ name, description, schema: z.object({}), kind: 'read', run: async () => ({ content: name }) }) as Tool;
const ctx = {} as ToolContext;

describe('deferred MCP tools', () => {
  it(`sends up to ${DEFER_ABOVE} tools whole`, () => {
    const few = Array.from({ length: DEFER_ABOVE }, (_, i) => tool(`s__t${i}`));
    assert.deepEqual(new DeferredTools().offer(few), few);
  });

  it('stands one loader for more, listing each with its first sentence, and offers what was loaded from then on', async () => {
    const many = Array.from({ length: DEFER_ABOVE + 2 }, (_, i) => tool(`s__t${i}`));
    const deferred = new DeferredTools();
    const [loader] = deferred.offer(many);
    assert.equal(loader.name, LOAD_TOOLS);
    assert.match(loader.description, /\ns__t0: Does s__t0\.\n/);
    assert.doesNotMatch(loader.description, /More words/);
    assert.equal(deferred.offer(many)[0], loader, 'the same loader while nothing changed, so its spec is not made again');
    const refused = await loader.run({ names: ['s__t1', 'nope'] }, ctx);
    assert.deepEqual(refused, { content: `Not loaded: nope is not among the tools listed in ${LOAD_TOOLS}'s description.`, isError: true });
    assert.deepEqual(await loader.run({ names: ['s__t1'] }, ctx), { content: 'Loaded s__t1: call it from your next step.' });
    const offered = deferred.offer(many);
    assert.deepEqual(offered.map((t) => t.name), ['s__t1', LOAD_TOOLS]);
    assert.doesNotMatch(offered[1].description, /s__t1:/);
  });
});
