import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses';
import type { Wire } from '../wire.js';
import { buildResponsesRequest } from './build-request.js';
import { mapResponsesResponse, responsesRefusals } from './map-response.js';
import { ResponsesStreamAccumulator } from './stream-accumulator.js';

type CreateParams = Parameters<import('openai').default['responses']['create']>[0];

/** OpenAI's Responses API (`POST /responses`). */
export const responsesWire: Wire<Response> = {
  api: 'responses',
  build: buildResponsesRequest,
  create: (sdk, body, requestOptions) =>
    sdk.responses.create(body as CreateParams, requestOptions) as Promise<Response>,
  createStream: (sdk, body, requestOptions) =>
    sdk.responses.create({ ...(body as CreateParams), stream: true }, requestOptions),
  isReply: (value): value is Response =>
    typeof value === 'object' &&
    value !== null &&
    (value as Response).object === 'response' &&
    Array.isArray((value as Response).output),
  map: mapResponsesResponse,
  refusals: responsesRefusals,
  stream: ({ errors }) => {
    const accumulator = new ResponsesStreamAccumulator(errors);
    return {
      add: (event) => accumulator.add(event as ResponseStreamEvent),
      result: () => accumulator.toResponse(),
    };
  },
};
