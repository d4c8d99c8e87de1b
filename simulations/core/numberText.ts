/**
 * Numbers as learners read them in captions, result tables and messages: en-US grouping
 * ("1,234.5"), at most `digits` fraction digits (default 0). Exactly the text of
 * `x.toLocaleString('en-US', { maximumFractionDigits: digits })`; `groupedNumber(x)` is
 * `x.toLocaleString('en-US')` (at most 3 fraction digits). A property test holds both to Intl.
 *
 * LOUD: no Intl here, on purpose. The first Intl formatter a page builds loads ICU's locale data,
 * ~15 ms of main thread on a desktop (×4 on Lighthouse's phone), inside whichever task formats the
 * first number of a lab page; profiles blamed it for the longest task of the e2ee and ABR pages.
 * And `toLocaleString` with a locale builds a new formatter on every call (tens of µs): the event
 * log captions a hundred events several times a second.
 *
 * How Intl rounds (ECMA-402 with ICU): the double's shortest round-trip decimal (what String(x)
 * prints), rounded half away from zero ("halfExpand") — so 1.005 → "1.01", where toFixed says 1.00.
 */
export function numberText(x: number, digits = 0): string {
  if (Number.isNaN(x)) return 'NaN';
  const negative = x < 0 || Object.is(x, -0);
  if (!Number.isFinite(x)) return negative ? '-∞' : '∞';
  const [whole, fraction] = roundDecimal(plainDecimal(String(Math.abs(x))), Math.max(0, Math.floor(digits)));
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** `x.toLocaleString('en-US')`: grouping and at most 3 fraction digits. */
export function groupedNumber(x: number): string {
  return numberText(x, 3);
}

/** "1.5e-7" → "0.00000015", "1e+21" → "1000000000000000000000"; plain decimals unchanged. */
function plainDecimal(s: string): string {
  const e = s.indexOf('e');
  if (e < 0) return s;
  const exponent = Number(s.slice(e + 1));
  const [intPart, fracPart = ''] = s.slice(0, e).split('.');
  const digitsOnly = intPart + fracPart;
  const point = intPart.length + exponent; // position of the decimal point in digitsOnly
  if (point <= 0) return `0.${'0'.repeat(-point)}${digitsOnly}`;
  if (point >= digitsOnly.length) return digitsOnly + '0'.repeat(point - digitsOnly.length);
  return `${digitsOnly.slice(0, point)}.${digitsOnly.slice(point)}`;
}

/** Rounds a plain non-negative decimal to `digits` fraction digits, half away from zero; drops trailing zeros. */
function roundDecimal(s: string, digits: number): [whole: string, fraction: string] {
  const [whole, fraction = ''] = s.split('.');
  if (fraction.length <= digits) return [whole, fraction.replace(/0+$/, '')];
  const kept = whole + fraction.slice(0, digits);
  const roundUp = fraction.charCodeAt(digits) >= 53; // '5'
  let out = kept;
  if (roundUp) {
    const chars = kept.split('');
    let i = chars.length - 1;
    for (; i >= 0; i--) {
      if (chars[i] === '9') chars[i] = '0';
      else {
        chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
        break;
      }
    }
    out = (i < 0 ? '1' : '') + chars.join('');
  }
  const wholeLength = out.length - digits;
  return [out.slice(0, wholeLength).replace(/^0+(?=\d)/, '') || '0', out.slice(wholeLength).replace(/0+$/, '')];
}
