// Copies the npm packages' built files into a git-ignored static folder so that
// the site serves every font, style and script itself (no third-party requests).
import { cpSync, mkdirSync, rmSync } from "node:fs";

const out = "site/static/vendor";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const copies = [
  ["node_modules/@kern-ux/native/dist/kern.min.css", `${out}/kern/kern.min.css`],
  ["node_modules/@kern-ux/native/dist/fonts/fira-sans.css", `${out}/kern/fonts/fira-sans.css`],
  ["node_modules/@kern-ux/native/dist/fonts/fira-sans", `${out}/kern/fonts/fira-sans`],
  ["node_modules/@kern-ux/native/LICENSE.md", `${out}/kern/LICENSE.md`],
  ["node_modules/htmx.org/dist/htmx.min.js", `${out}/htmx/htmx.min.js`],
  ["node_modules/htmx.org/LICENSE", `${out}/htmx/LICENSE`],
];
for (const [from, to] of copies) {
  cpSync(from, to, { recursive: true });
}
console.log(`copied ${copies.length} asset groups to ${out}`);
