import type { Random } from "./random";
import type { CurrencyCode, DemoAddress, DemoCustomer } from "./types";

type Place = {
  city: string;
  province: string | null;
  provinceCode: string | null;
  zip: string;
  streets: string[];
};

type Country = {
  code: string;
  name: string;
  currency: CurrencyCode;
  dial: string;
  places: Place[];
};

export const COUNTRIES: Record<string, Country> = {
  US: {
    code: "US",
    name: "United States",
    currency: "USD",
    dial: "+1",
    places: [
      {
        city: "Portland",
        province: "Oregon",
        provinceCode: "OR",
        zip: "97205",
        streets: ["SW Alder St", "NW 23rd Ave"],
      },
      {
        city: "Brooklyn",
        province: "New York",
        provinceCode: "NY",
        zip: "11215",
        streets: ["7th Ave", "Prospect Park W"],
      },
      {
        city: "Austin",
        province: "Texas",
        provinceCode: "TX",
        zip: "78704",
        streets: ["S Congress Ave", "Barton Springs Rd"],
      },
      {
        city: "Denver",
        province: "Colorado",
        provinceCode: "CO",
        zip: "80205",
        streets: ["Larimer St", "E 17th Ave"],
      },
      {
        city: "Chicago",
        province: "Illinois",
        provinceCode: "IL",
        zip: "60614",
        streets: ["N Halsted St", "W Armitage Ave"],
      },
      {
        city: "San Diego",
        province: "California",
        provinceCode: "CA",
        zip: "92104",
        streets: ["30th St", "University Ave"],
      },
      {
        city: "Burlington",
        province: "Vermont",
        provinceCode: "VT",
        zip: "05401",
        streets: ["Church St", "Pearl St"],
      },
    ],
  },
  CA: {
    code: "CA",
    name: "Canada",
    currency: "CAD",
    dial: "+1",
    places: [
      {
        city: "Toronto",
        province: "Ontario",
        provinceCode: "ON",
        zip: "M5V 2T6",
        streets: ["King St W", "Queen St W"],
      },
      {
        city: "Montréal",
        province: "Quebec",
        provinceCode: "QC",
        zip: "H2T 1S6",
        streets: ["Rue Saint-Denis", "Avenue du Mont-Royal E"],
      },
      {
        city: "Vancouver",
        province: "British Columbia",
        provinceCode: "BC",
        zip: "V6K 2G8",
        streets: ["W 4th Ave", "Commercial Dr"],
      },
    ],
  },
  GB: {
    code: "GB",
    name: "United Kingdom",
    currency: "GBP",
    dial: "+44",
    places: [
      {
        city: "London",
        province: "England",
        provinceCode: "ENG",
        zip: "N1 9GU",
        streets: ["Upper Street", "Essex Road"],
      },
      {
        city: "Edinburgh",
        province: "Scotland",
        provinceCode: "SCT",
        zip: "EH1 2NG",
        streets: ["Victoria Street", "Grassmarket"],
      },
    ],
  },
  DE: {
    code: "DE",
    name: "Germany",
    currency: "EUR",
    dial: "+49",
    places: [
      {
        city: "Berlin",
        province: null,
        provinceCode: null,
        zip: "10405",
        streets: ["Kastanienallee", "Schönhauser Allee"],
      },
      {
        city: "München",
        province: null,
        provinceCode: null,
        zip: "80469",
        streets: ["Fraunhoferstraße", "Müllerstraße"],
      },
    ],
  },
  FR: {
    code: "FR",
    name: "France",
    currency: "EUR",
    dial: "+33",
    places: [
      {
        city: "Paris",
        province: null,
        provinceCode: null,
        zip: "75011",
        streets: ["Rue Oberkampf", "Boulevard Voltaire"],
      },
      {
        city: "Lyon",
        province: null,
        provinceCode: null,
        zip: "69002",
        streets: ["Rue Mercière", "Quai Saint-Antoine"],
      },
    ],
  },
  ES: {
    code: "ES",
    name: "Spain",
    currency: "EUR",
    dial: "+34",
    places: [
      {
        city: "Madrid",
        province: "Madrid",
        provinceCode: "M",
        zip: "28004",
        streets: ["Calle de Fuencarral", "Calle del Pez"],
      },
      {
        city: "Barcelona",
        province: "Barcelona",
        provinceCode: "B",
        zip: "08012",
        streets: ["Carrer de Verdi", "Travessera de Gràcia"],
      },
    ],
  },
  AU: {
    code: "AU",
    name: "Australia",
    currency: "AUD",
    dial: "+61",
    places: [
      {
        city: "Melbourne",
        province: "Victoria",
        provinceCode: "VIC",
        zip: "3065",
        streets: ["Brunswick St", "Gertrude St"],
      },
    ],
  },
};

// [first, last, country, locale]: locales match the shop's enabled languages.
const PEOPLE: [string, string, string, string][] = [
  ["Amelia", "Hart", "US", "en"],
  ["Marcus", "Bennett", "US", "en"],
  ["Priya", "Raman", "US", "en"],
  ["Diego", "Alvarez", "US", "es"],
  ["Hannah", "Okafor", "US", "en"],
  ["Wei", "Zhang", "US", "zh-CN"],
  ["Olivia", "Nguyen", "US", "en"],
  ["Jackson", "Reed", "US", "en"],
  ["Sofia", "Romero", "US", "es"],
  ["Ethan", "Cole", "US", "en"],
  ["Grace", "Kim", "US", "en"],
  ["Noah", "Fischer", "US", "en"],
  ["Yuki", "Tanaka", "US", "ja"],
  ["Chloe", "Martin", "CA", "en"],
  ["Étienne", "Gagnon", "CA", "fr"],
  ["Liam", "MacDonald", "CA", "en"],
  ["Mei", "Chen", "CA", "zh-CN"],
  ["Isla", "Campbell", "GB", "en"],
  ["Oliver", "Wright", "GB", "en"],
  ["Lena", "Schneider", "DE", "de"],
  ["Jonas", "Weber", "DE", "de"],
  ["Camille", "Dubois", "FR", "fr"],
  ["Louis", "Moreau", "FR", "fr"],
  ["Lucía", "García", "ES", "es"],
  ["Javier", "Fernández", "ES", "es"],
  ["Charlotte", "Evans", "AU", "en"],
  ["Haruto", "Sato", "US", "ja"],
  ["Ava", "Thompson", "US", "en"],
  ["Benjamin", "Lopez", "US", "en"],
  ["Zoe", "Parker", "CA", "en"],
  ["Mia", "Hoffmann", "DE", "de"],
  ["Samuel", "Brooks", "US", "en"],
];

function ascii(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** A fictional but well-formed E.164 number (US/CA numbers use the reserved 555-01xx range). */
function phoneFor(country: Country, rand: Random): string {
  const n = () => String(rand.int(0, 9));
  switch (country.code) {
    case "US":
      return `+1${rand.pick([
        "503",
        "718",
        "512",
        "303",
        "312",
        "619",
        "802",
      ])}5550${n()}${n()}${n()}`;
    case "CA":
      return `+1${rand.pick(["416", "514", "604"])}5550${n()}${n()}${n()}`;
    case "GB":
      return `+447700900${n()}${n()}${n()}`;
    case "DE":
      return `+49151${n()}${n()}${n()}${n()}${n()}${n()}${n()}${n()}`;
    case "FR":
      return `+336${n()}${n()}${n()}${n()}${n()}${n()}${n()}${n()}`;
    case "ES":
      return `+346${n()}${n()}${n()}${n()}${n()}${n()}${n()}${n()}`;
    default:
      return `+614${n()}${n()}${n()}${n()}${n()}${n()}${n()}${n()}`;
  }
}

/** A shipping address in the given country; `seq` numbers the address ids within one demo shop. */
export function addressFor(
  rand: Random,
  seq: { n: number },
  countryCode: string,
  person: { firstName: string; lastName: string; phone: string | null },
  place?: Place
): DemoAddress {
  const country = COUNTRIES[countryCode];
  const p = place ?? rand.pick(country.places);
  seq.n += 1;
  return {
    id: `gid://shopify/MailingAddress/${
      9_870_000_000 + seq.n
    }?model_name=Address`,
    firstName: person.firstName,
    lastName: person.lastName,
    name: `${person.firstName} ${person.lastName}`,
    company: null,
    address1:
      countryCode === "US" || countryCode === "CA" || countryCode === "AU"
        ? `${rand.int(12, 2980)} ${rand.pick(p.streets)}`
        : `${rand.pick(p.streets)} ${rand.int(1, 140)}`,
    address2: rand.chance(0.25)
      ? countryCode === "US"
        ? `Apt ${rand.int(1, 40)}`
        : `${rand.int(1, 6)}. OG`
      : null,
    city: p.city,
    province: p.province,
    provinceCode: p.provinceCode,
    country: country.name,
    countryCodeV2: country.code,
    zip: p.zip,
    phone: person.phone,
  };
}

/** Customers in several countries and languages, with E.164 phones for most. */
export function buildCustomers(
  rand: Random,
  seq: { n: number },
  daysAgo: (d: number) => string
): DemoCustomer[] {
  return PEOPLE.map(([firstName, lastName, countryCode, locale], i) => {
    const country = COUNTRIES[countryCode];
    const phone = i % 7 === 6 ? null : phoneFor(country, rand);
    const createdAt = daysAgo(rand.int(125, 900));
    const email = `${ascii(firstName)}.${ascii(lastName)}@${rand.pick([
      "example.com",
      "example.org",
      "example.net",
    ])}`;
    return {
      id: `gid://shopify/Customer/${7_301_500_000_000 + (i + 1) * 41}`,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      email,
      phone,
      locale,
      note: null,
      tags: i % 5 === 0 ? ["vip"] : [],
      verifiedEmail: true,
      state: i % 4 === 0 ? "ENABLED" : "DISABLED",
      taxExempt: false,
      defaultAddress: addressFor(rand, seq, countryCode, {
        firstName,
        lastName,
        phone,
      }),
      createdAt,
      updatedAt: createdAt,
    };
  });
}
