/**
 * @module Check digits of the identifiers we generate: Luhn (cards), GS1 mod 10 (EAN, ISBN-13),
 * ISO 7064 mod 97-10 (IBAN) and the ABA routing number checksum. Digits are read with
 * `charCodeAt`, so computing one allocates nothing.
 */

/** The Luhn digit to append to `digits` (non-digits such as separators are skipped). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  let double = true; // the rightmost payload digit is doubled, since the check digit follows it
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    if (double) sum += d < 5 ? d * 2 : d * 2 - 9;
    else sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

/** The GS1 digit to append to an EAN-13 / ISBN-13 payload of 12 digits (weights 1, 3, 1, ...). */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(i) - 48;
    sum += (digits.length - i) % 2 === 1 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Value of an IBAN character in mod-97 arithmetic: digits as themselves, A=10 ... Z=35. */
function ibanValue(c: number): number {
  return c >= 65 ? c - 55 : c - 48;
}

/** The two IBAN check digits for a country and a BBAN (uppercase letters and digits). */
export function ibanCheckDigits(country: string, bban: string): string {
  let rem = 0;
  const step = (c: number): void => {
    const v = ibanValue(c);
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  };
  for (let i = 0; i < bban.length; i++) step(bban.charCodeAt(i));
  step(country.charCodeAt(0));
  step(country.charCodeAt(1));
  rem = (rem * 100) % 97; // the "00" placeholder check digits
  const check = 98 - rem;
  return check < 10 ? '0' + check : String(check);
}

const ABA_WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7];

/** The ninth digit of an ABA routing number from its first eight. */
export function abaCheckDigit(first8: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (first8.charCodeAt(i) - 48) * (ABA_WEIGHTS[i] as number);
  return (10 - (sum % 10)) % 10;
}
