/** dead-code: branches whose condition is a constant (`if False:`, `while 0:`). */
import { IRule } from '../core/rule';
import { findDeadBranches } from './branches';
import { constantTruth } from './util';

export const constantCondition: IRule = {
  meta: {
    id: 'constant-condition',
    family: 'dead-code',
    severity: 'warning',
    title: 'Branch with a constant condition',
    description:
      'An `if`/`while` whose condition is a constant (`if False:`, `if 0:`, `while False:`, `False and x`, `not True`): its body never runs, or (for an always-true `if`) its `else`/`elif` never runs.',
    rationale:
      'A switched-off experiment kept as `if False:` is code nobody runs, tests or updates, yet every reader must understand it. Delete it (version control remembers it) or turn it into a declared parameter.',
    corpus:
      '0 findings on the 52 corpus notebooks (none of them has a constant branch); behaviour pinned by its fixture notebook.',
    paper: '§5 Dead Experimental Codepaths',
    options: {},
    coversBlock: true,
    examples: {
      bad: [
        { code: 'if False:\n    model = train_v2(X, y)' },
        { code: 'if True:\n    lr = 0.1\nelse:\n    lr = 0.01' },
        { code: 'if (false) {\n  retrain();\n}', language: 'javascript' }
      ],
      good: [
        {
          code: 'if USE_V2:\n    model = train_v2(X, y)',
          note: 'a flag declared in the parameters cell'
        },
        { code: 'while True:\n    batch = next(it)' }
      ]
    }
  },
  checkCell({ cell, report }) {
    findDeadBranches(cell, cell.facts!.body, constantTruth, dead =>
      report({
        from: dead.from,
        to: dead.to,
        message:
          dead.kind === 'body'
            ? `\`${dead.header}\` never runs its body: the ${dead.keyword} condition is always false. Delete the dead block, or drive it from a declared parameter.`
            : `The \`else\` branch of \`${dead.header}\` never runs: the condition is always true. Delete the dead branch and the constant test.`
      })
    );
  }
};
