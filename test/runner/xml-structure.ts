// A tiny XML well-formedness check for the tests: balanced elements, quoted attributes, known entities, one root.
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    if (char === '<') throw new Error('A bare "<" in text or attribute.');
    if (char !== '&') {
      out += char;
      continue;
    }
    const end = raw.indexOf(';', i);
    const name = end < 0 ? '' : raw.slice(i + 1, end);
    const value = ENTITIES[name];
    if (value === undefined) throw new Error(`Unknown or broken entity at "${raw.slice(i, i + 10)}".`);
    out += value;
    i = end;
  }
  return out;
}

const isNameChar = (char: string) =>
  (char >= 'a' && char <= 'z') ||
  (char >= 'A' && char <= 'Z') ||
  (char >= '0' && char <= '9') ||
  '-_:.'.includes(char);

/** Parses a whole document or throws, naming what is wrong. */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const skipSpace = () => {
    while (i < xml.length && ' \t\r\n'.includes(xml[i] as string)) i++;
  };
  const readName = () => {
    const start = i;
    while (i < xml.length && isNameChar(xml[i] as string)) i++;
    if (i === start) throw new Error(`Expected a name at offset ${start}.`);
    return xml.slice(start, i);
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('Unterminated XML declaration.');
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  for (;;) {
    const next = xml.indexOf('<', i);
    const text = xml.slice(i, next < 0 ? xml.length : next);
    const top = stack.at(-1);
    if (top) top.text += decode(text);
    else if (text.trim() !== '') throw new Error('Text outside the root element.');
    if (next < 0) break;
    i = next + 1;
    if (xml[i] === '/') {
      i++;
      const name = readName();
      skipSpace();
      if (xml[i] !== '>') throw new Error(`Broken end tag </${name}.`);
      i++;
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> does not close <${open?.name}>.`);
      continue;
    }
    const element: XmlElement = { name: readName(), attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (xml.startsWith('/>', i) || xml[i] === '>') break;
      const attribute = readName();
      if (xml[i] !== '=' || xml[i + 1] !== '"') throw new Error(`Attribute ${attribute} is not ="quoted".`);
      const end = xml.indexOf('"', i + 2);
      if (end < 0) throw new Error(`Unterminated attribute ${attribute}.`);
      if (attribute in element.attributes) throw new Error(`Duplicate attribute ${attribute}.`);
      element.attributes[attribute] = decode(xml.slice(i + 2, end));
      i = end + 1;
    }
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) throw new Error('More than one root element.');
    else root = element;
    if (xml.startsWith('/>', i)) i += 2;
    else {
      i++;
      stack.push(element);
    }
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)?.name}> is never closed.`);
  if (!root) throw new Error('No root element.');
  return root;
}
