/**
 * @module The registry of every generator the DSL knows, by name. Adding a generator means
 * adding it to `allGenerators`; docs, validation, JSON Schema and snapshot checks follow from it.
 */
import { boolean, enumeration } from './basic.js';
import { department, price, product, productDescription, productName } from './commerce.js';
import { buzzPhrase, catchPhrase, companyName } from './company.js';
import { expression, template } from './derived.js';
import {
  accountName,
  accountNumber,
  currencyCode,
  currencyName,
  currencySymbol,
  routingNumber,
  transactionDescription,
  transactionType,
} from './finance.js';
import { creditCardCvv, creditCardNumber } from './finance-card.js';
import { bic, iban } from './finance-iban.js';
import { email, username } from './internet.js';
import { ipv4, ipv6, mac } from './internet-network.js';
import { domainName, url, userAgent } from './internet-web.js';
import { array, json } from './json.js';
import {
  city,
  continent,
  country,
  countryCode,
  county,
  latitude,
  longitude,
  state,
  streetAddress,
  timeZone,
  zipCode,
} from './location.js';
import { buildingNumber, fullAddress, secondaryAddress, street } from './location-address.js';
import { paragraph, sentence, slug, word, words } from './lorem.js';
import { decimal, integer, sequence } from './numeric.js';
import {
  bio,
  firstName,
  fullName,
  gender,
  jobArea,
  jobDescriptor,
  jobTitle,
  jobType,
  lastName,
  middleName,
  prefix,
  sex,
  suffix,
  zodiacSign,
} from './person.js';
import { phoneNumber } from './phone.js';
import { ean13, isbn } from './product-codes.js';
import { randomString, regex } from './regex.js';
import { date, time, timestamp } from './temporal.js';
import type { AnyGeneratorDef } from './types.js';
import { uuid } from './uuid.js';

export const allGenerators: readonly AnyGeneratorDef[] = [
  // person
  firstName,
  lastName,
  middleName,
  fullName,
  prefix,
  suffix,
  gender,
  sex,
  jobTitle,
  jobArea,
  jobType,
  jobDescriptor,
  bio,
  zodiacSign,
  // internet
  email,
  username,
  domainName,
  url,
  userAgent,
  ipv4,
  ipv6,
  mac,
  // location
  city,
  country,
  countryCode,
  state,
  county,
  street,
  streetAddress,
  buildingNumber,
  secondaryAddress,
  zipCode,
  fullAddress,
  timeZone,
  continent,
  latitude,
  longitude,
  phoneNumber,
  // company and commerce
  companyName,
  catchPhrase,
  buzzPhrase,
  productName,
  product,
  productDescription,
  department,
  price,
  isbn,
  ean13,
  // finance
  iban,
  bic,
  creditCardNumber,
  creditCardCvv,
  currencyCode,
  currencyName,
  currencySymbol,
  accountName,
  accountNumber,
  routingNumber,
  transactionType,
  transactionDescription,
  // lorem
  word,
  words,
  sentence,
  paragraph,
  slug,
  // structure and basics
  uuid,
  integer,
  decimal,
  sequence,
  boolean,
  enumeration,
  randomString,
  regex,
  date,
  time,
  timestamp,
  json,
  array,
  template,
  expression,
] as AnyGeneratorDef[];

const byName = new Map(allGenerators.map((g) => [g.name, g]));

export function getGenerator(name: string): AnyGeneratorDef | undefined {
  return byName.get(name);
}

export const generatorNames: readonly string[] = allGenerators.map((g) => g.name);
