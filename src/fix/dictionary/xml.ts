// A minimal XML reader for QuickFIX data dictionaries (elements, attributes, comments, no text
// content, no entities beyond the five predefined ones). Cold path: runs once at load.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
}

const ENT: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const unescape = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ENT[e]);

/** Parses the document; throws on malformed nesting (a bad dictionary is a configuration error). */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<\/\s*([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:'[^']*'|"[^"]*"))*)\s*(\/?)>/g;
  const attrRe = /([\w:.-]+)\s*=\s*(?:'([^']*)'|"([^"]*)")/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1] !== undefined) {
      const top = stack.pop();
      if (!top || top.name !== m[1]) throw new Error(`XML: unexpected </${m[1]}> at offset ${m.index}`);
    } else if (m[2] !== undefined) {
      const el: XmlElement = { name: m[2], attrs: {}, children: [] };
      let a: RegExpExecArray | null;
      attrRe.lastIndex = 0;
      while ((a = attrRe.exec(m[3])) !== null) el.attrs[a[1]] = unescape(a[2] ?? a[3]);
      stack[stack.length - 1].children.push(el);
      if (m[4] !== '/') stack.push(el);
    }
  }
  if (stack.length !== 1) throw new Error(`XML: unclosed <${stack[stack.length - 1].name}>`);
  return root;
}
