// Just enough XML writing for JUnit reports: escaping, and elements built from attributes and children.

// XML 1.0 has no way to carry these characters, not even as references: they are replaced.
/* eslint-disable no-control-regex -- matching control characters is the point */
const NOT_XML =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // In an attribute a parser turns raw line breaks and tabs into spaces; references keep them.
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/** Text for an attribute value. */
export function escapeAttribute(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\n\r\t]/g, (c) => ENTITIES[c]!);
}

/** Text for element content: line breaks and tabs stay as they are. */
export function escapeText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\r]/g, (c) => ENTITIES[c]!);
}

export type Attributes = Record<string, string | number | undefined>;

/** An element: children elements, or text (or nothing). */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Attributes;
  readonly children?: readonly XmlElement[] | string;
}

export function el(
  name: string,
  attributes: Attributes,
  children?: readonly XmlElement[] | string,
): XmlElement {
  return children === undefined ? { name, attributes } : { name, attributes, children };
}

/** The document, indented two spaces a level; text content is written as it is, never re-indented. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, '')}\n`;
}

function serialize({ name, attributes, children }: XmlElement, indent: string): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join('');
  if (typeof children === 'string') return `${indent}<${name}${attrs}>${escapeText(children)}</${name}>`;
  if (children === undefined || children.length === 0) return `${indent}<${name}${attrs}/>`;
  const inner = children.map((child) => serialize(child, `${indent}  `)).join('\n');
  return `${indent}<${name}${attrs}>\n${inner}\n${indent}</${name}>`;
}
