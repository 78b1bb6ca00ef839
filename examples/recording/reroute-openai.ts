// Preload for record-fixtures.ts (`node --import tsx --import ./reroute-openai.ts <example>`):
// stands in for api.openai.com, as a hosts-file entry would. A request for
// https://api.openai.com/... goes to the loopback server SPARK_EXAMPLES_UPSTREAM names, with
// the same method, path, headers and body; the example, OpenAIModel and the cassette layer
// all still see (and record) the api.openai.com URL. Any other host is refused, so recording
// the fixtures never reaches the network.

const OPENAI_ORIGIN = 'https://api.openai.com';
const upstream = process.env['SPARK_EXAMPLES_UPSTREAM'];
if (!upstream) {
  throw new Error('reroute-openai.ts: set SPARK_EXAMPLES_UPSTREAM to the loopback server origin (http://127.0.0.1:<port>).');
}

const realFetch = globalThis.fetch;

// @note The cassette layer sends recorded requests with `globalThis.fetch`, read at call time
// (src/cassette/live-request.ts), so replacing it here reroutes exactly those requests.
globalThis.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (url.origin !== OPENAI_ORIGIN) {
    return Promise.reject(new Error(`reroute-openai.ts: refusing to reach ${url.origin}: recording the example fixtures stays on loopback.`));
  }
  return realFetch(new Request(`${upstream}${url.pathname}${url.search}`, request));
};
