import type { ToolLike } from '../tools/types.js';
import { AgentConfigurationError } from './errors.js';
import type { AgentConfig } from './types.js';

const KNOWN_OPTIONS = ['model', 'systemPrompt', 'tools', 'maxSteps', 'parallelToolExecution'];

const camelCase = (name: string): string => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

function fail(option: string, message: string): never {
  throw new AgentConfigurationError(message, option);
}

function checkTools(tools: unknown): void {
  if (!Array.isArray(tools)) {
    fail(
      'tools',
      `Invalid agent option \`tools\`: expected an array of tools, got ${typeof tools}. Pass tools made with \`tool()\`.`,
    );
  }
  const seen = new Set<string>();
  tools.forEach((candidate: Partial<ToolLike> | null, index) => {
    if (
      typeof candidate?.toolName !== 'string' ||
      typeof candidate.execute !== 'function' ||
      typeof candidate.toolSpec !== 'object'
    ) {
      fail(
        'tools',
        `Invalid agent option \`tools\`: tools[${index}] is not a tool (it needs \`toolName\`, \`toolSpec\` and \`execute\`). Make it with \`tool()\`.`,
      );
    }
    if (seen.has(candidate.toolName)) {
      fail(
        'tools',
        `Invalid agent option \`tools\`: two tools are named "${candidate.toolName}", so the model could not tell them apart. Rename one.`,
      );
    }
    seen.add(candidate.toolName);
  });
}

/**
 * Checks an `AgentConfig` before any model call, naming the option, what is allowed and what
 * was given. Snake-case names from the reference (`max_steps`) get a camelCase hint.
 */
export function validateAgentConfig(config: AgentConfig): void {
  if (typeof config !== 'object' || config === null) {
    fail(
      'config',
      `Invalid agent configuration: expected an \`AgentConfig\` object, got ${config === null ? 'null' : typeof config}. Pass { model, tools, ... }.`,
    );
  }
  for (const key of Object.keys(config)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      const hint = KNOWN_OPTIONS.includes(camelCase(key))
        ? `Did you mean \`${camelCase(key)}\`?`
        : `Known options: ${KNOWN_OPTIONS.map((o) => `\`${o}\``).join(', ')}.`;
      fail(key, `Unknown agent option \`${key}\`. ${hint}`);
    }
  }
  if (typeof config.model?.getText !== 'function') {
    fail(
      'model',
      'Invalid agent option `model`: expected a `Model` (an object with `getText`). Pass, for example, new OpenAIModel({ modelId: "gpt-4o" }).',
    );
  }
  const { maxSteps, systemPrompt, parallelToolExecution, tools } = config;
  if (maxSteps !== undefined && (!Number.isInteger(maxSteps) || maxSteps < 1)) {
    fail(
      'maxSteps',
      `Invalid agent option \`maxSteps\`: expected a whole number of 1 or more, got ${String(maxSteps)}. It caps the model calls of one \`process()\`.`,
    );
  }
  if (systemPrompt !== undefined && typeof systemPrompt !== 'string') {
    fail('systemPrompt', `Invalid agent option \`systemPrompt\`: expected a string, got ${typeof systemPrompt}.`);
  }
  if (parallelToolExecution !== undefined && typeof parallelToolExecution !== 'boolean') {
    fail(
      'parallelToolExecution',
      `Invalid agent option \`parallelToolExecution\`: expected true or false, got ${String(parallelToolExecution)}.`,
    );
  }
  if (tools !== undefined) {
    checkTools(tools);
  }
}
