import type { Problem } from '../../problem.js';
import type { PageCassette } from '../page-data.js';
import type { Entry, ViewerApp } from './types.js';

/** The view page: one section per cassette, one article per interaction (bodies drawn lazily). */
export function installView(app: ViewerApp): void {
  const el = app.el;
  const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

  const cassetteMeta = (cassette: PageCassette): string => {
    const models = [...new Set(cassette.interactions.map((x) => x.model).filter(Boolean))].join(', ');
    const report = cassette.usageReport;
    const usage =
      report.state === 'fresh'
        ? `last replay ${report.reportedAt}: ${report.unused === 0 ? 'every recording used' : `${plural(report.unused, 'recording')} unused`}`
        : report.state === 'stale'
          ? `changed since the last replay's report (${report.reportedAt})`
          : 'no replay report';
    return [
      plural(cassette.interactions.length, 'interaction'),
      models,
      cassette.provenance ? `recorded by ${cassette.provenance.toolkit} with openai ${cassette.provenance.openai}` : '',
      usage,
    ]
      .filter(Boolean)
      .join(' · ');
  };

  app.buildView = (main) => {
    (app.data.cassettes ?? []).forEach((cassette, c) => {
      const section = el('section', 'cassette', el('h2', '', cassette.file), el('p', 'meta', cassetteMeta(cassette)));
      section.id = `c${c}`;
      const loose = cassette.problems.filter((p) => p.interaction === undefined);
      if (loose.length > 0) {
        section.append(app.problemList(loose));
      }
      cassette.interactions.forEach((exchange, i) => {
        const problems: Problem[] = cassette.problems.filter((p) => p.interaction?.index === i);
        const article = el('article', 'x', app.exchangeHeader(exchange, problems));
        article.id = `c${c}-${i}`;
        article.tabIndex = -1;
        article.setAttribute('aria-label', `${cassette.file} interaction ${i + 1}`);
        const tags = new Set<string>();
        const { response } = exchange;
        if (response.error || response.status >= 400) {
          tags.add('error');
        }
        if (response.reply?.toolCalls || exchange.messages.some((m) => m.toolCalls || m.toolCallId)) {
          tags.add('tools');
        }
        if (exchange.unused || problems.length > 0) {
          tags.add('flagged');
        }
        let haystack: string | undefined;
        const entry: Entry = {
          article,
          section: c,
          tags,
          rendered: false,
          haystack: () =>
            (haystack ??= JSON.stringify([
              cassette.file,
              exchange.url,
              exchange.model,
              exchange.id,
              exchange.messages,
              exchange.response,
              problems.map((p) => p.message),
            ]).toLowerCase()),
          render: () => {
            article.querySelector('.xb')?.remove();
            article.append(app.exchangeBody(cassette.interactions, i, problems));
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
