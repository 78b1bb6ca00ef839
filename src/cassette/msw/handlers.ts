import { http, type HttpHandler } from 'msw';

/** Answers an intercepted request, or returns undefined to let it through. */
export type CassetteResponder = (request: Request) => Promise<Response | undefined>;

/**
 * A cassette as plain MSW handlers: one catch-all handler that hands each request to the
 * cassette. Once the cassette stops, the handler lets requests through, so it can stay in a
 * server the user owns.
 */
export function createCassetteHandlers(respond: CassetteResponder): HttpHandler[] {
  return [http.all('*', ({ request }) => respond(request))];
}
