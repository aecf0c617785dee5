// Node's types, as a browser has them: none. tsconfig.web.json resolves `/// <reference types="node" />`
// here (docx's declarations carry one), so what the browser runs is checked without Node's globals.
export {};
