/** CSV cells: quoted when they must be, and never a formula a spreadsheet would run. */
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../../server/console/csv.js';

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves numbers alone, empties nulls and ends lines with CRLF', () => {
    expect(csvLine([-5, null, undefined, 'x'])).toBe('-5,,,x\r\n');
  });
});
