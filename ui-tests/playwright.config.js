/**
 * Galata configuration. No browser can be downloaded here: the tests drive
 * Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium), headless.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

module.exports = {
  ...baseConfig,
  timeout: 120000,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list']],
  use: {
    ...baseConfig.use,
    headless: true,
    // Video needs Playwright's own ffmpeg download, which is impossible here.
    video: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run'
      ]
    }
  },
  projects: [
    {
      name: 'jupyterlab',
      testIgnore: /(notebook7|jupyterlite)\.spec\.ts$/
    },
    {
      // The browser benchmark (npm run bench:browser), not a test.
      name: 'bench',
      testDir: './bench',
      testMatch: /\.bench\.ts$/,
      retries: 0
    },
    {
      name: 'notebook7',
      testMatch: /notebook7\.spec\.ts$/,
      use: { baseURL: 'http://localhost:8899' }
    },
    {
      name: 'jupyterlite',
      testMatch: /jupyterlite\.spec\.ts$/,
      use: { baseURL: 'http://127.0.0.1:8900' }
    }
  ],
  webServer: [
    {
      command: 'npm start',
      url: 'http://localhost:8888/lab',
      timeout: 180 * 1000,
      reuseExistingServer: !process.env.CI,
      // Jupyter's request log would drown the test report.
      stdout: 'ignore',
      stderr: 'ignore'
    },
    {
      // A static JupyterLite site with the extension, served on loopback.
      command: 'npm run start:jupyterlite',
      url: 'http://127.0.0.1:8900/lab/index.html',
      timeout: 180 * 1000,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'ignore'
    },
    {
      command: 'npm run start:notebook7',
      url: 'http://localhost:8899/tree',
      timeout: 180 * 1000,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'ignore'
    }
  ]
};
