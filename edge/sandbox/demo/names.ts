/**
 * Embedded vocabularies for the demo organisation: names, departments with their titles,
 * and the offices (three of which are Genea locations).
 */
export const FIRST_NAMES = [
  "Aaliyah", "Aaron", "Abigail", "Adam", "Adrian", "Aisha", "Alan", "Alejandro", "Alex", "Alice",
  "Alicia", "Amanda", "Amelia", "Amir", "Ana", "Andrea", "Andrew", "Angela", "Anna", "Anthony",
  "Arjun", "Ava", "Ben", "Benjamin", "Bianca", "Brandon", "Brian", "Caleb", "Camila", "Carlos",
  "Caroline", "Catherine", "Charlotte", "Chen", "Chloe", "Chris", "Christina", "Claire", "Daniel", "David",
  "Deepak", "Diana", "Diego", "Dmitri", "Elena", "Eli", "Elijah", "Elizabeth", "Ella", "Emily",
  "Emma", "Eric", "Ethan", "Fatima", "Felix", "Fiona", "Gabriel", "Grace", "Hannah", "Hassan",
  "Henry", "Hiroshi", "Isaac", "Isabella", "Ivan", "Jack", "Jacob", "James", "Jasmine", "Javier",
  "Jennifer", "Jessica", "Joao", "John", "Jonathan", "Jose", "Joseph", "Joshua", "Julia", "Kai",
  "Karen", "Kate", "Kevin", "Kim", "Laura", "Leah", "Leo", "Liam", "Lily", "Lucas",
  "Lucy", "Luis", "Maria", "Mark", "Martin", "Maya", "Mei", "Michael", "Michelle", "Mohammed",
  "Naomi", "Natalie", "Nathan", "Nicole", "Noah", "Olivia", "Omar", "Oscar", "Patrick", "Paul",
  "Priya", "Rachel", "Rahul", "Rebecca", "Ricardo", "Robert", "Rosa", "Ryan", "Samantha", "Samuel",
  "Sara", "Sean", "Sofia", "Sophie", "Stephanie", "Steven", "Tariq", "Thomas", "Tom", "Valentina",
  "Victor", "Wei", "William", "Xavier", "Yara", "Yuki", "Zoe", "Zara", "Noor", "Ines",
] as const;

export const LAST_NAMES = [
  "Adams", "Ahmed", "Ali", "Allen", "Anderson", "Bailey", "Baker", "Banerjee", "Bennett", "Brooks",
  "Brown", "Campbell", "Carter", "Chan", "Chen", "Clark", "Collins", "Cook", "Cooper", "Costa",
  "Cruz", "Davies", "Davis", "Diaz", "Dubois", "Edwards", "Evans", "Fernandez", "Fischer", "Flores",
  "Foster", "Garcia", "Gomez", "Gonzalez", "Gray", "Green", "Gupta", "Hall", "Harris", "Hernandez",
  "Hill", "Hoffmann", "Howard", "Hughes", "Ivanov", "Jackson", "James", "Jenkins", "Johnson", "Jones",
  "Kaur", "Kelly", "Khan", "Kim", "King", "Kowalski", "Kumar", "Lee", "Lewis", "Li",
  "Lopez", "Martin", "Martinez", "Mendoza", "Miller", "Mitchell", "Moore", "Morales", "Morgan", "Morris",
  "Muller", "Murphy", "Nakamura", "Nelson", "Nguyen", "Novak", "O'Brien", "Okafor", "Ortiz", "Park",
  "Patel", "Perez", "Peterson", "Phillips", "Price", "Ramirez", "Reed", "Reyes", "Richardson", "Rivera",
  "Roberts", "Robinson", "Rodriguez", "Rossi", "Russell", "Sanchez", "Sanders", "Schmidt", "Scott", "Shah",
  "Silva", "Singh", "Smith", "Stewart", "Sullivan", "Suzuki", "Tanaka", "Taylor", "Thomas", "Thompson",
  "Torres", "Turner", "Walker", "Wang", "Ward", "Watson", "White", "Williams", "Wilson", "Wood",
  "Wright", "Wu", "Yamamoto", "Yang", "Young", "Zhang", "Zhao", "Zimmermann", "Moreau", "Larsen",
] as const;

export interface Department {
  name: string;
  /** share of the workforce */
  weight: number;
  costCenter: string;
  titles: readonly string[];
}

export const DEPARTMENTS: readonly Department[] = [
  { name: "Engineering", weight: 28, costCenter: "CC-1100", titles: ["Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "Site Reliability Engineer", "QA Engineer"] },
  { name: "Product", weight: 6, costCenter: "CC-1200", titles: ["Product Manager", "Senior Product Manager", "Director of Product"] },
  { name: "Design", weight: 4, costCenter: "CC-1300", titles: ["Product Designer", "UX Researcher", "Design Lead"] },
  { name: "Sales", weight: 16, costCenter: "CC-2100", titles: ["Account Executive", "Sales Development Rep", "Sales Engineer", "Regional Sales Director"] },
  { name: "Marketing", weight: 8, costCenter: "CC-2200", titles: ["Marketing Manager", "Content Strategist", "Growth Analyst", "Event Coordinator"] },
  { name: "Customer Success", weight: 12, costCenter: "CC-2300", titles: ["Customer Success Manager", "Support Engineer", "Support Specialist", "Implementation Consultant"] },
  { name: "Finance", weight: 6, costCenter: "CC-3100", titles: ["Financial Analyst", "Accountant", "Controller", "Payroll Specialist"] },
  { name: "People", weight: 5, costCenter: "CC-3200", titles: ["People Partner", "Recruiter", "Talent Coordinator"] },
  { name: "Legal", weight: 3, costCenter: "CC-3300", titles: ["Counsel", "Paralegal", "Contracts Manager"] },
  { name: "IT", weight: 12, costCenter: "CC-3400", titles: ["IT Support Specialist", "Systems Administrator", "Security Engineer", "Facilities Coordinator"] },
];

export interface Office {
  name: string;
  weight: number;
  city: string;
  countryCode: string;
  /** prefix of a mobile number, completed with 4 random digits */
  phonePrefix: string;
  /** the Genea location this office is, or null (remote staff) */
  location: null | {
    address_line1: string;
    state: string;
    zip: string;
    timezone: string;
    has_apple_wallet: boolean;
  };
}

export const OFFICES: readonly Office[] = [
  {
    name: "San Francisco HQ", weight: 40, city: "San Francisco", countryCode: "US", phonePrefix: "+1 415-555-",
    location: { address_line1: "500 Howard Street", state: "CA", zip: "94105", timezone: "America/Los_Angeles", has_apple_wallet: true },
  },
  {
    name: "New York", weight: 25, city: "New York", countryCode: "US", phonePrefix: "+1 212-555-",
    location: { address_line1: "85 Broad Street", state: "NY", zip: "10004", timezone: "America/New_York", has_apple_wallet: false },
  },
  {
    name: "London", weight: 20, city: "London", countryCode: "GB", phonePrefix: "+44 7700 90",
    location: { address_line1: "1 Finsbury Avenue", state: "England", zip: "EC2M 2PF", timezone: "Europe/London", has_apple_wallet: false },
  },
  { name: "Remote", weight: 15, city: "Remote", countryCode: "US", phonePrefix: "+1 503-555-", location: null },
];

/** Access groups every Genea location has, plus a few per location. */
export const COMMON_ACCESS_GROUPS = ["All Doors", "Lobby", "Engineering Floor", "Server Room", "Parking Garage"] as const;
export const EXTRA_ACCESS_GROUPS: Record<string, readonly string[]> = {
  "San Francisco HQ": ["Executive Suite", "Mail Room"],
  "New York": ["Trading Floor"],
  London: ["Roof Terrace"],
};

/** Built-in Genea roles; lower hierarchy = more privileged. */
export const GENEA_ROLES = [
  ["Admin", 1],
  ["Security", 2],
  ["User Manager", 3],
  ["Front Desk", 4],
  ["User", 5],
] as const;
