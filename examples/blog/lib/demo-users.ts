/** The seeded accounts; scripts/start.sh prints them. Change the passwords for anything real. */
export const DEMO_USERS = [
  { name: 'Rita Reader', email: 'reader@example.com', password: 'reader1234', role: 'Reader' },
  { name: 'Walt Writer', email: 'writer@example.com', password: 'writer1234', role: 'Writer' },
] as const;
