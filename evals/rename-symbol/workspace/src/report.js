import { getUserName } from './users.js';

export function report(users) {
  return users.map((user) => `- ${getUserName(user)}`).join('\n');
}
