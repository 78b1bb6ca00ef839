import type { Change, InteractionDiff, PathDiff } from '../../diff/types.js';
import type { PageExchange } from '../page-data.js';
import type { Child, Entry, ViewerApp } from './types.js';

/** The diff page: per cassette, every interaction's two versions side by side under what changed. */
export function installDiffView(app: ViewerApp): void {
  const el = app.el;
  const text = (value: unknown): string =>
    value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value);
  const pathLine = (d: PathDiff): HTMLElement =>
    el('li', '', el('code', '', d.path), ': ', el('del', '', d.recorded), ' → ', el('ins', '', d.received));
  const row = (label: string, change: Change<unknown> | undefined): Child =>
    change &&
    el(
      'li',
      '',
      el('strong', '', `${label}: `),
      el('del', '', text(change.before)),
      ' → ',
      el('ins', '', text(change.after)),
    );

  app.changesPanel = (diff: InteractionDiff) => {
    const panel = el('div', 'changes');
    if (diff.request.length > 0) {
      panel.append(el('div', 'label', 'Request'), el('ul', 'paths', ...diff.request.map(pathLine)));
    }
    if (diff.toolCalls.length > 0) {
      panel.append(
        el('div', 'label', 'Tool calls'),
        el(
          'ul',
          'paths',
          ...diff.toolCalls.map((call) =>
            call.kind === 'changed'
              ? el(
                  'li',
                  '',
                  el('strong', '', `~ ${call.name} `),
                  ...(call.input ?? []).map((d) =>
                    el(
                      'span',
                      '',
                      el('code', '', d.path),
                      ': ',
                      el('del', '', d.recorded),
                      ' → ',
                      el('ins', '', d.received),
                      ' ',
                    ),
                  ),
                )
              : el(
                  'li',
                  call.kind,
                  el('strong', '', `${call.kind === 'added' ? '+' : '−'} ${call.name} `),
                  el('code', '', text(call.kind === 'added' ? call.after : call.before)),
                ),
          ),
        ),
      );
    }
    const others = [
      row('status', diff.status),
      row(
        'error',
        diff.error && {
          ...(diff.error.before ? { before: diff.error.before.message } : {}),
          ...(diff.error.after ? { after: diff.error.after.message } : {}),
        },
      ),
      row('finish', diff.finishReason),
      row('tokens', diff.usage),
      row('answered by', diff.servedModel),
    ].filter(Boolean);
    if (others.length > 0) {
      panel.append(el('ul', 'paths', ...others));
    }
    if (diff.answer) {
      panel.append(el('div', 'dim', 'The answer changed: changed words are marked in both columns.'));
    }
    return panel;
  };

  app.buildDiff = (main, diffs) => {
    diffs.forEach(({ diff, before, after }, c) => {
      const title = diff.after ?? diff.before ?? '';
      const { counts } = diff;
      const section = el(
        'section',
        'cassette',
        el('h2', '', title),
        el(
          'p',
          'meta',
          diff.change === 'added'
            ? 'new cassette'
            : diff.change === 'removed'
              ? 'deleted'
              : `against ${diff.before}: ${counts.changed} changed, ${counts.added} added, ${counts.removed} removed, ${counts.same} same`,
        ),
      );
      section.id = `c${c}`;
      diff.interactions.forEach((interaction, i) => {
        const old = interaction.before && before?.[interaction.before.index];
        const next = interaction.after && after?.[interaction.after.index];
        const position = [interaction.before, interaction.after]
          .map((side) => (side ? `#${side.index + 1}` : '—'))
          .join(' → ');
        const header = el(
          'header',
          'xh',
          el('span', 'num', position),
          el('span', 'ep', `${interaction.method} ${interaction.url}`),
          interaction.model ? el('span', 'model', interaction.model) : null,
          el('span', `chg ${interaction.change}`, interaction.change),
        );
        const article = el('article', `x row ${interaction.change}`, header);
        article.id = `c${c}-${i}`;
        article.tabIndex = -1;
        article.setAttribute('aria-label', `${title} interaction ${position} ${interaction.change}`);
        let haystack: string | undefined;
        const entry: Entry = {
          article,
          section: c,
          tags: new Set(interaction.change === 'same' ? [] : ['changed', interaction.change]),
          rendered: false,
          haystack: () =>
            (haystack ??= JSON.stringify([
              title,
              interaction,
              old?.messages,
              old?.response,
              next?.messages,
              next?.response,
            ]).toLowerCase()),
          render: () => {
            article.querySelector('.xb')?.remove();
            const side = (
              all: PageExchange[] | undefined,
              index: number | undefined,
              kind: 'removed' | 'added',
            ): HTMLElement => {
              const column = el(
                'div',
                `side ${kind === 'removed' ? 'old' : 'new'}`,
                el('h3', '', kind === 'removed' ? `Before ${diff.before ?? ''}` : `After ${diff.after ?? ''}`),
              );
              column.append(
                all && index !== undefined
                  ? app.exchangeBody(all, index, [], interaction.answer, kind)
                  : el('p', 'dim', kind === 'removed' ? '(not in the old version)' : '(not in the new version)'),
              );
              return column;
            };
            article.append(
              el(
                'div',
                'xb',
                app.changesPanel(interaction),
                el(
                  'div',
                  'sides',
                  side(before, interaction.before?.index, 'removed'),
                  side(after, interaction.after?.index, 'added'),
                ),
              ),
            );
            entry.rendered = true;
          },
        };
        app.entries.push(entry);
        section.append(article);
        app.observe(entry);
      });
      main.append(section);
    });
  };
}
