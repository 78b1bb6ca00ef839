// The little of Polly.js the suite bench uses (its packages ship no types).
declare module '@pollyjs/core' {
  export class Polly {
    constructor(name: string, config?: Record<string, unknown>);
    static register(factory: unknown): void;
    stop(): Promise<void>;
  }
}
declare module '@pollyjs/adapter-fetch' {
  const adapter: unknown;
  export default adapter;
}
declare module '@pollyjs/adapter-node-http' {
  const adapter: unknown;
  export default adapter;
}
declare module '@pollyjs/persister-fs' {
  const persister: unknown;
  export default persister;
}
