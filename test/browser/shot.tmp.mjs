import { serveStatic, launch, openPage, waitReady } from './harness.mjs';
const server = await serveStatic('/work/main/dist', '/x/');
const browser = await launch();
const { page } = await openPage(browser, server.url + (process.argv[2] ?? ''), { colorScheme: process.argv[3] ?? 'light' });
await waitReady(page);
await page.waitForTimeout(6000);
await page.screenshot({ path: '/tmp/shot.png', fullPage: false });
await browser.close(); server.close();
