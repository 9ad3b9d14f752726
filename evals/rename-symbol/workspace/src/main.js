import { greet } from './users.js';
import { report } from './report.js';

const users = [{ first: 'Ada', last: 'Lovelace' }, { first: 'Alan', last: 'Turing' }];
console.log(greet(users[0]));
console.log(report(users));
