// Drives Debian's headless Chromium through the portal with playwright-core: sign in, open the
// repository, open its licence, click Continue, and check the page says it was accepted. Also checks
// the session cookie's flags (context.cookies()), that a 360 px wide window has no horizontal scroll,
// and takes screenshots. Called by tests/clients/portal.sh; prints "ok: ..." lines, exits non-zero on
// the first failure.
//
// Environment: PORTAL_URL (http://127.0.0.1:PORT), PORTAL_USER, PORTAL_PASSWORD, PORTAL_REPOSITORY,
// PORTAL_VERSION (the licence version to accept), PORTAL_SHOTS (a directory for screenshots),
// PLAYWRIGHT_HOME (the directory whose node_modules holds playwright-core), CHROMIUM (the browser).
import { createRequire } from "node:module";
import path from "node:path";

const env = (name) => {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set`);
    }
    return value;
};
const base = env("PORTAL_URL");
const user = env("PORTAL_USER");
const password = env("PORTAL_PASSWORD");
const repository = env("PORTAL_REPOSITORY");
const version = env("PORTAL_VERSION");
const shots = env("PORTAL_SHOTS");
const require = createRequire(path.join(env("PLAYWRIGHT_HOME"), "package.json"));
const { chromium } = require("playwright-core");

function check(condition, what) {
    if (!condition) {
        throw new Error(`check failed: ${what}`);
    }
    console.log(`ok: ${what}`);
}

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
    // launch() gives Chromium a fresh, empty profile of its own (it refuses --user-data-dir).
    ignoreDefaultArgs: false,
    timeout: 20000,
});
try {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10000);
    const failures = [];
    page.on("pageerror", (error) => failures.push(String(error)));
    page.on("console", (message) => {
        // (the browser asks for /favicon.ico, which the portal does not have: its 404 is no fault)
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
            failures.push(message.text());
        }
    });

    // Sign in from the list of repositories.
    await page.goto(`${base}/portal/`);
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL(/\/portal\/sign-in/);
    await page.getByLabel("User name").fill(user);
    await page.getByLabel("Password or auth token").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/portal/`);
    check((await page.textContent("header")).includes(`Signed in as ${user}`), `signed in as ${user}`);

    const cookies = await context.cookies(`${base}/portal/`);
    const session = cookies.find((c) => c.name === "berth_portal");
    check(session !== undefined, "the browser keeps the berth_portal session cookie");
    check(session.httpOnly === true, "the session cookie is HttpOnly");
    check(session.secure === true, "the session cookie is Secure");
    check(session.sameSite === "Lax", "the session cookie is SameSite=Lax");
    check(session.path === "/portal", "the session cookie's path is /portal");
    check((await page.evaluate(() => document.cookie)).indexOf("berth_portal") < 0,
        "scripts cannot read the session cookie");

    // The repository, its licence status, the licence, Continue.
    await page.getByRole("link", { name: repository, exact: true }).click();
    await page.waitForURL(`${base}/portal/repositories/${repository}`);
    check((await page.textContent("#licence-status")).includes("Accept the licence to pull"),
        "the repository page says to accept the licence");
    check((await page.textContent("body")).includes(`docker pull ${new URL(base).host}/${repository}:`),
        "the pull command names the host the browser used");
    await page.getByRole("link", { name: "Read and accept the licence" }).click();
    await page.waitForURL(`${base}/portal/repositories/${repository}/licence`);
    check((await page.textContent(".meta")).includes(`Version ${version}`), `the licence page shows version ${version}`);
    check(await page.locator("input[name=version]").inputValue() === version, "Continue accepts the version shown");
    await page.screenshot({ path: path.join(shots, `licence-v${version}.png`), fullPage: true });

    // A narrow window: no horizontal scroll on the licence and repository pages.
    const narrow = await context.newPage();
    await narrow.setViewportSize({ width: 360, height: 740 });
    for (const where of [`/portal/repositories/${repository}/licence`, `/portal/repositories/${repository}`, "/portal/"]) {
        await narrow.goto(`${base}${where}`);
        const widths = await narrow.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        check(widths[0] <= widths[1], `${where} fits a 360 px window (scroll width ${widths[0]} <= ${widths[1]})`);
    }
    await narrow.goto(`${base}/portal/repositories/${repository}/licence`);
    await narrow.screenshot({ path: path.join(shots, `licence-v${version}-360px.png`), fullPage: true });
    await narrow.close();

    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${base}/portal/repositories/${repository}`);
    const status = await page.textContent("#licence-status");
    check(status.includes(`You accepted version ${version}`), `the repository page says: ${status.trim().split("\n")[0]}`);
    await page.screenshot({ path: path.join(shots, `accepted-v${version}.png`), fullPage: true });
    check(failures.length === 0, `no script errors or CSP violations in the pages (${failures.join("; ")})`);
    await context.close();
} finally {
    await browser.close();
}
