// Preload for record-fixtures.ts (`node --import tsx --import ./reroute-openai.ts <example>`)
// and the README's e2e test (Node's own type stripping loads it there): stands in for
// api.openai.com, as a hosts-file entry would. The requests a cassette sends for real to
// https://api.openai.com go to the loopback server SPARK_EXAMPLES_UPSTREAM names, with the
// same method, path, headers and body; the example, OpenAIModel and the cassette layer all
// still see (and record) the api.openai.com URL. Recording any other host is refused, so a
// recording made under this preload never reaches the network.

const OPENAI_ORIGIN = 'https://api.openai.com';
const upstream = process.env['SPARK_EXAMPLES_UPSTREAM'];
if (!upstream) {
  throw new Error(
    'reroute-openai.ts: set SPARK_EXAMPLES_UPSTREAM to the loopback server origin (http://127.0.0.1:<port>).',
  );
}

const realFetch = globalThis.fetch;

// @note A cassette sends what it records with `globalThis.fetch(bypass(request))`, read at call
// time (src/cassette/live-request.ts); MSW's `bypass()` marks such a request with
// `accept: msw/passthrough`. Only those are rerouted: requests a project's own MSW handlers
// answer (the README's errors.spec.ts) go their usual way.
globalThis.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const request = new Request(input, init);
  if (!request.headers.get('accept')?.includes('msw/passthrough')) {
    return realFetch(request);
  }
  const url = new URL(request.url);
  if (url.origin !== OPENAI_ORIGIN) {
    return Promise.reject(
      new Error(
        `reroute-openai.ts: refusing to record ${url.origin}: only api.openai.com is served, by the loopback stand-in.`,
      ),
    );
  }
  return realFetch(new Request(`${upstream}${url.pathname}${url.search}`, request));
};
