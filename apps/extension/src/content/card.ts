import { bandColours, compactCount } from '../shared/bands.js';
import type { Answer, ShortlistRef } from '../shared/messages.js';

const NETWORK: Record<string, string> = { bluesky: 'Bluesky', mastodon: 'Mastodon', youtube: 'YouTube', instagram: 'Instagram', twitter: 'X' };

export interface CardActions {
  serverUrl: string;
  lists(): Promise<ShortlistRef[]>;
  addToList(listId: string, accountId: string): Promise<{ ok: boolean; message: string }>;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** The card's content for one answer, built with text nodes only (nothing from the server is parsed as HTML). */
export function cardContent(answer: Answer, actions: CardActions): HTMLElement {
  const body = el('div');
  const a = answer.account;
  const network = NETWORK[answer.platform] ?? answer.platform;
  if (!a || !a.score) {
    body.append(
      el('h2', { textContent: a?.displayName ?? answer.handle }),
      el('div', { className: 'who', textContent: `${answer.handle} · ${network}` }),
      el('p', { className: 'why', textContent: answer.message ?? (a ? 'Renown knows this account but has not scored it yet.' : 'Renown has no score for this account yet.') }),
    );
    return body;
  }
  const colours = bandColours(a.score.score);
  const strong = el('strong', { textContent: String(Math.round(a.score.score)) });
  strong.style.background = colours.background;
  strong.style.color = colours.text;
  const facts = el('dl');
  const fact = (term: string, value: string) => facts.append(el('dt', { textContent: term }), el('dd', { textContent: value }));
  fact('Followers', compactCount(a.followers));
  const aq = a.audienceQuality;
  fact('Audience quality', aq ? `${Math.round(aq.score)} of 100${aq.confidence ? `, ${aq.confidence} confidence` : ''}${aq.sizeBand ? ` (vs ${aq.sizeBand})` : ''}` : 'not measured yet');
  fact('Last fetched', a.lastFetchedAt ? day(a.lastFetchedAt) : 'from an imported file');
  body.append(
    el('h2', { textContent: a.displayName ?? a.handle ?? answer.handle }),
    el('div', { className: 'who', textContent: `${a.handle ?? answer.handle} · ${network}` }),
    el('div', { className: 'score' }, strong, el('span', { textContent: `band ${a.score.band} (${colours.name})` })),
  );
  if (a.why) body.append(el('p', { className: 'why', textContent: a.why }));
  if (a.topTopics.length) {
    body.append(el('div', { textContent: 'Top topics' }), el('ul', {}, ...a.topTopics.map((t) => el('li', { textContent: t.score === null ? t.name : `${t.name} · ${Math.round(t.score)}` }))));
  }
  body.append(facts);

  const open = el('a', { textContent: 'Open in Renown', href: `${actions.serverUrl}${a.url ?? `/accounts/${a.id}`}`, target: '_blank', rel: 'noopener noreferrer' });
  const add = el('button', { type: 'button', className: 'secondary', textContent: 'Add to list' });
  const row = el('div', { className: 'actions' }, open, add);
  const note = el('div', { className: 'note' });
  note.setAttribute('role', 'status');
  add.addEventListener('click', async () => {
    add.disabled = true;
    note.textContent = 'Loading your lists…';
    let lists: ShortlistRef[];
    try {
      lists = await actions.lists();
    } catch (e) {
      note.textContent = e instanceof Error ? e.message : String(e);
      add.disabled = false;
      return;
    }
    if (!lists.length) {
      note.textContent = 'Your brand has no lists yet: create one in Renown (Lists).';
      add.disabled = false;
      return;
    }
    const select = document.createElement('select');
    select.setAttribute('aria-label', 'List to add to');
    for (const l of lists) select.append(el('option', { value: l.id, textContent: l.name }));
    const confirm = el('button', { type: 'button', textContent: 'Add' });
    add.replaceWith(select, confirm);
    note.textContent = '';
    select.focus();
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      const name = lists.find((l) => l.id === select.value)?.name ?? 'the list';
      const res = await actions.addToList(select.value, a.id);
      note.textContent = res.ok ? res.message.replace('{list}', name) : res.message;
      confirm.disabled = false;
    });
  });
  body.append(row, note);
  return body;
}
