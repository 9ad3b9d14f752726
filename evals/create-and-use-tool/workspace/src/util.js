export const identity = (value) => value;
