import { OpenAIModel, type OpenAIModelOptions } from '../../src/index.js';
import { tool } from '../../src/tools/index.js';
import type { ToolSpec } from '../../src/model/types.js';
import { loadCorpus } from './corpus.js';

/** A recorded request body of the corpus, as JSON. */
export type Body = Record<string, any>;

/** The request body a corpus exchange sent. */
export const requestBody = (id: string): Body => loadCorpus(id).request.body as Body;

/** The Responses API function tools a corpus request offered, as tool specs (schemas exactly as sent). */
export function toolSpecsOf(id: string): ToolSpec[] {
  return (requestBody(id).tools ?? []).map((tool: Body) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: { json: tool.parameters },
  }));
}

/** The `weather` tool of corpus 25 -> 26, answering what 26 sent back as its output. */
export const weatherTool = tool({
  name: 'weather',
  description: 'Gets current weather for a location',
  inputSchema: requestBody('25').tools[0].parameters,
  execute: ({ latitude, longitude }) =>
    `Current weather at ${String(latitude)}, ${String(longitude)}: 15°C, Wind: 10 km/h`,
});

/** An `OpenAIModel` on the Responses API of a loopback server, with a stand-in key. */
export function responsesModel(baseUrl: string, options: Partial<OpenAIModelOptions> = {}): OpenAIModel {
  return new OpenAIModel({
    modelId: 'gpt-4o-mini',
    api: 'responses',
    apiKey: 'sk-test-key-123456',
    baseUrl,
    ...options,
  });
}
