import { describe, expect, it } from 'vitest';
import { tableHtml } from '../../lib/plot/table';
import { InvalidArgumentError } from '../../lib/util/errors';

describe('tableHtml', () => {
  it('renders the union of columns with numbers formatted and right-aligned', () => {
    const html = tableHtml([{ metric: 'sharpe', value: 0.123456 }, { metric: 'trades', value: 12, note: 'x' }], { title: 'Results' });
    expect(html).toContain('<caption');
    expect(html).toContain('<th>metric</th><th>value</th><th>note</th>');
    expect(html).toContain('>0.1235<');
    expect(html).toContain('>12<');
    expect(html).toMatch(/text-align:right">0\.1235/);
  });

  it('escapes text so a cell cannot inject markup', () => {
    const html = tableHtml([{ name: '<script>alert(1)</script>' }]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });

  it('shows NaN and tiny numbers explicitly, and keeps every integer digit of large ones', () => {
    const html = tableHtml([{ a: NaN, b: 1.5e-7, c: 10556.234, d: -5274.36, e: 1.23456 }]);
    expect(html).toContain('>NaN<');
    expect(html).toContain('>1.500e-7<');
    expect(html).toContain('>10556<');
    expect(html).toContain('>-5274<');
    expect(html).toContain('>1.235<');
  });

  it('rejects an empty table naming the argument', () => {
    expect(() => tableHtml([])).toThrow(InvalidArgumentError);
    expect(() => tableHtml([{ a: 1 }], { digits: 0 })).toThrow(/options\.digits/);
  });
});
