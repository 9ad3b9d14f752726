// Messages shown to users; "invalid token" is thrown in the auth code, not here.
export const MESSAGES = { 401: 'Please log in again.', 403: 'Not allowed.' };
