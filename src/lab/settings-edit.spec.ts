import { rulesWithDisabled } from './settings-edit';
import { formatTextList, parseTextList } from './settings-form';

describe('Disable rule', () => {
  it('adds only the changed key to what the user had', () => {
    expect(rulesWithDisabled(undefined, 'repeated-literal')).toEqual({
      'repeated-literal': { enabled: false }
    });
    expect(
      rulesWithDisabled(
        { 'literal-hyperparameter': { severity: 'info' } },
        'repeated-literal'
      )
    ).toEqual({
      'literal-hyperparameter': { severity: 'info' },
      'repeated-literal': { enabled: false }
    });
    expect(
      rulesWithDisabled(
        { 'repeated-literal': { severity: 'info', enabled: true } },
        'repeated-literal'
      )
    ).toEqual({ 'repeated-literal': { severity: 'info', enabled: false } });
  });

  it('ignores a malformed user value instead of failing', () => {
    expect(rulesWithDisabled(['x'], 'a')).toEqual({ a: { enabled: false } });
    expect(rulesWithDisabled({ a: 3 }, 'a')).toEqual({ a: { enabled: false } });
  });
});

describe('text lists in the Settings Editor', () => {
  it('reads one value per line (or comma), dropping blanks', () => {
    expect(parseTextList('lr\n\n  epochs , batch_size\n', 'string')).toEqual([
      'lr',
      'epochs',
      'batch_size'
    ]);
    expect(parseTextList('0\n1\n-1\n0.5', 'number')).toEqual([0, 1, -1, 0.5]);
    expect(parseTextList('0\nten', 'number')).toBeNull();
    expect(parseTextList('', 'string')).toEqual([]);
  });

  it('writes the values one per line and round-trips', () => {
    const text = formatTextList(['lr', 'epochs']);
    expect(text).toBe('lr\nepochs');
    expect(parseTextList(text, 'string')).toEqual(['lr', 'epochs']);
    expect(formatTextList(undefined)).toBe('');
  });
});
