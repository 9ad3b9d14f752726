export function getUserName(user) {
  return `${user.first} ${user.last}`.trim();
}

export function greet(user) {
  return `Hello, ${getUserName(user)}!`;
}
