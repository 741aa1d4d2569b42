/**
 * @module Personal data by column name: names are split into lowercase word tokens
 * (`customerEmail`, `Customer-E-Mail` -> `customer_email`, `customer_e_mail`) and matched against
 * patterns in several languages. A pattern carries a strength: how far the name alone makes the
 * kind likely (`email` says more than `name`, which could name a product). Words that turn a
 * column into a measure or a flag (`email_count`, `card_type`, `zip_verified`) cancel a match.
 */
import type { PiiKind } from '../types.js';

/** A column name's evidence: the kind, the pattern that matched, and its strength in [0, 1]. */
export interface NameEvidence {
  kind: PiiKind;
  pattern: string;
  strength: number;
}

interface NameRule {
  kind: PiiKind;
  strength: number;
  /** Space-separated alternatives: whole tokens, or token runs joined by `_`. */
  words: string;
  /** Match only when the alternative is the whole name. */
  whole?: boolean;
}

/** Order matters: the first rule that matches wins (`ip_address` before `address`). */
const RULES: NameRule[] = [
  { kind: 'email', strength: 0.7, words: 'e_mail email mail email_address courriel correo' },
  {
    kind: 'ip_address',
    strength: 0.7,
    words: 'ip ip_address ip_addr ipv4 ipv6 remote_addr',
  },
  {
    kind: 'phone',
    strength: 0.7,
    words: 'phone tel telephone telefon telefono telefoon mobile mobil cell cellphone handy fax msisdn gsm',
  },
  {
    kind: 'first_name',
    strength: 0.7,
    words: 'first_name firstname given_name givenname forename fname vorname prenom nombre voornaam nome',
  },
  {
    kind: 'last_name',
    strength: 0.7,
    words:
      'last_name lastname surname family_name familyname lname nachname apellido apellidos achternaam cognome nom',
  },
  {
    kind: 'person_name',
    strength: 0.6,
    words:
      'full_name fullname customer_name contact_name person_name employee_name patient_name client_name owner_name card_holder cardholder holder_name account_holder member_name student_name recipient_name sender_name naam nombre_completo',
  },
  { kind: 'person_name', strength: 0.3, words: 'name', whole: true },
  {
    kind: 'date_of_birth',
    strength: 0.7,
    words:
      'dob birth birthday birthdate date_of_birth birth_date born geburtsdatum fecha_nacimiento date_naissance geboortedatum',
  },
  {
    kind: 'national_id',
    strength: 0.7,
    words:
      'ssn social_security national_id nin nino bsn dni nie nif tax_id tin sin personnummer steuer_id cpf nir insee passport id_card idcard burgerservicenummer',
  },
  { kind: 'iban', strength: 0.7, words: 'iban' },
  { kind: 'iban', strength: 0.4, words: 'bank_account account_number rekeningnummer kontonummer' },
  {
    kind: 'payment_card',
    strength: 0.6,
    words: 'card card_number card_no cc ccnum cc_number credit_card creditcard pan kreditkarte tarjeta',
  },
  {
    kind: 'postal_code',
    strength: 0.6,
    words:
      'zip zipcode zip_code postcode post_code postal postal_code postalcode plz postleitzahl code_postal codigo_postal',
  },
  {
    kind: 'street_address',
    strength: 0.6,
    words:
      'street street_address address_line address_line_1 address_line_2 address1 address2 addr strasse straße rue calle adresse adres indirizzo straat',
  },
  { kind: 'street_address', strength: 0.5, words: 'address' },
  {
    kind: 'city',
    strength: 0.5,
    words: 'city town ort stadt ville ciudad plaats woonplaats citta municipality',
  },
  {
    kind: 'free_text',
    strength: 0.2,
    words: 'note notes comment comments description remarks remark message body text feedback bemerkung memo',
  },
];

/** Tokens that make a column a measure, a flag or a category about the data, not the data. */
const CANCEL = new Set(
  'count cnt num_of flag verified status type sent enabled consent is has valid domain format length len opt optin opt_in pct rate total sum avg mean bounced provider brand network expiry exp cvv cvc country product company file host hostname user username login'.split(
    ' ',
  ),
);

/** `customerEmail`, `Customer E-Mail` -> `customer_email`, `customer_e_mail`. */
export function normalizeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9ßäöüéèàç]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const COMPILED = RULES.map((r) => ({
  rule: r,
  re: new RegExp(
    r.whole
      ? `^(?:${r.words.split(' ').map(escape).join('|')})$`
      : `(?:^|_)(${r.words.split(' ').map(escape).join('|')})(?:_?\\d+)?(?=_|$)`,
  ),
}));

/**
 * The personal-data kind a column name suggests, or null.
 *
 * @example
 * nameEvidence('CustomerEmail'); // { kind: 'email', pattern: 'email', strength: 0.7 }
 * nameEvidence('email_count'); // null
 */
export function nameEvidence(name: string): NameEvidence | null {
  const n = normalizeName(name);
  if (n === '') return null;
  const tokens = n.split('_');
  for (let i = 0; i < tokens.length; i++) {
    if (CANCEL.has(tokens[i]!) || (i + 1 < tokens.length && CANCEL.has(`${tokens[i]}_${tokens[i + 1]}`)))
      return null;
  }
  for (const { rule, re } of COMPILED) {
    const m = re.exec(n);
    if (m) return { kind: rule.kind, pattern: m[1] ?? m[0], strength: rule.strength };
  }
  return null;
}
