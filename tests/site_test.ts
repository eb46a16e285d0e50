// The demo site in headless Chromium (Debian's chromium; skipped where it is
// missing): it samples in the browser, the server's pictures to a gray level,
// "New seed" changes the picture, the server's PNGs stand in when asked, the
// live training view follows a job through its events, and it fits a phone.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { assert, assertEquals } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { decodePng } from "../src/image/png.ts";
import { buildSite } from "../src/serve/site_build.ts";
import { readSite } from "../src/serve/site_files.ts";
import { startServer, type TestServer, TOKEN, writeTinyModels } from "./serve_fixtures.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
if (!existsSync(CHROMIUM)) {
  console.warn(`the site's tests are skipped: no ${CHROMIUM} (apt-get install chromium)`);
}

/** Where the screenshots go, to be looked at (dist/ is ignored by git). */
const SCREENSHOTS = "dist/screenshots";

let setup: Promise<{ server: TestServer; browser: BrowserContext; root: string }> | undefined;

/** The server with the built site, and a browser with a fresh profile; made once, for the tests that run. */
function start() {
  return setup ??= (async () => {
    await initBackend({ threads: 1, log: false });
    const root = await Deno.makeTempDir({ prefix: "edgegan-site-test-" });
    await writeTinyModels(root);
    await buildSite(join(root, "site"));
    const server = startServer(root, await readSite(join(root, "site")));
    // launchPersistentContext is how Playwright takes a --user-data-dir: a fresh one, deleted with root.
    const browser = await chromium.launchPersistentContext(join(root, "profile"), {
      executablePath: CHROMIUM,
      args: ARGS,
    });
    return { server, browser, root };
  })();
}

function siteTest(name: string, fn: (page: Page, server: TestServer) => Promise<void>) {
  Deno.test({
    name,
    ignore: !existsSync(CHROMIUM),
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      const { server, browser } = await start();
      const page = await browser.newPage();
      page.setDefaultTimeout(120_000); // generous: CI machines are shared and slow at times
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      try {
        await fn(page, server);
        assertEquals(errors, []);
        // The views put their failures (a refused request too) in the notice, not in the console.
        const notice = await page.evaluate(
          `(({ hidden, textContent }) => hidden ? "" : textContent)(document.getElementById("notice"))`,
        );
        assertEquals(notice, "");
      } finally {
        await page.close();
      }
    },
  });
}

/** Opens the site and waits for the first grid. */
async function open(page: Page, server: TestServer, query = "") {
  await page.goto(`${server.url}/${query}`);
  await page.waitForSelector("#grid[data-shows]", { timeout: 60_000 });
}

// Code that runs in the page is written as strings: these tests type-check against Deno's globals, not the DOM's.

/** The red channel of a canvas: our models are gray. */
function canvasGray(page: Page, id: string): Promise<{ width: number; height: number; gray: number[] }> {
  return page.evaluate(`(() => {
    const canvas = document.getElementById(${JSON.stringify(id)});
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    return { width: canvas.width, height: canvas.height, gray: Array.from(data.filter((_, i) => i % 4 === 0)) };
  })()`);
}

/** Chooses a model in the page and waits until it is ready. */
async function chooseModel(page: Page, model: string) {
  await page.selectOption("#model", model);
  // data-model is the model whose renderer is in place, absent while one loads (even the same model again).
  await page.waitForFunction(`document.body.dataset.model === "${model}"`);
}

/** Types a seed into `input` and waits until canvas `id` shows it as its query's parameter `name`. */
async function setSeed(page: Page, input: string, seed: number, id: string, name: string) {
  await page.fill(input, String(seed));
  await page.dispatchEvent(input, "change");
  await page.waitForFunction(
    `new URLSearchParams(document.getElementById("${id}").dataset.shows).get("${name}") === "${seed}"`,
  ).catch(async (e) => {
    // Say what the page showed instead, so that a failure can be told apart from slowness.
    const state = await page.evaluate(`JSON.stringify({
      shows: document.getElementById("${id}").dataset.shows,
      model: document.body.dataset.model,
      notice: document.getElementById("notice").textContent,
      input: document.querySelector("${input}").value,
    })`);
    throw new Error(`${(e as Error).message}\npage: ${state}`);
  });
}

/**
 * Asserts canvas `id` shows the server's PNG from `route` for the query the
 * canvas shows. The latents are identical; the two backends' kernels sum in
 * different orders, so a value on a rounding edge may land one gray level
 * apart (about 1 pixel in 30 000 for the trained MNIST models).
 */
async function expectServerPixels(page: Page, server: TestServer, model: string, id: string, route: string) {
  const shown = await canvasGray(page, id);
  const query = await page.getAttribute(`#${id}`, "data-shows");
  const png = await fetch(`${server.url}/api/models/${model}/${route}?${query}`);
  const expected = decodePng(new Uint8Array(await png.arrayBuffer()));
  assertEquals([shown.width, shown.height], [expected.width, expected.height]);
  const gaps = shown.gray.map((v, i) => Math.abs(v - expected.pixels[i])).filter((gap) => gap > 0);
  const where = `${model} ${route}?${query}: ${gaps.length} of ${shown.gray.length} pixels differ`;
  assert(gaps.every((gap) => gap === 1) && gaps.length <= shown.gray.length / 1000, where);
}

siteTest("the page samples in the browser, and New seed changes the picture", async (page, server) => {
  await open(page, server);
  assertEquals(await page.getAttribute("body", "data-engine"), "in your browser (wasm)");
  await chooseModel(page, "tiny-mlp"); // the untrained DCGAN draws nearly flat gray
  const shows = await page.getAttribute("#grid", "data-shows");
  const before = await canvasGray(page, "grid");
  await page.click("text=New seed");
  await page.waitForFunction(`document.getElementById("grid").dataset.shows !== "${shows}"`);
  assert((await canvasGray(page, "grid")).gray.join() !== before.gray.join(), "the grid changed");
  // An emptied seed is no seed (Number("") is 0): the box is marked invalid; "New seed" mends it.
  await page.fill("#seed", "");
  await page.dispatchEvent("#seed", "change");
  assert(await page.evaluate(`!document.getElementById("seed").checkValidity()`), "the empty seed is marked");
  await page.click("text=New seed");
  await page.waitForFunction(`document.getElementById("seed").checkValidity()`);
});

siteTest(
  "in-browser grids and strips are the server's PNGs, to within a gray level",
  async (page, server) => {
    await open(page, server);
    for (const model of ["tiny-dcgan", "tiny-mlp"]) {
      await chooseModel(page, model);
      for (const seed of [1, 4000000000]) {
        await setSeed(page, "#seed", seed, "grid", "seed");
        await expectServerPixels(page, server, model, "grid", "samples");
        await setSeed(page, "#from", seed, "strip", "from");
        await expectServerPixels(page, server, model, "strip", "interpolate");
      }
    }
  },
);

siteTest(
  "a conditional model gets a class picker of its classes' names; a class changes the grid",
  async (page, server) => {
    await open(page, server);
    await chooseModel(page, "tiny-dcgan");
    assert(!(await page.isVisible("#class-field")), "an unconditional model has no class picker");
    await chooseModel(page, "tiny-mlp");
    const options = await page.evaluate(
      `Array.from(document.getElementById("class").options, (o) => o.text)`,
    );
    assertEquals(options, ["all, in turn", "a", "b", "c"]);
    const [shows, before] = [await page.getAttribute("#grid", "data-shows"), await canvasGray(page, "grid")];
    await page.selectOption("#class", { label: "c" });
    await page.waitForFunction(`document.getElementById("grid").dataset.shows !== ${JSON.stringify(shows)}`);
    assertEquals(new URLSearchParams((await page.getAttribute("#grid", "data-shows"))!).get("label"), "2");
    assert((await canvasGray(page, "grid")).gray.join() !== before.gray.join(), "the grid changed");
  },
);

siteTest("with ?engine=server the server's PNGs are drawn instead", async (page, server) => {
  await open(page, server, "?engine=server");
  assertEquals(await page.getAttribute("body", "data-engine"), "on the server");
  await chooseModel(page, "tiny-mlp");
  await setSeed(page, "#seed", 77, "grid", "seed");
  await expectServerPixels(page, server, "tiny-mlp", "grid", "samples");
  assert(await page.isVisible("text=needs sampling in the browser"));
});

siteTest(
  "an InfoGAN model gets a picker per categorical code and a slider per continuous one",
  async (page, server) => {
    await open(page, server);
    await chooseModel(page, "tiny-info");
    await page.waitForSelector("#single[data-shows]");
    assert(await page.isVisible("text=InfoGAN learned them without labels"));
    const changes = async (act: () => Promise<unknown>, what: string) => {
      const [shows, before] = [
        await page.getAttribute("#single", "data-shows"),
        await canvasGray(page, "single"),
      ];
      await act();
      await page.waitForFunction(
        `document.getElementById("single").dataset.shows !== ${JSON.stringify(shows)}`,
      );
      assert(
        (await canvasGray(page, "single")).gray.join() !== before.gray.join(),
        `${what} changed the sample`,
      );
    };
    await changes(() => page.selectOption('select[aria-label="categorical code 0"]', "2"), "the category");
    await changes(() => page.fill('input[aria-label="continuous code 1"]', "1.5"), "a continuous code");
    assertEquals(
      new URLSearchParams((await page.getAttribute("#single", "data-shows"))!).get("continuous"),
      "0,1.5",
    );
    // Other models keep their raw latent sliders.
    await chooseModel(page, "tiny-mlp");
    await page.waitForSelector('input[aria-label="z[0]"]');
  },
);

siteTest(
  "the arithmetic panel shows each group's mean and A − B + C; new seeds change it",
  async (page, server) => {
    await open(page, server);
    await chooseModel(page, "tiny-mlp");
    await page.waitForSelector("#arithmetic-strip[data-shows]");
    const before = await canvasGray(page, "arithmetic-strip");
    assertEquals(before.width, 4 * (8 + 2) + 2, "three means and their sum, 8 px each with padding");
    const shows = await page.getAttribute("#arithmetic-strip", "data-shows");
    await page.fill("#group-b", "11,12");
    await page.dispatchEvent("#group-b", "change");
    await page.waitForFunction(
      `document.getElementById("arithmetic-strip").dataset.shows !== ${JSON.stringify(shows)}`,
    );
    assert(
      (await canvasGray(page, "arithmetic-strip")).gray.join() !== before.gray.join(),
      "group B changed it",
    );
    assertEquals(JSON.parse((await page.getAttribute("#arithmetic-strip", "data-shows"))!).terms[1], {
      seeds: [11, 12],
      sign: -1,
    });
  },
);

siteTest(
  "the mode collapse panel draws the ring8 models' samples; New samples redraws",
  async (page, server) => {
    await open(page, server);
    await page.waitForSelector("#collapse-plots canvas");
    const caption = await page.textContent("#collapse-plots figcaption");
    assert(
      caption?.startsWith("GAN (run-2025-01-02t03-04-05): 8 of 8 modes, 97% of samples near one"),
      caption!,
    );
    const shows = await page.getAttribute("#collapse-plots canvas", "data-shows");
    await page.click("text=New samples");
    await page.waitForFunction(
      `document.querySelector("#collapse-plots canvas").dataset.shows !== ${JSON.stringify(shows)}`,
    );
  },
);

siteTest(
  "the drawing panel: a stroke is read by the semi-supervised model, which says it saw 30 labels",
  async (page, server) => {
    await open(page, server);
    await page.waitForSelector(
      "#draw-about:has-text('tiny-ssgan learned to read digits from 30 labelled examples')",
    );
    await page.locator("#draw-canvas").scrollIntoViewIfNeeded(); // the mouse acts in the viewport
    const box = (await page.locator("#draw-canvas").boundingBox())!;
    // A right-button drag draws nothing, and nothing is read.
    const ink = () =>
      page.evaluate(`(() => {
        const canvas = document.getElementById("draw-canvas");
        const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
        return data.some((v, i) => i % 4 === 0 && v > 0);
      })()`);
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
    await page.mouse.down({ button: "right" });
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.8, { steps: 5 });
    await page.mouse.up({ button: "right" });
    assertEquals(await ink(), false);
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.8, { steps: 5 });
    await page.mouse.up();
    await page.waitForSelector("#draw-result[data-shows]", { timeout: 20_000 });
    const p = JSON.parse((await page.getAttribute("#draw-result", "data-shows"))!) as number[];
    assertEquals(p.length, 3);
    assert(Math.abs(p.reduce((a, b) => a + b) - 1) < 1e-4, `${p} sums to 1`);
    assertEquals(await page.locator("#draw-result .bar").count(), 3);
    await page.click("#draw-clear");
    assertEquals(await page.locator("#draw-result .bar").count(), 0);
    // An answer that arrives after Clear is dropped, not painted over the cleared panel.
    let release!: () => void;
    const held = new Promise<void>((resolve) => release = resolve);
    await page.route("**/classify", async (route) => {
      await held;
      await route.continue();
    });
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.7, { steps: 5 });
    await page.mouse.up();
    await page.click("#draw-clear");
    release();
    await page.waitForSelector("#draw-result[data-dropped]", { state: "attached" });
    assertEquals(await page.locator("#draw-result .bar").count(), 0);
  },
);

siteTest(
  "the sketch panel: each stroke is translated by the pix2pix model, and the picture changes with it",
  async (page, server) => {
    await open(page, server);
    await page.waitForSelector("#sketch-about:has-text('tiny-pix2pix translates sketch to photo')");
    await page.locator("#sketch-canvas").scrollIntoViewIfNeeded(); // the mouse acts in the viewport
    const box = (await page.locator("#sketch-canvas").boundingBox())!;
    const stroke = async (from: [number, number], to: [number, number]) => {
      await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 8 });
      await page.mouse.up();
    };
    const shown = () => page.getAttribute("#sketch-output", "data-shows");
    await stroke([0.2, 0.2], [0.8, 0.2]);
    await page.waitForSelector("#sketch-output[data-shows]", { timeout: 20_000 });
    const first = await shown();
    await stroke([0.2, 0.3], [0.2, 0.9]);
    await page.waitForFunction(
      `document.getElementById("sketch-output").dataset.shows !== "${first}"`,
      null,
      {
        timeout: 20_000,
      },
    );
    await page.click("#sketch-clear");
    assertEquals(await shown(), null);
  },
);

siteTest(
  "the training view follows a job with the token, again when its stream ends early: losses and the epoch's grid",
  async (page, server) => {
    const response = await fetch(`${server.url}/api/jobs`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ data: "ring8", epochs: 1, batch: 2048, threads: 1 }),
    });
    const job = await response.json();
    await open(page, server);
    await page.fill("#token", "wrong-token-0123456789");
    await page.click("text=Connect");
    await page.waitForSelector("text=could not connect: wrong token");
    // The first stream ends while the job still runs, as the server cuts off a reader too far behind:
    // the view follows the job again.
    let streams = 0;
    await page.route("**/events", async (route) => {
      if (++streams > 1) return await route.continue();
      const running = `event: status\ndata: ${JSON.stringify({ ...job, status: "running" })}\n\n`;
      await route.fulfill({ status: 200, contentType: "text/event-stream", body: running });
    });
    await page.fill("#token", TOKEN);
    await page.click("text=Connect");
    await page.waitForSelector(`#job-status:has-text("${job.id}: finished")`, { timeout: 60_000 });
    // The metrics go to a line of their own, outside the live region that announces the job's changes.
    assert((await page.textContent("#job-progress"))!.startsWith("epoch 1/1 · iteration "));
    assertEquals(streams, 2);
    // The toys have no classes: their conditioning is the recipe's (none), not to be chosen.
    const conditioningOff = () => page.evaluate(`document.getElementById("conditional").disabled`);
    await page.selectOption("#data", "ring8");
    assertEquals(await conditioningOff(), true);
    await page.selectOption("#data", "mnist");
    assertEquals(await conditioningOff(), false);
    assert((await page.getAttribute("#job-grid", "src"))!.startsWith("data:image/png;base64,"));
    assertEquals(await page.textContent("#job-epoch"), "epoch 1");
  },
);

siteTest(
  "screenshots at desktop and phone size (after the training view's test); nothing overflows a phone",
  async (page, server) => {
    await Deno.mkdir(SCREENSHOTS, { recursive: true });
    for (const [name, width, height] of [["desktop", 1280, 800], ["phone", 390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await open(page, server);
      await chooseModel(page, "tiny-mlp");
      await page.waitForSelector("#strip[data-shows]");
      await page.fill("#token", TOKEN);
      await page.click("text=Connect"); // shows the last job, which the test before ran
      await page.waitForSelector("#job-grid:not([hidden])");
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
      assert(await page.evaluate("document.documentElement.scrollWidth <= innerWidth"), `${name} overflows`);
    }
  },
);

Deno.test({
  name: "(closing the browser and the server)",
  ignore: !existsSync(CHROMIUM),
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const { server, browser, root } = await start();
    await browser.close();
    await server.close();
    await Deno.remove(root, { recursive: true });
  },
});
