// The quick start in a real browser against a Jupyter Notebook server that is already running — the
// workshop image's, started by tests/image/check-image.sh — logging in with its token.
//   node image-quickstart.mjs --url http://127.0.0.1:PORT --token TOKEN --out DIR
// Checks what quickstart.mjs checks (charts, the HTML table, the display updated in place, no errors) and
// saves a screenshot. Exits non-zero with the reason on any failure.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const arg = (name) => {
  const i = process.argv.indexOf(name);
  if (i < 0 || !process.argv[i + 1]) {
    console.error(`usage: node image-quickstart.mjs --url URL --token TOKEN --out DIR (missing ${name})`);
    process.exit(2);
  }
  return process.argv[i + 1];
};
const url = arg("--url");
const token = arg("--token");
const outDir = path.resolve(arg("--out"));
mkdirSync(outDir, { recursive: true });

let browser;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
  // The token in the URL logs the browser in (a cookie) — the way a workshop participant opens it.
  await page.goto(`${url}/notebooks/00-quickstart.ipynb?token=${token}`);
  await page.waitForFunction(
    () => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected(),
    null, { timeout: 90_000 });
  const kernelName = await page.evaluate(() => Jupyter.notebook.kernel.name);
  if (kernelName !== "storylab") throw new Error(`the notebook started kernel "${kernelName}", not storylab`);
  await page.evaluate(() => Jupyter.notebook.execute_all_cells());
  await page.waitForFunction(
    () => Jupyter.notebook.get_cells().every((c) => c.cell_type !== "code" || c.get_text().trim() === ""
            || (c.input_prompt_number !== null && c.input_prompt_number !== undefined && c.input_prompt_number !== "*")),
    null, { timeout: 240_000, polling: 500 });
  const checks = await page.evaluate(() => {
    const text = (sel) => Array.from(document.querySelectorAll(sel)).map((e) => e.innerText);
    return {
      images: document.querySelectorAll(".output_area img").length,
      tables: text(".output_html table").join("\n"),
      outputs: text(".output_area").join("\n"),
      errors: text(".output_error, .output_stderr pre").join("\n"),
    };
  });
  await page.screenshot({ path: path.join(outDir, "image-quickstart.png"), fullPage: true });
  // Stop the kernel so the server can be stopped cleanly.
  await page.evaluate(() => Jupyter.notebook.session.delete());
  const problems = [];
  if (checks.images < 2) problems.push(`expected at least 2 inline chart images, found ${checks.images}`);
  if (!checks.tables.includes("The Brave Little Fox")) problems.push("the Tablesaw table did not render as HTML");
  if (!checks.outputs.includes("finished: 5 of 5 steps")) problems.push("the display updated in place does not show its last value");
  if (checks.errors.trim()) problems.push(`cells printed errors:\n${checks.errors}`);
  if (problems.length) throw new Error(problems.join("\n"));
  console.log(`ok: ${checks.images} images, HTML table, in-place display; screenshot ${path.join(outDir, "image-quickstart.png")}`);
} catch (e) {
  console.error(`FAILED: ${e.message}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
}
