/**
 * A small build step for the widget: collapses the whitespace inside Lit's `css` and `html`
 * tagged templates (indentation is a third of their bytes). Only the literal parts change; the
 * `${…}` expressions, strings and comments are copied as they are. Whitespace runs become one
 * space (so inline text keeps its spaces); in CSS the spaces next to `{ } ; ,` go too.
 */
import type { Plugin } from 'vite';

function minifyCss(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/([{;]-{0,2}[\w-]+):\s+/g, '$1:')
    .replace(/;}/g, '}')
    .trim();
}

function minifyHtml(text: string): string {
  // Whitespace runs with a line break become one space; a space before a tag's closing `>` goes.
  return text.replace(/\s*\n\s*/g, ' ').replace(/ (\/?>)/g, '$1');
}

/** Rewrites the tagged templates in `code`; exported for the unit test. */
export function minifyTemplates(code: string): string {
  const n = code.length;

  // Copies a quoted string or comment starting at i, returns the index after it.
  const skipString = (quote: string, start: number): number => {
    let j = start + 1;
    while (j < n && code[j] !== quote) j += code[j] === '\\' ? 2 : 1;
    return j + 1;
  };

  // Scans a template literal starting at the backtick at `start`; `tag` decides how literal
  // parts are minified. Returns [rewritten, indexAfter].
  const scanTemplate = (start: number, tag: 'css' | 'html' | null): [string, number] => {
    let result = '`';
    let literal = '';
    let j = start + 1;
    const flush = () => {
      result += tag === 'css' ? minifyCss(literal) : tag === 'html' ? minifyHtml(literal) : literal;
      literal = '';
    };
    while (j < n) {
      const c = code[j];
      if (c === '\\') {
        literal += code.slice(j, j + 2);
        j += 2;
      } else if (c === '`') {
        flush();
        return [result + '`', j + 1];
      } else if (c === '$' && code[j + 1] === '{') {
        flush();
        const [expression, after] = scanCode(j + 2, '}');
        result += '${' + expression + '}';
        j = after;
      } else {
        literal += c;
        j += 1;
      }
    }
    throw new Error('Unterminated template literal');
  };

  // Scans code until an unbalanced `end` brace; returns [rewritten, indexAfterEnd].
  const scanCode = (start: number, end: '}' | null): [string, number] => {
    let result = '';
    let depth = 0;
    let j = start;
    while (j < n) {
      const c = code[j]!;
      if (c === '"' || c === "'") {
        const after = skipString(c, j);
        result += code.slice(j, after);
        j = after;
      } else if (c === '/' && code[j + 1] === '/') {
        const after = code.indexOf('\n', j);
        const stop = after === -1 ? n : after;
        result += code.slice(j, stop);
        j = stop;
      } else if (c === '/' && code[j + 1] === '*') {
        const stop = code.indexOf('*/', j + 2) + 2;
        result += code.slice(j, stop);
        j = stop;
      } else if (c === '`') {
        const tagMatch = /\b(css|html)\s*$/.exec(code.slice(Math.max(0, j - 8), j));
        const [template, after] = scanTemplate(j, (tagMatch?.[1] as 'css' | 'html' | undefined) ?? null);
        result += template;
        j = after;
      } else if (c === '{') {
        depth += 1;
        result += c;
        j += 1;
      } else if (c === '}') {
        if (depth === 0 && end === '}') return [result, j + 1];
        depth -= 1;
        result += c;
        j += 1;
      } else {
        result += c;
        j += 1;
      }
    }
    return [result, j];
  };

  const [out, end] = scanCode(0, null);
  return end >= n ? out : out + code.slice(end);
}

export function minifyLitTemplates(): Plugin {
  return {
    name: 'nearbuy:minify-lit-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/widget\/.*\.ts$/.test(id) || id.includes('/widget/build/')) return null;
      if (!/\b(css|html)`/.test(code)) return null;
      return { code: minifyTemplates(code), map: null };
    },
  };
}
