import type { ShowResult } from '../commands/show.js';
import { sharedPrefix } from '../transcript/transcript.js';
import type { ExchangeView, MessageView, ResponseView, UsageView } from '../transcript/types.js';
import { formatProblems, plural } from './problems.js';
import type { Style } from './style.js';

const LABEL_WIDTH = 11;
const INDENT = '    ';

/**
 * A cassette as a transcript. Agents resend the whole conversation on every call, so the
 * messages a request repeats from the previous one are folded into one line unless `full`.
 */
export function formatShow(result: ShowResult, style: Style, options: { full: boolean }): string {
  if (result.problems.length > 0) {
    return formatProblems(result.problems, style);
  }
  const { provenance, interactions } = result;
  const header = [
    style.bold(result.file),
    style.dim(
      [
        plural(interactions.length, 'interaction'),
        provenance ? `recorded by ${provenance.toolkit} with openai ${provenance.openai}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    ),
  ];
  const blocks = interactions.map((exchange, i) =>
    formatExchange(exchange, options.full ? undefined : interactions[i - 1], style),
  );
  return [header.join('\n'), ...blocks].join('\n\n');
}

function formatExchange(exchange: ExchangeView, previous: ExchangeView | undefined, style: Style): string {
  const title = [
    `${style.bold(`#${exchange.index + 1}`)}  ${exchange.method} ${exchange.url}`,
    exchange.model,
    style.dim(exchange.id),
  ]
    .filter(Boolean)
    .join('  ·  ');
  const lines = [title];
  if (exchange.tools) {
    lines.push(labelled('tools', style.dim(exchange.tools.join(', ')), style.dim));
  }
  if (exchange.previousResponseId) {
    lines.push(labelled('continues', style.dim(exchange.previousResponseId), style.dim));
  }
  const repeated = previous ? sharedPrefix(previous.messages, exchange.messages) : 0;
  if (repeated > 0) {
    lines.push(
      `${INDENT}${style.dim(`… ${plural(repeated, 'earlier message')} as in #${(previous?.index ?? 0) + 1}`)}`,
    );
  }
  for (const message of exchange.messages.slice(repeated)) {
    lines.push(...formatMessage(message, style));
  }
  lines.push(...formatResponse(exchange.response, style));
  return lines.join('\n');
}

function formatResponse(response: ResponseView, style: Style): string[] {
  const ok = response.status < 400;
  const lines = [
    `  ${(ok ? style.green : style.red)(`← ${response.status}`)}${response.stream ? style.dim(' streamed') : ''}`,
  ];
  if (response.error) {
    const { status, type, code, message } = response.error;
    const kind = [code, type && type !== code ? `(${type})` : undefined].filter(Boolean).join(' ');
    lines.push(labelled('error', `${style.red(`${status}${kind ? ` ${kind}` : ''}`)}: ${message}`, style.red));
  }
  if (response.output) {
    // Item by item, in the model's order, under one role label.
    lines.push(...response.output.flatMap((item, i) => formatMessage(item, style, i > 0)));
  } else if (response.reply) {
    lines.push(...formatMessage(response.reply, style));
  }
  const meta = [
    response.finishReason ? `finish ${response.finishReason}` : undefined,
    response.usage ? `tokens ${formatUsage(response.usage)}` : undefined,
    response.otherChoices ? `+${plural(response.otherChoices, 'more choice')}` : undefined,
  ].filter(Boolean);
  if (meta.length > 0) {
    lines.push(`${INDENT}${' '.repeat(LABEL_WIDTH)}${style.dim(meta.join(' · '))}`);
  }
  return lines;
}

function formatMessage(message: MessageView, style: Style, continued = false): string[] {
  const paint = roleStyle(message.role, style);
  const out: string[] = [];
  const add = (text: string): void => {
    out.push(labelled(out.length === 0 && !continued ? message.role : '', text, paint));
  };
  // A tool result names the call it answers before its text.
  const answers = message.toolCallId
    ? `${style.dim(`(result of ${message.toolCallId}${message.name ? `, ${message.name}` : ''})`)} `
    : '';
  if (message.reasoning !== undefined) {
    add(
      `${style.dim('reasoning:')} ${message.reasoning === '' ? style.dim('(no summary)') : style.dim(message.reasoning)}`,
    );
  }
  if ((message.text !== undefined && message.text !== '') || answers) {
    add(`${answers}${message.text ?? ''}`);
  }
  if (message.refusal) {
    add(`${style.yellow('refusal:')} ${message.refusal}`);
  }
  for (const call of message.toolCalls ?? []) {
    const input = typeof call.input === 'string' ? call.input : JSON.stringify(call.input);
    add(`${style.yellow('→')} ${style.bold(call.name)} ${input}${call.id ? style.dim(`  (${call.id})`) : ''}`);
  }
  if (out.length === 0) {
    add(style.dim('(empty)'));
  }
  return out;
}

// The role in its column, then the text; continuation lines line up under the text.
function labelled(label: string, text: string, paint: (text: string) => string): string {
  const pad = ' '.repeat(Math.max(1, LABEL_WIDTH - label.length));
  const continuation = `\n${INDENT}${' '.repeat(LABEL_WIDTH)}`;
  return `${INDENT}${paint(label)}${pad}${text.split('\n').join(continuation)}`;
}

function roleStyle(role: string, style: Style): (text: string) => string {
  switch (role) {
    case 'user':
      return style.cyan;
    case 'assistant':
      return style.green;
    case 'tool':
      return style.yellow;
    case 'system':
    case 'developer':
      return style.magenta;
    default:
      return style.bold;
  }
}

/** Token usage as one phrase: `58 in + 15 out = 73`, then reasoning and cached counts when reported. */
export function formatUsage(usage: UsageView): string {
  const parts = [
    usage.input === undefined ? undefined : `${usage.input} in`,
    usage.output === undefined ? undefined : `${usage.output} out`,
  ].filter(Boolean);
  const details = [
    usage.reasoning ? `${usage.reasoning} reasoning` : undefined,
    usage.cachedInput ? `${usage.cachedInput} cached` : undefined,
  ].filter(Boolean);
  const counts = `${parts.join(' + ')}${usage.total === undefined ? '' : `${parts.length > 0 ? ' = ' : ''}${usage.total}`}`;
  return details.length > 0 ? `${counts} (${details.join(', ')})` : counts;
}
