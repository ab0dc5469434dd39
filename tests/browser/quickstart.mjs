// A real browser runs notebooks/00-quickstart.ipynb in Jupyter Notebook on the StoryLab kernel.
//   node quickstart.mjs --jupyter-path DIR --out DIR
// Starts a Jupyter server (Debian's jupyter-notebook) on a free loopback port over a copy of the
// notebooks, opens the quick start in headless Chromium (Debian's chromium), runs all cells, and checks
// that an inline chart image, an HTML table and a display updated in place (its last value) appear.
// Then it moves the temperature slider (a widget; Debian's Notebook draws it with its jupyter-js-widgets
// extension, widget protocol 1) and waits for the kernel's new sample, and opens the pager with ?Pretrain.
// Saves screenshots. Exits non-zero with the reason on any failure.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const jupyterPath = arg("--jupyter-path", process.env.JUPYTER_PATH || "");
const outDir = path.resolve(arg("--out", path.join(repo, "tests", "target", "browser")));
mkdirSync(outDir, { recursive: true });

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });

async function waitForServer(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Jupyter server did not answer at ${url} within ${ms / 1000} s`);
}

const work = mkdtempSync(path.join(os.tmpdir(), "storylab-browser-"));
cpSync(path.join(repo, "notebooks"), work, { recursive: true });
const port = await freePort();
const log = [];
const server = spawn(
  "jupyter",
  ["notebook", "--no-browser", `--port=${port}`, "--ip=127.0.0.1", `--notebook-dir=${work}`,
   "--NotebookApp.token=", "--NotebookApp.password=", "--allow-root"],
  // Its own data folder: the kernel's history goes there, not into the user's.
  { env: { ...process.env, JUPYTER_PATH: jupyterPath, JUPYTER_DATA_DIR: path.join(work, ".jupyter-data") },
    stdio: ["ignore", "pipe", "pipe"] },
);
server.stdout.on("data", (d) => log.push(d.toString()));
server.stderr.on("data", (d) => log.push(d.toString()));

let browser;
let failed = null;
const consoleLog = [];
try {
  await waitForServer(`http://127.0.0.1:${port}/api`, 60_000);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") consoleLog.push(`[browser ${m.type()}] ${m.text()}`); });
  await page.goto(`http://127.0.0.1:${port}/notebooks/00-quickstart.ipynb`);
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
  await page.screenshot({ path: path.join(outDir, "quickstart.png"), fullPage: true });
  writeFileSync(path.join(outDir, "quickstart-outputs.txt"), checks.outputs);
  const problems = [];
  if (checks.images < 2) problems.push(`expected at least 2 inline chart images, found ${checks.images}`);
  if (!checks.tables.includes("The Brave Little Fox")) problems.push("the Tablesaw table did not render as HTML");
  if (!checks.outputs.includes("finished: 5 of 5 steps")) problems.push("the display updated in place does not show its last value");
  if (checks.outputs.includes("waiting…")) problems.push("the display updated in place still shows its first value");
  if (checks.errors.trim()) problems.push(`cells printed errors:\n${checks.errors}`);
  if (problems.length) throw new Error(problems.join("\n"));

  // The widget: the kernel sampled once at T = 0.7; one step right on the slider must make it sample at 0.8.
  // (Notebook 6 draws widgets in the cell's widget area, above its outputs; the whole cell is searched.)
  const widgetArea = page.locator(".cell", { hasText: 'Control.slider("temperature"' }).first();
  await widgetArea.locator(".ui-slider-handle, .noUi-handle").first().waitFor({ timeout: 60_000 })
    .catch(async (e) => { throw new Error(`no slider in the widget cell: ${await widgetArea.innerHTML()}\n${e.message}`); });
  const first = await widgetArea.innerText();
  if (!first.includes("T = 0.7: One")) throw new Error(`the widget's output area does not show the first sample:\n${first}`);
  await widgetArea.locator(".ui-slider-handle, .noUi-handle").first().focus();
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(
    () => Array.from(document.querySelectorAll(".output_area")).some((e) => e.innerText.includes("T = 0.8: One")),
    null, { timeout: 30_000, polling: 250 });
  const moved = await widgetArea.innerText();
  if (moved.includes("T = 0.7: One")) throw new Error(`the old sample was not replaced:\n${moved}`);
  await widgetArea.screenshot({ path: path.join(outDir, "widget.png") });
  await widgetArea.locator(".ui-slider-handle, .noUi-handle").first().blur();

  // The pager: ?Pretrain shows the class comment and its public methods.
  await page.evaluate(() => {
    const cell = Jupyter.notebook.insert_cell_at_bottom("code");
    cell.set_text("?Pretrain");
    cell.execute();
  });
  await page.waitForFunction(
    () => { const p = document.querySelector("#pager"); return p && p.getBoundingClientRect().height > 50 && p.innerText.includes("Pretraining as one fluent sentence"); },
    null, { timeout: 120_000, polling: 250 })
    .catch(async (e) => {
      const seen = await page.evaluate(() => {
        const cells = Jupyter.notebook.get_cells();
        const last = cells[cells.length - 1];
        const p = document.querySelector("#pager");
        return `pager (height ${p?.getBoundingClientRect().height}): ${p?.innerText?.slice(0, 300)}\nlast cell "${last.get_text()}" `
          + `prompt ${last.input_prompt_number}, outputs ${JSON.stringify(last.output_area.outputs).slice(0, 500)}`;
      });
      throw new Error(`the pager did not show ?Pretrain: ${seen}\n${e.message}`);
    });
  const pager = await page.locator("#pager").innerText();
  if (!pager.includes("static Pretrain of(Gpt model, Tokenizer tokenizer, Corpus corpus)"))
    throw new Error(`the pager does not list Pretrain's methods:\n${pager.slice(0, 2000)}`);
  await page.screenshot({ path: path.join(outDir, "pager.png") });
  console.log(`ok: ${checks.images} images, HTML table, in-place display, slider moved (T 0.7 -> 0.8, sampled again), pager; screenshots in ${outDir}`);
} catch (e) {
  failed = e;
} finally {
  if (browser) await browser.close();
  server.kill("SIGTERM");
}
if (failed) {
  console.error(`FAILED: ${failed.message}\n--- browser console ---\n${consoleLog.join("\n").slice(-4000)}`
    + `\n--- jupyter server log ---\n${log.join("").slice(-4000)}`);
  process.exit(1);
}
