/** What a notebook imports and installs: shared by undeclared-package and unpinned-install. */
import { Stmt, walkStmts } from '../core/ast';
import { derive, ICellFacts } from '../core/facts';
import { requirementName } from '../core/dependencies';
import { isNamespaceRoot } from '../core/python/distributions';

export interface IImportSite {
  /** The dotted module (`sklearn.model_selection`, `@tensorflow/tfjs`). */
  module: string;
  from: number;
  to: number;
  /** Inside `try` with an `except ImportError` (or broader): optional. */
  guarded: boolean;
}

export interface IInstallSpec {
  /** The requirement as written (`pandas==2.2`, `git+https://…#egg=x`). */
  spec: string;
  /** The distribution it names, or null for paths and URLs without `#egg=`. */
  name: string | null;
  /** A version is fixed or bounded, or it is a URL, path or file. */
  pinned: boolean;
}

export interface IInstallLine {
  from: number;
  to: number;
  /** The command as written, for messages. */
  command: string;
  specs: IInstallSpec[];
  /** Installs something we cannot see (`-r file`, `.`, `{var}`): it may install anything. */
  opaque: boolean;
  /** `conda install` (single `=` pins). */
  conda: boolean;
}

const CATCHES_IMPORT_ERROR =
  /^(ImportError|ModuleNotFoundError|Exception|BaseException)$/;

function catchesImportError(s: Stmt & { type: 'Try' }): boolean {
  return s.handlers.some(h => {
    if (!h.kind) {
      return true;
    }
    const kinds = h.kind.type === 'Seq' ? h.kind.elements : [h.kind];
    return kinds.some(k => {
      const name = k.type === 'Name' ? k.name : k.type === 'Attr' ? k.attr : '';
      return CATCHES_IMPORT_ERROR.test(name);
    });
  });
}

/** Modules one `import` statement names, read from its text (star imports too). */
function statementModules(text: string): string[] {
  const t = text.replace(/\\\r?\n/g, ' ').replace(/[()]/g, ' ');
  const from = /^\s*from\s+([\w.]+)\s+import\s+(.*)$/s.exec(t);
  if (from) {
    if (from[1].startsWith('.')) {
      return [];
    }
    if (isNamespaceRoot(from[1])) {
      const first = /^\s*(\w+)/.exec(from[2]);
      return [first && first[1] !== '*' ? `${from[1]}.${first[1]}` : from[1]];
    }
    return [from[1]];
  }
  const plain = /^\s*import\s+(.*)$/s.exec(t);
  if (!plain) {
    return [];
  }
  return plain[1]
    .split(',')
    .map(part => part.trim().split(/\s+/)[0])
    .filter(m => /^[A-Za-z_][\w.]*$/.test(m));
}

/** A Python cell's imports, cached with the cell's facts. */
export function pythonImports(facts: ICellFacts): IImportSite[] {
  return derive(facts, 'packages:python-imports', () => {
    const sites: IImportSite[] = [];
    const visit = (stmts: Stmt[], guarded: boolean): void => {
      walkStmts(stmts, {
        stmt: s => {
          if (s.type === 'Try' && !guarded && catchesImportError(s)) {
            visit(s.body, true);
            for (const h of s.handlers) {
              visit(h.body, true);
            }
            visit(s.orelse, false);
            visit(s.finalbody, false);
            return false;
          }
          if (s.type === 'Import') {
            const text = facts.code.slice(s.from, s.to);
            for (const module of statementModules(text)) {
              // Mark the module name, so `import numpy, lightgbm` gives two places.
              const shown = text.includes(module)
                ? module
                : module.split('.').slice(0, 2).join('.');
              const at = Math.max(
                0,
                text.search(
                  new RegExp(
                    `(?<![\\w.])${shown.replace(/\./g, '\\.')}(?![\\w])`
                  )
                )
              );
              const len = text.includes(shown) ? shown.length : s.to - s.from;
              sites.push({
                module,
                from: s.from + at,
                to: s.from + at + len,
                guarded
              });
            }
          }
          return undefined;
        }
      });
    };
    visit(facts.body, false);
    return sites;
  });
}

/** A JavaScript cell's bare module specifiers (`import … from 'd3'`, `require('lodash')`). */
export function javascriptImports(facts: ICellFacts): IImportSite[] {
  return derive(facts, 'packages:js-imports', () => {
    const sites: IImportSite[] = [];
    walkStmts(facts.body, {
      stmt: s => {
        if (s.type === 'Import') {
          const m =
            /from\s*(['"])([^'"]+)\1|^\s*import\s*(['"])([^'"]+)\3/.exec(
              facts.code.slice(s.from, s.to)
            );
          const module = m?.[2] ?? m?.[4];
          if (module) {
            sites.push({ module, from: s.from, to: s.to, guarded: false });
          }
        }
        return undefined;
      },
      expr: e => {
        if (
          e.type === 'Call' &&
          e.callee.type === 'Name' &&
          e.callee.name === 'require' &&
          e.args.length === 1 &&
          e.args[0].value.type === 'Str' &&
          e.args[0].value.value !== null
        ) {
          sites.push({
            module: e.args[0].value.value,
            from: e.from,
            to: e.to,
            guarded: false
          });
        }
        return undefined;
      }
    });
    return sites;
  });
}

const INSTALL =
  /^(?:(?:python3?|py|\S*\/python3?)\s+-m\s+)?(?:(uv)\s+)?(pip3?|conda|mamba|micromamba)\s+install\b(.*)$/;
/** Options whose value is the next token. */
const VALUE_OPTIONS =
  /^(-[ticfn]|--(index-url|extra-index-url|find-links|target|prefix|root|trusted-host|platform|python-version|implementation|abi|channel|name|prefix|src|upgrade-strategy|progress-bar|cache-dir|log|timeout|retries|proxy|python))$/;

/** The `pip install` / `conda install` lines of a cell, from its shell escapes and magics. */
export function installLines(facts: ICellFacts): IInstallLine[] {
  return derive(facts, 'packages:installs', () => {
    const lines: IInstallLine[] = [];
    for (const shell of facts.shellLines) {
      // `!pip install a && python x.py`: only the install part.
      const first = shell.command.split(/\s*(?:&&|\|\||;|\|)\s*/)[0].trim();
      const m = INSTALL.exec(first);
      if (!m) {
        continue;
      }
      const conda = m[2] !== 'pip' && m[2] !== 'pip3';
      const tokens = m[3].trim().split(/\s+/).filter(Boolean);
      const specs: IInstallSpec[] = [];
      let opaque = false;
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i].replace(/^["']|["']$/g, '');
        if (
          /^(-r|--requirement|-e|--editable|-c|--constraint|--file)$/.test(
            token
          ) ||
          /^-r\S/.test(token)
        ) {
          opaque = true;
          i++;
          continue;
        }
        if (token === '-' && /^[A-Za-z]$/.test(tokens[i + 1] ?? '')) {
          // `pip install - q - U pkg`: options with a stray space, not packages.
          i++;
          continue;
        }
        if (VALUE_OPTIONS.test(token)) {
          i++;
          continue;
        }
        if (token.startsWith('-') || token === '>' || /^\d?>/.test(token)) {
          // `> /dev/null`: the rest is a redirection.
          if (token.includes('>')) {
            break;
          }
          continue;
        }
        if (
          /[{}$]/.test(token) ||
          token === '.' ||
          token.startsWith('./') ||
          token.startsWith('/')
        ) {
          opaque = true;
          continue;
        }
        const name = requirementName(token);
        const url =
          /^[a-z+]+:\/\//i.test(token) || /\.(whl|tar\.gz|zip)$/.test(token);
        const pinned =
          url ||
          /\s@\s|@/.test(token.replace(/^@/, '')) ||
          (conda
            ? /[=<>]/.test(token)
            : /(==|>=|<=|~=|!=|<|>|===)/.test(token));
        specs.push({ spec: token, name, pinned });
      }
      lines.push({
        from: shell.from,
        to: shell.to,
        command: `${shell.kind === 'shell' ? '!' : '%'}${first}`,
        specs,
        opaque,
        conda
      });
    }
    return lines;
  });
}
