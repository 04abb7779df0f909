export const VERSION = "0.1.0";
export function hello(name: string): string { return `hello ${name}`; }
