import type { ResponseInputItem } from 'openai/resources/responses/responses';
import type { ProviderState } from '../types.js';

/** Reasoning items to send back before a block, and whether they refer to stored items by id. */
export interface CarriedReasoning {
  items: ResponseInputItem[];
  /** True when an item is sent by id: the block that followed it then needs its own id too. */
  byId: boolean;
}

/**
 * The reasoning items a block carries (`providerState.reasoning`), as the next request sends
 * them back. An item with encrypted content goes without its id, as OpenAI accepts it whether
 * or not the earlier response was stored. One without is a reference to a stored item, by id;
 * with `store: false` nothing was stored, so it is left out (the API would not find it).
 */
export function carriedReasoning(state: ProviderState | undefined, store: boolean | undefined): CarriedReasoning {
  const items: ResponseInputItem[] = [];
  let byId = false;
  for (const item of state?.reasoning ?? []) {
    if (item === null || typeof item !== 'object' || item['type'] !== 'reasoning') {
      continue;
    }
    const summary = (Array.isArray(item['summary']) ? item['summary'] : []) as { type: 'summary_text'; text: string }[];
    const encrypted = item['encrypted_content'];
    if (typeof encrypted === 'string' && encrypted !== '') {
      items.push({ type: 'reasoning', summary, encrypted_content: encrypted } as ResponseInputItem);
    } else if (store !== false && typeof item['id'] === 'string') {
      items.push({ type: 'reasoning', id: item['id'], summary });
      byId = true;
    }
  }
  return { items, byId };
}

/**
 * The state a reply block keeps: the reasoning items that came just before it, and its own
 * item id. Undefined when no reasoning preceded it, so plain replies carry nothing.
 */
export function stateFor(reasoning: readonly Record<string, unknown>[], itemId: unknown): ProviderState | undefined {
  if (reasoning.length === 0) {
    return undefined;
  }
  return { ...(typeof itemId === 'string' ? { itemId } : {}), reasoning: [...reasoning] };
}
