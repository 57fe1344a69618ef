import {
  appendInlineCode,
  splitInlineCode,
  stripInlineCode
} from './inline-code';

describe('inline code in messages', () => {
  it('splits prose and backtick spans', () => {
    expect(
      splitInlineCode('`0.37` is a hard-coded decision threshold on `proba`.')
    ).toEqual([
      { text: '0.37', code: true },
      { text: ' is a hard-coded decision threshold on ', code: false },
      { text: 'proba', code: true },
      { text: '.', code: false }
    ]);
  });

  it('keeps unclosed backticks and honours longer fences', () => {
    expect(splitInlineCode('a ` b')).toEqual([{ text: 'a ` b', code: false }]);
    expect(splitInlineCode('x `` a`b `` y')).toEqual([
      { text: 'x ', code: false },
      { text: 'a`b', code: true },
      { text: ' y', code: false }
    ]);
  });

  it('strips backticks for plain-text tooltips', () => {
    expect(stripInlineCode('`df["a"] > 3` in `f()`')).toBe(
      'df["a"] > 3 in f()'
    );
  });

  it('renders code as <code> text nodes, never as HTML', () => {
    const div = document.createElement('div');
    appendInlineCode(div, 'reads `<img src=x onerror=alert(1)>` here');
    expect(div.querySelectorAll('img')).toHaveLength(0);
    expect(div.querySelector('code')!.textContent).toBe(
      '<img src=x onerror=alert(1)>'
    );
    expect(div.textContent).toBe('reads <img src=x onerror=alert(1)> here');
  });
});
