/** The engine's own notes (family `analysis`): what it could not analyse. */
import { IRule } from '../core/rule';

export const syntaxError: IRule = {
  meta: {
    id: 'syntax-error',
    family: 'analysis',
    severity: 'info',
    title: 'Cell does not parse',
    description:
      'A code cell has a syntax error, or is nested more deeply than the engine analyses (over 500 levels of syntax tree, as in generated `((((…))))`). The rest of a broken cell is analysed as far as the parser can recover, a too-deep cell is skipped, and every other cell is analysed normally.',
    rationale:
      'Findings in and around a broken cell may be incomplete; fix the syntax to get a full analysis.',
    paper: '—',
    options: {},
    examples: {
      bad: [{ code: 'def train(:\n    pass', note: 'a syntax error' }],
      good: [{ code: 'def train():\n    pass' }]
    }
  },
  checkCell({ cell, report }) {
    const facts = cell.facts!;
    if (facts.error) {
      const at = Math.min(facts.error.from, facts.text.length);
      const lineEnd = facts.lines.lineEnd(facts.lines.position(at).line);
      report({
        from: at,
        to: Math.max(at, lineEnd),
        message:
          facts.error.kind === 'depth'
            ? `This cell is ${facts.error.message}: its code was not analysed; every other cell was.`
            : `This cell does not parse (${facts.error.message}); the rest of it was analysed as far as possible.`
      });
    }
  }
};

export const unsupportedLanguage: IRule = {
  meta: {
    id: 'unsupported-language',
    family: 'analysis',
    severity: 'info',
    title: 'Kernel language not analysed',
    description:
      "The notebook's kernel language (R, Julia, Scala, TypeScript…) has no front-end; its cells are skipped.",
    rationale:
      'Only Python (with IPython syntax) and JavaScript notebooks are analysed; this note says why a notebook shows no findings.',
    paper: '—',
    options: {},
    examples: {
      bad: [{ code: 'library(ggplot2)', note: 'an R notebook' }],
      good: [{ code: 'import pandas as pd' }]
    }
  },
  check({ model, report }) {
    if (model.language !== null || model.cells.length === 0) {
      return;
    }
    report({
      cell: model.cells[0],
      from: 0,
      to: 0,
      message: `This notebook's kernel language is ${model.languageName}, which mldebt does not analyse; its cells were skipped.`
    });
  }
};
