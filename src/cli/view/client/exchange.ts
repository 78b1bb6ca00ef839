import type { TextPart } from '../../diff/text-diff.js';
import type { MessageView, ToolCallView, UsageView } from '../../transcript/types.js';
import type { PageExchange } from '../page-data.js';
import type { ViewerApp } from './types.js';

/** How one interaction looks: its header line, and its body as a conversation. */
export function installExchange(app: ViewerApp): void {
  const el = app.el;
  const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const path = (url: string): string => {
    try {
      const parsed = new URL(url);
      return `${parsed.pathname}${parsed.search}`;
    } catch {
      return url;
    }
  };
  const usageText = (usage: UsageView): string => {
    const counts = [
      usage.input === undefined ? '' : `${usage.input} in`,
      usage.output === undefined ? '' : `${usage.output} out`,
    ]
      .filter(Boolean)
      .join(' + ');
    const details = [
      usage.reasoning ? `${usage.reasoning} reasoning` : '',
      usage.cachedInput ? `${usage.cachedInput} cached` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `${counts}${usage.total === undefined ? '' : `${counts ? ' = ' : ''}${usage.total}`} tokens${details ? ` (${details})` : ''}`;
  };

  app.exchangeHeader = (exchange, problems) => {
    const { response } = exchange;
    const status = response.error
      ? `${response.status} ${response.error.code ?? response.error.type ?? 'error'}`
      : String(response.status);
    const header = el(
      'header',
      'xh',
      el('span', 'num', `#${exchange.index + 1}`),
      el('span', 'ep', `${exchange.method} ${path(exchange.url)}`),
      exchange.model ? el('span', 'model', exchange.model) : null,
      el('span', `st ${response.status >= 400 || response.error ? 'bad' : 'ok'}`, status),
      response.stream ? el('span', 'tag', 'streamed') : null,
      response.reply?.toolCalls ? el('span', 'tag', plural(response.reply.toolCalls.length, 'tool call')) : null,
      response.usage?.total !== undefined ? el('span', 'dim', `${response.usage.total} tokens`) : null,
      exchange.durationMs !== undefined ? el('span', 'dim', `${exchange.durationMs} ms`) : null,
      exchange.unused ? el('span', 'flag warn', 'unused in last replay') : null,
      ...[...new Set(problems.map((p) => p.code))].map((code) => el('span', 'flag bad', code)),
    );
    header.title = `${exchange.method} ${exchange.url}`;
    return header;
  };

  // Each message as a turn: who, then what (text, reasoning, refusal, tool calls).
  const turn = (message: MessageView, names: ReadonlyMap<string, string>, answer?: Node): HTMLElement => {
    const what = el('div', 'what');
    if (message.reasoning !== undefined) {
      const details = el(
        'details',
        'reasoning',
        el('summary', '', message.reasoning ? 'Reasoning summary' : 'Reasoning (encrypted, no summary)'),
      );
      if (message.reasoning) {
        details.append(el('div', 'text', app.marked(message.reasoning)));
      }
      what.append(details);
    }
    if (message.toolCallId !== undefined) {
      const name = message.name ?? names.get(message.toolCallId);
      what.append(el('div', 'dim', `result of ${name ? `${name} ` : ''}(${message.toolCallId})`));
    }
    if (answer) {
      what.append(el('div', 'text', answer));
    } else if (message.text) {
      what.append(message.role === 'tool' ? app.json(message.text) : el('div', 'text', app.marked(message.text)));
    }
    if (message.refusal) {
      what.append(el('div', 'refusal', el('strong', '', 'Refusal: '), app.marked(message.refusal)));
    }
    for (const call of message.toolCalls ?? []) {
      what.append(toolCall(call));
    }
    if (!what.firstChild) {
      what.append(el('div', 'dim', '(empty)'));
    }
    return el(
      'div',
      `turn r-${/^[a-z]+$/.test(message.role) ? message.role : 'other'}`,
      el('div', 'who', message.role),
      what,
    );
  };
  const toolCall = (call: ToolCallView): HTMLElement =>
    el(
      'div',
      'call',
      el(
        'div',
        'fn',
        el('span', 'arrow', '→ '),
        app.marked(call.name),
        call.id ? el('span', 'dim', `  ${call.id}`) : null,
      ),
      app.json(call.input),
    );

  // The conversation up to `index`: each interaction keeps only what its previous one lacked.
  const fullMessages = (all: readonly PageExchange[], index: number): MessageView[] => {
    const chain: PageExchange[] = [];
    for (let i = index; i >= 0; i--) {
      const exchange = all[i] as PageExchange;
      chain.unshift(exchange);
      if (exchange.repeated === 0) {
        break;
      }
    }
    const messages: MessageView[] = [];
    for (const exchange of chain) {
      messages.length = Math.min(messages.length, exchange.repeated);
      messages.push(...exchange.messages);
    }
    return messages;
  };

  app.problemList = (problems) =>
    el(
      'ul',
      'problems',
      ...problems.map((p) =>
        el(
          'li',
          '',
          el('strong', '', `${p.code}${p.line ? ` (line ${p.line})` : ''}`),
          ` ${p.message}`,
          p.fix ? el('div', 'dim', `fix: ${p.fix}`) : null,
        ),
      ),
    );

  app.exchangeBody = (all, index, problems, answer, side) => {
    const exchange = all[index] as PageExchange;
    const body = el('div', 'xb');
    const messages = fullMessages(all, index);
    const names = new Map<string, string>();
    for (const message of messages) {
      for (const call of message.toolCalls ?? []) {
        if (call.id) {
          names.set(call.id, call.name);
        }
      }
    }
    if (exchange.tools) {
      body.append(el('div', 'tools dim', `tools offered: ${exchange.tools.join(', ')}`));
    }
    if (exchange.repeated > 0) {
      const fold = el('button', 'fold', `… ${plural(exchange.repeated, 'earlier message')} as in #${index}`);
      fold.setAttribute('aria-expanded', 'false');
      fold.addEventListener('click', () => {
        fold.replaceWith(...messages.slice(0, exchange.repeated).map((message) => turn(message, names)));
      });
      body.append(fold);
    }
    for (const message of messages.slice(exchange.repeated)) {
      body.append(turn(message, names));
    }
    const { response } = exchange;
    const reply = el('div', 'response');
    reply.append(el('div', 'arrow-line dim', `← ${response.status}${response.stream ? ' streamed' : ''}`));
    if (response.error) {
      const { status, type, code, message } = response.error;
      reply.append(
        el(
          'div',
          'error',
          el('strong', '', `${status}${code ? ` ${code}` : ''}${type && type !== code ? ` (${type})` : ''}`),
          el('div', 'text', app.marked(message)),
        ),
      );
    }
    if (response.reply) {
      reply.append(turn(response.reply, names, answer ? wordDiff(answer, side ?? 'added') : undefined));
    }
    const meta = [
      response.finishReason ? `finish ${response.finishReason}` : '',
      response.usage ? usageText(response.usage) : '',
      response.otherChoices ? `+${plural(response.otherChoices, 'more choice')}` : '',
      exchange.servedModel ? `answered by ${exchange.servedModel}` : '',
      exchange.durationMs !== undefined ? `${exchange.durationMs} ms` : '',
      `recorded ${exchange.recordedAt}`,
      exchange.id,
    ].filter(Boolean);
    reply.append(el('p', 'meta', meta.join(' · ')));
    body.append(reply);
    if (exchange.unused) {
      body.append(
        el('p', 'flagged warn', 'The last replay did not use this recording: `spark-cassette prune` removes it.'),
      );
    }
    if (problems.length > 0) {
      body.append(app.problemList(problems));
    }
    return body;
  };

  // One side of a word diff: kept text, and this side's changes marked.
  const wordDiff = (parts: readonly TextPart[], side: 'removed' | 'added'): Node => {
    const fragment = document.createDocumentFragment();
    for (const part of parts) {
      if (part.kind === 'same') {
        fragment.append(app.marked(part.text));
      } else if (part.kind === side) {
        fragment.append(el(side === 'removed' ? 'del' : 'ins', '', app.marked(part.text)));
      }
    }
    return fragment;
  };
}
