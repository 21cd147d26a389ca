// What the fake checks beyond WeChat: that a package is what miniprogram-ci's upload sends with the upload setting
// (es6 + minify), so a test fails when a build hands over code nobody compiled. WeChat itself compiles WXML and
// WXSS on its side and would take unminified files; the products' promise is smaller, valid, minified packages.
//   .js    parses as ES5 (Babel's output), has no comments, and no whitespace between tokens but the single space
//          two words (or two + or - signs) need: minified.
//   .wxs   parses as ES5 (the compiler copies WXS modules as they are).
//   .wxml  no comments, no whitespace between tags, every tag closed in order.
//   .wxss  no comments, no line breaks, braces balanced.
//   .json  parses.
import { parse, tokenizer } from "acorn";

export function compiledCodeProblem(file: string, content: Buffer): string | null {
  const text = content.toString("utf8");
  try {
    if (file.endsWith(".js")) return scriptProblem(text, true);
    if (file.endsWith(".wxs")) return scriptProblem(text, false);
    if (file.endsWith(".wxml")) return markupProblem(text);
    if (file.endsWith(".wxss")) return styleProblem(text);
    if (file.endsWith(".json")) JSON.parse(text);
    return null;
  } catch (error) {
    return `not valid: ${(error as Error).message}`;
  }
}

function scriptProblem(text: string, minified: boolean): string | null {
  const comments: number[] = [];
  parse(text, { ecmaVersion: 5, sourceType: "script", onComment: (_block, _text, start) => comments.push(start) });
  if (!minified) return null;
  if (comments.length) return `not minified: a comment at offset ${comments[0]}`;
  let end = 0;
  for (const token of tokenizer(text, { ecmaVersion: 5 })) {
    if (token.start > end && !spaceNeeded(text[end - 1], text[token.start])) {
      return `not minified: whitespace at offset ${end} that the minifier would have removed`;
    }
    end = token.end;
  }
  return /\S/.test(text.slice(end)) || text.length - end > 1 ? "not minified: trailing whitespace" : null;
}

const WORD = /[\p{ID_Continue}$\u200c\u200d]/u;

/** A minifier keeps one space only where removing it would join two words (`var a`) or two signs (`a+ +b`). */
function spaceNeeded(before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || after === undefined) return false;
  if (WORD.test(before) && WORD.test(after)) return true;
  return (before === "+" && after === "+") || (before === "-" && after === "-");
}

const TAG = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/g;

function markupProblem(text: string): string | null {
  if (text.includes("<!--")) return "not minified: a comment";
  if (/>\s+</.test(text)) return "not minified: whitespace between tags";
  const open: string[] = [];
  for (const match of text.matchAll(TAG)) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (!closing) open.push(name!);
    else if (open.pop() !== name) return `not valid: </${name}> at offset ${match.index} closes no open <${name}>`;
  }
  return open.length ? `not valid: <${open.at(-1)}> is never closed` : null;
}

function styleProblem(text: string): string | null {
  if (text.includes("/*")) return "not minified: a comment";
  if (/\n/.test(text.trimEnd())) return "not minified: line breaks";
  let depth = 0;
  for (const character of text) {
    if (character === "{") depth++;
    if (character === "}" && --depth < 0) return "not valid: a } without its {";
  }
  return depth ? "not valid: a { never closed" : null;
}
