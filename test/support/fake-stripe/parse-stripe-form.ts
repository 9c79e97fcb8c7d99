/**
 * Decodes an application/x-www-form-urlencoded body the way Stripe does: bracket keys build nested objects
 * (`metadata[brand_id]=x`), numeric brackets build arrays (`line_items[0][price]=p`), `expand[]=a` appends.
 * Values stay strings, as on Stripe's side: the fake validates and converts them per endpoint.
 */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

export function parseStripeForm(body: string): FormObject {
  const root: FormObject = {};
  if (!body) return root;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    const head = rawKey.match(/^[^[]+/)?.[0];
    if (!head) throw new Error(`Invalid form key: ${rawKey}`);
    const path = [head, ...[...rawKey.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])];
    assign(root, path, value);
  }
  return compactArrays(root) as FormObject;
}

function assign(target: FormObject | FormValue[], path: string[], value: string) {
  const [key, ...rest] = path;
  const container = target as Record<string, FormValue>;
  const slot = key === '' && Array.isArray(target) ? String(target.length) : key;
  if (rest.length === 0) {
    container[slot] = value;
    return;
  }
  const nextIsIndex = rest[0] === '' || /^\d+$/.test(rest[0]);
  if (container[slot] === undefined) container[slot] = nextIsIndex ? [] : {};
  assign(container[slot] as FormObject | FormValue[], rest, value);
}

/** Sparse arrays (indices 0, 2) are compacted like Stripe does; nested values are walked. */
function compactArrays(value: FormValue): FormValue {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compactArrays);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactArrays(v)]));
  }
  return value;
}
